#pragma once

#include "providerhandler.h"

#include <QStringList>

namespace Callvia::Models {
class Clock;
class Database;
} // namespace Callvia::Models

namespace Callvia::Services {

// One Cal.com webhook, typed. BOOKING_* bodies are wrapped ({triggerEvent, createdAt, payload});
// MEETING_* bodies are the flat booking row plus triggerEvent. Absent fields stay empty / 0.
struct CalcomEvent
{
    QString trigger;
    QString createdAt; // as sent, part of the dedupe key
    QString uid; // payload.uid, else payload.bookingUid
    QString rescheduleUid;
    qint64 bookingId = 0;
    QString title;
    QString location;
    qint64 startMs = 0;
    qint64 endMs = 0;
    QString status;
    QString attendeeName;
    QStringList attendeeEmails; // lower-case, in attendee order
    QString attendeeTimeZone;
    QStringList phones; // E.164: responses.attendeePhoneNumber.value, attendees[].phoneNumber, smsReminderNumber
    QString cancellationReason;
    // What Cal.com vouches for (the attendee fields above are typed by the public):
    qint64 eventTypeId = 0; // payload.eventTypeId
    QString organizerEmail; // payload.organizer.email (MEETING_*: user.email), lower-case
    QString organizerUsername; // payload.organizer.username (MEETING_*: user.username), lower-case
    qint64 clientId = 0; // not parsed: set by the handler from the client mappings
    qint64 metadataLeadId = 0; // payload.metadata.callvia_lead_id: a booking made from Callvia
};

// JSON -> CalcomEvent. Required: triggerEvent; for BOOKING_CREATED / _RESCHEDULED / _CANCELLED /
// _REQUESTED / _REJECTED also the booking uid, and for created/rescheduled/requested valid
// startTime and endTime.
bool parseCalcomEvent(const QByteArray &body, CalcomEvent *out, QString *error);

// Applies Cal.com bookings to appointments, reminders and leads. A booking first finds its client
// from its event type id, else its organizer (e-mail, then username), mapped in the client
// settings; a booking that maps to no client is flagged unattributed and changes nothing. Then
// it finds its lead within that client only: the lead named in metadata.callvia_lead_id (a
// booking staff made from Callvia), else by attendee e-mail, else by phone; without one it
// stays an unmatched appointment of that client for staff to link
// (AppointmentRepository::linkToLead). Reschedules move the row to the new uid and
// remember the old one, so a late event for the old uid is recognised and ignored.
class CalcomHandler final : public ProviderHandler
{
public:
    CalcomHandler(Models::Database &database, const Models::Clock &clock);

    QString provider() const override { return QStringLiteral("calcom"); }
    bool identify(const QByteArray &body, const QUrlQuery &query, QList<IncomingEvent> *events,
                  QString *error) const override;
    Models::DbError apply(const Models::EventRecord &event) override;

private:
    Models::DbResult<Models::LeadRecord> matchLead(const CalcomEvent &booking) const;
    Models::DbResult<Models::AppointmentRecord> recordFor(const CalcomEvent &booking, const QString &status) const;
    Models::DbError applyCreated(const CalcomEvent &booking) const;
    Models::DbError applyRescheduled(const CalcomEvent &booking) const;
    Models::DbError applyCancelled(const CalcomEvent &booking) const;
    Models::DbError applyNew(const CalcomEvent &booking, const QString &status) const;
    Models::DbError supersede(qint64 appointmentId) const;
    Models::DbError settle(const QString &bookingUid, bool bookLead) const;

    Models::Database &m_database;
    const Models::Clock &m_clock;
};

} // namespace Callvia::Services
