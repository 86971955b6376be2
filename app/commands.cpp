#include "commands.h"

namespace Callvia::App {

// --- commands: declarations ---
int runBackupCommand(AppContext &context, const QStringList &arguments);
int runRestoreCommand(AppContext &context, const QStringList &arguments);
int runUserCommand(AppContext &context, const QStringList &arguments); // usercommand.cpp (issue 6)
int runSecretCommand(AppContext &context, const QStringList &arguments);
int runImportCommand(AppContext &context, const QStringList &arguments);
int runDncCommand(AppContext &context, const QStringList &arguments); // dnccommand.cpp (issue 25)

// --- end declarations ---

const QList<Command> &commands()
{
    static const QList<Command> all = {
        // --- commands: import (issue 9) ---
        { "import", "Import leads from a CSV file into a campaign", &runImportCommand,
          "callvia [--database URL] [--user NAME] import --campaign ID FILE.csv [--region US]\n"
          "        [--on-duplicate skip|update] [--rejects FILE] [--dry-run]\n"
          "        [--encoding auto|utf-8|windows-1252]\n"
          "Prints a one-line JSON summary on stdout; progress on stderr when it is a terminal." },

        // --- end import ---

        { "dnc", "import FILE | list: the internal do-not-call list", &runDncCommand,
          "callvia [--database URL] [--user NAME] dnc import FILE.csv [--client ID] [--region US]\n"
          "callvia dnc list [--search TEXT] [--all]\n"
          "The file has a header with a phone and/or email column (optional reason). Bad rows are\n"
          "listed on stderr by line and field and the good ones kept; entries already on the list\n"
          "are counted, not doubled. Exit 1 when the file cannot be used." },


        // --- commands: user (issue 6) ---
        { "user", "add|passwd|disable|enable|list users (password on stdin)", &runUserCommand,
          "callvia [--database URL] [--user NAME] user add NAME [--role admin|staff|client] [--client ID]\n"
          "        [--display-name TEXT] [--password-env VAR] [--must-change]\n"
          "callvia user passwd NAME [--password-env VAR] [--must-change]\n"
          "callvia user disable|enable NAME\n"
          "callvia user list\n"
          "Passwords are read from stdin unless --password-env names a variable." },
        { "secret", "set KEY (value on stdin) | list: encrypted provider secrets", &runSecretCommand,
          "callvia [--database URL] [--user NAME] secret set KEY [--value-env VAR]\n"
          "callvia secret list\n"
          "The value is read from stdin unless --value-env names a variable; list never prints values." },

        // --- end user ---


        // --- commands: backup (issue 11) ---
        { "backup", "backup FILE: copy the SQLite database online", &runBackupCommand,
          "callvia [--database FILE] [--user NAME] backup FILE" },
        { "restore", "restore FILE: replace the SQLite database by a backup", &runRestoreCommand,
          "callvia [--database FILE] [--user NAME] restore BACKUP\n"
          "Stop every Callvia using the database first." },

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
