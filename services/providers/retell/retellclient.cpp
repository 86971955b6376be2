#include "retellclient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUrl>

namespace Callvia::Services {

RetellClient::RetellClient(const ProviderConfig &config)
    : ProviderClient(config, QStringLiteral("retell"), QStringLiteral("https://api.retellai.com"))
{
}

ProviderClient::Request RetellClient::buildSend(const Models::OutboxRecord &row) const
{
    Request request;
    const QJsonObject payload = payloadOf(row, &request.error);
    if (!request.error.isEmpty())
        return request;
    const QString from = payload.value(QLatin1String("from_number")).toString(setting(QStringLiteral("from_number")));
    const QString to = payload.value(QLatin1String("to_number")).toString();
    if (from.isEmpty() || to.isEmpty()) {
        request.error = QStringLiteral("retell_call payload needs \"to_number\" and \"from_number\" (or retell.from_number)");
        return request;
    }
    QJsonObject metadata = payload.value(QLatin1String("metadata")).toObject();
    metadata.insert(outboxKeyField(), row.idempotencyKey);
    QJsonObject call { { QStringLiteral("from_number"), from }, { QStringLiteral("to_number"), to },
                       { QStringLiteral("metadata"), metadata } };
    const QString agent = payload.value(QLatin1String("agent_id")).toString(setting(QStringLiteral("agent_id")));
    if (!agent.isEmpty())
        call.insert(QStringLiteral("override_agent_id"), agent);
    if (payload.value(QLatin1String("retell_llm_dynamic_variables")).isObject())
        call.insert(QStringLiteral("retell_llm_dynamic_variables"), payload.value(QLatin1String("retell_llm_dynamic_variables")));
    request.request = jsonRequest(QStringLiteral("/v2/create-phone-call"), QByteArrayLiteral("Bearer ") + apiKey().toUtf8());
    request.body = compactJson(call);
    return request;
}

ProviderClient::Answer RetellClient::readSend(const QByteArray &body, const QList<QNetworkReply::RawHeaderPair> &) const
{
    Answer answer;
    answer.providerRef = QJsonDocument::fromJson(body).object().value(QLatin1String("call_id")).toString();
    answer.readable = !answer.providerRef.isEmpty();
    return answer;
}

ProviderClient::Request RetellClient::buildLookup(const Models::OutboxRecord &row) const
{
    Request request;
    const QJsonObject payload = payloadOf(row, &request.error);
    if (!request.error.isEmpty())
        return request;
    const QString from = payload.value(QLatin1String("from_number")).toString(setting(QStringLiteral("from_number")));
    QJsonObject criteria { { QStringLiteral("to_number"), QJsonArray { payload.value(QLatin1String("to_number")) } } };
    if (!from.isEmpty())
        criteria.insert(QStringLiteral("from_number"), QJsonArray { from });
    request.request = jsonRequest(QStringLiteral("/v2/list-calls"), QByteArrayLiteral("Bearer ") + apiKey().toUtf8());
    request.body = compactJson({ { QStringLiteral("filter_criteria"), criteria },
                                 { QStringLiteral("sort_order"), QStringLiteral("descending") },
                                 { QStringLiteral("limit"), 1000 } });
    return request;
}

ProviderClient::LookupResult RetellClient::readLookup(const Models::OutboxRecord &row, const QByteArray &body) const
{
    LookupResult result;
    const QJsonDocument document = QJsonDocument::fromJson(body);
    if (!document.isArray()) {
        result.error = QStringLiteral("Retell list-calls answered something other than a list: ") + trimmed(body);
        return result;
    }
    for (const QJsonValue &value : document.array()) {
        const QJsonObject call = value.toObject();
        if (call.value(QLatin1String("metadata")).toObject().value(outboxKeyField()).toString() == row.idempotencyKey) {
            result.found = Found::Yes;
            result.providerRef = call.value(QLatin1String("call_id")).toString();
            return result;
        }
    }
    result.found = Found::No;
    return result;
}

QNetworkRequest RetellClient::getCallRequest(const QString &callId) const
{
    return jsonRequest(QStringLiteral("/v2/get-call/") + QString::fromLatin1(QUrl::toPercentEncoding(callId)),
                       QByteArrayLiteral("Bearer ") + apiKey().toUtf8());
}

} // namespace Callvia::Services
