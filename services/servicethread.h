#pragma once

#include <QObject>
#include <QThread>

#include <utility>

namespace Callvia::Models {
class Database;
}

namespace Callvia::Services {

// A named thread with an event loop for services that must not share the GUI thread (the
// webhook listener, scheduled backups). Work is posted to context(), an object living on the
// thread; objects built there are parented to it or deleted by the work that made them.
// stop() deletes context()'s children on the thread, closes the thread's database connection
// and ends the thread. Owned by the composition root.
class ServiceThread final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ServiceThread)
public:
    ServiceThread(const QString &name, Models::Database &database, QObject *parent = nullptr);
    ~ServiceThread() override;

    QObject *context() const { return m_context; }
    // Runs `work` on the thread and waits for it (directly when called from the thread).
    template<typename Work>
    void run(Work &&work)
    {
        if (QThread::currentThread() == &m_thread)
            std::forward<Work>(work)();
        else
            QMetaObject::invokeMethod(m_context, std::forward<Work>(work), Qt::BlockingQueuedConnection);
    }
    // Runs `work` on the thread soon, without waiting.
    template<typename Work>
    void post(Work &&work)
    {
        QMetaObject::invokeMethod(m_context, std::forward<Work>(work), Qt::QueuedConnection);
    }
    void stop();
    bool isRunning() const { return m_thread.isRunning(); }

private:
    QThread m_thread;
    Models::Database &m_database;
    QObject *m_context;
};

} // namespace Callvia::Services
