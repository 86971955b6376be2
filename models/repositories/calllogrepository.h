#pragma once

#include <models/dberror.h>
#include <models/records.h>
#include <models/tenantscope.h>

#include <QList>

namespace Callvia::Models {

class Clock;
class Database;

// Call logs, one row per Retell call (retell_call_id UNIQUE). Webhook events merge into the
// row with upsert(): a field an event does not carry (empty / 0 / -1 in the record) never
// erases what an earlier event stored, so the three call events may arrive in any order.
class CallLogRepository final
{
public:
    CallLogRepository(Database &database, const Clock &clock, TenantScope scope);

    // Inserts or merges by retell_call_id; client, lead and campaign, once set, are kept.
    DbResult<qint64> upsert(const CallLogRecord &record) const;
    DbResult<CallLogRecord> find(qint64 id) const;
    DbResult<CallLogRecord> findByRetellId(const QString &retellCallId) const;
    // Calls no lead matched (lead_id NULL; client_id too when no client was attributed); visible
    // to the agency scope only.
    DbResult<QList<CallLogRecord>> listUnmatched() const;
    // A lead's calls, newest first (index call_logs_lead_id), for the lead detail.
    DbResult<QList<CallLogRecord>> listForLead(qint64 leadId, int limit = 200) const;

private:
    DbResult<CallLogRecord> findWhere(const QString &where, const QVariant &bind) const;

    Database &m_database;
    const Clock &m_clock;
    TenantScope m_scope;
};

} // namespace Callvia::Models
