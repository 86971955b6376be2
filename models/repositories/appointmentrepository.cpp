#include "appointmentrepository.h"

#include <models/clock.h>
#include <models/database.h>
#include <models/sqlhelpers.h>

namespace Callvia::Models {

namespace {

const QString selectColumns = QStringLiteral(
        "SELECT id, client_id, lead_id, campaign_id, provider, booking_uid, booking_id, previous_booking_uid, title, "
        "location, starts_at, ends_at, attendee_name, attendee_email, attendee_phone, attendee_time_zone, status, "
        "verification, verified_at, verified_by, cancellation_reason, milestone_id, created_at, updated_at "
        "FROM appointments ");

AppointmentRecord readAppointment(const QSqlQuery &q)
{
    AppointmentRecord r;
    r.id = q.value(0).toLongLong();
    r.clientId = q.value(1).toLongLong();
    r.leadId = q.value(2).toLongLong();
    r.campaignId = q.value(3).toLongLong();
    r.provider = q.value(4).toString();
    r.bookingUid = q.value(5).toString();
    r.bookingId = q.value(6).toLongLong();
    r.previousBookingUid = q.value(7).toString();
    r.title = q.value(8).toString();
    r.location = q.value(9).toString();
    r.startsAt = q.value(10).toLongLong();
    r.endsAt = q.value(11).toLongLong();
    r.attendeeName = q.value(12).toString();
    r.attendeeEmail = q.value(13).toString();
    r.attendeePhone = q.value(14).toString();
    r.attendeeTimeZone = q.value(15).toString();
    r.status = q.value(16).toString();
    r.verification = q.value(17).toString();
    r.verifiedAt = q.value(18).toLongLong();
    r.verifiedBy = q.value(19).toLongLong();
    r.cancellationReason = q.value(20).toString();
    r.milestoneId = q.value(21).toLongLong();
    r.createdAt = q.value(22).toLongLong();
    r.updatedAt = q.value(23).toLongLong();
    return r;
}

QString rankSql(const QString &column)
{
    return QStringLiteral("(CASE %1 WHEN 'pending' THEN 0 WHEN 'scheduled' THEN 1 WHEN 'cancelled' THEN 2 "
                          "WHEN 'rejected' THEN 2 WHEN 'shown' THEN 2 WHEN 'no_show' THEN 2 ELSE -1 END)")
            .arg(column);
}

} // namespace

AppointmentRepository::AppointmentRepository(Database &database, const Clock &clock, TenantScope scope)
    : m_database(database), m_clock(clock), m_scope(scope)
{
}

int AppointmentRepository::statusRank(const QString &status)
{
    if (status == QLatin1String("pending"))
        return 0;
    if (status == QLatin1String("scheduled"))
        return 1;
    if (status == QLatin1String("cancelled") || status == QLatin1String("rejected")
        || status == QLatin1String("shown") || status == QLatin1String("no_show"))
        return 2;
    return -1;
}

DbResult<qint64> AppointmentRepository::upsert(const AppointmentRecord &r) const
{
    if (r.clientId != 0 && !m_scope.allows(r.clientId))
        return Sql::outOfScope();
    if (r.bookingUid.isEmpty())
        return DbError(DbError::Invalid, QStringLiteral("appointment without a booking uid"));
    const qint64 now = m_clock.nowMs();
    const QString sql = QStringLiteral(
            "INSERT INTO appointments (client_id, lead_id, campaign_id, provider, booking_uid, booking_id, "
            "previous_booking_uid, title, location, starts_at, ends_at, attendee_name, attendee_email, "
            "attendee_phone, attendee_time_zone, status, cancellation_reason, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (booking_uid) DO UPDATE SET "
            "client_id = COALESCE(appointments.client_id, excluded.client_id), "
            "lead_id = COALESCE(appointments.lead_id, excluded.lead_id), "
            "campaign_id = COALESCE(appointments.campaign_id, excluded.campaign_id), "
            "booking_id = COALESCE(excluded.booking_id, appointments.booking_id), "
            "previous_booking_uid = COALESCE(appointments.previous_booking_uid, excluded.previous_booking_uid), "
            "title = COALESCE(excluded.title, appointments.title), "
            "location = COALESCE(excluded.location, appointments.location), "
            "starts_at = CASE WHEN excluded.starts_at > 0 THEN excluded.starts_at ELSE appointments.starts_at END, "
            "ends_at = CASE WHEN excluded.starts_at > 0 THEN excluded.ends_at ELSE appointments.ends_at END, "
            "attendee_name = COALESCE(excluded.attendee_name, appointments.attendee_name), "
            "attendee_email = COALESCE(excluded.attendee_email, appointments.attendee_email), "
            "attendee_phone = COALESCE(excluded.attendee_phone, appointments.attendee_phone), "
            "attendee_time_zone = COALESCE(excluded.attendee_time_zone, appointments.attendee_time_zone), "
            "status = CASE WHEN %1 >= %2 THEN appointments.status ELSE excluded.status END, "
            "cancellation_reason = COALESCE(excluded.cancellation_reason, appointments.cancellation_reason), "
            "updated_at = excluded.updated_at RETURNING id")
                                .arg(rankSql(QStringLiteral("appointments.status")),
                                     rankSql(QStringLiteral("excluded.status")));
    return Sql::insertReturningId(
            m_database, sql,
            { Sql::nullIfZero(r.clientId), Sql::nullIfZero(r.leadId), Sql::nullIfZero(r.campaignId), r.provider,
              r.bookingUid, Sql::nullIfZero(r.bookingId), Sql::nullIfEmpty(r.previousBookingUid),
              Sql::nullIfEmpty(r.title), Sql::nullIfEmpty(r.location), r.startsAt, qMax(r.endsAt, r.startsAt),
              Sql::nullIfEmpty(r.attendeeName), Sql::nullIfEmpty(r.attendeeEmail), Sql::nullIfEmpty(r.attendeePhone),
              Sql::nullIfEmpty(r.attendeeTimeZone), r.status, Sql::nullIfEmpty(r.cancellationReason),
              r.createdAt ? r.createdAt : now, now });
}

DbResult<QList<AppointmentRecord>> AppointmentRepository::select(const QString &where, const QVariantList &binds) const
{
    DbResult<QSqlQuery> q = Sql::exec(m_database, selectColumns + where, binds);
    if (!q.ok())
        return q.error();
    QList<AppointmentRecord> rows;
    while (q.value().next())
        rows << readAppointment(q.value());
    return rows;
}

DbResult<AppointmentRecord> AppointmentRepository::find(qint64 id) const
{
    DbResult<QList<AppointmentRecord>> rows = select(QStringLiteral("WHERE id = ?") + Sql::scopeClause(m_scope), { id });
    if (!rows.ok())
        return rows.error();
    if (rows.value().isEmpty())
        return Sql::outOfScope();
    return rows.value().first();
}

DbResult<AppointmentRecord> AppointmentRepository::findByUid(const QString &bookingUid) const
{
    DbResult<QList<AppointmentRecord>> rows =
            select(QStringLiteral("WHERE booking_uid = ?") + Sql::scopeClause(m_scope), { bookingUid });
    if (!rows.ok())
        return rows.error();
    if (rows.value().isEmpty())
        return Sql::outOfScope();
    return rows.value().first();
}

DbResult<bool> AppointmentRepository::isSuperseded(const QString &bookingUid) const
{
    DbResult<QSqlQuery> q = Sql::exec(
            m_database, QStringLiteral("SELECT COUNT(*) FROM appointments WHERE previous_booking_uid = ?"), { bookingUid });
    if (!q.ok())
        return q.error();
    q.value().next();
    return q.value().value(0).toLongLong() > 0;
}

DbError AppointmentRepository::moveTo(qint64 id, const QString &newUid, const QString &previousUid, qint64 startsAt,
                                      qint64 endsAt) const
{
    DbResult<int> n = Sql::execAffected(
            m_database,
            QStringLiteral("UPDATE appointments SET booking_uid = ?, previous_booking_uid = ?, starts_at = ?, "
                           "ends_at = ?, updated_at = ? WHERE id = ?")
                    + Sql::scopeClause(m_scope),
            { newUid, previousUid, startsAt, qMax(endsAt, startsAt), m_clock.nowMs(), id });
    if (!n.ok())
        return n.error();
    return n.value() == 1 ? DbError() : Sql::outOfScope();
}

DbError AppointmentRepository::cancel(qint64 id, const QString &reason) const
{
    DbResult<int> n = Sql::execAffected(
            m_database,
            QStringLiteral("UPDATE appointments SET status = 'cancelled', "
                           "cancellation_reason = COALESCE(CAST(? AS TEXT), cancellation_reason), updated_at = ? "
                           "WHERE id = ? AND status IN ('pending', 'scheduled')")
                    + Sql::scopeClause(m_scope),
            { Sql::nullIfEmpty(reason), m_clock.nowMs(), id });
    return n.ok() ? DbError() : n.error();
}

DbError AppointmentRepository::linkToLead(qint64 appointmentId, qint64 leadId) const
{
    if (!m_scope.isAgency())
        return Sql::outOfScope(); // a client user cannot see unmatched bookings
    const qint64 now = m_clock.nowMs();
    DbResult<int> n = Sql::execAffected(
            m_database,
            QStringLiteral("UPDATE appointments SET lead_id = l.id, client_id = l.client_id, "
                           "campaign_id = l.campaign_id, updated_at = ? FROM (SELECT id, client_id, campaign_id "
                           "FROM leads WHERE id = ?) AS l WHERE appointments.id = ? AND appointments.lead_id IS NULL "
                           // a booking attributed to a client links only to that client's leads
                           "AND (appointments.client_id IS NULL OR appointments.client_id = l.client_id)"),
            { now, leadId, appointmentId });
    if (!n.ok())
        return n.error();
    if (n.value() != 1)
        return Sql::outOfScope();
    DbResult<int> reminders = Sql::execAffected(
            m_database,
            QStringLiteral("UPDATE reminders SET client_id = (SELECT client_id FROM appointments WHERE id = ?), "
                           "updated_at = ? WHERE appointment_id = ?"),
            { appointmentId, now, appointmentId });
    return reminders.ok() ? DbError() : reminders.error();
}

DbResult<QList<AppointmentRecord>> AppointmentRepository::listUnmatched() const
{
    if (!m_scope.isAgency())
        return QList<AppointmentRecord>();
    return select(QStringLiteral("WHERE lead_id IS NULL") + Sql::scopeClause(m_scope) + QStringLiteral(" ORDER BY starts_at, id"),
                  {});
}

DbResult<QList<AppointmentRecord>> AppointmentRepository::listForLead(qint64 leadId) const
{
    return select(QStringLiteral("WHERE lead_id = ?") + Sql::scopeClause(m_scope) + QStringLiteral(" ORDER BY starts_at DESC, id DESC"),
                  { leadId });
}

DbResult<QList<AppointmentListRow>> AppointmentRepository::listBetween(qint64 fromMs, qint64 toMs,
                                                                      const AppointmentFilter &filter, qint64 nowMs,
                                                                      int limit) const
{
    QString columns = selectColumns;
    columns.replace(QStringLiteral("FROM appointments "), QString());
    columns.replace(QStringLiteral("SELECT "), QString());
    QStringList qualified;
    for (const QString &column : columns.split(QLatin1Char(',')))
        qualified << QStringLiteral("a.") + column.trimmed();
    QString sql = QStringLiteral("SELECT ") + qualified.join(QStringLiteral(", "))
            + QStringLiteral(", l.first_name, l.last_name, l.time_zone, c.name FROM appointments a "
                             "LEFT JOIN leads l ON l.id = a.lead_id LEFT JOIN clients c ON c.id = a.client_id "
                             "WHERE a.starts_at >= ? AND a.starts_at < ?");
    QVariantList binds { fromMs, toMs };
    if (filter.clientId > 0) {
        sql += QStringLiteral(" AND a.client_id = ?");
        binds << filter.clientId;
    }
    if (filter.campaignId > 0) {
        sql += QStringLiteral(" AND a.campaign_id = ?");
        binds << filter.campaignId;
    }
    if (filter.status == QLatin1String("awaiting")) {
        sql += QStringLiteral(" AND a.status IN ('scheduled', 'pending') AND a.ends_at <= ?");
        binds << nowMs;
    } else if (!filter.status.isEmpty()) {
        sql += QStringLiteral(" AND a.status = ?");
        binds << filter.status;
    }
    sql += Sql::scopeClause(m_scope, QStringLiteral("a.client_id"))
            + QStringLiteral(" ORDER BY a.starts_at, a.id LIMIT ?");
    binds << limit;
    DbResult<QSqlQuery> q = Sql::exec(m_database, sql, binds);
    if (!q.ok())
        return q.error();
    QList<AppointmentListRow> rows;
    while (q.value().next()) {
        AppointmentListRow row;
        row.appointment = readAppointment(q.value());
        const QString first = q.value().value(24).toString();
        const QString last = q.value().value(25).toString();
        row.leadName = QString(first + QLatin1Char(' ') + last).trimmed();
        row.leadTimeZone = q.value().value(26).toString();
        row.clientName = q.value().value(27).toString();
        rows << row;
    }
    return rows;
}

} // namespace Callvia::Models
