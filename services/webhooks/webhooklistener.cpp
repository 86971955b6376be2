#include "webhooklistener.h"
#include "handlerregistry.h"
#include "webhooktestsender.h"

#include <models/clock.h>
#include <models/database.h>
#include <models/repositories/eventrepository.h>
#include <services/providerconfig.h>
#include <services/verification/confirmationlinks.h>
#include <services/verification/verificationservice.h>
#include <services/reminders/messagetemplates.h>

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QHttpServerRequest>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcWebhooks, "callvia.webhooks")

namespace Callvia::Services {

namespace {

using Status = QHttpServerResponder::StatusCode;

// Where each provider's secret lives (ProviderConfig: env CALLVIA_<PROVIDER>_<WHAT> or settings).
const QHash<QString, QString> &secretNames()
{
    static const QHash<QString, QString> names {
        { QStringLiteral("retell"), QStringLiteral("api_key") },
        { QStringLiteral("calcom"), QStringLiteral("webhook_secret") },
        { QStringLiteral("stripe"), QStringLiteral("webhook_secret") },
        { QStringLiteral("sendgrid"), QStringLiteral("webhook_public_key") },
        { QStringLiteral("messagebird"), QStringLiteral("signing_key") },
    };
    return names;
}

// Without a registered handler a verified event is still stored (keyed by its body's hash) and
// stays pending until a handler for its provider is registered.
QList<IncomingEvent> unidentifiedEvents(const QByteArray &body, const QUrlQuery &query)
{
    const QByteArray content = body + '\n' + query.toString(QUrl::FullyEncoded).toUtf8();
    const QString id = QString::fromLatin1(QCryptographicHash::hash(content, QCryptographicHash::Sha256).toHex());
    return { IncomingEvent { QStringLiteral("sha256:") + id, QStringLiteral("unidentified"), QString(),
                             body.isEmpty() ? query.toString(QUrl::FullyEncoded).toUtf8() : body } };
}

VerificationService::Options verificationOptions(const WebhookListener::Options &options)
{
    VerificationService::Options verification;
    verification.linkKey = options.linkKey;
    return verification;
}

} // namespace

void writeJsonError(QHttpServerResponder &responder, int status, const QString &error, const QString &detail,
                    const QByteArray &allow)
{
    QJsonObject object { { QStringLiteral("error"), error } };
    if (!detail.isEmpty())
        object.insert(QStringLiteral("detail"), detail);
    const QByteArray body = QJsonDocument(object).toJson(QJsonDocument::Compact);
    if (allow.isEmpty())
        responder.write(body, { { "Content-Type", "application/json" } }, Status(status));
    else
        responder.write(body, { { "Content-Type", "application/json" }, { "Allow", allow } }, Status(status));
}

QStringList WebhookListener::providers()
{
    return { QStringLiteral("retell"), QStringLiteral("calcom"), QStringLiteral("stripe"), QStringLiteral("sendgrid"),
             QStringLiteral("messagebird") };
}

WebhookListener::WebhookListener(Models::Database &database, const Models::Clock &clock, const ProviderConfig &config,
                                 const HandlerRegistry &handlers, Options options, QObject *parent)
    : QObject(parent), m_database(database), m_clock(clock), m_config(config), m_handlers(handlers),
      m_options(options), m_http(new QHttpServer(this)),
      m_intake(new IntakeQueue(database, clock, options.intake, this)),
      m_verification(new VerificationService(database, clock, &config, verificationOptions(options), this))
{
    connect(m_intake, &IntakeQueue::eventsStored, this, &WebhookListener::eventsStored);
    connect(m_intake, &IntakeQueue::databaseHealthChanged, this, &WebhookListener::databaseHealthChanged);
    m_http->route(QStringLiteral("/api/webhooks/<arg>"),
                  [this](const QString &provider, const QHttpServerRequest &request, QHttpServerResponder &&responder) {
                      handleWebhook(provider, request, std::move(responder));
                  });
    m_http->route(QStringLiteral("/healthz"), [this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
        handleHealth(request, std::move(responder));
    });
    m_http->route(QStringLiteral("/api/appointments/verify"),
                  [this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
                      handleVerify(request, std::move(responder));
                  });
    m_http->setMissingHandler([](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
        writeJsonError(responder, 404, QStringLiteral("not_found"),
                       QStringLiteral("no route for %1").arg(request.url().path().left(200)));
    });
}

WebhookListener::~WebhookListener()
{
    stop();
}

QString WebhookListener::listen(const QHostAddress &address, quint16 port)
{
    auto *tcp = new GuardedTcpServer(m_options.limits, m_clock, this);
    if (!tcp->listen(address, port)) {
        const QString error = QStringLiteral("cannot listen on %1:%2: %3").arg(address.toString()).arg(port).arg(tcp->errorString());
        delete tcp;
        return error;
    }
    m_http->bind(tcp);
    m_tcp = tcp;
    return {};
}

quint16 WebhookListener::port() const
{
    return m_tcp ? m_tcp->serverPort() : 0;
}

void WebhookListener::stop()
{
    if (m_tcp)
        m_tcp->close();
    m_intake->drain();
    if (m_tcp)
        m_tcp->flushAll(); // the answers just written leave before the sockets are deleted
}

void WebhookListener::reject(QHttpServerResponder &responder, const QString &provider, int status,
                             const QString &error, const QString &detail)
{
    // Why a webhook failed stays in the log; the answer carries only the stable error code, so it
    // tells a prober nothing about our parsing, keys or clock.
    qCInfo(lcWebhooks).noquote() << provider << "webhook answered" << status << error + QLatin1Char(':')
                                 << detail.left(500);
    Q_EMIT requestRejected(provider, status, error);
    writeJsonError(responder, status, error, {});
}

// Every webhook request is charged once: against the provider's budget for its address when its
// signature verified, else against the address's budget for unverified requests, so a flood of
// unsigned requests from a tunnel's address cannot use up the providers' budget. Answers 429
// and returns false when the budget is spent.
bool WebhookListener::charge(QHttpServerResponder &responder, const QHttpServerRequest &request,
                             const QString &provider, bool verified)
{
    if (!m_tcp)
        return true;
    // Behind a trusted reverse proxy or tunnel: the client it names (issue 26).
    const QHostAddress client = m_options.limits.trustedProxies.clientAddress(
            request.remoteAddress(), request.value("Forwarded"), request.value("X-Forwarded-For"));
    const QString source = GuardedTcpServer::sourceKey(client);
    int retryAfter = 0;
    if (verified ? m_tcp->allowVerified(source, provider, &retryAfter) : m_tcp->allowRequest(source, &retryAfter))
        return true;
    Q_EMIT requestRejected(provider, 429, QStringLiteral("rate_limited"));
    const QByteArray body = QJsonDocument(QJsonObject { { QStringLiteral("error"), QStringLiteral("rate_limited") },
                                                        { QStringLiteral("detail"),
                                                          QStringLiteral("too many requests from this address") } })
                                    .toJson(QJsonDocument::Compact);
    responder.write(body, { { "Content-Type", "application/json" }, { "Retry-After", QByteArray::number(retryAfter) } },
                    Status::TooManyRequests);
    return false;
}

// A refusal before the signature verified: charged as unverified (429 once that budget is spent).
void WebhookListener::refuseUnverified(QHttpServerResponder &responder, const QHttpServerRequest &request,
                                       const QString &provider, int status, const QString &error,
                                       const QString &detail, const QByteArray &allow)
{
    if (!charge(responder, request, provider, false))
        return;
    Q_EMIT requestRejected(provider, status, error);
    // A wrong route or method is told (it reveals nothing); why a signature or configuration
    // failed stays in the log and the answer carries only the stable error code (see reject()).
    if (status == 404 || status == 405)
        return writeJsonError(responder, status, error, detail, allow);
    qCInfo(lcWebhooks).noquote() << provider << "webhook answered" << status << error + QLatin1Char(':')
                                 << detail.left(500);
    writeJsonError(responder, status, error, {}, allow);
}

void WebhookListener::handleWebhook(const QString &provider, const QHttpServerRequest &request,
                                    QHttpServerResponder &&responder)
{
    if (!secretNames().contains(provider))
        return refuseUnverified(responder, request, provider, 404, QStringLiteral("not_found"),
                                QStringLiteral("unknown provider"));
    const bool get = request.method() == QHttpServerRequest::Method::Get;
    if (request.method() != QHttpServerRequest::Method::Post && !(get && provider == QLatin1String("messagebird")))
        return refuseUnverified(responder, request, provider, 405, QStringLiteral("method_not_allowed"),
                                QStringLiteral("this route takes POST"),
                                provider == QLatin1String("messagebird") ? "GET, POST" : "POST");
    const QString key = secret(provider);
    if (key.isEmpty()) {
        if (!m_loggedUnconfigured.contains(provider)) {
            m_loggedUnconfigured.insert(provider);
            qCWarning(lcWebhooks).noquote() << provider << "webhook refused: no" << secretNames().value(provider)
                                            << "configured (set" << ProviderConfig::environmentName(provider, secretNames().value(provider)) << "or the setting)";
        }
        return refuseUnverified(responder, request, provider, 503, QStringLiteral("not_configured"),
                                QStringLiteral("%1 webhooks are not configured on this listener").arg(provider));
    }
    VerifyResult verified = verify(provider, request, key);
    // The admin console's SendGrid test event is signed with sendgrid.test_signing_key (SendGrid's
    // private key is SendGrid's); that key vouches for test events only (checked below).
    const bool testKeyOnly = !verified.ok() && provider == QLatin1String("sendgrid") && verifiedByTestKey(request);
    if (testKeyOnly)
        verified = VerifyResult::valid();
    if (!verified.ok()) {
        return refuseUnverified(responder, request, provider, 401,
                                verified.status == VerifyResult::Stale ? QStringLiteral("stale_timestamp")
                                                                       : QStringLiteral("invalid_signature"),
                                VerifyResult::statusName(verified.status) + QStringLiteral(": ") + verified.reason);
    }
    if (!charge(responder, request, provider, true))
        return;
    QList<IncomingEvent> events;
    QString error;
    const QUrlQuery query(request.url());
    const ProviderHandler *handler = m_handlers.handler(provider);
    if (!handler)
        events = unidentifiedEvents(request.body(), query);
    else if (!handler->identify(request.body(), query, &events, &error))
        return reject(responder, provider, 400, QStringLiteral("invalid_payload"), error);
    for (const IncomingEvent &event : std::as_const(events))
        if (testKeyOnly && !WebhookTestSender::isTestEventId(event.providerEventId))
            return reject(responder, provider, 401, QStringLiteral("invalid_signature"),
                          QStringLiteral("the test signing key signs test events only"));
    if (events.isEmpty()) {
        responder.write(QByteArrayLiteral("{\"status\":\"ignored\"}"), "application/json", Status::Ok);
        return;
    }
    QList<Models::NewEvent> batch;
    for (const IncomingEvent &event : std::as_const(events))
        batch.append({ provider, event.providerEventId, event.eventType, event.orderingKey, event.rawBody });
    m_intake->enqueue(std::move(batch), std::move(responder));
}

VerifyResult WebhookListener::verify(const QString &provider, const QHttpServerRequest &request, const QString &secret)
{
    const QByteArray body = request.body();
    const QByteArray key = secret.toUtf8();
    if (provider == QLatin1String("retell"))
        return SignatureVerifiers::retell(request.value("x-retell-signature"), body, key, m_clock);
    if (provider == QLatin1String("calcom"))
        return SignatureVerifiers::calcom(request.value("x-cal-signature-256"), body, key);
    if (provider == QLatin1String("stripe")) {
        QList<QByteArray> secrets;
        for (const QByteArray &part : key.split(','))
            if (!part.trimmed().isEmpty())
                secrets.append(part.trimmed());
        return SignatureVerifiers::stripe(request.value("stripe-signature"), body, secrets, m_clock);
    }
    if (provider == QLatin1String("sendgrid"))
        return SignatureVerifiers::sendgrid(request.value("x-twilio-email-event-webhook-signature"),
                                            request.value("x-twilio-email-event-webhook-timestamp"), body, key, m_clock);
    const QString base = this->secret(QStringLiteral("listener"));
    const QUrl url = request.url();
    QByteArray publicUrl = base.toUtf8();
    while (publicUrl.endsWith('/'))
        publicUrl.chop(1);
    publicUrl += url.path(QUrl::FullyEncoded).toUtf8();
    if (url.hasQuery())
        publicUrl += '?' + url.query(QUrl::FullyEncoded).toUtf8();
    return SignatureVerifiers::messageBird(request.value("messagebird-signature-jwt"), body, publicUrl, key, m_clock);
}

bool WebhookListener::verifiedByTestKey(const QHttpServerRequest &request)
{
    const QString privateKey = secret(QStringLiteral("sendgrid_test"));
    const QByteArray publicKey = privateKey.isEmpty() ? QByteArray() : WebhookTestSender::publicKeyOf(privateKey);
    return !publicKey.isEmpty()
            && SignatureVerifiers::sendgrid(request.value("x-twilio-email-event-webhook-signature"),
                                            request.value("x-twilio-email-event-webhook-timestamp"), request.body(),
                                            publicKey.toBase64(), m_clock)
                       .ok();
}

QString WebhookListener::reloadConfiguration()
{
    m_secretsLoadedMs = -1;
    m_loggedUnconfigured.clear(); // a provider still unconfigured is named again at its next webhook
    m_options.limits.trustedProxies = ListenerLimits::fromConfig(m_config).trustedProxies;
    QStringList configured;
    for (const QString &provider : providers())
        if (!secret(provider).isEmpty())
            configured << provider;
    return QStringLiteral("webhook secrets of %1; trusted proxies: %2")
            .arg(configured.isEmpty() ? QStringLiteral("no provider") : configured.join(QLatin1Char(',')),
                 m_options.limits.trustedProxies.isEmpty()
                         ? QStringLiteral("none")
                         : m_config.value(QStringLiteral("listener"), QStringLiteral("trusted_proxies")).simplified());
}

QString WebhookListener::secret(const QString &provider)
{
    const qint64 now = m_clock.nowMs();
    if (m_secretsLoadedMs < 0 || now - m_secretsLoadedMs > m_options.secretsCacheMs || now < m_secretsLoadedMs) {
        m_secrets.clear();
        for (auto it = secretNames().cbegin(); it != secretNames().cend(); ++it)
            m_secrets.insert(it.key(), m_config.value(it.key(), it.value()));
        m_secrets.insert(QStringLiteral("listener"), m_config.value(QStringLiteral("listener"), QStringLiteral("public_url")));
        m_secrets.insert(QStringLiteral("sendgrid_test"),
                         m_config.value(QStringLiteral("sendgrid"), QStringLiteral("test_signing_key"))); // issue 26
        m_secrets.insert(QStringLiteral("verification"),
                         m_config.value(QStringLiteral("verification"), QStringLiteral("link_key"))); // issue 22
        m_secretsLoadedMs = now;
    }
    const QString value = m_secrets.value(provider);
    // MessageBird cannot be verified without the public URL its JWT hashes.
    if (provider == QLatin1String("messagebird") && m_secrets.value(QStringLiteral("listener")).isEmpty())
        return {};
    return value;
}

void WebhookListener::handleHealth(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    if (request.method() != QHttpServerRequest::Method::Get)
        return writeJsonError(responder, 405, QStringLiteral("method_not_allowed"), QStringLiteral("this route takes GET"), "GET");
    const bool reachable = !m_database.ping().isError();
    const Models::DbResult<qint64> backlog = reachable ? Models::EventRepository(m_database).backlogCount()
                                                       : Models::DbResult<qint64>(Models::DbError(Models::DbError::Unavailable, {}));
    // A read probe does not see a full, read-only or locked file: the last write's outcome does.
    const bool healthy = reachable && backlog.ok() && m_intake->databaseHealthy();
    const QJsonObject body { { QStringLiteral("status"), healthy ? QStringLiteral("ok") : QStringLiteral("degraded") },
                             { QStringLiteral("database"), healthy },
                             { QStringLiteral("backlog"), backlog.ok() ? double(backlog.value()) : -1.0 },
                             { QStringLiteral("queued"), m_intake->pendingRequests() },
                             { QStringLiteral("version"), QCoreApplication::applicationVersion() } };
    responder.write(QJsonDocument(body).toJson(QJsonDocument::Compact), "application/json",
                    healthy ? Status::Ok : Status::ServiceUnavailable);
}

// --- listener: the client's show-check link (issue 22) ---
void WebhookListener::handleVerify(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    if (!charge(responder, request, QStringLiteral("verify"), false))
        return;
    if (request.method() != QHttpServerRequest::Method::Get)
        return writeJsonError(responder, 405, QStringLiteral("method_not_allowed"), QStringLiteral("this route takes GET"), "GET");
    const QUrlQuery query(request.url());
    const QString token = query.queryItemValue(QStringLiteral("token"), QUrl::FullyDecoded);
    const QString answer = query.queryItemValue(QStringLiteral("answer"), QUrl::FullyDecoded);
    QString language = QString::fromLatin1(request.value("accept-language").left(2));
    const auto answerPage = [&](int status, const QString &kind, const QHash<QString, QString> &values = {}) {
        responder.write(ConfirmationLinks::page(language, kind, values),
                        { { "Content-Type", "text/html; charset=utf-8" },
                          { "Cache-Control", "no-store" },
                          { "Referrer-Policy", "no-referrer" } },
                        Status(status));
    };
    const QString configured = secret(QStringLiteral("verification"));
    const QByteArray key = configured.isEmpty() ? m_options.linkKey : configured.toUtf8();
    if (key.isEmpty())
        return answerPage(503, QStringLiteral("unavailable"));
    const ConfirmationLinks::Parsed parsed = ConfirmationLinks::verify(key, token, answer, m_clock.nowMs());
    switch (parsed.check) {
    case ConfirmationLinks::Check::Malformed:
        return answerPage(400, QStringLiteral("invalid"));
    case ConfirmationLinks::Check::Forged:
        qCInfo(lcWebhooks) << "show-check link with a bad signature for appointment" << parsed.appointmentId;
        return answerPage(403, QStringLiteral("invalid"));
    case ConfirmationLinks::Check::Expired:
        return answerPage(410, QStringLiteral("expired"));
    case ConfirmationLinks::Check::Valid:
        break;
    }
    const Models::DbResult<VerificationService::Answered> answered = m_verification->answerConfirmation(parsed.appointmentId, answer);
    if (!answered.ok()) {
        qCWarning(lcWebhooks).noquote() << "show-check answer not stored:" << answered.error().message();
        return answerPage(503, QStringLiteral("unavailable"));
    }
    const VerificationService::Answered &a = answered.value();
    if (!a.language.isEmpty())
        language = a.language;
    const QString zone = a.timeZone.isEmpty() ? QStringLiteral("UTC") : a.timeZone;
    const QHash<QString, QString> values {
        { QStringLiteral("lead_name"), a.leadName },
        { QStringLiteral("appointment_time"),
          MessageTemplates::formatTime(a.startsAt, zone, MessageTemplates::pickLanguage(language)) },
    };
    switch (a.outcome) {
    case VerificationService::AnswerOutcome::Recorded:
        return answerPage(200, answer, values);
    case VerificationService::AnswerOutcome::AlreadyAnswered:
        return answerPage(409, QStringLiteral("used"));
    case VerificationService::AnswerOutcome::Expired:
        return answerPage(410, QStringLiteral("expired"));
    case VerificationService::AnswerOutcome::NotFound:
        break;
    }
    answerPage(404, QStringLiteral("invalid"));
}
// --- end show-check link ---

} // namespace Callvia::Services
