#include "billingactions.h"

#include <models/repositories/billingrepository.h>
#include <models/database.h>
#include <models/repositories/outboxrepository.h>
#include <services/auth/auditlog.h>
#include <services/auth/session.h>
#include <services/management/writeguard.h>

#include <QJsonObject>

namespace Callvia::Services {

using Models::DbError;

BillingActions::BillingActions(Models::Database &database, const Models::Clock &clock)
    : m_database(database), m_clock(clock), m_audit(std::make_unique<AuditLog>(database, clock))
{
}

BillingActions::~BillingActions() = default;

DbError BillingActions::retryInvoice(const Session &actor, qint64 invoiceId) const
{
    const QString action = QStringLiteral("invoice.retry");
    if (!actor.canManageOutbox())
        return WriteGuard::refuse(*m_audit, actor, action, QStringLiteral("invoice"), invoiceId, 0,
                                  QStringLiteral("retry invoices"));
    const Models::WriteGate gate(m_database);
    Models::Transaction transaction(m_database, Models::Transaction::Mode::Immediate);
    if (!transaction.isActive())
        return transaction.beginError();
    Models::InvoiceFilter filter;
    filter.invoiceId = invoiceId;
    const auto found = Models::BillingRepository(m_database, m_clock, actor.scope()).listInvoices(filter);
    if (!found.ok())
        return found.error();
    if (found.value().isEmpty())
        return { DbError::NotFound, QStringLiteral("no invoice %1").arg(invoiceId) };
    const Models::InvoiceOverview &invoice = found.value().first();
    if (invoice.stepOutboxStatus != QLatin1String("failed") || invoice.stepOutboxId == 0)
        return { DbError::Invalid,
                 QStringLiteral("invoice %1 has no failed Stripe step to retry (step %2, request %3)")
                         .arg(invoiceId)
                         .arg(invoice.stripeStep.isEmpty() ? QStringLiteral("none") : invoice.stripeStep,
                              invoice.stepOutboxStatus.isEmpty() ? QStringLiteral("none") : invoice.stepOutboxStatus) };
    if (const DbError error = Models::OutboxRepository(m_database, m_clock, actor.scope()).retry(invoice.stepOutboxId))
        return error;
    if (const DbError error = m_audit->record(
                &actor, action, QStringLiteral("invoice"), QString::number(invoiceId),
                { { QStringLiteral("stripe_step"), invoice.stripeStep },
                  { QStringLiteral("outbox_id"), invoice.stepOutboxId },
                  { QStringLiteral("outbox_status"), invoice.stepOutboxStatus },
                  { QStringLiteral("last_error"),
                    invoice.invoice.lastError.isEmpty() ? invoice.stepOutboxError : invoice.invoice.lastError } },
                { { QStringLiteral("outbox_status"), QStringLiteral("pending") } }, invoice.invoice.clientId))
        return error;
    return transaction.commit();
}

DbError BillingActions::clearMilestoneFlag(const Session &actor, qint64 milestoneId, const QString &note) const
{
    const QString action = QStringLiteral("milestone.flag_cleared");
    if (!actor.canEditBilling())
        return WriteGuard::refuse(*m_audit, actor, action, QStringLiteral("milestone"), milestoneId, 0,
                                  QStringLiteral("clear billing flags"));
    if (note.trimmed().isEmpty())
        return { DbError::Invalid, QStringLiteral("a note is required (e.g. the credit note's number)") };
    const Models::WriteGate gate(m_database);
    Models::Transaction transaction(m_database, Models::Transaction::Mode::Immediate);
    if (!transaction.isActive())
        return transaction.beginError();
    const Models::BillingRepository billing(m_database, m_clock, actor.scope());
    const auto milestones = billing.listMilestones();
    if (!milestones.ok())
        return milestones.error();
    const Models::MilestoneOverview *milestone = nullptr;
    for (const Models::MilestoneOverview &m : milestones.value())
        milestone = m.milestone.id == milestoneId ? &m : milestone;
    if (!milestone)
        return { DbError::NotFound, QStringLiteral("no milestone %1").arg(milestoneId) };
    const auto cleared = billing.clearMilestoneFlag(milestoneId);
    if (!cleared.ok())
        return cleared.error();
    if (!cleared.value())
        return { DbError::Invalid, QStringLiteral("milestone %1 has no flag to clear").arg(milestoneId) };
    if (const DbError error = m_audit->record(
                &actor, action, QStringLiteral("milestone"), QString::number(milestoneId),
                { { QStringLiteral("flag"), milestone->flag }, { QStringLiteral("flag_reason"), milestone->flagReason } },
                { { QStringLiteral("flag"), QJsonValue() }, { QStringLiteral("note"), note.trimmed() } },
                milestone->milestone.clientId))
        return error;
    return transaction.commit();
}

} // namespace Callvia::Services
