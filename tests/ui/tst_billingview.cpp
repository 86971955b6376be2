// The Billing view (issue 24, item 2): the progress bar, the month's usage and the invoices equal
// what the fixture holds; the status and period filters; a client user sees only their own
// client's invoices and milestones; staff may neither retry a failed invoice nor clear a credit
// note flag, an admin may and the audit row is written. Reads and writes run on a real reader
// thread against a real SQLite file and, when configured, PostgreSQL.
#include <common/testdatabase.h>
#include <models/repositories/appointmentrepository.h>
#include <models/repositories/auditrepository.h>
#include <models/repositories/billingrepository.h>
#include <models/repositories/clientrepository.h>
#include <models/clock.h>
#include <models/repositories/invoicerepository.h>
#include <models/repositories/milestonerepository.h>
#include <models/repositories/outboxrepository.h>
#include <models/repositories/usagerepository.h>
#include <services/auth/authservice.h>
#include <services/auth/session.h>
#include <services/billing/billingactions.h>
#include <services/billing/billingoverview.h>
#include <services/servicethread.h>
#include <ui/billing/billingview.h>
#include <ui/widgets/translations.h>

#include <QComboBox>
#include <QJsonObject>
#include <QProgressBar>
#include <QPushButton>
#include <QTableWidget>
#include <QtTest>

using namespace Callvia;
using Ui::BillingView;

namespace {

qint64 utcMs(const char *iso)
{
    return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate).toMSecsSinceEpoch();
}

const QString failedStripeError = QStringLiteral(
        "Stripe invoice failed: HTTP 400: invalid_request_error/resource_missing: No such customer: 'cus_gone'");

// What the fixture holds, by id.
struct Fixture
{
    qint64 clientA = 0, clientB = 0;
    qint64 milestone1 = 0, milestone2 = 0;
    qint64 paidInvoice = 0, usageInvoice = 0, failedInvoice = 0, otherInvoice = 0;
    qint64 failedOutbox = 0;
};

QStringList column(QTableWidget *table, int column)
{
    QStringList cells;
    for (int r = 0; r < table->rowCount(); ++r)
        cells << table->item(r, column)->text();
    return cells;
}

} // namespace

class tst_BillingView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        Ui::installTranslations(QLocale(QLocale::English, QLocale::UnitedStates)); // English plural forms
    }
    void progressUsageAndInvoicesEqualTheFixture_data() { Tests::TestDatabase::addBackendRows(); }
    void progressUsageAndInvoicesEqualTheFixture();
    void statusAndPeriodFilters_data() { Tests::TestDatabase::addBackendRows(); }
    void statusAndPeriodFilters();
    void clientUserSeesOnlyTheirOwnBilling_data() { Tests::TestDatabase::addBackendRows(); }
    void clientUserSeesOnlyTheirOwnBilling();
    void staffCannotRetryOrClearAdminCanAndIsAudited_data() { Tests::TestDatabase::addBackendRows(); }
    void staffCannotRetryOrClearAdminCanAndIsAudited();
    void emptyStateSaysWhatToDo();

private:
    std::unique_ptr<Tests::TestDatabase> open(QString *error);
    Fixture build(Models::Database &db);
    BillingView::Actions actions(Models::Database &db);
    Models::TestClock m_clock { utcMs("2026-03-15T12:00:00Z") };
    const QTimeZone m_newYork { "America/New_York" };
    Services::Session m_admin { 1, QStringLiteral("root"), Services::Session::Role::Admin, 0 };
};

std::unique_ptr<Tests::TestDatabase> tst_BillingView::open(QString *error)
{
    QFETCH(QString, backend);
    QString skip;
    return Tests::TestDatabase::create(backend, &skip, error);
}

BillingView::Actions tst_BillingView::actions(Models::Database &db)
{
    Models::Database *database = &db;
    const Models::Clock *clock = &m_clock;
    BillingView::Actions a;
    a.retryInvoice = [database, clock](const Services::Session &actor, qint64 id) {
        return Services::BillingActions(*database, *clock).retryInvoice(actor, id);
    };
    a.clearMilestoneFlag = [database, clock](const Services::Session &actor, qint64 id, const QString &note) {
        return Services::BillingActions(*database, *clock).clearMilestoneFlag(actor, id, note);
    };
    return a;
}

// Client A (Los Angeles, milestones of 5 shows at $2,000.00, 20 cents a minute): milestone 1
// paid (flagged: credit note needed), milestone 2 whose invoice failed at Stripe's invoice step
// (HTTP 400), 3 shows toward milestone 3, last month's usage invoice open, and this month's
// calls. Client B: one open milestone invoice.
Fixture tst_BillingView::build(Models::Database &db)
{
    const Models::TenantScope agency = Models::TenantScope::agency();
    Fixture f;
    Models::ClientRecord a;
    a.name = QStringLiteral("Sunrise Dental");
    a.contactEmail = QStringLiteral("ops@sunrise.example");
    a.stripeCustomerId = QStringLiteral("cus_A1");
    a.timeZone = QStringLiteral("America/Los_Angeles");
    a.milestoneSize = 5;
    f.clientA = Models::ClientRepository(db, m_clock, agency).insert(a).value();
    Models::ClientRecord b;
    b.name = QStringLiteral("Peak Roofing");
    f.clientB = Models::ClientRepository(db, m_clock, agency).insert(b).value();

    const Models::AppointmentRepository appointments(db, m_clock, agency);
    for (int i = 0; i < 13; ++i) {
        Models::AppointmentRecord shown;
        shown.clientId = f.clientA;
        shown.bookingUid = QStringLiteral("shown-%1").arg(i);
        shown.startsAt = utcMs("2026-02-01T17:00:00Z") + qint64(i) * 86'400'000;
        shown.endsAt = shown.startsAt + 1'800'000;
        shown.status = QStringLiteral("shown");
        shown.verification = QStringLiteral("client_confirmed");
        appointments.upsert(shown).value();
    }
    const Models::BillingRepository billing(db, m_clock, agency);
    const Models::InvoiceRepository invoices(db, m_clock, agency);
    const Models::MilestoneRepository milestones(db, m_clock, agency);
    auto invoice = [&](qint64 client, const QString &kind, const QString &status, qint64 cents, const QString &number,
                       const char *createdAt) {
        m_clock.setNowMs(utcMs(createdAt));
        Models::InvoiceRecord i;
        i.clientId = client;
        i.kind = kind;
        i.status = status;
        i.amountCents = cents;
        i.number = number;
        return invoices.insert(i).value();
    };
    auto milestone = [&](int sequence, qint64 invoiceId, const QString &status) {
        Models::MilestoneRecord m;
        m.clientId = f.clientA;
        m.sequence = sequence;
        m.showsRequired = 5;
        m.status = status;
        m.reachedAt = m_clock.nowMs();
        m.invoiceId = invoiceId;
        const qint64 id = milestones.insert(m).value();
        billing.linkShows(f.clientA, id, 5).value();
        return id;
    };
    f.paidInvoice = invoice(f.clientA, QStringLiteral("milestone"), QStringLiteral("paid"), 200000,
                            QStringLiteral("A-0001"), "2026-02-10T18:00:00Z");
    Models::InvoiceRepository::StatusUpdate paid;
    paid.status = QStringLiteral("paid");
    paid.stripeInvoiceId = QStringLiteral("in_A1");
    paid.hostedUrl = QStringLiteral("https://invoice.stripe.com/i/acct_1/test_A1");
    paid.paidAt = utcMs("2026-02-12T03:30:00Z");
    invoices.applyProviderStatus(f.paidInvoice, paid).value();
    f.milestone1 = milestone(1, f.paidInvoice, QStringLiteral("paid"));
    billing.flagMilestone(f.milestone1, QStringLiteral("credit_note_needed"),
                          QStringLiteral("credit note needed: 4 of the 5 shows billed by milestone 1 are still shown"))
            .value();

    f.usageInvoice = invoice(f.clientA, QStringLiteral("usage"), QStringLiteral("open"), 1234, QStringLiteral("A-0002"),
                             "2026-03-01T08:05:00Z");
    billing.setInvoiceBilling(f.usageInvoice, QStringLiteral("usage:%1:2026-02").arg(f.clientA), 3, 3702);

    f.failedInvoice = invoice(f.clientA, QStringLiteral("milestone"), QStringLiteral("draft"), 200000, QString(),
                              "2026-03-10T18:00:00Z");
    milestone(2, f.failedInvoice, QStringLiteral("reached"));
    const QString ref = QStringLiteral("milestone:%1:2").arg(f.clientA);
    billing.setInvoiceBilling(f.failedInvoice, ref, 0, 0);
    billing.moveStep(f.failedInvoice, QString(), QStringLiteral("invoice"), ref + QStringLiteral(":invoice")).value();
    const Models::OutboxRepository outbox(db, m_clock, agency);
    Models::OutboxItem item;
    item.kind = QStringLiteral("stripe");
    item.clientId = f.clientA;
    item.idempotencyKey = ref + QStringLiteral(":invoice");
    item.payload = QJsonObject { { QStringLiteral("path"), QStringLiteral("/v1/invoices") } };
    item.dueAt = m_clock.nowMs();
    f.failedOutbox = outbox.enqueue(item).value();
    outbox.claimDue(QStringLiteral("stripe"), QStringLiteral("test"), m_clock.nowMs(), 10).value();
    Models::OutboxOutcome outcome;
    outcome.id = f.failedOutbox;
    outcome.status = QStringLiteral("failed");
    outcome.provider = QStringLiteral("stripe");
    outcome.httpStatus = 400;
    outcome.lastError = QStringLiteral("HTTP 400: invalid_request_error/resource_missing: No such customer: 'cus_gone'");
    outbox.finish(QStringLiteral("test"), { outcome }).value();
    billing.recordStepError(f.failedInvoice, failedStripeError);

    f.otherInvoice = invoice(f.clientB, QStringLiteral("milestone"), QStringLiteral("open"), 150000,
                             QStringLiteral("B-0001"), "2026-03-12T18:00:00Z");

    // This month in Los Angeles began at 2026-03-01T08:00Z: 61 s and 90 s at 20 c/min and 45 s
    // at 30 c/min count; a call at 07:00Z (still February there) does not.
    const Models::UsageRepository usage(db, m_clock, agency);
    auto call = [&](const char *at, qint64 seconds, qint64 rate) {
        Models::UsageRecord u;
        u.clientId = f.clientA;
        u.seconds = seconds;
        u.rateCentsPerMinute = rate;
        u.costCents = Models::UsageRepository::costCents(seconds, rate);
        u.occurredAt = utcMs(at);
        usage.recordForCall(u).value();
    };
    call("2026-03-01T07:00:00Z", 600, 20);
    call("2026-03-01T08:30:00Z", 61, 20);
    call("2026-03-14T20:00:00Z", 90, 20);
    call("2026-03-15T10:00:00Z", 45, 30);
    m_clock.setNowMs(utcMs("2026-03-15T12:00:00Z"));
    return f;
}

void tst_BillingView::progressUsageAndInvoicesEqualTheFixture()
{
    QString error;
    auto test = open(&error);
    QVERIFY2(test || error.isEmpty(), qPrintable(error));
    if (!test)
        QSKIP("PostgreSQL is not configured (CALLVIA_TEST_PG_URL)");
    Models::Database &db = test->database();
    const Fixture f = build(db);
    Services::ServiceThread reader(QStringLiteral("test-reader"), db);
    BillingView view(db, m_clock, m_admin, reader, actions(db), m_newYork);
    QTRY_COMPARE(view.findChild<QComboBox *>(QStringLiteral("clientFilter"))->count(), 3);
    view.setFilter(f.clientA, QString());
    QTRY_VERIFY(!view.isLoading());
    QVERIFY2(view.readError().isEmpty(), qPrintable(view.readError()));

    // 13 shows: 5 in milestone 1, 5 in milestone 2, 3 toward milestone 3.
    QCOMPARE(view.progressBar()->maximum(), 5);
    QCOMPARE(view.progressBar()->value(), 3);
    QCOMPARE(view.progressBar()->text(), QStringLiteral("3 of 5 shows"));
    const QString summary = view.summaryText();
    QVERIFY2(summary.contains(QLatin1String("Milestones so far: 2")), qPrintable(summary));
    // (61 + 90) s x 20 = 3020 -> (3020 + 30) / 60 = 50 c; 45 s x 30 = 1350 -> 23 c: $0.73 in 196 s.
    QVERIFY2(summary.contains(QLatin1String("$0.73")), qPrintable(summary));
    QVERIFY2(summary.contains(QLatin1String("3.3 min, 3 calls")), qPrintable(summary));
    QVERIFY2(summary.contains(QLatin1String("March 2026")), qPrintable(summary));
    QVERIFY2(summary.contains(QLatin1String("cus_A1")), qPrintable(summary));
    QVERIFY2(summary.contains(QLatin1String("Payment method:</b> not known")), qPrintable(summary));
    QVERIFY2(summary.contains(QLatin1String("4 of the 5 shows billed by milestone 1")), qPrintable(summary));

    QTableWidget *milestones = view.milestoneTable();
    QCOMPARE(column(milestones, BillingView::MilestoneNumberColumn),
             QStringList({ QStringLiteral("Milestone 1"), QStringLiteral("Milestone 2") }));
    QCOMPARE(column(milestones, BillingView::FlagColumn), QStringList({ QStringLiteral("Credit note needed"), QString() }));
    QCOMPARE(column(milestones, BillingView::MilestoneAmountColumn),
             QStringList({ QStringLiteral("$2,000.00"), QStringLiteral("$2,000.00") }));

    QTableWidget *invoices = view.invoiceTable();
    QCOMPARE(invoices->rowCount(), 3); // newest first, client B's not among them
    QCOMPARE(column(invoices, BillingView::NumberColumn),
             QStringList({ QStringLiteral("—"), QStringLiteral("A-0002"), QStringLiteral("A-0001") }));
    QCOMPARE(column(invoices, BillingView::KindColumn),
             QStringList({ QStringLiteral("Milestone 2"), QStringLiteral("Call minutes 2026-02"),
                           QStringLiteral("Milestone 1") }));
    QCOMPARE(column(invoices, BillingView::AmountColumn),
             QStringList({ QStringLiteral("$2,000.00"), QStringLiteral("$12.34"), QStringLiteral("$2,000.00") }));
    QCOMPARE(column(invoices, BillingView::StatusColumn),
             QStringList({ QStringLiteral("Failed at Stripe (invoice step)"), QStringLiteral("Open"),
                           QStringLiteral("Paid") }));
    QCOMPARE(invoices->item(0, BillingView::ErrorColumn)->text(), failedStripeError);
    // Dates in the viewer's zone: paid at 03:30Z on February 12, still the 11th in New York.
    QCOMPARE(invoices->item(1, BillingView::CreatedColumn)->text(), QStringLiteral("3/1/26"));
    QCOMPARE(invoices->item(2, BillingView::PaidColumn)->text(), QStringLiteral("2/11/26"));
    QCOMPARE(invoices->item(2, BillingView::StripeColumn)->text(), QStringLiteral("Invoice page"));
    QCOMPARE(invoices->item(2, BillingView::StripeColumn)->data(BillingView::HostedUrlRole).toString(),
             QStringLiteral("https://invoice.stripe.com/i/acct_1/test_A1"));
    QVERIFY(invoices->item(1, BillingView::StripeColumn)->data(BillingView::HostedUrlRole).isNull());

    // All clients: every invoice, with its client.
    view.setFilter(0, QString());
    QTRY_VERIFY(!view.isLoading());
    QCOMPARE(view.invoiceTable()->rowCount(), 4);
    QCOMPARE(view.invoiceTable()->item(0, BillingView::ClientColumn)->text(), QStringLiteral("Peak Roofing"));
    QVERIFY(view.summaryText().isEmpty());
}

void tst_BillingView::statusAndPeriodFilters()
{
    QString error;
    auto test = open(&error);
    QVERIFY2(test || error.isEmpty(), qPrintable(error));
    if (!test)
        QSKIP("PostgreSQL is not configured (CALLVIA_TEST_PG_URL)");
    Models::Database &db = test->database();
    const Fixture f = build(db);
    Services::ServiceThread reader(QStringLiteral("test-reader"), db);
    BillingView view(db, m_clock, m_admin, reader, actions(db), m_newYork);
    auto numbers = [&](qint64 client, const QString &status, BillingView::Period period) {
        view.setFilter(client, status, period);
        [&] { QTRY_VERIFY(!view.isLoading()); }();
        return column(view.invoiceTable(), BillingView::NumberColumn);
    };
    QCOMPARE(numbers(f.clientA, QStringLiteral("paid"), BillingView::AllTime), QStringList({ QStringLiteral("A-0001") }));
    QCOMPARE(numbers(f.clientA, QStringLiteral("open"), BillingView::AllTime), QStringList({ QStringLiteral("A-0002") }));
    QCOMPARE(numbers(f.clientA, QStringLiteral("failed"), BillingView::AllTime), QStringList({ QStringLiteral("—") }));
    QCOMPARE(numbers(0, QStringLiteral("open"), BillingView::AllTime),
             QStringList({ QStringLiteral("B-0001"), QStringLiteral("A-0002") }));
    // Created this month (March in New York) / last month.
    QCOMPARE(numbers(f.clientA, QString(), BillingView::ThisMonth),
             QStringList({ QStringLiteral("—"), QStringLiteral("A-0002") }));
    QCOMPARE(numbers(f.clientA, QString(), BillingView::LastMonth), QStringList({ QStringLiteral("A-0001") }));
    // Nothing matches: the empty state says how to see more.
    QVERIFY(numbers(f.clientA, QStringLiteral("void"), BillingView::AllTime).isEmpty());
    QVERIFY2(view.emptyText().contains(QLatin1String("Any status")), qPrintable(view.emptyText()));
}

void tst_BillingView::clientUserSeesOnlyTheirOwnBilling()
{
    QString error;
    auto test = open(&error);
    QVERIFY2(test || error.isEmpty(), qPrintable(error));
    if (!test)
        QSKIP("PostgreSQL is not configured (CALLVIA_TEST_PG_URL)");
    Models::Database &db = test->database();
    const Fixture f = build(db);
    Services::ServiceThread reader(QStringLiteral("test-reader"), db);

    const Services::Session userB(8, QStringLiteral("bob"), Services::Session::Role::Client, f.clientB);
    {
        BillingView view(db, m_clock, userB, reader, actions(db), m_newYork);
        QTRY_VERIFY(!view.isLoading());
        QVERIFY(!view.findChild<QComboBox *>(QStringLiteral("clientFilter"))->isVisibleTo(&view));
        QCOMPARE(column(view.invoiceTable(), BillingView::NumberColumn), QStringList({ QStringLiteral("B-0001") }));
        QCOMPARE(view.milestoneTable()->rowCount(), 0);
        QVERIFY(!view.summaryText().contains(QLatin1String("cus_A1")));
        // The client filter is fixed: asking for client A still shows B's own billing.
        view.setFilter(f.clientA, QString());
        QTRY_VERIFY(!view.isLoading());
        QCOMPARE(column(view.invoiceTable(), BillingView::NumberColumn), QStringList({ QStringLiteral("B-0001") }));
        QVERIFY(!view.summaryText().contains(QLatin1String("Sunrise")));
    }
    // And the read behind it, asked for client A in B's scope, returns nothing of A.
    Models::InvoiceFilter foreign;
    foreign.clientId = f.clientA;
    const Services::BillingSnapshot snapshot = Services::BillingOverview::read(db, m_clock, userB.scope(), foreign);
    QVERIFY(!snapshot.hasClient);
    QVERIFY(snapshot.invoices.isEmpty());
    QVERIFY(snapshot.milestones.isEmpty());
    const Services::Session userA(7, QStringLiteral("ana"), Services::Session::Role::Client, f.clientA);
    BillingView view(db, m_clock, userA, reader, actions(db), m_newYork);
    QTRY_VERIFY(!view.isLoading());
    QCOMPARE(view.invoiceTable()->rowCount(), 3);
    QVERIFY(!column(view.invoiceTable(), BillingView::NumberColumn).contains(QStringLiteral("B-0001")));
    QCOMPARE(view.milestoneTable()->rowCount(), 2);
    QCOMPARE(view.progressBar()->text(), QStringLiteral("3 of 5 shows"));
    // "Any status" over every period: still only A's.
    view.setFilter(0, QStringLiteral("open"));
    QTRY_VERIFY(!view.isLoading());
    QCOMPARE(column(view.invoiceTable(), BillingView::NumberColumn), QStringList({ QStringLiteral("A-0002") }));
    // No admin buttons for a client user.
    QVERIFY(!view.findChild<QPushButton *>(QStringLiteral("retryInvoice"))->isVisibleTo(&view));
    QVERIFY(!view.findChild<QPushButton *>(QStringLiteral("clearFlag"))->isVisibleTo(&view));
}

void tst_BillingView::staffCannotRetryOrClearAdminCanAndIsAudited()
{
    QString error;
    auto test = open(&error);
    QVERIFY2(test || error.isEmpty(), qPrintable(error));
    if (!test)
        QSKIP("PostgreSQL is not configured (CALLVIA_TEST_PG_URL)");
    Models::Database &db = test->database();
    const qint64 rootId = Services::AuthService(db, m_clock, 1000)
                                  .createFirstAdmin(QStringLiteral("root"), QStringLiteral("river-stone-42-lamp"))
                                  .value();
    const Fixture f = build(db);
    const Services::Session admin(rootId, QStringLiteral("root"), Services::Session::Role::Admin, 0);
    const Services::Session staff(rootId, QStringLiteral("root"), Services::Session::Role::Staff, 0);
    const Models::OutboxRepository outbox(db, m_clock, Models::TenantScope::agency());
    auto audited = [&](const QString &action, const QString &entityId) {
        const auto rows = Models::AuditRepository(db, Models::TenantScope::agency()).list();
        int n = 0;
        for (const auto &entry : rows.value())
            n += entry.action == action && entry.entityId == entityId && entry.userId == rootId ? 1 : 0;
        return n;
    };
    Services::ServiceThread reader(QStringLiteral("test-reader"), db);
    {
        BillingView view(db, m_clock, staff, reader, actions(db), m_newYork);
        QVERIFY(!view.findChild<QPushButton *>(QStringLiteral("retryInvoice"))->isVisibleTo(&view));
        QVERIFY(!view.findChild<QPushButton *>(QStringLiteral("clearFlag"))->isVisibleTo(&view));
        // Even called directly, the service refuses and audits the refusal.
        view.retryInvoice(f.failedInvoice);
        QTRY_VERIFY(!view.isLoading());
        QVERIFY2(view.actionError().contains(QLatin1String("Permission denied")), qPrintable(view.actionError()));
        view.clearMilestoneFlag(f.milestone1, QStringLiteral("CN-1"));
        QTRY_VERIFY(!view.isLoading());
        QVERIFY2(view.actionError().contains(QLatin1String("Permission denied")), qPrintable(view.actionError()));
        QCOMPARE(outbox.find(f.failedOutbox).value().status, QStringLiteral("failed"));
        QCOMPARE(audited(QStringLiteral("invoice.retry"), QString::number(f.failedInvoice)), 0);
        QCOMPARE(audited(QStringLiteral("milestone.flag_cleared"), QString::number(f.milestone1)), 0);
    }

    BillingView view(db, m_clock, admin, reader, actions(db), m_newYork);
    QSignalSpy retried(&view, &BillingView::invoiceRetried);
    QVERIFY(view.findChild<QPushButton *>(QStringLiteral("retryInvoice"))->isVisibleTo(&view));
    QVERIFY(view.findChild<QPushButton *>(QStringLiteral("clearFlag"))->isVisibleTo(&view));
    view.setFilter(f.clientA, QString());
    QTRY_VERIFY(!view.isLoading());
    view.invoiceTable()->selectRow(0); // the failed one: retry is offered
    QVERIFY(view.findChild<QPushButton *>(QStringLiteral("retryInvoice"))->isEnabled());
    view.invoiceTable()->selectRow(1);
    QVERIFY(!view.findChild<QPushButton *>(QStringLiteral("retryInvoice"))->isEnabled());

    view.retryInvoice(f.failedInvoice);
    QTRY_VERIFY(!view.isLoading());
    QVERIFY2(view.actionError().isEmpty(), qPrintable(view.actionError()));
    QCOMPARE(retried.count(), 1);
    QCOMPARE(outbox.find(f.failedOutbox).value().status, QStringLiteral("pending"));
    QCOMPARE(audited(QStringLiteral("invoice.retry"), QString::number(f.failedInvoice)), 1);
    QCOMPARE(view.invoiceTable()->item(0, BillingView::StatusColumn)->text(),
             QStringLiteral("Draft, sending to Stripe (invoice step)"));
    // Not failed any more: a second retry is refused.
    view.retryInvoice(f.failedInvoice);
    QTRY_VERIFY(!view.isLoading());
    QVERIFY2(view.actionError().contains(QLatin1String("no failed Stripe step")), qPrintable(view.actionError()));

    // Clearing the flag needs a note.
    view.clearMilestoneFlag(f.milestone1, QStringLiteral("  "));
    QTRY_VERIFY(!view.isLoading());
    QVERIFY2(view.actionError().contains(QLatin1String("note is required")), qPrintable(view.actionError()));
    view.clearMilestoneFlag(f.milestone1, QStringLiteral("Credit note CN-0007 issued in Stripe"));
    QTRY_VERIFY(!view.isLoading());
    QVERIFY2(view.actionError().isEmpty(), qPrintable(view.actionError()));
    QCOMPARE(audited(QStringLiteral("milestone.flag_cleared"), QString::number(f.milestone1)), 1);
    QCOMPARE(column(view.milestoneTable(), BillingView::FlagColumn), QStringList({ QString(), QString() }));
    QVERIFY(!view.summaryText().contains(QLatin1String("credit note needed")));
    const auto entries = Models::AuditRepository(db, Models::TenantScope::agency()).list().value();
    bool noted = false;
    for (const auto &entry : entries)
        noted = noted || (entry.action == QLatin1String("milestone.flag_cleared") && entry.afterJson.contains(QLatin1String("CN-0007")));
    QVERIFY(noted);
}

void tst_BillingView::emptyStateSaysWhatToDo()
{
    QString skip, error;
    auto test = Tests::TestDatabase::create(QStringLiteral("sqlite"), &skip, &error);
    QVERIFY2(test, qPrintable(error));
    Models::Database &db = test->database();
    Models::ClientRecord c;
    c.name = QStringLiteral("Oak Law Group");
    const qint64 id = Models::ClientRepository(db, m_clock, Models::TenantScope::agency()).insert(c).value();
    Services::ServiceThread reader(QStringLiteral("test-reader"), db);
    BillingView view(db, m_clock, m_admin, reader, actions(db), m_newYork);
    view.setFilter(id, QString());
    QTRY_VERIFY(!view.isLoading());
    QVERIFY2(view.emptyText().startsWith(QLatin1String("No invoices yet.")), qPrintable(view.emptyText()));
    QVERIFY(view.emptyText().contains(QLatin1String("25 shown appointments")));
    QCOMPARE(view.progressBar()->text(), QStringLiteral("0 of 25 shows"));
    QVERIFY2(view.summaryText().contains(QLatin1String("Stripe customer:</b> none yet")), qPrintable(view.summaryText()));
}

QTEST_MAIN(tst_BillingView)
#include "tst_billingview.moc"
