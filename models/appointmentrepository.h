#pragma once

#include "dberror.h"
#include "records.h"
#include "tenantscope.h"

#include <QList>

namespace Callvia::Models {

class Clock;
class Database;

// Appointments booked through Cal.com, keyed by booking_uid (UNIQUE). upsert() merges events
// in any order: missing fields never erase stored ones and a terminal status (cancelled,
// rejected, shown, no_show) is never replaced by pending/scheduled. Unmatched bookings
// (lead_id NULL; client_id set when the booking was attributed to a client) wait for staff to
// link them to a lead of that client (linkToLead).
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

private:
    DbResult<QList<AppointmentRecord>> select(const QString &where, const QVariantList &binds) const;

    Database &m_database;
    const Clock &m_clock;
    TenantScope m_scope;
};

} // namespace Callvia::Models
