// DncService and the lead erasure (issue 25 item 3): a CSV of do-not-call entries with bad rows
// (each named by line and field, the good rows kept) and duplicates (counted, not doubled);
// staff edit, client users do not; only administrators remove, and only an entry added by
// mistake; a lead erased on a privacy request leaves hash-only opt-outs that still block its
// number when it is imported again. SQLite and PostgreSQL.
#include "../leads/leadsharness.h"

#include <common/testdatabase.h>
#include <models/repositories/dialerrepository.h>
#include <models/repositories/optoutrepository.h>
#include <models/sqlhelpers.h>
#include <services/compliance/dncservice.h>
#include <services/importing/leadimporter.h>
#include <services/leads/leadbulkservice.h>

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace Callvia;
using Services::DncService;

class tst_DncService : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void importKeepsGoodRowsNamesBadOnesCountsDuplicates_data() { Tests::TestDatabase::addBackendRows(); }
    void importKeepsGoodRowsNamesBadOnesCountsDuplicates();
    void unusableFilesWriteNothing_data() { Tests::TestDatabase::addBackendRows(); }
    void unusableFilesWriteNothing();
    void rolesDecideWhoEdits_data() { Tests::TestDatabase::addBackendRows(); }
    void rolesDecideWhoEdits();
    void erasedLeadStaysBlockedWhenImportedAgain_data() { Tests::TestDatabase::addBackendRows(); }
    void erasedLeadStaysBlockedWhenImportedAgain();

private:
    QString write(const QByteArray &data);
    QTemporaryDir m_dir;
    int m_files = 0;
    Models::TestClock m_clock { 1'800'000'000'000 };
};

QString tst_DncService::write(const QByteArray &data)
{
    const QString path = m_dir.filePath(QStringLiteral("dnc%1.csv").arg(++m_files));
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write(data);
    return path;
}

void tst_DncService::importKeepsGoodRowsNamesBadOnesCountsDuplicates()
{
    CALLVIA_TEST_DATABASE(db);
    const Tests::LeadsFixture f = Tests::LeadsFixture::seed(db, m_clock);
    const DncService service(db, m_clock);
    QVERIFY(service.add(f.staff, QStringLiteral("(212) 555-0100"), QString(), QString(), 0).value());
    const QString path
        = write("Phone Number,E-mail,Reason\n"
                "(415) 555-0134,,asked twice\n" // line 2: good
                "12,,\n" // line 3: bad phone
                ",not-an-address,\n" // line 4: bad e-mail
                "+1 212 555 0100,,\n" // line 5: already on the list
                "415.555.0134,ann@example.com,\n" // line 6: the phone again, with an e-mail: new entry
                ",,\n" // line 7: blank fields
                "415-555-0134,,dup in file\n"); // line 8: same as line 2
    const DncService::ImportResult result = service.importCsv(f.staff, path, 0);
    QVERIFY2(result.ok(), qPrintable(result.fatal));
    QCOMPARE(result.rows, 7);
    QCOMPARE(result.added, 2);
    QCOMPARE(result.duplicates, 2);
    QCOMPARE(result.errors.size(), 3);
    QCOMPARE(result.errors.at(0).row, 3);
    QCOMPARE(result.errors.at(0).field, QStringLiteral("phone"));
    QVERIFY2(result.errors.at(0).message.contains(QLatin1String("\"12\"")),
        qPrintable(result.errors.at(0).message));
    QCOMPARE(result.errors.at(1).row, 4);
    QCOMPARE(result.errors.at(1).field, QStringLiteral("email"));
    QCOMPARE(result.errors.at(2).row, 7);
    const Models::OptOutRepository optOuts(db, m_clock, Models::TenantScope::agency());
    QCOMPARE(optOuts.countEntries({}).value(), 3);
    QCOMPARE(
        optOuts.isOptedOut(QStringLiteral("+14155550134"), QStringLiteral("call"), f.clientB).value(), true);
    QCOMPARE(optOuts.entries({}).value().at(0).optOut.source, QStringLiteral("import"));
    const QList<Models::AuditRecord> audit = Tests::LeadsFixture::audit(db, QStringLiteral("dnc.import"));
    QCOMPARE(audit.size(), 1);
    QVERIFY2(audit.at(0).afterJson.contains(QLatin1String("\"added\":2")), qPrintable(audit.at(0).afterJson));
    QVERIFY(!audit.at(0).afterJson.contains(QLatin1String("415"))); // counts, never the numbers
}

void tst_DncService::unusableFilesWriteNothing()
{
    CALLVIA_TEST_DATABASE(db);
    const Tests::LeadsFixture f = Tests::LeadsFixture::seed(db, m_clock);
    const DncService service(db, m_clock);
    const DncService::ImportResult noColumn = service.importCsv(f.admin, write("name,city\nAnn,Boise\n"), 0);
    QVERIFY(!noColumn.ok());
    QVERIFY2(noColumn.fatal.contains(QLatin1String("no phone or email column")), qPrintable(noColumn.fatal));
    const DncService::ImportResult missing
        = service.importCsv(f.admin, m_dir.filePath(QStringLiteral("nope.csv")), 0);
    QVERIFY(!missing.ok());
    const DncService::ImportResult binary
        = service.importCsv(f.admin, write(QByteArray("phone\n\0\0\0\x01", 10)), 0);
    QVERIFY(!binary.ok());
    QCOMPARE(
        Models::OptOutRepository(db, m_clock, Models::TenantScope::agency()).countEntries({}).value(), 0);
}

void tst_DncService::rolesDecideWhoEdits()
{
    CALLVIA_TEST_DATABASE(db);
    const Tests::LeadsFixture f = Tests::LeadsFixture::seed(db, m_clock);
    const DncService service(db, m_clock);
    const Models::DbResult<bool> byClient
        = service.add(f.clientUserA, QStringLiteral("+14155550134"), QString(), QString(), f.clientA);
    QVERIFY(!byClient.ok());
    QVERIFY2(byClient.error().message().startsWith(QLatin1String("Permission denied")),
        qPrintable(byClient.error().message()));
    QVERIFY(!service.importCsv(f.clientUserA, write("phone\n+14155550134\n"), f.clientA).ok());
    const Models::DbResult<bool> badPhone
        = service.add(f.staff, QStringLiteral("555"), QString(), QString(), 0);
    QCOMPARE(badPhone.error().kind(), Models::DbError::Invalid);
    QVERIFY2(badPhone.error().message().startsWith(QLatin1String("phone:")),
        qPrintable(badPhone.error().message()));
    QVERIFY(service.add(f.staff, QStringLiteral("415 555 0134"), QString(), QStringLiteral("typo"), f.clientA)
                .value());
    const qint64 id = service.entries(f.admin, {}).value().at(0).optOut.id;
    QCOMPARE(service.entries(f.admin, {}).value().at(0).optOut.phoneE164, QStringLiteral("+14155550134"));
    QVERIFY(service.remove(f.staff, id, QStringLiteral("typo"))); // staff may not remove
    QVERIFY(!service.remove(f.admin, id, QStringLiteral("typo")));
    QCOMPARE(Tests::LeadsFixture::audit(db, QStringLiteral("dnc.remove")).size(), 1);
    QCOMPARE(service.entries(f.clientUserA, {}).value().size(), 0); // removed ones are hidden by default
}

void tst_DncService::erasedLeadStaysBlockedWhenImportedAgain()
{
    CALLVIA_TEST_DATABASE(db);
    const Tests::LeadsFixture f = Tests::LeadsFixture::seed(db, m_clock);
    const QList<qint64> ids = Tests::LeadsFixture::addLeads(db, m_clock, f.clientA, f.campaignA, 1, 2);
    Models::LeadQuery selection;
    selection.ids = { ids.at(0) };
    const Services::LeadBulkService bulk(db, m_clock);
    QVERIFY(!bulk.erase(f.staff, selection).ok()); // administrators only
    QVERIFY(!bulk.erase(f.admin, Models::LeadQuery()).ok()); // never "all that match"
    const auto erased = bulk.erase(f.admin, selection);
    QVERIFY2(erased.ok(), qPrintable(erased.error().message()));
    QCOMPARE(erased.value().changed, 1);
    QCOMPARE(Models::Sql::firstValue(
                 db, QStringLiteral("SELECT COUNT(*) FROM leads WHERE phone_e164 = '+12125550001'"))
                 .value()
                 .toInt(),
        0);
    QCOMPARE(Models::Sql::firstValue(db,
                 QStringLiteral("SELECT COUNT(*) FROM opt_outs WHERE phone_e164 = '+12125550001' "
                                "OR email = 'lead1@example.com'"))
                 .value()
                 .toInt(),
        0);
    const Models::OptOutRepository optOuts(db, m_clock, Models::TenantScope::agency());
    QCOMPARE(
        optOuts.isOptedOut(QStringLiteral("+12125550001"), QStringLiteral("call"), f.clientA).value(), true);
    QCOMPARE(
        optOuts.isOptedOut(QStringLiteral("+12125550002"), QStringLiteral("call"), f.clientA).value(), false);

    // Months later the same person arrives in a purchased list again.
    Services::ImportOptions options;
    options.campaignId = f.campaignA;
    options.filePath = write("first name,phone,email\nAgain,(212) 555-0001,\nOther,(212) 555-0003,\n");
    Services::LeadImporter importer(db, m_clock);
    importer.setActor(f.admin);
    const Services::ImportSummary summary = importer.run(options);
    db.open(); // run() released this thread's connection
    QCOMPARE(summary.imported, 2);
    QCOMPARE(summary.dnc, 1);
    QCOMPARE(Models::Sql::firstValue(
                 db, QStringLiteral("SELECT status FROM leads WHERE phone_e164 = '+12125550001'"))
                 .value()
                 .toString(),
        QStringLiteral("dnc"));
    const qint64 again = Models::Sql::firstValue(
        db, QStringLiteral("SELECT id FROM leads WHERE phone_e164 = '+12125550001'"))
                             .value()
                             .toLongLong();
    const auto candidate
        = Models::DialerRepository(db, m_clock, Models::TenantScope::agency()).candidate(again);
    QVERIFY(candidate.ok());
    QVERIFY(!candidate.value().optOuts.isEmpty());
}

QTEST_GUILESS_MAIN(tst_DncService)
#include "tst_dncservice.moc"
