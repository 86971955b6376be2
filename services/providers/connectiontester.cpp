#include "connectiontester.h"

#include <services/providerconfig.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMetaObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QUrl>

namespace Callvia::Services {

namespace {

QString shortText(const QByteArray &body)
{
    // The provider's message where its error body has one; else the body itself, short.
    const QJsonObject root = QJsonDocument::fromJson(body).object();
    for (const char *path : { "error/message", "error_message", "errors/0/message", "errors/0/description", "message" }) {
        QJsonValue value = root;
        for (const QString &part : QString::fromLatin1(path).split(QLatin1Char('/'))) {
            bool index = false;
            const int i = part.toInt(&index);
            value = index ? value.toArray().at(i) : value.toObject().value(part);
        }
        if (value.isString() && !value.toString().isEmpty())
            return value.toString().left(300);
    }
    return QString::fromUtf8(body).simplified().left(300);
}

} // namespace

ConnectionTester::ConnectionTester(const ProviderConfig &config, QObject *parent, int timeoutMs)
    : QObject(parent), m_config(config), m_network(new QNetworkAccessManager(this)), m_timeoutMs(timeoutMs)
{
}

ConnectionTester::~ConnectionTester() = default;

QStringList ConnectionTester::providers()
{
    return { QStringLiteral("retell"), QStringLiteral("calcom"), QStringLiteral("stripe"), QStringLiteral("sendgrid"),
             QStringLiteral("messagebird") };
}

QString ConnectionTester::defaultBaseUrl(const QString &provider)
{
    if (provider == QLatin1String("retell"))
        return QStringLiteral("https://api.retellai.com");
    if (provider == QLatin1String("calcom"))
        return QStringLiteral("https://api.cal.com");
    if (provider == QLatin1String("stripe"))
        return QStringLiteral("https://api.stripe.com");
    if (provider == QLatin1String("sendgrid"))
        return QStringLiteral("https://api.sendgrid.com");
    if (provider == QLatin1String("messagebird"))
        return QStringLiteral("https://rest.messagebird.com");
    return {};
}

QString ConnectionTester::testPath(const QString &provider)
{
    if (provider == QLatin1String("retell"))
        return QStringLiteral("/get-concurrency");
    if (provider == QLatin1String("calcom"))
        return QStringLiteral("/v2/me");
    if (provider == QLatin1String("stripe"))
        return QStringLiteral("/v1/balance");
    if (provider == QLatin1String("sendgrid"))
        return QStringLiteral("/v3/scopes");
    if (provider == QLatin1String("messagebird"))
        return QStringLiteral("/balance");
    return {};
}

void ConnectionTester::test(const QString &provider)
{
    Result result;
    result.provider = provider;
    QString base = m_config.value(provider, QStringLiteral("api_base"), defaultBaseUrl(provider));
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    result.url = base + testPath(provider);
    const QString key = m_config.value(provider, QStringLiteral("api_key"));
    if (testPath(provider).isEmpty() || key.trimmed().isEmpty()) {
        result.outcome = Outcome::NoKey;
        result.detail = ProviderConfig::settingsKey(provider, QStringLiteral("api_key"));
        return finish(result);
    }
    QNetworkRequest request { QUrl(result.url) };
    const QByteArray scheme = provider == QLatin1String("messagebird") ? "AccessKey " : "Bearer ";
    request.setRawHeader("Authorization", scheme + key.trimmed().toUtf8());
    request.setRawHeader("Accept", "application/json");
    request.setTransferTimeout(m_timeoutMs);
    QNetworkReply *reply = m_network->get(request);
    connect(reply, &QNetworkReply::finished, this, [this, reply, result, key]() mutable {
        reply->deleteLater();
        result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray body = reply->readAll();
        if (result.status == 0) {
            result.outcome = Outcome::Unreachable;
            result.detail = reply->errorString();
        } else if (result.status >= 200 && result.status < 300) {
            result.outcome = Outcome::Connected;
        } else {
            result.outcome = result.status == 401 || result.status == 403 ? Outcome::KeyRefused
                                                                          : Outcome::UnexpectedAnswer;
            result.detail = shortText(body);
        }
        result.detail.replace(key.trimmed(), QStringLiteral("••••")); // should a provider echo it
        finish(result);
    });
}

void ConnectionTester::finish(Result result)
{
    // Always asynchronous, so a caller connects before or after test() alike.
    QMetaObject::invokeMethod(this, [this, result] { Q_EMIT finished(result); }, Qt::QueuedConnection);
}

} // namespace Callvia::Services
