#pragma once

#include "../webhooks/applyharness.h"

#include <models/repositories/appointmentrepository.h>
#include <services/reminders/reminderservice.h>
#include <services/webhooks/calcomhandler.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

// Bookings through the real Cal.com handler, reminders through the real service, all on the
// test clock: what the reminder tests share.
namespace Callvia::Tests {

constexpr qint64 minute = 60'000;
constexpr qint64 hour = 60 * minute;

inline QString iso(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

// The Cal.com event type every test booking is made on; addBookingClient maps it to its client,
// which is how the Cal.com handler finds a booking's client (never from the attendee's details).
constexpr int BookingEventTypeId = 4242;

inline qint64 addBookingClient(Models::Database &db, const Models::Clock &clock, const QString &name)
{
    const qint64 client = addClient(db, clock, name);
    if (client > 0 && !mapProviderId(db, clock, client, QStringLiteral("calcom"), QStringLiteral("event_type_id"),
                                     QString::number(BookingEventTypeId)))
        return 0;
    return client;
}

inline QByteArray calcomBooking(const QString &trigger, const QString &uid, qint64 startMs, const QString &email,
                                const QString &phone, qint64 createdMs, const QString &rescheduleUid = {})
{
    QJsonObject attendee { { QStringLiteral("name"), QStringLiteral("Ana Lima") },
                           { QStringLiteral("email"), email },
                           { QStringLiteral("timeZone"), QStringLiteral("America/New_York") } };
    QJsonObject payload { { QStringLiteral("uid"), uid },
                          { QStringLiteral("title"), QStringLiteral("Consultation") },
                          { QStringLiteral("eventTypeId"), BookingEventTypeId },
                          { QStringLiteral("location"), QStringLiteral("https://cal.com/video/abc") },
                          { QStringLiteral("startTime"), iso(startMs) },
                          { QStringLiteral("endTime"), iso(startMs + 30 * minute) },
                          { QStringLiteral("attendees"), QJsonArray { attendee } } };
    if (!phone.isEmpty())
        payload.insert(QStringLiteral("responses"),
                       QJsonObject { { QStringLiteral("attendeePhoneNumber"),
                                       QJsonObject { { QStringLiteral("value"), phone } } } });
    if (!rescheduleUid.isEmpty())
        payload.insert(QStringLiteral("rescheduleUid"), rescheduleUid);
    if (trigger == QLatin1String("BOOKING_CANCELLED"))
        payload.insert(QStringLiteral("cancellationReason"), QStringLiteral("sick"));
    return QJsonDocument(QJsonObject { { QStringLiteral("triggerEvent"), trigger },
                                       { QStringLiteral("createdAt"), iso(createdMs) },
                                       { QStringLiteral("payload"), payload } })
            .toJson(QJsonDocument::Compact);
}

// "offset/channel/status" of each reminder of the appointment, 24 h first.
inline QStringList reminderStates(Models::Database &db, const QString &bookingUid)
{
    Models::DbResult<QSqlQuery> q = Models::Sql::exec(
            db,
            QStringLiteral("SELECT r.offset_minutes, r.channel, r.status FROM reminders r JOIN appointments a "
                           "ON a.id = r.appointment_id WHERE a.booking_uid = ? ORDER BY r.offset_minutes DESC, r.channel"),
            { bookingUid });
    QStringList out;
    while (q.ok() && q.value().next())
        out << QStringLiteral("%1/%2/%3").arg(q.value().value(0).toString(), q.value().value(1).toString(),
                                              q.value().value(2).toString());
    return out;
}

inline QString reminderReason(Models::Database &db, const QString &bookingUid, int offset, const QString &channel)
{
    Models::DbResult<QSqlQuery> q = Models::Sql::exec(
            db,
            QStringLiteral("SELECT r.reason FROM reminders r JOIN appointments a ON a.id = r.appointment_id "
                           "WHERE a.booking_uid = ? AND r.offset_minutes = ? AND r.channel = ?"),
            { bookingUid, offset, channel });
    return q.ok() && q.value().next() ? q.value().value(0).toString() : QStringLiteral("<none>");
}

} // namespace Callvia::Tests
