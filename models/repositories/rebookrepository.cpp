#include "rebookrepository.h"

#include <models/clock.h>
#include <models/database.h>
#include <models/sqlhelpers.h>

namespace Callvia::Models {

namespace {

const QString sequenceColumns = QStringLiteral(
        "SELECT s.id, s.appointment_id, COALESCE(s.client_id, 0), COALESCE(s.lead_id, 0), s.phone_e164, s.email, "
        "s.status, s.next_step, COALESCE(s.next_due_at, 0), s.started_at, s.ended_reason, s.ended_detail, "
        "COALESCE(s.ended_by, 0), COALESCE(s.ended_at, 0), a.booking_uid, a.starts_at, "
        "COALESCE(l.first_name, a.attendee_name), l.language, COALESCE(l.time_zone, a.attendee_time_zone), c.name, "
        "c.time_zone, c.booking_url FROM rebook_sequences s JOIN appointments a ON a.id = s.appointment_id "
        "LEFT JOIN leads l ON l.id = s.lead_id LEFT JOIN clients c ON c.id = s.client_id ");

RebookSequenceRecord readSequence(const QSqlQuery &q)
{
    RebookSequenceRecord r;
    r.id = q.value(0).toLongLong();
    r.appointmentId = q.value(1).toLongLong();
    r.clientId = q.value(2).toLongLong();
    r.leadId = q.value(3).toLongLong();
    r.phone = q.value(4).toString();
    r.email = q.value(5).toString();
    r.status = q.value(6).toString();
    r.nextStep = q.value(7).toInt();
    r.nextDueAt = q.value(8).toLongLong();
    r.startedAt = q.value(9).toLongLong();
    r.endedReason = q.value(10).toString();
    r.endedDetail = q.value(11).toString();
    r.endedBy = q.value(12).toLongLong();
    r.endedAt = q.value(13).toLongLong();
    r.bookingUid = q.value(14).toString();
    r.appointmentStartsAt = q.value(15).toLongLong();
    r.firstName = q.value(16).toString().section(QLatin1Char(' '), 0, 0);
    r.leadLanguage = q.value(17).toString();
    r.leadTimeZone = q.value(18).toString();
    r.clientName = q.value(19).toString();
    r.clientTimeZone = q.value(20).toString();
    r.bookingUrl = q.value(21).toString();
    return r;
}

} // namespace

RebookRepository::RebookRepository(Database &database, const Clock &clock, TenantScope scope)
    : m_database(database), m_clock(clock), m_scope(scope)
{
}

namespace {

// Starts the sequences of the appointments `which` selects ("a.id = ?" or "a.id IN (...)"): the
// lead's phone and e-mail, else the booking's attendee's (normalized as stored).
QString startSql(const QString &which, const TenantScope &scope)
{
    return QStringLiteral("INSERT INTO rebook_sequences (appointment_id, client_id, lead_id, phone_e164, email, status, "
                          "next_step, next_due_at, started_at, updated_at) "
                          "SELECT a.id, a.client_id, a.lead_id, COALESCE(l.phone_e164, a.attendee_phone), "
                          "lower(COALESCE(l.email, a.attendee_email)), 'active', 0, ?, ?, ? FROM appointments a "
                          "LEFT JOIN leads l ON l.id = a.lead_id WHERE ")
            + which + Sql::scopeClause(scope, QStringLiteral("a.client_id"))
            + QStringLiteral(" ON CONFLICT (appointment_id) DO UPDATE SET status = 'active', next_due_at = "
                             "excluded.next_due_at, ended_reason = NULL, ended_detail = NULL, ended_by = NULL, "
                             "ended_at = NULL, updated_at = excluded.updated_at WHERE rebook_sequences.status = "
                             "'ended' AND rebook_sequences.ended_reason = 'verdict_shown'");
}

} // namespace

DbResult<qint64> RebookRepository::start(qint64 appointmentId, qint64 nowMs) const
{
    qint64 id = 0;
    if (DbError error = Sql::forEachRow(m_database, startSql(QStringLiteral("a.id = ?"), m_scope) + QStringLiteral(" RETURNING id"),
                                        { nowMs, nowMs, nowMs, appointmentId },
                                        [&id](const QSqlQuery &q) { id = q.value(0).toLongLong(); }))
        return error;
    return id;
}

DbResult<int> RebookRepository::startMany(const QList<qint64> &appointmentIds, qint64 nowMs) const
{
    QVariantList ids;
    ids.reserve(appointmentIds.size());
    for (qint64 id : appointmentIds)
        ids << id;
    return Sql::execForChunks(m_database, startSql(QStringLiteral("a.id IN (%IN%)"), m_scope), { nowMs, nowMs, nowMs }, ids);
}

DbResult<qint64> RebookRepository::nextDueAt() const
{
    DbResult<QSqlQuery> q = Sql::exec(m_database,
                                      QStringLiteral("SELECT COALESCE(MIN(next_due_at), 0) FROM rebook_sequences "
                                                     "WHERE status = 'active'")
                                              + Sql::scopeClause(m_scope));
    if (!q.ok())
        return q.error();
    return q.value().next() ? q.value().value(0).toLongLong() : 0;
}

DbResult<QList<RebookSequenceRecord>> RebookRepository::select(const QString &where, const QVariantList &binds) const
{
    DbResult<QSqlQuery> q = Sql::exec(m_database, sequenceColumns + where, binds);
    if (!q.ok())
        return q.error();
    QList<RebookSequenceRecord> rows;
    while (q.value().next())
        rows << readSequence(q.value());
    return rows;
}

DbResult<QList<RebookSequenceRecord>> RebookRepository::due(qint64 nowMs, int limit) const
{
    const QString lock = m_database.isSqlite() ? QString() : QStringLiteral(" FOR UPDATE OF s SKIP LOCKED");
    return select(QStringLiteral("WHERE s.status = 'active' AND s.next_due_at <= ?")
                          + Sql::scopeClause(m_scope, QStringLiteral("s.client_id"))
                          + QStringLiteral(" ORDER BY s.next_due_at, s.id LIMIT %1").arg(limit) + lock,
                  { nowMs });
}

DbResult<RebookSequenceRecord> RebookRepository::forAppointment(qint64 appointmentId) const
{
    DbResult<QList<RebookSequenceRecord>> rows =
            select(QStringLiteral("WHERE s.appointment_id = ?") + Sql::scopeClause(m_scope, QStringLiteral("s.client_id")),
                   { appointmentId });
    if (!rows.ok())
        return rows.error();
    if (rows.value().isEmpty())
        return DbError(DbError::NotFound, QStringLiteral("no rebook sequence for appointment %1").arg(appointmentId));
    return rows.value().first();
}

DbResult<QList<RebookStepRecord>> RebookRepository::steps(qint64 sequenceId) const
{
    DbResult<QSqlQuery> q = Sql::exec(m_database,
                                      QStringLiteral("SELECT step, channel, status, reason, COALESCE(outbox_id, 0), at "
                                                     "FROM rebook_steps WHERE sequence_id = ?")
                                              + Sql::scopeClause(m_scope) + QStringLiteral(" ORDER BY step"),
                                      { sequenceId });
    if (!q.ok())
        return q.error();
    QList<RebookStepRecord> rows;
    while (q.value().next()) {
        const QSqlQuery &row = q.value();
        rows << RebookStepRecord { row.value(0).toInt(), row.value(1).toString(), row.value(2).toString(),
                                   row.value(3).toString(), row.value(4).toLongLong(), row.value(5).toLongLong() };
    }
    return rows;
}

DbResult<QString> RebookRepository::newBookingBy(const RebookSequenceRecord &s) const
{
    // Who the lead is: its id, and its e-mail and phone as a booking's attendee or a lead row.
    QStringList who;
    QVariantList binds { s.clientId, s.appointmentId, s.startedAt };
    if (s.leadId != 0) {
        who << QStringLiteral("a.lead_id = ?");
        binds << s.leadId;
    }
    if (!s.email.isEmpty()) {
        who << QStringLiteral("lower(a.attendee_email) = ? OR l.email = ?");
        binds << s.email << s.email;
    }
    if (!s.phone.isEmpty()) {
        who << QStringLiteral("a.attendee_phone = ? OR l.phone_e164 = ?");
        binds << s.phone << s.phone;
    }
    if (who.isEmpty())
        return QString();
    DbResult<QSqlQuery> q = Sql::exec(
            m_database,
            QStringLiteral("SELECT a.booking_uid FROM appointments a LEFT JOIN leads l ON l.id = a.lead_id "
                           "WHERE COALESCE(a.client_id, 0) = ? AND a.id <> ? AND a.created_at > ? "
                           "AND a.status NOT IN ('cancelled', 'rejected') AND (")
                    + who.join(QStringLiteral(" OR ")) + QStringLiteral(") ORDER BY a.created_at, a.id LIMIT 1"),
            binds);
    if (!q.ok())
        return q.error();
    return q.value().next() ? q.value().value(0).toString() : QString();
}

DbError RebookRepository::recordStep(const RebookSequenceRecord &s, const RebookStepRecord &step) const
{
    DbResult<int> n = Sql::execAffected(
            m_database,
            QStringLiteral("INSERT INTO rebook_steps (sequence_id, client_id, step, channel, status, reason, outbox_id, at) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (sequence_id, step) DO NOTHING"),
            { s.id, Sql::nullIfZero(s.clientId), step.step, step.channel, step.status, Sql::nullIfEmpty(step.reason),
              Sql::nullIfZero(step.outboxId), step.at });
    return n.ok() ? DbError() : n.error();
}

DbError RebookRepository::advance(qint64 sequenceId, int nextStep, qint64 nextDueAt) const
{
    DbResult<int> n = Sql::execAffected(
            m_database,
            QStringLiteral("UPDATE rebook_sequences SET next_step = ?, next_due_at = ?, status = ?, updated_at = ? "
                           "WHERE id = ? AND status = 'active'")
                    + Sql::scopeClause(m_scope),
            { nextStep, nextStep >= 3 ? QVariant(QMetaType::fromType<qint64>()) : QVariant(nextDueAt),
              nextStep >= 3 ? QStringLiteral("completed") : QStringLiteral("active"), m_clock.nowMs(), sequenceId });
    return n.ok() ? DbError() : n.error();
}

DbResult<bool> RebookRepository::end(qint64 sequenceId, const QString &reason, const QString &detail, qint64 userId) const
{
    const qint64 now = m_clock.nowMs();
    DbResult<int> n = Sql::execAffected(
            m_database,
            QStringLiteral("UPDATE rebook_sequences SET status = 'ended', ended_reason = ?, ended_detail = ?, "
                           "ended_by = ?, ended_at = ?, next_due_at = NULL, updated_at = ? WHERE id = ? AND status = 'active'")
                    + Sql::scopeClause(m_scope),
            { reason, Sql::nullIfEmpty(detail), Sql::nullIfZero(userId), now, now, sequenceId });
    if (!n.ok())
        return n.error();
    return n.value() == 1;
}

} // namespace Callvia::Models
