#include <common/testdatabase.h>

#include <models/auditrepository.h>
#include <models/campaignrepository.h>
#include <models/clientrepository.h>
#include <models/clock.h>
#include <models/leadrepository.h>
#include <models/sqlhelpers.h>
#include <services/auth/auditlog.h>
#include <services/auth/authservice.h>
#include <services/importing/leadimporter.h>

#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QUrl>
#include <QUuid>
#include <QtTest>

#include <algorithm>

using namespace Callvia;
using namespace Callvia::Models;
using namespace Callvia::Services;

// A client user's view of clients, campaigns, leads, statistics and the audit log holds only
// that client's rows (checked against direct SQL over a fixture of three clients), and on
// PostgreSQL row-level security enforces the same for raw SQL through the app's connection.
class tst_TenantIsolation : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void clientSessionSeesOnlyItsRows_data() { Tests::TestDatabase::addBackendRows(); }
    void clientSessionSeesOnlyItsRows();
    void clientSessionCannotWriteOtherClients_data() { Tests::TestDatabase::addBackendRows(); }
    void clientSessionCannotWriteOtherClients();
    void postgresRowLevelSecurityConfinesRawSql();
    void importerHonoursTheActor_data() { Tests::TestDatabase::addBackendRows(); }
    void importerHonoursTheActor();

private:
    QList<qint64> seed(Database &db); // three clients with campaigns and leads; returns client ids
    TestClock m_clock { 1'750'000'000'000 };
};

namespace {

QList<qint64> ids(Database &db, const QString &sql, const QVariantList &binds = {})
{
    QList<qint64> result;
    DbResult<QSqlQuery> q = Sql::exec(db, sql, binds);
    while (q.ok() && q.value().next())
        result << q.value().value(0).toLongLong();
    std::sort(result.begin(), result.end());
    return result;
}

template <typename Records> QList<qint64> idsOf(const Records &records)
{
    QList<qint64> result;
    for (const auto &r : records)
        result << r.id;
    std::sort(result.begin(), result.end());
    return result;
}

} // namespace

QList<qint64> tst_TenantIsolation::seed(Database &db)
{
    const QStringList statuses = { QStringLiteral("new"), QStringLiteral("contacted"),
        QStringLiteral("booked"), QStringLiteral("shown"), QStringLiteral("dnc") };
    QList<qint64> clients;
    for (int c = 0; c < 3; ++c) {
        ClientRecord client;
        client.name = QStringLiteral("Client %1").arg(c);
        const qint64 clientId = ClientRepository(db, m_clock).insert(client).value();
        clients << clientId;
        for (int k = 0; k < 2; ++k) {
            CampaignRecord campaign;
            campaign.clientId = clientId;
            campaign.name = QStringLiteral("Campaign %1-%2").arg(c).arg(k);
            const qint64 campaignId = CampaignRepository(db, m_clock).insert(campaign).value();
            for (int l = 0; l < 3 + c + k; ++l) {
                LeadRecord lead;
                lead.clientId = clientId;
                lead.campaignId = campaignId;
                lead.phoneE164 = QStringLiteral("+1555%1%2%3").arg(c).arg(k).arg(l, 5, 10, QLatin1Char('0'));
                lead.status = statuses.at(l % statuses.size());
                LeadRepository(db, m_clock).insert(lead).value();
            }
        }
        AuditLog(db, m_clock)
            .record(nullptr, QStringLiteral("test.seed"), QStringLiteral("client"), QString::number(clientId),
                {}, {}, clientId);
    }
    return clients;
}

void tst_TenantIsolation::clientSessionSeesOnlyItsRows()
{
    CALLVIA_TEST_DATABASE(db);
    const QList<qint64> clients = seed(db);
    const qint64 mine = clients.at(1);
    const TenantScope scope = Session(9, QStringLiteral("carol"), Session::Role::Client, mine).scope();

    const auto visibleClients = ClientRepository(db, m_clock, scope).list(true).value();
    QCOMPARE(idsOf(visibleClients), QList<qint64> { mine });
    QCOMPARE(ClientRepository(db, m_clock, scope).find(clients.at(0)).error().kind(), DbError::NotFound);

    const auto campaigns = CampaignRepository(db, m_clock, scope).list(0, true).value();
    QCOMPARE(
        idsOf(campaigns), ids(db, QStringLiteral("SELECT id FROM campaigns WHERE client_id = ?"), { mine }));
    QCOMPARE(campaigns.size(), 2);
    QVERIFY(CampaignRepository(db, m_clock, scope).list(clients.at(0), true).value().isEmpty());

    LeadQuery all;
    all.limit = 1000;
    const auto leads = LeadRepository(db, m_clock, scope).page(all).value();
    const QList<qint64> expectedLeads
        = ids(db, QStringLiteral("SELECT id FROM leads WHERE client_id = ?"), { mine });
    QCOMPARE(idsOf(leads), expectedLeads);
    QCOMPARE(LeadRepository(db, m_clock, scope).count(all).value(), qint64(expectedLeads.size()));
    QVERIFY(ids(db, QStringLiteral("SELECT id FROM leads")).size() > expectedLeads.size());
    QVERIFY(LeadRepository(db, m_clock, scope).findByPhone(QStringLiteral("+15550000000")).value().isEmpty());

    const auto stats = CampaignRepository(db, m_clock, scope).stats().value();
    QList<qint64> statCampaigns = stats.keys();
    std::sort(statCampaigns.begin(), statCampaigns.end());
    QCOMPARE(statCampaigns, idsOf(campaigns));
    for (const CampaignStats &s : stats) {
        const QList<qint64> inCampaign
            = ids(db, QStringLiteral("SELECT id FROM leads WHERE campaign_id = ?"), { s.campaignId });
        QCOMPARE(s.leadsTotal, qint64(inCampaign.size()));
    }
    const auto audit = AuditRepository(db, scope).list().value();
    QCOMPARE(audit.size(), 1);
    QCOMPARE(audit.first().clientId, mine);
}

void tst_TenantIsolation::clientSessionCannotWriteOtherClients()
{
    CALLVIA_TEST_DATABASE(db);
    const QList<qint64> clients = seed(db);
    const TenantScope scope = TenantScope::client(clients.at(1));
    const qint64 foreignCampaign
        = ids(db, QStringLiteral("SELECT id FROM campaigns WHERE client_id = ?"), { clients.at(0) }).first();
    LeadRecord lead;
    lead.clientId = clients.at(0);
    lead.campaignId = foreignCampaign;
    lead.phoneE164 = QStringLiteral("+15559990000");
    QVERIFY(!LeadRepository(db, m_clock, scope).insert(lead).ok());
    // Nor move one of its own leads into another client's campaign, nor touch a foreign lead.
    const qint64 ownLead
        = ids(db, QStringLiteral("SELECT id FROM leads WHERE client_id = ?"), { clients.at(1) }).first();
    LeadRecord moved = LeadRepository(db, m_clock, scope).find(ownLead).value();
    moved.campaignId = foreignCampaign;
    QCOMPARE(LeadRepository(db, m_clock, scope).update(moved).kind(), DbError::NotFound);
    QCOMPARE(LeadRepository(db, m_clock).update(moved).kind(), DbError::NotFound);
    const qint64 foreignLead
        = ids(db, QStringLiteral("SELECT id FROM leads WHERE client_id = ?"), { clients.at(0) }).first();
    QCOMPARE(LeadRepository(db, m_clock, scope).setStatus(foreignLead, QStringLiteral("dnc")).kind(),
        DbError::NotFound);
    QCOMPARE(ids(db, QStringLiteral("SELECT id FROM leads WHERE id = ? AND status = 'dnc'"), { foreignLead }),
        QList<qint64>());
    QCOMPARE(ids(db, QStringLiteral("SELECT campaign_id FROM leads WHERE id = ?"), { ownLead }),
        QList<qint64> { LeadRepository(db, m_clock).find(ownLead).value().campaignId });
    LeadRecord kept = moved;
    kept.campaignId
        = ids(db, QStringLiteral("SELECT id FROM campaigns WHERE client_id = ?"), { clients.at(1) }).last();
    kept.notes = QStringLiteral("moved within its client");
    QVERIFY(!LeadRepository(db, m_clock, scope).update(kept));
    QVERIFY(CampaignRepository(db, m_clock, scope).setStatus(foreignCampaign, QStringLiteral("paused")));
    ClientRecord another;
    another.name = QStringLiteral("New");
    QVERIFY(!ClientRepository(db, m_clock, scope).insert(another).ok());
    AuditRecord entry;
    entry.action = QStringLiteral("x");
    entry.clientId = clients.at(0);
    QVERIFY(!AuditRepository(db, scope).insert(entry).ok());
    QCOMPARE(ids(db, QStringLiteral("SELECT id FROM campaigns WHERE status = 'paused'")), QList<qint64>());
}

void tst_TenantIsolation::postgresRowLevelSecurityConfinesRawSql()
{
    QString skip, error;
    auto test = Tests::TestDatabase::create(QStringLiteral("postgresql"), &skip, &error);
    if (!test && !skip.isEmpty())
        QSKIP(qPrintable(skip));
    QVERIFY2(test, qPrintable(error));
    Database &owner = test->database(); // the superuser that ran the migrations
    const QList<qint64> clients = seed(owner);
    for (const qint64 client : clients)
        QVERIFY(Sql::exec(owner, QStringLiteral("INSERT INTO opt_outs (client_id, phone_e164, source, created_at) "
                                                 "VALUES (?, ?, 'manual', 1)"),
            { client, QStringLiteral("+1415555%1").arg(client, 4, 10, QLatin1Char('0')) }).ok());
    QVERIFY(Sql::exec(owner, QStringLiteral("INSERT INTO opt_outs (phone_e164, source, created_at) "
                                             "VALUES ('+14155550000', 'manual', 1)")).ok());
    AuthService(owner, m_clock, 1000)
        .createUser(Session::system(),
            { QStringLiteral("carol"), {}, QStringLiteral("client"), clients.at(2),
                QStringLiteral("river-stone-42-lamp"), false })
        .value();
    // RLS binds only a role that is neither superuser nor table owner: log in as such a role.
    const QString role
        = QStringLiteral("callvia_t_app_") + QUuid::createUuid().toString(QUuid::Id128).left(12);
    QSqlQuery admin(owner.connection()); // utility statements cannot be prepared
    QVERIFY2(admin.exec(QStringLiteral("CREATE ROLE %1 LOGIN NOSUPERUSER IN ROLE callvia_app").arg(role)),
        qPrintable(admin.lastError().text()));
    auto dropRole = qScopeGuard(
        [&] { QSqlQuery(owner.connection()).exec(QStringLiteral("DROP ROLE IF EXISTS %1").arg(role)); });
    QUrl url(test->url());
    url.setUserName(role);
    url.setPassword({});
    QString parseError;
    {
        Database app(*DatabaseUrl::parse(url.toString(), &parseError));
        QVERIFY(!app.open());
        QCOMPARE(ids(app,
                     QStringLiteral("SELECT CASE WHEN rolsuper THEN 1 ELSE 0 END FROM pg_roles WHERE rolname "
                                    "= current_user")),
            QList<qint64> { 0 });
        QCOMPARE(ids(app, QStringLiteral("SELECT id FROM clients")).size(), 3); // agency before sign-in

        const SignInResult signedIn
            = AuthService(app, m_clock, 1000)
                  .signIn(QStringLiteral("carol"), QStringLiteral("river-stone-42-lamp"));
        QCOMPARE(signedIn.status, SignInResult::Ok);
        app.setSessionClient(signedIn.session->clientId());

        const qint64 mine = clients.at(2);
        QCOMPARE(ids(app, QStringLiteral("SELECT id FROM clients")), QList<qint64> { mine });
        QCOMPARE(ids(app, QStringLiteral("SELECT DISTINCT client_id FROM leads")), QList<qint64> { mine });
        QCOMPARE(ids(app, QStringLiteral("SELECT id FROM leads")),
            ids(owner, QStringLiteral("SELECT id FROM leads WHERE client_id = ?"), { mine }));
        QCOMPARE(
            ids(app, QStringLiteral("SELECT DISTINCT client_id FROM campaigns")), QList<qint64> { mine });
        QCOMPARE(
            ids(app, QStringLiteral("SELECT DISTINCT client_id FROM audit_log WHERE client_id IS NOT NULL")),
            QList<qint64> { mine });
        QCOMPARE(
            ids(app, QStringLiteral("SELECT id FROM audit_log WHERE client_id IS NULL")), QList<qint64>());
        // Opt-outs: its own and the agency-wide ones (they bind every client), not another
        // client's; an agency-wide one cannot be written from a client session.
        QCOMPARE(ids(app, QStringLiteral("SELECT id FROM opt_outs ORDER BY id")),
            ids(owner, QStringLiteral("SELECT id FROM opt_outs WHERE client_id = ? OR client_id IS NULL ORDER BY id"),
                { mine }));
        QCOMPARE(ids(app, QStringLiteral("SELECT id FROM opt_outs WHERE client_id IS NULL")).size(), 1);
        const DbResult<QSqlQuery> agencyOptOut = Sql::exec(app,
            QStringLiteral("INSERT INTO opt_outs (phone_e164, source, created_at) VALUES ('+14155550199', 'manual', 1)"));
        QVERIFY2(!agencyOptOut.ok(), "an agency-wide opt-out is not written from a client session");

        const QString insert
            = QStringLiteral("INSERT INTO campaigns (client_id, name, created_at, updated_at) "
                             "VALUES (?, ?, 1, 1)");
        const DbResult<QSqlQuery> foreign
            = Sql::exec(app, insert, { clients.at(0), QStringLiteral("Sneaky") });
        QVERIFY2(!foreign.ok(), "an INSERT for another client is refused");
        QVERIFY2(foreign.error().message().contains(QStringLiteral("row-level security")),
            qPrintable(foreign.error().message()));
        QVERIFY(Sql::exec(app, insert, { mine, QStringLiteral("Own") }).ok());
        QVERIFY(Sql::execAffected(app, QStringLiteral("UPDATE leads SET notes = 'x'")).value() > 0);
        QCOMPARE(ids(owner, QStringLiteral("SELECT DISTINCT client_id FROM leads WHERE notes = 'x'")),
            QList<qint64> { mine });

        app.setSessionClient(0); // sign-out to an agency user: every row again
        QCOMPARE(ids(app, QStringLiteral("SELECT id FROM clients")).size(), 3);
    }
}

// `callvia --user NAME import` hands the signed-in session to the importer, which decides:
// a client user finds only its own client's campaigns and may only dry-run; staff import anywhere.
void tst_TenantIsolation::importerHonoursTheActor()
{
    CALLVIA_TEST_DATABASE(db);
    const QList<qint64> clients = seed(db);
    const qint64 own = ids(db, QStringLiteral("SELECT id FROM campaigns WHERE client_id = ?"), { clients.at(1) })
                           .first();
    const qint64 foreign
        = ids(db, QStringLiteral("SELECT id FROM campaigns WHERE client_id = ?"), { clients.at(0) }).first();
    QTemporaryDir dir;
    QFile csv(dir.filePath(QStringLiteral("leads.csv")));
    QVERIFY(csv.open(QIODevice::WriteOnly));
    csv.write("Name,Phone\nAna,+1 212 555 0142\nBo,+1 212 555 0199\n");
    csv.close();
    const auto leadsIn = [&db](qint64 campaignId) {
        return ids(db, QStringLiteral("SELECT id FROM leads WHERE campaign_id = ?"), { campaignId }).size();
    };
    const qsizetype ownBefore = leadsIn(own), foreignBefore = leadsIn(foreign);
    ImportOptions options;
    options.filePath = csv.fileName();
    options.defaultRegion = QStringLiteral("US");

    LeadImporter importer(db, m_clock);
    importer.setActor(Session(9, QStringLiteral("carol"), Session::Role::Client, clients.at(1)));
    options.campaignId = foreign;
    ImportSummary summary = importer.run(options);
    QVERIFY2(summary.error.startsWith(QStringLiteral("unknown campaign %1").arg(foreign)), qPrintable(summary.error));
    QVERIFY(summary.error.contains(QStringLiteral("carol")));
    options.campaignId = own;
    summary = importer.run(options);
    QVERIFY2(summary.error.startsWith(QStringLiteral("Permission denied")), qPrintable(summary.error));
    options.dryRun = true;
    summary = importer.run(options);
    QVERIFY2(summary.ok(), qPrintable(summary.error));
    QCOMPARE(summary.imported, 2); // counted, not written
    QCOMPARE(leadsIn(own), ownBefore);
    QCOMPARE(leadsIn(foreign), foreignBefore);

    options.dryRun = false;
    options.campaignId = foreign;
    importer.setActor(Session(8, QStringLiteral("sam"), Session::Role::Staff, 0));
    summary = importer.run(options);
    QVERIFY2(summary.ok(), qPrintable(summary.error));
    QCOMPARE(summary.imported, 2);
    QCOMPARE(leadsIn(foreign), foreignBefore + 2);
    QCOMPARE(ids(db, QStringLiteral("SELECT id FROM leads WHERE campaign_id = ? AND client_id <> ?"),
                 { foreign, clients.at(0) }),
        QList<qint64>());
}

QTEST_GUILESS_MAIN(tst_TenantIsolation)
#include "tst_tenantisolation.moc"
