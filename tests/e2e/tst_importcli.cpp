#include "cliprocess.h"

#include <models/repositories/campaignrepository.h>
#include <models/repositories/clientrepository.h>
#include <models/clock.h>
#include <models/database.h>
#include <models/sqlhelpers.h>

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace Callvia;

// `callvia import` as a real process: exit codes, the one-line JSON summary, the rejects file.
class tst_ImportCli : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void importsAndPrintsJsonSummary();
    void countsNumbersFromUnknownAreaCodes();
    void updatesOnDuplicateAndDryRun();
    void failsClearly_data();
    void failsClearly();

private:
    using Result = Tests::CliResult;
    Result run(const QStringList &arguments);
    QString write(const QString &name, const QByteArray &data);
    qint64 leadCount();

    QTemporaryDir m_dir;
    QString m_db;
    qint64 m_campaignId = 0;
};

void tst_ImportCli::initTestCase()
{
    m_db = m_dir.filePath(QStringLiteral("callvia.sqlite"));
    Models::DatabaseUrl url;
    url.path = m_db;
    Models::Database database(url);
    QVERIFY(!database.open());
    QVERIFY(!database.migrate());
    Models::TestClock clock;
    Models::ClientRecord client;
    client.name = QStringLiteral("Acme");
    Models::CampaignRecord campaign;
    campaign.clientId = Models::ClientRepository(database, clock, Models::TenantScope::agency()).insert(client).value();
    campaign.name = QStringLiteral("Spring");
    m_campaignId = Models::CampaignRepository(database, clock, Models::TenantScope::agency()).insert(campaign).value();
    QVERIFY(m_campaignId > 0);
    database.releaseThreadConnection();
}

tst_ImportCli::Result tst_ImportCli::run(const QStringList &arguments)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.path());
    return Tests::runCli(m_db, arguments, env);
}

QString tst_ImportCli::write(const QString &name, const QByteArray &data)
{
    const QString path = m_dir.filePath(name);
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write(data);
    return path;
}

qint64 tst_ImportCli::leadCount()
{
    Models::DatabaseUrl url;
    url.path = m_db;
    Models::Database database(url);
    qint64 n = -1;
    {
        auto q = Models::Sql::exec(database, QStringLiteral("SELECT COUNT(*) FROM leads"));
        if (q.ok() && q.value().next())
            n = q.value().value(0).toLongLong();
    }
    database.releaseThreadConnection();
    return n;
}

void tst_ImportCli::importsAndPrintsJsonSummary()
{
    const QString csv = write(QStringLiteral("a.csv"), "Name,Mobile,Email\nAna,(212) 555-0142,ana@x.org\n"
                                                       "Bo,+44 20 7946 0958,\nCy,12,\nDup,212.555.0142,\n");
    const QString rejects = m_dir.filePath(QStringLiteral("rejects.csv"));
    const Result r = run({ QStringLiteral("import"), QStringLiteral("--campaign"), QString::number(m_campaignId), csv,
                           QStringLiteral("--rejects"), rejects });
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(r.out.count('\n'), 1);
    const QJsonObject json = r.json();
    QCOMPARE(json.value(QStringLiteral("imported")).toInt(), 2);
    QCOMPARE(json.value(QStringLiteral("unknown_area_code")).toInt(), 0);
    QCOMPARE(json.value(QStringLiteral("duplicates_in_file")).toInt(), 1);
    QCOMPARE(json.value(QStringLiteral("rejected")).toInt(), 1);
    QCOMPARE(json.value(QStringLiteral("rejected_by_reason")).toObject().value(QStringLiteral("phone: TOO_SHORT")).toInt(), 1);
    QVERIFY(!r.err.contains("rows/s")); // stderr is not a terminal: no progress
    QFile file(rejects);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(file.readAll().contains("Cy,12,,4,phone: TOO_SHORT [12]"));
    QCOMPARE(leadCount(), 2);
}

void tst_ImportCli::updatesOnDuplicateAndDryRun()
{
    const QString csv = write(QStringLiteral("b.csv"), "phone,company\n212-555-0142,New Co\n212-555-0199,X\n");
    Result r = run({ QStringLiteral("import"), QStringLiteral("--campaign"), QString::number(m_campaignId), csv,
                     QStringLiteral("--dry-run"), QStringLiteral("--on-duplicate"), QStringLiteral("update") });
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.json().value(QStringLiteral("updated")).toInt(), 1);
    QCOMPARE(r.json().value(QStringLiteral("imported")).toInt(), 1);
    QVERIFY(r.json().value(QStringLiteral("dry_run")).toBool());
    QCOMPARE(leadCount(), 2);
    r = run({ QStringLiteral("import"), QStringLiteral("--campaign"), QString::number(m_campaignId), csv,
              QStringLiteral("--on-duplicate"), QStringLiteral("update") });
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.json().value(QStringLiteral("updated")).toInt(), 1);
    QCOMPARE(leadCount(), 3);
}

// Issue 19: a number from an area code newer than the phone data is kept; one in no data at
// all is kept too, and counted apart in the JSON summary.
void tst_ImportCli::countsNumbersFromUnknownAreaCodes()
{
    const QString csv = write(QStringLiteral("c.csv"), "phone\n(645) 234-5678\n(238) 234-5678\n(297) 234-5678\n");
    const Result r = run({ QStringLiteral("import"), QStringLiteral("--campaign"), QString::number(m_campaignId), csv,
                           QStringLiteral("--dry-run") });
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(r.json().value(QStringLiteral("imported")).toInt(), 2);
    QCOMPARE(r.json().value(QStringLiteral("unknown_area_code")).toInt(), 1);
    QCOMPARE(r.json().value(QStringLiteral("rejected")).toInt(), 1); // 29X is reserved: no area code
}

void tst_ImportCli::failsClearly_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("campaign");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");
    QTest::newRow("unreadable file") << QStringLiteral("missing.csv") << QString() << 1 << QStringLiteral("cannot read");
    QTest::newRow("unknown campaign") << QStringLiteral("ok.csv") << QStringLiteral("999") << 1 << QStringLiteral("unknown campaign 999");
    QTest::newRow("no usable columns") << QStringLiteral("nocols.csv") << QString() << 1 << QStringLiteral("no usable columns");
    QTest::newRow("bad duplicate mode") << QStringLiteral("ok.csv") << QStringLiteral("bad-mode") << 2 << QStringLiteral("--on-duplicate");
}

void tst_ImportCli::failsClearly()
{
    QFETCH(QString, file);
    QFETCH(QString, campaign);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    write(QStringLiteral("ok.csv"), "phone\n2125550100\n");
    write(QStringLiteral("nocols.csv"), "Name,Company\nAna,Acme\n");
    QStringList arguments { QStringLiteral("import"), QStringLiteral("--campaign"),
                            campaign.isEmpty() || campaign == QLatin1String("bad-mode") ? QString::number(m_campaignId) : campaign,
                            m_dir.filePath(file) };
    if (campaign == QLatin1String("bad-mode"))
        arguments << QStringLiteral("--on-duplicate") << QStringLiteral("merge");
    const Result r = run(arguments);
    QCOMPARE(r.exitCode, exitCode);
    QVERIFY2(r.err.contains(message.toUtf8()), r.err.constData());
}

QTEST_GUILESS_MAIN(tst_ImportCli)
#include "tst_importcli.moc"
