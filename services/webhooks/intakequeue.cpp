#include "intakequeue.h"

#include <models/clock.h>
#include <models/database.h>

#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QtConcurrent/QtConcurrentRun>

Q_DECLARE_LOGGING_CATEGORY(lcWebhooks)

namespace Callvia::Services {

namespace {

QByteArray json(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace

IntakeQueue::IntakeQueue(Models::Database &database, const Models::Clock &clock, Options options, QObject *parent)
    : QObject(parent), m_database(database), m_clock(clock), m_options(options)
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(m_options.flushIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &IntakeQueue::flush);
    connect(&m_watcher, &QFutureWatcher<WriteResult>::finished, this, &IntakeQueue::onWritten);
    m_writer.setMaxThreadCount(1); // one writer thread keeps one connection and one write at a time
    m_writer.setExpiryTimeout(-1);
}

IntakeQueue::~IntakeQueue()
{
    drain();
    m_writer.start([this] { m_database.releaseThreadConnection(); });
    m_writer.waitForDone();
}

void IntakeQueue::enqueue(QList<Models::NewEvent> events, QHttpServerResponder &&responder)
{
    m_queuedEvents += int(events.size());
    m_queue.push_back({ std::move(events), std::move(responder) });
    if (m_queuedEvents >= m_options.maxBatchEvents)
        flush();
    else if (!m_timer.isActive())
        m_timer.start();
}

void IntakeQueue::flush()
{
    if (m_queue.empty() || !m_inFlight.empty())
        return; // onWritten() flushes again when the write in flight is done
    m_timer.stop();
    m_inFlight = std::move(m_queue);
    m_queue.clear();
    m_queuedEvents = 0;
    QList<Models::NewEvent> batch;
    for (const Pending &pending : m_inFlight)
        batch += pending.events;
    const qint64 receivedAt = m_clock.nowMs();
    m_watcher.setFuture(QtConcurrent::run(&m_writer, [this, batch = std::move(batch), receivedAt] {
        const Models::WriteGate gate(m_database, Models::WriteGate::Priority::Urgent);
        Models::DbResult<QList<bool>> result = Models::EventRepository(m_database).insertBatch(batch, receivedAt);
        if (result.ok())
            return WriteResult { result.value(), {} };
        // Whatever failed (server restarted, file locked, full, read-only, corrupt), the next
        // batch starts on a fresh connection, so storing resumes by itself once the fault clears.
        m_database.releaseThreadConnection();
        return WriteResult { {}, result.error() };
    }));
}

void IntakeQueue::onWritten()
{
    if (m_inFlight.empty())
        return; // drain() already answered this write
    answer(m_watcher.result());
    if (!m_queue.empty())
        flush();
}

void IntakeQueue::answer(const WriteResult &result)
{
    if (result.error) {
        const QString error = QStringLiteral("cannot store webhooks in %1: %2")
                                      .arg(m_database.url().displayName(), result.error.message());
        ++m_failedWrites;
        if (error != m_lastError) { // one line per distinct fault, not one per batch
            qCWarning(lcWebhooks).noquote() << error << "- answering 503 until it works again";
            m_lastError = error;
            Q_EMIT databaseHealthChanged(false, error);
        }
    } else if (!m_lastError.isEmpty()) {
        qCInfo(lcWebhooks).noquote() << "storing webhooks in" << m_database.url().displayName() << "works again after"
                                     << m_failedWrites << "failed writes";
        m_lastError.clear();
        m_failedWrites = 0;
        Q_EMIT databaseHealthChanged(true, QString());
    }
    int offset = 0;
    int stored = 0;
    for (Pending &pending : m_inFlight) {
        if (result.error) {
            pending.responder.write(json({ { QStringLiteral("error"), QStringLiteral("unavailable") },
                                           { QStringLiteral("detail"), QStringLiteral("database unavailable, retry later") } }),
                                    "application/json", QHttpServerResponder::StatusCode::ServiceUnavailable);
            continue;
        }
        int fresh = 0;
        for (qsizetype i = 0; i < pending.events.size(); ++i)
            fresh += result.stored.value(offset++) ? 1 : 0;
        stored += fresh;
        const QString status = fresh > 0 ? QStringLiteral("stored") : QStringLiteral("duplicate");
        pending.responder.write(json({ { QStringLiteral("status"), status },
                                       { QStringLiteral("events"), int(pending.events.size()) } }),
                                "application/json", QHttpServerResponder::StatusCode::Ok);
    }
    m_inFlight.clear();
    if (stored > 0)
        Q_EMIT eventsStored(stored);
}

void IntakeQueue::drain()
{
    while (!m_inFlight.empty() || !m_queue.empty()) {
        if (!m_inFlight.empty()) {
            m_watcher.waitForFinished();
            answer(m_watcher.result());
        }
        flush();
    }
}

} // namespace Callvia::Services
