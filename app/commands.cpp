#include "commands.h"

namespace Callvia::App {

// --- commands: declarations ---
int runBackupCommand(AppContext &context, const QStringList &arguments);
int runRestoreCommand(AppContext &context, const QStringList &arguments);
int runUserCommand(AppContext &context, const QStringList &arguments); // usercommand.cpp (issue 6)
int runSecretCommand(AppContext &context, const QStringList &arguments);
int runImportCommand(AppContext &context, const QStringList &arguments);

// --- end declarations ---

const QList<Command> &commands()
{
    static const QList<Command> all = {
        // --- commands: import (issue 9) ---
        { "import", "Import leads from a CSV file into a campaign", &runImportCommand },

        // --- end import ---


        // --- commands: user (issue 6) ---
        { "user", "add|passwd|disable|enable|list users (password on stdin)", &runUserCommand },
        { "secret", "set KEY (value on stdin) | list: encrypted provider secrets", &runSecretCommand },

        // --- end user ---


        // --- commands: backup (issue 11) ---
        { "backup", "backup FILE: copy the SQLite database online", &runBackupCommand },
        { "restore", "restore FILE: replace the SQLite database by a backup", &runRestoreCommand },

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
