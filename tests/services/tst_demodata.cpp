#include <common/testdatabase.h>

#include <models/campaignrepository.h>
#include <models/clientrepository.h>
#include <models/clock.h>
#include <models/leadrepository.h>
#include <services/demodata.h>

#include <QtTest>

using namespace Callvia;

class tst_DemoData : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void loadsALivingAgencyIntoAnEmptyDatabase_data() { Tests::TestDatabase::addBackendRows(); }
    void loadsALivingAgencyIntoAnEmptyDatabase();
};

void tst_DemoData::loadsALivingAgencyIntoAnEmptyDatabase()
{
    CALLVIA_TEST_DATABASE(db);
    Models::TestClock clock;
    Services::DemoData demo(db, clock);
    QVERIFY(demo.isEmpty().value());
    const Models::DbError error = demo.load();
    QVERIFY2(!error, qPrintable(error.message()));
    QVERIFY(!demo.isEmpty().value());
    const auto clients = Models::ClientRepository(db, clock).list().value();
    QVERIFY(clients.size() >= 3);
    const auto stats = Models::CampaignRepository(db, clock).stats().value();
    qint64 leads = 0, booked = 0, shown = 0;
    for (const auto &s : stats) {
        leads += s.leadsTotal;
        booked += s.booked;
        shown += s.shown;
    }
    QVERIFY2(leads >= 2000, qPrintable(QString::number(leads)));
    QVERIFY(booked > 0);
    QVERIFY(shown > 0);
}

QTEST_GUILESS_MAIN(tst_DemoData)
#include "tst_demodata.moc"
