#pragma once

#include <models/records.h>

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QString>

namespace Callvia::Services {

class ProviderConfig;

// One provider's wire format for the outbox dispatcher: builds the HTTP request for an outbox row
// and reads the provider's answer. Holds no connection: the dispatcher owns the network access,
// the concurrency limit and the retry policy. Base URL and key come from ProviderConfig
// (settings "<provider>.api_base" / "<provider>.api_key", env CALLVIA_<PROVIDER>_API_BASE / _API_KEY).
class ProviderClient
{
public:
    struct Request
    {
        QNetworkRequest request;
        QByteArray verb = "POST";
        QByteArray body;
        QString error; // the row cannot be sent as it is (bad payload): fails at once
    };
    // What a 2xx answer said.
    struct Answer
    {
        bool readable = false; // false: 2xx with a body we cannot parse -> the row is unknown
        QString providerRef;
        QString error;
    };
    // What a look-up found for a row whose outcome is unknown.
    enum class Found { Yes, No, CannotTell };
    struct LookupResult
    {
        Found found = Found::CannotTell;
        QString providerRef;
        QString error;
    };

    ProviderClient(const ProviderConfig &config, QString provider, QString defaultBase);
    virtual ~ProviderClient() = default;

    const QString &provider() const { return m_provider; }
    // Settings are read once and cached (a send must not query the settings table); the
    // dispatcher calls this at the start of each pass so a key set meanwhile is picked up.
    void reloadSettings() const { m_cache.clear(); }
    QString baseUrl() const;
    QString apiKey() const;
    // Empty when the client can send; else why not (missing key), shown in the admin console.
    QString configurationError() const;

    virtual Request buildSend(const Models::OutboxRecord &row) const = 0;
    virtual Answer readSend(const QByteArray &body, const QList<QNetworkReply::RawHeaderPair> &headers) const = 0;
    // The provider's own error text from an error body (falls back to the body itself, trimmed).
    virtual QString readError(const QByteArray &body) const;
    // Whether an error status is worth another attempt: 408, 429 and 5xx by default.
    virtual bool retryableStatus(int status, const QList<QNetworkReply::RawHeaderPair> &headers) const;
    // True when a resend is safe because the provider deduplicates (an idempotency key).
    virtual bool resendIsSafe() const { return true; }
    // Unknown outcome: ask the provider whether the effect exists. Default: cannot look up.
    virtual Request buildLookup(const Models::OutboxRecord &row) const;
    virtual LookupResult readLookup(const Models::OutboxRecord &row, const QByteArray &body) const;

protected:
    // Another setting of this provider ("<provider>.<what>", env CALLVIA_<PROVIDER>_<WHAT>).
    QString setting(const QString &what, const QString &fallback = {}) const;
    QNetworkRequest jsonRequest(const QString &path, const QByteArray &authorization) const;
    static QByteArray compactJson(const QJsonObject &object);
    static QJsonObject payloadOf(const Models::OutboxRecord &row, QString *error);
    static QString trimmed(const QByteArray &body);

private:
    const ProviderConfig &m_config;
    QString m_provider;
    QString m_defaultBase;
    mutable QHash<QString, QString> m_cache; // setting name -> value (one thread: the dispatcher's)
};

} // namespace Callvia::Services
