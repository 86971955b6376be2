#include "calcomclient.h"

#include <services/providerconfig.h>

#include <models/repositories/clientprovideridrepository.h>

#include <QDateTime>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>
#include <QUrl>
#include <QUrlQuery>

#include <algorithm>

namespace Callvia::Services {

namespace {

QString isoUtc(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

qint64 isoToMs(const QString &text)
{
    QDateTime t = QDateTime::fromString(text.trimmed(), Qt::ISODateWithMs);
    if (!t.isValid())
        return 0;
    if (t.timeSpec() == Qt::LocalTime)
        t.setTimeSpec(Qt::UTC);
    return t.toMSecsSinceEpoch();
}

// {"status":"success","data":...}; an error text when it is not that.
QJsonValue successData(const QByteArray &body, QString *error)
{
    QJsonParseError parse;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parse);
    if (!document.isObject()) {
        *error = QStringLiteral("Cal.com answered with malformed JSON (%1)").arg(parse.errorString());
        return {};
    }
    const QJsonObject root = document.object();
    if (root.value(QLatin1String("status")).toString() != QLatin1String("success")) {
        *error = QStringLiteral("Cal.com did not report success: %1")
                         .arg(QString::fromUtf8(body.left(300)).trimmed());
        return {};
    }
    return root.value(QLatin1String("data"));
}

} // namespace

CalcomClient::CalcomClient(Settings settings) : m_settings(std::move(settings))
{
    while (m_settings.baseUrl.endsWith(QLatin1Char('/')))
        m_settings.baseUrl.chop(1);
}

QString CalcomClient::apiKeySetting(qint64 clientId)
{
    return QStringLiteral("calcom.client.%1.api_key").arg(clientId);
}

QString CalcomClient::configurationError() const
{
    if (m_settings.apiKey.trimmed().isEmpty())
        return m_settings.clientId > 0
                ? QStringLiteral("no Cal.com API key for this client: set the secret %1 (Admin, Provider secrets)")
                          .arg(apiKeySetting(m_settings.clientId))
                : QStringLiteral("no Cal.com API key: set the secret calcom.api_key (Admin, Provider secrets)");
    if (m_settings.eventTypeId <= 0)
        return QStringLiteral("no Cal.com event type id in the client's settings");
    return {};
}

CalcomClient::Slots CalcomClient::freeSlots(qint64 fromMs, qint64 toMs, const QString &timeZone) const
{
    if (const QString error = configurationError(); !error.isEmpty())
        return { {}, error };
    QUrl url(m_settings.baseUrl + QStringLiteral("/v2/slots"));
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("eventTypeId"), QString::number(m_settings.eventTypeId));
    query.addQueryItem(QStringLiteral("start"), isoUtc(fromMs));
    query.addQueryItem(QStringLiteral("end"), isoUtc(toMs));
    query.addQueryItem(QStringLiteral("timeZone"), timeZone.isEmpty() ? QStringLiteral("UTC") : timeZone);
    url.setQuery(query);
    QNetworkRequest request(url);
    request.setRawHeader("cal-api-version", "2024-09-04");
    const Reply reply = exchange(request, "GET", {});
    if (!reply.networkError.isEmpty())
        return { {}, reply.networkError };
    Slots found = parseSlots(reply.status, reply.body);
    found.startsMs.erase(std::remove_if(found.startsMs.begin(), found.startsMs.end(),
                                        [&](qint64 ms) { return ms < fromMs || ms >= toMs; }),
                         found.startsMs.end());
    return found;
}

QByteArray CalcomClient::bookingBody(qint64 eventTypeId, qint64 startMs, const Attendee &attendee, qint64 leadId,
                                     qint64 clientId)
{
    QJsonObject person { { QStringLiteral("name"), attendee.name },
                         { QStringLiteral("email"), attendee.email },
                         { QStringLiteral("timeZone"), attendee.timeZone.isEmpty() ? QStringLiteral("UTC") : attendee.timeZone } };
    if (!attendee.phone.isEmpty())
        person.insert(QStringLiteral("phoneNumber"), attendee.phone);
    const QJsonObject body { { QStringLiteral("start"), isoUtc(startMs) },
                             { QStringLiteral("eventTypeId"), eventTypeId },
                             { QStringLiteral("attendee"), person },
                             { QStringLiteral("metadata"),
                               QJsonObject { { QStringLiteral("callvia_lead_id"), QString::number(leadId) },
                                             { QStringLiteral("callvia_client_id"), QString::number(clientId) } } } };
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

CalcomClient::Booking CalcomClient::book(qint64 startMs, const Attendee &attendee, qint64 leadId, qint64 clientId) const
{
    Booking booking;
    booking.error = configurationError();
    if (booking.error.isEmpty() && attendee.name.trimmed().isEmpty())
        booking.error = QStringLiteral("the lead has no name to book with");
    if (booking.error.isEmpty() && attendee.email.trimmed().isEmpty())
        booking.error = QStringLiteral("the lead has no e-mail address; Cal.com needs one to book");
    if (!booking.error.isEmpty())
        return booking;
    QNetworkRequest request(QUrl(m_settings.baseUrl + QStringLiteral("/v2/bookings")));
    request.setRawHeader("cal-api-version", "2024-08-13");
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    const Reply reply = exchange(request, "POST", bookingBody(m_settings.eventTypeId, startMs, attendee, leadId, clientId));
    if (!reply.networkError.isEmpty()) {
        booking.error = reply.networkError;
        return booking;
    }
    return parseBooking(reply.status, reply.body);
}

CalcomClient::Slots CalcomClient::parseSlots(int status, const QByteArray &body)
{
    Slots found;
    if (status < 200 || status > 299) {
        found.error = errorText(status, body);
        return found;
    }
    const QJsonValue data = successData(body, &found.error);
    if (!found.error.isEmpty())
        return found;
    if (!data.isObject()) {
        found.error = QStringLiteral("Cal.com's slots answer has no \"data\" object");
        return found;
    }
    const QJsonObject days = data.toObject();
    for (auto day = days.begin(); day != days.end(); ++day) {
        for (const QJsonValue &slot : day.value().toArray()) {
            // {"start": "..."} (2024-09-04); a bare string in the "range" format's absence too.
            const QString text = slot.isObject() ? slot.toObject().value(QLatin1String("start")).toString() : slot.toString();
            const qint64 ms = isoToMs(text);
            if (ms <= 0) {
                found.startsMs.clear();
                found.error = QStringLiteral("Cal.com sent a slot without a valid start (%1 on %2)").arg(text, day.key());
                return found;
            }
            found.startsMs << ms;
        }
    }
    std::sort(found.startsMs.begin(), found.startsMs.end());
    return found;
}

CalcomClient::Booking CalcomClient::parseBooking(int status, const QByteArray &body)
{
    Booking booking;
    if (status < 200 || status > 299) {
        booking.error = errorText(status, body);
        return booking;
    }
    const QJsonValue data = successData(body, &booking.error);
    if (!booking.error.isEmpty())
        return booking;
    // A recurring event type answers an array of bookings; the first is the one asked for.
    const QJsonObject object = data.isArray() ? data.toArray().at(0).toObject() : data.toObject();
    booking.uid = object.value(QLatin1String("uid")).toString();
    booking.id = object.value(QLatin1String("id")).toVariant().toLongLong();
    booking.startMs = isoToMs(object.value(QLatin1String("start")).toString());
    if (booking.uid.isEmpty())
        booking.error = QStringLiteral("Cal.com's booking answer has no booking uid");
    return booking;
}

QString CalcomClient::errorText(int status, const QByteArray &body)
{
    // v2 errors: {"status":"error","error":{"code":"...","message":"..."}}; some routes {"message":"..."}.
    const QJsonObject root = QJsonDocument::fromJson(body).object();
    QString message = root.value(QLatin1String("error")).toObject().value(QLatin1String("message")).toString();
    if (message.isEmpty())
        message = root.value(QLatin1String("message")).toString();
    if (message.isEmpty())
        message = QString::fromUtf8(body.left(300)).trimmed();
    if (status == 401 || status == 403)
        return QStringLiteral("Cal.com rejected the API key (%1): %2").arg(status).arg(message);
    return QStringLiteral("Cal.com answered %1: %2").arg(status).arg(message);
}

CalcomClient::Reply CalcomClient::exchange(QNetworkRequest request, const QByteArray &verb, const QByteArray &body) const
{
    request.setRawHeader("Authorization", QByteArrayLiteral("Bearer ") + m_settings.apiKey.toUtf8());
    request.setRawHeader("Accept", "application/json");
    request.setTransferTimeout(m_settings.timeoutMs);
    QNetworkAccessManager network;
    QNetworkReply *reply = network.sendCustomRequest(request, verb, body);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    Reply result;
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = reply->readAll();
    if (result.status == 0)
        result.networkError = QStringLiteral("Cal.com could not be reached at %1: %2")
                                      .arg(request.url().toString(QUrl::RemoveQuery), reply->errorString());
    delete reply;
    return result;
}

Models::DbResult<CalcomClient::Settings> CalcomClient::settingsFor(const ProviderConfig &config, Models::Database &database,
                                                                   const Models::Clock &clock, qint64 clientId)
{
    Settings settings;
    settings.clientId = clientId;
    settings.baseUrl = config.value(QStringLiteral("calcom"), QStringLiteral("api_base"), settings.baseUrl);
    settings.apiKey = config.value(QStringLiteral("calcom"), QStringLiteral("client.%1.api_key").arg(clientId));
    if (settings.apiKey.isEmpty())
        settings.apiKey = config.value(QStringLiteral("calcom"), QStringLiteral("api_key"));
    const Models::DbResult<QList<Models::ClientProviderId>> ids =
            Models::ClientProviderIdRepository(database, clock, Models::TenantScope::agency()).forClient(clientId);
    if (!ids.ok())
        return ids.error();
    for (const Models::ClientProviderId &id : ids.value()) {
        if (id.provider == QLatin1String("calcom") && id.kind == QLatin1String("event_type_id") && settings.eventTypeId == 0)
            settings.eventTypeId = id.value.toLongLong();
    }
    return settings;
}

} // namespace Callvia::Services
