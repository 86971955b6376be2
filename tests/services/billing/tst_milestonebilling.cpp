// Milestone billing (issue 22, item 4) on SQLite and PostgreSQL, with the real outbox dispatcher
// and a fake Stripe that counts executions per idempotency key: milestones are created once
// each, every Stripe step goes out once even across crashes, a correction is flagged, a client
// without billing data is held, Stripe's 4xx is surfaced and not retried, and the webhooks move
// invoice and milestone together.
#include "billingharness.h"
#include "../webhooks/applyharness.h"

#include <models/repositories/invoicerepository.h>
#include <models/repositories/milestonerepository.h>
#include <services/webhooks/stripehandler.h>

#include <QSqlQuery>
#include <QtTest>

using namespace Callvia;
using namespace Callvia::Models;

class tst_MilestoneBilling : public QObject
{
    Q_OBJECT
private slots:
    void from24To51ShowsCreatesMilestones1And2Once_data() { Tests::TestDatabase::addBackendRows(); }
    void from24To51ShowsCreatesMilestones1And2Once();
    void changedSettingAppliesToMilestonesNotYetReached_data() { Tests::TestDatabase::addBackendRows(); }
    void changedSettingAppliesToMilestonesNotYetReached();
    void crashAfterEachStripeStepResumesWithoutDuplicates_data() { Tests::TestDatabase::addBackendRows(); }
    void crashAfterEachStripeStepResumesWithoutDuplicates();
    void correctionBelowInvoicedMilestoneIsFlagged_data() { Tests::TestDatabase::addBackendRows(); }
    void correctionBelowInvoicedMilestoneIsFlagged();
    void clientWithoutBillingDataIsHeld_data() { Tests::TestDatabase::addBackendRows(); }
    void clientWithoutBillingDataIsHeld();
    void invoiceThatCannotMoveDoesNotSpin_data() { Tests::TestDatabase::addBackendRows(); }
    void invoiceThatCannotMoveDoesNotSpin();
    void stripe4xxIsSurfacedAndNotRetried_data() { Tests::TestDatabase::addBackendRows(); }
    void stripe4xxIsSurfacedAndNotRetried();
    void webhooksMoveInvoiceAndMilestone_data() { Tests::TestDatabase::addBackendRows(); }
    void webhooksMoveInvoiceAndMilestone();
    void failingMilestoneLeavesTheGroupWhole_data() { Tests::TestDatabase::addBackendRows(); }
    void failingMilestoneLeavesTheGroupWhole();
};

namespace {

constexpr qint64 start = 1'798'000'000'000; // 2026-12-21

QString fieldOf(const Fakes::FakeProvider::Received &request, const QString &name)
{
    return Fakes::FakeStripe::parseForm(request.body).value(name);
}

QList<Fakes::FakeProvider::Received> requestsTo(const Fakes::FakeStripe &stripe, const QString &path)
{
    QList<Fakes::FakeProvider::Received> out;
    for (const auto &request : stripe.received())
        if (request.path == path)
            out << request;
    return out;
}

// As if the dispatcher died after Stripe answered but before its outcome was committed.
void loseCommit(Database &db, const QString &key, qint64 claimedAt)
{
    QSqlQuery q(db.connection());
    q.prepare(QStringLiteral("UPDATE outbox SET status = 'in_flight', provider_ref = NULL, sent_at = NULL, "
                             "claimed_by = 'crashed', claimed_at = ? WHERE idempotency_key = ?"));
    q.addBindValue(claimedAt);
    q.addBindValue(key);
    QVERIFY(q.exec());
    QCOMPARE(q.numRowsAffected(), 1);
}

} // namespace

void tst_MilestoneBilling::from24To51ShowsCreatesMilestones1And2Once()
{
    CALLVIA_TEST_DATABASE(db);
    Tests::BillingHarness h(db, start);
    const qint64 client = h.addClient(QStringLiteral("Sunrise Dental"), QStringLiteral("billing@sunrise.example"));
    h.addShows(client, 24);
    QCOMPARE(h.milestones.nextDueAt().value(), 0);
    QVERIFY(h.milestones.runDue(h.clock.nowMs()).ok());
    QCOMPARE(h.count(QStringLiteral("SELECT COUNT(*) FROM milestones")), 0);

    h.addShows(client, 27); // one batch of verdicts: 24 -> 51
    QVERIFY(h.milestones.nextDueAt().value() > 0);
    QVERIFY(h.milestones.runDue(h.clock.nowMs()).ok());
    QVERIFY(h.milestones.runDue(h.clock.nowMs()).ok()); // again: nothing more
    const QList<MilestoneRecord> made = MilestoneRepository(db, h.clock, TenantScope::agency()).listForClient(client).value();
    QCOMPARE(made.size(), 2);
    QCOMPARE(made.at(0).sequence, 1);
    QCOMPARE(made.at(1).sequence, 2);
    for (const MilestoneRecord &m : made) {
        QCOMPARE(m.showsRequired, 25);
        QCOMPARE(m.amountCents, 200000);
        QCOMPARE(h.count(QStringLiteral("SELECT COUNT(*) FROM appointments WHERE milestone_id = ?"), { m.id }), 25);
    }
    QCOMPARE(h.count(QStringLiteral("SELECT COUNT(*) FROM appointments WHERE milestone_id IS NULL AND status = 'shown'")), 1);
    QCOMPARE(h.milestones.nextDueAt().value(), 0);

    QVERIFY(h.settle());
    QCOMPARE(h.executedWithSuffix(QStringLiteral(":invoice")), 2); // two Stripe invoices, no more
    QCOMPARE(h.maxExecutionsPerKey(), 1);
    QCOMPARE(h.stripe.executedPerKey().value(QStringLiteral("customer:%1").arg(client)), 1); // one customer
    QCOMPARE(h.stripe.executedCount(), 1 + 2 * 4);
    const auto invoices = requestsTo(h.stripe, QStringLiteral("/v1/invoices"));
    QCOMPARE(invoices.size(), 2);
    QCOMPARE(fieldOf(invoices.at(1), QStringLiteral("metadata[client_id]")), QString::number(client));
    QCOMPARE(fieldOf(invoices.at(1), QStringLiteral("metadata[milestone_sequence]")), QStringLiteral("2"));
    QCOMPARE(fieldOf(invoices.at(1), QStringLiteral("metadata[milestone_id]")), QString::number(made.at(1).id));
    QCOMPARE(fieldOf(invoices.at(1), QStringLiteral("customer")), QStringLiteral("cus_1"));
    QCOMPARE(invoices.at(1).header("Idempotency-Key"), QStringLiteral("milestone:%1:2:invoice").arg(client).toUtf8());
    const auto items = requestsTo(h.stripe, QStringLiteral("/v1/invoiceitems"));
    QCOMPARE(items.size(), 2);
    QCOMPARE(fieldOf(items.at(0), QStringLiteral("amount")), QStringLiteral("200000"));
    QVERIFY(!fieldOf(items.at(0), QStringLiteral("invoice")).isEmpty());

    const QList<InvoiceOverview> listed = h.billing.listInvoices(client).value();
    QCOMPARE(listed.size(), 2);
    for (const InvoiceOverview &row : listed) {
        QCOMPARE(row.stripeStep, QStringLiteral("done"));
        QCOMPARE(row.invoice.status, QStringLiteral("open"));
        QVERIFY(row.invoice.stripeInvoiceId.startsWith(QLatin1String("in_")));
        QVERIFY(row.invoice.sentAt > 0);
        QVERIFY(row.invoice.lastError.isEmpty());
        QCOMPARE(row.invoice.amountCents, 200000);
    }
    const QList<MilestoneOverview> milestonesListed = h.billing.listMilestones(client).value();
    for (const MilestoneOverview &m : milestonesListed) {
        QCOMPARE(m.milestone.status, QStringLiteral("invoiced"));
        QCOMPARE(m.showsStillShown, 25);
        QVERIFY(m.flag.isEmpty());
    }
    QCOMPARE(h.billing.listMilestones(0).value().size(), 2);
}

void tst_MilestoneBilling::changedSettingAppliesToMilestonesNotYetReached()
{
    CALLVIA_TEST_DATABASE(db);
    Tests::BillingHarness h(db, start);
    const qint64 client = h.addClient(QStringLiteral("Sunrise Dental"), QStringLiteral("billing@sunrise.example"));
    h.addShows(client, 30);
    QVERIFY(h.milestones.runDue(h.clock.nowMs()).ok());
    QVERIFY(Sql::execAffected(db, QStringLiteral("UPDATE clients SET milestone_size = 10, milestone_amount_cents = 90000 "
                                                 "WHERE id = ?"),
                              { client })
                    .ok());
    QVERIFY(h.milestones.runDue(h.clock.nowMs()).ok());
    QCOMPARE(h.count(QStringLiteral("SELECT COUNT(*) FROM milestones")), 1); // 5 unlinked shows: not yet
    h.addShows(client, 5);
    QVERIFY(h.milestones.runDue(h.clock.nowMs()).ok());
    const QList<MilestoneRecord> made = MilestoneRepository(db, h.clock, TenantScope::agency()).listForClient(client).value();
    QCOMPARE(made.size(), 2);
    QCOMPARE(made.at(0).showsRequired, 25); // issued: unchanged
    QCOMPARE(made.at(0).amountCents, 200000);
    QCOMPARE(made.at(1).showsRequired, 10);
    QCOMPARE(made.at(1).amountCents, 90000);
    QCOMPARE(h.count(QStringLiteral("SELECT amount_cents FROM invoices WHERE id = ?"), { made.at(0).invoiceId }), 200000);
    QCOMPARE(h.count(QStringLiteral("SELECT amount_cents FROM invoices WHERE id = ?"), { made.at(1).invoiceId }), 90000);
}

void tst_MilestoneBilling::crashAfterEachStripeStepResumesWithoutDuplicates()
{
    CALLVIA_TEST_DATABASE(db);
    Tests::BillingHarness h(db, start);
    const QStringList steps { QStringLiteral("customer"), QStringLiteral("invoice"), QStringLiteral("item"),
                              QStringLiteral("finalize"), QStringLiteral("send") };
    for (int crashAt = 0; crashAt < steps.size(); ++crashAt) {
        const qint64 client = h.addClient(QStringLiteral("Client %1").arg(crashAt), QStringLiteral("b%1@c.example").arg(crashAt));
        h.addShows(client, 25);
        QVERIFY(h.milestones.runDue(h.clock.nowMs()).ok());
        for (int step = 0; step < steps.size(); ++step) {
            const QString key = step == 0 ? QStringLiteral("customer:%1").arg(client)
                                          : QStringLiteral("milestone:%1:1:%2").arg(client).arg(steps.at(step));
            QCOMPARE(h.count(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE idempotency_key = ? AND status = 'pending'"),
                             { key }),
                     1);
            h.dispatcher().dispatchDue();
            if (step == crashAt) {
                // Stripe executed the step, the process died before committing its answer.
                loseCommit(db, key, h.clock.nowMs());
                h.restart();
                QVERIFY(h.flow.runDue(h.clock.nowMs()).ok()); // nothing to take: the step's answer is not known
                QCOMPARE(h.count(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE client_id = ?"), { client }), step + 1);
                h.clock.advanceMs(h.options.staleClaimMs);
                h.dispatcher().dispatchDue(); // recovered and resent with the same key: Stripe replays
                QCOMPARE(h.stripe.executedPerKey().value(key), 1);
            }
            QVERIFY(h.flow.runDue(h.clock.nowMs()).ok());
            QVERIFY(h.flow.runDue(h.clock.nowMs()).ok()); // twice: a repeated pass adds nothing
        }
        const QString ref = QStringLiteral("milestone:%1:1").arg(client);
        QCOMPARE(h.count(QStringLiteral("SELECT COUNT(*) FROM invoices WHERE billing_ref = ? AND stripe_step = 'done'"),
                         { ref }),
                 1);
        QCOMPARE(h.stripe.executedPerKey().value(ref + QStringLiteral(":invoice")), 1);
    }
    QCOMPARE(h.executedWithSuffix(QStringLiteral(":invoice")), 5); // one Stripe invoice per milestone
    QCOMPARE(h.maxExecutionsPerKey(), 1);
    QCOMPARE(h.stripe.executedCount(), 5 * 5);
    QCOMPARE(h.stripe.requestCount(), 5 * 5 + 5); // each crashed step was sent twice, executed once
}

void tst_MilestoneBilling::correctionBelowInvoicedMilestoneIsFlagged()
{
    CALLVIA_TEST_DATABASE(db);
    Tests::BillingHarness h(db, start);
    const qint64 client = h.addClient(QStringLiteral("Sunrise Dental"), QStringLiteral("billing@sunrise.example"));
    const QList<qint64> shows = h.addShows(client, 26);
    QVERIFY(h.settle());
    const MilestoneRecord before = MilestoneRepository(db, h.clock, TenantScope::agency()).listForClient(client).value().first();
    const InvoiceRecord invoiceBefore = InvoiceRepository(db, h.clock, TenantScope::agency()).find(before.invoiceId).value();
    const qint64 billed = h.count(QStringLiteral("SELECT MIN(id) FROM appointments WHERE milestone_id = ?"), { before.id });
    QVERIFY(h.setVerdict(billed, QStringLiteral("no_show"))); // a verdict corrected after invoicing
    QVERIFY(h.milestones.nextDueAt().value() > 0);
    h.clock.advanceMs(60'000);
    QVERIFY(h.milestones.runDue(h.clock.nowMs()).ok());
    const QList<MilestoneOverview> listed = h.billing.listMilestones(client).value();
    QCOMPARE(listed.size(), 1);
    QCOMPARE(listed.first().flag, QStringLiteral("credit_note_needed"));
    QVERIFY2(listed.first().flagReason.contains(QLatin1String("24 of the 25 shows")), qPrintable(listed.first().flagReason));
    QCOMPARE(listed.first().flaggedAt, h.clock.nowMs());
    QCOMPARE(listed.first().showsStillShown, 24);
    QCOMPARE(h.count(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = 'milestone.credit_note_needed' AND "
                                    "entity_id = ? AND client_id = ?"), { QString::number(before.id), client }), 1);
    // Nothing issued changed: milestone, its links, its invoice.
    QCOMPARE(listed.first().milestone.status, QStringLiteral("invoiced"));
    QCOMPARE(listed.first().milestone.amountCents, before.amountCents);
    QCOMPARE(h.count(QStringLiteral("SELECT COUNT(*) FROM appointments WHERE milestone_id = ?"), { before.id }), 25);
    const InvoiceRecord invoiceAfter = InvoiceRepository(db, h.clock, TenantScope::agency()).find(before.invoiceId).value();
    QCOMPARE(invoiceAfter.amountCents, invoiceBefore.amountCents);
    QCOMPARE(invoiceAfter.status, invoiceBefore.status);
    QCOMPARE(invoiceAfter.stripeInvoiceId, invoiceBefore.stripeInvoiceId);
    const int requests = h.stripe.requestCount();
    h.clock.advanceMs(60'000);
    QVERIFY(h.settle());
    QCOMPARE(h.stripe.requestCount(), requests); // nothing sent to Stripe about it
    QCOMPARE(h.billing.listMilestones(client).value().first().flaggedAt, h.clock.nowMs() - 60'000); // flagged once
    QCOMPARE(h.count(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = 'milestone.credit_note_needed'")), 1);
    QCOMPARE(h.milestones.nextDueAt().value(), 0);
    Q_UNUSED(shows);
}

void tst_MilestoneBilling::clientWithoutBillingDataIsHeld()
{
    CALLVIA_TEST_DATABASE(db);
    Tests::BillingHarness h(db, start);
    const qint64 client = h.addClient(QStringLiteral("No Mail Ltd"), QString());
    h.addShows(client, 25);
    QVERIFY(h.settle());
    QList<InvoiceOverview> listed = h.billing.listInvoices(client).value();
    QCOMPARE(listed.size(), 1);
    QCOMPARE(listed.first().stripeStep, QStringLiteral("held"));
    QVERIFY2(listed.first().holdReason.contains(QLatin1String("no billing e-mail and no Stripe customer id")),
             qPrintable(listed.first().holdReason));
    QCOMPARE(h.count(QStringLiteral("SELECT COUNT(*) FROM outbox")), 0);
    QCOMPARE(h.stripe.requestCount(), 0);

    QVERIFY(Sql::execAffected(db, QStringLiteral("UPDATE clients SET stripe_customer_id = 'cus_existing' WHERE id = ?"),
                              { client })
                    .ok());
    QVERIFY(h.settle());
    listed = h.billing.listInvoices(client).value();
    QCOMPARE(listed.first().stripeStep, QStringLiteral("done"));
    QVERIFY(listed.first().holdReason.isEmpty());
    QCOMPARE(h.stripe.executedPerKey().value(QStringLiteral("customer:%1").arg(client)), 0); // the known customer is used
    QCOMPARE(fieldOf(requestsTo(h.stripe, QStringLiteral("/v1/invoices")).first(), QStringLiteral("customer")),
             QStringLiteral("cus_existing"));
}

// A contact e-mail of only a tab: SQL's trim() keeps it, the service's check does not, so the
// held invoice looks ready but cannot move. The flow must not report it due again at once.
void tst_MilestoneBilling::invoiceThatCannotMoveDoesNotSpin()
{
    CALLVIA_TEST_DATABASE(db);
    Tests::BillingHarness h(db, start);
    const qint64 client = h.addClient(QStringLiteral("Tab Mail"), QStringLiteral("\t"));
    h.addShows(client, 25);
    QVERIFY(h.milestones.runDue(h.clock.nowMs()).ok());
    QCOMPARE(h.billing.listInvoices(client).value().first().stripeStep, QStringLiteral("held"));
    QCOMPARE(h.flow.nextDueAt().value(), h.clock.nowMs());
    QVERIFY(h.flow.runDue(h.clock.nowMs()).ok());
    QCOMPARE(h.flow.nextDueAt().value(), h.clock.nowMs() + 10 * 60'000);
    QCOMPARE(h.billing.listInvoices(client).value().first().stripeStep, QStringLiteral("held"));
    QCOMPARE(h.count(QStringLiteral("SELECT COUNT(*) FROM outbox")), 0);
}

void tst_MilestoneBilling::stripe4xxIsSurfacedAndNotRetried()
{
    CALLVIA_TEST_DATABASE(db);
    Tests::BillingHarness h(db, start);
    for (const int status : { 400, 402 }) {
        const qint64 second = h.addClient(QStringLiteral("Client %1").arg(status), QStringLiteral("b@c%1.example").arg(status));
        h.addShows(second, 25);
        QVERIFY(h.milestones.runDue(h.clock.nowMs()).ok());
        h.stripe.setMode(Fakes::FakeProvider::Mode::Fail, -1, status); // Stripe refuses the customer
        const int before = h.stripe.requestCount();
        const QHash<QString, int> executedBefore = h.stripe.executedPerKey();
        QVERIFY(h.settle());
        for (int i = 0; i < 5; ++i) { // time passes: no blind retry
            h.clock.advanceMs(3'600'000);
            QVERIFY(h.settle());
        }
        QCOMPARE(h.stripe.requestCount(), before + 1); // one request, refused, never resent
        QCOMPARE(h.stripe.executedPerKey(), executedBefore);
        const InvoiceOverview row = h.billing.listInvoices(second).value().first();
        QCOMPARE(row.stripeStep, QStringLiteral("customer"));
        QCOMPARE(row.stepOutboxStatus, QStringLiteral("failed"));
        QCOMPARE(row.stepHttpStatus, status);
        QVERIFY2(row.invoice.lastError.contains(QStringLiteral("Stripe customer failed: HTTP %1: invalid_request_error: "
                                                               "simulated failure")
                                                        .arg(status)),
                 qPrintable(row.invoice.lastError));
        // An admin retries the row once the cause is fixed: the chain goes on, the error clears.
        h.stripe.setMode(Fakes::FakeProvider::Mode::Normal);
        QVERIFY(!h.outbox.retry(h.count(QStringLiteral("SELECT id FROM outbox WHERE idempotency_key = ?"),
                                        { QStringLiteral("customer:%1").arg(second) })));
        QVERIFY(h.settle());
        const InvoiceOverview done = h.billing.listInvoices(second).value().first();
        QCOMPARE(done.stripeStep, QStringLiteral("done"));
        QVERIFY(done.invoice.lastError.isEmpty());
        QCOMPARE(h.maxExecutionsPerKey(), 1);
    }
}

void tst_MilestoneBilling::webhooksMoveInvoiceAndMilestone()
{
    CALLVIA_TEST_DATABASE(db);
    Tests::BillingHarness h(db, start);
    const qint64 client = h.addClient(QStringLiteral("Sunrise Dental"), QStringLiteral("billing@sunrise.example"));
    h.addShows(client, 75);
    QVERIFY(h.settle());
    const QList<MilestoneOverview> made = h.billing.listMilestones(client).value();
    QCOMPARE(made.size(), 3);
    Services::StripeHandler handler(db, h.clock);
    auto event = [&](const QString &id, const QString &type, qint64 invoiceId) {
        const QString stripeId = InvoiceRepository(db, h.clock, TenantScope::agency()).find(invoiceId).value().stripeInvoiceId;
        return QStringLiteral(R"({"id":"%1","object":"event","created":1798000100,"type":"%2","data":{"object":)"
                              R"({"id":"%3","object":"invoice","status_transitions":{"paid_at":1798000200}}}})")
                .arg(id, type, stripeId)
                .toUtf8();
    };
    QCOMPARE(Tests::deliver(handler, db, event(QStringLiteral("evt_1"), QStringLiteral("invoice.paid"), made.at(0).milestone.invoiceId)), QString());
    QCOMPARE(Tests::deliver(handler, db, event(QStringLiteral("evt_2"), QStringLiteral("invoice.payment_failed"), made.at(1).milestone.invoiceId)), QString());
    QCOMPARE(Tests::deliver(handler, db, event(QStringLiteral("evt_3"), QStringLiteral("invoice.voided"), made.at(2).milestone.invoiceId)), QString());
    const QList<MilestoneOverview> after = h.billing.listMilestones(client).value();
    QCOMPARE(after.at(0).milestone.status, QStringLiteral("paid"));
    QCOMPARE(after.at(0).invoiceStatus, QStringLiteral("paid"));
    QCOMPARE(after.at(1).milestone.status, QStringLiteral("invoiced"));
    QCOMPARE(after.at(1).paymentError, QStringLiteral("payment failed (evt_2)"));
    QCOMPARE(after.at(1).invoiceStatus, QStringLiteral("open"));
    QCOMPARE(after.at(2).milestone.status, QStringLiteral("void"));
    QCOMPARE(after.at(2).invoiceStatus, QStringLiteral("void"));
    // A voided milestone is not flagged by a later correction (nothing billed stands).
    const qint64 linked = h.count(QStringLiteral("SELECT MIN(id) FROM appointments WHERE milestone_id = ?"), { after.at(2).milestone.id });
    QVERIFY(h.setVerdict(linked, QStringLiteral("no_show")));
    QVERIFY(h.milestones.runDue(h.clock.nowMs()).ok());
    QVERIFY(h.billing.listMilestones(client).value().at(2).flag.isEmpty());
}

// Milestones are committed in groups with a savepoint each: a fault after a milestone's row and
// its 25 links were written (its invoice row failing) undoes that milestone entirely, keeps the
// other client's milestone made before it in the same group, and the pass reports the error; once
// the fault is gone the next pass makes the missing one, still sequence 1.
void tst_MilestoneBilling::failingMilestoneLeavesTheGroupWhole()
{
    CALLVIA_TEST_DATABASE(db);
    Tests::BillingHarness h(db, start);
    const qint64 first = h.addClient(QStringLiteral("Sunrise Dental"), QStringLiteral("billing@sunrise.example"));
    const qint64 second = h.addClient(QStringLiteral("Harbor Chiropractic"), QStringLiteral("billing@harbor.example"));
    QVERIFY(first < second); // the pass takes clients in id order
    h.addShows(first, 25);
    h.addShows(second, 30);
    QCOMPARE(Tests::TestDatabase::injectInsertFault(db, QStringLiteral("invoices"), QStringLiteral("client_id"), second), QString());
    const DbResult<bool> pass = h.milestones.runDue(h.clock.nowMs());
    QVERIFY(!pass.ok());
    QVERIFY2(pass.error().message().contains(QLatin1String("injected fault")), qPrintable(pass.error().message()));
    QCOMPARE(h.count(QStringLiteral("SELECT COUNT(*) FROM milestones WHERE client_id = ?"), { first }), 1);
    QCOMPARE(h.count(QStringLiteral("SELECT COUNT(*) FROM appointments WHERE client_id = ? AND milestone_id IS NOT NULL"), { first }), 25);
    QCOMPARE(h.count(QStringLiteral("SELECT COUNT(*) FROM invoices WHERE client_id = ?"), { first }), 1);
    QCOMPARE(h.count(QStringLiteral("SELECT COUNT(*) FROM milestones WHERE client_id = ?"), { second }), 0);
    QCOMPARE(h.count(QStringLiteral("SELECT COUNT(*) FROM appointments WHERE client_id = ? AND milestone_id IS NOT NULL"), { second }), 0);
    QCOMPARE(h.count(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE client_id = ?"), { second }), 0);

    QCOMPARE(Tests::TestDatabase::removeInsertFault(db, QStringLiteral("invoices")), QString());
    QVERIFY(h.milestones.runDue(h.clock.nowMs()).ok());
    const QList<MilestoneRecord> made = MilestoneRepository(db, h.clock, TenantScope::agency()).listForClient(second).value();
    QCOMPARE(made.size(), 1);
    QCOMPARE(made.first().sequence, 1);
    QCOMPARE(h.count(QStringLiteral("SELECT COUNT(*) FROM appointments WHERE milestone_id = ?"), { made.first().id }), 25);
    QCOMPARE(h.count(QStringLiteral("SELECT COUNT(*) FROM milestones")), 2);
    QCOMPARE(h.milestones.milestonesCreated(), 2);
}

QTEST_GUILESS_MAIN(tst_MilestoneBilling)
#include "tst_milestonebilling.moc"
