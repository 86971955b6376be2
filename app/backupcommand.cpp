#include "appcontext.h"
#include "commands.h"

#include <models/clock.h>
#include <models/database.h>
#include <services/backup/backupservice.h>

#include <QFileInfo>

#include <cstdio>

namespace Callvia::App {

namespace {

bool requireSqlite(AppContext &context)
{
    if (context.database().isSqlite())
        return true;
    std::fprintf(stderr, "callvia: backups are for the SQLite database; for PostgreSQL use pg_dump and pg_restore\n");
    return false;
}

} // namespace

// callvia backup FILE: a consistent online copy (safe while a listener writes).
int runBackupCommand(AppContext &context, const QStringList &arguments)
{
    if (arguments.size() != 2) {
        std::fprintf(stderr, "usage: callvia [--database FILE] backup FILE\n");
        return 2;
    }
    if (!requireSqlite(context))
        return 2;
    const QString target = QFileInfo(arguments.at(1)).absoluteFilePath();
    if (const Models::DbError error = context.database().backupTo(target)) {
        std::fprintf(stderr, "callvia: %s\n", qPrintable(error.message()));
        return 1;
    }
    Services::BackupService::audit(context.database(), context.clock(), &context.session(),
                                   QStringLiteral("database.backup"), { { QStringLiteral("file"), target } });
    std::printf("backed up %s to %s\n", qPrintable(context.database().url().path), qPrintable(target));
    return 0;
}

// callvia restore FILE: replaces the database by a backup, keeping the replaced file aside.
int runRestoreCommand(AppContext &context, const QStringList &arguments)
{
    if (arguments.size() != 2) {
        std::fprintf(stderr, "usage: callvia [--database FILE] restore BACKUP\n");
        return 2;
    }
    if (!requireSqlite(context))
        return 2;
    const QString databasePath = context.database().url().path;
    context.database().releaseThreadConnection();
    const Models::DbResult<QString> aside =
            Services::BackupService::restore(QFileInfo(arguments.at(1)).absoluteFilePath(), databasePath, context.clock());
    if (!aside.ok()) {
        std::fprintf(stderr, "callvia: %s\n", qPrintable(aside.error().message()));
        return 1;
    }
    // Recorded in the restored database: its history now continues from the backup.
    if (!context.database().open())
        Services::BackupService::audit(context.database(), context.clock(), &context.session(),
                                       QStringLiteral("database.restore"),
                                       { { QStringLiteral("from"), QFileInfo(arguments.at(1)).absoluteFilePath() },
                                         { QStringLiteral("replaced_kept_as"), aside.value() } });
    std::printf("restored %s from %s; the replaced database is kept as %s\n", qPrintable(databasePath),
                qPrintable(arguments.at(1)), qPrintable(aside.value()));
    return 0;
}

} // namespace Callvia::App
