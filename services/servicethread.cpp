#include "servicethread.h"

#include <models/database.h>

namespace Callvia::Services {

ServiceThread::ServiceThread(const QString &name, Models::Database &database, QObject *parent)
    : QObject(parent), m_database(database), m_context(new QObject)
{
    m_thread.setObjectName(name);
    m_context->moveToThread(&m_thread);
    m_thread.start();
}

ServiceThread::~ServiceThread()
{
    stop();
    delete m_context; // no timer or socket left in it, and its thread has ended
}

void ServiceThread::stop()
{
    if (!m_thread.isRunning())
        return;
    run([this] {
        qDeleteAll(m_context->children());
        m_database.releaseThreadConnection();
    });
    m_thread.quit();
    m_thread.wait();
}

} // namespace Callvia::Services
