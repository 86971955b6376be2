#include "optoutrepository.h"

#include <models/clock.h>
#include <models/database.h>
#include <models/sqlhelpers.h>

namespace Callvia::Models {

OptOutRepository::OptOutRepository(Database &database, const Clock &clock, TenantScope scope)
    : m_database(database), m_clock(clock), m_scope(scope)
{
}

DbResult<bool> OptOutRepository::add(const OptOutRecord &r) const
{
    if (r.clientId != 0 && !m_scope.allows(r.clientId))
        return Sql::outOfScope();
    if (r.phoneE164.isEmpty() && r.email.isEmpty())
        return DbError(DbError::Invalid, QStringLiteral("opt-out needs a phone number or an e-mail"));
    const QString email = r.email.trimmed().toLower();
    // NULL-safe equality spelled out: SQLite has no IS NOT DISTINCT FROM before 3.39.
    QString where = QStringLiteral("WHERE channel = ?");
    QVariantList binds { r.channel };
    auto match = [&](const QString &column, const QVariant &value, bool empty) {
        if (empty) {
            where += QStringLiteral(" AND %1 IS NULL").arg(column);
        } else {
            where += QStringLiteral(" AND %1 = ?").arg(column);
            binds << value;
        }
    };
    match(QStringLiteral("client_id"), r.clientId, r.clientId == 0);
    match(QStringLiteral("phone_e164"), r.phoneE164, r.phoneE164.isEmpty());
    match(QStringLiteral("email"), email, email.isEmpty());
    DbResult<QSqlQuery> existing = Sql::exec(m_database, QStringLiteral("SELECT COUNT(*) FROM opt_outs ") + where, binds);
    if (!existing.ok())
        return existing.error();
    existing.value().next();
    if (existing.value().value(0).toLongLong() > 0)
        return false;
    DbResult<qint64> id = Sql::insertReturningId(
            m_database,
            QStringLiteral("INSERT INTO opt_outs (client_id, phone_e164, email, channel, source, reason, created_at) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id"),
            { Sql::nullIfZero(r.clientId), Sql::nullIfEmpty(r.phoneE164), Sql::nullIfEmpty(email), r.channel, r.source,
              Sql::nullIfEmpty(r.reason), r.createdAt ? r.createdAt : m_clock.nowMs() });
    if (!id.ok())
        return id.error();
    return true;
}

DbResult<bool> OptOutRepository::isOptedOut(const QString &address, const QString &channel, qint64 clientId) const
{
    const bool isEmail = address.contains(QLatin1Char('@'));
    const QString value = isEmail ? address.trimmed().toLower() : address.trimmed();
    if (value.isEmpty())
        return false;
    // PostgreSQL: a client user's role cannot read agency-wide opt-outs (other clients' contacts);
    // the SECURITY DEFINER check answers yes or no for its own client (008_tenancy_by_roles.sql).
    DbResult<QSqlQuery> q = m_database.isSqlite()
            ? Sql::exec(m_database,
                        QStringLiteral("SELECT COUNT(*) FROM opt_outs WHERE %1 = ? AND (channel = 'all' OR channel = ?) "
                                       "AND (client_id IS NULL OR client_id = ?)")
                                .arg(isEmail ? QStringLiteral("email") : QStringLiteral("phone_e164")),
                        { value, channel, clientId })
            : Sql::exec(m_database, QStringLiteral("SELECT CASE WHEN callvia_is_opted_out(?, ?, ?) THEN 1 ELSE 0 END"),
                        { value, channel, clientId });
    if (!q.ok())
        return q.error();
    q.value().next();
    return q.value().value(0).toLongLong() > 0;
}

DbResult<QList<OptOutRecord>> OptOutRepository::list() const
{
    // A client user sees its own opt-outs and the agency-wide ones that bind it.
    QString sql = QStringLiteral("SELECT id, client_id, phone_e164, email, channel, source, reason, created_at "
                                 "FROM opt_outs");
    if (!m_scope.isAgency())
        sql += QStringLiteral(" WHERE client_id IS NULL OR client_id = %1").arg(m_scope.clientId());
    DbResult<QSqlQuery> q = Sql::exec(m_database, sql + QStringLiteral(" ORDER BY id"));
    if (!q.ok())
        return q.error();
    QList<OptOutRecord> rows;
    while (q.value().next()) {
        const QSqlQuery &s = q.value();
        OptOutRecord r;
        r.id = s.value(0).toLongLong();
        r.clientId = s.value(1).toLongLong();
        r.phoneE164 = s.value(2).toString();
        r.email = s.value(3).toString();
        r.channel = s.value(4).toString();
        r.source = s.value(5).toString();
        r.reason = s.value(6).toString();
        r.createdAt = s.value(7).toLongLong();
        rows << r;
    }
    return rows;
}

} // namespace Callvia::Models
