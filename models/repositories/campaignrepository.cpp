#include "campaignrepository.h"

#include <models/clock.h>
#include <models/database.h>
#include <models/sqlhelpers.h>

namespace Callvia::Models {

namespace {

const QString selectColumns = QStringLiteral(
        "SELECT id, client_id, name, description, status, default_region, retell_agent_id, from_number, "
        "daily_call_limit, created_at, updated_at FROM campaigns ");

CampaignRecord readCampaign(const QSqlQuery &q)
{
    CampaignRecord r;
    r.id = q.value(0).toLongLong();
    r.clientId = q.value(1).toLongLong();
    r.name = q.value(2).toString();
    r.description = q.value(3).toString();
    r.status = q.value(4).toString();
    r.defaultRegion = q.value(5).toString();
    r.retellAgentId = q.value(6).toString();
    r.fromNumber = q.value(7).toString();
    r.dailyCallLimit = q.value(8).isNull() ? -1 : q.value(8).toInt();
    r.createdAt = q.value(9).toLongLong();
    r.updatedAt = q.value(10).toLongLong();
    return r;
}

void addToStats(CampaignStats &s, const QString &status, qint64 count)
{
    s.leadsTotal += count;
    if (status == QLatin1String("new"))
        s.fresh += count;
    else if (status == QLatin1String("dnc"))
        s.dnc += count;
    else
        s.contacted += count; // every other status is reached only through contact
    if (status == QLatin1String("callback"))
        s.callback += count;
    else if (status == QLatin1String("booked"))
        s.booked += count;
    else if (status == QLatin1String("shown"))
        s.shown += count;
    else if (status == QLatin1String("no_show"))
        s.noShow += count;
    else if (status == QLatin1String("not_interested"))
        s.notInterested += count;
}

} // namespace

CampaignRepository::CampaignRepository(Database &database, const Clock &clock, TenantScope scope)
    : m_database(database), m_clock(clock), m_scope(scope)
{
}

DbResult<QList<CampaignRecord>> CampaignRepository::list(qint64 clientId, bool includeArchived) const
{
    QString sql = selectColumns + QStringLiteral("WHERE 1 = 1") + Sql::scopeClause(m_scope);
    QVariantList binds;
    if (clientId != 0) {
        sql += QStringLiteral(" AND client_id = ?");
        binds << clientId;
    }
    if (!includeArchived)
        sql += QStringLiteral(" AND status <> 'archived'");
    sql += QStringLiteral(" ORDER BY lower(name), id");
    DbResult<QSqlQuery> q = Sql::exec(m_database, sql, binds);
    if (!q.ok())
        return q.error();
    QList<CampaignRecord> campaigns;
    while (q.value().next())
        campaigns << readCampaign(q.value());
    return campaigns;
}

DbResult<CampaignRecord> CampaignRepository::find(qint64 id) const
{
    DbResult<QSqlQuery> q =
            Sql::exec(m_database, selectColumns + QStringLiteral("WHERE id = ?") + Sql::scopeClause(m_scope), { id });
    if (!q.ok())
        return q.error();
    if (!q.value().next())
        return Sql::outOfScope();
    return readCampaign(q.value());
}

DbResult<qint64> CampaignRepository::insert(const CampaignRecord &r) const
{
    if (!m_scope.isAgency())
        return Sql::readOnlyScope(QStringLiteral("campaigns"));
    if (!m_scope.allows(r.clientId))
        return Sql::outOfScope();
    const qint64 now = m_clock.nowMs();
    return Sql::insertReturningId(
            m_database,
            QStringLiteral("INSERT INTO campaigns (client_id, name, description, status, default_region, "
                           "retell_agent_id, from_number, daily_call_limit, created_at, updated_at) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"),
            { r.clientId, r.name, Sql::nullIfEmpty(r.description), r.status, r.defaultRegion,
              Sql::nullIfEmpty(r.retellAgentId), Sql::nullIfEmpty(r.fromNumber), Sql::nullIfNegative(r.dailyCallLimit),
              now, now });
}

DbError CampaignRepository::update(const CampaignRecord &r) const
{
    if (!m_scope.isAgency())
        return Sql::readOnlyScope(QStringLiteral("campaigns"));
    DbResult<int> n = Sql::execAffected(
            m_database,
            QStringLiteral("UPDATE campaigns SET name = ?, description = ?, status = ?, default_region = ?, "
                           "retell_agent_id = ?, from_number = ?, daily_call_limit = ?, updated_at = ? WHERE id = ?")
                    + Sql::scopeClause(m_scope),
            { r.name, Sql::nullIfEmpty(r.description), r.status, r.defaultRegion, Sql::nullIfEmpty(r.retellAgentId),
              Sql::nullIfEmpty(r.fromNumber), Sql::nullIfNegative(r.dailyCallLimit), m_clock.nowMs(), r.id });
    if (!n.ok())
        return n.error();
    return n.value() == 1 ? DbError() : Sql::outOfScope();
}

DbError CampaignRepository::setStatus(qint64 id, const QString &status) const
{
    if (!m_scope.isAgency())
        return Sql::readOnlyScope(QStringLiteral("campaigns"));
    DbResult<int> n = Sql::execAffected(
            m_database,
            QStringLiteral("UPDATE campaigns SET status = ?, updated_at = ? WHERE id = ?") + Sql::scopeClause(m_scope),
            { status, m_clock.nowMs(), id });
    if (!n.ok())
        return n.error();
    return n.value() == 1 ? DbError() : Sql::outOfScope();
}

DbResult<QHash<qint64, CampaignStats>> CampaignRepository::stats(qint64 clientId) const
{
    QString sql = QStringLiteral("SELECT campaign_id, status, COUNT(*) FROM leads WHERE 1 = 1")
            + Sql::scopeClause(m_scope);
    QVariantList binds;
    if (clientId != 0) {
        sql += QStringLiteral(" AND client_id = ?");
        binds << clientId;
    }
    sql += QStringLiteral(" GROUP BY campaign_id, status");
    DbResult<QSqlQuery> q = Sql::exec(m_database, sql, binds);
    if (!q.ok())
        return q.error();
    QHash<qint64, CampaignStats> result;
    while (q.value().next()) {
        const qint64 id = q.value().value(0).toLongLong();
        CampaignStats &s = result[id];
        s.campaignId = id;
        addToStats(s, q.value().value(1).toString(), q.value().value(2).toLongLong());
    }
    return result;
}

DbResult<CampaignStats> CampaignRepository::statsFor(qint64 campaignId) const
{
    DbResult<QSqlQuery> q = Sql::exec(
            m_database,
            QStringLiteral("SELECT status, COUNT(*) FROM leads WHERE campaign_id = ?") + Sql::scopeClause(m_scope)
                    + QStringLiteral(" GROUP BY status"),
            { campaignId });
    if (!q.ok())
        return q.error();
    CampaignStats s;
    s.campaignId = campaignId;
    while (q.value().next())
        addToStats(s, q.value().value(0).toString(), q.value().value(1).toLongLong());
    return s;
}

} // namespace Callvia::Models
