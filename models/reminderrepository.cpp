#include "reminderrepository.h"

#include "clock.h"
#include "database.h"
#include "sqlhelpers.h"

namespace Callvia::Models {

namespace {

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
    return r;
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
    int scheduled = 0;
    for (const Plan &plan : standardPlan()) {
        const qint64 dueAt = startsAt - qint64(plan.offsetMinutes) * 60'000;
        const bool future = dueAt > now;
        // Rows already queued, sent or failed keep their state; only waiting ones move.
        DbResult<int> n = Sql::execAffected(
                m_database,
                QStringLiteral("INSERT INTO reminders (appointment_id, client_id, offset_minutes, channel, due_at, "
                               "status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                               "ON CONFLICT (appointment_id, offset_minutes, channel) DO UPDATE SET "
                               "due_at = excluded.due_at, status = excluded.status, "
                               "client_id = COALESCE(reminders.client_id, excluded.client_id), "
                               "updated_at = excluded.updated_at "
                               "WHERE reminders.status IN ('scheduled', 'skipped', 'cancelled')"),
                { appointmentId, Sql::nullIfZero(clientId), plan.offsetMinutes, plan.channel, dueAt,
                  future ? QStringLiteral("scheduled") : QStringLiteral("skipped"), now, now });
        if (!n.ok())
            return n.error();
        if (future)
            ++scheduled;
    }
    return scheduled;
}

DbResult<int> ReminderRepository::cancelPending(qint64 appointmentId) const
{
    return Sql::execAffected(m_database,
                             QStringLiteral("UPDATE reminders SET status = 'cancelled', updated_at = ? "
                                            "WHERE appointment_id = ? AND status IN ('scheduled', 'skipped')")
                                     + Sql::scopeClause(m_scope),
                             { m_clock.nowMs(), appointmentId });
}

DbResult<QList<ReminderRecord>> ReminderRepository::select(const QString &where, const QVariantList &binds) const
{
    DbResult<QSqlQuery> q = Sql::exec(
            m_database,
            QStringLiteral("SELECT id, appointment_id, client_id, offset_minutes, channel, due_at, status, outbox_id, "
                           "created_at, updated_at FROM reminders ")
                    + where,
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
    return select(QStringLiteral("WHERE appointment_id = ?") + Sql::scopeClause(m_scope)
                          + QStringLiteral(" ORDER BY offset_minutes DESC, channel"),
                  { appointmentId });
}

DbResult<QList<ReminderRecord>> ReminderRepository::due(qint64 nowMs, int limit) const
{
    return select(QStringLiteral("WHERE status = 'scheduled' AND due_at <= ?") + Sql::scopeClause(m_scope)
                          + QStringLiteral(" ORDER BY due_at, id LIMIT ?"),
                  { nowMs, limit });
}

} // namespace Callvia::Models
