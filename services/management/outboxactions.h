#pragma once

#include <models/dberror.h>

#include <memory>

namespace Callvia::Models {
class Clock;
class Database;
}

namespace Callvia::Services {

class AuditLog;
class Session;

// Retry and cancel of a failed outbox row (the Admin console's Outbox): administrators only,
// in the session's tenant scope, audited in the same transaction as the change. Owns its AuditLog.
class OutboxActions final
{
    Q_DISABLE_COPY_MOVE(OutboxActions)
public:
    OutboxActions(Models::Database &database, const Models::Clock &clock);
    ~OutboxActions();

    // failed -> pending, attempts from zero.
    Models::DbError retry(const Session &actor, qint64 outboxId) const;
    // failed -> cancelled: never sent.
    Models::DbError cancel(const Session &actor, qint64 outboxId) const;

private:
    Models::DbError change(const Session &actor, qint64 outboxId, const QString &action) const;

    Models::Database &m_database;
    const Models::Clock &m_clock;
    std::unique_ptr<AuditLog> m_audit;
};

} // namespace Callvia::Services
