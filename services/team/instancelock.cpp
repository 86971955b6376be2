#include "instancelock.h"

namespace Callvia::Services {

QString InstanceLock::lockPathFor(const QString &databasePath)
{
    return databasePath + QStringLiteral(".lock");
}

InstanceLock::InstanceLock(const QString &databasePath)
    : m_databasePath(databasePath), m_path(lockPathFor(databasePath)), m_file(m_path)
{
    // Never stale by age: a long-running instance keeps its lock. Stale only when its process is gone
    // (QLockFile checks the pid on the same host).
    m_file.setStaleLockTime(0);
}

InstanceLock::~InstanceLock()
{
    release();
}

QString InstanceLock::acquire()
{
    if (m_file.isLocked() || m_file.tryLock(0))
        return {};
    if (m_file.error() == QLockFile::LockFailedError) {
        qint64 pid = 0;
        QString host;
        QString application;
        if (m_file.getLockInfo(&pid, &host, &application))
            return QStringLiteral("another Callvia (pid %1 on host %2) is already running on %3; stop it first, or "
                                  "use PostgreSQL for several instances (README, \"Team deployment\")")
                    .arg(pid)
                    .arg(host, m_databasePath);
        return QStringLiteral("another Callvia is already running on %1 (lock file %2)").arg(m_databasePath, m_path);
    }
    return QStringLiteral("cannot create the lock file %1 (permission denied or read-only folder)").arg(m_path);
}

void InstanceLock::release()
{
    if (m_file.isLocked())
        m_file.unlock();
}

} // namespace Callvia::Services
