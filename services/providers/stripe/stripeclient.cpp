#include "stripeclient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUrl>

namespace Callvia::Services {

namespace {

const QString pinnedVersion = QStringLiteral("2026-07-29.dahlia");

QByteArray encodeValue(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Bool:
        return value.toBool() ? QByteArrayLiteral("true") : QByteArrayLiteral("false");
    case QJsonValue::Double:
        return QByteArray::number(value.toVariant().toLongLong()); // amounts are integer cents
    default:
        return QUrl::toPercentEncoding(value.toString());
    }
}

void encodeInto(const QString &key, const QJsonValue &value, QList<QByteArray> &pairs)
{
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            encodeInto(key + QLatin1Char('[') + it.key() + QLatin1Char(']'), it.value(), pairs);
    } else if (value.isArray()) {
        const QJsonArray array = value.toArray();
        for (int i = 0; i < array.size(); ++i)
            encodeInto(key + QLatin1Char('[') + QString::number(i) + QLatin1Char(']'), array.at(i), pairs);
    } else if (!value.isNull() && !value.isUndefined()) {
        pairs << QUrl::toPercentEncoding(key, "[]") + '=' + encodeValue(value);
    }
}

QJsonObject post(const QString &path, const QJsonObject &form)
{
    return { { QStringLiteral("method"), QStringLiteral("POST") }, { QStringLiteral("path"), path },
             { QStringLiteral("form"), form } };
}

} // namespace

StripeClient::StripeClient(const ProviderConfig &config)
    : ProviderClient(config, QStringLiteral("stripe"), QStringLiteral("https://api.stripe.com"))
{
}

QByteArray StripeClient::formEncode(const QJsonObject &form)
{
    QList<QByteArray> pairs;
    for (auto it = form.begin(); it != form.end(); ++it)
        encodeInto(it.key(), it.value(), pairs);
    return pairs.join('&');
}

QJsonObject StripeClient::customerPayload(const QString &email, const QString &name, const QString &phone,
                                          const QJsonObject &metadata)
{
    QJsonObject form { { QStringLiteral("email"), email }, { QStringLiteral("name"), name },
                       { QStringLiteral("metadata"), metadata } };
    if (!phone.isEmpty())
        form.insert(QStringLiteral("phone"), phone);
    return post(QStringLiteral("/v1/customers"), form);
}

QJsonObject StripeClient::invoicePayload(const QString &customerId, const QString &currency, int daysUntilDue,
                                         const QString &description, const QJsonObject &metadata)
{
    return post(QStringLiteral("/v1/invoices"),
                { { QStringLiteral("customer"), customerId },
                  { QStringLiteral("collection_method"), QStringLiteral("send_invoice") },
                  { QStringLiteral("days_until_due"), daysUntilDue },
                  { QStringLiteral("auto_advance"), false },
                  { QStringLiteral("currency"), currency },
                  { QStringLiteral("description"), description },
                  { QStringLiteral("metadata"), metadata } });
}

QJsonObject StripeClient::invoiceItemPayload(const QString &customerId, const QString &invoiceId, qint64 amountCents,
                                             const QString &currency, const QString &description,
                                             const QJsonObject &metadata)
{
    return post(QStringLiteral("/v1/invoiceitems"),
                { { QStringLiteral("customer"), customerId },
                  { QStringLiteral("invoice"), invoiceId },
                  { QStringLiteral("amount"), amountCents },
                  { QStringLiteral("currency"), currency },
                  { QStringLiteral("description"), description },
                  { QStringLiteral("metadata"), metadata } });
}

QJsonObject StripeClient::finalizePayload(const QString &invoiceId)
{
    return post(QStringLiteral("/v1/invoices/%1/finalize").arg(invoiceId), {});
}

QJsonObject StripeClient::sendPayload(const QString &invoiceId)
{
    return post(QStringLiteral("/v1/invoices/%1/send").arg(invoiceId), {});
}

ProviderClient::Request StripeClient::buildSend(const Models::OutboxRecord &row) const
{
    Request request;
    const QJsonObject payload = payloadOf(row, &request.error);
    if (!request.error.isEmpty())
        return request;
    const QString path = payload.value(QLatin1String("path")).toString();
    const QString method = payload.value(QLatin1String("method")).toString(QStringLiteral("POST")).toUpper();
    if (!path.startsWith(QLatin1String("/v1/")) || (method != QLatin1String("POST") && method != QLatin1String("GET"))) {
        request.error = QStringLiteral("stripe payload needs \"method\" POST or GET and a \"path\" under /v1/");
        return request;
    }
    request.verb = method.toLatin1();
    request.request = QNetworkRequest(QUrl(baseUrl() + path));
    request.request.setRawHeader("Authorization", QByteArrayLiteral("Bearer ") + apiKey().toUtf8());
    request.request.setRawHeader("Stripe-Version", setting(QStringLiteral("api_version"), pinnedVersion).toLatin1());
    if (request.verb == "POST") {
        request.request.setHeader(QNetworkRequest::ContentTypeHeader,
                                  QByteArrayLiteral("application/x-www-form-urlencoded"));
        request.request.setRawHeader("Idempotency-Key", row.idempotencyKey.toUtf8());
        request.body = formEncode(payload.value(QLatin1String("form")).toObject());
    }
    return request;
}

ProviderClient::Answer StripeClient::readSend(const QByteArray &body, const QList<QNetworkReply::RawHeaderPair> &) const
{
    Answer answer;
    answer.providerRef = QJsonDocument::fromJson(body).object().value(QLatin1String("id")).toString();
    answer.readable = !answer.providerRef.isEmpty();
    return answer;
}

QString StripeClient::readError(const QByteArray &body) const
{
    const QJsonObject error = QJsonDocument::fromJson(body).object().value(QLatin1String("error")).toObject();
    if (error.isEmpty())
        return ProviderClient::readError(body);
    QString text = error.value(QLatin1String("type")).toString();
    if (error.contains(QLatin1String("code")))
        text += QLatin1Char('/') + error.value(QLatin1String("code")).toString();
    text += QStringLiteral(": ") + error.value(QLatin1String("message")).toString();
    if (error.contains(QLatin1String("param")))
        text += QStringLiteral(" [%1]").arg(error.value(QLatin1String("param")).toString());
    return text;
}

bool StripeClient::retryableStatus(int status, const QList<QNetworkReply::RawHeaderPair> &headers) const
{
    for (const auto &header : headers) {
        if (header.first.compare("Stripe-Should-Retry", Qt::CaseInsensitive) == 0)
            return header.second == "true";
    }
    // 409: the same key is still executing; nothing was saved, so another attempt is safe.
    return status == 409 || ProviderClient::retryableStatus(status, headers);
}

} // namespace Callvia::Services
