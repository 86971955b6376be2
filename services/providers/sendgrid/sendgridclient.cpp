#include "sendgridclient.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace Callvia::Services {

SendGridClient::SendGridClient(const ProviderConfig &config)
    : ProviderClient(config, QStringLiteral("sendgrid"), QStringLiteral("https://api.sendgrid.com"))
{
}

ProviderClient::Request SendGridClient::buildSend(const Models::OutboxRecord &row) const
{
    Request request;
    const QJsonObject payload = payloadOf(row, &request.error);
    if (!request.error.isEmpty())
        return request;
    const QString to = payload.value(QLatin1String("to")).toString();
    const QString subject = payload.value(QLatin1String("subject")).toString();
    const QString text = payload.value(QLatin1String("text")).toString();
    const QString html = payload.value(QLatin1String("html")).toString();
    QString from = payload.value(QLatin1String("from")).toString();
    if (from.isEmpty())
        from = setting(QStringLiteral("from_email"));
    if (to.isEmpty() || subject.isEmpty() || (text.isEmpty() && html.isEmpty()) || from.isEmpty()) {
        request.error = QStringLiteral("email payload needs \"to\", \"subject\", \"text\" or \"html\", and \"from\" "
                                       "(or the sendgrid.from_email setting)");
        return request;
    }
    QJsonObject recipient { { QStringLiteral("email"), to } };
    if (payload.contains(QLatin1String("to_name")))
        recipient.insert(QStringLiteral("name"), payload.value(QLatin1String("to_name")));
    QJsonObject customArgs { { QStringLiteral("outbox_id"), QString::number(row.id) } };
    if (payload.contains(QLatin1String("message_id")))
        customArgs.insert(QStringLiteral("message_id"),
                          QString::number(payload.value(QLatin1String("message_id")).toVariant().toLongLong()));
    QJsonObject sender { { QStringLiteral("email"), from } };
    const QString fromName = payload.value(QLatin1String("from_name")).toString(setting(QStringLiteral("from_name")));
    if (!fromName.isEmpty())
        sender.insert(QStringLiteral("name"), fromName);
    QJsonArray content;
    if (!text.isEmpty())
        content << QJsonObject { { QStringLiteral("type"), QStringLiteral("text/plain") }, { QStringLiteral("value"), text } };
    if (!html.isEmpty())
        content << QJsonObject { { QStringLiteral("type"), QStringLiteral("text/html") }, { QStringLiteral("value"), html } };
    QJsonObject mail { { QStringLiteral("personalizations"),
                         QJsonArray { QJsonObject { { QStringLiteral("to"), QJsonArray { recipient } },
                                                    { QStringLiteral("custom_args"), customArgs } } } },
                       { QStringLiteral("from"), sender },
                       { QStringLiteral("subject"), subject },
                       { QStringLiteral("content"), content } };
    if (payload.value(QLatin1String("categories")).isArray())
        mail.insert(QStringLiteral("categories"), payload.value(QLatin1String("categories")));
    request.request = jsonRequest(QStringLiteral("/v3/mail/send"), QByteArrayLiteral("Bearer ") + apiKey().toUtf8());
    request.body = compactJson(mail);
    return request;
}

ProviderClient::Answer SendGridClient::readSend(const QByteArray &, const QList<QNetworkReply::RawHeaderPair> &headers) const
{
    Answer answer;
    for (const auto &header : headers) {
        if (header.first.compare("X-Message-Id", Qt::CaseInsensitive) == 0)
            answer.providerRef = QString::fromLatin1(header.second);
    }
    answer.readable = !answer.providerRef.isEmpty();
    return answer;
}

QString SendGridClient::readError(const QByteArray &body) const
{
    // {"errors":[{"message":"...","field":"from.email","help":null}]}
    const QJsonArray errors = QJsonDocument::fromJson(body).object().value(QLatin1String("errors")).toArray();
    QStringList parts;
    for (const QJsonValue &error : errors) {
        const QJsonObject e = error.toObject();
        QString part = e.value(QLatin1String("message")).toString();
        if (e.value(QLatin1String("field")).isString())
            part += QStringLiteral(" [%1]").arg(e.value(QLatin1String("field")).toString());
        parts << part;
    }
    return parts.isEmpty() ? ProviderClient::readError(body) : parts.join(QStringLiteral("; "));
}

} // namespace Callvia::Services
