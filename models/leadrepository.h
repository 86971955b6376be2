#pragma once

#include "dberror.h"
#include "records.h"
#include "tenantscope.h"

#include <QList>

namespace Callvia::Models {

class Clock;
class Database;

// Filter and page for the leads table view; sorted and filtered in indexed SQL.
struct LeadQuery
{
    qint64 clientId = 0; // 0 = any the scope allows
    qint64 campaignId = 0;
    QString status; // empty = any
    QString search; // prefix of name, phone or email
    int offset = 0;
    int limit = 200;
};

// Leads. Lookups by E.164 phone and e-mail are per client (unique indexes back them).
class LeadRepository final
{
public:
    LeadRepository(Database &database, const Clock &clock, TenantScope scope);

    DbResult<qint64> insert(const LeadRecord &record) const;
    DbError update(const LeadRecord &record) const;
    DbResult<LeadRecord> find(qint64 id) const;
    // clientId 0 = any client (newest lead first).
    DbResult<QList<LeadRecord>> findByPhone(const QString &phoneE164, qint64 clientId = 0) const;
    DbResult<QList<LeadRecord>> findByEmail(const QString &email, qint64 clientId = 0) const;
    DbError setStatus(qint64 id, const QString &status, qint64 callbackAt = 0) const;
    DbResult<QList<LeadRecord>> page(const LeadQuery &query) const;
    DbResult<qint64> count(const LeadQuery &query) const;

private:
    QString whereClause(const LeadQuery &query, QVariantList &binds) const;

    Database &m_database;
    const Clock &m_clock;
    TenantScope m_scope;
};

} // namespace Callvia::Models
