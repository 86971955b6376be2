#pragma once

#include <models/dberror.h>
#include <models/records.h>
#include <models/tenantscope.h>

#include <QHash>
#include <QList>

namespace Callvia::Models {

class Clock;
class Database;

// Campaigns and their statistics. Statistics are computed from leads by one grouped query
// over the (campaign_id, status) index instead of trigger-maintained counters: they cannot
// drift, bulk imports pay no per-row trigger, and the benchmark bench_campaignstats measures
// the query on 1,000,000 leads (README, "Campaign statistics").
class CampaignRepository final
{
public:
    CampaignRepository(Database &database, const Clock &clock, TenantScope scope);

    // clientId 0 = every client the scope allows.
    DbResult<QList<CampaignRecord>> list(qint64 clientId = 0, bool includeArchived = false) const;
    DbResult<CampaignRecord> find(qint64 id) const;
    DbResult<qint64> insert(const CampaignRecord &record) const;
    DbError update(const CampaignRecord &record) const;
    DbError setStatus(qint64 id, const QString &status) const;

    DbResult<QHash<qint64, CampaignStats>> stats(qint64 clientId = 0) const;
    DbResult<CampaignStats> statsFor(qint64 campaignId) const;

private:
    Database &m_database;
    const Clock &m_clock;
    TenantScope m_scope;
};

} // namespace Callvia::Models
