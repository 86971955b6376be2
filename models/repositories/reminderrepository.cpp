#include "reminderrepository.h"

#include <models/clock.h>
#include <models/database.h>
#include <models/sqlhelpers.h>

namespace Callvia::Models {

namespace {

const QString reminderColumns = QStringLiteral(
        "r.id, r.appointment_id, r.client_id, r.offset_minutes, r.channel, r.due_at, r.status, r.outbox_id, "
        "r.created_at, r.updated_at, r.reason, r.appointment_starts_at");
constexpr int reminderColumnCount = 12;

ReminderRecord readReminder(const QSqlQuery &q)
{
    ReminderRecord r;
    r.id = q.value(0).toLongLong();
    r.appointmentId = q.value(1).toLongLong();
    r.clientId = q.value(2).toLongLong();
    r.offsetMinutes = q.value(3).toInt();
    r.channel = q.value(4).toString();
    r.dueAt = q.value(5).toLongLong();
    r.status = q.value(6).toString();
    r.outboxId = q.value(7).toLongLong();
    r.createdAt = q.value(8).toLongLong();
    r.updatedAt = q.value(9).toLongLong();
    r.reason = q.value(10).toString();
    r.appointmentStartsAt = q.value(11).toLongLong();
    return r;
}

DueReminder readDue(const QSqlQuery &q)
{
    DueReminder d;
    d.reminder = readReminder(q);
    int i = reminderColumnCount;
    d.appointmentStatus = q.value(i++).toString();
    d.startsAt = q.value(i++).toLongLong();
    d.location = q.value(i++).toString();
    d.bookingUid = q.value(i++).toString();
    d.leadId = q.value(i++).toLongLong();
    d.attendeeName = q.value(i++).toString();
    d.attendeeEmail = q.value(i++).toString();
    d.attendeePhone = q.value(i++).toString();
    d.attendeeTimeZone = q.value(i++).toString();
    d.leadFirstName = q.value(i++).toString();
    d.leadPhone = q.value(i++).toString();
    d.leadEmail = q.value(i++).toString();
    d.leadTimeZone = q.value(i++).toString();
    d.leadLanguage = q.value(i++).toString();
    d.clientName = q.value(i++).toString();
    d.clientTimeZone = q.value(i++).toString();
    return d;
}

} // namespace

ReminderRepository::ReminderRepository(Database &database, const Clock &clock, TenantScope scope)
    : m_database(database), m_clock(clock), m_scope(scope)
{
}

QList<ReminderRepository::Plan> ReminderRepository::standardPlan()
{
    return { { 1440, QStringLiteral("sms") },
             { 1440, QStringLiteral("email") },
             { 120, QStringLiteral("sms") },
             { 15, QStringLiteral("sms") } };
}

DbResult<int> ReminderRepository::scheduleFor(qint64 appointmentId, qint64 clientId, qint64 startsAt) const
{
    if (clientId != 0 && !m_scope.allows(clientId))
        return Sql::outOfScope();
    const qint64 now = m_clock.nowMs();
    // Queued for another start time and not handed to a provider yet: that text names the old
    // time, so it must not go.
    if (DbError error = cancelQueuedOutbox(QStringLiteral("appointment_id = ? AND status = 'queued' "
                                                          "AND appointment_starts_at IS DISTINCT FROM ?"),
                                           { appointmentId, startsAt }, QStringLiteral("appointment moved")))
        return error;
    int scheduled = 0;
    for (const Plan &plan : standardPlan()) {
        const qint64 dueAt = startsAt - qint64(plan.offsetMinutes) * 60'000;
        const bool future = dueAt > now;
        // A row for another start time is planned again whatever its state (the text it sent named
        // the old time); for the same start time only a cancelled row comes back. So a reminder
        // queued or sent for this start never goes twice.
        DbResult<int> n = Sql::execAffected(
                m_database,
                QStringLiteral("INSERT INTO reminders (appointment_id, client_id, offset_minutes, channel, due_at, "
                               "status, reason, appointment_starts_at, created_at, updated_at) "
                               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                               "ON CONFLICT (appointment_id, offset_minutes, channel) DO UPDATE SET "
                               "due_at = excluded.due_at, status = excluded.status, reason = excluded.reason, "
                               "appointment_starts_at = excluded.appointment_starts_at, "
                               "client_id = COALESCE(reminders.client_id, excluded.client_id), "
                               "updated_at = excluded.updated_at "
                               "WHERE reminders.appointment_starts_at IS DISTINCT FROM excluded.appointment_starts_at "
                               "OR reminders.status = 'cancelled'"),
                { appointmentId, Sql::nullIfZero(clientId), plan.offsetMinutes, plan.channel, dueAt,
                  future ? QStringLiteral("scheduled") : QStringLiteral("skipped"),
                  future ? QVariant(QMetaType::fromType<QString>())
                         : QVariant(QStringLiteral("booked after this reminder's moment")),
                  startsAt, now, now });
        if (!n.ok())
            return n.error();
    }
    DbResult<QSqlQuery> q = Sql::exec(m_database,
                                      QStringLiteral("SELECT COUNT(*) FROM reminders WHERE appointment_id = ? "
                                                     "AND status = 'scheduled'"),
                                      { appointmentId });
    if (!q.ok())
        return q.error();
    if (q.value().next())
        scheduled = q.value().value(0).toInt();
    return scheduled;
}

DbError ReminderRepository::cancelQueuedOutbox(const QString &reminderWhere, const QVariantList &binds,
                                               const QString &why) const
{
    const qint64 now = m_clock.nowMs();
    const QString reminderIds = QStringLiteral("SELECT outbox_id FROM reminders WHERE outbox_id IS NOT NULL AND ")
            + reminderWhere;
    DbResult<int> messages = Sql::execAffected(
            m_database,
            QStringLiteral("UPDATE messages SET status = 'failed', error = ?, updated_at = ? WHERE status = 'queued' "
                           "AND outbox_id IN (SELECT id FROM outbox WHERE status = 'pending' AND id IN (")
                    + reminderIds + QStringLiteral("))"),
            QVariantList { QString(QStringLiteral("cancelled before sending: ") + why), now } + binds);
    if (!messages.ok())
        return messages.error();
    DbResult<int> outbox = Sql::execAffected(
            m_database,
            QStringLiteral("UPDATE outbox SET status = 'cancelled', last_error = ?, updated_at = ? "
                           "WHERE status = 'pending' AND id IN (")
                    + reminderIds + QStringLiteral(")"),
            QVariantList { why, now } + binds);
    return outbox.ok() ? DbError() : outbox.error();
}

DbResult<int> ReminderRepository::cancelPending(qint64 appointmentId) const
{
    const QString why = QStringLiteral("appointment cancelled");
    if (DbError error = cancelQueuedOutbox(QStringLiteral("appointment_id = ? AND status = 'queued'") + Sql::scopeClause(m_scope),
                                           { appointmentId }, why))
        return error;
    return Sql::execAffected(
            m_database,
            QStringLiteral("UPDATE reminders SET status = 'cancelled', reason = ?, updated_at = ? "
                           "WHERE appointment_id = ? AND (status IN ('scheduled', 'skipped') OR (status = 'queued' "
                           "AND outbox_id IN (SELECT id FROM outbox WHERE status = 'cancelled')))")
                    + Sql::scopeClause(m_scope),
            { why, m_clock.nowMs(), appointmentId });
}

DbResult<QList<ReminderRecord>> ReminderRepository::select(const QString &where, const QVariantList &binds) const
{
    DbResult<QSqlQuery> q = Sql::exec(m_database, QStringLiteral("SELECT ") + reminderColumns
                                              + QStringLiteral(" FROM reminders r ") + where,
                                      binds);
    if (!q.ok())
        return q.error();
    QList<ReminderRecord> rows;
    while (q.value().next())
        rows << readReminder(q.value());
    return rows;
}

DbResult<QList<ReminderRecord>> ReminderRepository::listForAppointment(qint64 appointmentId) const
{
    return select(QStringLiteral("WHERE r.appointment_id = ?") + Sql::scopeClause(m_scope, QStringLiteral("r.client_id"))
                          + QStringLiteral(" ORDER BY r.offset_minutes DESC, r.channel"),
                  { appointmentId });
}

DbResult<QList<ReminderRecord>> ReminderRepository::due(qint64 nowMs, int limit) const
{
    return select(QStringLiteral("WHERE r.status = 'scheduled' AND r.due_at <= ?")
                          + Sql::scopeClause(m_scope, QStringLiteral("r.client_id"))
                          + QStringLiteral(" ORDER BY r.due_at, r.id LIMIT ?"),
                  { nowMs, limit });
}

DbResult<QList<DueReminder>> ReminderRepository::dueWithContext(qint64 nowMs, int limit) const
{
    const QString lock = m_database.isSqlite() ? QString() : QStringLiteral(" FOR UPDATE OF r SKIP LOCKED");
    DbResult<QSqlQuery> q = Sql::exec(
            m_database,
            QStringLiteral("SELECT ") + reminderColumns
                    + QStringLiteral(", a.status, a.starts_at, a.location, a.booking_uid, a.lead_id, a.attendee_name, "
                                     "a.attendee_email, a.attendee_phone, a.attendee_time_zone, l.first_name, "
                                     "l.phone_e164, l.email, l.time_zone, l.language, c.name, c.time_zone "
                                     "FROM reminders r JOIN appointments a ON a.id = r.appointment_id "
                                     "LEFT JOIN leads l ON l.id = a.lead_id "
                                     "LEFT JOIN clients c ON c.id = COALESCE(r.client_id, a.client_id) "
                                     "WHERE r.status = 'scheduled' AND r.due_at <= ?")
                    + Sql::scopeClause(m_scope, QStringLiteral("r.client_id"))
                    + QStringLiteral(" ORDER BY r.due_at, r.id LIMIT ?") + lock,
            { nowMs, limit });
    if (!q.ok())
        return q.error();
    QList<DueReminder> rows;
    while (q.value().next())
        rows << readDue(q.value());
    return rows;
}

DbResult<qint64> ReminderRepository::nextDueAt() const
{
    // ORDER BY + LIMIT rather than MIN(): both engines read one entry of the partial index.
    DbResult<QSqlQuery> q = Sql::exec(m_database,
                                      QStringLiteral("SELECT due_at FROM reminders r WHERE r.status = 'scheduled'")
                                              + Sql::scopeClause(m_scope, QStringLiteral("r.client_id"))
                                              + QStringLiteral(" ORDER BY r.due_at LIMIT 1"));
    if (!q.ok())
        return q.error();
    return q.value().next() ? q.value().value(0).toLongLong() : qint64(0);
}

DbResult<bool> ReminderRepository::settle(qint64 reminderId, const QString &status, const QString &reason,
                                          qint64 outboxId) const
{
    DbResult<int> n = Sql::execAffected(
            m_database,
            QStringLiteral("UPDATE reminders SET status = ?, reason = ?, outbox_id = COALESCE(?, outbox_id), "
                           "updated_at = ? WHERE id = ? AND status = 'scheduled'")
                    + Sql::scopeClause(m_scope),
            { status, Sql::nullIfEmpty(reason), Sql::nullIfZero(outboxId), m_clock.nowMs(), reminderId });
    if (!n.ok())
        return n.error();
    return n.value() == 1;
}

DbResult<qint64> ReminderRepository::appointmentAwaitingReply(const QString &phone, qint64 nowMs) const
{
    DbResult<QSqlQuery> q = Sql::exec(
            m_database,
            QStringLiteral("SELECT m.appointment_id FROM messages m JOIN appointments a ON a.id = m.appointment_id "
                           "WHERE m.to_address = ? AND m.channel = 'sms' AND m.direction = 'outbound' "
                           "AND m.template LIKE 'reminder%' AND a.status = 'scheduled' AND a.starts_at > ?")
                    + Sql::scopeClause(m_scope, QStringLiteral("m.client_id"))
                    + QStringLiteral(" ORDER BY m.created_at DESC, m.id DESC LIMIT 1"),
            { phone, nowMs });
    if (!q.ok())
        return q.error();
    return q.value().next() ? q.value().value(0).toLongLong() : qint64(0);
}

DbResult<bool> ReminderRepository::confirmByLead(qint64 appointmentId) const
{
    const qint64 now = m_clock.nowMs();
    DbResult<int> n = Sql::execAffected(
            m_database,
            QStringLiteral("UPDATE appointments SET lead_confirmed_at = COALESCE(lead_confirmed_at, ?), "
                           "verification = CASE WHEN verification = 'pending' THEN 'lead_confirmed' ELSE verification END, "
                           "updated_at = ? WHERE id = ?")
                    + Sql::scopeClause(m_scope),
            { now, now, appointmentId });
    if (!n.ok())
        return n.error();
    return n.value() == 1;
}

} // namespace Callvia::Models
