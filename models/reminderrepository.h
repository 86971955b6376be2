#pragma once

#include "dberror.h"
#include "records.h"
#include "tenantscope.h"

#include <QList>

namespace Callvia::Models {

class Clock;
class Database;

// Appointment reminders: one row per (appointment, offset, channel). scheduleFor() lays out
// the plan (24 h SMS + e-mail, 2 h SMS, 15 min SMS before the start) and, called again after a
// reschedule, moves rows that have not gone out yet. A reminder whose time has passed is
// stored as `skipped`, so the sender never fires a late one.
class ReminderRepository final
{
public:
    ReminderRepository(Database &database, const Clock &clock, TenantScope scope = TenantScope::agency());

    struct Plan
    {
        int offsetMinutes;
        QString channel;
    };
    static QList<Plan> standardPlan();

    // Returns how many reminders are scheduled (in the future) after the call.
    DbResult<int> scheduleFor(qint64 appointmentId, qint64 clientId, qint64 startsAt) const;
    // Cancels the appointment's reminders that have not been sent or queued.
    DbResult<int> cancelPending(qint64 appointmentId) const;
    DbResult<QList<ReminderRecord>> listForAppointment(qint64 appointmentId) const;
    // Scheduled reminders due at or before `nowMs`, oldest first (for the reminder sender).
    DbResult<QList<ReminderRecord>> due(qint64 nowMs, int limit = 100) const;

private:
    DbResult<QList<ReminderRecord>> select(const QString &where, const QVariantList &binds) const;

    Database &m_database;
    const Clock &m_clock;
    TenantScope m_scope;
};

} // namespace Callvia::Models
