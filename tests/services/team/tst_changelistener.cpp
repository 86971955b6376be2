// Issue 26, live updates on real PostgreSQL: a desktop-side listener sees a call that another
// connection's event processing applied within one second; a listener bound to one client gets
// no notice about another client; a lost listening session is opened again by itself.
// QSKIPs without CALLVIA_TEST_PG_URL.
#include "../webhooks/applyharness.h"

#include <common/testdatabase.h>
#include <models/changechannel.h>
#include <models/clock.h>
#include <services/team/changelistener.h>
#include <services/webhooks/retellhandler.h>

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QSignalSpy>
#include <QtTest>

using namespace Callvia;

class tst_ChangeListener : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void seesANewCallWithinOneSecond();
    void clientBoundListenerIgnoresOtherClients();
    void leadChangesAreNotedButNotInserts();
    void reconnectsAfterItsSessionIsKilled();
    void parsesOnlyWellFormedNotices();

private:
    Models::TestClock m_clock { 1'750'000'000'000 };
};

namespace {

QByteArray callStarted(const QString &callId, const QString &agent, const QString &toNumber)
{
    const QJsonObject call { { QStringLiteral("call_id"), callId },
                             { QStringLiteral("agent_id"), agent },
                             { QStringLiteral("direction"), QStringLiteral("outbound") },
                             { QStringLiteral("from_number"), QStringLiteral("+14155550100") },
                             { QStringLiteral("to_number"), toNumber },
                             { QStringLiteral("call_status"), QStringLiteral("ongoing") },
                             { QStringLiteral("start_timestamp"), 1'749'990'000'000.0 } };
    return QJsonDocument(QJsonObject { { QStringLiteral("event"), QStringLiteral("call_started") },
                                       { QStringLiteral("call"), call } })
            .toJson(QJsonDocument::Compact);
}

qint64 addRetellClient(Models::Database &db, const Models::Clock &clock, const QString &name, const QString &agent)
{
    const qint64 client = Tests::addClient(db, clock, name);
    if (!Tests::mapProviderId(db, clock, client, QStringLiteral("retell"), QStringLiteral("agent_id"), agent))
        return 0;
    return client;
}

Models::DatabaseUrl urlOf(const Tests::TestDatabase &holder)
{
    QString error;
    return *Models::DatabaseUrl::parse(holder.url(), &error);
}

} // namespace

#define CALLVIA_PG_DATABASE(var)                                                                          \
    QString var##Skip, var##Error;                                                                        \
    auto var##Holder = Tests::TestDatabase::create(QStringLiteral("postgresql"), &var##Skip, &var##Error); \
    if (!var##Holder && !var##Skip.isEmpty())                                                             \
        QSKIP(qPrintable(var##Skip));                                                                     \
    QVERIFY2(var##Holder, qPrintable(var##Error));                                                        \
    Models::Database &var = var##Holder->database()

void tst_ChangeListener::seesANewCallWithinOneSecond()
{
    CALLVIA_PG_DATABASE(db);
    const qint64 client = addRetellClient(db, m_clock, QStringLiteral("Sunrise Dental"), QStringLiteral("agent_1"));
    QVERIFY(client > 0);
    Services::ChangeListener listener(urlOf(*dbHolder), Models::TenantScope::agency(), {});
    listener.start();
    QVERIFY(listener.isListening());
    QSignalSpy changed(&listener, &Services::ChangeListener::changed);

    // Another connection (the test's own) applies the webhook exactly as the event processor does.
    Services::RetellHandler handler(db, m_clock);
    QElapsedTimer applied;
    QCOMPARE(Tests::deliver(handler, db, callStarted(QStringLiteral("call_1"), QStringLiteral("agent_1"),
                                                     QStringLiteral("+14155550123"))),
             QString());
    applied.start();
    const qint64 callLog = Tests::scalar(db, QStringLiteral("SELECT id FROM call_logs WHERE retell_call_id = 'call_1'"));
    QVERIFY(callLog > 0);
    bool seen = false;
    while (!seen && applied.elapsed() < 1000 && changed.wait(int(qMax<qint64>(1, 1000 - applied.elapsed())))) {
        for (const QList<QVariant> &arguments : changed) {
            const auto notice = arguments.at(0).value<Models::ChangeNotice>();
            seen = seen || (notice.table == QLatin1String("call_logs") && notice.rowId == callLog);
        }
    }
    QVERIFY2(seen, "no call_logs notice within one second");
    qInfo("call notice after %lld ms", applied.elapsed());
    const auto notice = changed.first().at(0).value<Models::ChangeNotice>();
    QCOMPARE(notice.clientId, client);
}

void tst_ChangeListener::clientBoundListenerIgnoresOtherClients()
{
    CALLVIA_PG_DATABASE(db);
    const qint64 mine = addRetellClient(db, m_clock, QStringLiteral("Mine"), QStringLiteral("agent_mine"));
    const qint64 other = addRetellClient(db, m_clock, QStringLiteral("Other"), QStringLiteral("agent_other"));
    QVERIFY(mine > 0 && other > 0);
    Services::ChangeListener bound(urlOf(*dbHolder), Models::TenantScope::client(mine), {});
    Services::ChangeListener agency(urlOf(*dbHolder), Models::TenantScope::agency(), {});
    bound.start();
    agency.start();
    QSignalSpy boundChanged(&bound, &Services::ChangeListener::changed);
    QSignalSpy agencyChanged(&agency, &Services::ChangeListener::changed);
    Services::RetellHandler handler(db, m_clock);
    // The other client's call first, then one of mine: notices arrive in commit order, so once mine
    // is here the other one has been seen (and dropped) already.
    QCOMPARE(Tests::deliver(handler, db, callStarted(QStringLiteral("other_1"), QStringLiteral("agent_other"),
                                                     QStringLiteral("+14155550124"))),
             QString());
    QCOMPARE(Tests::deliver(handler, db, callStarted(QStringLiteral("mine_1"), QStringLiteral("agent_mine"),
                                                     QStringLiteral("+14155550125"))),
             QString());
    QTRY_VERIFY_WITH_TIMEOUT(boundChanged.size() >= 1, 2000);
    QTRY_VERIFY_WITH_TIMEOUT(agencyChanged.size() >= 2, 2000);
    for (const QList<QVariant> &arguments : boundChanged)
        QCOMPARE(arguments.at(0).value<Models::ChangeNotice>().clientId, mine);
    QSet<qint64> agencyClients;
    for (const QList<QVariant> &arguments : agencyChanged)
        agencyClients.insert(arguments.at(0).value<Models::ChangeNotice>().clientId);
    QVERIFY(agencyClients.contains(other));
    QVERIFY(agencyClients.contains(mine));
}

// Migration 029: a lead's visible change (status, name, phone, e-mail) or deletion is noticed so
// the leads view refreshes that row; inserts (imports) and invisible updates stay silent.
void tst_ChangeListener::leadChangesAreNotedButNotInserts()
{
    CALLVIA_PG_DATABASE(db);
    const qint64 client = Tests::addClient(db, m_clock, QStringLiteral("Sunrise Dental"));
    const qint64 campaign = Tests::addCampaign(db, m_clock, client, QStringLiteral("Spring"));
    const qint64 lead = Tests::addLead(db, m_clock, client, campaign, QStringLiteral("+14155550123"));
    Services::ChangeListener listener(urlOf(*dbHolder), Models::TenantScope::agency(), {});
    listener.start();
    QVERIFY(listener.isListening());
    QSignalSpy changed(&listener, &Services::ChangeListener::changed);
    // Silent first: a new lead and an update of a column the view does not show. Notices come in
    // commit order, so if either made one, it would be among the first two.
    const qint64 imported = Tests::addLead(db, m_clock, client, campaign, QStringLiteral("+14155550124"));
    QVERIFY(Models::Sql::exec(db, QStringLiteral("UPDATE leads SET notes = 'silent' WHERE id = ?"), { imported }).ok());
    QVERIFY(Models::Sql::exec(db, QStringLiteral("UPDATE leads SET status = 'contacted' WHERE id = ?"), { lead }).ok());
    QVERIFY(Models::Sql::exec(db, QStringLiteral("DELETE FROM leads WHERE id = ?"), { lead }).ok());
    QTRY_VERIFY_WITH_TIMEOUT(changed.size() >= 2, 2000);
    for (int i = 0; i < 2; ++i) {
        const auto notice = changed.at(i).at(0).value<Models::ChangeNotice>();
        QCOMPARE(notice.table, QStringLiteral("leads"));
        QCOMPARE(notice.rowId, lead);
        QCOMPARE(notice.clientId, client);
    }
}

void tst_ChangeListener::reconnectsAfterItsSessionIsKilled()
{
    CALLVIA_PG_DATABASE(db);
    const qint64 client = addRetellClient(db, m_clock, QStringLiteral("Sunrise Dental"), QStringLiteral("agent_1"));
    Services::ChangeListener listener(urlOf(*dbHolder), Models::TenantScope::agency(), {});
    listener.start();
    QSignalSpy reconnected(&listener, &Services::ChangeListener::reconnected);
    QSignalSpy changed(&listener, &Services::ChangeListener::changed);
    const int backend = listener.backendPid();
    QVERIFY(backend > 0);
    // What a database restart does to the session.
    QVERIFY(Models::Sql::exec(db, QStringLiteral("SELECT pg_terminate_backend(?, 5000)"), { backend }).ok());
    listener.checkConnection();
    QCOMPARE(reconnected.size(), 1);
    QVERIFY(listener.isListening());
    QVERIFY(listener.backendPid() != backend);
    Services::RetellHandler handler(db, m_clock);
    QCOMPARE(Tests::deliver(handler, db, callStarted(QStringLiteral("call_2"), QStringLiteral("agent_1"),
                                                     QStringLiteral("+14155550123"))),
             QString());
    QVERIFY(changed.wait(2000));
    QCOMPARE(changed.first().at(0).value<Models::ChangeNotice>().clientId, client);
}

void tst_ChangeListener::parsesOnlyWellFormedNotices()
{
    const auto notice = Models::ChangeNotice::parse(QStringLiteral(R"({"table":"call_logs","client_id":3,"id":42})"));
    QVERIFY(notice);
    QCOMPARE(notice->table, QStringLiteral("call_logs"));
    QCOMPARE(notice->clientId, 3);
    QCOMPARE(notice->rowId, 42);
    const auto noClient = Models::ChangeNotice::parse(QStringLiteral(R"({"table":"appointments","client_id":null,"id":7})"));
    QVERIFY(noClient);
    QCOMPARE(noClient->clientId, 0);
    QVERIFY(!Models::ChangeNotice::parse(QStringLiteral("call_logs:3:42")));
    QVERIFY(!Models::ChangeNotice::parse(QStringLiteral(R"({"table":"x"})")));
}

QTEST_GUILESS_MAIN(tst_ChangeListener)
#include "tst_changelistener.moc"
