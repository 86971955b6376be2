#pragma once

#include <QObject>
#include <QString>
#include <QStringList>

class QNetworkAccessManager;

namespace Callvia::Services {

class ProviderConfig;

// The admin console's "Test connection": one harmless authenticated GET per provider with the
// configured base URL and API key (Retell GET /get-concurrency, Cal.com GET /v2/me, Stripe GET
// /v1/balance, SendGrid GET /v3/scopes, MessageBird GET /balance), answered by signal. Reads
// nothing and changes nothing at the provider. The key goes only into the Authorization header:
// never into a result, a log line or an error text. Owns its network access; borrows the config.
class ConnectionTester final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionTester)
public:
    enum class Outcome { Connected, NoKey, KeyRefused, Unreachable, UnexpectedAnswer };
    struct Result
    {
        QString provider;
        Outcome outcome = Outcome::Unreachable;
        QString url; // what was asked (base URL + path, no key)
        int status = 0; // HTTP status, 0 when none came back
        QString detail; // the network error or the provider's error text (trimmed, short)
    };

    ConnectionTester(const ProviderConfig &config, QObject *parent = nullptr, int timeoutMs = 10000);
    ~ConnectionTester() override;

    static QStringList providers(); // retell, calcom, stripe, sendgrid, messagebird
    static QString defaultBaseUrl(const QString &provider);
    static QString testPath(const QString &provider); // "/v1/balance"
    // Starts the test; finished() follows (at once for a missing key or an unknown provider).
    void test(const QString &provider);

Q_SIGNALS:
    void finished(const Callvia::Services::ConnectionTester::Result &result);

private:
    void finish(Result result);

    const ProviderConfig &m_config;
    QNetworkAccessManager *m_network;
    int m_timeoutMs;
};

} // namespace Callvia::Services
