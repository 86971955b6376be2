#pragma once

#include <models/dberror.h>
#include <models/records.h>
#include <models/tenantscope.h>

#include <QList>
#include <QString>

namespace Callvia::Models {

class Clock;
class Database;

// What the billing passes read of a client (locked FOR UPDATE on PostgreSQL by lockClient).
struct BillingClient
{
    qint64 id = 0;
    QString name;
    QString contactEmail; // the billing e-mail for Stripe's customer
    QString phone;
    QString stripeCustomerId;
    QString timeZone = QStringLiteral("UTC");
    qint64 perMinuteRateCents = 20;
    QString currency = QStringLiteral("usd");
    int milestoneSize = 25;
    qint64 milestoneAmountCents = 200000;
};

// An invoice whose Stripe chain can move: its awaited outbox row was sent or failed, or it was
// held / waiting for a customer the client now has.
struct InvoiceStepRow
{
    qint64 invoiceId = 0;
    qint64 clientId = 0;
    QString kind;
    QString billingRef;
    QString step;
    QString stripeKey;
    qint64 amountCents = 0;
    QString currency;
    QString description;
    QString stripeInvoiceId;
    qint64 milestoneId = 0;
    int milestoneSequence = 0;
    QString outboxStatus; // empty: no outbox row awaited (held)
    QString providerRef;
    QString outboxError;
    int httpStatus = 0;
};

// One rate's share of a client's unbilled usage in a period.
struct UsageLine
{
    qint64 rateCentsPerMinute = 0;
    qint64 calls = 0;
    qint64 seconds = 0;
};

// Read API for a Billing view: an invoice with where its Stripe chain stands and the error of the
// step being waited for (the outbox row's, e.g. "waiting: Stripe HTTP 503" while retried).
struct InvoiceOverview
{
    InvoiceRecord invoice;
    QString billingRef;
    QString stripeStep; // held | customer | invoice | item | finalize | send | done; empty = not via Stripe
    QString holdReason;
    qint64 usageCalls = 0;
    qint64 usageSeconds = 0;
    qint64 milestoneId = 0;
    int milestoneSequence = 0;
    QString stepOutboxStatus; // pending | in_flight | sent | failed | unknown | cancelled
    QString stepOutboxError;
    int stepHttpStatus = 0;
    qint64 stepOutboxId = 0; // the awaited step's outbox row (an admin retries it when failed)
};

// Which invoices a Billing view lists. status: an invoice status (draft, open, paid, void,
// uncollectible), "failed" (its Stripe step's outbox row failed, or an error is recorded on an
// invoice not paid or void) or "held"; empty = any. [fromMs, toMs) on created_at when toMs > 0.
struct InvoiceFilter
{
    qint64 clientId = 0; // 0 = every client the scope allows
    qint64 invoiceId = 0; // 0 = any
    QString status;
    qint64 fromMs = 0;
    qint64 toMs = 0;
    int limit = 500;
};

// A milestone with its admin flag and how many of its appointments are still shown.
struct MilestoneOverview
{
    MilestoneRecord milestone;
    QString flag; // credit_note_needed or empty
    QString flagReason;
    qint64 flaggedAt = 0;
    QString paymentError;
    int showsStillShown = 0;
    QString invoiceStatus;
    QString stripeStep;
};

// A milestone whose linked appointments still shown fell below what it billed.
struct MilestoneShortfall
{
    qint64 milestoneId = 0;
    qint64 clientId = 0;
    int sequence = 0;
    int showsRequired = 0;
    int stillShown = 0;
};

// All SQL of milestone and usage billing (services/billing/): counting and linking shown
// appointments, milestone flags, usage totals per client-month, and the Stripe step of each
// invoice (invoices.stripe_step / stripe_key, migration 013). Reads apply the scope; the passes
// run with the agency scope.
class BillingRepository final
{
public:
    BillingRepository(Database &database, const Clock &clock, TenantScope scope);

    // --- clients ---
    // The client's billing settings; on PostgreSQL the row is locked (FOR UPDATE) until the
    // transaction ends, so two instances bill one client one after the other.
    DbResult<BillingClient> lockClient(qint64 clientId) const;
    DbResult<BillingClient> client(qint64 clientId) const;
    // Sets the Stripe customer id unless the client has one; returns the id now stored. Invalid
    // when another client already has that id.
    DbResult<QString> adoptStripeCustomer(qint64 clientId, const QString &customerId) const;

    // --- milestones ---
    // Clients whose shown appointments not yet in a milestone reach their milestone size.
    DbResult<QList<qint64>> clientsWithDueMilestone(int limit) const;
    // Shown appointments of the client not yet in a milestone (toward the next one); scoped.
    DbResult<qint64> unlinkedShows(qint64 clientId) const;
    DbResult<int> nextMilestoneSequence(qint64 clientId) const;
    // Links the client's `count` earliest (by end) unlinked shown appointments to the milestone.
    DbResult<int> linkShows(qint64 clientId, qint64 milestoneId, int count) const;
    DbError setMilestoneInvoice(qint64 milestoneId, qint64 invoiceId) const;
    // Unflagged, not void milestones with an invoice whose linked shown appointments fell below
    // shows_required (a verdict corrected to no-show after invoicing).
    DbResult<QList<MilestoneShortfall>> milestonesShortOfShows(int limit) const;
    // Sets the flag unless one is set; returns whether it was set now.
    DbResult<bool> flagMilestone(qint64 milestoneId, const QString &flag, const QString &reason) const;
    // An admin has dealt with the flag (credit note issued).
    DbResult<bool> clearMilestoneFlag(qint64 milestoneId) const;
    // Webhook outcomes of a milestone's invoice: status reached|invoiced -> invoiced / paid / void
    // (never backwards from paid or void), payment_error for invoice.payment_failed.
    DbResult<int> setMilestoneStatusByInvoice(qint64 invoiceId, const QString &status) const;
    DbResult<int> setMilestonePaymentError(qint64 invoiceId, const QString &error) const;

    // --- invoices and their Stripe chain ---
    DbError setInvoiceBilling(qint64 invoiceId, const QString &billingRef, qint64 usageCalls, qint64 usageSeconds) const;
    // Moves the invoice from `fromStep` (empty: a new invoice) to `toStep` waiting on `stripeKey`
    // (empty for held/done), clearing last_error. False when another pass moved it first.
    DbResult<bool> moveStep(qint64 invoiceId, const QString &fromStep, const QString &toStep, const QString &stripeKey,
                            const QString &holdReason = {}) const;
    DbError setStripeInvoice(qint64 invoiceId, const QString &stripeInvoiceId) const;
    // draft -> open (finalized) and sent_at when sent; never backwards (a webhook may be first).
    DbError markInvoiceOpen(qint64 invoiceId, qint64 sentAt) const;
    // The failed step's error on the invoice (shown to an admin); the step stays.
    DbError recordStepError(qint64 invoiceId, const QString &error) const;
    DbResult<QList<InvoiceStepRow>> invoicesReadyToAdvance(int limit) const;

    // --- usage ---
    // Per client with unbilled usage outside any invoiced period: its time zone and the earliest
    // such record's time. Records arriving for an already invoiced month stay unbilled (listed by
    // lateUsage) instead of changing an issued invoice.
    struct UnbilledClient
    {
        qint64 clientId = 0;
        QString timeZone;
        qint64 earliestMs = 0;
    };
    DbResult<QList<UnbilledClient>> clientsWithUnbilledUsage() const;
    DbResult<QList<UsageLine>> unbilledUsage(qint64 clientId, qint64 fromMs, qint64 toMs) const;
    // A usage invoice of the client starting at periodStart, or any invoice with that billing_ref.
    DbResult<bool> usageInvoiceExists(qint64 clientId, qint64 periodStart, const QString &billingRef) const;
    DbResult<int> linkUsage(qint64 clientId, qint64 fromMs, qint64 toMs, qint64 invoiceId) const;

    // --- read API for a Billing view (scoped) ---
    DbResult<QList<InvoiceOverview>> listInvoices(qint64 clientId = 0, int limit = 500) const;
    DbResult<QList<InvoiceOverview>> listInvoices(const InvoiceFilter &filter) const;
    // All of the client's usage in [fromMs, toMs) per rate, billed or not (the month so far).
    DbResult<QList<UsageLine>> usageByRate(qint64 clientId, qint64 fromMs, qint64 toMs) const;
    DbResult<QList<MilestoneOverview>> listMilestones(qint64 clientId = 0) const;

private:
    DbResult<BillingClient> readClient(qint64 clientId, bool lock) const;

    Database &m_database;
    const Clock &m_clock;
    TenantScope m_scope;
};

} // namespace Callvia::Models
