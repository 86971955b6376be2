// `callvia dnc import FILE [--client ID]` and `callvia dnc list` as a real process (issue 25
// item 3): the summary on stdout, every bad row on stderr by line and field, exit 0 with the
// good rows kept; an unusable file or bad arguments give a message and a non-zero exit.
// SQLite and PostgreSQL.
#include "cliprocess.h"

#include <common/testdatabase.h>
#include <models/clock.h>
#include <models/repositories/clientrepository.h>

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace Callvia;

class tst_DncCli : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void importsListsAndReportsBadRows_data() { Tests::TestDatabase::addBackendRows(); }
    void importsListsAndReportsBadRows();
    void failsClearly_data();
    void failsClearly();

private:
    QString write(const QString &name, const QByteArray &data);
    QTemporaryDir m_dir;
};

QString tst_DncCli::write(const QString &name, const QByteArray &data)
{
    const QString path = m_dir.filePath(name);
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write(data);
    return path;
}

void tst_DncCli::importsListsAndReportsBadRows()
{
    CALLVIA_TEST_DATABASE(db);
    Models::TestClock clock;
    Models::ClientRecord client;
    client.name = QStringLiteral("Acme");
    const qint64 clientId
        = Models::ClientRepository(db, clock, Models::TenantScope::agency()).insert(client).value();
    db.releaseThreadConnection();
    const QString url = dbHolder->url();
    const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    const QString file = write(QStringLiteral("dnc.csv"),
        "phone,email,reason\n(415) 555-0134,,asked\n"
        "0000,,\n,ann@example.com,\n(415) 555-0134,,again\n");
    const Tests::CliResult imported = Tests::runCli(url,
        { QStringLiteral("dnc"), QStringLiteral("import"), file, QStringLiteral("--client"),
            QString::number(clientId) },
        env);
    QVERIFY2(imported.exitCode == 0, imported.err.constData());
    QVERIFY2(imported.out.contains("4 rows: 2 added, 1 already on the list, 1 rejected"),
        imported.out.constData());
    QVERIFY2(imported.err.contains("line 3, phone: \"0000\""), imported.err.constData());

    const Tests::CliResult listed
        = Tests::runCli(url, { QStringLiteral("dnc"), QStringLiteral("list") }, env);
    QVERIFY2(listed.exitCode == 0, listed.err.constData());
    const QList<QByteArray> lines = listed.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 3); // header and two entries
    QVERIFY2(
        listed.out.contains(QByteArray("+14155550134\tall\timport\t").append(QByteArray::number(clientId))),
        listed.out.constData());
    QVERIFY2(listed.out.contains("ann@example.com"), listed.out.constData());
    const Tests::CliResult searched = Tests::runCli(url,
        { QStringLiteral("dnc"), QStringLiteral("list"), QStringLiteral("--search"), QStringLiteral("ann@") },
        env);
    QCOMPARE(searched.out.trimmed().split('\n').size(), 2);
}

void tst_DncCli::failsClearly_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");
    const QString noColumn = write(QStringLiteral("names.csv"), "name,city\nAnn,Boise\n");
    QTest::newRow("no phone or email column")
        << QStringList { QStringLiteral("dnc"), QStringLiteral("import"), noColumn } << 1
        << QStringLiteral("names no phone or email column");
    QTest::newRow("missing file") << QStringList { QStringLiteral("dnc"), QStringLiteral("import"),
        m_dir.filePath(QStringLiteral("nope.csv")) }
                                  << 1 << QStringLiteral("nope.csv");
    QTest::newRow("no file") << QStringList { QStringLiteral("dnc"), QStringLiteral("import") } << 2
                             << QStringLiteral("usage: callvia dnc import FILE");
    QTest::newRow("bad client") << QStringList { QStringLiteral("dnc"), QStringLiteral("import"), noColumn,
        QStringLiteral("--client"), QStringLiteral("x") }
                                << 2 << QStringLiteral("--client must be a positive client id");
    QTest::newRow("unknown client") << QStringList { QStringLiteral("dnc"), QStringLiteral("import"),
        write(QStringLiteral("ok.csv"), "phone\n+14155550134\n"), QStringLiteral("--client"),
        QStringLiteral("999") } << 1 << QStringLiteral("there is no client 999");
    QTest::newRow("unknown sub-command")
        << QStringList { QStringLiteral("dnc"), QStringLiteral("purge") } << 2 << QStringLiteral("usage:");
}

void tst_DncCli::failsClearly()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    const Tests::CliResult result = Tests::runCli(
        m_dir.filePath(QStringLiteral("fail.sqlite")), arguments, QProcessEnvironment::systemEnvironment());
    QCOMPARE(result.exitCode, exitCode);
    QVERIFY2(result.err.contains(message.toUtf8()), result.err.constData());
}

QTEST_GUILESS_MAIN(tst_DncCli)
#include "tst_dnccli.moc"
