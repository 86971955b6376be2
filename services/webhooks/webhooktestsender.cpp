#include "webhooktestsender.h"
#include "webhookcrypto.h"

#include <models/clock.h>
#include <models/repositories/eventrepository.h>
#include <services/providerconfig.h>
#include <services/servicethread.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMetaObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>
#include <QUuid>

namespace Callvia::Services {

namespace {

namespace WC = WebhookCrypto;

QString s(const char *text)
{
    return QString::fromLatin1(text);
}

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QByteArray base64Url(const QByteArray &data)
{
    return data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

// A key given as PEM or as bare base64 DER.
QByteArray derFromText(const QString &text)
{
    QByteArray base64;
    for (const QString &line : text.split(QLatin1Char('\n')))
        if (!line.trimmed().startsWith(QLatin1String("-----")))
            base64 += line.trimmed().toLatin1();
    return QByteArray::fromBase64(base64);
}

QString chopSlashes(QString base)
{
    base = base.trimmed();
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    return base;
}

void addHeader(WebhookTestSender::Request *request, const QPair<QByteArray, QByteArray> &header)
{
    request->headers.append(header);
}

QString isoNow(const Models::Clock &clock)
{
    return clock.nowUtc().toString(Qt::ISODateWithMs);
}

} // namespace

WebhookTestSender::WebhookTestSender(Models::Database &database, const Models::Clock &clock,
                                     const ProviderConfig &config, ServiceThread *reader, Options options,
                                     QObject *parent)
    : QObject(parent), m_database(database), m_clock(clock), m_config(config), m_reader(reader),
      m_options(options), m_network(new QNetworkAccessManager(this))
{
}

WebhookTestSender::~WebhookTestSender()
{
    // A look-up still running on the reader captured `this`: let it finish; its queued answer is
    // dropped with this object's posted events.
    if (m_reader && m_reader->isRunning())
        m_reader->run([] {});
}

QStringList WebhookTestSender::providers()
{
    return { s("retell"), s("calcom"), s("stripe"), s("sendgrid"), s("messagebird") };
}

QString WebhookTestSender::testIdPrefix()
{
    return s("callvia-test-");
}

bool WebhookTestSender::isTestEventId(const QString &providerEventId)
{
    // Every provider's dedupe key holds the id the provider generated (call_id, uid, event id,
    // sg_event_id, message id); ours is the only one that starts with the prefix.
    return providerEventId.contains(testIdPrefix());
}

QString WebhookTestSender::secretName(const QString &provider)
{
    static const QHash<QString, QString> names { { s("retell"), s("api_key") },
                                                 { s("calcom"), s("webhook_secret") },
                                                 { s("stripe"), s("webhook_secret") },
                                                 { s("sendgrid"), s("test_signing_key") },
                                                 { s("messagebird"), s("signing_key") } };
    return names.contains(provider) ? ProviderConfig::settingsKey(provider, names.value(provider)) : QString();
}

QByteArray WebhookTestSender::publicKeyOf(const QString &privateKeyText)
{
    return WC::ecPublicKeyOf(derFromText(privateKeyText));
}

QString WebhookTestSender::targetBase(const QString &localBase, bool *isPublic) const
{
    const QString configured = chopSlashes(m_config.value(s("listener"), s("public_url")));
    *isPublic = !configured.isEmpty();
    return configured.isEmpty() ? chopSlashes(localBase) : configured;
}

WebhookTestSender::Request WebhookTestSender::prepare(const QString &provider, const QString &base,
                                                      const QString &testId) const
{
    Request request;
    request.url = QUrl(chopSlashes(base) + s("/api/webhooks/") + provider);
    const QString key = secretName(provider);
    const QString secret = key.isEmpty() ? QString() : m_config.value(provider, key.section(QLatin1Char('.'), 1));
    if (key.isEmpty()) {
        request.error = tr("unknown provider %1").arg(provider);
        return request;
    }
    if (secret.trimmed().isEmpty()) {
        request.error = tr("no %1 is set here to sign the test with").arg(key);
        return request;
    }
    const qint64 nowMs = m_clock.nowMs();
    const QByteArray seconds = QByteArray::number(nowMs / 1000);
    const QByteArray secretBytes = secret.trimmed().toUtf8();
    if (provider == QLatin1String("retell")) {
        // call_started without agent, numbers or lead: nothing to attribute even if applied.
        request.body = compact({ { s("event"), s("call_started") },
                                 { s("call"), QJsonObject { { s("call_id"), testId },
                                                            { s("call_status"), s("ongoing") },
                                                            { s("direction"), s("outbound") },
                                                            { s("start_timestamp"), double(nowMs) },
                                                            { s("metadata"), QJsonObject { { s("callvia_test"), true } } } } } });
        const QByteArray ms = QByteArray::number(nowMs);
        addHeader(&request, { "X-Retell-Signature",
                                 "v=" + ms + ",d=" + WC::hmac(WC::Digest::Sha256, secretBytes, request.body + ms).toHex() });
        request.providerEventId = testId + s(":call_started");
    } else if (provider == QLatin1String("calcom")) {
        // Cal.com's own "Ping test" trigger: the handler stores it and changes nothing.
        const QString created = isoNow(m_clock);
        request.body = compact({ { s("triggerEvent"), s("PING") },
                                 { s("createdAt"), created },
                                 { s("payload"), QJsonObject { { s("uid"), testId }, { s("title"), s("Callvia test event") } } } });
        addHeader(&request, { "X-Cal-Signature-256", WC::hmac(WC::Digest::Sha256, secretBytes, request.body).toHex() });
        addHeader(&request, { "X-Cal-Webhook-Version", "2021-10-20" });
        request.providerEventId = s("PING:") + testId + QLatin1Char(':') + created;
    } else if (provider == QLatin1String("stripe")) {
        // Not an invoice event: the handler stores it and changes nothing.
        request.body = compact({ { s("id"), testId },
                                 { s("object"), s("event") },
                                 { s("type"), s("balance.available") },
                                 { s("created"), double(nowMs / 1000) },
                                 { s("livemode"), false },
                                 { s("data"), QJsonObject { { s("object"), QJsonObject { { s("object"), s("balance") } } } } } });
        // The first of several configured secrets (while one is rolled) signs.
        const QByteArray first = secretBytes.split(',').first().trimmed();
        addHeader(&request, { "Stripe-Signature",
                                 "t=" + seconds + ",v1=" + WC::hmac(WC::Digest::Sha256, first, seconds + '.' + request.body).toHex() });
        request.providerEventId = testId;
    } else if (provider == QLatin1String("sendgrid")) {
        const QJsonObject event { { s("email"), s("test@callvia.invalid") }, { s("event"), s("processed") },
                                  { s("sg_event_id"), testId }, { s("sg_message_id"), QString(testId + s(".filter0001")) },
                                  { s("timestamp"), double(nowMs / 1000) } };
        request.body = QJsonDocument(QJsonArray { event }).toJson(QJsonDocument::Compact) + "\r\n";
        const QByteArray signature = WC::signEcdsaSha256(derFromText(secret), seconds + request.body);
        if (signature.isEmpty()) {
            request.error = tr("%1 is not a P-256 private key (base64 DER or PEM)").arg(key);
            return request;
        }
        addHeader(&request, { "X-Twilio-Email-Event-Webhook-Signature", signature.toBase64() });
        addHeader(&request, { "X-Twilio-Email-Event-Webhook-Timestamp", seconds });
        request.providerEventId = testId;
    } else {
        // A delivery report for a message that does not exist; the JWT hashes the public URL.
        const QString publicBase = chopSlashes(m_config.value(s("listener"), s("public_url")));
        if (publicBase.isEmpty()) {
            request.error = tr("MessageBird signs the public URL: set listener.public_url first");
            return request;
        }
        const QString when = m_clock.nowUtc().toString(Qt::ISODate);
        request.body = compact({ { s("id"), testId }, { s("reference"), s("callvia-test") },
                                 { s("recipient"), s("31612345678") }, { s("status"), s("delivered") },
                                 { s("statusDatetime"), when } });
        const QByteArray publicUrl = (publicBase + s("/api/webhooks/messagebird")).toUtf8();
        const QJsonObject claims { { s("iss"), s("MessageBird") },
                                   { s("nbf"), double(nowMs / 1000) },
                                   { s("exp"), double(nowMs / 1000 + 60) },
                                   { s("jti"), QUuid::createUuid().toString(QUuid::WithoutBraces) },
                                   { s("url_hash"), QString::fromLatin1(WC::sha256(publicUrl).toHex()) },
                                   { s("payload_hash"), QString::fromLatin1(WC::sha256(request.body).toHex()) } };
        const QByteArray signedPart = base64Url(compact({ { s("alg"), s("HS256") }, { s("typ"), s("JWT") } })) + '.'
                + base64Url(compact(claims));
        addHeader(&request, { "MessageBird-Signature-JWT",
                                 signedPart + '.' + base64Url(WC::hmac(WC::Digest::Sha256, secretBytes, signedPart)) });
        request.providerEventId = testId + s(":delivered:") + when;
    }
    return request;
}

void WebhookTestSender::send(const QString &provider, const QString &localBase)
{
    Result result;
    result.provider = provider;
    result.testId = testIdPrefix() + QUuid::createUuid().toString(QUuid::WithoutBraces);
    const Request request = prepare(provider, targetBase(localBase, &result.publicUrl), result.testId);
    result.url = request.url.toString();
    if (!request.error.isEmpty()) {
        result.outcome = Outcome::NotConfigured;
        result.detail = request.error;
        // Always asynchronous, so a caller connects before or after send() alike.
        QMetaObject::invokeMethod(this, [this, result] { finish(result); }, Qt::QueuedConnection);
        return;
    }
    QNetworkRequest http(request.url);
    http.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    http.setHeader(QNetworkRequest::UserAgentHeader, QByteArrayLiteral("Callvia test event"));
    for (const auto &[name, value] : request.headers)
        http.setRawHeader(name, value);
    http.setTransferTimeout(m_options.requestTimeoutMs);
    QNetworkReply *reply = m_network->post(http, request.body);
    const QString eventId = request.providerEventId;
    connect(reply, &QNetworkReply::finished, this, [this, reply, result, eventId] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        posted(result, eventId, status, reply->readAll(), status == 0 ? reply->errorString() : QString());
    });
}

void WebhookTestSender::posted(Result result, const QString &providerEventId, int statusCode, const QByteArray &body,
                               const QString &networkError)
{
    result.status = statusCode;
    result.body = QString::fromUtf8(body).simplified().left(300);
    if (statusCode == 0) {
        result.outcome = Outcome::Unreachable;
        result.detail = networkError;
        return finish(result);
    }
    if (statusCode == 401) {
        result.outcome = Outcome::SignatureRefused;
        return finish(result);
    }
    if (statusCode == 503 && body.contains("not_configured")) {
        result.outcome = Outcome::NotConfigured;
        result.detail = result.provider == QLatin1String("messagebird")
                ? tr("the listener has no messagebird.signing_key or no listener.public_url")
                : tr("the listener has no %1 webhook secret").arg(result.provider);
        return finish(result);
    }
    if (statusCode < 200 || statusCode >= 300) {
        result.outcome = Outcome::UnexpectedAnswer;
        return finish(result);
    }
    poll(result, providerEventId, QDeadlineTimer(m_options.storeTimeoutMs));
}

void WebhookTestSender::poll(Result result, const QString &providerEventId, QDeadlineTimer deadline)
{
    Models::Database *database = &m_database;
    const QString provider = result.provider;
    auto lookUp = [database, provider, providerEventId] {
        return Models::EventRepository(*database).byProviderEventId(provider, providerEventId);
    };
    auto use = [this, result, providerEventId, deadline](const Models::DbResult<Models::EventRecord> &found) mutable {
        if (found.ok()) {
            result.outcome = Outcome::Stored;
            result.eventId = found.value().id;
            result.receivedAt = found.value().receivedAt;
            result.eventStatus = found.value().status;
            return finish(result);
        }
        if (found.error().kind() != Models::DbError::NotFound || deadline.hasExpired()) {
            result.outcome = Outcome::NotStored;
            result.detail = found.error().kind() == Models::DbError::NotFound
                    ? tr("not in the events table after %1 s").arg(m_options.storeTimeoutMs / 1000.0)
                    : found.error().message();
            return finish(result);
        }
        QTimer::singleShot(m_options.pollIntervalMs, this,
                           [this, result, providerEventId, deadline] { poll(result, providerEventId, deadline); });
    };
    if (!m_reader || !m_reader->isRunning())
        return use(lookUp());
    m_reader->post([this, lookUp, use]() mutable {
        auto found = lookUp();
        QMetaObject::invokeMethod(this, [use, found]() mutable { use(found); }, Qt::QueuedConnection);
    });
}

void WebhookTestSender::finish(const Result &result)
{
    Q_EMIT finished(result);
}

} // namespace Callvia::Services
