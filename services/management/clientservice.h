#pragma once

#include <models/repositories/clientprovideridrepository.h>
#include <models/dberror.h>
#include <models/records.h>

#include <QList>
#include <QStringList>

#include <memory>

namespace Callvia::Models {
class Clock;
class Database;
}

namespace Callvia::Services {

class AuditLog;
class Session;

// The one door for changing clients (the Clients view, and anything else that edits them): checks
// the acting session's role, applies the change in the session's tenant scope and writes the audit
// entry in the same transaction. Admin: everything. Staff: clients but not their billing terms
// (rate, currency, milestones, Stripe customer id). Client users: nothing. Owns its AuditLog.
class ClientService final
{
    Q_DISABLE_COPY_MOVE(ClientService)
public:
    ClientService(Models::Database &database, const Models::Clock &clock);
    ~ClientService();

    // The agency's default terms for a new client (milestone size and amount, per-minute rate,
    // verification wait): what staff must keep, as the settings dialog sets them.
    void setNewClientDefaults(const Models::ClientRecord &defaults, int verificationDelayMinutes = 2880)
    {
        m_defaults = defaults;
        m_verificationDelayMinutes = verificationDelayMinutes;
    }
    const Models::ClientRecord &newClientDefaults() const { return m_defaults; }

    // providerIds null = leave the client's provider id mappings as they are.
    Models::DbResult<qint64> create(const Session &actor, Models::ClientRecord record,
        const QList<Models::ClientProviderId> *providerIds = nullptr) const;
    Models::DbError update(const Session &actor, const Models::ClientRecord &record,
        const QList<Models::ClientProviderId> *providerIds = nullptr) const;
    Models::DbError setArchived(const Session &actor, qint64 clientId, bool archived) const;

    // The billing fields whose values differ ("per-minute rate", "Stripe customer id", ...).
    static QStringList billingChanges(const Models::ClientRecord &before, const Models::ClientRecord &after);

private:
    Models::DbError writeProviderIds(const Session &actor, qint64 clientId,
        const QList<Models::ClientProviderId> &providerIds) const;

    Models::Database &m_database;
    const Models::Clock &m_clock;
    std::unique_ptr<AuditLog> m_audit;
    Models::ClientRecord m_defaults;
    int m_verificationDelayMinutes = 2880;
};

} // namespace Callvia::Services
