#include <common/testdatabase.h>

#include <models/repositories/campaignrepository.h>
#include <models/repositories/clientrepository.h>
#include <models/clock.h>
#include <models/repositories/leadrepository.h>
#include <models/repositories/settingsrepository.h>

#include <QSqlQuery>
#include <QtTest>

using namespace Callvia;
using namespace Callvia::Models;

// Round trips of clients, campaigns, leads and settings, campaign statistics, tenant scope.
class tst_CoreRepositories : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void clientRoundTrip_data() { Tests::TestDatabase::addBackendRows(); }
    void clientRoundTrip();
    void campaignRoundTrip_data() { Tests::TestDatabase::addBackendRows(); }
    void campaignRoundTrip();
    void leadRoundTripAndLookups_data() { Tests::TestDatabase::addBackendRows(); }
    void leadRoundTripAndLookups();
    void campaignStatsFollowInsertsAndStatusChanges_data() { Tests::TestDatabase::addBackendRows(); }
    void campaignStatsFollowInsertsAndStatusChanges();
    void clientScopeSeesOnlyItsRows_data() { Tests::TestDatabase::addBackendRows(); }
    void clientScopeSeesOnlyItsRows();
    void settingsRoundTrip_data() { Tests::TestDatabase::addBackendRows(); }
    void settingsRoundTrip();

private:
    TestClock m_clock { 1'750'000'000'000 };
};

namespace {

qint64 addClient(Database &db, const Clock &clock, const QString &name)
{
    ClientRecord client;
    client.name = name;
    const DbResult<qint64> id = ClientRepository(db, clock, TenantScope::agency()).insert(client);
    return id.ok() ? id.value() : 0;
}

qint64 addCampaign(Database &db, const Clock &clock, qint64 clientId, const QString &name)
{
    CampaignRecord campaign;
    campaign.clientId = clientId;
    campaign.name = name;
    const DbResult<qint64> id = CampaignRepository(db, clock, TenantScope::agency()).insert(campaign);
    return id.ok() ? id.value() : 0;
}

LeadRecord lead(qint64 clientId, qint64 campaignId, const QString &phone, const QString &status = QStringLiteral("new"))
{
    LeadRecord r;
    r.clientId = clientId;
    r.campaignId = campaignId;
    r.firstName = QStringLiteral("Ana");
    r.phoneE164 = phone;
    r.status = status;
    return r;
}

} // namespace

void tst_CoreRepositories::clientRoundTrip()
{
    CALLVIA_TEST_DATABASE(db);
    ClientRepository repository(db, m_clock, TenantScope::agency());
    ClientRecord client;
    client.name = QStringLiteral("Sunrise Dental");
    client.contactEmail = QStringLiteral("ops@sunrise.example");
    client.stripeCustomerId = QStringLiteral("cus_123");
    client.timeZone = QStringLiteral("America/Los_Angeles");
    client.perMinuteRateCents = 25;
    client.milestoneSize = 30;
    client.milestoneAmountCents = 250050;
    const DbResult<qint64> id = repository.insert(client);
    QVERIFY2(id.ok(), qPrintable(id.error().message()));
    DbResult<ClientRecord> found = repository.find(id.value());
    QVERIFY(found.ok());
    QCOMPARE(found.value().name, client.name);
    QCOMPARE(found.value().contactEmail, client.contactEmail);
    QCOMPARE(found.value().stripeCustomerId, client.stripeCustomerId);
    QCOMPARE(found.value().timeZone, client.timeZone);
    QCOMPARE(found.value().perMinuteRateCents, 25);
    QCOMPARE(found.value().milestoneSize, 30);
    QCOMPARE(found.value().milestoneAmountCents, 250050);
    QCOMPARE(found.value().createdAt, m_clock.nowMs());

    ClientRecord changed = found.value();
    changed.name = QStringLiteral("Sunrise Dental Group");
    m_clock.advanceSeconds(60);
    QVERIFY(!repository.update(changed));
    QCOMPARE(repository.find(id.value()).value().name, changed.name);
    QCOMPARE(repository.find(id.value()).value().updatedAt, m_clock.nowMs());

    QVERIFY(!repository.setStatus(id.value(), QStringLiteral("archived")));
    QCOMPARE(repository.list().value().size(), 0);
    QCOMPARE(repository.list(true).value().size(), 1);
    QCOMPARE(repository.find(9999).error().kind(), DbError::NotFound);

    ClientRecord duplicate;
    duplicate.name = QStringLiteral("sunrise dental group");
    QCOMPARE(repository.insert(duplicate).error().kind(), DbError::Constraint);
}

void tst_CoreRepositories::campaignRoundTrip()
{
    CALLVIA_TEST_DATABASE(db);
    const qint64 clientId = addClient(db, m_clock, QStringLiteral("Acme"));
    CampaignRepository repository(db, m_clock, TenantScope::agency());
    CampaignRecord campaign;
    campaign.clientId = clientId;
    campaign.name = QStringLiteral("Spring reactivation");
    campaign.description = QStringLiteral("Old patients");
    campaign.status = QStringLiteral("active");
    campaign.defaultRegion = QStringLiteral("GB");
    campaign.retellAgentId = QStringLiteral("agent_1");
    campaign.fromNumber = QStringLiteral("+14155550100");
    campaign.dailyCallLimit = 500;
    const DbResult<qint64> id = repository.insert(campaign);
    QVERIFY2(id.ok(), qPrintable(id.error().message()));
    const CampaignRecord found = repository.find(id.value()).value();
    QCOMPARE(found.name, campaign.name);
    QCOMPARE(found.description, campaign.description);
    QCOMPARE(found.status, campaign.status);
    QCOMPARE(found.defaultRegion, QStringLiteral("GB"));
    QCOMPARE(found.retellAgentId, campaign.retellAgentId);
    QCOMPARE(found.fromNumber, campaign.fromNumber);
    QCOMPARE(found.dailyCallLimit, 500);
    QVERIFY(!repository.setStatus(id.value(), QStringLiteral("paused")));
    QCOMPARE(repository.find(id.value()).value().status, QStringLiteral("paused"));
    QVERIFY(!repository.setStatus(id.value(), QStringLiteral("archived")));
    QCOMPARE(repository.list(clientId).value().size(), 0);
    QCOMPARE(repository.list(clientId, true).value().size(), 1);
    QCOMPARE(repository.setStatus(id.value(), QStringLiteral("exploded")).kind(), DbError::Constraint);
}

void tst_CoreRepositories::leadRoundTripAndLookups()
{
    CALLVIA_TEST_DATABASE(db);
    const qint64 clientId = addClient(db, m_clock, QStringLiteral("Acme"));
    const qint64 campaignId = addCampaign(db, m_clock, clientId, QStringLiteral("Spring"));
    LeadRepository repository(db, m_clock, TenantScope::agency());
    LeadRecord r = lead(clientId, campaignId, QStringLiteral("+14155550101"));
    r.lastName = QStringLiteral("Silva");
    r.email = QStringLiteral("ana@example.com");
    r.phoneExtension = QStringLiteral("12");
    r.company = QStringLiteral("Acme");
    r.timeZone = QStringLiteral("America/Los_Angeles");
    r.region = QStringLiteral("CA");
    r.customFieldsJson = QStringLiteral("{\"source\":\"expo\"}");
    r.consentType = QStringLiteral("written");
    r.consentAt = 1000;
    r.consentSource = QStringLiteral("web form");
    const DbResult<qint64> id = repository.insert(r);
    QVERIFY2(id.ok(), qPrintable(id.error().message()));
    const LeadRecord found = repository.find(id.value()).value();
    QCOMPARE(found.phoneE164, r.phoneE164);
    QCOMPARE(found.phoneExtension, r.phoneExtension);
    QCOMPARE(found.email, r.email);
    QCOMPARE(found.customFieldsJson, r.customFieldsJson);
    QCOMPARE(found.region, r.region);
    QCOMPARE(found.consentType, r.consentType);
    QCOMPARE(found.consentAt, 1000);
    QCOMPARE(repository.findByPhone(QStringLiteral("+14155550101")).value().size(), 1);
    QCOMPARE(repository.findByEmail(QStringLiteral("ANA@example.com")).value().size(), 1);
    QCOMPARE(repository.findByPhone(QStringLiteral("+14155550101"), clientId + 1).value().size(), 0);

    QVERIFY(!repository.setStatus(id.value(), QStringLiteral("callback"), 5000));
    QCOMPARE(repository.find(id.value()).value().status, QStringLiteral("callback"));
    QCOMPARE(repository.find(id.value()).value().callbackAt, 5000);
    QCOMPARE(repository.insert(r).error().kind(), DbError::Constraint); // same phone, same client

    LeadQuery query;
    query.campaignId = campaignId;
    QCOMPARE(repository.count(query).value(), 1);
    query.search = QStringLiteral("+1415");
    QCOMPARE(repository.page(query).value().size(), 1);
    query.search = QStringLiteral("Sil");
    QCOMPARE(repository.page(query).value().size(), 1);
    query.search = QStringLiteral("zzz");
    QCOMPARE(repository.page(query).value().size(), 0);
}

void tst_CoreRepositories::campaignStatsFollowInsertsAndStatusChanges()
{
    CALLVIA_TEST_DATABASE(db);
    const qint64 clientId = addClient(db, m_clock, QStringLiteral("Acme"));
    const qint64 spring = addCampaign(db, m_clock, clientId, QStringLiteral("Spring"));
    const qint64 autumn = addCampaign(db, m_clock, clientId, QStringLiteral("Autumn"));
    LeadRepository leads(db, m_clock, TenantScope::agency());
    QList<qint64> ids;
    for (int i = 0; i < 10; ++i)
        ids << leads.insert(lead(clientId, spring, QStringLiteral("+1415555%1").arg(1000 + i))).value();
    leads.insert(lead(clientId, autumn, QStringLiteral("+14155559999"), QStringLiteral("dnc")));
    CampaignRepository campaigns(db, m_clock, TenantScope::agency());
    CampaignStats s = campaigns.statsFor(spring).value();
    QCOMPARE(s.leadsTotal, 10);
    QCOMPARE(s.fresh, 10);
    QCOMPARE(s.contacted, 0);
    QVERIFY(!leads.setStatus(ids[0], QStringLiteral("contacted")));
    QVERIFY(!leads.setStatus(ids[1], QStringLiteral("booked")));
    QVERIFY(!leads.setStatus(ids[2], QStringLiteral("shown")));
    QVERIFY(!leads.setStatus(ids[3], QStringLiteral("no_show")));
    QVERIFY(!leads.setStatus(ids[4], QStringLiteral("dnc")));
    s = campaigns.statsFor(spring).value();
    QCOMPARE(s.leadsTotal, 10);
    QCOMPARE(s.fresh, 5);
    QCOMPARE(s.contacted, 4);
    QCOMPARE(s.booked, 1);
    QCOMPARE(s.shown, 1);
    QCOMPARE(s.noShow, 1);
    QCOMPARE(s.dnc, 1);
    const QHash<qint64, CampaignStats> all = campaigns.stats().value();
    QCOMPARE(all.value(spring).leadsTotal, 10);
    QCOMPARE(all.value(autumn).leadsTotal, 1);
    QCOMPARE(all.value(autumn).dnc, 1);
    // Checked against direct SQL.
    QSqlQuery query(db.connection());
    QVERIFY(query.exec(QStringLiteral("SELECT COUNT(*) FROM leads WHERE campaign_id = %1 AND status <> 'new' AND status <> 'dnc'").arg(spring)));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toLongLong(), s.contacted);
}

void tst_CoreRepositories::clientScopeSeesOnlyItsRows()
{
    CALLVIA_TEST_DATABASE(db);
    const qint64 a = addClient(db, m_clock, QStringLiteral("A"));
    const qint64 b = addClient(db, m_clock, QStringLiteral("B"));
    const qint64 campaignA = addCampaign(db, m_clock, a, QStringLiteral("A1"));
    const qint64 campaignB = addCampaign(db, m_clock, b, QStringLiteral("B1"));
    LeadRepository(db, m_clock, TenantScope::agency()).insert(lead(a, campaignA, QStringLiteral("+14155550001")));
    const qint64 leadB = LeadRepository(db, m_clock, TenantScope::agency()).insert(lead(b, campaignB, QStringLiteral("+14155550002"))).value();

    const TenantScope scopeA = TenantScope::client(a);
    QCOMPARE(ClientRepository(db, m_clock, scopeA).list(true).value().size(), 1);
    QCOMPARE(ClientRepository(db, m_clock, scopeA).find(b).error().kind(), DbError::NotFound);
    QCOMPARE(CampaignRepository(db, m_clock, scopeA).list().value().size(), 1);
    QCOMPARE(CampaignRepository(db, m_clock, scopeA).find(campaignB).error().kind(), DbError::NotFound);
    QVERIFY(!CampaignRepository(db, m_clock, scopeA).stats().value().contains(campaignB));
    // A client scope changes no campaign, its own or another's (issue 20: defence in depth).
    QCOMPARE(CampaignRepository(db, m_clock, scopeA).setStatus(campaignB, QStringLiteral("paused")).kind(),
             DbError::Invalid);
    QCOMPARE(CampaignRepository(db, m_clock, scopeA).setStatus(campaignA, QStringLiteral("paused")).kind(),
             DbError::Invalid);
    LeadRepository leadsA(db, m_clock, scopeA);
    QCOMPARE(leadsA.find(leadB).error().kind(), DbError::NotFound);
    QCOMPARE(leadsA.findByPhone(QStringLiteral("+14155550002")).value().size(), 0);
    QCOMPARE(leadsA.count(LeadQuery {}).value(), 1);
    QCOMPARE(leadsA.setStatus(leadB, QStringLiteral("dnc")).kind(), DbError::NotFound);
    QCOMPARE(leadsA.insert(lead(b, campaignB, QStringLiteral("+14155550003"))).error().kind(), DbError::NotFound);
    ClientRecord other;
    other.name = QStringLiteral("C");
    QCOMPARE(ClientRepository(db, m_clock, scopeA).insert(other).error().kind(), DbError::Invalid);
    QCOMPARE(LeadRepository(db, m_clock, TenantScope::agency()).find(leadB).value().status, QStringLiteral("new"));
}

void tst_CoreRepositories::settingsRoundTrip()
{
    CALLVIA_TEST_DATABASE(db);
    SettingsRepository settings(db, m_clock);
    QCOMPARE(settings.value(QStringLiteral("missing"), QStringLiteral("fallback")).value(), QStringLiteral("fallback"));
    QVERIFY(!settings.setValue(QStringLiteral("listener.port"), QStringLiteral("8787")));
    QVERIFY(!settings.setValue(QStringLiteral("listener.port"), QStringLiteral("9000")));
    QCOMPARE(settings.value(QStringLiteral("listener.port")).value(), QStringLiteral("9000"));
    QVERIFY(!settings.setValue(QStringLiteral("stripe.webhook_secret"), QStringLiteral("enc:xyz"), true));
    QVERIFY(settings.isSecret(QStringLiteral("stripe.webhook_secret")).value());
    QVERIFY(!settings.isSecret(QStringLiteral("listener.port")).value());
    QCOMPARE(settings.all().value().size(), 2);
    QVERIFY(!settings.remove(QStringLiteral("listener.port")));
    QCOMPARE(settings.all().value().size(), 1);
}

QTEST_GUILESS_MAIN(tst_CoreRepositories)
#include "tst_corerepositories.moc"
