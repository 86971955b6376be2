#include "outboxactions.h"

#include "writeguard.h"

#include <models/database.h>
#include <models/repositories/outboxrepository.h>
#include <services/auth/auditlog.h>
#include <services/auth/session.h>

#include <QJsonObject>

namespace Callvia::Services {

using Models::DbError;

OutboxActions::OutboxActions(Models::Database &database, const Models::Clock &clock)
    : m_database(database)
    , m_clock(clock)
    , m_audit(std::make_unique<AuditLog>(database, clock))
{
}

OutboxActions::~OutboxActions() = default;

DbError OutboxActions::retry(const Session &actor, qint64 outboxId) const
{
    return change(actor, outboxId, QStringLiteral("retry"));
}

DbError OutboxActions::cancel(const Session &actor, qint64 outboxId) const
{
    return change(actor, outboxId, QStringLiteral("cancel"));
}

DbError OutboxActions::change(const Session &actor, qint64 outboxId, const QString &action) const
{
    const QString audited = QStringLiteral("outbox.") + action;
    if (!actor.canManageOutbox())
        return WriteGuard::refuse(*m_audit, actor, audited, QStringLiteral("outbox"), outboxId, 0,
            action + QStringLiteral(" outbox rows"));
    Models::Transaction transaction(m_database, Models::Transaction::Mode::Immediate);
    if (!transaction.isActive())
        return transaction.beginError();
    const Models::OutboxRepository outbox(m_database, m_clock, actor.scope());
    const Models::DbResult<Models::OutboxRecord> before = outbox.find(outboxId);
    if (!before.ok())
        return before.error();
    if (before.value().status != QLatin1String("failed"))
        return { DbError::Invalid,
            QStringLiteral("only a failed row can be retried or cancelled here (row %1 is %2)")
                .arg(outboxId)
                .arg(before.value().status) };
    if (const DbError error = action == QLatin1String("retry") ? outbox.retry(outboxId) : outbox.cancel(outboxId))
        return error;
    const QString after = action == QLatin1String("retry") ? QStringLiteral("pending") : QStringLiteral("cancelled");
    if (const DbError error = m_audit->record(&actor, audited, QStringLiteral("outbox"), QString::number(outboxId),
            { { QStringLiteral("status"), before.value().status }, { QStringLiteral("attempts"), before.value().attempts },
                { QStringLiteral("last_error"), before.value().lastError } },
            { { QStringLiteral("status"), after } }, before.value().clientId))
        return error;
    return transaction.commit();
}

} // namespace Callvia::Services
