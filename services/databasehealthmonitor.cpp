#include "databasehealthmonitor.h"

#include <models/database.h>

namespace Callvia::Services {

DatabaseHealthMonitor::DatabaseHealthMonitor(Models::Database &database, QObject *parent)
    : QObject(parent), m_database(database)
{
    m_timer.setInterval(2000);
    m_pool.setMaxThreadCount(1);
    m_pool.setExpiryTimeout(-1);
    connect(&m_timer, &QTimer::timeout, this, &DatabaseHealthMonitor::probe);
    connect(&database.health(), &Models::DatabaseHealth::healthChanged, this,
            [this](bool healthy, const QString &) { healthChanged(healthy); });
    if (!database.health().isHealthy())
        m_timer.start();
}

DatabaseHealthMonitor::~DatabaseHealthMonitor()
{
    m_timer.stop();
    // Queued behind a running probe on the pool's one thread (waitForDone would end that thread
    // first): the probe thread's connection is closed on that thread, before the pool ends it.
    m_pool.start([this] { m_database.releaseThreadConnection(); });
    m_pool.waitForDone();
}

void DatabaseHealthMonitor::healthChanged(bool healthy)
{
    if (healthy)
        m_timer.stop();
    else if (!m_timer.isActive())
        m_timer.start();
}

void DatabaseHealthMonitor::probe()
{
    if (m_probing.exchange(true))
        return; // the previous probe still waits for a lock or a server
    m_pool.start([this] {
        m_database.probeHealth(); // reports recovery (or the fault) to Database::health()
        m_probing = false;
    });
}

} // namespace Callvia::Services
