#pragma once

#include <models/repositories/eventrepository.h>

#include <QFutureWatcher>
#include <QHttpServerResponder>
#include <QObject>
#include <QThreadPool>
#include <QTimer>

#include <vector>

namespace Callvia::Models {
class Clock;
class Database;
}

namespace Callvia::Services {

// Group commit for verified webhooks: requests are queued with their responders; every few
// milliseconds (or when the batch is full) all queued events are inserted in ONE transaction
// on a writer thread, and only after it commits is each request answered 200 (stored or
// duplicate), or 503 if the database failed. One write is in flight at a time. A failed write
// drops the writer's connection (the next batch reconnects) and reports the database unhealthy
// until a later write succeeds.
class IntakeQueue final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(IntakeQueue)
public:
    struct Options
    {
        int flushIntervalMs = 1;
        int maxBatchEvents = 256;
    };

    IntakeQueue(Models::Database &database, const Models::Clock &clock, Options options, QObject *parent = nullptr);
    ~IntakeQueue() override;

    void enqueue(QList<Models::NewEvent> events, QHttpServerResponder &&responder);
    // Writes and answers everything queued, waiting for the write (shutdown).
    void drain();
    int pendingRequests() const { return int(m_queue.size() + m_inFlight.size()); }
    // False from a failed write until the next successful one; the error names the database.
    bool databaseHealthy() const { return m_lastError.isEmpty(); }
    QString lastError() const { return m_lastError; }

Q_SIGNALS:
    void eventsStored(int newEvents); // after a commit that stored at least one new event
    // On a change only: `error` names the database and says what failed; empty when it works again.
    void databaseHealthChanged(bool healthy, const QString &error);

private:
    struct Pending
    {
        QList<Models::NewEvent> events;
        QHttpServerResponder responder;
    };
    struct WriteResult
    {
        QList<bool> stored;
        Models::DbError error;
    };

    void flush();
    void onWritten();
    void answer(const WriteResult &result);

    Models::Database &m_database;
    const Models::Clock &m_clock;
    Options m_options;
    QTimer m_timer;
    QThreadPool m_writer;
    QFutureWatcher<WriteResult> m_watcher;
    std::vector<Pending> m_queue;
    std::vector<Pending> m_inFlight;
    int m_queuedEvents = 0;
    QString m_lastError;
    int m_failedWrites = 0;
};

} // namespace Callvia::Services
