// The dashboard (issue 23): the six KPI figures and both charts' series over a small fixture
// with known numbers, a period that straddles New York's change to daylight time (a 71-hour
// "three days"), the previous period of the same length, the per-client filter, and a client
// user who sees only their own client. Real SQLite file and, when configured, PostgreSQL.
#include <common/testdatabase.h>
#include <models/repositories/appointmentrepository.h>
#include <models/repositories/calllogrepository.h>
#include <models/repositories/campaignrepository.h>
#include <models/repositories/clientrepository.h>
#include <models/clock.h>
#include <models/repositories/leadrepository.h>
#include <services/auth/session.h>
#include <services/servicethread.h>
#include <ui/appointments/appointmentsview.h>
#include <ui/billing/billingview.h>
#include <ui/dashboard/dashboardview.h>
#include <ui/leads/leadsview.h>
#include <ui/shell/mainwindow.h>

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QFrame>
#include <QTableWidget>
#include <QSqlError>
#include <QSqlQuery>
#include <QtTest>

using namespace Callvia;

namespace {

qint64 utcMs(const char *iso)
{
    return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate).toMSecsSinceEpoch();
}

} // namespace

class tst_DashboardView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }
    void figuresAndChartsMatchTheFixture_data() { Tests::TestDatabase::addBackendRows(); }
    void figuresAndChartsMatchTheFixture();
    void clickOnCardOpensFilteredList_data() { Tests::TestDatabase::addBackendRows(); }
    void clickOnCardOpensFilteredList();

private:
    void seed(Models::Database &db);
    Models::TestClock m_clock { utcMs("2026-03-10T16:00:00Z") };
    const QTimeZone m_newYork { "America/New_York" };
    qint64 m_a = 0;
    qint64 m_b = 0;
};

void tst_DashboardView::seed(Models::Database &db)
{
    const auto agency = Models::TenantScope::agency();
    auto client = [&](const QString &name) {
        Models::ClientRecord c;
        c.name = name;
        const qint64 id = Models::ClientRepository(db, m_clock, agency).insert(c).value();
        Models::CampaignRecord campaign;
        campaign.clientId = id;
        campaign.name = QStringLiteral("Main");
        const qint64 campaignId = Models::CampaignRepository(db, m_clock, agency).insert(campaign).value();
        return std::make_pair(id, campaignId);
    };
    const auto [a, campaignA] = client(QStringLiteral("Client A"));
    const auto [b, campaignB] = client(QStringLiteral("Client B"));
    m_a = a;
    m_b = b;
    QSqlQuery sql(db.connection());
    int n = 0;
    auto lead = [&](qint64 clientId, qint64 campaignId, const char *createdAt, const char *status) -> qint64 {
        Models::LeadRecord l;
        l.clientId = clientId;
        l.campaignId = campaignId;
        l.firstName = QStringLiteral("Lead%1").arg(++n);
        l.phoneE164 = QStringLiteral("+1415555%1").arg(100 + n);
        l.status = QString::fromLatin1(status);
        const qint64 id = Models::LeadRepository(db, m_clock, agency).insert(l).value();
        sql.prepare(QStringLiteral("UPDATE leads SET created_at = ? WHERE id = ?"));
        sql.addBindValue(utcMs(createdAt));
        sql.addBindValue(id);
        if (!sql.exec())
            QTest::qFail(qPrintable(sql.lastError().text()), __FILE__, __LINE__);
        return id;
    };
    // The period is 2026-03-07 00:00 EST (05:00Z) to 2026-03-10 00:00 EDT (04:00Z).
    const qint64 l1 = lead(a, campaignA, "2026-03-07T05:30:00Z", "shown"); // Mar 7 00:30 EST
    const qint64 l2 = lead(a, campaignA, "2026-03-07T04:30:00Z", "new"); // Mar 6 23:30 EST: the previous period
    lead(a, campaignA, "2026-03-10T03:30:00Z", "contacted"); // Mar 9 23:30 EDT
    const qint64 l4 = lead(a, campaignA, "2026-03-08T12:00:00Z", "booked");
    const qint64 l5 = lead(b, campaignB, "2026-03-08T12:00:00Z", "no_show");
    // Last called: l2 (added before the period) and l4 inside it, l1 on March 10 (after it).
    for (const auto &[id, at] : { std::pair { l2, "2026-03-08T15:00:00Z" }, std::pair { l4, "2026-03-09T15:00:00Z" },
                                  std::pair { l1, "2026-03-10T15:00:00Z" } }) {
        sql.prepare(QStringLiteral("UPDATE leads SET last_contacted_at = ? WHERE id = ?"));
        sql.addBindValue(utcMs(at));
        sql.addBindValue(id);
        if (!sql.exec())
            QTest::qFail(qPrintable(sql.lastError().text()), __FILE__, __LINE__);
    }

    auto call = [&](qint64 clientId, const char *startedAt, qint64 durationMs, int voicemail) {
        Models::CallLogRecord c;
        c.clientId = clientId;
        c.retellCallId = QStringLiteral("call_%1").arg(++n);
        c.callStatus = QStringLiteral("ended");
        c.startedAt = utcMs(startedAt);
        c.endedAt = c.startedAt + durationMs;
        c.durationMs = durationMs;
        c.inVoicemail = voicemail;
        QVERIFY(Models::CallLogRepository(db, m_clock, agency).upsert(c).ok());
    };
    call(a, "2026-03-07T15:00:00Z", 60'000, 0); // Mar 7, connected
    call(a, "2026-03-08T06:30:00Z", 5'000, 0); // Mar 8 01:30 EST, too short
    call(a, "2026-03-09T03:45:00Z", 30'000, 1); // Mar 8 23:45 EDT, voicemail
    call(b, "2026-03-09T15:00:00Z", 120'000, 0); // Mar 9, connected
    call(a, "2026-03-06T15:00:00Z", 20'000, 0); // previous period, connected

    auto appointment = [&](qint64 clientId, qint64 leadId, const char *createdAt, const char *startsAt, const char *status) {
        Models::AppointmentRecord r;
        r.clientId = clientId;
        r.leadId = leadId;
        r.bookingUid = QStringLiteral("uid-%1").arg(++n);
        r.createdAt = utcMs(createdAt);
        r.startsAt = utcMs(startsAt);
        r.endsAt = r.startsAt + 1'800'000;
        r.status = QString::fromLatin1(status);
        QVERIFY(Models::AppointmentRepository(db, m_clock, agency).upsert(r).ok());
    };
    appointment(a, l1, "2026-03-07T15:01:00Z", "2026-03-08T15:00:00Z", "shown");
    appointment(b, l5, "2026-03-09T15:02:00Z", "2026-03-09T18:00:00Z", "no_show");
    appointment(a, l4, "2026-03-08T06:45:00Z", "2026-03-12T15:00:00Z", "scheduled"); // Mar 8 01:45 EST

    auto invoice = [&](qint64 clientId, const char *kind, const char *status, qint64 cents, const char *createdAt,
                       const QVariant &paidAt) {
        QVERIFY(sql.prepare(QStringLiteral("INSERT INTO invoices (client_id, kind, status, amount_cents, currency, "
                                           "created_at, updated_at, paid_at) VALUES (?, ?, ?, ?, 'usd', ?, ?, ?)")));
        for (const QVariant &v : { QVariant(clientId), QVariant(QString::fromLatin1(kind)), QVariant(QString::fromLatin1(status)),
                                   QVariant(cents), QVariant(utcMs(createdAt)), QVariant(utcMs(createdAt)), paidAt })
            sql.addBindValue(v);
        QVERIFY2(sql.exec(), qPrintable(sql.lastError().text()));
    };
    invoice(a, "milestone", "paid", 200000, "2026-03-08T12:00:00Z", utcMs("2026-03-09T12:00:00Z"));
    invoice(b, "usage", "open", 1234, "2026-03-07T12:00:00Z", QVariant(QMetaType::fromType<qint64>()));
    invoice(a, "manual", "void", 5000, "2026-03-08T12:00:00Z", QVariant(QMetaType::fromType<qint64>()));
}

void tst_DashboardView::figuresAndChartsMatchTheFixture()
{
    QFETCH(QString, backend);
    QString skip, error;
    auto test = Tests::TestDatabase::create(backend, &skip, &error);
    QVERIFY2(test || error.isEmpty(), qPrintable(error));
    if (!test)
        QSKIP(qPrintable(skip));
    Models::Database &db = test->database();
    seed(db);
    if (QTest::currentTestFailed())
        return;

    Services::ServiceThread reader(QStringLiteral("test-reader"), db);
    const Services::Session admin(1, QStringLiteral("root"), Services::Session::Role::Admin, 0);
    Ui::DashboardView view(db, m_clock, admin, reader, m_newYork);
    view.setPeriod(Ui::DashboardView::Custom, QDate(2026, 3, 7), QDate(2026, 3, 9));
    QTRY_VERIFY(!view.isLoading());
    QVERIFY2(view.error().isEmpty(), qPrintable(view.error()));
    QCOMPARE(view.toMs() - view.fromMs(), qint64(71) * 3'600'000); // a day of 23 hours inside
    const Models::DashboardFigures &f = view.figures();
    QCOMPARE(f.leadsAdded, 4);
    QCOMPARE(f.callsPlaced, 4);
    QCOMPARE(f.callsConnected, 2);
    QCOMPARE(f.appointmentsBooked, 3);
    QCOMPARE(f.shown, 1);
    QCOMPARE(f.noShow, 1);
    QCOMPARE(f.invoicedCents.value(QStringLiteral("usd")), 201234);
    QCOMPARE(f.paidCents.value(QStringLiteral("usd")), 200000);
    QCOMPARE((QList<qint64> { f.funnelNew, f.funnelContacted, f.funnelBooked, f.funnelShown }), (QList<qint64> { 4, 4, 3, 1 }));
    QCOMPARE(view.previousFigures().leadsAdded, 1);
    QCOMPARE(view.previousFigures().callsPlaced, 1);
    QCOMPARE(view.cardValue(Ui::DashboardView::LeadsCard), QStringLiteral("4"));
    QCOMPARE(view.cardChange(Ui::DashboardView::LeadsCard), QStringLiteral("+3 (+300 %) vs previous period"));
    QCOMPARE(view.cardValue(Ui::DashboardView::ConnectCard), QStringLiteral("50.0 %"));
    QCOMPARE(view.cardValue(Ui::DashboardView::ShowRateCard), QStringLiteral("50.0 %"));
    QCOMPARE(view.cardValue(Ui::DashboardView::RevenueCard), QStringLiteral("$2,012.34"));
    // Calls and bookings per New York day: 01:30 EST and 23:45 EDT both fall on March 8.
    const auto &days = view.days();
    QCOMPARE(days.size(), 3);
    QCOMPARE(days[0].date, QDate(2026, 3, 7));
    QCOMPARE((QList<qint64> { days[0].calls, days[1].calls, days[2].calls }), (QList<qint64> { 1, 2, 1 }));
    QCOMPARE((QList<qint64> { days[0].appointments, days[1].appointments, days[2].appointments }), (QList<qint64> { 1, 1, 1 }));

    // One client chosen by the agency.
    QTRY_COMPARE(view.findChild<QComboBox *>(QStringLiteral("clientFilter"))->count(), 3);
    view.setClient(m_a);
    QTRY_VERIFY(!view.isLoading());
    QCOMPARE(view.figures().leadsAdded, 3);
    QCOMPARE(view.figures().callsPlaced, 3);
    QCOMPARE(view.figures().invoicedCents.value(QStringLiteral("usd")), 200000);

    // A client user of B sees B only, whatever the filter says.
    const Services::Session clientB(9, QStringLiteral("bea"), Services::Session::Role::Client, m_b);
    Ui::DashboardView own(db, m_clock, clientB, reader, m_newYork);
    own.setPeriod(Ui::DashboardView::Custom, QDate(2026, 3, 7), QDate(2026, 3, 9));
    QTRY_VERIFY(!own.isLoading());
    QCOMPARE(own.figures().leadsAdded, 1);
    QCOMPARE(own.figures().callsPlaced, 1);
    QCOMPARE(own.figures().callsConnected, 1);
    QCOMPARE(own.figures().appointmentsBooked, 1);
    QCOMPARE(own.figures().noShow, 1);
    QCOMPARE(own.cardValue(Ui::DashboardView::RevenueCard), QStringLiteral("$12.34"));
    QCOMPARE(own.findChild<QComboBox *>(QStringLiteral("clientFilter"))->isVisible(), false);

    // Last 7 days from March 10 (the clock): March 4 to 10.
    view.setPeriod(Ui::DashboardView::Last7Days);
    QTRY_VERIFY(!view.isLoading());
    QCOMPARE(view.days().size(), 7);
    QCOMPARE(view.days().first().date, QDate(2026, 3, 4));
}

namespace {

QStringList names(const QTableWidget *table)
{
    QStringList names;
    for (int r = 0; r < table->rowCount(); ++r)
        names << table->item(r, Ui::LeadsView::NameColumn)->text();
    names.sort();
    return names;
}

} // namespace

// A click on a card or a funnel bar switches the main window to the list behind the number,
// filtered by the dashboard's client and period (issue 23: "a click on a card opens the right
// filtered list").
void tst_DashboardView::clickOnCardOpensFilteredList()
{
    QFETCH(QString, backend);
    QString skip, error;
    auto test = Tests::TestDatabase::create(backend, &skip, &error);
    QVERIFY2(test || error.isEmpty(), qPrintable(error));
    if (!test)
        QSKIP(qPrintable(skip));
    Models::Database &db = test->database();
    seed(db);
    if (QTest::currentTestFailed())
        return;

    Services::ServiceThread reader(QStringLiteral("test-reader"), db);
    const Services::Session admin(1, QStringLiteral("root"), Services::Session::Role::Admin, 0);
    Ui::MainWindow window(db, m_clock, admin);
    auto *dashboard = new Ui::DashboardView(db, m_clock, admin, reader, m_newYork);
    auto *leads = new Ui::LeadsView(db, m_clock, admin, reader, m_newYork);
    auto *appointments = new Ui::AppointmentsView(db, m_clock, admin, reader, m_newYork);
    auto *billing = new Ui::BillingView(db, m_clock, admin, reader, {}, m_newYork);
    window.setSectionWidget(Ui::MainWindow::Leads, leads);
    window.setSectionWidget(Ui::MainWindow::Appointments, appointments);
    window.setSectionWidget(Ui::MainWindow::Billing, billing);
    window.setSectionWidget(Ui::MainWindow::Dashboard, dashboard);
    window.showSection(Ui::MainWindow::Dashboard);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTRY_COMPARE(dashboard->findChild<QComboBox *>(QStringLiteral("clientFilter"))->count(), 3);
    for (QWidget *view : std::initializer_list<QWidget *> { leads, appointments, billing })
        QTRY_COMPARE(view->findChild<QComboBox *>(QStringLiteral("clientFilter"))->count(), 3);
    dashboard->setPeriod(Ui::DashboardView::Custom, QDate(2026, 3, 7), QDate(2026, 3, 9));
    dashboard->setClient(m_a);
    QTRY_VERIFY(!dashboard->isLoading());
    QCOMPARE(dashboard->figures().leadsAdded, 3);

    // "Leads added": client A's leads added March 7 to 9 (New York days), not the one of March 6.
    QTest::mouseClick(dashboard->cardFrame(Ui::DashboardView::LeadsCard), Qt::LeftButton);
    QCOMPARE(window.currentSection(), Ui::MainWindow::Leads);
    QTRY_VERIFY(!leads->isLoading());
    QCOMPARE(leads->query().clientId, m_a);
    QVERIFY(leads->findChild<QCheckBox *>(QStringLiteral("createdFilter"))->isChecked());
    QCOMPARE(leads->findChild<QDateEdit *>(QStringLiteral("createdFrom"))->date(), QDate(2026, 3, 7));
    QCOMPARE(leads->findChild<QDateEdit *>(QStringLiteral("createdTo"))->date(), QDate(2026, 3, 9));
    QCOMPARE(leads->query().createdFrom, dashboard->fromMs());
    QCOMPARE(leads->query().createdTo, dashboard->toMs());
    QCOMPARE(names(leads->table()), (QStringList { QStringLiteral("Lead1"), QStringLiteral("Lead3"), QStringLiteral("Lead4") }));
    QCOMPARE(qint64(leads->table()->rowCount()), dashboard->figures().leadsAdded);

    // The funnel's "Booked" bar: the period's leads that got at least as far as a booking.
    window.showSection(Ui::MainWindow::Dashboard);
    Q_EMIT dashboard->listRequested(dashboard->requestForStage(1));
    QCOMPARE(window.currentSection(), Ui::MainWindow::Leads);
    QTRY_VERIFY(!leads->isLoading());
    QCOMPARE(names(leads->table()), (QStringList { QStringLiteral("Lead1"), QStringLiteral("Lead4") }));
    QCOMPARE(qint64(leads->table()->rowCount()), dashboard->figures().funnelBooked);

    // "Calls placed": client A's leads last called in the period, whenever they were added.
    window.showSection(Ui::MainWindow::Dashboard);
    QTest::mouseClick(dashboard->cardFrame(Ui::DashboardView::CallsCard), Qt::LeftButton);
    QCOMPARE(window.currentSection(), Ui::MainWindow::Leads);
    QTRY_VERIFY(!leads->isLoading());
    QVERIFY(!leads->findChild<QCheckBox *>(QStringLiteral("createdFilter"))->isChecked());
    QCOMPARE(names(leads->table()), (QStringList { QStringLiteral("Lead2"), QStringLiteral("Lead4") }));
    QVERIFY2(leads->filterCaption().contains(QStringLiteral("3/7/26")), qPrintable(leads->filterCaption()));

    // "Appointments booked" (keyboard): the appointments of client A, on the period's last day.
    window.showSection(Ui::MainWindow::Dashboard);
    dashboard->cardFrame(Ui::DashboardView::BookedCard)->setFocus();
    QTest::keyClick(dashboard->cardFrame(Ui::DashboardView::BookedCard), Qt::Key_Return);
    QCOMPARE(window.currentSection(), Ui::MainWindow::Appointments);
    QCOMPARE(appointments->findChild<QComboBox *>(QStringLiteral("clientFilter"))->currentData().toLongLong(), m_a);
    QTRY_VERIFY(!appointments->isLoading());
    QCOMPARE(appointments->appointmentCountOn(QDate(2026, 3, 8)), 1); // client A's shown appointment
    QCOMPARE(appointments->appointmentCountOn(QDate(2026, 3, 9)), 0); // client B's is filtered out

    // "Revenue invoiced": client A's invoices of this month (the period lies in March).
    window.showSection(Ui::MainWindow::Dashboard);
    QTest::mouseClick(dashboard->cardFrame(Ui::DashboardView::RevenueCard), Qt::LeftButton);
    QCOMPARE(window.currentSection(), Ui::MainWindow::Billing);
    QTRY_VERIFY(!billing->isLoading());
    QCOMPARE(billing->findChild<QComboBox *>(QStringLiteral("periodFilter"))->currentData().toInt(),
             int(Ui::BillingView::ThisMonth));
    QCOMPARE(billing->invoiceTable()->rowCount(), 2); // the paid milestone and the void manual one
    for (int r = 0; r < billing->invoiceTable()->rowCount(); ++r)
        QCOMPARE(billing->invoiceTable()->item(r, Ui::BillingView::ClientColumn)->text(), QStringLiteral("Client A"));
}

QTEST_MAIN(tst_DashboardView)
#include "tst_dashboardview.moc"
