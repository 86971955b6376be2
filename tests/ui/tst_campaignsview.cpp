// The campaigns view reads its list and the per-campaign statistics on the reader thread (issue 23
// item 5: at 1,000,000 leads the statistics take 0.2 s, which froze the window on the GUI thread):
// the rows and counts arrive from the reader, the newest refresh wins over an older one still
// running, a new campaign is selected when the list that holds it arrives, and a client user's
// view never lists another client's campaign.
#include <common/testdatabase.h>
#include <models/repositories/campaignrepository.h>
#include <models/itemmodels/campaigntablemodel.h>
#include <models/repositories/clientrepository.h>
#include <models/clock.h>
#include <models/database.h>
#include <models/repositories/leadrepository.h>
#include <services/auth/session.h>
#include <services/management/campaignservice.h>
#include <services/servicethread.h>
#include <ui/campaigns/campaignsview.h>

#include <QComboBox>
#include <QTableView>
#include <QtTest>

using namespace Callvia;

class tst_CampaignsView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }
    void statisticsArriveFromTheReader_data() { Tests::TestDatabase::addBackendRows(); }
    void statisticsArriveFromTheReader();

private:
    Models::TestClock m_clock { 1'780'000'000'000 };
};

void tst_CampaignsView::statisticsArriveFromTheReader()
{
    CALLVIA_TEST_DATABASE(db);
    const auto agency = Models::TenantScope::agency();
    auto addCampaign = [&](qint64 clientId, const QString &name) {
        Models::CampaignRecord campaign;
        campaign.clientId = clientId;
        campaign.name = name;
        return Models::CampaignRepository(db, m_clock, agency).insert(campaign).value();
    };
    Models::ClientRecord a;
    a.name = QStringLiteral("Acme Dental");
    const qint64 clientA = Models::ClientRepository(db, m_clock, agency).insert(a).value();
    Models::ClientRecord b;
    b.name = QStringLiteral("Blue Sky Solar");
    const qint64 clientB = Models::ClientRepository(db, m_clock, agency).insert(b).value();
    const qint64 spring = addCampaign(clientA, QStringLiteral("Spring"));
    const qint64 solar = addCampaign(clientB, QStringLiteral("Rooftops"));
    const Models::LeadRepository leads(db, m_clock, agency);
    {
        Models::Transaction tx(db);
        const char *statuses[] = { "new", "contacted", "booked", "shown", "no_show", "dnc" };
        for (int i = 0; i < 60; ++i) {
            Models::LeadRecord l;
            l.clientId = i < 42 ? clientA : clientB;
            l.campaignId = i < 42 ? spring : solar;
            l.phoneE164 = QStringLiteral("+1212555%1").arg(3000 + i);
            l.status = QString::fromLatin1(statuses[i % 6]);
            QVERIFY(leads.insert(l).ok());
        }
        QVERIFY(!tx.commit());
    }

    Services::ServiceThread reader(QStringLiteral("test-reader"), db);
    const Services::Session admin(1, QStringLiteral("root"), Services::Session::Role::Admin, 0);
    const Models::CampaignRepository campaigns(db, m_clock, admin.scope());
    const Models::ClientRepository clients(db, m_clock, admin.scope());
    const Services::CampaignService service(db, m_clock);
    Ui::CampaignsView view(campaigns, clients, service, admin);
    QCOMPARE(view.model()->rowCount(), 2); // without a reader: read in place
    view.setReader(&reader);
    QVERIFY(view.isLoading()); // posted, not read here
    QTRY_VERIFY(!view.isLoading());
    QCOMPARE(view.model()->rowCount(), 2);
    const Models::CampaignStats stats = view.model()->stats(spring);
    QCOMPARE(stats.leadsTotal, 42);
    QCOMPARE(stats.fresh, 7);
    QCOMPARE(stats.booked, 7);
    QCOMPARE(stats.shown, 7);
    QCOMPARE(stats.dnc, 7);
    QCOMPARE(view.model()->stats(solar).leadsTotal, 18);
    const int springRow = view.model()->rowOf(spring);
    QCOMPARE(view.model()->index(springRow, Models::CampaignTableModel::ShowRateColumn).data().toString(),
             QStringLiteral("50%")); // 7 shown of 14 verdicts

    // Two refreshes in a row (the filter changed twice): only the newest answer is applied.
    auto *filter = view.findChild<QComboBox *>(QStringLiteral("clientFilter"));
    QVERIFY(filter);
    filter->setCurrentIndex(filter->findData(clientA));
    filter->setCurrentIndex(filter->findData(clientB));
    QTRY_VERIFY(!view.isLoading());
    QCOMPARE(view.model()->rowCount(), 1);
    QCOMPARE(view.model()->record(0).id, solar);

    // A client user's view lists only that client's campaigns, also through the reader.
    const Services::Session clientUser(2, QStringLiteral("acme"), Services::Session::Role::Client, clientA);
    const Models::CampaignRepository scopedCampaigns(db, m_clock, clientUser.scope());
    const Models::ClientRepository scopedClients(db, m_clock, clientUser.scope());
    Ui::CampaignsView scoped(scopedCampaigns, scopedClients, service, clientUser);
    scoped.setReader(&reader);
    QTRY_VERIFY(!scoped.isLoading());
    QCOMPARE(scoped.model()->rowCount(), 1);
    QCOMPARE(scoped.model()->record(0).id, spring);
    reader.stop();
}

QTEST_MAIN(tst_CampaignsView)
#include "tst_campaignsview.moc"
