#pragma once

#include <models/dberror.h>
#include <models/records.h>
#include <models/tenantscope.h>

#include <QList>

namespace Callvia::Models {

class Clock;
class Database;

// Clients of the agency. A client scope sees only its own client row and cannot create others.
class ClientRepository final
{
public:
    ClientRepository(Database &database, const Clock &clock, TenantScope scope);

    DbResult<QList<ClientRecord>> list(bool includeArchived = false) const;
    // The show verdict comes this many minutes after an appointment's end (clients column
    // verification_delay_minutes, 2880 unless set when the client was created).
    DbError setVerificationDelay(qint64 clientId, int minutes) const;
    DbResult<int> verificationDelay(qint64 clientId) const;
    DbResult<ClientRecord> find(qint64 id) const;
    DbResult<qint64> insert(ClientRecord record) const;
    DbError update(const ClientRecord &record) const;
    DbError setStatus(qint64 id, const QString &status) const;

private:
    Database &m_database;
    const Clock &m_clock;
    TenantScope m_scope;
};

} // namespace Callvia::Models
