#include <common/testdatabase.h>

#include <models/repositories/auditrepository.h>
#include <models/repositories/campaignrepository.h>
#include <models/repositories/clientrepository.h>
#include <models/repositories/eventrepository.h>
#include <models/clock.h>
#include <models/repositories/leadrepository.h>
#include <models/repositories/optoutrepository.h>
#include <models/repositories/userrepository.h>
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
#include <memory>
#include <tuple>

using namespace Callvia;
using namespace Callvia::Models;
using namespace Callvia::Services;

// A client user's view of clients, campaigns, leads, statistics and the audit log holds only
// that client's rows (checked against direct SQL over a fixture of three clients), and on
// PostgreSQL each user's own login role is held to the same by row-level security that fails
// closed, whatever the session does (RESET, set_config, SET ROLE, a pooled connection).
class tst_TenantIsolation : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void clientSessionSeesOnlyItsRows_data() { Tests::TestDatabase::addBackendRows(); }
    void clientSessionSeesOnlyItsRows();
    void clientSessionCannotWriteOtherClients_data() { Tests::TestDatabase::addBackendRows(); }
    void clientSessionCannotWriteOtherClients();
    void postgresClientRolesSeeOnlyTheirRows();
    void postgresSessionSettingsGiveNothing();
    void postgresDirectWritesAreRefused();
    void postgresPooledConnectionDoesNotLeak();
    void postgresSignInSwitchesToTheUsersRole();
    void importerHonoursTheActor_data() { Tests::TestDatabase::addBackendRows(); }
    void importerHonoursTheActor();

private:
    QList<qint64> seed(Database &db); // three clients with campaigns and leads; returns client ids
    std::unique_ptr<Tests::TestDatabase> postgresFixture(QList<qint64> *clients);
    TestClock m_clock { 1'750'000'000'000 };
    const QString m_password = QStringLiteral("river-stone-42-lamp");
    QString m_skip, m_error;
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
        const qint64 clientId = ClientRepository(db, m_clock, TenantScope::agency()).insert(client).value();
        clients << clientId;
        for (int k = 0; k < 2; ++k) {
            CampaignRecord campaign;
            campaign.clientId = clientId;
            campaign.name = QStringLiteral("Campaign %1-%2").arg(c).arg(k);
            const qint64 campaignId = CampaignRepository(db, m_clock, TenantScope::agency()).insert(campaign).value();
            for (int l = 0; l < 3 + c + k; ++l) {
                LeadRecord lead;
                lead.clientId = clientId;
                lead.campaignId = campaignId;
                lead.phoneE164 = QStringLiteral("+1555%1%2%3").arg(c).arg(k).arg(l, 5, 10, QLatin1Char('0'));
                lead.status = statuses.at(l % statuses.size());
                LeadRepository(db, m_clock, TenantScope::agency()).insert(lead).value();
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
    QCOMPARE(LeadRepository(db, m_clock, TenantScope::agency()).update(moved).kind(), DbError::NotFound);
    const qint64 foreignLead
        = ids(db, QStringLiteral("SELECT id FROM leads WHERE client_id = ?"), { clients.at(0) }).first();
    QCOMPARE(LeadRepository(db, m_clock, scope).setStatus(foreignLead, QStringLiteral("dnc")).kind(),
        DbError::NotFound);
    QCOMPARE(ids(db, QStringLiteral("SELECT id FROM leads WHERE id = ? AND status = 'dnc'"), { foreignLead }),
        QList<qint64>());
    QCOMPARE(ids(db, QStringLiteral("SELECT campaign_id FROM leads WHERE id = ?"), { ownLead }),
        QList<qint64> { LeadRepository(db, m_clock, TenantScope::agency()).find(ownLead).value().campaignId });
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

namespace {

// A connection logged in as a Callvia user's own PostgreSQL login role.
std::unique_ptr<Database> loginAs(Tests::TestDatabase &test, const QString &username, const QString &password)
{
    const QString role = UserRepository(test.database(), TestClock()).loginName(username).value();
    QString error;
    auto db = std::make_unique<Database>(*DatabaseUrl::parse(test.loginUrl(role, password), &error));
    return db;
}

QString scalarText(Database &db, const QString &sql, const QVariantList &binds = {})
{
    DbResult<QSqlQuery> q = Sql::exec(db, sql, binds);
    return q.ok() && q.value().next() ? q.value().value(0).toString() : QStringLiteral("<error>");
}

} // namespace

// The PostgreSQL fixture: three clients (seed), an agency-wide opt-out and one per client, an
// invoice and an appointment per client, client users carol (client 2) and dora (client 0) and
// staff sam, each with a login role made by AuthService.
std::unique_ptr<Tests::TestDatabase> tst_TenantIsolation::postgresFixture(QList<qint64> *clients)
{
    QString skip, error;
    auto test = Tests::TestDatabase::create(QStringLiteral("postgresql"), &skip, &error);
    if (!test) {
        m_skip = skip.isEmpty() ? QString() : skip;
        m_error = error;
        return nullptr;
    }
    Database &owner = test->database(); // the superuser that ran the migrations
    *clients = seed(owner);
    for (const qint64 client : *clients) {
        Sql::exec(owner, QStringLiteral("INSERT INTO opt_outs (client_id, phone_e164, source, created_at) "
                                        "VALUES (?, ?, 'manual', 1)"),
            { client, QStringLiteral("+1415555%1").arg(client, 4, 10, QLatin1Char('0')) });
        Sql::exec(owner, QStringLiteral("INSERT INTO invoices (client_id, kind, amount_cents, created_at, updated_at) "
                                        "VALUES (?, 'manual', 1000, 1, 1)"), { client });
        Sql::exec(owner, QStringLiteral("INSERT INTO appointments (client_id, booking_uid, starts_at, ends_at, "
                                        "created_at, updated_at) VALUES (?, ?, 1, 2, 1, 1)"),
            { client, QStringLiteral("bk-%1").arg(client) });
        Sql::exec(owner, QStringLiteral("INSERT INTO events (provider, provider_event_id, event_type, received_at, "
                                        "raw_body, status, client_id) VALUES ('stripe', ?, 'invoice.paid', 1, '{}', "
                                        "'processed', ?)"),
            { QStringLiteral("evt_%1").arg(client), client });
    }
    Sql::exec(owner, QStringLiteral("INSERT INTO events (provider, provider_event_id, event_type, received_at, raw_body, "
                                    "status, unattributed) VALUES ('calcom', 'b-none', 'BOOKING_CREATED', 1, '{}', "
                                    "'processed', 1)"));
    Sql::exec(owner, QStringLiteral("INSERT INTO opt_outs (phone_e164, source, created_at) "
                                    "VALUES ('+14155550000', 'manual', 1)"));
    const AuthService auth(owner, m_clock, 1000);
    for (const auto &[name, role, client] : { std::tuple { QStringLiteral("carol"), QStringLiteral("client"), clients->at(2) },
             std::tuple { QStringLiteral("dora"), QStringLiteral("client"), clients->at(0) },
             std::tuple { QStringLiteral("sam"), QStringLiteral("staff"), qint64(0) } }) {
        const DbResult<qint64> id = auth.createUser(Session::system(), { name, {}, role, client, m_password, false });
        if (!id.ok()) {
            m_error = id.error().message();
            return nullptr;
        }
    }
    return test;
}

#define CALLVIA_PG_FIXTURE(test, clients)                                                                   \
    QList<qint64> clients;                                                                                  \
    auto test = postgresFixture(&clients);                                                                  \
    if (!test && !m_skip.isEmpty())                                                                         \
        QSKIP(qPrintable(m_skip));                                                                          \
    QVERIFY2(test, qPrintable(m_error))

// Two client users' own login roles each see only their client's rows, through raw SQL;
// agency-wide opt-outs (other clients' contacts) are not readable, only a yes/no check.
void tst_TenantIsolation::postgresClientRolesSeeOnlyTheirRows()
{
    CALLVIA_PG_FIXTURE(test, clients);
    Database &owner = test->database();
    for (const auto &[name, mine] : { std::pair { QStringLiteral("carol"), clients.at(2) },
             std::pair { QStringLiteral("dora"), clients.at(0) } }) {
        auto app = loginAs(*test, name, m_password);
        QVERIFY2(!app->open(), qPrintable(app->open().message()));
        QCOMPARE(ids(*app, QStringLiteral("SELECT CASE WHEN rolsuper OR rolbypassrls THEN 1 ELSE 0 END FROM pg_roles "
                                          "WHERE rolname = current_user")),
            QList<qint64> { 0 });
        QCOMPARE(ids(*app, QStringLiteral("SELECT id FROM clients")), QList<qint64> { mine });
        QCOMPARE(ids(*app, QStringLiteral("SELECT id FROM leads")),
            ids(owner, QStringLiteral("SELECT id FROM leads WHERE client_id = ?"), { mine }));
        QCOMPARE(ids(*app, QStringLiteral("SELECT DISTINCT client_id FROM campaigns")), QList<qint64> { mine });
        QCOMPARE(ids(*app, QStringLiteral("SELECT DISTINCT client_id FROM invoices")), QList<qint64> { mine });
        QCOMPARE(ids(*app, QStringLiteral("SELECT DISTINCT client_id FROM appointments")), QList<qint64> { mine });
        QCOMPARE(ids(*app, QStringLiteral("SELECT DISTINCT COALESCE(client_id, -1) FROM audit_log")),
            QList<qint64> { mine });
        QCOMPARE(scalarText(*app, QStringLiteral("SELECT string_agg(username, ',') FROM users")), name);
        // Webhook events: the ones applied for its client (migration 028), read-only; never an
        // unattributed one.
        QCOMPARE(ids(*app, QStringLiteral("SELECT COALESCE(client_id, -1) FROM events")), QList<qint64> { mine });
        QCOMPARE(EventRepository(*app, TenantScope::client(mine)).list({}).value().size(), 1);
        QVERIFY(!Sql::exec(*app, QStringLiteral("UPDATE events SET status = 'pending'")).ok());
        // Opt-outs: its own only; the agency-wide one and another client's only as yes/no.
        QCOMPARE(ids(*app, QStringLiteral("SELECT id FROM opt_outs")),
            ids(owner, QStringLiteral("SELECT id FROM opt_outs WHERE client_id = ?"), { mine }));
        QCOMPARE(scalarText(*app, QStringLiteral("SELECT callvia_is_opted_out('+14155550000', 'sms', NULL)")),
            QStringLiteral("true"));
        const qint64 other = mine == clients.at(0) ? clients.at(1) : clients.at(0);
        QCOMPARE(scalarText(*app, QStringLiteral("SELECT callvia_is_opted_out(?, 'sms', ?)"),
                     { QStringLiteral("+1415555%1").arg(other, 4, 10, QLatin1Char('0')), other }),
            QStringLiteral("false"));
        QCOMPARE(OptOutRepository(*app, m_clock, TenantScope::agency()).isOptedOut(QStringLiteral("+14155550000"), QStringLiteral("sms"), mine)
                     .value(),
            true);
    }
}

// RESET or a forged set_config of the old session setting, or SET ROLE to the group, give a
// client role nothing extra; a role in the client group without a mapping, or in no group, sees
// nothing (fail closed).
void tst_TenantIsolation::postgresSessionSettingsGiveNothing()
{
    CALLVIA_PG_FIXTURE(test, clients);
    auto carol = loginAs(*test, QStringLiteral("carol"), m_password);
    QVERIFY(!carol->open());
    const QList<qint64> own = ids(*carol, QStringLiteral("SELECT id FROM leads"));
    QVERIFY(!own.isEmpty());
    QSqlQuery raw(carol->connection());
    QVERIFY(raw.exec(QStringLiteral("RESET callvia.client_id")));
    QCOMPARE(ids(*carol, QStringLiteral("SELECT id FROM leads")), own);
    QCOMPARE(ids(*carol, QStringLiteral("SELECT id FROM clients")), QList<qint64> { clients.at(2) });
    QVERIFY(raw.exec(QStringLiteral("SELECT set_config('callvia.client_id', '', false)")));
    QCOMPARE(ids(*carol, QStringLiteral("SELECT id FROM leads")), own);
    QVERIFY(raw.exec(QStringLiteral("SELECT set_config('callvia.client_id', '%1', false)").arg(clients.at(0))));
    QCOMPARE(ids(*carol, QStringLiteral("SELECT id FROM leads")), own);
    QCOMPARE(ids(*carol, QStringLiteral("SELECT id FROM clients")), QList<qint64> { clients.at(2) });
    QVERIFY(raw.exec(QStringLiteral("SET ROLE callvia_client")));
    QCOMPARE(ids(*carol, QStringLiteral("SELECT id FROM leads")), QList<qint64>());
    QVERIFY(!raw.exec(QStringLiteral("SET ROLE callvia_staff")));
    raw = QSqlQuery();
    carol.reset();

    // A member of callvia_client that no mapping row names, and a login in no Callvia group.
    QSqlQuery admin(test->database().connection());
    const QString stray = test->url().section(QLatin1Char('/'), -1) + QStringLiteral(".stray");
    const QString outsider = test->url().section(QLatin1Char('/'), -1) + QStringLiteral(".outsider");
    QVERIFY2(admin.exec(QStringLiteral("CREATE ROLE \"%1\" LOGIN PASSWORD '%2' IN ROLE callvia_client").arg(stray, m_password)),
        qPrintable(admin.lastError().text()));
    QVERIFY(admin.exec(QStringLiteral("CREATE ROLE \"%1\" LOGIN PASSWORD '%2'").arg(outsider, m_password)));
    QVERIFY(admin.exec(QStringLiteral("GRANT USAGE ON SCHEMA public TO \"%1\"").arg(outsider)));
    admin = QSqlQuery();
    test->database().releaseThreadConnection();
    QString error;
    Database strayDb(*DatabaseUrl::parse(test->loginUrl(stray, m_password), &error));
    QVERIFY(!strayDb.open());
    QCOMPARE(ids(strayDb, QStringLiteral("SELECT id FROM leads")), QList<qint64>());
    QCOMPARE(ids(strayDb, QStringLiteral("SELECT id FROM clients")), QList<qint64>());
    QCOMPARE(ids(strayDb, QStringLiteral("SELECT id FROM users")), QList<qint64>());
    QCOMPARE(scalarText(strayDb, QStringLiteral("SELECT callvia_is_opted_out(?, 'sms', ?)"),
                 { QStringLiteral("+1415555%1").arg(clients.at(0), 4, 10, QLatin1Char('0')), clients.at(0) }),
        QStringLiteral("false"));
    Database outsiderDb(*DatabaseUrl::parse(test->loginUrl(outsider, m_password), &error));
    QVERIFY(!outsiderDb.open());
    QVERIFY(!Sql::exec(outsiderDb, QStringLiteral("SELECT id FROM leads")).ok());
    strayDb.closeAllConnections();
    outsiderDb.closeAllConnections();
}

// A client role cannot write any table directly (invoices, users, audit_log); staff cannot rewrite
// the audit log either. A verdict goes through the checked, audited SECURITY DEFINER function.
void tst_TenantIsolation::postgresDirectWritesAreRefused()
{
    CALLVIA_PG_FIXTURE(test, clients);
    Database &owner = test->database();
    auto carol = loginAs(*test, QStringLiteral("carol"), m_password);
    QVERIFY(!carol->open());
    for (const QString &sql : { QStringLiteral("UPDATE invoices SET amount_cents = 0"),
             QStringLiteral("INSERT INTO users (username, role, password_hash, created_at, updated_at) VALUES "
                            "('mallory', 'admin', 'x', 1, 1)"),
             QStringLiteral("UPDATE users SET role = 'admin'"), QStringLiteral("UPDATE audit_log SET action = 'x'"),
             QStringLiteral("DELETE FROM audit_log"), QStringLiteral("UPDATE appointments SET verification = 'client_confirmed'"),
             QStringLiteral("INSERT INTO campaigns (client_id, name, created_at, updated_at) VALUES (%1, 'Own', 1, 1)")
                 .arg(clients.at(2)),
             QStringLiteral("INSERT INTO callvia_logins (role_name, user_id, client_id) VALUES ('x', 1, %1)")
                 .arg(clients.at(0)),
             QStringLiteral("SELECT callvia_sync_login(1, NULL)") }) {
        const DbResult<QSqlQuery> q = Sql::exec(*carol, sql);
        QVERIFY2(!q.ok(), qPrintable(sql));
        QVERIFY2(q.error().message().contains(QStringLiteral("permission denied")), qPrintable(q.error().message()));
    }
    QCOMPARE(ids(owner, QStringLiteral("SELECT amount_cents FROM invoices GROUP BY amount_cents")), QList<qint64> { 1000 });
    QCOMPARE(ids(owner, QStringLiteral("SELECT id FROM users WHERE username = 'mallory' OR role = 'admin'")), QList<qint64>());
    auto sam = loginAs(*test, QStringLiteral("sam"), m_password);
    QVERIFY(!sam->open());
    QVERIFY(!Sql::exec(*sam, QStringLiteral("UPDATE audit_log SET action = 'x'")).ok());
    QVERIFY(!Sql::exec(*sam, QStringLiteral("DELETE FROM audit_log")).ok());
    QVERIFY(!Sql::exec(*sam, QStringLiteral("UPDATE users SET role = 'admin'")).ok());
    QVERIFY(Sql::exec(*sam, QStringLiteral("UPDATE invoices SET description = 'staff may'")).ok());

    const qint64 own = ids(owner, QStringLiteral("SELECT id FROM appointments WHERE client_id = ?"), { clients.at(2) }).first();
    const qint64 foreign = ids(owner, QStringLiteral("SELECT id FROM appointments WHERE client_id = ?"), { clients.at(0) }).first();
    QVERIFY(!Sql::exec(*carol, QStringLiteral("SELECT callvia_confirm_appointment(?, 'client_confirmed', 5)"), { foreign }).ok());
    QVERIFY(!Sql::exec(*carol, QStringLiteral("SELECT callvia_confirm_appointment(?, 'call_verified', 5)"), { own }).ok());
    QVERIFY(Sql::exec(*carol, QStringLiteral("SELECT callvia_confirm_appointment(?, 'client_confirmed', 5)"), { own }).ok());
    QCOMPARE(ids(owner, QStringLiteral("SELECT id FROM appointments WHERE verification = 'client_confirmed'")),
        QList<qint64> { own });
    QCOMPARE(ids(owner, QStringLiteral("SELECT client_id FROM audit_log WHERE action = 'appointment.verify' AND "
                                       "username = 'carol' AND entity_id = ?"), { QString::number(own) }),
        QList<qint64> { clients.at(2) });
}

// One physical connection handed from one role to another (a pool doing SET SESSION
// AUTHORIZATION) keeps no tenant context: each role sees its own client's rows only.
void tst_TenantIsolation::postgresPooledConnectionDoesNotLeak()
{
    CALLVIA_PG_FIXTURE(test, clients);
    Database &owner = test->database();
    const QString carol = UserRepository(owner, m_clock).loginName(QStringLiteral("carol")).value();
    const QString dora = UserRepository(owner, m_clock).loginName(QStringLiteral("dora")).value();
    const QList<qint64> carolLeads = ids(owner, QStringLiteral("SELECT id FROM leads WHERE client_id = ?"), { clients.at(2) });
    const QList<qint64> doraLeads = ids(owner, QStringLiteral("SELECT id FROM leads WHERE client_id = ?"), { clients.at(0) });
    QSqlQuery pool(owner.connection());
    QVERIFY(pool.exec(QStringLiteral("SET SESSION AUTHORIZATION \"%1\"").arg(carol)));
    QCOMPARE(ids(owner, QStringLiteral("SELECT id FROM leads")), carolLeads);
    {
        Transaction transaction(owner);
        QVERIFY(transaction.isActive());
        QVERIFY(pool.exec(QStringLiteral("SELECT set_config('callvia.client_id', '%1', true)").arg(clients.at(0))));
        QCOMPARE(ids(owner, QStringLiteral("SELECT id FROM leads")), carolLeads);
        QVERIFY(!transaction.commit());
    }
    QVERIFY(pool.exec(QStringLiteral("RESET SESSION AUTHORIZATION")));
    QVERIFY(pool.exec(QStringLiteral("SET SESSION AUTHORIZATION \"%1\"").arg(dora)));
    QCOMPARE(ids(owner, QStringLiteral("SELECT id FROM leads")), doraLeads);
    QCOMPARE(ids(owner, QStringLiteral("SELECT id FROM clients")), QList<qint64> { clients.at(0) });
    QCOMPARE(scalarText(owner, QStringLiteral("SELECT COALESCE(current_setting('callvia.client_id', true), '')")),
        QString());
    QVERIFY(pool.exec(QStringLiteral("RESET SESSION AUTHORIZATION")));
}

// Signing in through AuthService with login switching moves the process onto the user's own
// role (from a shared service login); disabling the user makes the role NOLOGIN, and a wrong
// password is refused by the server itself.
void tst_TenantIsolation::postgresSignInSwitchesToTheUsersRole()
{
    CALLVIA_PG_FIXTURE(test, clients);
    Database &owner = test->database();
    const QString service = test->url().section(QLatin1Char('/'), -1) + QStringLiteral(".service");
    {
        QSqlQuery admin(owner.connection());
        QVERIFY2(admin.exec(QStringLiteral("CREATE ROLE \"%1\" LOGIN PASSWORD '%2' IN ROLE callvia_app").arg(service, m_password)),
            qPrintable(admin.lastError().text()));
    }
    QString error;
    Database app(*DatabaseUrl::parse(test->loginUrl(service, m_password), &error));
    QVERIFY(!app.open());
    QCOMPARE(ids(app, QStringLiteral("SELECT id FROM clients")).size(), 3);
    AuthService auth(app, m_clock, 1000);
    auth.setSwitchesLogin(true);
    const SignInResult signedIn = auth.signIn(QStringLiteral("carol"), m_password);
    QVERIFY2(signedIn.status == SignInResult::Ok, qPrintable(signedIn.message));
    QCOMPARE(scalarText(app, QStringLiteral("SELECT current_user")),
        UserRepository(owner, m_clock).loginName(QStringLiteral("carol")).value());
    QCOMPARE(ids(app, QStringLiteral("SELECT id FROM clients")), QList<qint64> { clients.at(2) });
    app.closeAllConnections();

    // A server whose pg_hba.conf trusts every loopback login (RECIPES.md's plain initdb) checks no
    // password; CI's asks for SCRAM (.ci/run).
    const bool checksPasswords
        = scalarText(owner, QStringLiteral("SELECT count(*) FROM pg_hba_file_rules WHERE auth_method = 'trust' AND "
                                           "type LIKE 'host%' AND 'all' = ANY(user_name)"))
        == QStringLiteral("0");
    if (checksPasswords) {
        auto wrong = loginAs(*test, QStringLiteral("dora"), QStringLiteral("not-the-password-1"));
        QVERIFY(wrong->open());
    } else {
        qInfo("this server trusts loopback logins: the wrong-password check is left out");
    }
    QVERIFY(!AuthService(owner, m_clock, 1000).setDisabled(Session::system(), QStringLiteral("dora"), true));
    auto disabled = loginAs(*test, QStringLiteral("dora"), m_password);
    QVERIFY(disabled->open());
    QVERIFY(!AuthService(owner, m_clock, 1000).setDisabled(Session::system(), QStringLiteral("dora"), false));
    auto enabled = loginAs(*test, QStringLiteral("dora"), m_password);
    QVERIFY(!enabled->open());
    enabled->closeAllConnections();
    QVERIFY(!AuthService(owner, m_clock, 1000).resetPassword(Session::system(), QStringLiteral("dora"),
        QStringLiteral("lamp-river-new-77"), false));
    if (checksPasswords)
        QVERIFY(loginAs(*test, QStringLiteral("dora"), m_password)->open()); // the old one no more
    QVERIFY(!loginAs(*test, QStringLiteral("dora"), QStringLiteral("lamp-river-new-77"))->open());
    {
        QSqlQuery(owner.connection()).exec(QStringLiteral("DROP OWNED BY \"%1\"").arg(service));
        QSqlQuery(owner.connection()).exec(QStringLiteral("DROP ROLE \"%1\"").arg(service));
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
