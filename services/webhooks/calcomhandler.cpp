#include "calcomhandler.h"

#include "clientattribution.h"
#include "payloadfields.h"

#include <models/repositories/appointmentrepository.h>
#include <models/clock.h>
#include <models/repositories/leadprogressrepository.h>
#include <models/repositories/leadrepository.h>
#include <models/repositories/reminderrepository.h>

#include <QCryptographicHash>
#include <QJsonArray>

namespace Callvia::Services {

using namespace Models;
namespace P = PayloadFields;

namespace {

const QString created = QStringLiteral("BOOKING_CREATED");
const QString rescheduled = QStringLiteral("BOOKING_RESCHEDULED");
const QString cancelled = QStringLiteral("BOOKING_CANCELLED");
const QString requested = QStringLiteral("BOOKING_REQUESTED"); // needs the host's confirmation
const QString rejected = QStringLiteral("BOOKING_REJECTED");

void addPhone(QStringList *phones, const QString &raw)
{
    const QString phone = P::leadPhone(raw);
    if (!phone.isEmpty() && !phones->contains(phone))
        phones->append(phone);
}

} // namespace

bool parseCalcomEvent(const QByteArray &body, CalcomEvent *out, QString *error)
{
    QJsonObject root;
    if (!P::parseObject(body, &root, error))
        return false;
    if (!P::requireText(root, QStringLiteral("triggerEvent"), &out->trigger, error))
        return false;
    out->createdAt = P::text(root, QStringLiteral("createdAt"));
    const bool wrapped = root.value(QLatin1String("payload")).isObject();
    const QJsonObject payload = wrapped ? root.value(QLatin1String("payload")).toObject() : root;
    const QString prefix = wrapped ? QStringLiteral("payload.") : QString();
    out->uid = P::text(payload, QStringLiteral("uid"));
    if (out->uid.isEmpty())
        out->uid = P::text(payload, QStringLiteral("bookingUid"));
    const bool booking = out->trigger == created || out->trigger == rescheduled || out->trigger == cancelled
            || out->trigger == requested || out->trigger == rejected;
    if (booking && out->uid.isEmpty()) {
        *error = P::missing(prefix + QStringLiteral("uid"));
        return false;
    }
    out->rescheduleUid = P::text(payload, QStringLiteral("rescheduleUid"));
    out->bookingId = P::integer(payload.value(QLatin1String("bookingId")), 0);
    out->title = P::text(payload, QStringLiteral("title"));
    out->location = P::text(payload, QStringLiteral("location"));
    if (out->location.isEmpty())
        out->location = P::text(payload, QStringLiteral("metadata.videoCallUrl"));
    out->startMs = P::isoToMs(P::text(payload, QStringLiteral("startTime")));
    out->endMs = P::isoToMs(P::text(payload, QStringLiteral("endTime")));
    if (out->trigger == created || out->trigger == rescheduled || out->trigger == requested) {
        if (out->startMs == 0) {
            *error = P::missing(prefix + QStringLiteral("startTime"));
            return false;
        }
        if (out->endMs < out->startMs) {
            *error = P::missing(prefix + QStringLiteral("endTime"));
            return false;
        }
    }
    if (out->endMs < out->startMs)
        out->endMs = out->startMs;
    out->status = P::text(payload, QStringLiteral("status"));
    out->cancellationReason = P::text(payload, QStringLiteral("cancellationReason"));
    if (out->cancellationReason.isEmpty())
        out->cancellationReason = P::text(payload, QStringLiteral("rejectionReason"));
    addPhone(&out->phones, P::text(payload, QStringLiteral("responses.attendeePhoneNumber.value")));
    const QJsonArray attendees = payload.value(QLatin1String("attendees")).toArray();
    for (const QJsonValue &value : attendees) {
        const QJsonObject attendee = value.toObject();
        const QString email = P::text(attendee, QStringLiteral("email")).trimmed().toLower();
        if (!email.isEmpty() && !out->attendeeEmails.contains(email))
            out->attendeeEmails.append(email);
        if (out->attendeeName.isEmpty())
            out->attendeeName = P::text(attendee, QStringLiteral("name"));
        if (out->attendeeTimeZone.isEmpty())
            out->attendeeTimeZone = P::text(attendee, QStringLiteral("timeZone"));
        addPhone(&out->phones, P::text(attendee, QStringLiteral("phoneNumber")));
    }
    addPhone(&out->phones, P::text(payload, QStringLiteral("smsReminderNumber")));
    out->eventTypeId = qMax<qint64>(0, P::integer(payload.value(QLatin1String("eventTypeId")), 0));
    const QJsonObject organizer = payload.value(QLatin1String(wrapped ? "organizer" : "user")).toObject();
    out->organizerEmail = P::text(organizer, QStringLiteral("email")).trimmed().toLower();
    out->organizerUsername = P::text(organizer, QStringLiteral("username")).trimmed().toLower();
    // Set by CalcomClient::book as a string; a number is taken too. Anything else is ignored.
    const QJsonValue leadId = payload.value(QLatin1String("metadata")).toObject().value(QLatin1String("callvia_lead_id"));
    out->metadataLeadId = qMax<qint64>(0, leadId.isString() ? leadId.toString().toLongLong() : P::integer(leadId, 0));
    return true;
}

CalcomHandler::CalcomHandler(Database &database, const Clock &clock) : m_database(database), m_clock(clock) { }

bool CalcomHandler::identify(const QByteArray &body, const QUrlQuery &, QList<IncomingEvent> *events,
                             QString *error) const
{
    CalcomEvent booking;
    if (!parseCalcomEvent(body, &booking, error))
        return false;
    // Cal.com sends no event id. Triggers without a booking uid (forms, OOO) are told apart
    // by a hash of the body so two of them never collide.
    const QString uid = !booking.uid.isEmpty()
            ? booking.uid
            : QString::fromLatin1(QCryptographicHash::hash(body, QCryptographicHash::Sha256).toHex().left(32));
    const QString key = booking.rescheduleUid.isEmpty() ? booking.uid : booking.rescheduleUid;
    events->append({ booking.trigger + QLatin1Char(':') + uid + QLatin1Char(':') + booking.createdAt, booking.trigger,
                     key.isEmpty() ? QString() : QStringLiteral("booking:") + key, body });
    return true;
}

DbError CalcomHandler::apply(const EventRecord &event)
{
    CalcomEvent booking;
    QString parseError;
    if (!parseCalcomEvent(event.rawBody, &booking, &parseError))
        return { DbError::Invalid, parseError };
    const bool bookingTrigger = booking.trigger == created || booking.trigger == rescheduled
            || booking.trigger == cancelled || booking.trigger == requested || booking.trigger == rejected;
    if (!bookingTrigger)
        return {}; // other triggers are stored but change nothing (README)
    const ClientAttribution attribution(m_database, m_clock);
    const QList<ClientAttribution::Candidate> trusted {
        { QStringLiteral("event_type_id"), booking.eventTypeId > 0 ? QString::number(booking.eventTypeId) : QString() },
        { QStringLiteral("organizer"), booking.organizerEmail },
        { QStringLiteral("organizer"), booking.organizerUsername },
    };
    DbResult<qint64> client = attribution.clientFor(provider(), trusted);
    if (!client.ok())
        return client.error();
    if (client.value() == 0)
        return attribution.markUnattributed(event.id, QStringLiteral("no client is mapped to Cal.com ")
                                                              + ClientAttribution::describe(trusted));
    booking.clientId = client.value();
    if (DbError error = attribution.markAttributed(event.id, client.value()))
        return error;
    if (booking.trigger == created)
        return applyCreated(booking);
    if (booking.trigger == rescheduled)
        return applyRescheduled(booking);
    if (booking.trigger == cancelled)
        return applyCancelled(booking);
    if (booking.trigger == requested)
        return applyNew(booking, QStringLiteral("pending"));
    return applyNew(booking, QStringLiteral("rejected"));
}

// The lead, within the booking's client only: attendee e-mail first, then each phone; the lead
// in the most recent campaign (highest campaign id) wins, then the newest lead.
DbResult<LeadRecord> CalcomHandler::matchLead(const CalcomEvent &booking) const
{
    if (booking.clientId == 0)
        return LeadRecord(); // never across clients
    LeadRepository leads(m_database, m_clock, TenantScope::client(booking.clientId));
    if (booking.metadataLeadId > 0) {
        // Trusted only within the client the event type maps to: another client's lead id in the
        // metadata falls through to the e-mail and phone match.
        DbResult<LeadRecord> named = leads.find(booking.metadataLeadId);
        if (named.ok() && named.value().clientId == booking.clientId)
            return named;
        if (!named.ok() && named.error().kind() != DbError::NotFound)
            return named.error();
    }
    auto best = [](const QList<LeadRecord> &candidates) {
        LeadRecord chosen;
        for (const LeadRecord &lead : candidates) {
            if (lead.campaignId > chosen.campaignId || (lead.campaignId == chosen.campaignId && lead.id > chosen.id))
                chosen = lead;
        }
        return chosen;
    };
    QList<LeadRecord> candidates;
    for (const QString &email : booking.attendeeEmails) {
        DbResult<QList<LeadRecord>> found = leads.findByEmail(email, booking.clientId);
        if (!found.ok())
            return found.error();
        candidates << found.value();
    }
    if (candidates.isEmpty()) {
        for (const QString &phone : booking.phones) {
            DbResult<QList<LeadRecord>> found = leads.findByPhone(phone, booking.clientId);
            if (!found.ok())
                return found.error();
            candidates << found.value();
        }
    }
    return best(candidates);
}

DbResult<AppointmentRecord> CalcomHandler::recordFor(const CalcomEvent &booking, const QString &status) const
{
    DbResult<LeadRecord> lead = matchLead(booking);
    if (!lead.ok())
        return lead.error();
    AppointmentRecord r;
    r.clientId = booking.clientId;
    r.leadId = lead.value().id;
    r.campaignId = lead.value().campaignId;
    r.bookingUid = booking.uid;
    r.bookingId = booking.bookingId;
    r.previousBookingUid = booking.rescheduleUid;
    r.title = booking.title;
    r.location = booking.location;
    r.startsAt = booking.startMs;
    r.endsAt = booking.endMs;
    r.attendeeName = booking.attendeeName;
    r.attendeeEmail = booking.attendeeEmails.value(0);
    r.attendeePhone = booking.phones.value(0);
    r.attendeeTimeZone = booking.attendeeTimeZone;
    r.status = status;
    r.cancellationReason = booking.cancellationReason;
    return r;
}

DbError CalcomHandler::applyCreated(const CalcomEvent &booking) const
{
    return applyNew(booking, QStringLiteral("scheduled"));
}

DbError CalcomHandler::applyRescheduled(const CalcomEvent &booking) const
{
    AppointmentRepository appointments(m_database, m_clock, TenantScope::agency());
    const QString oldUid = booking.rescheduleUid == booking.uid ? QString() : booking.rescheduleUid;
    DbResult<AppointmentRecord> current = appointments.findByUid(booking.uid);
    if (!current.ok() && current.error().kind() != DbError::NotFound)
        return current.error();
    DbResult<AppointmentRecord> old = oldUid.isEmpty()
            ? DbResult<AppointmentRecord>(DbError(DbError::NotFound, QStringLiteral("no previous booking")))
            : appointments.findByUid(oldUid);
    if (!old.ok() && old.error().kind() != DbError::NotFound)
        return old.error();
    DbResult<bool> superseded = appointments.isSuperseded(booking.uid);
    if (!superseded.ok())
        return superseded.error();
    if (superseded.value() && !current.ok()) {
        // The booking already moved on from the new uid (a later reschedule came first).
        return old.ok() ? supersede(old.value().id) : DbError();
    }
    if (!current.ok() && old.ok()) {
        if (DbError error = appointments.moveTo(old.value().id, booking.uid, oldUid, booking.startMs, booking.endMs))
            return error;
    } else if (current.ok() && old.ok()) {
        if (DbError error = supersede(old.value().id)) // both exist: the old row was created late
            return error;
    }
    DbResult<AppointmentRecord> record = recordFor(booking, QStringLiteral("scheduled"));
    if (!record.ok())
        return record.error();
    record.value().previousBookingUid = oldUid;
    DbResult<qint64> id = appointments.upsert(record.value());
    if (!id.ok())
        return id.error();
    return settle(booking.uid, true);
}

DbError CalcomHandler::applyCancelled(const CalcomEvent &booking) const
{
    AppointmentRepository appointments(m_database, m_clock, TenantScope::agency());
    DbResult<AppointmentRecord> current = appointments.findByUid(booking.uid);
    if (current.ok()) {
        if (DbError error = appointments.cancel(current.value().id, booking.cancellationReason))
            return error;
        return settle(booking.uid, false);
    }
    if (current.error().kind() != DbError::NotFound)
        return current.error();
    DbResult<bool> superseded = appointments.isSuperseded(booking.uid);
    if (!superseded.ok())
        return superseded.error();
    if (superseded.value())
        return {};
    // Cancelled before we saw it created: keep the cancellation so a late BOOKING_CREATED
    // cannot bring the booking back.
    DbResult<AppointmentRecord> record = recordFor(booking, QStringLiteral("cancelled"));
    if (!record.ok())
        return record.error();
    DbResult<qint64> id = appointments.upsert(record.value());
    if (!id.ok())
        return id.error();
    return settle(booking.uid, false);
}

// A booking under its own uid: BOOKING_CREATED ('scheduled', the lead booked),
// BOOKING_REQUESTED (waiting for the host's confirmation: 'pending', no reminders, the lead not
// booked yet) and BOOKING_REJECTED ('rejected', its reason kept, reminders cancelled). The status
// merge of AppointmentRepository::upsert makes any order give the same row: a late request never
// downgrades a confirmed or rejected booking.
DbError CalcomHandler::applyNew(const CalcomEvent &booking, const QString &status) const
{
    AppointmentRepository appointments(m_database, m_clock, TenantScope::agency());
    DbResult<bool> superseded = appointments.isSuperseded(booking.uid);
    if (!superseded.ok())
        return superseded.error();
    if (superseded.value())
        return {}; // already rescheduled to another uid: that row is the booking now
    DbResult<AppointmentRecord> record = recordFor(booking, status);
    if (!record.ok())
        return record.error();
    record.value().previousBookingUid.clear();
    DbResult<qint64> id = appointments.upsert(record.value());
    if (!id.ok())
        return id.error();
    if (status == QLatin1String("pending")) {
        DbResult<AppointmentRecord> row = appointments.findByUid(booking.uid);
        if (!row.ok())
            return row.error();
        if (row.value().status == QLatin1String("pending"))
            return {};
    }
    return settle(booking.uid, status == QLatin1String("scheduled"));
}

DbError CalcomHandler::supersede(qint64 appointmentId) const
{
    if (DbError error = AppointmentRepository(m_database, m_clock, TenantScope::agency()).cancel(appointmentId, QStringLiteral("rescheduled")))
        return error;
    DbResult<int> n = ReminderRepository(m_database, m_clock, TenantScope::agency()).cancelPending(appointmentId);
    return n.ok() ? DbError() : n.error();
}

// Brings reminders and the lead in line with the merged appointment row.
DbError CalcomHandler::settle(const QString &bookingUid, bool bookLead) const
{
    DbResult<AppointmentRecord> row = AppointmentRepository(m_database, m_clock, TenantScope::agency()).findByUid(bookingUid);
    if (!row.ok())
        return row.error();
    const AppointmentRecord &a = row.value();
    ReminderRepository reminders(m_database, m_clock, TenantScope::agency());
    if (a.startsAt > 0) {
        DbResult<int> n = reminders.scheduleFor(a.id, a.clientId, a.startsAt);
        if (!n.ok())
            return n.error();
    }
    if (a.status != QLatin1String("scheduled")) {
        DbResult<int> n = reminders.cancelPending(a.id);
        if (!n.ok())
            return n.error();
    }
    if (bookLead && a.leadId != 0) {
        DbResult<bool> moved = LeadProgressRepository(m_database, m_clock, TenantScope::agency()).advanceStatus(a.leadId, QStringLiteral("booked"));
        if (!moved.ok())
            return moved.error();
    }
    return {};
}

} // namespace Callvia::Services
