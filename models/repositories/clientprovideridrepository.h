#pragma once

#include <models/dberror.h>
#include <models/tenantscope.h>

#include <QList>
#include <QString>

namespace Callvia::Models {

class Clock;
class Database;

// One id a provider vouches for, mapped to the client it belongs to: provider "retell"
// (kind agent_id | number), "calcom" (event_type_id | organizer), "messagebird" (number).
// Values are stored as given: callers normalize them first (Services::ClientAttribution).
struct ClientProviderId
{
    qint64 clientId = 0;
    QString provider;
    QString kind;
    QString value;

    bool operator==(const ClientProviderId &other) const
    {
        return clientId == other.clientId && provider == other.provider && kind == other.kind && value == other.value;
    }
};

// All SQL on `client_provider_ids`: the mappings a client's settings edit and the webhook
// handlers read to find an event's client before any lead is matched. A value belongs to one
// client at most (UNIQUE (provider, kind, value)).
class ClientProviderIdRepository final
{
public:
    ClientProviderIdRepository(Database &database, const Clock &clock, TenantScope scope);

    // The client's mappings, ordered by provider, kind, value.
    DbResult<QList<ClientProviderId>> forClient(qint64 clientId) const;
    // Replaces all of the client's mappings in one transaction. A value already mapped to
    // another client fails with DbError::Constraint naming it, and nothing changes.
    DbError replaceForClient(qint64 clientId, const QList<ClientProviderId> &ids) const;
    // Adds one mapping inside the caller's transaction (demo data); Constraint when the value
    // belongs to another client, nothing when it is already this client's.
    DbError add(const ClientProviderId &id) const;
    // The client a value maps to, 0 when none.
    DbResult<qint64> clientFor(const QString &provider, const QString &kind, const QString &value) const;

private:
    DbError replaceRows(qint64 clientId, const QList<ClientProviderId> &ids) const;

    Database &m_database;
    const Clock &m_clock;
    TenantScope m_scope;
};

} // namespace Callvia::Models
