#pragma once

#include <QString>
#include <QStringList>

namespace Callvia::App {

class AppContext;

// A sub-command such as `callvia import …`: gets the opened, migrated context and its own
// arguments (command name first), prints to stdout/stderr, returns the process exit code.
struct Command
{
    const char *name;
    const char *summary;
    int (*run)(AppContext &context, const QStringList &arguments);
    const char *usage; // printed by `callvia COMMAND --help`, before any database is opened
};

const QList<Command> &commands();
const Command *findCommand(const QString &name);

} // namespace Callvia::App
