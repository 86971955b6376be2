#include "commands.h"

namespace Callvia::App {

// --- commands: declarations ---
int runImportCommand(AppContext &context, const QStringList &arguments);

// --- end declarations ---

const QList<Command> &commands()
{
    static const QList<Command> all = {
        // --- commands: import (issue 9) ---
        { "import", "Import leads from a CSV file into a campaign", &runImportCommand },

        // --- end import ---


        // --- commands: user (issue 6) ---

        // --- end user ---


        // --- commands: backup (issue 11) ---

        // --- end backup ---
    };
    return all;
}

const Command *findCommand(const QString &name)
{
    for (const Command &command : commands()) {
        if (name == QLatin1String(command.name))
            return &command;
    }
    return nullptr;
}

} // namespace Callvia::App
