#include "providerclient.h"

#include "../providerconfig.h"

#include <QJsonDocument>
#include <QUrl>

namespace Callvia::Services {

ProviderClient::ProviderClient(const ProviderConfig &config, QString provider, QString defaultBase)
    : m_config(config), m_provider(std::move(provider)), m_defaultBase(std::move(defaultBase))
{
}

QString ProviderClient::baseUrl() const
{
    QString base = setting(QStringLiteral("api_base"), m_defaultBase);
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    return base;
}

QString ProviderClient::apiKey() const
{
    return setting(QStringLiteral("api_key"));
}

QString ProviderClient::setting(const QString &what, const QString &fallback) const
{
    auto it = m_cache.constFind(what);
    if (it == m_cache.constEnd())
        it = m_cache.insert(what, m_config.value(m_provider, what));
    return it->isEmpty() ? fallback : *it;
}

QString ProviderClient::configurationError() const
{
    if (!apiKey().isEmpty())
        return {};
    return QStringLiteral("waiting: no %1 API key (set %2 in Settings or the environment variable %3)")
            .arg(m_provider, ProviderConfig::settingsKey(m_provider, QStringLiteral("api_key")),
                 ProviderConfig::environmentName(m_provider, QStringLiteral("api_key")));
}

QString ProviderClient::readError(const QByteArray &body) const
{
    return trimmed(body);
}

bool ProviderClient::retryableStatus(int status, const QList<QNetworkReply::RawHeaderPair> &) const
{
    return status == 408 || status == 429 || status >= 500;
}

ProviderClient::Request ProviderClient::buildLookup(const Models::OutboxRecord &) const
{
    Request request;
    request.error = QStringLiteral("%1 offers no look-up").arg(m_provider);
    return request;
}

ProviderClient::LookupResult ProviderClient::readLookup(const Models::OutboxRecord &, const QByteArray &) const
{
    return {};
}

QNetworkRequest ProviderClient::jsonRequest(const QString &path, const QByteArray &authorization) const
{
    QNetworkRequest request(QUrl(baseUrl() + path));
    request.setRawHeader("Authorization", authorization);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setRawHeader("Accept", "application/json");
    return request;
}

QByteArray ProviderClient::compactJson(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QJsonObject ProviderClient::payloadOf(const Models::OutboxRecord &row, QString *error)
{
    QJsonParseError parse;
    const QJsonDocument document = QJsonDocument::fromJson(row.payloadJson.toUtf8(), &parse);
    if (!document.isObject()) {
        *error = QStringLiteral("the outbox payload is not a JSON object: ") + parse.errorString();
        return {};
    }
    return document.object();
}

QString ProviderClient::trimmed(const QByteArray &body)
{
    constexpr int limit = 2000; // the admin console shows it; a provider's HTML error page is long
    QString text = QString::fromUtf8(body.left(limit)).trimmed();
    if (body.size() > limit)
        text += QStringLiteral("…");
    return text;
}

} // namespace Callvia::Services
