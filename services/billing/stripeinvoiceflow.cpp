#include "stripeinvoiceflow.h"

#include "../providers/stripe/stripeclient.h"

#include <models/repositories/billingrepository.h>
#include <models/clock.h>
#include <models/database.h>
#include <models/repositories/outboxrepository.h>

#include <QJsonObject>
#include <QSet>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcStripeFlow, "callvia.billing.stripe")

namespace Callvia::Services {

using namespace Models;

namespace {

QString stepLabel(const QString &step)
{
    if (step == QLatin1String("item"))
        return QStringLiteral("invoice item");
    if (step == QLatin1String("invoice"))
        return QStringLiteral("draft invoice");
    return step;
}

QJsonObject metadataOf(const InvoiceStepRow &row)
{
    QJsonObject metadata { { QStringLiteral("client_id"), QString::number(row.clientId) },
                           { QStringLiteral("invoice_id"), QString::number(row.invoiceId) },
                           { QStringLiteral("kind"), row.kind },
                           { QStringLiteral("billing_ref"), row.billingRef } };
    if (row.milestoneId > 0) {
        metadata.insert(QStringLiteral("milestone_id"), QString::number(row.milestoneId));
        metadata.insert(QStringLiteral("milestone_sequence"), QString::number(row.milestoneSequence));
    }
    return metadata;
}

QString keyFor(const InvoiceStepRow &row, const QString &step)
{
    return step == QLatin1String("customer") ? QStringLiteral("customer:%1").arg(row.clientId)
                                             : row.billingRef + QLatin1Char(':') + step;
}

} // namespace

StripeInvoiceFlow::StripeInvoiceFlow(Database &database, const Clock &clock, QObject *parent)
    : QObject(parent), m_database(database), m_clock(clock)
{
}

QString StripeInvoiceFlow::holdReason(const BillingClient &client)
{
    if (!client.stripeCustomerId.isEmpty() || !client.contactEmail.isEmpty())
        return {};
    return QStringLiteral("held: client \"%1\" has no billing e-mail and no Stripe customer id (set the client's "
                          "contact e-mail or Stripe customer id; the invoice then goes out by itself)")
            .arg(client.name);
}

DbResult<bool> StripeInvoiceFlow::enqueueStep(Database &database, const Clock &clock, const InvoiceStepRow &row,
                                              const QString &step, const BillingClient &client,
                                              const QString &stripeInvoiceId)
{
    // The guarded move first: when another instance moved the invoice, nothing is written here.
    const DbResult<bool> moved = BillingRepository(database, clock, TenantScope::agency())
                                         .moveStep(row.invoiceId, row.step, step, keyFor(row, step));
    if (!moved.ok() || !moved.value())
        return moved;
    QJsonObject payload;
    const QString description = row.description;
    if (step == QLatin1String("customer"))
        payload = StripeClient::customerPayload(client.contactEmail, client.name, client.phone,
                                                { { QStringLiteral("client_id"), QString::number(client.id) } });
    else if (step == QLatin1String("invoice"))
        payload = StripeClient::invoicePayload(client.stripeCustomerId, row.currency, daysUntilDue, description,
                                               metadataOf(row));
    else if (step == QLatin1String("item"))
        payload = StripeClient::invoiceItemPayload(client.stripeCustomerId, stripeInvoiceId, row.amountCents,
                                                   row.currency, description, metadataOf(row));
    else if (step == QLatin1String("finalize"))
        payload = StripeClient::finalizePayload(stripeInvoiceId);
    else
        payload = StripeClient::sendPayload(stripeInvoiceId);
    const DbResult<qint64> id = OutboxRepository(database, clock, TenantScope::agency())
                                        .enqueue({ QStringLiteral("stripe"), row.clientId, keyFor(row, step), payload,
                                                   clock.nowMs() });
    if (!id.ok())
        return id.error();
    return true;
}

DbError StripeInvoiceFlow::start(Database &database, const Clock &clock, const InvoiceStepRow &row,
                                 const BillingClient &client)
{
    const QString reason = holdReason(client);
    if (!reason.isEmpty()) {
        const DbResult<bool> moved = BillingRepository(database, clock, TenantScope::agency())
                                             .moveStep(row.invoiceId, row.step, QStringLiteral("held"), {}, reason);
        return moved.ok() ? DbError() : moved.error();
    }
    const DbResult<bool> queued =
            enqueueStep(database, clock, row,
                        client.stripeCustomerId.isEmpty() ? QStringLiteral("customer") : QStringLiteral("invoice"),
                        client, {});
    return queued.ok() ? DbError() : queued.error();
}

namespace {
constexpr qint64 stuckRetryMs = 10 * 60'000;
}

DbResult<qint64> StripeInvoiceFlow::nextDueAt() const
{
    const DbResult<QList<InvoiceStepRow>> rows =
            BillingRepository(m_database, m_clock, TenantScope::agency()).invoicesReadyToAdvance(m_batch);
    if (!rows.ok())
        return rows.error();
    const qint64 now = m_clock.nowMs();
    qint64 next = 0;
    for (const InvoiceStepRow &row : rows.value()) {
        const qint64 until = m_stuckUntil.value(row.invoiceId, 0);
        if (until <= now)
            return now;
        next = next == 0 ? until : std::min(next, until);
    }
    return next;
}

DbResult<bool> StripeInvoiceFlow::runDue(qint64 nowMs)
{
    BillingRepository billing(m_database, m_clock, TenantScope::agency());
    const DbResult<QList<InvoiceStepRow>> rows = billing.invoicesReadyToAdvance(m_batch);
    if (!rows.ok())
        return rows.error();
    int queued = 0;
    QSet<qint64> tried;
    for (const InvoiceStepRow &row : rows.value()) {
        if (m_stuckUntil.value(row.invoiceId, 0) > nowMs)
            continue;
        m_stuckUntil.remove(row.invoiceId);
        const DbResult<bool> moved = advance(row, nowMs);
        if (!moved.ok())
            return moved.error();
        queued += moved.value() ? 1 : 0;
        tried.insert(row.invoiceId);
    }
    // Whatever is still ready after its turn could not move: look again later, not at once.
    const DbResult<QList<InvoiceStepRow>> after = billing.invoicesReadyToAdvance(m_batch);
    if (!after.ok())
        return after.error();
    for (const InvoiceStepRow &row : after.value()) {
        if (tried.contains(row.invoiceId)) {
            qCWarning(lcStripeFlow, "invoice %lld (step %s) could not move; looking again in 10 minutes", row.invoiceId,
                      qPrintable(row.step));
            m_stuckUntil.insert(row.invoiceId, nowMs + stuckRetryMs);
        }
    }
    if (queued > 0)
        Q_EMIT outboxQueued();
    return rows.value().size() >= m_batch && !tried.isEmpty();
}

// One transaction: the step's answer is taken and the next step's outbox row written together.
DbResult<bool> StripeInvoiceFlow::advance(const InvoiceStepRow &row, qint64 nowMs)
{
    const WriteGate gate(m_database);
    Transaction transaction(m_database, Transaction::Mode::Immediate);
    if (transaction.beginError())
        return transaction.beginError();
    BillingRepository billing(m_database, m_clock, TenantScope::agency());
    DbResult<BillingClient> client = billing.lockClient(row.clientId);
    if (!client.ok())
        return client.error();
    BillingClient c = client.value();
    const bool customerKnown = row.step == QLatin1String("customer") && !c.stripeCustomerId.isEmpty();
    QString next;
    if (row.step == QLatin1String("held")) {
        if (!holdReason(c).isEmpty())
            return false;
        next = c.stripeCustomerId.isEmpty() ? QStringLiteral("customer") : QStringLiteral("invoice");
    } else if (!customerKnown && row.outboxStatus != QLatin1String("sent")) {
        // Failed or cancelled: Stripe's message on the invoice for an admin; never resent from here.
        const QString error = QStringLiteral("Stripe %1 failed: %2")
                                      .arg(stepLabel(row.step), row.outboxError.isEmpty() ? row.outboxStatus : row.outboxError);
        qCWarning(lcStripeFlow, "invoice %lld: %s", row.invoiceId, qPrintable(error));
        if (DbError e = billing.recordStepError(row.invoiceId, error))
            return e;
        if (DbError e = transaction.commit())
            return e;
        return false;
    } else if (row.step == QLatin1String("customer")) {
        if (c.stripeCustomerId.isEmpty()) {
            const DbResult<QString> adopted = billing.adoptStripeCustomer(row.clientId, row.providerRef);
            if (!adopted.ok() && adopted.error().kind() == DbError::Invalid) {
                // Shown to an admin; the step waits until the client's customer id is set by hand.
                if (DbError e = billing.recordStepError(row.invoiceId, QStringLiteral("Stripe customer: ")
                                                                              + adopted.error().message()))
                    return e;
                if (DbError e = transaction.commit())
                    return e;
                return false;
            }
            if (!adopted.ok())
                return adopted.error();
            c.stripeCustomerId = adopted.value();
        }
        next = QStringLiteral("invoice");
    } else if (row.step == QLatin1String("invoice")) {
        if (DbError e = billing.setStripeInvoice(row.invoiceId, row.providerRef))
            return e;
        next = QStringLiteral("item");
    } else if (row.step == QLatin1String("item")) {
        next = QStringLiteral("finalize");
    } else if (row.step == QLatin1String("finalize")) {
        if (DbError e = billing.markInvoiceOpen(row.invoiceId, 0))
            return e;
        next = QStringLiteral("send");
    } else { // send: Stripe has e-mailed the invoice
        if (DbError e = billing.markInvoiceOpen(row.invoiceId, nowMs))
            return e;
        const DbResult<bool> moved = billing.moveStep(row.invoiceId, row.step, QStringLiteral("done"), {});
        if (!moved.ok())
            return moved.error();
        const DbResult<int> milestone = billing.setMilestoneStatusByInvoice(row.invoiceId, QStringLiteral("invoiced"));
        if (!milestone.ok())
            return milestone.error();
        if (DbError e = transaction.commit())
            return e;
        return false;
    }
    const QString stripeInvoiceId = row.step == QLatin1String("invoice") ? row.providerRef : row.stripeInvoiceId;
    const DbResult<bool> queued = enqueueStep(m_database, m_clock, row, next, c, stripeInvoiceId);
    if (!queued.ok())
        return queued.error();
    if (!queued.value())
        return false; // another instance took this step first: roll back, its work stands
    if (DbError e = transaction.commit())
        return e;
    return true;
}

} // namespace Callvia::Services
