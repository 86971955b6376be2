#include "eventprocessor.h"
#include "handlerregistry.h"

#include <models/clock.h>
#include <models/database.h>
#include <models/eventrepository.h>

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
    const Models::EventRepository repository(m_database);
    int attempted = 0;
    while (attempted < m_options.maxEventsPerRun) {
        const auto due = repository.processable(providers, m_clock.nowMs(), m_options.batchSize);
        if (!due.ok()) {
            qCWarning(lcWebhooks).noquote() << "event processor cannot read events:" << due.error().message();
            break;
        }
        if (due.value().isEmpty())
            return attempted;
        for (const Models::EventRecord &event : due.value()) {
            processOne(event);
            ++attempted;
        }
    }
    if (attempted >= m_options.maxEventsPerRun)
        scheduleRun(); // more to do: let the event loop breathe first
    return attempted;
}

bool EventProcessor::processOne(const Models::EventRecord &event)
{
    const Models::EventRepository repository(m_database);
    ProviderHandler *handler = m_handlers.handler(event.provider);
    Models::DbError error;
    {
        Models::Transaction transaction(m_database);
        error = transaction.beginError();
        if (!error)
            error = repository.touch(event.id); // the write lock first, so apply() cannot deadlock on upgrade
        if (!error)
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
    const int attempts = event.attempts + 1;
    const bool final = attempts >= m_options.maxAttempts;
    const QString message = error.message().isEmpty() ? QStringLiteral("apply failed") : error.message();
    if (const Models::DbError markError =
                repository.markFailed(event.id, attempts, message, m_clock.nowMs() + backoffMs(attempts), final))
        qCWarning(lcWebhooks).noquote() << "cannot record the failure of event" << event.id << ":" << markError.message();
    qCInfo(lcWebhooks).noquote() << "event" << event.id << event.provider << event.eventType << "failed (attempt"
                                 << attempts << (final ? "final)" : "will retry)") << message;
    Q_EMIT eventFailed(event.id, message, final);
    return false;
}

} // namespace Callvia::Services
