#pragma once

#include <models/database.h>

#include <QObject>
#include <QString>

#include <atomic>
#include <functional>
#include <memory>

class QTimer;

namespace Callvia::Models {
class LeaderLock;
}

namespace Callvia::Services {

// Team deployment (issue 26): of several instances on one PostgreSQL, only the one holding a
// session-level advisory lock runs the scheduled services (the Scheduler and its jobs). Each
// instance runs one LeaderElection on its own thread with its own connection:
//  - not leader: every check tries pg_try_advisory_lock; on success it becomes leader
//    (leadershipAcquired);
//  - leader: every check confirms the lock is still held on its session; when the query fails or
//    the lock is gone (connection killed, server restarted, network dead) it steps down: the
//    stepDown callback stops the services (and returns only when no pass runs any more), then
//    leadershipLost is emitted and the session is closed, which frees the lock on the server.
// Why the old leader stops before a new one starts: the server frees the lock of a dead peer only
// after TCP keepalive gives up (idle keepaliveSeconds, then 2 lost probes a second apart), while
// the leader checks every checkIntervalMs with the same keepalive on its side plus a statement
// timeout, so it notices first; a lock freed by pg_terminate_backend or a closed session is noticed
// at the next check (within checkIntervalMs) and the killed session can run no statement anyway.
class LeaderElection final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LeaderElection)
public:
    struct Options
    {
        int checkIntervalMs = 1000;
        int keepaliveSeconds = 2;
        QString identity; // who this instance is (host:pid by default)
    };

    LeaderElection(const Models::DatabaseUrl &url, Options options, QObject *parent = nullptr);
    ~LeaderElection() override;

    // Called on this object's thread when leadership is lost, before the lock is let go: stop the
    // scheduled services there (block until they are stopped).
    void setStepDown(std::function<void()> stepDown) { m_stepDown = std::move(stepDown); }

    // Checks now and then every checkIntervalMs (on this object's thread).
    void start();
    // Steps down (if leader), frees the lock and closes the session, for good (on this object's
    // thread, which opened the session).
    void stop();
    // One check; the timer calls it, tests call it directly.
    void check();

    bool isLeader() const { return m_leader.load(); }
    const QString &identity() const { return m_options.identity; }
    // The server process id of the election session (0 when closed); tests terminate it.
    int backendPid();

    static QString defaultIdentity();

Q_SIGNALS:
    void leadershipAcquired();
    void leadershipLost(const QString &reason);

private:
    void stepDown(const QString &reason);

    Models::DatabaseUrl m_url;
    Options m_options;
    std::unique_ptr<Models::LeaderLock> m_lock; // created by the first check(), on this object's thread
    bool m_stopped = false;
    QTimer *m_timer; // child
    std::function<void()> m_stepDown;
    std::atomic<bool> m_leader { false };
    QString m_lastError; // said once in the log, not at every check
};

} // namespace Callvia::Services
