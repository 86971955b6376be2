#include <common/testdatabase.h>

#include <models/repositories/campaignrepository.h>
#include <models/itemmodels/campaigntablemodel.h>
#include <models/repositories/clientrepository.h>
#include <models/itemmodels/clienttablemodel.h>
#include <models/clock.h>

#include <QAbstractItemModelTester>
#include <QtTest>

using namespace Callvia;
using namespace Callvia::Models;

class tst_TableModels : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void formatsCents_data();
    void formatsCents();
    void clientModelListsClients();
    void campaignModelShowsStats();

private:
    TestClock m_clock;
};

void tst_TableModels::formatsCents_data()
{
    QTest::addColumn<qint64>("cents");
    QTest::addColumn<QString>("text");
    QTest::newRow("zero") << qint64(0) << "$0.00";
    QTest::newRow("twenty cents") << qint64(20) << "$0.20";
    QTest::newRow("milestone") << qint64(200000) << "$2,000.00";
    QTest::newRow("millions") << qint64(123456789) << "$1,234,567.89";
    QTest::newRow("negative") << qint64(-5) << "-$0.05";
}

void tst_TableModels::formatsCents()
{
    QFETCH(qint64, cents);
    QFETCH(QString, text);
    QCOMPARE(formatCents(cents, QStringLiteral("usd")), text);
}

void tst_TableModels::clientModelListsClients()
{
    QString skip, error;
    auto test = Tests::TestDatabase::create(QStringLiteral("sqlite"), &skip, &error);
    QVERIFY2(test, qPrintable(error));
    ClientRepository repository(test->database(), m_clock, TenantScope::agency());
    for (const char *name : { "Zeta", "Alpha", "Mid" }) {
        ClientRecord c;
        c.name = QString::fromLatin1(name);
        QVERIFY(repository.insert(c).ok());
    }
    ClientTableModel model(repository);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.refresh(false).isEmpty());
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.index(0, ClientTableModel::NameColumn).data().toString(), QStringLiteral("Alpha"));
    QCOMPARE(model.index(0, ClientTableModel::RateColumn).data().toString(), QStringLiteral("$0.20/min"));
    QCOMPARE(model.index(0, ClientTableModel::MilestoneColumn).data().toString(), QStringLiteral("$2,000.00 per 25 shows"));
}

void tst_TableModels::campaignModelShowsStats()
{
    QString skip, error;
    auto test = Tests::TestDatabase::create(QStringLiteral("sqlite"), &skip, &error);
    QVERIFY2(test, qPrintable(error));
    ClientRepository clients(test->database(), m_clock, TenantScope::agency());
    CampaignRepository campaigns(test->database(), m_clock, TenantScope::agency());
    ClientRecord c;
    c.name = QStringLiteral("Acme");
    const qint64 clientId = clients.insert(c).value();
    CampaignRecord campaign;
    campaign.clientId = clientId;
    campaign.name = QStringLiteral("Spring");
    QVERIFY(campaigns.insert(campaign).ok());
    CampaignTableModel model(campaigns, clients);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.refresh(0, false).isEmpty());
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0, CampaignTableModel::ClientColumn).data().toString(), QStringLiteral("Acme"));
    QCOMPARE(model.index(0, CampaignTableModel::LeadsColumn).data().toLongLong(), 0);
}

QTEST_GUILESS_MAIN(tst_TableModels)
#include "tst_tablemodels.moc"
