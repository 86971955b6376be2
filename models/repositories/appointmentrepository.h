#pragma once

#include <models/dberror.h>
#include <models/records.h>
#include <models/tenantscope.h>

#include <QList>

namespace Callvia::Models {

class Clock;
class Database;

// Appointments booked through Cal.com, keyed by booking_uid (UNIQUE). upsert() merges events
// in any order: missing fields never erase stored ones and a terminal status (cancelled,
// rejected, shown, no_show) is never replaced by pending/scheduled. Unmatched bookings
// (lead_id NULL; client_id set when the booking was attributed to a client) wait for staff to
// link them to a lead of that client (linkToLead).
// One line of the appointments view: the appointment with its lead's name and time zone and
// its client's name (read in one query).
struct AppointmentListRow
{
    AppointmentRecord appointment;
    QString leadName;
    QString leadTimeZone;
    QString clientName;
};

// What the appointments view filters on. status: "" every status; a status of the table; or
// "awaiting" (scheduled or pending, already ended, no verdict yet).
struct AppointmentFilter
{
    qint64 clientId = 0;
    qint64 campaignId = 0;
    QString status;
};

class AppointmentRepository final
{
public:
    AppointmentRepository(Database &database, const Clock &clock, TenantScope scope);

    // pending 0 < scheduled 1 < cancelled | rejected | shown | no_show 2 (terminal); -1 unknown.
    static int statusRank(const QString &status);

    DbResult<qint64> upsert(const AppointmentRecord &record) const;
    DbResult<AppointmentRecord> find(qint64 id) const;
    DbResult<AppointmentRecord> findByUid(const QString &bookingUid) const;
    // True when a booking was rescheduled away from this uid (some row names it as previous).
    DbResult<bool> isSuperseded(const QString &bookingUid) const;
    // A reschedule: the row takes the new uid and times and remembers the old uid.
    DbError moveTo(qint64 id, const QString &newUid, const QString &previousUid, qint64 startsAt, qint64 endsAt) const;
    // Status cancelled (unless already terminal) with the reason.
    DbError cancel(qint64 id, const QString &reason) const;
    // Staff links an unmatched booking to a lead: client and campaign come from the lead, and the
    // booking's reminders follow. Fails with NotFound when the appointment is already matched.
    DbError linkToLead(qint64 appointmentId, qint64 leadId) const;
    DbResult<QList<AppointmentRecord>> listUnmatched() const;
    // A lead's appointments, newest start first (index appointments_lead_id).
    DbResult<QList<AppointmentRecord>> listForLead(qint64 leadId) const;
    // Appointments starting in [fromMs, toMs) in the scope, by start time, at most `limit` rows
    // (index appointments_starts_at, or (client_id, starts_at) for one client). `nowMs` decides
    // which ones are "awaiting" a verdict.
    DbResult<QList<AppointmentListRow>> listBetween(qint64 fromMs, qint64 toMs, const AppointmentFilter &filter,
                                                    qint64 nowMs, int limit = 5000) const;

private:
    DbResult<QList<AppointmentRecord>> select(const QString &where, const QVariantList &binds) const;

    Database &m_database;
    const Clock &m_clock;
    TenantScope m_scope;
};

} // namespace Callvia::Models
