#include "eventprocessor.h"
#include "handlerregistry.h"
#include "webhooktestsender.h"

#include <models/clock.h>
#include <models/database.h>
#include <models/repositories/eventrepository.h>

#include <QElapsedTimer>
#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcWebhooks)

namespace Callvia::Services {

EventProcessor::EventProcessor(Models::Database &database, const Models::Clock &clock,
                               const HandlerRegistry &handlers, Options options, QObject *parent)
    : QObject(parent), m_database(database), m_clock(clock), m_handlers(handlers), m_options(options),
      m_timer(new QTimer(this))
{
    m_timer->setInterval(m_options.pollIntervalMs);
    connect(m_timer, &QTimer::timeout, this, &EventProcessor::processAvailable);
}

EventProcessor::~EventProcessor() = default;

void EventProcessor::start()
{
    m_timer->start();
    scheduleRun();
}

void EventProcessor::stop()
{
    m_timer->stop();
    m_database.releaseThreadConnection();
}

void EventProcessor::notifyStored()
{
    scheduleRun();
}

void EventProcessor::scheduleRun()
{
    if (m_runScheduled)
        return;
    m_runScheduled = true;
    QMetaObject::invokeMethod(this, [this] { processAvailable(); }, Qt::QueuedConnection);
}

qint64 EventProcessor::backoffMs(int attempts) const
{
    qint64 delay = m_options.baseBackoffMs;
    for (int i = 1; i < attempts && delay < m_options.maxBackoffMs; ++i)
        delay *= 2;
    return qMin(delay, m_options.maxBackoffMs);
}

int EventProcessor::processAvailable()
{
    m_runScheduled = false;
    const QStringList providers = m_handlers.providers();
    if (providers.isEmpty())
        return 0;
    int attempted = 0;
    while (attempted < m_options.maxEventsPerRun) {
        const int done = processBatch(providers, m_options.maxEventsPerRun - attempted);
        if (done <= 0)
            return attempted; // nothing due, or the database is unavailable (the timer retries)
        attempted += done;
    }
    scheduleRun(); // more may be due: let the event loop breathe first
    return attempted;
}

namespace {

struct Failure
{
    Models::EventRecord event;
    int attempts;
    QString message;
    bool final;
};

QString describe(const Models::DbError &error)
{
    return error.message().isEmpty() ? QStringLiteral("apply failed") : error.message();
}

} // namespace

// One transaction: the due heads, then (seeing its own writes) the events they unblocked, until
// the count or time bound. Returns how many events were attempted, -1 if none could be read.
int EventProcessor::processBatch(const QStringList &providers, int budget)
{
    const Models::EventRepository repository(m_database);
    const int limit = qMin(budget, qMin(m_options.batchSize, m_options.maxEventsPerTransaction));
    const auto due = repository.processable(providers, m_clock.nowMs(), limit);
    if (!due.ok()) {
        qCWarning(lcWebhooks).noquote() << "event processor cannot read events:" << due.error().message();
        return -1;
    }
    if (due.value().isEmpty())
        return 0;

    QElapsedTimer elapsed;
    elapsed.start();
    // Commit early when the webhook intake waits for the write lock, or after the time bound.
    auto yieldNow = [&] { return m_database.urgentWriterWaiting() || elapsed.elapsed() >= m_options.maxTransactionMs; };
    QList<qint64> processed;
    QList<Failure> failures;
    int attempted = 0;
    Models::DbError error;
    {
        const Models::WriteGate gate(m_database);
        Models::Transaction transaction(m_database);
        error = transaction.beginError();
        QList<Models::EventRecord> queue = due.value();
        // During a burst of webhooks one event per transaction: intake then never waits for more
        // than one apply and commit, and the CPU goes to answering. Batches when it is quiet.
        const int maxEvents = m_database.urgentWriterRecent(m_options.burstWindowMs)
                ? 1
                : qMin(budget, m_options.maxEventsPerTransaction);
        while (!error && !queue.isEmpty()) {
            for (const Models::EventRecord &event : std::as_const(queue)) {
                if (attempted > 0 && yieldNow())
                    break;
                if (attempted >= maxEvents)
                    break;
                // The first claim takes SQLite's write lock, so apply() never has to upgrade a read.
                const Models::DbResult<bool> claimed = repository.claim(event.id, event.attempts);
                if (!claimed.ok()) {
                    error = claimed.error();
                    break;
                }
                if (!claimed.value())
                    continue; // another processor took it
                ++attempted;
                Models::Savepoint savepoint(m_database);
                if ((error = savepoint.beginError()))
                    break;
                ProviderHandler *handler = m_handlers.handler(event.provider);
                // The admin console's test events are stored and shown, never applied (issue 26).
                Models::DbError applyError = WebhookTestSender::isTestEventId(event.providerEventId)
                        ? Models::DbError()
                        : handler->apply(event);
                if (!applyError)
                    applyError = repository.markProcessed(event.id, m_clock.nowMs());
                if (!applyError) {
                    if ((error = savepoint.release()))
                        break;
                    processed << event.id;
                    continue;
                }
                if (applyError.kind() == Models::DbError::Unavailable) {
                    error = applyError; // the database, not the event: roll back and retry it later
                    break;
                }
                if ((error = savepoint.rollback()))
                    break; // the whole transaction is gone (SQLite rolls back on I/O errors)
                const int attempts = event.attempts + 1;
                const bool final = attempts >= m_options.maxAttempts;
                const QString message = describe(applyError);
                if ((error = repository.markFailed(event.id, attempts, message,
                                                   m_clock.nowMs() + backoffMs(attempts), final)))
                    break;
                failures.append({ event, attempts, message, final });
            }
            if (error || attempted >= maxEvents || yieldNow())
                break;
            // What the applied events unblocked (later events of the same keys), seen inside
            // this transaction.
            const auto next = repository.processable(providers, m_clock.nowMs(), qMin(limit, maxEvents - attempted));
            if (!next.ok()) {
                error = next.error();
                break;
            }
            queue = next.value();
        }
        if (!error)
            error = transaction.commit();
    } // rolled back here unless committed

    if (error) {
        qCWarning(lcWebhooks).noquote() << "applying a batch of" << attempted << "events failed, nothing of it kept:"
                                        << error.message() << "- retrying the first event alone";
        const bool applied = processOne(due.value().first());
        // The database is unavailable: stop this run, the poll timer tries again (no busy loop).
        return applied || error.kind() != Models::DbError::Unavailable ? 1 : 0;
    }
    for (const qint64 id : std::as_const(processed))
        Q_EMIT eventProcessed(id);
    for (const Failure &failure : std::as_const(failures))
        reportFailure(failure.event, failure.attempts, failure.message, failure.final);
    return qMax(attempted, 1); // a batch whose events were all claimed elsewhere still made progress
}

// The single-event path: its own transaction, and on failure the attempt is recorded after the
// rollback (outside any transaction).
bool EventProcessor::processOne(const Models::EventRecord &event)
{
    const Models::EventRepository repository(m_database);
    ProviderHandler *handler = m_handlers.handler(event.provider);
    Models::DbError error;
    {
        const Models::WriteGate gate(m_database);
        Models::Transaction transaction(m_database);
        error = transaction.beginError();
        if (!error) {
            const Models::DbResult<bool> claimed = repository.claim(event.id, event.attempts);
            if (!claimed.ok())
                error = claimed.error();
            else if (!claimed.value())
                return false; // no longer pending: someone else processed it
        }
        if (!error && !WebhookTestSender::isTestEventId(event.providerEventId))
            error = handler->apply(event);
        if (!error)
            error = repository.markProcessed(event.id, m_clock.nowMs());
        if (!error)
            error = transaction.commit();
    } // rolled back here unless committed
    if (!error) {
        Q_EMIT eventProcessed(event.id);
        return true;
    }
    if (error.kind() == Models::DbError::Unavailable) {
        // The database went away (restart, lost connection) or gave up on the transaction
        // (deadlock): not the event's fault, so no attempt is counted and no backoff grows; the
        // event stays due and the next poll applies it once the database answers.
        qCInfo(lcWebhooks).noquote() << "event" << event.id << "not applied, the database is unavailable:"
                                     << error.message() << "- retried at the next poll";
        return false;
    }
    const int attempts = event.attempts + 1;
    const bool final = attempts >= m_options.maxAttempts;
    const QString message = describe(error);
    if (const Models::DbError markError =
                repository.markFailed(event.id, attempts, message, m_clock.nowMs() + backoffMs(attempts), final))
        qCWarning(lcWebhooks).noquote() << "cannot record the failure of event" << event.id << ":" << markError.message();
    reportFailure(event, attempts, message, final);
    return false;
}

void EventProcessor::reportFailure(const Models::EventRecord &event, int attempts, const QString &message, bool final)
{
    qCInfo(lcWebhooks).noquote() << "event" << event.id << event.provider << event.eventType << "failed (attempt"
                                 << attempts << (final ? "final)" : "will retry)") << message;
    Q_EMIT eventFailed(event.id, message, final);
}

} // namespace Callvia::Services
