#include "leaderelection.h"

#include <models/leaderlock.h>

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QHostInfo>
#include <QLoggingCategory>
#include <QTimer>

Q_LOGGING_CATEGORY(lcLeader, "callvia.leader")

namespace Callvia::Services {

namespace {

QString nextConnectionName()
{
    static QAtomicInteger<int> counter;
    return QStringLiteral("callvia-leader-election-%1").arg(counter.fetchAndAddRelaxed(1));
}

} // namespace

QString LeaderElection::defaultIdentity()
{
    return QStringLiteral("%1:%2").arg(QHostInfo::localHostName()).arg(QCoreApplication::applicationPid());
}

LeaderElection::LeaderElection(const Models::DatabaseUrl &url, Options options, QObject *parent)
    : QObject(parent), m_url(url), m_options(std::move(options)), m_timer(new QTimer(this))
{
    if (m_options.identity.isEmpty())
        m_options.identity = defaultIdentity();
    m_timer->setInterval(m_options.checkIntervalMs);
    connect(m_timer, &QTimer::timeout, this, &LeaderElection::check);
}

LeaderElection::~LeaderElection()
{
    if (m_lock)
        stop();
}

void LeaderElection::start()
{
    if (m_stopped)
        return;
    check();
    m_timer->start();
}

void LeaderElection::stop()
{
    m_timer->stop();
    m_stopped = true;
    if (!m_lock)
        return;
    if (m_leader)
        stepDown(QStringLiteral("stopping"));
    m_lock.reset(); // closes the session (on this thread, which opened it)
}

void LeaderElection::check()
{
    if (m_stopped)
        return;
    // Created on first use, on this object's thread: a Qt connection belongs to the thread that
    // added it.
    if (!m_lock)
        m_lock = std::make_unique<Models::LeaderLock>(m_url, nextConnectionName(), m_options.identity);
    if (!m_lock->isOpen()) {
        if (const Models::DbError error = m_lock->open(m_options.keepaliveSeconds)) {
            if (m_leader)
                stepDown(error.message());
            if (error.message() != m_lastError)
                qCWarning(lcLeader).noquote() << "election: database unavailable:" << error.message();
            m_lastError = error.message();
            return;
        }
        m_lastError.clear();
    }
    if (m_leader) {
        const Models::DbResult<bool> held = m_lock->isHeld();
        if (!held.ok())
            stepDown(QStringLiteral("lock check failed: %1").arg(held.error().message()));
        else if (!held.value())
            stepDown(QStringLiteral("the advisory lock is no longer held"));
        return;
    }
    const Models::DbResult<bool> acquired = m_lock->tryAcquire();
    if (!acquired.ok()) {
        // A dead session: close it, the next check opens a new one.
        m_lock->close();
        return;
    }
    if (!acquired.value())
        return;
    m_leader = true;
    qCInfo(lcLeader).noquote() << QStringLiteral("leader: %1 acquired leadership; scheduled services start here")
                                          .arg(m_options.identity);
    Q_EMIT leadershipAcquired();
}

void LeaderElection::stepDown(const QString &reason)
{
    // Services first, the lock afterwards: nobody else can start while ours still run.
    if (m_stepDown)
        m_stepDown();
    m_leader = false;
    qCWarning(lcLeader).noquote() << QStringLiteral("leader: %1 lost leadership (%2); scheduled services stopped")
                                             .arg(m_options.identity, reason);
    Q_EMIT leadershipLost(reason);
    if (m_lock && m_lock->isOpen())
        m_lock->release();
    if (m_lock)
        m_lock->close(); // a fresh session at the next check
}

int LeaderElection::backendPid()
{
    if (!m_lock || !m_lock->isOpen())
        return 0;
    const Models::DbResult<int> pid = m_lock->backendPid();
    return pid.ok() ? pid.value() : 0;
}

} // namespace Callvia::Services
