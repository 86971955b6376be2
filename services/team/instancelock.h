#pragma once

#include <QLockFile>
#include <QString>

namespace Callvia::Services {

// SQLite (issue 26): one running instance (desktop or headless) per database file. A lock file
// next to the database ("<file>.lock", QLockFile: pid, application, host) is taken at start; a
// second instance is refused with a message naming the running one. A lock left by a process
// that no longer runs on this host (a crash, SIGKILL) is stale and taken over. Released when this
// object goes.
class InstanceLock final
{
    Q_DISABLE_COPY_MOVE(InstanceLock)
public:
    explicit InstanceLock(const QString &databasePath);
    ~InstanceLock();

    // Empty when this process now holds the lock; otherwise why not (names the other instance).
    QString acquire();
    void release();
    bool isLocked() const { return m_file.isLocked(); }
    QString lockPath() const { return m_path; }
    static QString lockPathFor(const QString &databasePath);

private:
    QString m_databasePath;
    QString m_path;
    QLockFile m_file;
};

} // namespace Callvia::Services
