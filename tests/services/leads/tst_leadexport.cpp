// CSV export of leads (issue 23 item 4): RFC 4180 quoting and spreadsheet formula neutralization
// on nasty values, the filter versus a selection, a client user never exporting another client's
// leads (by filter or by id), and a cancelled export leaving no file (nor touching an older one).
// Real SQLite file and, when configured, PostgreSQL.
#include "leadsharness.h"

#include <common/testdatabase.h>
#include <services/leads/leadexport.h>

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using namespace Callvia;
using Services::LeadExport;
using Tests::LeadsFixture;

class tst_LeadExport : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void quotesAndNeutralizesFields_data();
    void quotesAndNeutralizesFields();
    void nastyValuesRoundTrip_data() { Tests::TestDatabase::addBackendRows(); }
    void nastyValuesRoundTrip();
    void exportsTheFilterOrTheSelection_data() { Tests::TestDatabase::addBackendRows(); }
    void exportsTheFilterOrTheSelection();
    void clientUserNeverExportsAnotherClientsLeads_data() { Tests::TestDatabase::addBackendRows(); }
    void clientUserNeverExportsAnotherClientsLeads();
    void cancelLeavesNoPartialFile_data() { Tests::TestDatabase::addBackendRows(); }
    void cancelLeavesNoPartialFile();
    // Not a timed test: prints the figures for BENCHMARKS.md when CALLVIA_MEASURE_EXPORT is set.
    void measureExportOf100000Leads_data() { Tests::TestDatabase::addBackendRows(); }
    void measureExportOf100000Leads();

private:
    Models::TestClock m_clock { 1'800'000'000'000 };
};

namespace {

// An independent RFC 4180 reader: records of fields, CRLF line ends, "" inside quotes.
QList<QStringList> parseCsv(const QByteArray &bytes, QString *problem)
{
    const QString text = QString::fromUtf8(bytes);
    QList<QStringList> records;
    QStringList record;
    QString field;
    bool quoted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (quoted) {
            if (c == QLatin1Char('"') && i + 1 < text.size() && text[i + 1] == QLatin1Char('"')) {
                field += c;
                ++i;
            } else if (c == QLatin1Char('"')) {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == QLatin1Char('"')) {
            if (!field.isEmpty())
                *problem = QStringLiteral("quote inside an unquoted field at %1").arg(i);
            quoted = true;
        } else if (c == QLatin1Char(',')) {
            record << field;
            field.clear();
        } else if (c == QLatin1Char('\r')) {
            if (i + 1 >= text.size() || text[i + 1] != QLatin1Char('\n'))
                *problem = QStringLiteral("bare CR outside quotes at %1").arg(i);
            record << field;
            field.clear();
            records << record;
            record.clear();
            ++i;
        } else if (c == QLatin1Char('\n')) {
            *problem = QStringLiteral("bare LF outside quotes at %1").arg(i);
        } else {
            field += c;
        }
    }
    if (quoted || !field.isEmpty() || !record.isEmpty())
        *problem = QStringLiteral("the file does not end with CRLF");
    return records;
}

QList<QStringList> readCsv(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QString problem;
    const QList<QStringList> records = parseCsv(file.readAll(), &problem);
    if (!problem.isEmpty())
        qWarning("%s", qPrintable(problem));
    return problem.isEmpty() ? records : QList<QStringList>();
}

QSet<QString> idsIn(const QList<QStringList> &records)
{
    QSet<QString> ids;
    for (qsizetype i = 1; i < records.size(); ++i)
        ids.insert(records[i].value(0));
    return ids;
}

} // namespace

void tst_LeadExport::quotesAndNeutralizesFields_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QByteArray>("csv");
    QTest::newRow("plain") << QStringLiteral("Maria") << QByteArray("Maria");
    QTest::newRow("empty") << QString() << QByteArray();
    QTest::newRow("comma") << QStringLiteral("Silva, Maria") << QByteArray("\"Silva, Maria\"");
    QTest::newRow("embedded quotes") << QStringLiteral("say \"hi\"") << QByteArray("\"say \"\"hi\"\"\"");
    QTest::newRow("only a quote") << QStringLiteral("\"") << QByteArray("\"\"\"\"");
    QTest::newRow("newline") << QStringLiteral("line 1\nline 2") << QByteArray("\"line 1\nline 2\"");
    QTest::newRow("CRLF inside") << QStringLiteral("a\r\nb") << QByteArray("\"a\r\nb\"");
    QTest::newRow("leading =") << QStringLiteral("=1+1") << QByteArray("'=1+1");
    QTest::newRow("formula with quotes and comma")
            << QStringLiteral("=HYPERLINK(\"http://x\",\"y\")") << QByteArray("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
    QTest::newRow("leading +") << QStringLiteral("+14155550134") << QByteArray("'+14155550134");
    QTest::newRow("leading -") << QStringLiteral("-2+3") << QByteArray("'-2+3");
    QTest::newRow("leading @") << QStringLiteral("@SUM(A1)") << QByteArray("'@SUM(A1)");
    QTest::newRow("leading tab") << QStringLiteral("\t=1") << QByteArray("'\t=1");
    QTest::newRow("leading CR") << QStringLiteral("\r=1") << QByteArray("\"'\r=1\"");
    QTest::newRow("= later is data") << QStringLiteral("a=b-c+d@e") << QByteArray("a=b-c+d@e");
    QTest::newRow("leading space then =") << QStringLiteral(" =1") << QByteArray(" =1");
    QTest::newRow("unicode") << QStringLiteral("María Ñúñez 🙂 日本") << QStringLiteral("María Ñúñez 🙂 日本").toUtf8();
    QTest::newRow("unicode with comma") << QStringLiteral("Zoë, Ærø") << QByteArray("\"Zo\xc3\xab, \xc3\x86r\xc3\xb8\"");
}

void tst_LeadExport::quotesAndNeutralizesFields()
{
    QFETCH(QString, value);
    QFETCH(QByteArray, csv);
    QCOMPARE(LeadExport::field(value), csv);
    QCOMPARE(LeadExport::row({ value, QStringLiteral("x") }), csv + ",x\r\n");
}

void tst_LeadExport::nastyValuesRoundTrip()
{
    CALLVIA_TEST_DATABASE(db);
    const LeadsFixture f = LeadsFixture::seed(db, m_clock);
    const QStringList nasty { QStringLiteral("=cmd|' /C calc'!A0"), QStringLiteral("O\"Brien, \"Jr\""),
                              QStringLiteral("two\nlines"), QStringLiteral("\r\nCRLF first"), QStringLiteral("@risk"),
                              QStringLiteral("-minus"), QStringLiteral("+plus"), QStringLiteral("\ttab"),
                              QStringLiteral("María 🙂, 日本") };
    const Models::LeadRepository leads(db, m_clock, Models::TenantScope::agency());
    for (int i = 0; i < nasty.size(); ++i) {
        Models::LeadRecord l;
        l.clientId = f.clientA;
        l.campaignId = f.campaignA;
        l.firstName = nasty[i];
        l.lastName = nasty[(i + 1) % nasty.size()];
        l.company = nasty[(i + 2) % nasty.size()];
        l.notes = nasty[(i + 3) % nasty.size()];
        l.phoneE164 = QStringLiteral("+1415555%1").arg(1000 + i);
        QVERIFY(leads.insert(l).ok());
    }
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("nasty.csv"));
    const LeadExport::Result result = LeadExport(db, m_clock).write(f.admin, {}, path);
    QVERIFY2(!result.error, qPrintable(result.error.message()));
    QCOMPARE(result.rows, qint64(nasty.size()));
    const QList<QStringList> records = readCsv(path);
    QCOMPARE(records.size(), nasty.size() + 1);
    QCOMPARE(records[0], LeadExport::header());
    auto shown = [](const QString &value) {
        return QStringLiteral("=+-@\t\r").contains(value.front()) ? QLatin1Char('\'') + value : value;
    };
    for (int i = 0; i < nasty.size(); ++i) {
        const QStringList &r = records[i + 1];
        QCOMPARE(r.size(), LeadExport::header().size());
        QCOMPARE(r[3], shown(nasty[i]));
        QCOMPARE(r[4], shown(nasty[(i + 1) % nasty.size()]));
        QCOMPARE(r[8], shown(nasty[(i + 2) % nasty.size()]));
        QCOMPARE(r[14], shown(nasty[(i + 3) % nasty.size()]));
        for (const QString &cell : r)
            QVERIFY2(cell.isEmpty() || !QStringLiteral("=+-@\t\r").contains(cell.front()), qPrintable(cell));
    }
}

void tst_LeadExport::exportsTheFilterOrTheSelection()
{
    CALLVIA_TEST_DATABASE(db);
    const LeadsFixture f = LeadsFixture::seed(db, m_clock);
    const QList<qint64> a = LeadsFixture::addLeads(db, m_clock, f.clientA, f.campaignA, 0, 1205);
    const QList<qint64> contacted = LeadsFixture::addLeads(db, m_clock, f.clientA, f.otherA, 2000, 30, QStringLiteral("contacted"));
    LeadsFixture::addLeads(db, m_clock, f.clientB, f.campaignB, 3000, 20);
    QTemporaryDir dir;
    const LeadExport exporter(db, m_clock);

    // The filter: every page of client A's 1,235 leads (more than one page of 1,000), in id order.
    Models::LeadQuery filter;
    filter.clientId = f.clientA;
    qint64 lastWritten = -1, lastTotal = -1;
    const QString all = dir.filePath(QStringLiteral("a.csv"));
    LeadExport::Result result = exporter.write(f.staff, filter, all, [&](qint64 written, qint64 total) {
        lastWritten = written;
        lastTotal = total;
        return true;
    });
    QVERIFY2(!result.error, qPrintable(result.error.message()));
    QCOMPARE(result.rows, qint64(1235));
    QCOMPARE(lastWritten, qint64(1235));
    QCOMPARE(lastTotal, qint64(1235));
    QList<QStringList> records = readCsv(all);
    QCOMPARE(records.size(), qsizetype(1236));
    QCOMPARE(records[1][0], QString::number(a.first()));
    QCOMPARE(records[1][5], QStringLiteral("'+12125550000"));
    QCOMPARE(records[1][7], QStringLiteral("lead0@example.com"));
    QCOMPARE(records.last()[0], QString::number(contacted.last()));
    QCOMPARE(idsIn(records).size(), qsizetype(1235));

    // A filter with a status and a search.
    filter.status = QStringLiteral("contacted");
    filter.search = QStringLiteral("lead2");
    result = exporter.write(f.staff, filter, all);
    QCOMPARE(result.rows, qint64(30));

    // A selection: just those ids (one of B's too, for an agency user), whatever the filter says.
    Models::LeadQuery selection;
    selection.ids = { a[5], a[700], contacted[3], a[5] };
    const QString some = dir.filePath(QStringLiteral("some.csv"));
    result = exporter.write(f.staff, selection, some);
    QCOMPARE(result.rows, qint64(3));
    records = readCsv(some);
    QCOMPARE(idsIn(records), (QSet<QString> { QString::number(a[5]), QString::number(a[700]), QString::number(contacted[3]) }));

    // Each export leaves an audit entry with its filter and row count.
    const auto entries = LeadsFixture::audit(db, QStringLiteral("lead.export"));
    QCOMPARE(entries.size(), qsizetype(3));
    const QJsonObject newest = QJsonDocument::fromJson(entries.first().afterJson.toUtf8()).object();
    QCOMPARE(newest.value(QStringLiteral("rows")).toInteger(), qint64(3));
    QCOMPARE(newest.value(QStringLiteral("selected")).toInteger(), qint64(4));
    QCOMPARE(entries.first().username, QStringLiteral("sam"));
}

void tst_LeadExport::clientUserNeverExportsAnotherClientsLeads()
{
    CALLVIA_TEST_DATABASE(db);
    const LeadsFixture f = LeadsFixture::seed(db, m_clock);
    const QList<qint64> a = LeadsFixture::addLeads(db, m_clock, f.clientA, f.campaignA, 0, 12);
    const QList<qint64> b = LeadsFixture::addLeads(db, m_clock, f.clientB, f.campaignB, 100, 7);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("mine.csv"));
    const LeadExport exporter(db, m_clock);

    LeadExport::Result result = exporter.write(f.clientUserA, {}, path);
    QVERIFY2(!result.error, qPrintable(result.error.message()));
    QCOMPARE(result.rows, qint64(12));
    for (const QStringList &r : readCsv(path).mid(1))
        QCOMPARE(r[1], QString::number(f.clientA));

    Models::LeadQuery theirs;
    theirs.clientId = f.clientB;
    result = exporter.write(f.clientUserA, theirs, path);
    QCOMPARE(result.rows, qint64(0));
    QCOMPARE(readCsv(path).size(), qsizetype(1)); // the header only

    Models::LeadQuery byId;
    byId.ids = b;
    byId.ids << a.first();
    result = exporter.write(f.clientUserA, byId, path);
    QCOMPARE(result.rows, qint64(1));
    QCOMPARE(idsIn(readCsv(path)), QSet<QString> { QString::number(a.first()) });

    byId.search = QStringLiteral("lead100"); // B's lead100 by name
    byId.ids.clear();
    result = exporter.write(f.clientUserA, byId, path);
    QCOMPARE(result.rows, qint64(0));
}

void tst_LeadExport::cancelLeavesNoPartialFile()
{
    CALLVIA_TEST_DATABASE(db);
    const LeadsFixture f = LeadsFixture::seed(db, m_clock);
    LeadsFixture::addLeads(db, m_clock, f.clientA, f.campaignA, 0, 2500);
    QTemporaryDir dir;
    const LeadExport exporter(db, m_clock);

    const QString fresh = dir.filePath(QStringLiteral("fresh.csv"));
    int calls = 0;
    LeadExport::Result result = exporter.write(f.admin, {}, fresh, [&](qint64 written, qint64) {
        ++calls;
        return written < LeadExport::PageSize; // cancel after the first page
    });
    QVERIFY(result.cancelled);
    QCOMPARE(result.rows, qint64(LeadExport::PageSize));
    QCOMPARE(calls, 2);
    QVERIFY(!QFile::exists(fresh));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList()); // no temporary left either

    // A file that was there before stays as it was.
    const QString older = dir.filePath(QStringLiteral("older.csv"));
    {
        QFile file(older);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("kept\r\n");
    }
    result = exporter.write(f.admin, {}, older, [](qint64 written, qint64) { return written == 0; });
    QVERIFY(result.cancelled);
    QFile file(older);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), QByteArray("kept\r\n"));
    QVERIFY(LeadsFixture::audit(db, QStringLiteral("lead.export")).isEmpty()); // nothing was exported
}

void tst_LeadExport::measureExportOf100000Leads()
{
    if (qEnvironmentVariableIsEmpty("CALLVIA_MEASURE_EXPORT"))
        QSKIP("set CALLVIA_MEASURE_EXPORT=1 to measure an export of 100,000 leads");
    CALLVIA_TEST_DATABASE(db);
    const LeadsFixture f = LeadsFixture::seed(db, m_clock);
    QElapsedTimer timer;
    timer.start();
    LeadsFixture::addLeads(db, m_clock, f.clientA, f.campaignA, 0, 100000);
    LeadsFixture::addLeads(db, m_clock, f.clientB, f.campaignB, 200000, 1000);
    qInfo("inserted 101,000 leads in %lld ms", qint64(timer.elapsed()));
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("all.csv"));
    Models::LeadQuery filter;
    filter.clientId = f.clientA;
    timer.restart();
    int pages = 0;
    const LeadExport::Result result = LeadExport(db, m_clock).write(f.staff, filter, path, [&](qint64, qint64) {
        ++pages;
        return true;
    });
    const qint64 ms = timer.elapsed();
    QVERIFY2(!result.error, qPrintable(result.error.message()));
    QCOMPARE(result.rows, qint64(100000));
    qInfo("exported 100,000 leads (client filter) in %lld ms, %lld bytes, %d progress reports", ms,
          qint64(QFileInfo(path).size()), pages);
}

QTEST_GUILESS_MAIN(tst_LeadExport)
#include "tst_leadexport.moc"
