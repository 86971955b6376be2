#pragma once

#include <models/dberror.h>
#include <models/records.h>
#include <models/tenantscope.h>

#include <QList>

namespace Callvia::Models {

class Clock;
class Database;

// Milestones (every N shown appointments a client is billed a fixed amount). The billing
// service inserts and invoices them; the Stripe webhook marks them paid with their invoice.
class MilestoneRepository final
{
public:
    MilestoneRepository(Database &database, const Clock &clock, TenantScope scope);

    DbResult<qint64> insert(const MilestoneRecord &record) const;
    DbResult<MilestoneRecord> find(qint64 id) const;
    DbResult<QList<MilestoneRecord>> listForClient(qint64 clientId) const;
    // reached | invoiced -> paid for the milestone(s) billed on this invoice; returns rows changed.
    DbResult<int> markPaidByInvoice(qint64 invoiceId) const;

private:
    DbResult<QList<MilestoneRecord>> select(const QString &where, const QVariantList &binds) const;

    Database &m_database;
    const Clock &m_clock;
    TenantScope m_scope;
};

} // namespace Callvia::Models
