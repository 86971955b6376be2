#include "usagerepository.h"

#include <models/clock.h>
#include <models/database.h>
#include <models/sqlhelpers.h>

#include <limits>

namespace Callvia::Models {

namespace {

const QString selectColumns = QStringLiteral(
        "SELECT id, client_id, call_log_id, campaign_id, seconds, rate_cents_per_minute, cost_cents, currency, "
        "occurred_at, invoice_id, created_at FROM usage_records ");

UsageRecord readUsage(const QSqlQuery &q)
{
    UsageRecord r;
    r.id = q.value(0).toLongLong();
    r.clientId = q.value(1).toLongLong();
    r.callLogId = q.value(2).toLongLong();
    r.campaignId = q.value(3).toLongLong();
    r.seconds = q.value(4).toLongLong();
    r.rateCentsPerMinute = q.value(5).toLongLong();
    r.costCents = q.value(6).toLongLong();
    r.currency = q.value(7).toString();
    r.occurredAt = q.value(8).toLongLong();
    r.invoiceId = q.value(9).toLongLong();
    r.createdAt = q.value(10).toLongLong();
    return r;
}

} // namespace

UsageRepository::UsageRepository(Database &database, const Clock &clock, TenantScope scope)
    : m_database(database), m_clock(clock), m_scope(scope)
{
}

qint64 UsageRepository::billedSeconds(qint64 durationMs)
{
    if (durationMs <= 0)
        return 0;
    return durationMs / 1000 + (durationMs % 1000 != 0 ? 1 : 0);
}

qint64 UsageRepository::costCents(qint64 seconds, qint64 rateCentsPerMinute)
{
    if (seconds <= 0 || rateCentsPerMinute <= 0)
        return 0;
    if (seconds > std::numeric_limits<qint64>::max() / rateCentsPerMinute)
        return std::numeric_limits<qint64>::max() / 60; // saturate instead of overflowing
    const qint64 product = seconds * rateCentsPerMinute;
    return product / 60 + (product % 60 != 0 ? 1 : 0);
}

DbResult<bool> UsageRepository::recordForCall(const UsageRecord &r) const
{
    if (!m_scope.allows(r.clientId))
        return Sql::outOfScope();
    DbResult<int> n = Sql::execAffected(
            m_database,
            QStringLiteral("INSERT INTO usage_records (client_id, call_log_id, campaign_id, seconds, "
                           "rate_cents_per_minute, cost_cents, currency, occurred_at, invoice_id, created_at) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (call_log_id) DO NOTHING"),
            { r.clientId, Sql::nullIfZero(r.callLogId), Sql::nullIfZero(r.campaignId), r.seconds,
              r.rateCentsPerMinute, r.costCents, r.currency, r.occurredAt, Sql::nullIfZero(r.invoiceId),
              m_clock.nowMs() });
    if (!n.ok())
        return n.error();
    return n.value() > 0;
}

DbResult<UsageRecord> UsageRepository::findByCallLog(qint64 callLogId) const
{
    DbResult<QSqlQuery> q = Sql::exec(
            m_database, selectColumns + QStringLiteral("WHERE call_log_id = ?") + Sql::scopeClause(m_scope),
            { callLogId });
    if (!q.ok())
        return q.error();
    if (!q.value().next())
        return Sql::outOfScope();
    return readUsage(q.value());
}

DbResult<QList<UsageRecord>> UsageRepository::list(qint64 clientId, qint64 fromMs, qint64 toMs) const
{
    QString sql = selectColumns + QStringLiteral("WHERE occurred_at >= ? AND occurred_at < ?")
            + Sql::scopeClause(m_scope);
    QVariantList binds { fromMs, toMs };
    if (clientId != 0) {
        sql += QStringLiteral(" AND client_id = ?");
        binds << clientId;
    }
    DbResult<QSqlQuery> q = Sql::exec(m_database, sql + QStringLiteral(" ORDER BY occurred_at, id"), binds);
    if (!q.ok())
        return q.error();
    QList<UsageRecord> rows;
    while (q.value().next())
        rows << readUsage(q.value());
    return rows;
}

} // namespace Callvia::Models
