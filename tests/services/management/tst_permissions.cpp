#include <common/testdatabase.h>

#include <models/repositories/auditrepository.h>
#include <models/repositories/campaignrepository.h>
#include <models/repositories/clientprovideridrepository.h>
#include <models/repositories/clientrepository.h>
#include <models/clock.h>
#include <models/repositories/outboxrepository.h>
#include <models/repositories/userrepository.h>
#include <services/auth/session.h>
#include <services/management/campaignservice.h>
#include <services/management/clientservice.h>
#include <services/management/outboxactions.h>

#include <QJsonObject>
#include <QtTest>

#include <functional>

using namespace Callvia;
using namespace Callvia::Models;
using namespace Callvia::Services;

// Every staff/admin write the views make goes through a management service that checks the
// acting user's role: per role (admin, staff, a client user of client A aiming at its own and at
// client B's rows) each write either succeeds with an audit entry naming the actor, or is refused
// with an error naming what was refused, changes nothing and leaves a "permission.denied" entry.
// Client-scope repositories refuse writes on their own (defence in depth).
class tst_Permissions : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void everyWriteThroughTheServices_data();
    void everyWriteThroughTheServices();
    void clientScopeRepositoriesRefuseWrites_data() { Tests::TestDatabase::addBackendRows(); }
    void clientScopeRepositoriesRefuseWrites();

private:
    TestClock m_clock { 1'800'000'000'000 };
};

namespace {

struct Fixture
{
    qint64 clientA = 0, clientB = 0, archivedClient = 0;
    qint64 campaignA = 0, pausedA = 0, campaignB = 0, pausedB = 0;
    qint64 failedA = 0, failedB = 0;
    Session admin, staff, client;
};

qint64 addUser(Database &db, const Clock &clock, const QString &name, const QString &role, qint64 clientId)
{
    UserRecord user;
    user.username = name;
    user.role = role;
    user.clientId = clientId;
    user.passwordHash = QStringLiteral("not-a-hash");
    return UserRepository(db, clock).insert(user).valueOr(0);
}

qint64 addClient(Database &db, const Clock &clock, const QString &name, const QString &status = QStringLiteral("active"))
{
    ClientRecord client;
    client.name = name;
    client.status = status;
    client.stripeCustomerId = QStringLiteral("cus_") + name;
    return ClientRepository(db, clock, TenantScope::agency()).insert(client).valueOr(0);
}

qint64 addCampaign(Database &db, const Clock &clock, qint64 clientId, const QString &name, const QString &status)
{
    CampaignRecord campaign;
    campaign.clientId = clientId;
    campaign.name = name;
    campaign.status = status;
    return CampaignRepository(db, clock, TenantScope::agency()).insert(campaign).valueOr(0);
}

qint64 addFailedOutboxRow(Database &db, const Clock &clock, qint64 clientId, const QString &key)
{
    const OutboxRepository outbox(db, clock, TenantScope::agency());
    const qint64 id = outbox.enqueue({ QStringLiteral("email"), clientId, key,
                                       QJsonObject { { "to", "x@example.com" }, { "subject", "s" }, { "text", "t" } },
                                       clock.nowMs() })
                              .valueOr(0);
    outbox.claimDue(QStringLiteral("email"), QStringLiteral("w"), clock.nowMs(), 10);
    outbox.finish(QStringLiteral("w"), { { id, QStringLiteral("failed"), QStringLiteral("sendgrid"), 400, {}, {},
                                           QStringLiteral("HTTP 400"), 0, true } });
    return id;
}

Fixture seed(Database &db, const Clock &clock)
{
    Fixture f;
    f.clientA = addClient(db, clock, QStringLiteral("Alpha"));
    f.clientB = addClient(db, clock, QStringLiteral("Beta"));
    f.archivedClient = addClient(db, clock, QStringLiteral("Gamma"), QStringLiteral("archived"));
    f.campaignA = addCampaign(db, clock, f.clientA, QStringLiteral("A spring"), QStringLiteral("active"));
    f.pausedA = addCampaign(db, clock, f.clientA, QStringLiteral("A winter"), QStringLiteral("paused"));
    f.campaignB = addCampaign(db, clock, f.clientB, QStringLiteral("B spring"), QStringLiteral("active"));
    f.pausedB = addCampaign(db, clock, f.clientB, QStringLiteral("B winter"), QStringLiteral("paused"));
    f.failedA = addFailedOutboxRow(db, clock, f.clientA, QStringLiteral("a"));
    f.failedB = addFailedOutboxRow(db, clock, f.clientB, QStringLiteral("b"));
    f.admin = Session(addUser(db, clock, QStringLiteral("ada"), QStringLiteral("admin"), 0), QStringLiteral("ada"),
                      Session::Role::Admin, 0);
    f.staff = Session(addUser(db, clock, QStringLiteral("sam"), QStringLiteral("staff"), 0), QStringLiteral("sam"),
                      Session::Role::Staff, 0);
    f.client = Session(addUser(db, clock, QStringLiteral("carol"), QStringLiteral("client"), f.clientA),
                       QStringLiteral("carol"), Session::Role::Client, f.clientA);
    return f;
}

// Everything the services can change, read with agency scope, as one comparable text.
QString snapshot(Database &db, const Clock &clock)
{
    QString text;
    const auto clients = ClientRepository(db, clock, TenantScope::agency()).list(true).valueOr({});
    for (const ClientRecord &c : clients) {
        text += QStringLiteral("client %1 %2 %3 %4 %5 %6 %7 %8 %9;")
                        .arg(c.id)
                        .arg(c.name, c.phone, c.stripeCustomerId, c.currency, c.status)
                        .arg(c.perMinuteRateCents)
                        .arg(c.milestoneSize)
                        .arg(c.milestoneAmountCents);
        const auto ids = ClientProviderIdRepository(db, clock, TenantScope::agency()).forClient(c.id).valueOr({});
        for (const ClientProviderId &id : ids)
            text += QStringLiteral("id %1 %2 %3;").arg(id.provider, id.kind, id.value);
    }
    const auto campaigns = CampaignRepository(db, clock, TenantScope::agency()).list(0, true).valueOr({});
    for (const CampaignRecord &c : campaigns)
        text += QStringLiteral("campaign %1 %2 %3 %4 %5;").arg(c.id).arg(c.clientId).arg(c.name, c.status).arg(c.dailyCallLimit);
    const auto rows = OutboxRepository(db, clock, TenantScope::agency()).list({}).valueOr({});
    for (const OutboxRecord &r : rows)
        text += QStringLiteral("outbox %1 %2 %3;").arg(r.id).arg(r.status).arg(r.attempts);
    return text;
}

using Write = std::function<DbError(Database &, const Clock &, const Session &, const Fixture &, bool other)>;

DbError fromResult(const DbResult<qint64> &result)
{
    return result.ok() ? DbError() : result.error();
}

ClientRecord clientOf(Database &db, const Clock &clock, qint64 id)
{
    return ClientRepository(db, clock, TenantScope::agency()).find(id).value();
}

CampaignRecord campaignOf(Database &db, const Clock &clock, qint64 id)
{
    return CampaignRepository(db, clock, TenantScope::agency()).find(id).value();
}

struct Action
{
    const char *name;
    const char *audited; // the audit action of an allowed write
    bool admin, staff; // who may (client users never may)
    const char *refusal; // what the refusal names
    Write write;
};

QList<Action> actions()
{
    auto editClient = [](std::function<void(ClientRecord &)> change) -> Write {
        return [change](Database &db, const Clock &clock, const Session &s, const Fixture &f, bool other) {
            ClientRecord c = clientOf(db, clock, other ? f.clientB : f.clientA);
            change(c);
            return ClientService(db, clock).update(s, c);
        };
    };
    auto status = [](DbError (CampaignService::*call)(const Session &, qint64) const, bool paused) -> Write {
        return [call, paused](Database &db, const Clock &clock, const Session &s, const Fixture &f, bool other) {
            const qint64 id = paused ? (other ? f.pausedB : f.pausedA) : (other ? f.campaignB : f.campaignA);
            return (CampaignService(db, clock).*call)(s, id);
        };
    };
    return {
        { "create client", "client.create", true, true, "create clients",
          [](Database &db, const Clock &clock, const Session &s, const Fixture &, bool) {
              ClientRecord c;
              c.name = QStringLiteral("Delta");
              return fromResult(ClientService(db, clock).create(s, c));
          } },
        { "create client with a rate", "client.create", true, false, "per-minute rate",
          [](Database &db, const Clock &clock, const Session &s, const Fixture &, bool) {
              ClientRecord c;
              c.name = QStringLiteral("Delta");
              c.perMinuteRateCents = 35;
              return fromResult(ClientService(db, clock).create(s, c));
          } },
        { "edit client contact", "client.update", true, true, "edit clients",
          editClient([](ClientRecord &c) { c.phone = QStringLiteral("+14155550100"); }) },
        { "edit client rate", "client.update", true, false, "per-minute rate",
          editClient([](ClientRecord &c) { c.perMinuteRateCents = 99; }) },
        { "edit client Stripe customer id", "client.update", true, false, "Stripe customer id",
          editClient([](ClientRecord &c) { c.stripeCustomerId = QStringLiteral("cus_other"); }) },
        { "edit client milestone terms", "client.update", true, false, "milestone amount",
          editClient([](ClientRecord &c) { c.milestoneAmountCents = 1; }) },
        { "edit client provider ids", "client.update", true, true, "edit clients",
          [](Database &db, const Clock &clock, const Session &s, const Fixture &f, bool other) {
              const ClientRecord c = clientOf(db, clock, other ? f.clientB : f.clientA);
              const QList<ClientProviderId> ids { { 0, QStringLiteral("retell"), QStringLiteral("agent_id"),
                                                    QStringLiteral("agent_x") } };
              return ClientService(db, clock).update(s, c, &ids);
          } },
        { "archive client", "client.archive", true, true, "archive clients",
          [](Database &db, const Clock &clock, const Session &s, const Fixture &f, bool other) {
              return ClientService(db, clock).setArchived(s, other ? f.clientB : f.clientA, true);
          } },
        { "restore client", "client.restore", true, true, "restore clients",
          [](Database &db, const Clock &clock, const Session &s, const Fixture &f, bool) {
              return ClientService(db, clock).setArchived(s, f.archivedClient, false);
          } },
        { "create campaign", "campaign.create", true, true, "create campaigns",
          [](Database &db, const Clock &clock, const Session &s, const Fixture &f, bool other) {
              CampaignRecord c;
              c.clientId = other ? f.clientB : f.clientA;
              c.name = QStringLiteral("Summer");
              return fromResult(CampaignService(db, clock).create(s, c));
          } },
        { "edit campaign", "campaign.update", true, true, "edit campaigns",
          [](Database &db, const Clock &clock, const Session &s, const Fixture &f, bool other) {
              CampaignRecord c = campaignOf(db, clock, other ? f.campaignB : f.campaignA);
              c.dailyCallLimit = 5;
              return CampaignService(db, clock).update(s, c);
          } },
        { "pause campaign", "campaign.pause", true, true, "pause campaigns", status(&CampaignService::pause, false) },
        { "resume campaign", "campaign.resume", true, true, "resume campaigns", status(&CampaignService::resume, true) },
        { "archive campaign", "campaign.archive", true, true, "archive campaigns",
          status(&CampaignService::archive, false) },
        { "retry outbox row", "outbox.retry", true, false, "retry outbox rows",
          [](Database &db, const Clock &clock, const Session &s, const Fixture &f, bool other) {
              return OutboxActions(db, clock).retry(s, other ? f.failedB : f.failedA);
          } },
        { "cancel outbox row", "outbox.cancel", true, false, "cancel outbox rows",
          [](Database &db, const Clock &clock, const Session &s, const Fixture &f, bool other) {
              return OutboxActions(db, clock).cancel(s, other ? f.failedB : f.failedA);
          } },
    };
}

} // namespace

void tst_Permissions::everyWriteThroughTheServices_data()
{
    QTest::addColumn<QString>("backend");
    QTest::addColumn<QString>("role");
    QTest::addColumn<bool>("other"); // the row belongs to client B
    QTest::addColumn<int>("action");
    QTest::addColumn<bool>("allowed");
    const QList<Action> all = actions();
    for (const QString &backend : { QStringLiteral("sqlite"), QStringLiteral("postgresql") }) {
        for (int i = 0; i < all.size(); ++i) {
            const Action &a = all.at(i);
            const auto row = [&](const char *who) {
                return QStringLiteral("%1: %2 %3").arg(backend, QLatin1String(who), QLatin1String(a.name)).toUtf8();
            };
            QTest::newRow(row("admin").constData()) << backend << QStringLiteral("admin") << false << i << a.admin;
            QTest::newRow(row("staff").constData()) << backend << QStringLiteral("staff") << false << i << a.staff;
            QTest::newRow(row("client user (own client)").constData()) << backend << QStringLiteral("client") << false << i << false;
            QTest::newRow(row("client user (other client)").constData()) << backend << QStringLiteral("client") << true << i << false;
        }
    }
}

void tst_Permissions::everyWriteThroughTheServices()
{
    CALLVIA_TEST_DATABASE(db);
    QFETCH(QString, role);
    QFETCH(bool, other);
    QFETCH(int, action);
    QFETCH(bool, allowed);
    const Action a = actions().at(action);
    const Fixture f = seed(db, m_clock);
    QVERIFY(f.clientA && f.clientB && f.archivedClient && f.campaignA && f.pausedB && f.failedA && f.failedB);
    const Session &actor = role == QLatin1String("admin") ? f.admin : role == QLatin1String("staff") ? f.staff : f.client;
    QVERIFY(actor.userId() > 0);
    const AuditRepository audit(db, TenantScope::agency());
    const QString before = snapshot(db, m_clock);

    const DbError error = a.write(db, m_clock, actor, f, other);

    const auto done = audit.list(QLatin1String(a.audited)).valueOr({});
    const auto denials = audit.list(QStringLiteral("permission.denied")).valueOr({});
    if (allowed) {
        QVERIFY2(!error, qPrintable(error.message()));
        QVERIFY(snapshot(db, m_clock) != before);
        QCOMPARE(done.size(), 1);
        QCOMPARE(done.first().username, actor.username());
        QCOMPARE(done.first().userId, actor.userId());
        QVERIFY(denials.isEmpty());
        return;
    }
    QVERIFY2(error.isError(), "the write was not refused");
    QVERIFY2(error.message().startsWith(QLatin1String("Permission denied")), qPrintable(error.message()));
    if (role != QLatin1String("client")) // a client user is refused whatever the field
        QVERIFY2(error.message().contains(QLatin1String(a.refusal)), qPrintable(error.message()));
    QCOMPARE(snapshot(db, m_clock), before);
    QVERIFY(done.isEmpty());
    QCOMPARE(denials.size(), 1);
    QCOMPARE(denials.first().username, actor.username());
    QVERIFY2(denials.first().afterJson.contains(QLatin1String(a.audited)), qPrintable(denials.first().afterJson));
    if (role == QLatin1String("client")) // filed under the client user's own client, readable by them
        QCOMPARE(denials.first().clientId, f.clientA);
}

void tst_Permissions::clientScopeRepositoriesRefuseWrites()
{
    CALLVIA_TEST_DATABASE(db);
    const Fixture f = seed(db, m_clock);
    const TenantScope scopeA = TenantScope::client(f.clientA);
    const QString before = snapshot(db, m_clock);

    ClientRecord own = clientOf(db, m_clock, f.clientA);
    own.perMinuteRateCents = 1;
    own.stripeCustomerId = QStringLiteral("cus_mine");
    QCOMPARE(ClientRepository(db, m_clock, scopeA).update(own).kind(), DbError::Invalid);
    QCOMPARE(ClientRepository(db, m_clock, scopeA).setStatus(f.clientA, QStringLiteral("archived")).kind(),
             DbError::Invalid);
    ClientRecord another;
    another.name = QStringLiteral("Mine too");
    QVERIFY(!ClientRepository(db, m_clock, scopeA).insert(another).ok());

    CampaignRecord campaign = campaignOf(db, m_clock, f.campaignA);
    campaign.dailyCallLimit = 1;
    QCOMPARE(CampaignRepository(db, m_clock, scopeA).update(campaign).kind(), DbError::Invalid);
    QCOMPARE(CampaignRepository(db, m_clock, scopeA).setStatus(f.campaignA, QStringLiteral("paused")).kind(),
             DbError::Invalid);
    campaign.id = 0;
    campaign.name = QStringLiteral("Extra");
    QVERIFY(!CampaignRepository(db, m_clock, scopeA).insert(campaign).ok());

    const ClientProviderId mapping { f.clientA, QStringLiteral("retell"), QStringLiteral("agent_id"),
                                     QStringLiteral("agent_mine") };
    QCOMPARE(ClientProviderIdRepository(db, m_clock, scopeA).replaceForClient(f.clientA, { mapping }).kind(),
             DbError::Invalid);
    QCOMPARE(ClientProviderIdRepository(db, m_clock, scopeA).add(mapping).kind(), DbError::Invalid);

    QCOMPARE(snapshot(db, m_clock), before);
    // Reading stays allowed.
    QCOMPARE(ClientRepository(db, m_clock, scopeA).find(f.clientA).value().id, f.clientA);
    QCOMPARE(CampaignRepository(db, m_clock, scopeA).list(0, true).value().size(), 2);
}

QTEST_GUILESS_MAIN(tst_Permissions)
#include "tst_permissions.moc"
