#pragma once

#include <QByteArray>
#include <QDeadlineTimer>
#include <QList>
#include <QObject>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QUrl>

class QNetworkAccessManager;

namespace Callvia::Models {
class Clock;
class Database;
} // namespace Callvia::Models

namespace Callvia::Services {

class ProviderConfig;
class ServiceThread;

struct WebhookTestSenderOptions
{
    int requestTimeoutMs = 10'000; // the POST
    int storeTimeoutMs = 10'000; // then the wait for the events row
    int pollIntervalMs = 200;
};

// The admin console's "Send test event" (issue 26 item 4): builds a minimal event for one provider
// with a unique "callvia-test-<uuid>" id, signs it exactly as the provider does with the configured
// secret, POSTs it to the public URL (listener.public_url; else the local listener's URL, and the
// result says which), then looks the event up in the events table until it is stored or the wait
// ends. Stored test events are never applied (EventProcessor skips isTestEventId()), and the
// marker is inside the signed body, so it cannot get an unsigned request in. No secret goes into a
// result or a log line. Borrows the database, clock, config and the reader thread the look-ups run
// on (inline when null); owns its network access.
class WebhookTestSender final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WebhookTestSender)
public:
    enum class Outcome { Stored, NotStored, SignatureRefused, NotConfigured, Unreachable, UnexpectedAnswer };
    struct Result
    {
        QString provider;
        Outcome outcome = Outcome::Unreachable;
        QString url; // where it was posted
        bool publicUrl = false; // true: listener.public_url; false: the local listener's URL
        QString testId; // "callvia-test-<uuid>"
        int status = 0; // HTTP status, 0 when none came back
        QString body; // the listener's answer, short
        QString detail; // the network error, or what to configure
        qint64 eventId = 0; // the stored row
        qint64 receivedAt = 0; // ms since epoch (UTC)
        QString eventStatus; // pending | processed | …
    };
    struct Request
    {
        QUrl url;
        QByteArray body;
        QList<QPair<QByteArray, QByteArray>> headers;
        QString providerEventId; // the events row's dedupe key
        QString error; // set when it cannot be signed (no secret): nothing is sent
    };
    using Options = WebhookTestSenderOptions;

    WebhookTestSender(Models::Database &database, const Models::Clock &clock, const ProviderConfig &config,
                      ServiceThread *reader = nullptr, Options options = {}, QObject *parent = nullptr);
    ~WebhookTestSender() override;

    static QStringList providers(); // retell, calcom, stripe, sendgrid, messagebird
    static QString testIdPrefix(); // "callvia-test-"
    // Whether a stored event is one of ours (its dedupe key holds the test id).
    static bool isTestEventId(const QString &providerEventId);
    // The secret setting each test is signed with ("stripe.webhook_secret"; SendGrid's is
    // sendgrid.test_signing_key, a P-256 private key: SendGrid's own private key is SendGrid's).
    static QString secretName(const QString &provider);
    // The DER public key of a P-256 private key given as PEM or base64 DER; empty when it is none.
    static QByteArray publicKeyOf(const QString &privateKeyText);
    // The base URL a test goes to: listener.public_url when set, else `localBase`.
    QString targetBase(const QString &localBase, bool *isPublic) const;
    // Builds and signs the test request (no network). Public for the tests.
    Request prepare(const QString &provider, const QString &base, const QString &testId) const;

    // Starts a test; finished() follows (at once when the provider cannot be signed for).
    void send(const QString &provider, const QString &localBase);

Q_SIGNALS:
    void finished(const Callvia::Services::WebhookTestSender::Result &result);

private:
    void posted(Result result, const QString &providerEventId, int statusCode, const QByteArray &body,
                const QString &networkError);
    void poll(Result result, const QString &providerEventId, QDeadlineTimer deadline);
    void finish(const Result &result);

    Models::Database &m_database;
    const Models::Clock &m_clock;
    const ProviderConfig &m_config;
    ServiceThread *m_reader;
    Options m_options;
    QNetworkAccessManager *m_network;
};

} // namespace Callvia::Services
