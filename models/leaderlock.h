#pragma once

#include "database.h"
#include "dberror.h"

#include <QString>

namespace Callvia::Models {

// The SQL of the team's leader election (PostgreSQL only): a session-level advisory lock held on
// a dedicated connection that nothing else uses. The server releases the lock when that session
// ends: a clean close, a crash of the process (the socket closes), pg_terminate_backend, or a
// dead peer found by TCP keepalive (set on both ends by open()).
class LeaderLock final
{
    Q_DISABLE_COPY_MOVE(LeaderLock)
public:
    // The advisory lock's two keys (pg_locks.classid/objid): "CVIA" and 1 = the scheduled services.
    static constexpr int LockClass = 0x43564941;
    static constexpr int SchedulerLock = 1;

    // `identity` (e.g. host:pid) becomes the session's application_name, so any instance can tell
    // who holds the lock. The connection is opened by open().
    LeaderLock(const DatabaseUrl &url, const QString &connectionName, const QString &identity);
    ~LeaderLock();

    // Opens the dedicated connection with client-side keepalive (probe after `keepaliveSeconds`
    // idle, every second, dead after 2 lost probes; tcp_user_timeout bounds a write) and the same
    // on the server side (tcp_keepalives_*), plus a statement timeout.
    DbError open(int keepaliveSeconds);
    bool isOpen() const;
    // Closes the session: the server drops the lock with it.
    void close();
    // pg_try_advisory_lock: true when this session holds the lock now (also when it already did).
    DbResult<bool> tryAcquire();
    // Whether this session still holds the lock (false or an error: leadership is gone).
    DbResult<bool> isHeld();
    // pg_advisory_unlock (the session stays open).
    DbError release();
    // The server process id of this session (tests terminate it).
    DbResult<int> backendPid();

    // Who holds the lock now, read on `database` (any connection): the holder's application_name
    // ("callvia-leader:host:pid"), or an empty string when nobody does.
    static DbResult<QString> holder(Database &database);

private:
    DbResult<QSqlQuery> run(const QString &sql);

    QString m_connectionName;
};

} // namespace Callvia::Models
