#pragma once

#include <models/dberror.h>
#include <models/records.h>
#include <models/tenantscope.h>

namespace Callvia::Models {

class Clock;
class Database;

// Local invoices mirrored from Stripe. Status changes from webhooks go through
// applyProviderStatus(), which only moves forward: draft < open < uncollectible < paid | void,
// so a late `invoice.finalized` after `invoice.paid` leaves the invoice paid.
class InvoiceRepository final
{
public:
    InvoiceRepository(Database &database, const Clock &clock, TenantScope scope);

    // draft 0, open 1, uncollectible 2, paid 3, void 3; -1 unknown. Stripe lets an uncollectible
    // invoice still be paid or voided, hence uncollectible below paid and void.
    static int statusRank(const QString &status);

    // What one provider event says about an invoice; empty / 0 = not said.
    struct StatusUpdate
    {
        QString status;
        QString stripeInvoiceId;
        QString number;
        QString hostedUrl;
        qint64 sentAt = 0;
        qint64 paidAt = 0;
        QString error;
    };

    DbResult<qint64> insert(const InvoiceRecord &record) const;
    DbResult<InvoiceRecord> find(qint64 id) const;
    DbResult<InvoiceRecord> findByStripeId(const QString &stripeInvoiceId) const;
    // Returns whether the status changed; the other fields fill in when empty.
    DbResult<bool> applyProviderStatus(qint64 id, const StatusUpdate &update) const;

private:
    DbResult<InvoiceRecord> findWhere(const QString &where, const QVariant &bind) const;

    Database &m_database;
    const Clock &m_clock;
    TenantScope m_scope;
};

} // namespace Callvia::Models
