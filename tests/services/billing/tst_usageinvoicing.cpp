// Monthly usage invoices (issue 22, item 5) on SQLite and PostgreSQL: the month ends at midnight
// in the client's time zone (UTC-10 and UTC+14), a month is billed once even when the app was
// off at midnight or the pass runs twice, a month without usage raises nothing, the amount
// follows the written rounding rule, and two instances on one PostgreSQL make one invoice each.
#include "billingharness.h"

#include <QDateTime>
#include <QMutex>
#include <QTimeZone>
#include <QtTest>

#include <thread>

using namespace Callvia;
using namespace Callvia::Models;
using Services::UsageInvoiceService;

class tst_UsageInvoicing : public QObject
{
    Q_OBJECT
private slots:
    void roundingRule_data();
    void roundingRule();
    void lineSummary();
    void monthEndsInClientTimeZone_data();
    void monthEndsInClientTimeZone();
    void appOffAtMidnightCatchesUpOncePerMonth_data() { Tests::TestDatabase::addBackendRows(); }
    void appOffAtMidnightCatchesUpOncePerMonth();
    void changedTimeZoneNeverSpinsOrChangesAnInvoice_data() { Tests::TestDatabase::addBackendRows(); }
    void changedTimeZoneNeverSpinsOrChangesAnInvoice();
    void monthWithoutUsageRaisesNothing_data() { Tests::TestDatabase::addBackendRows(); }
    void monthWithoutUsageRaisesNothing();
    void twoInstancesAtOnceMakeOneInvoiceEach();
};

namespace {

qint64 utc(int y, int m, int d, int h = 0, int min = 0)
{
    return QDateTime(QDate(y, m, d), QTime(h, min), Qt::UTC).toMSecsSinceEpoch();
}

} // namespace

void tst_UsageInvoicing::roundingRule_data()
{
    QTest::addColumn<qint64>("seconds");
    QTest::addColumn<qint64>("rate");
    QTest::addColumn<qint64>("cents");
    QTest::newRow("nothing") << qint64(0) << qint64(20) << qint64(0);
    QTest::newRow("1 s at 20: 0.33 -> 0") << qint64(1) << qint64(20) << qint64(0);
    QTest::newRow("2 s at 20: 0.67 -> 1") << qint64(2) << qint64(20) << qint64(1);
    QTest::newRow("3 s at 20: exactly 1") << qint64(3) << qint64(20) << qint64(1);
    QTest::newRow("90 s at 20: 30") << qint64(90) << qint64(20) << qint64(30);
    QTest::newRow("30 s at 1: 0.5 half up -> 1") << qint64(30) << qint64(1) << qint64(1);
    QTest::newRow("29 s at 1: 0.48 -> 0") << qint64(29) << qint64(1) << qint64(0);
    QTest::newRow("45 s at 2: 1.5 half up -> 2") << qint64(45) << qint64(2) << qint64(2);
    QTest::newRow("one hour at 20") << qint64(3600) << qint64(20) << qint64(1200);
    QTest::newRow("zero rate") << qint64(3600) << qint64(0) << qint64(0);
    QTest::newRow("a million minutes") << qint64(60'000'000) << qint64(20) << qint64(20'000'000);
}

void tst_UsageInvoicing::roundingRule()
{
    QFETCH(qint64, seconds);
    QFETCH(qint64, rate);
    QFETCH(qint64, cents);
    QCOMPARE(UsageInvoiceService::amountCents(seconds, rate), cents);
}

void tst_UsageInvoicing::lineSummary()
{
    QCOMPARE(UsageInvoiceService::lineSummary({ 20, 3, 125 }, QStringLiteral("usd")),
             QStringLiteral("3 calls, 2.08 min (125 s) at $0.20/min"));
    QCOMPARE(UsageInvoiceService::lineSummary({ 150, 1, 60 }, QStringLiteral("eur")),
             QStringLiteral("1 call, 1.00 min (60 s) at EUR 1.50/min"));
}

void tst_UsageInvoicing::monthEndsInClientTimeZone_data()
{
    QTest::addColumn<QString>("backend");
    QTest::addColumn<QString>("zone");
    for (const QString &backend : { QStringLiteral("sqlite"), QStringLiteral("postgresql") }) {
        QTest::newRow(qPrintable(backend + QStringLiteral(" UTC-10"))) << backend << QStringLiteral("Pacific/Honolulu");
        QTest::newRow(qPrintable(backend + QStringLiteral(" UTC+14"))) << backend << QStringLiteral("Pacific/Kiritimati");
    }
}

// Usage 30 minutes either side of local midnight between November and December: the November
// invoice is raised at local midnight exactly, with the November record only.
void tst_UsageInvoicing::monthEndsInClientTimeZone()
{
    QFETCH(QString, zone);
    CALLVIA_TEST_DATABASE(db);
    const QTimeZone tz(zone.toUtf8());
    QVERIFY(tz.isValid());
    const qint64 midnight = QDateTime(QDate(2026, 12, 1), QTime(0, 0), tz).toMSecsSinceEpoch();
    QCOMPARE(midnight, zone == QLatin1String("Pacific/Honolulu") ? utc(2026, 12, 1, 10) : utc(2026, 11, 30, 10));
    Tests::BillingHarness h(db, midnight - 3'600'000);
    const qint64 client = h.addClient(QStringLiteral("Island Clinic"), QStringLiteral("billing@island.example"), zone);
    QVERIFY(h.addUsage(client, 600, midnight - 1'800'000)); // November 30, 23:30 local
    QVERIFY(h.addUsage(client, 90, QDateTime(QDate(2026, 11, 1), QTime(0, 0), tz).toMSecsSinceEpoch())); // first instant
    QVERIFY(h.addUsage(client, 300, midnight + 1'800'000)); // December 1, 00:30 local
    h.clock.setNowMs(midnight - 60'000);
    QCOMPARE(h.usage.nextDueAt().value(), midnight); // the timer is set for local midnight
    QVERIFY(h.usage.runDue(h.clock.nowMs()).ok());
    QCOMPARE(h.count(QStringLiteral("SELECT COUNT(*) FROM invoices")), 0); // not over yet locally

    h.clock.setNowMs(midnight);
    QCOMPARE(h.usage.nextDueAt().value(), midnight);
    QVERIFY(h.usage.runDue(h.clock.nowMs()).ok());
    QVERIFY(h.usage.runDue(h.clock.nowMs()).ok()); // twice: once
    const QList<InvoiceOverview> listed = h.billing.listInvoices(client).value();
    QCOMPARE(listed.size(), 1);
    const InvoiceOverview &row = listed.first();
    QCOMPARE(row.invoice.kind, QStringLiteral("usage"));
    QCOMPARE(row.invoice.periodStart, QDateTime(QDate(2026, 11, 1), QTime(0, 0), tz).toMSecsSinceEpoch());
    QCOMPARE(row.invoice.periodEnd, midnight);
    QCOMPARE(row.usageCalls, 2);
    QCOMPARE(row.usageSeconds, 690);
    QCOMPARE(row.invoice.amountCents, 230); // 690 s x 20 / 60 = 230
    QCOMPARE(row.billingRef, QStringLiteral("usage:%1:2026-11").arg(client));
    QCOMPARE(row.invoice.description,
             QStringLiteral("Call minutes 2026-11 (%1): 2 calls, 11.50 min (690 s) at $0.20/min").arg(zone));
    QCOMPARE(row.stripeStep, QStringLiteral("customer"));
    QCOMPARE(h.count(QStringLiteral("SELECT COUNT(*) FROM usage_records WHERE invoice_id IS NULL")), 1); // December's
    // December is billed at the next local midnight.
    QCOMPARE(h.usage.nextDueAt().value(), QDateTime(QDate(2027, 1, 1), QTime(0, 0), tz).toMSecsSinceEpoch());

    QVERIFY(h.settle());
    const auto items = h.stripe.received();
    bool sawItem = false;
    for (const auto &request : items) {
        if (request.path != QLatin1String("/v1/invoiceitems"))
            continue;
        const auto form = Fakes::FakeStripe::parseForm(request.body);
        QCOMPARE(form.value(QStringLiteral("amount")), QStringLiteral("230"));
        QCOMPARE(form.value(QStringLiteral("metadata[billing_ref]")), row.billingRef);
        QVERIFY(form.value(QStringLiteral("description")).contains(QLatin1String("2 calls, 11.50 min")));
        sawItem = true;
    }
    QVERIFY(sawItem);
    QCOMPARE(h.billing.listInvoices(client).value().first().stripeStep, QStringLiteral("done"));
    QCOMPARE(h.maxExecutionsPerKey(), 1);
}

void tst_UsageInvoicing::appOffAtMidnightCatchesUpOncePerMonth()
{
    CALLVIA_TEST_DATABASE(db);
    Tests::BillingHarness h(db, utc(2026, 9, 10));
    const qint64 client = h.addClient(QStringLiteral("Sunrise Dental"), QStringLiteral("billing@sunrise.example"));
    QVERIFY(h.addUsage(client, 61, utc(2026, 9, 10)));
    QVERIFY(h.addUsage(client, 59, utc(2026, 9, 30, 23, 59)));
    QVERIFY(h.addUsage(client, 3600, utc(2026, 11, 15))); // nothing in October
    h.clock.setNowMs(utc(2026, 12, 15, 9)); // off from September 10 until December 15
    QVERIFY(h.usage.nextDueAt().value() <= h.clock.nowMs());
    QVERIFY(h.usage.runDue(h.clock.nowMs()).ok());
    QVERIFY(h.usage.runDue(h.clock.nowMs()).ok());
    QCOMPARE(h.count(QStringLiteral("SELECT COUNT(*) FROM invoices WHERE kind = 'usage'")), 2);
    QCOMPARE(h.count(QStringLiteral("SELECT amount_cents FROM invoices WHERE billing_ref = ?"),
                     { QStringLiteral("usage:%1:2026-09").arg(client) }),
             40); // 120 s
    QCOMPARE(h.count(QStringLiteral("SELECT amount_cents FROM invoices WHERE billing_ref = ?"),
                     { QStringLiteral("usage:%1:2026-11").arg(client) }),
             1200);
    QCOMPARE(h.count(QStringLiteral("SELECT COUNT(*) FROM invoices WHERE billing_ref = ?"),
                     { QStringLiteral("usage:%1:2026-10").arg(client) }),
             0);
    QCOMPARE(h.usage.nextDueAt().value(), 0);
    // A record arriving late for an invoiced month never changes the issued invoice.
    QVERIFY(h.addUsage(client, 600, utc(2026, 11, 20)));
    QVERIFY(h.usage.runDue(h.clock.nowMs()).ok());
    QCOMPARE(h.count(QStringLiteral("SELECT amount_cents FROM invoices WHERE billing_ref = ?"),
                     { QStringLiteral("usage:%1:2026-11").arg(client) }),
             1200);
    QCOMPARE(h.count(QStringLiteral("SELECT COUNT(*) FROM invoices")), 2);
    QCOMPARE(h.usage.nextDueAt().value(), 0);
}

// November billed in UTC, then the client moves to UTC-10: a record of December 1, 05:00 UTC is
// November 30 locally, a month that already has its invoice. It stays unbilled, the pass reports
// no error, and the scheduler is not told "due now" again at once (no busy loop).
void tst_UsageInvoicing::changedTimeZoneNeverSpinsOrChangesAnInvoice()
{
    CALLVIA_TEST_DATABASE(db);
    Tests::BillingHarness h(db, utc(2026, 11, 15));
    const qint64 client = h.addClient(QStringLiteral("Mover"), QStringLiteral("billing@mover.example"));
    QVERIFY(h.addUsage(client, 600, utc(2026, 11, 15)));
    h.clock.setNowMs(utc(2026, 12, 1, 1));
    QVERIFY(h.usage.runDue(h.clock.nowMs()).ok());
    QCOMPARE(h.count(QStringLiteral("SELECT COUNT(*) FROM invoices")), 1);
    QVERIFY(Sql::execAffected(db, QStringLiteral("UPDATE clients SET time_zone = 'Pacific/Honolulu' WHERE id = ?"), { client }).ok());
    QVERIFY(h.addUsage(client, 120, utc(2026, 12, 1, 5)));
    h.clock.setNowMs(utc(2026, 12, 15));
    QCOMPARE(h.usage.nextDueAt().value(), h.clock.nowMs());
    QVERIFY(h.usage.runDue(h.clock.nowMs()).ok());
    QCOMPARE(h.count(QStringLiteral("SELECT COUNT(*) FROM invoices")), 1);
    QCOMPARE(h.count(QStringLiteral("SELECT amount_cents FROM invoices")), 200);
    QVERIFY(h.usage.nextDueAt().value() > h.clock.nowMs()); // looked at again later, not at once
}

void tst_UsageInvoicing::monthWithoutUsageRaisesNothing()
{
    CALLVIA_TEST_DATABASE(db);
    Tests::BillingHarness h(db, utc(2026, 11, 20));
    h.addClient(QStringLiteral("Quiet Client"), QStringLiteral("billing@quiet.example"));
    QCOMPARE(h.usage.nextDueAt().value(), 0);
    h.clock.setNowMs(utc(2027, 2, 2));
    QVERIFY(h.usage.runDue(h.clock.nowMs()).ok());
    QVERIFY(h.settle());
    QCOMPARE(h.count(QStringLiteral("SELECT COUNT(*) FROM invoices")), 0);
    QCOMPARE(h.stripe.requestCount(), 0);
}

// Two instances (two threads, two connections) run the milestone and usage passes at once on one
// PostgreSQL: one invoice per milestone and per client-month, no errors.
void tst_UsageInvoicing::twoInstancesAtOnceMakeOneInvoiceEach()
{
    QString skip, error;
    auto holder = Tests::TestDatabase::create(QStringLiteral("postgresql"), &skip, &error);
    if (!holder && !skip.isEmpty())
        QSKIP(qPrintable(skip));
    QVERIFY2(holder, qPrintable(error));
    Database &db = holder->database();
    Tests::BillingHarness h(db, utc(2026, 11, 20));
    constexpr int clients = 30;
    for (int i = 0; i < clients; ++i) {
        const qint64 client = h.addClient(QStringLiteral("Client %1").arg(i), QStringLiteral("c%1@x.example").arg(i),
                                          i % 2 ? QStringLiteral("Pacific/Kiritimati") : QStringLiteral("Pacific/Honolulu"));
        h.addShows(client, 60);
        for (int k = 0; k < 5; ++k)
            QVERIFY(h.addUsage(client, 100 + k, utc(2026, 11, 10 + k)));
    }
    h.clock.setNowMs(utc(2026, 12, 2));
    QStringList errors;
    QMutex mutex;
    auto instance = [&] {
        Services::MilestoneService milestones(db, h.clock);
        Services::UsageInvoiceService usage(db, h.clock);
        Services::StripeInvoiceFlow flow(db, h.clock);
        auto note = [&](const DbResult<bool> &result) {
            if (!result.ok()) {
                QMutexLocker lock(&mutex);
                errors << result.error().message();
            }
        };
        for (int round = 0; round < 3; ++round) {
            note(milestones.runDue(h.clock.nowMs()));
            note(usage.runDue(h.clock.nowMs()));
            note(flow.runDue(h.clock.nowMs()));
        }
        db.releaseThreadConnection();
    };
    std::thread first(instance);
    std::thread second(instance);
    first.join();
    second.join();
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
    QCOMPARE(h.count(QStringLiteral("SELECT COUNT(*) FROM milestones")), clients * 2);
    QCOMPARE(h.count(QStringLiteral("SELECT COUNT(*) FROM invoices WHERE kind = 'milestone'")), clients * 2);
    QCOMPARE(h.count(QStringLiteral("SELECT COUNT(*) FROM invoices WHERE kind = 'usage'")), clients);
    QCOMPARE(h.count(QStringLiteral("SELECT COUNT(DISTINCT client_id) FROM invoices WHERE kind = 'usage'")), clients);
    QCOMPARE(h.count(QStringLiteral("SELECT COUNT(*) FROM appointments WHERE milestone_id IS NOT NULL")), clients * 50);
    QCOMPARE(h.count(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE idempotency_key LIKE 'customer:%'")), clients);
    QVERIFY(h.settle());
    QCOMPARE(h.executedWithSuffix(QStringLiteral(":invoice")), clients * 3);
    QCOMPARE(h.maxExecutionsPerKey(), 1);
}

QTEST_GUILESS_MAIN(tst_UsageInvoicing)
#include "tst_usageinvoicing.moc"
