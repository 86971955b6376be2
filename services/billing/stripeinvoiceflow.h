#pragma once

#include <models/dberror.h>

#include <QHash>
#include <QObject>
#include <QString>

namespace Callvia::Models {
class BillingRepository;
class Clock;
class Database;
struct BillingClient;
struct InvoiceStepRow;
} // namespace Callvia::Models

namespace Callvia::Services {

// Drives one invoice (milestone or usage) through its Stripe calls, each an outbox row written in
// the transaction that committed the previous step's answer:
//   customer (POST /v1/customers, once per client, key "customer:<client>", only when the client
//   has no Stripe customer id) -> invoice (draft, metadata client_id / invoice_id / milestone) ->
//   item (POST /v1/invoiceitems on that draft) -> finalize -> send -> done.
// The draft invoice is created before its item so the item is attached to it explicitly and can
// never be swept into another invoice as a pending item. Keys are "<billing_ref>:<step>" with
// billing_ref = "milestone:<client>:<sequence>" or "usage:<client>:<YYYY-MM>", so a crash at any
// point resends the same key and Stripe answers with the first result: no second invoice.
// A client with neither billing e-mail (contact_email) nor Stripe customer id: the invoice is
// held with the reason, and goes on by itself once the client has one. A step that failed (a 4xx
// such as 400/402 fails at once in the dispatcher, with Stripe's message) is written to the
// invoice's last_error and waits for an admin to retry the outbox row; nothing is resent blindly.
// runDue() is one transaction per step of one invoice. Owned by the composition root.
class StripeInvoiceFlow final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StripeInvoiceFlow)
public:
    static constexpr int daysUntilDue = 14;

    StripeInvoiceFlow(Models::Database &database, const Models::Clock &clock, QObject *parent = nullptr);

    // Inside the caller's transaction: the first step of a new invoice (or held, with the reason).
    // `row` describes the new invoice (step empty, billing_ref, amount, description, milestone).
    static Models::DbError start(Models::Database &database, const Models::Clock &clock,
                                 const Models::InvoiceStepRow &row, const Models::BillingClient &client);
    static QString holdReason(const Models::BillingClient &client);

    // UTC ms when an invoice can move (now) or 0.
    Models::DbResult<qint64> nextDueAt() const;
    // Moves every invoice that can move by one step each (one transaction each); true when a
    // full batch was seen, so more may be ready at once.
    Models::DbResult<bool> runDue(qint64 nowMs);

Q_SIGNALS:
    void outboxQueued(); // rows to send: wake the dispatcher

private:
    Models::DbResult<bool> advance(const Models::InvoiceStepRow &row, qint64 nowMs);
    static Models::DbResult<bool> enqueueStep(Models::Database &database, const Models::Clock &clock,
                                              const Models::InvoiceStepRow &row, const QString &step,
                                              const Models::BillingClient &client, const QString &stripeInvoiceId);

    Models::Database &m_database;
    const Models::Clock &m_clock;
    int m_batch = 200;
    // Invoices a pass found ready but could not move (e.g. a client whose e-mail SQL and C++ trim
    // differently): left alone until the time given, so the scheduler never spins on them.
    QHash<qint64, qint64> m_stuckUntil;
};

} // namespace Callvia::Services
