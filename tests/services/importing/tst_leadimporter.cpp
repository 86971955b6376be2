#include <common/testdatabase.h>

#include <models/repositories/campaignrepository.h>
#include <models/repositories/clientrepository.h>
#include <models/clock.h>
#include <models/repositories/leadrepository.h>
#include <models/sqlhelpers.h>
#include <services/importing/csvreader.h>
#include <services/importing/leadimporter.h>
#include <services/importing/rejectswriter.h>

#include <QBuffer>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSemaphore>
#include <QTemporaryDir>
#include <QtTest>

using namespace Callvia;
using namespace Callvia::Models;
using namespace Callvia::Services;

// The whole import against real SQLite and PostgreSQL: counts, duplicates, opt-outs, cancel
// policies, encodings, file-level errors and the rejects file.
class tst_LeadImporter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void importsMixedFile_data() { Tests::TestDatabase::addBackendRows(); }
    void importsMixedFile();
    void skipsDuplicatesInFileAndDatabase_data() { Tests::TestDatabase::addBackendRows(); }
    void skipsDuplicatesInFileAndDatabase();
    void updatesExistingLeads_data() { Tests::TestDatabase::addBackendRows(); }
    void updatesExistingLeads();
    void optedOutLeadsImportAsDnc_data() { Tests::TestDatabase::addBackendRows(); }
    void optedOutLeadsImportAsDnc();
    void cancelKeepsCommittedRows_data() { Tests::TestDatabase::addBackendRows(); }
    void cancelKeepsCommittedRows();
    void progressContinuesWhileTheWriterIsBusy();
    void cancelCanDiscardEverything_data() { Tests::TestDatabase::addBackendRows(); }
    void cancelCanDiscardEverything();
    void databaseErrorKeepsOnlyCommittedBatches();
    void importsLatin1File();
    void refusesUnusableFiles_data();
    void refusesUnusableFiles();
    void refusesUnknownCampaign();
    void dryRunWritesNothing();
    void importIsAuditedAsItsUser_data() { Tests::TestDatabase::addBackendRows(); }
    void importIsAuditedAsItsUser();
    void importsManyRowsInParallel_data() { Tests::TestDatabase::addBackendRows(); }
    void importsManyRowsInParallel();
    void importsNumbersFromNewAreaCodes_data() { Tests::TestDatabase::addBackendRows(); }
    void importsNumbersFromNewAreaCodes();
    void rejectsReachTheDiskBeforeTheImportEnds();
    void rejectsFileNeutralizesFormulas();
    void rejectsLinesAreTheFormerBytes();

private:
    qint64 setUp(Database &db);
    QString write(const QByteArray &data);
    ImportSummary import(Database &db, ImportOptions options);
    qint64 count(Database &db, const QString &where = QStringLiteral("1 = 1"));

    TestClock m_clock { 1'750'000'000'000 };
    QTemporaryDir m_dir;
    int m_files = 0;
    qint64 m_clientId = 0;
};

qint64 tst_LeadImporter::setUp(Database &db)
{
    ClientRecord client;
    client.name = QStringLiteral("Sunrise Dental");
    client.timeZone = QStringLiteral("America/Denver");
    m_clientId = ClientRepository(db, m_clock, TenantScope::agency()).insert(client).value();
    CampaignRecord campaign;
    campaign.clientId = m_clientId;
    campaign.name = QStringLiteral("Spring");
    return CampaignRepository(db, m_clock, TenantScope::agency()).insert(campaign).value();
}

QString tst_LeadImporter::write(const QByteArray &data)
{
    const QString path = m_dir.filePath(QStringLiteral("f%1.csv").arg(++m_files));
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write(data);
    return path;
}

ImportSummary tst_LeadImporter::import(Database &db, ImportOptions options)
{
    LeadImporter importer(db, m_clock);
    const ImportSummary summary = importer.run(options);
    db.open(); // run() released this thread's connection
    return summary;
}

qint64 tst_LeadImporter::count(Database &db, const QString &where)
{
    DbResult<QSqlQuery> q = Sql::exec(db, QStringLiteral("SELECT COUNT(*) FROM leads WHERE ") + where);
    return q.ok() && q.value().next() ? q.value().value(0).toLongLong() : -1;
}

void tst_LeadImporter::importsMixedFile()
{
    CALLVIA_TEST_DATABASE(db);
    ImportOptions options;
    options.campaignId = setUp(db);
    options.filePath = write("\xEF\xBB\xBF" "First Name;Last Name;Phone Number;E-mail;Organisation;TZ;Shoe size\r\n"
                             "Ana;Lopez;(212) 555-0142 ext 9;ANA@EXAMPLE.COM;Acme;;41\r\n"
                             "Bob;\"Smith; Jr\";+44 20 7946 0958;;\"Multi\nline\";Europe/London;\r\n"
                             "Cy;D;555-12;;;;\r\n"
                             "Di;E;;di@example.org;;;\r\n"
                             "Ed;F;;;;;\r\n"
                             "Fay;G;not a phone;;;;\r\n");
    options.rejectsPath = m_dir.filePath(QStringLiteral("rejects.csv"));
    const ImportSummary s = import(db, options);
    QVERIFY2(s.ok(), qPrintable(s.error));
    QCOMPARE(s.rows, 6);
    QCOMPARE(s.imported, 3);
    QCOMPARE(s.rejected, 3);
    QCOMPARE(s.rejectedByReason.value(QStringLiteral("phone: TOO_SHORT")), 1);
    QCOMPARE(s.rejectedByReason.value(QStringLiteral("phone: NOT_A_NUMBER")), 1);
    QCOMPARE(s.rejectedByReason.value(QStringLiteral("no phone or e-mail")), 1);
    QCOMPARE(s.delimiter, QStringLiteral(";"));
    QCOMPARE(count(db), 3);

    const QList<LeadRecord> ana = LeadRepository(db, m_clock, TenantScope::agency()).findByPhone(QStringLiteral("+12125550142")).value();
    QCOMPARE(ana.size(), 1);
    QCOMPARE(ana.at(0).phoneExtension, QStringLiteral("9"));
    QCOMPARE(ana.at(0).email, QStringLiteral("ana@example.com"));
    QCOMPARE(ana.at(0).timeZone, QStringLiteral("America/New_York"));
    QCOMPARE(ana.at(0).customFieldsJson, QStringLiteral("{\"Shoe size\":\"41\"}"));
    QCOMPARE(ana.at(0).campaignId, options.campaignId);
    const QList<LeadRecord> bob = LeadRepository(db, m_clock, TenantScope::agency()).findByPhone(QStringLiteral("+442079460958")).value();
    QCOMPARE(bob.at(0).lastName, QStringLiteral("Smith; Jr"));
    QCOMPARE(bob.at(0).company, QStringLiteral("Multi\nline"));
    const QList<LeadRecord> di = LeadRepository(db, m_clock, TenantScope::agency()).findByEmail(QStringLiteral("di@example.org")).value();
    QCOMPARE(di.at(0).timeZone, QStringLiteral("America/Denver")); // no number: the client's zone

    QFile rejects(options.rejectsPath);
    QVERIFY(rejects.open(QIODevice::ReadOnly));
    CsvReader reader(&rejects);
    CsvRecord record;
    QVERIFY(reader.next(&record));
    QCOMPARE(record.fields.last(), QStringLiteral("reject_reason"));
    QVERIFY(reader.next(&record));
    QCOMPARE(record.fields.at(0), QStringLiteral("Cy"));
    QCOMPARE(record.fields.at(record.fields.size() - 2), QStringLiteral("5"));
    QCOMPARE(record.fields.last(), QStringLiteral("phone: TOO_SHORT [555-12]"));
}

void tst_LeadImporter::skipsDuplicatesInFileAndDatabase()
{
    CALLVIA_TEST_DATABASE(db);
    ImportOptions options;
    options.campaignId = setUp(db);
    LeadRecord existing;
    existing.clientId = m_clientId;
    existing.campaignId = options.campaignId;
    existing.phoneE164 = QStringLiteral("+13105550100");
    existing.email = QStringLiteral("old@example.com");
    existing.company = QStringLiteral("Old Co");
    QVERIFY(LeadRepository(db, m_clock, TenantScope::agency()).insert(existing).ok());
    options.filePath = write("name,phone,email,company\n"
                             "A,310.555.0100,,New Co\n" // existing by phone
                             "B,,OLD@example.com,\n" // existing by e-mail
                             "C,212-555-0142,c@example.com,\n"
                             "D,+1 212 555 0142,,\n" // same phone as C, other format
                             "E,,C@Example.com,\n"); // same e-mail as C
    const ImportSummary s = import(db, options);
    QVERIFY2(s.ok(), qPrintable(s.error));
    QCOMPARE(s.imported, 1);
    QCOMPARE(s.duplicatesExisting, 2);
    QCOMPARE(s.duplicatesInFile, 2);
    QCOMPARE(count(db), 2);
    QCOMPARE(LeadRepository(db, m_clock, TenantScope::agency()).findByPhone(existing.phoneE164).value().at(0).company, QStringLiteral("Old Co"));
}

void tst_LeadImporter::updatesExistingLeads()
{
    CALLVIA_TEST_DATABASE(db);
    ImportOptions options;
    options.campaignId = setUp(db);
    LeadRecord existing;
    existing.clientId = m_clientId;
    existing.campaignId = options.campaignId;
    existing.phoneE164 = QStringLiteral("+13105550100");
    existing.firstName = QStringLiteral("Old");
    const qint64 id = LeadRepository(db, m_clock, TenantScope::agency()).insert(existing).value();
    options.onDuplicate = OnDuplicate::Update;
    options.filePath = write("first name,phone,email,company\nNew,(310) 555-0100,new@example.com,New Co\n"
                             "Again,310 555 0100,,\n");
    const ImportSummary s = import(db, options);
    QVERIFY2(s.ok(), qPrintable(s.error));
    QCOMPARE(s.updated, 1);
    QCOMPARE(s.imported, 0);
    QCOMPARE(s.duplicatesInFile, 1);
    const LeadRecord lead = LeadRepository(db, m_clock, TenantScope::agency()).find(id).value();
    QCOMPARE(lead.firstName, QStringLiteral("New"));
    QCOMPARE(lead.company, QStringLiteral("New Co"));
    QCOMPARE(lead.email, QStringLiteral("new@example.com"));
    QCOMPARE(count(db), 1);
}

void tst_LeadImporter::optedOutLeadsImportAsDnc()
{
    CALLVIA_TEST_DATABASE(db);
    ImportOptions options;
    options.campaignId = setUp(db);
    QVERIFY(Sql::exec(db, QStringLiteral("INSERT INTO opt_outs (client_id, phone_e164, channel, source, created_at) "
                                         "VALUES (?, '+12125550199', 'all', 'manual', 1)"), { m_clientId }).ok());
    QVERIFY(Sql::exec(db, QStringLiteral("INSERT INTO opt_outs (client_id, email, channel, source, created_at) "
                                         "VALUES (NULL, 'stop@example.com', 'all', 'email_unsubscribe', 1)")).ok());
    options.filePath = write("phone,email\n212-555-0199,\n,STOP@example.com\n212-555-0142,\n");
    const ImportSummary s = import(db, options);
    QVERIFY2(s.ok(), qPrintable(s.error));
    QCOMPARE(s.imported, 3);
    QCOMPARE(s.dnc, 2);
    QCOMPARE(count(db, QStringLiteral("status = 'dnc'")), 2);
    QCOMPARE(count(db, QStringLiteral("status = 'new' AND phone_e164 = '+12125550142'")), 1);
}

namespace {

QByteArray uniqueRows(int rows)
{
    QByteArray data("phone,email\n");
    for (int i = 0; i < rows; ++i)
        data += QByteArray("+1212555") + QByteArray::number(1000 + i) + ",p" + QByteArray::number(i) + "@example.com\n";
    return data;
}

} // namespace

void tst_LeadImporter::cancelKeepsCommittedRows()
{
    CALLVIA_TEST_DATABASE(db);
    ImportOptions options;
    options.campaignId = setUp(db);
    options.filePath = write(uniqueRows(2000));
    options.batchRows = 100;
    LeadImporter importer(db, m_clock);
    connect(&importer, &LeadImporter::progressed, &importer, [&importer](const ImportProgress &p) {
        if (p.rows >= 300)
            importer.cancel();
    });
    const ImportSummary s = importer.run(options);
    db.open();
    QVERIFY2(s.ok(), qPrintable(s.error));
    QVERIFY(s.cancelled);
    QVERIFY(!s.nothingWritten);
    QVERIFY(s.imported >= 300 && s.imported < 2000);
    QCOMPARE(count(db), s.imported); // the summary is exactly what was committed
    QCOMPARE(s.rows, s.imported);
}

// The writer can sit in one SQLite call for a while (a commit of 262,144 rows and its WAL
// checkpoint): a heartbeat thread then reports for it, so the window's progress never stops
// for more than 250 ms. Here the writer is held inside its progress report until a report
// from another thread arrives.
void tst_LeadImporter::progressContinuesWhileTheWriterIsBusy()
{
    auto holder = Tests::TestDatabase::create(QStringLiteral("sqlite"), nullptr, nullptr);
    Database &db = holder->database();
    ImportOptions options;
    options.campaignId = setUp(db);
    options.filePath = write(uniqueRows(2000));
    options.batchRows = 100;
    LeadImporter importer(db, m_clock);
    const Qt::HANDLE writer = QThread::currentThreadId();
    QSemaphore heartbeats;
    ImportProgress held, beat;
    bool heldOnce = false, beatArrived = false;
    connect(&importer, &LeadImporter::progressed, &importer, [&](const ImportProgress &p) {
        if (QThread::currentThreadId() != writer) {
            beat = p;
            heartbeats.release();
            return;
        }
        if (heldOnce || p.rows == 0)
            return;
        heldOnce = true;
        held = p;
        beatArrived = heartbeats.tryAcquire(1, 10000); // the writer is "busy" until a beat comes
    }, Qt::DirectConnection);
    const ImportSummary s = importer.run(options);
    QVERIFY2(s.ok(), qPrintable(s.error));
    QVERIFY(heldOnce);
    QVERIFY(beatArrived);
    QCOMPARE(beat.rows, held.rows); // the writer's last figures, repeated
    QCOMPARE(beat.bytesRead, held.bytesRead);
    QCOMPARE(beat.totalBytes, held.totalBytes);
    QVERIFY(beat.rowsPerSecond <= held.rowsPerSecond); // recomputed later, for the same rows
    QCOMPARE(s.imported, 2000);
}

void tst_LeadImporter::cancelCanDiscardEverything()
{
    CALLVIA_TEST_DATABASE(db);
    ImportOptions options;
    options.campaignId = setUp(db);
    options.filePath = write(uniqueRows(2000));
    options.batchRows = 100;
    options.cancelPolicy = CancelPolicy::DiscardAll;
    LeadImporter importer(db, m_clock);
    connect(&importer, &LeadImporter::progressed, &importer, [&importer](const ImportProgress &p) {
        if (p.rows >= 300)
            importer.cancel();
    });
    const ImportSummary s = importer.run(options);
    db.open();
    QVERIFY(s.cancelled);
    QVERIFY(s.nothingWritten);
    QCOMPARE(s.imported, 0);
    QCOMPARE(count(db), 0);
}

void tst_LeadImporter::databaseErrorKeepsOnlyCommittedBatches()
{
    auto holder = Tests::TestDatabase::create(QStringLiteral("sqlite"), nullptr, nullptr);
    Database &db = holder->database();
    ImportOptions options;
    options.campaignId = setUp(db);
    QVERIFY(Sql::exec(db, QStringLiteral("CREATE TRIGGER boom BEFORE INSERT ON leads WHEN NEW.first_name = 'Boom' "
                                         "BEGIN SELECT RAISE(ABORT, 'boom refused'); END")).ok());
    QByteArray data("name,phone\n");
    for (int i = 0; i < 30; ++i)
        data += (i == 24 ? QByteArray("Boom") : QByteArray("Ok")) + ",+1212555" + QByteArray::number(1000 + i) + "\n";
    options.filePath = write(data);
    options.batchRows = 10;
    options.commitRows = 10;
    const ImportSummary s = import(db, options);
    QVERIFY(s.error.contains(QLatin1String("boom refused")));
    QCOMPARE(s.imported, 20); // the first two batches were committed, the third rolled back
    QCOMPARE(count(db), 20);
}

void tst_LeadImporter::importsLatin1File()
{
    auto holder = Tests::TestDatabase::create(QStringLiteral("sqlite"), nullptr, nullptr);
    QVERIFY(holder);
    Database &db = holder->database();
    ImportOptions options;
    options.campaignId = setUp(db);
    options.filePath = write("Vorname;Nachname;Telefon;Firma\nJ\xFCrgen;M\xFCller;030 1234567;B\xE4" "ckerei \x80 & Co\n");
    options.defaultRegion = QStringLiteral("DE");
    const ImportSummary s = import(db, options);
    QVERIFY2(s.ok(), qPrintable(s.error));
    QCOMPARE(s.imported, 1);
    QCOMPARE(s.encoding, QStringLiteral("windows-1252"));
    const LeadRecord lead = LeadRepository(db, m_clock, TenantScope::agency()).findByPhone(QStringLiteral("+49301234567")).value().at(0);
    QCOMPARE(lead.firstName, QStringLiteral("Jürgen"));
    QCOMPARE(lead.lastName, QStringLiteral("Müller"));
    QCOMPARE(lead.company, QStringLiteral("Bäckerei € & Co"));
    QCOMPARE(lead.timeZone, QStringLiteral("Europe/Berlin"));
}

void tst_LeadImporter::refusesUnusableFiles_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QString>("error");
    QTest::newRow("empty") << QByteArray() << QStringLiteral("is empty");
    QTest::newRow("header only, no usable columns") << QByteArray("Name,Company\n") << QStringLiteral("no usable columns");
    QTest::newRow("binary") << QByteArray("\x7F" "ELF\x02\x01\x01\0\0\0\0\0", 12) << QStringLiteral("binary");
}

void tst_LeadImporter::refusesUnusableFiles()
{
    QFETCH(QByteArray, data);
    QFETCH(QString, error);
    auto holder = Tests::TestDatabase::create(QStringLiteral("sqlite"), nullptr, nullptr);
    Database &db = holder->database();
    ImportOptions options;
    options.campaignId = setUp(db);
    options.filePath = write(data);
    const ImportSummary s = import(db, options);
    QVERIFY2(s.error.contains(error), qPrintable(s.error));
    QCOMPARE(count(db), 0);

    options.filePath = write("phone\n");
    const ImportSummary headerOnly = import(db, options);
    QVERIFY(headerOnly.ok());
    QCOMPARE(headerOnly.rows, 0);
}

void tst_LeadImporter::refusesUnknownCampaign()
{
    auto holder = Tests::TestDatabase::create(QStringLiteral("sqlite"), nullptr, nullptr);
    Database &db = holder->database();
    ImportOptions options;
    options.campaignId = setUp(db) + 100;
    options.filePath = write("phone\n2125550142\n");
    QCOMPARE(import(db, options).error, QStringLiteral("unknown campaign %1").arg(options.campaignId));
    options.campaignId -= 100;
    options.filePath = m_dir.filePath(QStringLiteral("missing.csv"));
    QVERIFY(import(db, options).error.startsWith(QLatin1String("cannot read")));
}

void tst_LeadImporter::dryRunWritesNothing()
{
    auto holder = Tests::TestDatabase::create(QStringLiteral("sqlite"), nullptr, nullptr);
    Database &db = holder->database();
    ImportOptions options;
    options.campaignId = setUp(db);
    options.dryRun = true;
    options.filePath = write(uniqueRows(50) + "+12125551000,\n");
    const ImportSummary s = import(db, options);
    QVERIFY2(s.ok(), qPrintable(s.error));
    QCOMPARE(s.imported, 50);
    QCOMPARE(s.duplicatesInFile, 1);
    QCOMPARE(count(db), 0);
}

void tst_LeadImporter::importIsAuditedAsItsUser()
{
    CALLVIA_TEST_DATABASE(db);
    ImportOptions options;
    options.campaignId = setUp(db);
    options.filePath = write(uniqueRows(3) + "+12125551000,\nnot a phone,\n");
    options.dryRun = true;
    LeadImporter importer(db, m_clock);
    importer.setActor(Services::Session(0, QStringLiteral("dana"), Services::Session::Role::Staff, 0));
    QVERIFY(importer.run(options).ok());
    db.open();
    QCOMPARE(count(db), 0);
    QVERIFY2(Sql::exec(db, QStringLiteral("SELECT 1 FROM audit_log")).value().next() == false,
             "a dry run is not a change and is not audited");

    options.dryRun = false;
    QVERIFY(importer.run(options).ok());
    db.open();
    DbResult<QSqlQuery> audit = Sql::exec(
            db, QStringLiteral("SELECT username, client_id, entity, entity_id, after_json FROM audit_log WHERE action = 'leads.import'"));
    QVERIFY(audit.ok());
    QSqlQuery &q = audit.value();
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("dana"));
    QCOMPARE(q.value(1).toLongLong(), m_clientId);
    QCOMPARE(q.value(2).toString(), QStringLiteral("campaign"));
    QCOMPARE(q.value(3).toString(), QString::number(options.campaignId));
    const QJsonObject after = QJsonDocument::fromJson(q.value(4).toString().toUtf8()).object();
    QCOMPARE(after.value(QStringLiteral("file")).toString(), QFileInfo(options.filePath).fileName());
    QCOMPARE(after.value(QStringLiteral("imported")).toInteger(), 3);
    QCOMPARE(after.value(QStringLiteral("duplicates_in_file")).toInteger(), 1);
    QCOMPARE(after.value(QStringLiteral("rejected")).toInteger(), 1);
    QCOMPARE(after.value(QStringLiteral("on_duplicate")).toString(), QStringLiteral("skip"));
    QVERIFY(!q.next());
}

void tst_LeadImporter::importsManyRowsInParallel()
{
    CALLVIA_TEST_DATABASE(db);
    ImportOptions options;
    options.campaignId = setUp(db);
    // 8,007 rows: batches of 300 (not a multiple of the workers' 256-row chunks or of the
    // 50-row INSERT), and a duplicate of row 10 at row 5,000, in a later batch than its original.
    QByteArray data = uniqueRows(8006);
    data += "+12125551010,dup@example.com\n";
    options.filePath = write(data);
    options.batchRows = 300;
    const ImportSummary s = import(db, options);
    QVERIFY2(s.ok(), qPrintable(s.error));
    QCOMPARE(s.imported, 8006);
    QCOMPARE(s.duplicatesInFile, 1);
    QCOMPARE(count(db), 8006);
    QCOMPARE(count(db, QStringLiteral("phone_e164 = '+12125559005' AND email = 'p8005@example.com'")), 1);
    QCOMPARE(count(db, QStringLiteral("email = 'dup@example.com'")), 0);
    // Rows are written in file order, whatever thread normalized them.
    DbResult<QSqlQuery> rows = Sql::exec(db, QStringLiteral("SELECT phone_e164 FROM leads ORDER BY id"));
    QVERIFY(rows.ok());
    int i = 0;
    for (QSqlQuery &q = rows.value(); q.next(); ++i)
        QCOMPARE(q.value(0).toString(), QStringLiteral("+1212555%1").arg(1000 + i));
    QCOMPARE(i, 8006);
}

// Issue 19: numbers from area codes opened after the library's 2022 data are imported, with
// the zone of the NewAreaCodes table, or flagged (zone from the row, else the client's) when
// the code is in no data at all; the summary counts the flagged ones.
void tst_LeadImporter::importsNumbersFromNewAreaCodes()
{
    CALLVIA_TEST_DATABASE(db);
    ImportOptions options;
    options.campaignId = setUp(db);
    options.filePath = write("name,phone,time zone\r\n"
                             "Miami,(645) 234-5678,\r\n"
                             "Long Island,+1 363 555 2100,\r\n"
                             "Arlington,686-321-4567,\r\n"
                             "Fort Collins,1 748 422 0199,\r\n"
                             "Moncton,428 382 1234,\r\n"
                             "Nowhere,(238) 234-5678,\r\n"
                             "Nowhere with zone,(238) 234-5679,America/Chicago\r\n"
                             "Bad exchange,(645) 123-4567,\r\n");
    const ImportSummary s = import(db, options);
    QVERIFY2(s.ok(), qPrintable(s.error));
    QCOMPARE(s.imported, 7);
    QCOMPARE(s.unknownAreaCode, 2);
    QCOMPARE(s.rejected, 1);
    QCOMPARE(s.toJson().value(QStringLiteral("unknown_area_code")).toInt(), 2);
    const auto lead = [&](const char *phone) {
        const QList<LeadRecord> found = LeadRepository(db, m_clock, TenantScope::agency()).findByPhone(QLatin1String(phone)).value();
        return found.isEmpty() ? LeadRecord() : found.at(0);
    };
    QCOMPARE(lead("+16452345678").timeZone, QStringLiteral("America/New_York"));
    QCOMPARE(lead("+16452345678").region, QStringLiteral("FL"));
    QCOMPARE(lead("+13635552100").timeZone, QStringLiteral("America/New_York"));
    QCOMPARE(lead("+16863214567").timeZone, QStringLiteral("America/New_York"));
    QCOMPARE(lead("+17484220199").timeZone, QStringLiteral("America/Denver"));
    QCOMPARE(lead("+14283821234").timeZone, QStringLiteral("America/Moncton"));
    QCOMPARE(lead("+14283821234").region, QStringLiteral("NB"));
    QCOMPARE(lead("+12382345678").timeZone, QStringLiteral("America/Denver")); // the client's
    QCOMPARE(lead("+12382345679").timeZone, QStringLiteral("America/Chicago")); // the row's
    QVERIFY(lead("+12382345678").customFieldsJson.contains(QLatin1String("area code not in this build's phone data")));
    QVERIFY(lead("+16452345678").customFieldsJson.isEmpty());
}

// Rejected rows are written to the rejects file as their batch is written, not held until
// the end: read from the progress signal of the writer's thread while the import still runs.
void tst_LeadImporter::rejectsReachTheDiskBeforeTheImportEnds()
{
    auto holder = Tests::TestDatabase::create(QStringLiteral("sqlite"), nullptr, nullptr);
    Database &db = holder->database();
    ImportOptions options;
    options.campaignId = setUp(db);
    QByteArray data = "name,phone\n";
    for (int i = 0; i < 1000; ++i) // every other row rejected: 50 per 100-row batch
        data += "n" + QByteArray::number(i)
                + (i % 2 ? QByteArray(",555-12\n") : QByteArray(",212-555-") + QByteArray::number(1000 + i) + "\n");
    options.filePath = write(data);
    options.batchRows = 100;
    options.rejectsPath = m_dir.filePath(QStringLiteral("rejects-streamed.csv"));
    LeadImporter importer(db, m_clock);
    const Qt::HANDLE writer = QThread::currentThreadId();
    qint64 rowsAtFirstLook = -1, rejectsOnDisk = -1;
    connect(&importer, &LeadImporter::progressed, &importer, [&](const ImportProgress &p) {
        if (QThread::currentThreadId() != writer || rowsAtFirstLook >= 0 || p.rows < 200 || p.rows >= 1000)
            return;
        rowsAtFirstLook = p.rows;
        QFile file(options.rejectsPath); // a second reader, as the "Save rejected rows" copy is
        if (file.open(QIODevice::ReadOnly))
            rejectsOnDisk = file.readAll().count('\n') - 1; // minus the header
    }, Qt::DirectConnection);
    const ImportSummary s = importer.run(options);
    db.open();
    QVERIFY2(s.ok(), qPrintable(s.error));
    QCOMPARE(s.rejected, 500);
    QCOMPARE(s.rejectedByReason.value(QStringLiteral("phone: TOO_SHORT")), 500);
    QVERIFY(rowsAtFirstLook >= 200 && rowsAtFirstLook < 1000);
    // At least the first batch's 50 (a row-by-row report may come in the middle of a batch),
    // while 4 KB of rejects would still sit in a write buffer without the flush.
    QVERIFY2(rejectsOnDisk >= 50 && rejectsOnDisk <= rowsAtFirstLook / 2,
             qPrintable(QStringLiteral("%1 rejects on disk after %2 rows").arg(rejectsOnDisk).arg(rowsAtFirstLook)));
}

void tst_LeadImporter::rejectsFileNeutralizesFormulas()
{
    auto holder = Tests::TestDatabase::create(QStringLiteral("sqlite"), nullptr, nullptr);
    Database &db = holder->database();
    ImportOptions options;
    options.campaignId = setUp(db);
    options.filePath = write("name,phone,company\n"
                             "=HYPERLINK(\"http://x\"),555-12,@SUM(A1)\n"
                             "\"\tTab\",+1 555 12,-2+3\n"
                             "Plain,call me,\"\rCR\"\n");
    options.rejectsPath = m_dir.filePath(QStringLiteral("rejects-formulas.csv"));
    const ImportSummary s = import(db, options);
    QVERIFY2(s.ok(), qPrintable(s.error));
    QCOMPARE(s.rejected, 3);
    QFile file(options.rejectsPath);
    QVERIFY(file.open(QIODevice::ReadOnly));
    CsvReader reader(&file);
    CsvRecord record;
    QVERIFY(reader.next(&record)); // header
    QVERIFY(reader.next(&record));
    QCOMPARE(record.fields.at(0), QStringLiteral("'=HYPERLINK(\"http://x\")"));
    QCOMPARE(record.fields.at(2), QStringLiteral("'@SUM(A1)"));
    QVERIFY(reader.next(&record));
    QCOMPARE(record.fields.at(0), QStringLiteral("'\tTab"));
    QCOMPARE(record.fields.at(1), QStringLiteral("'+1 555 12"));
    QCOMPARE(record.fields.at(2), QStringLiteral("'-2+3"));
    QVERIFY(reader.next(&record));
    QCOMPARE(record.fields.at(0), QStringLiteral("Plain"));
    QCOMPARE(record.fields.at(2), QStringLiteral("'\rCR"));
    QCOMPARE(record.fields.last(), QStringLiteral("phone: NOT_A_NUMBER [call me]"));
}

// The rejects writer appends each cell to one buffer (was a chain of temporary byte arrays per
// cell): byte for byte the lines of the former code, kept here as the reference, on random
// rows with quotes, commas, line breaks, formula starts, non-ASCII and short or long rows.
void tst_LeadImporter::rejectsLinesAreTheFormerBytes()
{
    const auto formerLine = [](const QStringList &fields) -> QByteArray {
        QByteArray line;
        for (qsizetype i = 0; i < fields.size(); ++i) {
            QByteArray field = fields.at(i).toUtf8();
            if (!field.isEmpty() && std::memchr("=+-@\t\r", field.at(0), 6))
                field.prepend('\'');
            if (field.contains(',') || field.contains('"') || field.contains('\n') || field.contains('\r'))
                field = '"' + field.replace("\"", "\"\"") + '"';
            line += (i ? QByteArray(",") : QByteArray()) + field;
        }
        return line + "\r\n";
    };
    const QStringList headers = { QStringLiteral("first"), QStringLiteral("phone"), QStringLiteral("notes") };
    QRandomGenerator random(5);
    const QList<QString> pieces = { QStringLiteral("a"), QStringLiteral(","), QStringLiteral("\""),
                                    QStringLiteral("\n"), QStringLiteral("\r"), QStringLiteral("="),
                                    QStringLiteral("+1"), QStringLiteral("-"), QStringLiteral("@"),
                                    QStringLiteral("\t"), QStringLiteral("M\u00fcller"), QStringLiteral(" "), QString() };
    QByteArray expected = formerLine(headers + QStringList { QStringLiteral("line"), QStringLiteral("reject_reason") });
    const QString path = m_dir.filePath(QStringLiteral("rejects-bytes.csv"));
    {
        RejectsWriter writer;
        QString error;
        QVERIFY(writer.open(path, headers, &error));
        for (int row = 0; row < 2000; ++row) {
            QStringList fields;
            for (int cell = random.bounded(0, 6); cell > 0; --cell) {
                QString text;
                for (int k = random.bounded(0, 4); k > 0; --k)
                    text += pieces.at(random.bounded(int(pieces.size())));
                fields += text;
            }
            const qint64 line = row % 97 == 0 ? -row : row + 2;
            const QString reason = pieces.at(random.bounded(int(pieces.size()))) + QStringLiteral("phone: TOO_SHORT");
            writer.write(fields, line, reason);
            QStringList padded = fields;
            padded.resize(std::max(headers.size(), fields.size()));
            expected += formerLine(padded + QStringList { QString::number(line), reason });
        }
        QVERIFY(writer.close(&error));
    }
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), expected);
    QCOMPARE(RejectsWriter::csvLine(headers), formerLine(headers));
}

QTEST_GUILESS_MAIN(tst_LeadImporter)
#include "tst_leadimporter.moc"
