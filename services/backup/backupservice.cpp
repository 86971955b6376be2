#include "backupservice.h"

#include <models/clock.h>
#include <models/database.h>
#include <services/auth/auditlog.h>

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QStandardPaths>
#include <QTimer>
#include <QUuid>

Q_LOGGING_CATEGORY(lcBackup, "callvia.backup")

namespace Callvia::Services {

namespace {
const QString filePrefix = QStringLiteral("callvia-");

QString stamp(const Models::Clock &clock)
{
    return clock.nowUtc().toString(QStringLiteral("yyyyMMdd-HHmmss"));
}
} // namespace

BackupService::BackupService(Models::Database &database, const Models::Clock &clock, QString folder, QObject *parent)
    : QObject(parent), m_database(database), m_clock(clock), m_folder(std::move(folder))
{
}

QString BackupService::defaultFolder()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).filePath(QStringLiteral("backups"));
}

QString BackupService::folder() const
{
    const QMutexLocker lock(&m_folderMutex);
    return m_folder;
}

void BackupService::setFolder(const QString &folder)
{
    const QMutexLocker lock(&m_folderMutex);
    m_folder = folder;
}

QStringList BackupService::backups() const
{
    const QDir dir(folder());
    QStringList files = dir.entryList({ filePrefix + QStringLiteral("*.sqlite") }, QDir::Files, QDir::Name | QDir::Reversed);
    for (QString &file : files)
        file = dir.filePath(file);
    return files;
}

void BackupService::audit(Models::Database &database, const Models::Clock &clock, const Session *actor,
                          const QString &action, const QJsonObject &what)
{
    QJsonObject after = what;
    if (!actor)
        after.insert(QStringLiteral("by"), QStringLiteral("schedule"));
    AuditLog(database, clock).record(actor, action, QStringLiteral("database"), QString(), {}, after);
}

Models::DbResult<QString> BackupService::backupNow(const Session *actor)
{
    const QMutexLocker running(&m_running);
    const QString folder = this->folder();
    if (!Models::Database::makePrivateFolder(folder)) // 0700: backups hold the whole database
        return Models::DbError(Models::DbError::Unavailable, tr("cannot create backup folder %1").arg(folder));
    QString path = QDir(folder).filePath(filePrefix + stamp(m_clock) + QStringLiteral(".sqlite"));
    if (QFileInfo::exists(path)) // two backups in one second: keep both
        path.insert(path.size() - 7, QLatin1Char('-') + QUuid::createUuid().toString(QUuid::Id128).left(6));
    if (const Models::DbError error = m_database.backupTo(path)) {
        qCWarning(lcBackup).noquote() << error.message();
        Q_EMIT backupFailed(error.message());
        return error;
    }
    prune();
    qCInfo(lcBackup).noquote() << "backed up to" << path;
    audit(m_database, m_clock, actor, QStringLiteral("database.backup"), { { QStringLiteral("file"), path } });
    Q_EMIT backupFinished(path);
    return path;
}

void BackupService::prune()
{
    const QMutexLocker running(&m_running);
    const QStringList files = backups();
    for (int i = m_keep; i < files.size(); ++i)
        QFile::remove(files.at(i));
}

void BackupService::runIfDue()
{
    const QMutexLocker running(&m_running);
    const QStringList files = backups();
    if (!files.isEmpty()) {
        // The stamp in the name comes from the clock, so a test clock drives the schedule.
        const QString name = QFileInfo(files.first()).completeBaseName().mid(filePrefix.size(), 15);
        QDateTime newest = QDateTime::fromString(name, QStringLiteral("yyyyMMdd-HHmmss"));
        newest.setTimeSpec(Qt::UTC);
        if (newest.isValid() && m_clock.nowMs() - newest.toMSecsSinceEpoch() < m_intervalMs)
            return;
    }
    backupNow();
}

void BackupService::start(int checkMs)
{
    if (!m_timer) {
        m_timer = new QTimer(this);
        connect(m_timer, &QTimer::timeout, this, &BackupService::runIfDue);
    }
    m_timer->start(checkMs);
    QTimer::singleShot(0, this, &BackupService::runIfDue);
}

Models::DbResult<QString> BackupService::restore(const QString &backupPath, const QString &databasePath,
                                                 const Models::Clock &clock)
{
    if (!QFileInfo(backupPath).isFile())
        return Models::DbError(Models::DbError::Invalid, tr("%1 does not exist").arg(backupPath));
    {
        QString parseError;
        Models::Database backup(*Models::DatabaseUrl::parse(backupPath, &parseError));
        const Models::DbResult<int> version = backup.schemaVersion();
        if (!version.ok())
            return Models::DbError(Models::DbError::Invalid, tr("%1 is not a usable backup: %2")
                                                                     .arg(backupPath, version.error().message()));
        if (version.value() <= 0)
            return Models::DbError(Models::DbError::Invalid, tr("%1 is not a Callvia backup").arg(backupPath));
        if (version.value() > Models::Database::LatestSchemaVersion)
            return Models::DbError(Models::DbError::Invalid,
                                   tr("%1 has schema version %2, newer than this Callvia (%3); not restored")
                                           .arg(backupPath)
                                           .arg(version.value())
                                           .arg(Models::Database::LatestSchemaVersion));
        const Models::DbResult<QString> check = backup.integrityCheck();
        if (!check.ok() || check.value() != QLatin1String("ok"))
            return Models::DbError(Models::DbError::Invalid, tr("%1 fails the integrity check: %2")
                                                                     .arg(backupPath, check.ok() ? check.value()
                                                                                                 : check.error().message()));
    }
    QString aside = databasePath + QStringLiteral(".replaced-") + stamp(clock);
    if (!QFileInfo::exists(databasePath)) {
        aside.clear();
    } else {
        if (!QFile::rename(databasePath, aside))
            return Models::DbError(Models::DbError::Unavailable, tr("cannot move %1 aside").arg(databasePath));
        for (const char *suffix : { "-wal", "-shm" }) {
            const QString side = databasePath + QLatin1String(suffix);
            if (QFileInfo::exists(side))
                QFile::rename(side, aside + QLatin1String(suffix));
        }
    }
    if (!QFile::copy(backupPath, databasePath)) {
        if (!aside.isEmpty())
            QFile::rename(aside, databasePath);
        return Models::DbError(Models::DbError::Unavailable, tr("cannot copy %1 to %2").arg(backupPath, databasePath));
    }
    QFile(databasePath).setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    return aside;
}

} // namespace Callvia::Services
