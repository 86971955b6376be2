// Editing one lead (issue 23, lead detail): the phone re-normalized as the import does (any
// format; an area code newer than libphonenumber's data kept and flagged), e-mail and time zone
// checked, status transitions that make sense, no second lead of the client with the same
// phone; saved with its audit row in one transaction, read back as status history; client users
// change nothing (refused, audited as permission.denied). Real SQLite file and, when configured,
// PostgreSQL.
#include "leadsharness.h"

#include <common/testdatabase.h>
#include <models/repositories/optoutrepository.h>
#include <services/importing/leadnormalizer.h>
#include <services/leads/leadeditservice.h>

#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace Callvia;
using Services::LeadEditService;
using Tests::LeadsFixture;

class tst_LeadEditService : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void savesNormalizedFieldsWithAnAuditRow_data() { Tests::TestDatabase::addBackendRows(); }
    void savesNormalizedFieldsWithAnAuditRow();
    void rejectsBadFieldsAndChangesNothing_data() { Tests::TestDatabase::addBackendRows(); }
    void rejectsBadFieldsAndChangesNothing();
    void followsStatusTransitionsAndKeepsHistory_data() { Tests::TestDatabase::addBackendRows(); }
    void followsStatusTransitionsAndKeepsHistory();
    void clientUsersEditNothing_data() { Tests::TestDatabase::addBackendRows(); }
    void clientUsersEditNothing();

private:
    Models::TestClock m_clock { 1'800'000'000'000 };
};

namespace {

Models::LeadRecord stored(Models::Database &db, const Models::Clock &clock, qint64 id)
{
    return Models::LeadRepository(db, clock, Models::TenantScope::agency()).find(id).valueOr({});
}

} // namespace

void tst_LeadEditService::savesNormalizedFieldsWithAnAuditRow()
{
    CALLVIA_TEST_DATABASE(db);
    const LeadsFixture f = LeadsFixture::seed(db, m_clock);
    const qint64 id = LeadsFixture::addLeads(db, m_clock, f.clientA, f.campaignA, 0, 2).first();
    const LeadEditService service(db, m_clock);

    Models::LeadRecord lead = stored(db, m_clock, id);
    lead.firstName = QStringLiteral("  Ana ");
    lead.email = QStringLiteral("Ana.Lopez@Example.COM ");
    lead.timeZone = QStringLiteral("PST");
    lead.campaignId = f.otherA;
    lead.clientId = f.clientB; // ignored: a lead keeps its client
    auto saved = service.save(f.staff, lead, QStringLiteral("(415) 555-0134"));
    QVERIFY2(saved.ok(), qPrintable(saved.error().message()));
    QVERIFY(saved.value().changed);
    QVERIFY(!saved.value().unknownAreaCode);
    Models::LeadRecord now = stored(db, m_clock, id);
    QCOMPARE(now.firstName, QStringLiteral("Ana"));
    QCOMPARE(now.phoneE164, QStringLiteral("+14155550134"));
    QCOMPARE(now.email, QStringLiteral("ana.lopez@example.com"));
    QCOMPARE(now.timeZone, QStringLiteral("America/Los_Angeles"));
    QCOMPARE(now.campaignId, f.otherA);
    QCOMPARE(now.clientId, f.clientA);

    const auto entries = LeadsFixture::audit(db, QStringLiteral("lead.update"));
    QCOMPARE(entries.size(), 1);
    QCOMPARE(entries.first().entityId, QString::number(id));
    QCOMPARE(entries.first().clientId, f.clientA);
    QCOMPARE(entries.first().username, QStringLiteral("sam"));
    const QJsonObject before = QJsonDocument::fromJson(entries.first().beforeJson.toUtf8()).object();
    const QJsonObject after = QJsonDocument::fromJson(entries.first().afterJson.toUtf8()).object();
    QCOMPARE(before.value(QStringLiteral("phone")).toString(), QStringLiteral("+12125550000"));
    QCOMPARE(after.value(QStringLiteral("phone")).toString(), QStringLiteral("+14155550134"));

    // The same number typed another way is no change: nothing written, no second audit row.
    now.firstName = QStringLiteral("Ana");
    saved = service.save(f.staff, now, QStringLiteral("+1 415 555 0134"));
    QVERIFY2(saved.ok(), qPrintable(saved.error().message()));
    QVERIFY(!saved.value().changed);
    QCOMPARE(LeadsFixture::audit(db, QStringLiteral("lead.update")).size(), 1);

    // An area code newer than the library's data: kept and flagged, as the import does.
    saved = service.save(f.admin, now, QStringLiteral("(238) 234-5678"));
    QVERIFY2(saved.ok(), qPrintable(saved.error().message()));
    QVERIFY(saved.value().unknownAreaCode);
    now = stored(db, m_clock, id);
    QCOMPARE(now.phoneE164, QStringLiteral("+12382345678"));
    QVERIFY(now.customFieldsJson.contains(Services::LeadNormalizer::unknownAreaCodeNote()));
    QVERIFY(LeadsFixture::audit(db, QStringLiteral("lead.update")).first().afterJson.contains(QStringLiteral("unknown_area_code")));
    // A known number again clears the flag.
    saved = service.save(f.admin, now, QStringLiteral("4155550199"));
    QVERIFY2(saved.ok(), qPrintable(saved.error().message()));
    QVERIFY(!stored(db, m_clock, id).customFieldsJson.contains(QStringLiteral("phone_warning")));
}

void tst_LeadEditService::rejectsBadFieldsAndChangesNothing()
{
    CALLVIA_TEST_DATABASE(db);
    const LeadsFixture f = LeadsFixture::seed(db, m_clock);
    const QList<qint64> ids = LeadsFixture::addLeads(db, m_clock, f.clientA, f.campaignA, 0, 2);
    const qint64 other = LeadsFixture::addLeads(db, m_clock, f.clientB, f.campaignB, 10, 1).first();
    const LeadEditService service(db, m_clock);
    const Models::LeadRecord original = stored(db, m_clock, ids[0]);
    const QString phone = QStringLiteral("+12125550000");

    struct Case
    {
        const char *field;
        std::function<void(Models::LeadRecord &)> change;
        QString phoneText;
    };
    const QList<Case> cases {
        { "Phone", [](Models::LeadRecord &) {}, QStringLiteral("555-01") },
        { "Phone", [](Models::LeadRecord &) {}, QStringLiteral("+1 212 555 0001") }, // lead 1's number
        { "Phone", [](Models::LeadRecord &l) { l.email.clear(); }, QString() }, // neither phone nor e-mail
        { "E-mail", [](Models::LeadRecord &l) { l.email = QStringLiteral("not an address"); }, phone },
        { "E-mail", [](Models::LeadRecord &l) { l.email = QStringLiteral("lead1@example.com"); }, phone },
        { "Time zone", [](Models::LeadRecord &l) { l.timeZone = QStringLiteral("Mars/Olympus"); }, phone },
        { "Status", [](Models::LeadRecord &l) { l.status = QStringLiteral("shown"); }, phone },
        { "Call back at", [](Models::LeadRecord &l) { l.status = QStringLiteral("callback"); }, phone },
        { "Consent", [](Models::LeadRecord &l) { l.consentType = QStringLiteral("implied"); }, phone },
        { "Campaign", [&f](Models::LeadRecord &l) { l.campaignId = f.campaignB; }, phone },
    };
    for (const Case &c : cases) {
        Models::LeadRecord lead = original;
        c.change(lead);
        const auto saved = service.save(f.admin, lead, c.phoneText);
        QVERIFY2(!saved.ok(), c.field);
        QCOMPARE(saved.error().kind(), Models::DbError::Invalid);
        QVERIFY2(saved.error().message().startsWith(QString::fromLatin1(c.field) + QLatin1Char(':')),
                 qPrintable(saved.error().message()));
    }
    const Models::LeadRecord after = stored(db, m_clock, ids[0]);
    QCOMPARE(after.phoneE164, original.phoneE164);
    QCOMPARE(after.email, original.email);
    QCOMPARE(after.status, original.status);
    QCOMPARE(after.campaignId, original.campaignId);
    QVERIFY(LeadsFixture::audit(db, QStringLiteral("lead.update")).isEmpty());
    // Another client's lead may have the same number.
    Models::LeadRecord b = stored(db, m_clock, other);
    QVERIFY(service.save(f.admin, b, phone).ok());
}

void tst_LeadEditService::followsStatusTransitionsAndKeepsHistory()
{
    CALLVIA_TEST_DATABASE(db);
    const LeadsFixture f = LeadsFixture::seed(db, m_clock);
    const qint64 id = LeadsFixture::addLeads(db, m_clock, f.clientA, f.campaignA, 0, 1).first();
    const qint64 booked = LeadsFixture::addLeads(db, m_clock, f.clientA, f.campaignA, 5, 1, QStringLiteral("booked")).first();
    const LeadEditService service(db, m_clock);
    QCOMPARE(LeadEditService::statusTargets(QStringLiteral("dnc")), QStringList { QStringLiteral("dnc") });
    QCOMPARE(LeadEditService::statusTargets(QStringLiteral("booked")),
             (QStringList { QStringLiteral("booked"), QStringLiteral("dnc") }));
    QVERIFY(LeadEditService::statusTargets(QStringLiteral("no_show")).contains(QStringLiteral("new")));

    auto setStatus = [&](qint64 leadId, const char *status, qint64 callbackAt = 0) {
        Models::LeadRecord lead = stored(db, m_clock, leadId);
        lead.status = QString::fromLatin1(status);
        lead.callbackAt = callbackAt;
        return service.save(f.staff, lead, lead.phoneE164);
    };
    QVERIFY(setStatus(id, "contacted").ok());
    m_clock.advanceMs(60'000);
    QVERIFY(setStatus(id, "callback", m_clock.nowMs() + 3'600'000).ok());
    QCOMPARE(stored(db, m_clock, id).callbackAt, m_clock.nowMs() + 3'600'000);
    m_clock.advanceMs(60'000);
    QVERIFY(setStatus(id, "dnc").ok());
    QCOMPARE(stored(db, m_clock, id).callbackAt, 0);
    // DNC puts the lead on its client's opt-out list, and stays.
    QVERIFY(Models::OptOutRepository(db, m_clock, Models::TenantScope::agency())
                    .isOptedOut(QStringLiteral("+12125550000"), QStringLiteral("sms"), f.clientA)
                    .valueOr(false));
    QVERIFY(!setStatus(id, "new").ok());
    QVERIFY(!setStatus(booked, "new").ok());
    QVERIFY(setStatus(booked, "dnc").ok());

    const auto history = service.statusHistory(f.staff, id);
    QVERIFY2(history.ok(), qPrintable(history.error().message()));
    QCOMPARE(history.value().size(), 3);
    QCOMPARE(history.value()[0].from, QStringLiteral("new"));
    QCOMPARE(history.value()[0].to, QStringLiteral("contacted"));
    QCOMPARE(history.value()[1].to, QStringLiteral("callback"));
    QCOMPARE(history.value()[2].to, QStringLiteral("dnc"));
    QCOMPARE(history.value()[2].username, QStringLiteral("sam"));
    QVERIFY(history.value()[0].at < history.value()[2].at);
}

void tst_LeadEditService::clientUsersEditNothing()
{
    CALLVIA_TEST_DATABASE(db);
    const LeadsFixture f = LeadsFixture::seed(db, m_clock);
    const qint64 own = LeadsFixture::addLeads(db, m_clock, f.clientA, f.campaignA, 0, 1).first();
    const qint64 foreign = LeadsFixture::addLeads(db, m_clock, f.clientB, f.campaignB, 5, 1).first();
    const LeadEditService service(db, m_clock);
    for (const qint64 id : { own, foreign }) {
        Models::LeadRecord lead = stored(db, m_clock, id);
        lead.firstName = QStringLiteral("Changed");
        const auto saved = service.save(f.clientUserA, lead, lead.phoneE164);
        QVERIFY(!saved.ok());
        QVERIFY2(saved.error().message().startsWith(QStringLiteral("Permission denied")), qPrintable(saved.error().message()));
        QCOMPARE(stored(db, m_clock, id).firstName, QStringLiteral("Lead%1").arg(id == own ? 0 : 5));
    }
    const auto denied = LeadsFixture::audit(db, QStringLiteral("permission.denied"));
    QCOMPARE(denied.size(), 2);
    for (const Models::AuditRecord &entry : denied)
        QCOMPARE(entry.clientId, f.clientA); // filed under their own client, whatever they aimed at
    QVERIFY(LeadsFixture::audit(db, QStringLiteral("lead.update")).isEmpty());
}

QTEST_GUILESS_MAIN(tst_LeadEditService)
#include "tst_leadeditservice.moc"
