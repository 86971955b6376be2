#include "outboxdispatcher.h"

#include "../providers/messagebird/messagebirdclient.h"
#include "../providers/retell/retellclient.h"
#include "../providers/sendgrid/sendgridclient.h"
#include "../providers/stripe/stripeclient.h"

#include <models/clock.h>
#include <models/database.h>
#include <models/repositories/outboxrepository.h>

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QLocale>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QRandomGenerator>
#include <QSslSocket>
#include <QSysInfo>

#include <algorithm>

Q_LOGGING_CATEGORY(lcOutbox, "callvia.outbox")

namespace Callvia::Services {

using Models::OutboxOutcome;
using Models::OutboxRecord;

struct OutboxDispatcher::Lane
{
    QString kind;
    std::unique_ptr<ProviderClient> client;
    int limit = 1;
    int inFlight = 0;
    QList<OutboxRecord> queue; // claimed (in_flight) rows not started yet
    bool exhausted = false; // nothing more to claim in this pass
    qint64 pausedUntil = 0; // the provider failed: no sends before then
    QString pauseReason;
    int failures = 0; // consecutive failures, for the lane's backoff
};

namespace {

bool isSuccess(int status)
{
    return status >= 200 && status < 300;
}

// The request surely never reached the provider: nothing to count, nothing that could be a duplicate.
bool neverSent(QNetworkReply::NetworkError error)
{
    switch (error) {
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::HostNotFoundError:
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyNotFoundError:
    case QNetworkReply::NetworkSessionFailedError:
        return true;
    default:
        return false;
    }
}

QString shortText(const QByteArray &body)
{
    constexpr int limit = 2000;
    QString text = QString::fromUtf8(body.left(limit)).trimmed();
    if (body.size() > limit)
        text += QStringLiteral("…");
    return text;
}

} // namespace

OutboxDispatcher::OutboxDispatcher(Models::Database &database, const Models::Clock &clock, const ProviderConfig &config,
                                   Options options, QObject *parent)
    : QObject(parent), m_database(database), m_clock(clock), m_options(std::move(options)),
      m_outbox(std::make_unique<Models::OutboxRepository>(database, clock, Models::TenantScope::agency())), m_network(new QNetworkAccessManager(this))
{
    if (m_options.workerId.isEmpty())
        m_options.workerId = QStringLiteral("%1/%2/%3")
                                     .arg(QSysInfo::machineHostName())
                                     .arg(QCoreApplication::applicationPid())
                                     .arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0'));
    const auto addLane = [this](const QString &kind, std::unique_ptr<ProviderClient> client) {
        auto lane = std::make_unique<Lane>();
        lane->kind = kind;
        lane->client = std::move(client);
        lane->limit = std::max(1, m_options.concurrency.value(kind, 4));
        m_lanes.push_back(std::move(lane));
    };
    if (!QSslSocket::supportsSsl())
        qCWarning(lcOutbox) << "no TLS backend (OpenSSL) available: https provider URLs will fail";
    addLane(QStringLiteral("sms"), std::make_unique<MessageBirdClient>(config));
    addLane(QStringLiteral("email"), std::make_unique<SendGridClient>(config));
    addLane(QStringLiteral("stripe"), std::make_unique<StripeClient>(config));
    addLane(QStringLiteral("retell_call"), std::make_unique<RetellClient>(config));
}

OutboxDispatcher::~OutboxDispatcher()
{
    stop();
}

void OutboxDispatcher::dispatchDueAsync()
{
    beginPass();
}

int OutboxDispatcher::dispatchDue()
{
    beginPass();
    if (m_passActive) {
        QEventLoop loop;
        m_waitLoop = &loop;
        loop.exec();
        m_waitLoop = nullptr;
    }
    return m_changed;
}

qint64 OutboxDispatcher::nextDueAt() const
{
    const Models::DbResult<qint64> next = m_outbox->nextWakeAt(m_options.staleClaimMs);
    if (!next.ok()) {
        qCWarning(lcOutbox).noquote() << "next due time:" << next.error().message();
        return m_clock.nowMs() + m_options.missingKeyRecheckMs; // look again later
    }
    return next.value();
}

void OutboxDispatcher::stop()
{
    m_stopping = true;
    for (auto &lane : m_lanes) {
        for (const OutboxRecord &row : std::as_const(lane->queue))
            record({ row.id, QStringLiteral("pending"), {}, 0, {}, {}, {}, 0, false });
        lane->queue.clear();
    }
    if (m_passActive) {
        QEventLoop loop; // the requests in flight end by their answer or the transfer timeout
        m_waitLoop = &loop;
        loop.exec();
        m_waitLoop = nullptr;
    }
    flush();
    m_stopping = false;
}

void OutboxDispatcher::beginPass()
{
    if (m_passActive || m_stopping)
        return;
    m_passActive = true;
    m_changed = 0;
    const qint64 now = m_clock.nowMs();
    const Models::DbResult<int> recovered = m_outbox->recoverStale(now - m_options.staleClaimMs);
    if (recovered.ok() && recovered.value() > 0) {
        qCInfo(lcOutbox) << "recovered" << recovered.value() << "rows left in flight by a stopped dispatcher";
        m_changed += recovered.value();
    }
    for (auto &lane : m_lanes) {
        lane->client->reloadSettings();
        lane->exhausted = false;
        const QString missing = lane->client->configurationError();
        QString waitReason = missing;
        qint64 waitUntil = now + m_options.missingKeyRecheckMs;
        if (missing.isEmpty() && lane->pausedUntil > now) {
            waitReason = lane->pauseReason;
            waitUntil = lane->pausedUntil;
        }
        if (!waitReason.isEmpty()) {
            // The rows wait in the table with the reason shown, not in memory: a scheduler
            // reading nextDueAt() does not spin on them.
            const Models::DbResult<int> deferred = m_outbox->deferKind(lane->kind, now, waitUntil, waitReason);
            if (deferred.ok() && deferred.value() > 0) {
                m_changed += deferred.value();
                emit rowsChanged();
            }
            lane->exhausted = true;
            continue;
        }
        startLookups(*lane);
        pump(*lane);
    }
    maybeFinishPass();
}

void OutboxDispatcher::startLookups(Lane &lane)
{
    const qint64 now = m_clock.nowMs();
    const Models::DbResult<QList<OutboxRecord>> rows =
            m_outbox->claimUnknown(lane.kind, m_options.workerId, now, now + m_options.staleClaimMs, lane.limit);
    if (!rows.ok()) {
        qCWarning(lcOutbox).noquote() << "claiming unknown" << lane.kind << "rows:" << rows.error().message();
        return;
    }
    for (const OutboxRecord &row : rows.value()) {
        if (lane.client->buildLookup(row).error.isEmpty())
            lookUp(lane, row);
        else
            resolveWithoutLookup(lane, row);
    }
}

void OutboxDispatcher::resolveWithoutLookup(Lane &lane, const OutboxRecord &row)
{
    OutboxOutcome o { row.id, QStringLiteral("pending"), lane.client->provider(), row.httpStatus, {}, row.response,
                      {}, m_clock.nowMs(), true };
    if (lane.client->resendIsSafe()) {
        // The provider deduplicates on our key (Stripe): the resend is answered with the first result.
        o.lastError = QStringLiteral("outcome unknown: sending again with the same idempotency key");
    } else if (isSuccess(row.httpStatus)) {
        // SMS and e-mail: the provider accepted the request (2xx); sending again could deliver twice.
        // The delivery report matches the message by its reference / custom_args.
        o.status = QStringLiteral("sent");
        o.lastError = QStringLiteral("accepted (HTTP %1) but the answer could not be read; not sent again")
                              .arg(row.httpStatus);
    } else {
        o.lastError = QStringLiteral("outcome unknown: sending again");
    }
    record(o);
}

void OutboxDispatcher::pump(Lane &lane)
{
    while (!m_stopping && lane.inFlight < lane.limit) {
        if (lane.queue.isEmpty()) {
            if (lane.exhausted)
                break;
            const qint64 now = m_clock.nowMs();
            if (m_outcomes.size() >= m_options.outcomesPerCommit)
                flush();
            const Models::DbResult<QList<OutboxRecord>> rows =
                    m_outbox->claimDue(lane.kind, m_options.workerId, now, m_options.claimBatch);
            if (!rows.ok()) {
                qCWarning(lcOutbox).noquote() << "claiming" << lane.kind << "rows:" << rows.error().message();
                lane.exhausted = true;
                break;
            }
            if (rows.value().size() < m_options.claimBatch)
                lane.exhausted = true;
            if (rows.value().isEmpty())
                break;
            lane.queue = rows.value();
        }
        send(lane, lane.queue.takeFirst());
    }
}

QNetworkReply *OutboxDispatcher::start(const QNetworkRequest &request, const QByteArray &verb, const QByteArray &body)
{
    QNetworkRequest r = request;
    r.setTransferTimeout(m_options.requestTimeoutMs);
    r.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    return m_network->sendCustomRequest(r, verb, body);
}

void OutboxDispatcher::send(Lane &lane, const OutboxRecord &row)
{
    const ProviderClient::Request request = lane.client->buildSend(row);
    if (!request.error.isEmpty()) {
        record({ row.id, QStringLiteral("failed"), lane.client->provider(), 0, {}, {}, request.error, 0, true });
        return;
    }
    QNetworkReply *reply = start(request.request, request.verb, request.body);
    ++lane.inFlight;
    QElapsedTimer timer; // steady time for the latency figure only; the schedule reads the Clock
    timer.start();
    connect(reply, &QNetworkReply::finished, this, [this, &lane, row, reply, timer] {
        emit requestTimed(timer.nsecsElapsed() / 1000);
        sendFinished(lane, row, reply);
    });
}

void OutboxDispatcher::lookUp(Lane &lane, const OutboxRecord &row)
{
    const ProviderClient::Request request = lane.client->buildLookup(row);
    QNetworkReply *reply = start(request.request, request.verb, request.body);
    ++lane.inFlight;
    connect(reply, &QNetworkReply::finished, this, [this, &lane, row, reply] { lookupFinished(lane, row, reply); });
}

void OutboxDispatcher::sendFinished(Lane &lane, const OutboxRecord &row, QNetworkReply *reply)
{
    reply->deleteLater();
    --lane.inFlight;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = reply->isOpen() ? reply->readAll() : QByteArray(); // closed after a timeout
    const auto headers = reply->rawHeaderPairs();
    const bool isCall = lane.kind == QLatin1String("retell_call");
    const qint64 now = m_clock.nowMs();
    OutboxOutcome o { row.id, {}, lane.client->provider(), status, {}, shortText(body), {}, 0, true };
    if (status == 0) {
        const bool timedOut = reply->error() == QNetworkReply::OperationCanceledError
                || reply->error() == QNetworkReply::TimeoutError;
        o.lastError = timedOut ? QStringLiteral("no answer within %1 s").arg(m_options.requestTimeoutMs / 1000.0)
                               : QStringLiteral("network: ") + reply->errorString();
        if (neverSent(reply->error())) {
            o.countAttempt = false; // a provider that is down must not use up the row's attempts
            retryOrFail(lane, row, o, 0, true);
        } else if (isCall) {
            o.status = QStringLiteral("unknown"); // the call may have been placed: look it up first
            o.nextAttemptAt = now + backoffMs(++lane.failures);
            record(o);
        } else {
            retryOrFail(lane, row, o, 0, true);
        }
    } else if (isSuccess(status)) {
        lane.failures = 0;
        const ProviderClient::Answer answer = lane.client->readSend(body, headers);
        if (answer.readable) {
            o.status = QStringLiteral("sent");
            o.providerRef = answer.providerRef;
        } else {
            o.status = QStringLiteral("unknown");
            o.lastError = QStringLiteral("HTTP %1 but the answer could not be read").arg(status);
            o.nextAttemptAt = now;
        }
        record(o);
    } else if (lane.client->retryableStatus(status, headers)) {
        o.lastError = QStringLiteral("HTTP %1: %2").arg(status).arg(lane.client->readError(body));
        if (isCall && status != 429) {
            o.status = QStringLiteral("unknown");
            o.nextAttemptAt = now + backoffMs(++lane.failures);
            record(o);
        } else {
            retryOrFail(lane, row, o, retryAfterMs(reply), true);
        }
    } else {
        o.status = QStringLiteral("failed"); // the provider refused this request: another try changes nothing
        o.lastError = QStringLiteral("HTTP %1: %2").arg(status).arg(lane.client->readError(body));
        record(o);
    }
    pump(lane);
    maybeFinishPass();
}

void OutboxDispatcher::lookupFinished(Lane &lane, const OutboxRecord &row, QNetworkReply *reply)
{
    reply->deleteLater();
    --lane.inFlight;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = reply->isOpen() ? reply->readAll() : QByteArray();
    const qint64 now = m_clock.nowMs();
    OutboxOutcome o { row.id, QStringLiteral("unknown"), lane.client->provider(), row.httpStatus, {}, row.response,
                      {}, 0, true };
    ProviderClient::LookupResult found;
    if (isSuccess(status))
        found = lane.client->readLookup(row, body);
    else
        found.error = status ? QStringLiteral("look-up answered HTTP %1: %2").arg(status).arg(shortText(body))
                             : QStringLiteral("look-up failed: ") + reply->errorString();
    switch (found.found) {
    case ProviderClient::Found::Yes:
        o.status = QStringLiteral("sent");
        o.providerRef = found.providerRef;
        o.lastError = QStringLiteral("found by look-up; not placed again");
        lane.failures = 0;
        break;
    case ProviderClient::Found::No:
        if (row.attempts >= m_options.maxAttempts) {
            o.status = QStringLiteral("failed");
            o.lastError = QStringLiteral("not placed after %1 attempts (checked by look-up)").arg(row.attempts);
        } else {
            o.status = QStringLiteral("pending"); // surely not placed: placing it is safe
            o.lastError = QStringLiteral("look-up found no call: placing it again");
            o.nextAttemptAt = now;
        }
        break;
    case ProviderClient::Found::CannotTell:
        o.lastError = QStringLiteral("outcome unknown, look-up inconclusive: ") + found.error;
        o.nextAttemptAt = now + backoffMs(++lane.failures);
        break;
    }
    record(o);
    pump(lane);
    maybeFinishPass();
}

void OutboxDispatcher::retryOrFail(Lane &lane, const OutboxRecord &row, OutboxOutcome o, qint64 retryAfter,
                                   bool pause)
{
    const int attempts = row.attempts - (o.countAttempt ? 0 : 1);
    const qint64 now = m_clock.nowMs();
    ++lane.failures;
    if (o.countAttempt && attempts >= m_options.maxAttempts) {
        o.status = QStringLiteral("failed");
        o.lastError = QStringLiteral("gave up after %1 attempts: %2").arg(attempts).arg(o.lastError);
        record(o);
    } else {
        const qint64 delay = retryAfter > 0 ? retryAfter : backoffMs(std::max(attempts, lane.failures));
        o.status = QStringLiteral("pending");
        o.nextAttemptAt = std::max(now + delay, lane.pausedUntil);
        record(o);
        if (pause)
            pauseLane(lane, o.nextAttemptAt, o.lastError);
        return;
    }
    if (pause)
        pauseLane(lane, now + backoffMs(lane.failures), o.lastError);
}

void OutboxDispatcher::pauseLane(Lane &lane, qint64 untilMs, const QString &reason)
{
    // Every row of this provider waits until then, so they go out in due order once it is back.
    lane.pausedUntil = std::max(lane.pausedUntil, untilMs);
    lane.pauseReason = QStringLiteral("waiting: %1 failed (%2); next try at %3")
                               .arg(lane.client->provider(), reason,
                                    QDateTime::fromMSecsSinceEpoch(lane.pausedUntil, Qt::UTC).toString(Qt::ISODate));
    lane.exhausted = true;
    for (const OutboxRecord &queued : std::as_const(lane.queue))
        record({ queued.id, QStringLiteral("pending"), {}, 0, {}, {}, lane.pauseReason, lane.pausedUntil, false });
    lane.queue.clear();
    const qint64 now = m_clock.nowMs();
    const Models::DbResult<int> deferred = m_outbox->deferKind(lane.kind, now, lane.pausedUntil, lane.pauseReason);
    if (deferred.ok())
        m_changed += deferred.value();
    qCInfo(lcOutbox).noquote() << lane.kind << "paused until" << lane.pausedUntil << "after" << reason;
}

qint64 OutboxDispatcher::backoffMs(int failures) const
{
    const int exponent = std::clamp(failures - 1, 0, 30);
    const qint64 full = std::min(m_options.backoffCapMs, m_options.backoffBaseMs << exponent);
    // "Equal jitter": half fixed, half random, so dispatchers that failed together spread out.
    return full / 2 + static_cast<qint64>(QRandomGenerator::global()->bounded(static_cast<double>(full / 2 + 1)));
}

qint64 OutboxDispatcher::retryAfterMs(const QNetworkReply *reply) const
{
    const QByteArray value = reply->rawHeader("Retry-After").trimmed();
    if (value.isEmpty())
        return 0;
    constexpr qint64 dayMs = 24 * 3600 * 1000LL;
    bool isNumber = false;
    const qint64 seconds = value.toLongLong(&isNumber);
    if (isNumber)
        return std::clamp<qint64>(seconds * 1000, 0, dayMs);
    // An HTTP date (RFC 9110 IMF-fixdate, "Sun, 06 Nov 1994 08:49:37 GMT"), else RFC 2822.
    QString text = QString::fromLatin1(value);
    QDateTime at;
    if (text.endsWith(QLatin1String(" GMT"))) {
        at = QLocale::c().toDateTime(text.chopped(4), QStringLiteral("ddd, dd MMM yyyy hh:mm:ss"));
        at.setTimeSpec(Qt::UTC);
    }
    if (!at.isValid())
        at = QDateTime::fromString(text, Qt::RFC2822Date);
    if (!at.isValid())
        return 0;
    return std::clamp<qint64>(at.toMSecsSinceEpoch() - m_clock.nowMs(), 0, dayMs);
}

void OutboxDispatcher::record(const OutboxOutcome &outcome)
{
    m_outcomes << outcome;
    if (m_outcomes.size() >= m_options.outcomesPerCommit)
        flush();
}

void OutboxDispatcher::flush()
{
    if (m_outcomes.isEmpty())
        return;
    const QList<OutboxOutcome> outcomes = std::exchange(m_outcomes, {});
    const Models::DbResult<int> applied = m_outbox->finish(m_options.workerId, outcomes);
    if (!applied.ok()) {
        // The rows stay in_flight; after staleClaimMs they are recovered and resent with their keys.
        qCWarning(lcOutbox).noquote() << "recording" << outcomes.size() << "outcomes:" << applied.error().message();
        return;
    }
    m_changed += applied.value();
    emit rowsChanged();
}

void OutboxDispatcher::maybeFinishPass()
{
    if (!m_passActive)
        return;
    for (const auto &lane : m_lanes) {
        if (lane->inFlight > 0 || !lane->queue.isEmpty() || (!lane->exhausted && !m_stopping))
            return;
    }
    flush();
    m_passActive = false;
    emit passFinished(m_changed);
    if (m_waitLoop)
        m_waitLoop->quit();
}

} // namespace Callvia::Services
