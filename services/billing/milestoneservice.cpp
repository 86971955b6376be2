#include "milestoneservice.h"

#include "stripeinvoiceflow.h"

#include <models/repositories/billingrepository.h>
#include <models/clock.h>
#include <models/database.h>
#include <models/repositories/invoicerepository.h>
#include <models/repositories/milestonerepository.h>
#include <services/auth/auditlog.h>

#include <QElapsedTimer>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcMilestones, "callvia.billing.milestones")

namespace Callvia::Services {

using namespace Models;

MilestoneService::MilestoneService(Database &database, const Clock &clock, QObject *parent)
    : QObject(parent), m_database(database), m_clock(clock)
{
}

DbResult<qint64> MilestoneService::nextDueAt() const
{
    BillingRepository billing(m_database, m_clock, TenantScope::agency());
    const DbResult<QList<qint64>> due = billing.clientsWithDueMilestone(1);
    if (!due.ok())
        return due.error();
    if (!due.value().isEmpty())
        return m_clock.nowMs();
    const DbResult<QList<MilestoneShortfall>> short_ = billing.milestonesShortOfShows(1);
    if (!short_.ok())
        return short_.error();
    return short_.value().isEmpty() ? 0 : m_clock.nowMs();
}

DbResult<bool> MilestoneService::runDue(qint64 nowMs)
{
    BillingRepository billing(m_database, m_clock, TenantScope::agency());
    const DbResult<QList<qint64>> clients = billing.clientsWithDueMilestone(m_clientBatch);
    if (!clients.ok())
        return clients.error();
    int created = 0;
    qsizetype next = 0; // the client looked at next
    while (next < clients.value().size() && created < m_milestoneBatch) {
        const WriteGate gate(m_database);
        Transaction transaction(m_database, Transaction::Mode::Immediate);
        if (transaction.beginError())
            return transaction.beginError();
        QElapsedTimer budget;
        budget.start();
        QList<QPair<qint64, int>> reached;
        DbError failure;
        while (next < clients.value().size() && created < m_milestoneBatch && reached.size() < m_groupSize) {
            const qint64 clientId = clients.value().at(next);
            Savepoint savepoint(m_database);
            if (savepoint.beginError()) {
                failure = savepoint.beginError();
                break;
            }
            const DbResult<int> made = createNext(clientId, nowMs);
            if (!made.ok()) {
                failure = made.error();
                qCWarning(lcMilestones, "client %lld: milestone not created: %s", clientId, qPrintable(failure.message()));
                if (DbError undo = savepoint.rollback())
                    return undo; // the transaction is not usable: nothing of this group is committed
                break;
            }
            if (DbError e = savepoint.release())
                return e;
            if (made.value() == 0) {
                ++next; // this client has nothing more due
                continue;
            }
            ++created;
            reached.append({ clientId, made.value() });
            if (budget.elapsed() >= m_groupBudgetMs || m_database.urgentWriterWaiting())
                break;
        }
        if (DbError e = transaction.commit())
            return e;
        m_created += int(reached.size());
        for (const auto &[clientId, sequence] : reached)
            Q_EMIT milestoneReached(clientId, sequence);
        if (failure)
            return failure;
    }
    const DbResult<QList<MilestoneShortfall>> shortfalls = billing.milestonesShortOfShows(m_clientBatch);
    if (!shortfalls.ok())
        return shortfalls.error();
    for (const MilestoneShortfall &s : shortfalls.value()) {
        const QString reason = QStringLiteral("credit note needed: %1 of the %2 shows billed by milestone %3 are still "
                                              "shown (a verdict was corrected after invoicing); the invoice was not "
                                              "changed")
                                       .arg(s.stillShown)
                                       .arg(s.showsRequired)
                                       .arg(s.sequence);
        const WriteGate gate(m_database);
        Transaction transaction(m_database, Transaction::Mode::Immediate);
        if (transaction.beginError())
            return transaction.beginError();
        const DbResult<bool> flagged = billing.flagMilestone(s.milestoneId, QStringLiteral("credit_note_needed"), reason);
        if (!flagged.ok())
            return flagged.error();
        // The flag is in the audit log with the counts behind it, in the same transaction.
        if (flagged.value())
            if (DbError e = AuditLog(m_database, m_clock)
                                    .record(nullptr, QStringLiteral("milestone.credit_note_needed"), QStringLiteral("milestone"),
                                            QString::number(s.milestoneId), {},
                                            { { QStringLiteral("flag"), QStringLiteral("credit_note_needed") },
                                              { QStringLiteral("reason"), reason },
                                              { QStringLiteral("sequence"), s.sequence },
                                              { QStringLiteral("shows_required"), s.showsRequired },
                                              { QStringLiteral("still_shown"), qint64(s.stillShown) } },
                                            s.clientId))
                return e;
        if (DbError e = transaction.commit())
            return e;
        if (flagged.value()) {
            qCWarning(lcMilestones, "client %lld milestone %d: %s", s.clientId, s.sequence, qPrintable(reason));
            Q_EMIT milestoneFlagged(s.milestoneId);
        }
    }
    if (created > 0) {
        qCInfo(lcMilestones, "%d milestone(s) reached and queued for invoicing", created);
        Q_EMIT outboxQueued();
    }
    return created >= m_milestoneBatch || clients.value().size() >= m_clientBatch
            || shortfalls.value().size() >= m_clientBatch;
}

DbResult<int> MilestoneService::createNext(qint64 clientId, qint64 nowMs)
{
    BillingRepository billing(m_database, m_clock, TenantScope::agency());
    const DbResult<BillingClient> client = billing.lockClient(clientId);
    if (!client.ok())
        return client.error();
    const BillingClient &c = client.value();
    const DbResult<qint64> shows = billing.unlinkedShows(clientId);
    if (!shows.ok())
        return shows.error();
    if (shows.value() < c.milestoneSize)
        return 0; // another instance made it, or a correction took a show back
    const DbResult<int> sequence = billing.nextMilestoneSequence(clientId);
    if (!sequence.ok())
        return sequence.error();
    MilestoneRecord milestone;
    milestone.clientId = clientId;
    milestone.sequence = sequence.value();
    milestone.showsRequired = c.milestoneSize;
    milestone.amountCents = c.milestoneAmountCents;
    milestone.currency = c.currency;
    milestone.reachedAt = nowMs;
    const DbResult<qint64> milestoneId = MilestoneRepository(m_database, m_clock, TenantScope::agency()).insert(milestone);
    if (!milestoneId.ok())
        return milestoneId.error();
    const DbResult<int> linked = billing.linkShows(clientId, milestoneId.value(), c.milestoneSize);
    if (!linked.ok())
        return linked.error();
    if (linked.value() != c.milestoneSize)
        return DbError(DbError::Other, QStringLiteral("milestone %1 of client %2: linked %3 of %4 shows")
                                               .arg(milestone.sequence).arg(clientId).arg(linked.value()).arg(c.milestoneSize));
    InvoiceRecord invoice;
    invoice.clientId = clientId;
    invoice.kind = QStringLiteral("milestone");
    invoice.amountCents = c.milestoneAmountCents;
    invoice.currency = c.currency;
    invoice.description = QStringLiteral("Milestone %1: %2 shown appointments").arg(milestone.sequence).arg(c.milestoneSize);
    const DbResult<qint64> invoiceId = InvoiceRepository(m_database, m_clock, TenantScope::agency()).insert(invoice);
    if (!invoiceId.ok())
        return invoiceId.error();
    if (DbError e = billing.setMilestoneInvoice(milestoneId.value(), invoiceId.value()))
        return e;
    const QString ref = QStringLiteral("milestone:%1:%2").arg(clientId).arg(milestone.sequence);
    if (DbError e = billing.setInvoiceBilling(invoiceId.value(), ref, 0, 0))
        return e;
    InvoiceStepRow row;
    row.invoiceId = invoiceId.value();
    row.clientId = clientId;
    row.kind = invoice.kind;
    row.billingRef = ref;
    row.amountCents = invoice.amountCents;
    row.currency = invoice.currency;
    row.description = invoice.description;
    row.milestoneId = milestoneId.value();
    row.milestoneSequence = milestone.sequence;
    if (DbError e = StripeInvoiceFlow::start(m_database, m_clock, row, c))
        return e;
    return milestone.sequence;
}

} // namespace Callvia::Services
