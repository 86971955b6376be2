#pragma once

#include <models/dberror.h>
#include <models/records.h>

#include <QObject>
#include <QTimer>

namespace Callvia::Models {
class Clock;
class Database;
}

namespace Callvia::Services {

class HandlerRegistry;

// Applies stored webhook events through their provider's handler in arrival order per ordering
// key (a later event waits while an earlier one with the same key is pending). Several events
// share one transaction (bounded in count and in time, so the listener's intake never waits
// long for the write lock), each inside its own savepoint: a failing event is rolled back alone
// and recorded with attempts, last_error and exponential backoff; after maxAttempts it is
// 'failed' and stops blocking its key. If the batch transaction itself fails, the first event is
// retried alone so one poisonous event cannot stall the rest. start() also picks up whatever a
// previous run left pending. Lives on whatever thread it is moved to; borrows its dependencies.
class EventProcessor final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventProcessor)
public:
    struct Options
    {
        int pollIntervalMs = 1000;
        int batchSize = 100;
        int maxAttempts = 8;
        qint64 baseBackoffMs = 5'000; // doubled on each further attempt
        qint64 maxBackoffMs = 3'600'000;
        int maxEventsPerRun = 200; // then yield to the event loop (a stop request waits at most one run)
        int maxEventsPerTransaction = 50;
        int maxTransactionMs = 8; // hold SQLite's write lock at most about this long per batch
        int burstWindowMs = 100; // intake stored events this recently: one event per transaction
    };

    EventProcessor(Models::Database &database, const Models::Clock &clock, const HandlerRegistry &handlers,
                   Options options, QObject *parent = nullptr);
    ~EventProcessor() override;

    // Processes every due event now (synchronously); returns how many were attempted.
    int processAvailable();
    qint64 backoffMs(int attempts) const;

    void start(); // timer + an immediate run (restart recovery)
    void stop();
    void notifyStored(); // a commit stored new events: run soon

Q_SIGNALS:
    void eventProcessed(qint64 id);
    void eventFailed(qint64 id, const QString &error, bool final);

private:
    int processBatch(const QStringList &providers, int budget);
    bool processOne(const Models::EventRecord &event);
    // Logs a failed attempt and emits eventFailed (after the attempt was recorded).
    void reportFailure(const Models::EventRecord &event, int attempts, const QString &message, bool final);
    void scheduleRun();

    Models::Database &m_database;
    const Models::Clock &m_clock;
    const HandlerRegistry &m_handlers;
    Options m_options;
    QTimer *m_timer;
    bool m_runScheduled = false;
};

} // namespace Callvia::Services
