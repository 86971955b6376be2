#include "clientrepository.h"

#include <models/clock.h>
#include <models/database.h>
#include <models/sqlhelpers.h>

namespace Callvia::Models {

namespace {

const QString selectColumns = QStringLiteral(
        "SELECT id, name, contact_email, phone, stripe_customer_id, time_zone, per_minute_rate_cents, currency, "
        "milestone_size, milestone_amount_cents, status, created_at, updated_at FROM clients ");

ClientRecord readClient(const QSqlQuery &q)
{
    ClientRecord r;
    r.id = q.value(0).toLongLong();
    r.name = q.value(1).toString();
    r.contactEmail = q.value(2).toString();
    r.phone = q.value(3).toString();
    r.stripeCustomerId = q.value(4).toString();
    r.timeZone = q.value(5).toString();
    r.perMinuteRateCents = q.value(6).toLongLong();
    r.currency = q.value(7).toString();
    r.milestoneSize = q.value(8).toInt();
    r.milestoneAmountCents = q.value(9).toLongLong();
    r.status = q.value(10).toString();
    r.createdAt = q.value(11).toLongLong();
    r.updatedAt = q.value(12).toLongLong();
    return r;
}

} // namespace

ClientRepository::ClientRepository(Database &database, const Clock &clock, TenantScope scope)
    : m_database(database), m_clock(clock), m_scope(scope)
{
}

DbResult<QList<ClientRecord>> ClientRepository::list(bool includeArchived) const
{
    QString sql = selectColumns + QStringLiteral("WHERE 1 = 1") + Sql::scopeClause(m_scope, QStringLiteral("id"));
    if (!includeArchived)
        sql += QStringLiteral(" AND status = 'active'");
    sql += QStringLiteral(" ORDER BY lower(name)");
    DbResult<QSqlQuery> q = Sql::exec(m_database, sql);
    if (!q.ok())
        return q.error();
    QList<ClientRecord> clients;
    while (q.value().next())
        clients << readClient(q.value());
    return clients;
}

DbError ClientRepository::setVerificationDelay(qint64 clientId, int minutes) const
{
    if (minutes < 0)
        return { DbError::Invalid, QStringLiteral("verification wait: must not be negative") };
    DbResult<int> affected = Sql::execAffected(
            m_database,
            QStringLiteral("UPDATE clients SET verification_delay_minutes = ? WHERE id = ?")
                    + Sql::scopeClause(m_scope, QStringLiteral("id")),
            { minutes, clientId });
    if (!affected.ok())
        return affected.error();
    return affected.value() == 1 ? DbError() : Sql::outOfScope();
}

DbResult<int> ClientRepository::verificationDelay(qint64 clientId) const
{
    DbResult<QSqlQuery> q = Sql::exec(m_database,
                                      QStringLiteral("SELECT verification_delay_minutes FROM clients WHERE id = ?")
                                              + Sql::scopeClause(m_scope, QStringLiteral("id")),
                                      { clientId });
    if (!q.ok())
        return q.error();
    if (!q.value().next())
        return Sql::outOfScope();
    return q.value().value(0).toInt();
}

DbResult<ClientRecord> ClientRepository::find(qint64 id) const
{
    DbResult<QSqlQuery> q = Sql::exec(
            m_database, selectColumns + QStringLiteral("WHERE id = ?") + Sql::scopeClause(m_scope, QStringLiteral("id")),
            { id });
    if (!q.ok())
        return q.error();
    if (!q.value().next())
        return Sql::outOfScope();
    return readClient(q.value());
}

DbResult<qint64> ClientRepository::insert(ClientRecord r) const
{
    if (!m_scope.isAgency())
        return Sql::readOnlyScope(QStringLiteral("clients"));
    const qint64 now = m_clock.nowMs();
    return Sql::insertReturningId(
            m_database,
            QStringLiteral("INSERT INTO clients (name, contact_email, phone, stripe_customer_id, time_zone, "
                           "per_minute_rate_cents, currency, milestone_size, milestone_amount_cents, status, "
                           "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"),
            { r.name, Sql::nullIfEmpty(r.contactEmail), Sql::nullIfEmpty(r.phone),
              Sql::nullIfEmpty(r.stripeCustomerId), r.timeZone, r.perMinuteRateCents, r.currency, r.milestoneSize,
              r.milestoneAmountCents, r.status, now, now });
}

DbError ClientRepository::update(const ClientRecord &r) const
{
    if (!m_scope.isAgency())
        return Sql::readOnlyScope(QStringLiteral("clients"));
    DbResult<int> n = Sql::execAffected(
            m_database,
            QStringLiteral("UPDATE clients SET name = ?, contact_email = ?, phone = ?, stripe_customer_id = ?, "
                           "time_zone = ?, per_minute_rate_cents = ?, currency = ?, milestone_size = ?, "
                           "milestone_amount_cents = ?, status = ?, updated_at = ? WHERE id = ?")
                    + Sql::scopeClause(m_scope, QStringLiteral("id")),
            { r.name, Sql::nullIfEmpty(r.contactEmail), Sql::nullIfEmpty(r.phone),
              Sql::nullIfEmpty(r.stripeCustomerId), r.timeZone, r.perMinuteRateCents, r.currency, r.milestoneSize,
              r.milestoneAmountCents, r.status, m_clock.nowMs(), r.id });
    if (!n.ok())
        return n.error();
    return n.value() == 1 ? DbError() : Sql::outOfScope();
}

DbError ClientRepository::setStatus(qint64 id, const QString &status) const
{
    if (!m_scope.isAgency())
        return Sql::readOnlyScope(QStringLiteral("clients"));
    DbResult<int> n = Sql::execAffected(
            m_database,
            QStringLiteral("UPDATE clients SET status = ?, updated_at = ? WHERE id = ?")
                    + Sql::scopeClause(m_scope, QStringLiteral("id")),
            { status, m_clock.nowMs(), id });
    if (!n.ok())
        return n.error();
    return n.value() == 1 ? DbError() : Sql::outOfScope();
}

} // namespace Callvia::Models
