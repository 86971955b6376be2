#pragma once

#include <models/dberror.h>
#include <models/records.h>
#include <models/tenantscope.h>

#include <QList>

namespace Callvia::Models {

class Clock;
class Database;

// What the reminder sender needs to know about one due reminder: the row, its appointment,
// the lead and the client, read in one query (dueWithContext).
struct DueReminder
{
    ReminderRecord reminder;
    QString appointmentStatus;
    qint64 startsAt = 0;
    QString location;
    QString bookingUid;
    qint64 leadId = 0;
    QString attendeeName;
    QString attendeeEmail;
    QString attendeePhone;
    QString attendeeTimeZone;
    QString leadFirstName;
    QString leadPhone;
    QString leadEmail;
    QString leadTimeZone;
    QString leadLanguage;
    QString clientName;
    QString clientTimeZone;
};

// Appointment reminders: one row per (appointment, offset, channel). scheduleFor() lays out
// the plan (24 h SMS + e-mail, 2 h SMS, 15 min SMS before the start) and, called again after a
// reschedule, moves rows that have not gone out yet; a row already queued or sent for another
// start time is planned again (its pending outbox row, if any, cancelled), one queued or sent
// for the same start time is left alone, so it never goes twice. A reminder whose time has
// passed when it is planned is stored as `skipped` with its reason, so the sender never fires
// a late one. The missed-moment rule for rows that became due while nothing ran is the
// sender's (services/reminders/reminderservice.h).
class ReminderRepository final
{
public:
    ReminderRepository(Database &database, const Clock &clock, TenantScope scope);

    struct Plan
    {
        int offsetMinutes;
        QString channel;
    };
    static QList<Plan> standardPlan();

    // Returns how many reminders are scheduled (in the future) after the call.
    DbResult<int> scheduleFor(qint64 appointmentId, qint64 clientId, qint64 startsAt) const;
    // Cancels the appointment's reminders that have not gone out: scheduled and skipped rows, and
    // queued rows whose outbox row is still pending (that row is cancelled too).
    DbResult<int> cancelPending(qint64 appointmentId) const;
    DbResult<QList<ReminderRecord>> listForAppointment(qint64 appointmentId) const;
    // Scheduled reminders due at or before `nowMs`, oldest first (for the reminder sender).
    DbResult<QList<ReminderRecord>> due(qint64 nowMs, int limit = 100) const;
    // The same with appointment, lead and client; on PostgreSQL the rows are locked (FOR UPDATE
    // SKIP LOCKED) for the caller's transaction.
    DbResult<QList<DueReminder>> dueWithContext(qint64 nowMs, int limit) const;
    // The earliest due_at of a scheduled reminder; 0 when none is scheduled.
    DbResult<qint64> nextDueAt() const;
    // scheduled -> status (queued | skipped | failed | cancelled) with reason and outbox row.
    // Returns false when the row was no longer scheduled (someone else took it).
    DbResult<bool> settle(qint64 reminderId, const QString &status, const QString &reason, qint64 outboxId = 0) const;

    // Replies: the appointment of the latest reminder SMS sent to `phone` that is still ahead
    // (scheduled, starting after nowMs); 0 when none.
    DbResult<qint64> appointmentAwaitingReply(const QString &phone, qint64 nowMs) const;
    // The lead confirmed by reply: lead_confirmed_at set once; verification pending -> lead_confirmed.
    DbResult<bool> confirmByLead(qint64 appointmentId) const;

private:
    DbResult<QList<ReminderRecord>> select(const QString &where, const QVariantList &binds) const;
    DbError cancelQueuedOutbox(const QString &reminderWhere, const QVariantList &binds, const QString &why) const;

    Database &m_database;
    const Clock &m_clock;
    TenantScope m_scope;
};

} // namespace Callvia::Models
