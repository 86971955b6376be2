#include <common/testdatabase.h>

#include <models/clock.h>
#include <models/repositories/callingsettingsrepository.h>
#include <models/repositories/campaignrepository.h>
#include <models/repositories/clientrepository.h>
#include <models/sqlhelpers.h>

#include <QtTest>

using namespace Callvia;
using namespace Callvia::Models;

// Campaign calling settings (issue 25 item 1, migration 020) on SQLite and PostgreSQL: defaults
// without a row, round trip, validation naming the field, the legal window enforced by the
// schema too, tenant scope.
class tst_CallingSettingsRepository : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void defaultsWithoutARow_data() { Tests::TestDatabase::addBackendRows(); }
    void defaultsWithoutARow();
    void roundTrip_data() { Tests::TestDatabase::addBackendRows(); }
    void roundTrip();
    void schemaRefusesAWiderWindow_data() { Tests::TestDatabase::addBackendRows(); }
    void schemaRefusesAWiderWindow();
    void clientScopeReadsOnlyItsOwn_data() { Tests::TestDatabase::addBackendRows(); }
    void clientScopeReadsOnlyItsOwn();
    void validationNamesTheField_data();
    void validationNamesTheField();

private:
    TestClock m_clock { QDateTime(QDate(2026, 7, 6), QTime(12, 0), Qt::UTC) };
};

namespace {

qint64 addCampaign(Database &db, const Clock &clock, const QString &client)
{
    ClientRecord c;
    c.name = client;
    const qint64 clientId = ClientRepository(db, clock, TenantScope::agency()).insert(c).value();
    CampaignRecord campaign;
    campaign.clientId = clientId;
    campaign.name = client + QStringLiteral(" outbound");
    return CampaignRepository(db, clock, TenantScope::agency()).insert(campaign).value();
}

} // namespace

void tst_CallingSettingsRepository::defaultsWithoutARow()
{
    CALLVIA_TEST_DATABASE(db);
    const qint64 campaignId = addCampaign(db, m_clock, QStringLiteral("Acme"));
    const DbResult<CampaignCallingSettings> found =
            CallingSettingsRepository(db, m_clock, TenantScope::agency()).find(campaignId);
    QVERIFY2(found.ok(), qPrintable(found.error().message()));
    QCOMPARE(found.value().campaignId, campaignId);
    QVERIFY(found.value().clientId > 0);
    QCOMPARE(found.value().updatedAt, 0);
    QCOMPARE(found.value().windowStartMinute, 8 * 60);
    QCOMPARE(found.value().windowEndMinute, 21 * 60);
    QCOMPARE(found.value().consentRequired, QStringLiteral("written"));
    QVERIFY(!found.value().nationalDncSnapshot.isValid());
    QCOMPARE(CallingSettingsRepository(db, m_clock, TenantScope::agency()).find(campaignId + 100).error().kind(),
             DbError::NotFound);
}

void tst_CallingSettingsRepository::roundTrip()
{
    CALLVIA_TEST_DATABASE(db);
    const qint64 campaignId = addCampaign(db, m_clock, QStringLiteral("Acme"));
    CallingSettingsRepository repository(db, m_clock, TenantScope::agency());
    CampaignCallingSettings s = repository.find(campaignId).value();
    s.callingDays = 0x1f;
    s.windowStartMinute = 9 * 60 + 30;
    s.windowEndMinute = 17 * 60;
    s.maxConcurrentCalls = 12;
    s.callsPerMinute = 30;
    s.maxAttempts = 4;
    s.retryNoAnswerSeconds = 7200;
    s.retryVoicemailSeconds = 172800;
    s.retryBusySeconds = 600;
    s.retryFailedSeconds = 900;
    s.callableStatuses = { QStringLiteral("new"), QStringLiteral("no_show") };
    s.consentRequired = QStringLiteral("express");
    s.telemarketing = false;
    s.nationalDncSnapshot = QDate(2026, 7, 1);
    QVERIFY2(!repository.save(s), qPrintable(repository.save(s).message()));
    CampaignCallingSettings found = repository.find(campaignId).value();
    QCOMPARE(found.callingDays, 0x1f);
    QCOMPARE(found.windowStartMinute, 9 * 60 + 30);
    QCOMPARE(found.windowEndMinute, 17 * 60);
    QCOMPARE(found.maxConcurrentCalls, 12);
    QCOMPARE(found.callsPerMinute, 30);
    QCOMPARE(found.maxAttempts, 4);
    QCOMPARE(found.retryNoAnswerSeconds, 7200);
    QCOMPARE(found.retryVoicemailSeconds, 172800);
    QCOMPARE(found.retryBusySeconds, 600);
    QCOMPARE(found.retryFailedSeconds, 900);
    QCOMPARE(found.callableStatuses, s.callableStatuses);
    QCOMPARE(found.consentRequired, QStringLiteral("express"));
    QCOMPARE(found.telemarketing, false);
    QCOMPARE(found.nationalDncSnapshot, QDate(2026, 7, 1));
    QCOMPARE(found.updatedAt, m_clock.nowMs());
    // Saving again replaces the row; a cleared snapshot is NULL again.
    found.nationalDncSnapshot = QDate();
    found.maxAttempts = 2;
    QVERIFY(!repository.save(found));
    QCOMPARE(repository.find(campaignId).value().maxAttempts, 2);
    QVERIFY(!repository.find(campaignId).value().nationalDncSnapshot.isValid());
    // Invalid settings are refused whole, with the field named, and nothing changes.
    found.windowStartMinute = 7 * 60;
    const DbError error = repository.save(found);
    QCOMPARE(error.kind(), DbError::Invalid);
    QVERIFY2(error.message().startsWith(QStringLiteral("Calling window start")), qPrintable(error.message()));
    QCOMPARE(repository.find(campaignId).value().windowStartMinute, 9 * 60 + 30);
}

void tst_CallingSettingsRepository::schemaRefusesAWiderWindow()
{
    CALLVIA_TEST_DATABASE(db);
    const qint64 campaignId = addCampaign(db, m_clock, QStringLiteral("Acme"));
    QVERIFY(!CallingSettingsRepository(db, m_clock, TenantScope::agency()).save(
            CallingSettingsRepository(db, m_clock, TenantScope::agency()).find(campaignId).value()));
    for (const char *sql : { "UPDATE campaign_calling_settings SET window_start_minute = 420",
                             "UPDATE campaign_calling_settings SET window_end_minute = 1290",
                             "UPDATE campaign_calling_settings SET calling_days = 0" }) {
        const DbResult<int> n = Sql::execAffected(db, QString::fromLatin1(sql));
        QVERIFY2(!n.ok(), sql);
    }
}

void tst_CallingSettingsRepository::clientScopeReadsOnlyItsOwn()
{
    CALLVIA_TEST_DATABASE(db);
    const qint64 acme = addCampaign(db, m_clock, QStringLiteral("Acme"));
    const qint64 other = addCampaign(db, m_clock, QStringLiteral("Globex"));
    const qint64 acmeClient = CallingSettingsRepository(db, m_clock, TenantScope::agency()).find(acme).value().clientId;
    CallingSettingsRepository scoped(db, m_clock, TenantScope::client(acmeClient));
    QVERIFY(scoped.find(acme).ok());
    QCOMPARE(scoped.find(other).error().kind(), DbError::NotFound);
    QVERIFY(scoped.save(scoped.find(acme).value())); // agency work only
}

void tst_CallingSettingsRepository::validationNamesTheField_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<int>("value");
    QTest::addColumn<QString>("message");
    QTest::newRow("no days") << "days" << 0 << "Calling days";
    QTest::newRow("start before 08:00") << "start" << 7 * 60 + 59 << "Calling window start: 07:59 is before the legal 08:00";
    QTest::newRow("end after 21:00") << "end" << 21 * 60 + 1 << "Calling window end: 21:01 is after the legal 21:00";
    QTest::newRow("end before start") << "end" << 8 * 60 << "Calling window end: must be after the start";
    QTest::newRow("no concurrency") << "concurrent" << 0 << "Maximum concurrent calls";
    QTest::newRow("rate too high") << "rate" << 1001 << "Calls per minute";
    QTest::newRow("no attempts") << "attempts" << 0 << "Maximum attempts per lead";
    QTest::newRow("negative busy retry") << "busy" << -1 << "Retry after busy";
    QTest::newRow("dnc status") << "status" << 0 << "Callable lead statuses: dnc may not be called";
    QTest::newRow("consent") << "consent" << 0 << "Consent required";
    QTest::newRow("snapshot in the future") << "snapshot" << 0 << "National DNC snapshot date: 2026-07-07";
    QTest::newRow("valid") << "none" << 0 << "";
}

void tst_CallingSettingsRepository::validationNamesTheField()
{
    QFETCH(QString, field);
    QFETCH(int, value);
    QFETCH(QString, message);
    CampaignCallingSettings s;
    if (field == QLatin1String("days"))
        s.callingDays = value;
    else if (field == QLatin1String("start"))
        s.windowStartMinute = value;
    else if (field == QLatin1String("end"))
        s.windowEndMinute = value;
    else if (field == QLatin1String("concurrent"))
        s.maxConcurrentCalls = value;
    else if (field == QLatin1String("rate"))
        s.callsPerMinute = value;
    else if (field == QLatin1String("attempts"))
        s.maxAttempts = value;
    else if (field == QLatin1String("busy"))
        s.retryBusySeconds = value;
    else if (field == QLatin1String("status"))
        s.callableStatuses << QStringLiteral("dnc");
    else if (field == QLatin1String("consent"))
        s.consentRequired = QStringLiteral("implied");
    else if (field == QLatin1String("snapshot"))
        s.nationalDncSnapshot = QDate(2026, 7, 7);
    const QString error = CallingSettingsRepository::validate(s, QDate(2026, 7, 6));
    QVERIFY2(message.isEmpty() ? error.isEmpty() : error.startsWith(message), qPrintable(error));
}

QTEST_GUILESS_MAIN(tst_CallingSettingsRepository)
#include "tst_callingsettingsrepository.moc"
