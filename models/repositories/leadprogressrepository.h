#pragma once

#include <models/dberror.h>
#include <models/tenantscope.h>

#include <QString>

namespace Callvia::Models {

class Clock;
class Database;

// Moves leads forward through their pipeline for events that arrive in any order: a status
// only ever replaces one of lower precedence (see statusRank), so a late `contacted` never
// undoes `booked`. Manual edits go through LeadRepository::setStatus instead.
class LeadProgressRepository final
{
public:
    LeadProgressRepository(Database &database, const Clock &clock, TenantScope scope);

    // new 0 < contacted 1 < callback 2 < not_interested 3 < no_show 4 < booked 5 < shown 6 < dnc 7; -1 unknown.
    static int statusRank(const QString &status);

    // Sets `status` (and callback_at when given) only if it outranks the lead's current status.
    // Returns whether the lead changed.
    DbResult<bool> advanceStatus(qint64 leadId, const QString &status, qint64 callbackAt = 0) const;
    // Every lead with this E.164 number becomes `dnc` (an opt-out by SMS reply).
    DbResult<int> markDoNotContactByPhone(const QString &phoneE164) const;
    // last_contacted_at = max(current, atMs).
    DbError noteContacted(qint64 leadId, qint64 atMs) const;

private:
    Database &m_database;
    const Clock &m_clock;
    TenantScope m_scope;
};

} // namespace Callvia::Models
