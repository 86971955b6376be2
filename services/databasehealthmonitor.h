#pragma once

#include <QObject>
#include <QThreadPool>
#include <QTimer>

#include <atomic>

namespace Callvia::Models {
class Database;
}

namespace Callvia::Services {

// Brings the database banner down by itself: while Database::health() reports a fault, probes
// the database every interval on a worker thread of its own (never the GUI thread: a locked
// file or an unreachable server can make a probe wait seconds) until a probe succeeds, which
// reports the recovery. Built by the composition root; does nothing while the database is healthy.
class DatabaseHealthMonitor final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DatabaseHealthMonitor)
public:
    explicit DatabaseHealthMonitor(Models::Database &database, QObject *parent = nullptr);
    ~DatabaseHealthMonitor() override;

    void setInterval(int milliseconds) { m_timer.setInterval(milliseconds); }
    int interval() const { return m_timer.interval(); }

private:
    void healthChanged(bool healthy);
    void probe();

    Models::Database &m_database;
    QTimer m_timer;
    QThreadPool m_pool; // one long-lived thread, so probes reuse one connection
    std::atomic<bool> m_probing { false };
};

} // namespace Callvia::Services
