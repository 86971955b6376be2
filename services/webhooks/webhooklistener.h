#pragma once

#include "guardedtcpserver.h"
#include "intakequeue.h"
#include "signatureverifiers.h"

#include <QHash>
#include <QHostAddress>
#include <QHttpServer>
#include <QObject>
#include <QSet>

namespace Callvia::Models {
class Clock;
class Database;
}

namespace Callvia::Services {

class HandlerRegistry;
class ProviderConfig;
class VerificationService; // issue 22

// The webhook listener: GuardedTcpServer (limits) -> QHttpServer (routes) -> signature check
// -> ProviderHandler::identify() -> IntakeQueue (group commit, then 200). Routes:
// POST /api/webhooks/{retell,calcom,stripe,sendgrid,messagebird} (messagebird also GET), GET /healthz,
// GET /api/appointments/verify?token=..&answer=yes|no (the client's signed show-check link, issue 22;
// rate-limited with the unverified budget, answered with a small HTML page).
// Borrows the database, clock, config and handlers; owns its servers and queue.
class WebhookListener final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WebhookListener)
public:
    struct Options
    {
        ListenerLimits limits;
        IntakeQueue::Options intake;
        qint64 secretsCacheMs = 10'000; // settings edits apply within this time
        QByteArray linkKey; // show-check links without a verification.link_key setting (issue 22)
    };

    WebhookListener(Models::Database &database, const Models::Clock &clock, const ProviderConfig &config,
                    const HandlerRegistry &handlers, Options options, QObject *parent = nullptr);
    ~WebhookListener() override;

    // Starts listening; returns an error message (empty on success). Port 0 = any free port.
    QString listen(const QHostAddress &address, quint16 port);
    quint16 port() const;
    void stop(); // stops accepting, answers everything queued
    // SIGHUP (issue 26): the provider secrets and the public URL are read again at the next
    // request (not after secretsCacheMs), the trusted proxies at once; from the settings and the
    // environment the process started with. Returns what now applies, for the log (no secret).
    QString reloadConfiguration();
    IntakeQueue &intake() { return *m_intake; }
    static QStringList providers();

Q_SIGNALS:
    void eventsStored(int newEvents);
    void requestRejected(const QString &provider, int status, const QString &reason);
    // Storing webhooks failed (error names the database) or works again (healthy, empty error).
    void databaseHealthChanged(bool healthy, const QString &error);

private:
    void handleWebhook(const QString &provider, const QHttpServerRequest &request, QHttpServerResponder &&responder);
    void handleHealth(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    void handleVerify(const QHttpServerRequest &request, QHttpServerResponder &&responder); // issue 22
    VerifyResult verify(const QString &provider, const QHttpServerRequest &request, const QString &secret);
    QString secret(const QString &provider);
    bool verifiedByTestKey(const QHttpServerRequest &request); // sendgrid.test_signing_key (issue 26)
    void reject(QHttpServerResponder &responder, const QString &provider, int status, const QString &error,
                const QString &detail);
    bool charge(QHttpServerResponder &responder, const QHttpServerRequest &request, const QString &provider,
                bool verified);
    void refuseUnverified(QHttpServerResponder &responder, const QHttpServerRequest &request, const QString &provider,
                          int status, const QString &error, const QString &detail, const QByteArray &allow = {});

    Models::Database &m_database;
    const Models::Clock &m_clock;
    const ProviderConfig &m_config;
    const HandlerRegistry &m_handlers;
    Options m_options;
    QHttpServer *m_http;
    GuardedTcpServer *m_tcp = nullptr;
    IntakeQueue *m_intake;
    QHash<QString, QString> m_secrets;
    qint64 m_secretsLoadedMs = -1;
    QSet<QString> m_loggedUnconfigured;
    VerificationService *m_verification; // child; answers the show-check links (issue 22)
};

// Writes {"error":…,"detail":…} with the given status (and extra headers); no "detail" when it
// is empty (webhook failure reasons are logged, never answered).
void writeJsonError(QHttpServerResponder &responder, int status, const QString &error, const QString &detail,
                    const QByteArray &allow = {});

} // namespace Callvia::Services
