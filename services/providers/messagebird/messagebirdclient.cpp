#include "messagebirdclient.h"

#include "../../providerconfig.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace Callvia::Services {

MessageBirdClient::MessageBirdClient(const ProviderConfig &config)
    : ProviderClient(config, QStringLiteral("messagebird"), QStringLiteral("https://rest.messagebird.com"))
{
}

ProviderClient::Request MessageBirdClient::buildSend(const Models::OutboxRecord &row) const
{
    Request request;
    const QJsonObject payload = payloadOf(row, &request.error);
    if (!request.error.isEmpty())
        return request;
    QString to = payload.value(QLatin1String("to")).toString();
    const QString text = payload.value(QLatin1String("body")).toString();
    if (to.isEmpty() || text.isEmpty()) {
        request.error = QStringLiteral("sms payload needs \"to\" and \"body\"");
        return request;
    }
    QString from = payload.value(QLatin1String("from")).toString();
    if (from.isEmpty())
        from = setting(QStringLiteral("originator"));
    if (from.isEmpty()) {
        request.error = QStringLiteral("sms payload has no \"from\" and messagebird.originator is not set");
        return request;
    }
    if (to.startsWith(QLatin1Char('+')))
        to.remove(0, 1); // MessageBird takes MSISDNs as digits
    const QJsonValue messageId = payload.value(QLatin1String("message_id"));
    const QString reference = messageId.isUndefined() ? row.idempotencyKey
                                                       : QString::number(messageId.toVariant().toLongLong());
    request.request = jsonRequest(QStringLiteral("/messages"), QByteArrayLiteral("AccessKey ") + apiKey().toUtf8());
    request.body = compactJson({ { QStringLiteral("originator"), from },
                                 { QStringLiteral("recipients"), QJsonArray { to } },
                                 { QStringLiteral("body"), text },
                                 { QStringLiteral("reference"), reference } });
    return request;
}

ProviderClient::Answer MessageBirdClient::readSend(const QByteArray &body,
                                                   const QList<QNetworkReply::RawHeaderPair> &) const
{
    Answer answer;
    const QJsonObject object = QJsonDocument::fromJson(body).object();
    answer.providerRef = object.value(QLatin1String("id")).toString();
    answer.readable = !answer.providerRef.isEmpty();
    return answer;
}

QString MessageBirdClient::readError(const QByteArray &body) const
{
    // {"errors":[{"code":21,"description":"...","parameter":"recipients"}]}
    const QJsonArray errors = QJsonDocument::fromJson(body).object().value(QLatin1String("errors")).toArray();
    QStringList parts;
    for (const QJsonValue &error : errors) {
        const QJsonObject e = error.toObject();
        QString part = QStringLiteral("%1 (code %2)").arg(e.value(QLatin1String("description")).toString())
                               .arg(e.value(QLatin1String("code")).toInt());
        if (e.contains(QLatin1String("parameter")))
            part += QStringLiteral(" [%1]").arg(e.value(QLatin1String("parameter")).toString());
        parts << part;
    }
    return parts.isEmpty() ? ProviderClient::readError(body) : parts.join(QStringLiteral("; "));
}

} // namespace Callvia::Services
