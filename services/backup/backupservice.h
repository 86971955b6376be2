#pragma once

#include <models/dberror.h>

#include <QJsonObject>
#include <QMutex>
#include <QObject>
#include <QRecursiveMutex>
#include <QStringList>

class QTimer;

namespace Callvia::Models {
class Clock;
class Database;
}

namespace Callvia::Services {

class Session;

// Online backups of the SQLite database: on demand and on a schedule (daily by default,
// keeping the newest 7 in a folder the user chooses), plus restore. Backups are consistent
// copies made with VACUUM INTO while the listener keeps writing. Thread-safe: the schedule may
// run it on a service thread (that thread's connection) while the window backs up on demand.
class BackupService final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BackupService)
public:
    BackupService(Models::Database &database, const Models::Clock &clock, QString folder, QObject *parent = nullptr);

    static QString defaultFolder();
    QString folder() const;
    void setFolder(const QString &folder);
    void setKeep(int keep) { m_keep = qMax(1, keep); }
    void setIntervalMs(qint64 intervalMs) { m_intervalMs = intervalMs; }

    // Writes callvia-YYYYMMDD-HHMMSS.sqlite (UTC, from the clock) into the folder and prunes
    // to the newest `keep`; returns the new file's path. A backup is an export of every client's
    // data: it is audited (database.backup) as `actor`, or as the schedule when null.
    Models::DbResult<QString> backupNow(const Session *actor = nullptr);
    // Audits a backup written elsewhere (`callvia backup FILE`) or a restore that just replaced
    // the database (recorded in the restored database).
    static void audit(Models::Database &database, const Models::Clock &clock, const Session *actor,
                      const QString &action, const QJsonObject &what);
    // Backs up when the newest backup in the folder is older than the interval.
    void runIfDue();
    // Checks runIfDue every checkMs on a timer (the schedule; time comes from the clock).
    void start(int checkMs = 15 * 60 * 1000);
    QStringList backups() const; // newest first

    // Replaces the SQLite file at databasePath by backupPath. Refuses a backup that is not a
    // Callvia database, fails PRAGMA integrity_check or has a newer schema than this build.
    // The replaced file is kept beside it as <name>.replaced-<UTC stamp>; returns that path.
    // No connection to databasePath may be open.
    static Models::DbResult<QString> restore(const QString &backupPath, const QString &databasePath,
                                             const Models::Clock &clock);

Q_SIGNALS:
    void backupFinished(const QString &path);
    void backupFailed(const QString &message);

private:
    void prune();

    Models::Database &m_database;
    const Models::Clock &m_clock;
    mutable QMutex m_folderMutex;
    QString m_folder; // under m_folderMutex
    QRecursiveMutex m_running; // one backup (and its pruning) at a time
    int m_keep = 7;
    qint64 m_intervalMs = 24 * 3600 * 1000;
    QTimer *m_timer = nullptr;
};

} // namespace Callvia::Services
