#pragma once

#include <models/dberror.h>
#include <models/records.h>
#include <models/tenantscope.h>

#include <QList>

namespace Callvia::Models {

class Clock;
class Database;

// Billable call minutes: at most one usage record per call (call_log_id UNIQUE), written when
// a call's duration is known and its client is. The cost rule is costCents() below.
class UsageRepository final
{
public:
    UsageRepository(Database &database, const Clock &clock, TenantScope scope);

    // Billed seconds: every started second counts, ceil(durationMs / 1000); negative = 0.
    static qint64 billedSeconds(qint64 durationMs);
    // Cost in integer cents: ceil(seconds * rate / 60), i.e. per started second, rounded up to a cent.
    static qint64 costCents(qint64 seconds, qint64 rateCentsPerMinute);

    // Inserts unless the call already has a record. Returns whether a row was written.
    DbResult<bool> recordForCall(const UsageRecord &record) const;
    DbResult<UsageRecord> findByCallLog(qint64 callLogId) const;
    // clientId 0 = every client the scope allows; [fromMs, toMs) on occurred_at.
    DbResult<QList<UsageRecord>> list(qint64 clientId, qint64 fromMs, qint64 toMs) const;

private:
    Database &m_database;
    const Clock &m_clock;
    TenantScope m_scope;
};

} // namespace Callvia::Models
