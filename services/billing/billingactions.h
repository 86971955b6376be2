#pragma once

#include <models/dberror.h>

#include <QString>

#include <memory>

namespace Callvia::Models {
class Clock;
class Database;
}

namespace Callvia::Services {

class AuditLog;
class Session;

// The Billing view's two writes, checked and audited in the same transaction as the change:
// retrying a failed invoice (its Stripe step's failed outbox row goes back to pending, so the
// chain continues; admins only, as in the Outbox console) and clearing a milestone's "credit
// note needed" flag with a required note (Session::canEditBilling). Refusals are audited as
// permission.denied (WriteGuard). Owns its AuditLog; keeps no state between calls.
class BillingActions final
{
    Q_DISABLE_COPY_MOVE(BillingActions)
public:
    BillingActions(Models::Database &database, const Models::Clock &clock);
    ~BillingActions();

    // Audited as "invoice.retry" (invoice id, outbox row, Stripe step, the error retried).
    Models::DbError retryInvoice(const Session &actor, qint64 invoiceId) const;
    // Audited as "milestone.flag_cleared" with the flag's reason and the admin's note.
    Models::DbError clearMilestoneFlag(const Session &actor, qint64 milestoneId, const QString &note) const;

private:
    Models::Database &m_database;
    const Models::Clock &m_clock;
    std::unique_ptr<AuditLog> m_audit;
};

} // namespace Callvia::Services
