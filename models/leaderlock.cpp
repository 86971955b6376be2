#include "leaderlock.h"

#include "sqlhelpers.h"

#include <QRegularExpression>
#include <QSqlError>

namespace Callvia::Models {

namespace {

QString applicationName(const QString &identity)
{
    QString name = QStringLiteral("callvia-leader:") + identity;
    static const QRegularExpression unsafe(QStringLiteral("[^A-Za-z0-9._:-]"));
    name.replace(unsafe, QStringLiteral("_"));
    return name.left(63); // NAMEDATALEN - 1
}

} // namespace

LeaderLock::LeaderLock(const DatabaseUrl &url, const QString &connectionName, const QString &identity)
    : m_connectionName(connectionName)
{
    QSqlDatabase db = url.addConnection(connectionName);
    db.setConnectOptions(db.connectOptions() + QStringLiteral(";application_name=") + applicationName(identity));
}

LeaderLock::~LeaderLock()
{
    close();
    QSqlDatabase::removeDatabase(m_connectionName);
}

DbError LeaderLock::open(int keepaliveSeconds)
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    if (db.isOpen())
        return {};
    const QString base = db.connectOptions().section(QStringLiteral(";keepalives="), 0, 0);
    db.setConnectOptions(base
                         + QStringLiteral(";keepalives=1;keepalives_idle=%1;keepalives_interval=1;keepalives_count=2;"
                                          "tcp_user_timeout=%2")
                                   .arg(keepaliveSeconds)
                                   .arg((keepaliveSeconds + 2) * 1000));
    if (!db.open())
        return { DbError::Unavailable, QStringLiteral("leader election connection: %1").arg(db.lastError().text()) };
    // The server finds a dead leader the same way and ends its session, which frees the lock.
    for (const QString &setting : { QStringLiteral("SET tcp_keepalives_idle = %1").arg(keepaliveSeconds),
                                    QStringLiteral("SET tcp_keepalives_interval = 1"),
                                    QStringLiteral("SET tcp_keepalives_count = 2"),
                                    QStringLiteral("SET statement_timeout = %1").arg(keepaliveSeconds * 1000) }) {
        if (const DbResult<QSqlQuery> done = run(setting); !done.ok()) {
            db.close();
            return done.error();
        }
    }
    return {};
}

bool LeaderLock::isOpen() const
{
    return QSqlDatabase::database(m_connectionName, false).isOpen();
}

void LeaderLock::close()
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    if (db.isValid())
        db.close();
}

DbResult<QSqlQuery> LeaderLock::run(const QString &sql)
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    if (!query.exec(sql))
        return DbError::fromSql(query.lastError());
    return query;
}

DbResult<bool> LeaderLock::tryAcquire()
{
    DbResult<QSqlQuery> q = run(QStringLiteral("SELECT pg_try_advisory_lock(%1, %2)").arg(LockClass).arg(SchedulerLock));
    if (!q.ok())
        return q.error();
    return q.value().next() && q.value().value(0).toBool();
}

DbResult<bool> LeaderLock::isHeld()
{
    DbResult<QSqlQuery> q = run(QStringLiteral("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND "
                                               "pid = pg_backend_pid() AND classid = %1 AND objid = %2 AND "
                                               "objsubid = 2 AND granted")
                                        .arg(LockClass)
                                        .arg(SchedulerLock));
    if (!q.ok())
        return q.error();
    return q.value().next() && q.value().value(0).toInt() > 0;
}

DbError LeaderLock::release()
{
    DbResult<QSqlQuery> q = run(QStringLiteral("SELECT pg_advisory_unlock(%1, %2)").arg(LockClass).arg(SchedulerLock));
    return q.ok() ? DbError() : q.error();
}

DbResult<int> LeaderLock::backendPid()
{
    DbResult<QSqlQuery> q = run(QStringLiteral("SELECT pg_backend_pid()"));
    if (!q.ok())
        return q.error();
    return q.value().next() ? q.value().value(0).toInt() : 0;
}

DbResult<QString> LeaderLock::holder(Database &database)
{
    if (database.isSqlite())
        return QString();
    DbResult<QSqlQuery> q = Sql::exec(database,
                                      QStringLiteral("SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a "
                                                     "ON a.pid = l.pid WHERE l.locktype = 'advisory' AND l.classid = ? "
                                                     "AND l.objid = ? AND l.objsubid = 2 AND l.granted "
                                                     "AND l.database = (SELECT oid FROM pg_database WHERE "
                                                     "datname = current_database())"),
                                      { LockClass, SchedulerLock });
    if (!q.ok())
        return q.error();
    return q.value().next() ? q.value().value(0).toString() : QString();
}

} // namespace Callvia::Models
