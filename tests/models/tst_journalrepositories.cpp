// The admin console's queries (issue 24 item 3) on SQLite and PostgreSQL: the webhook journal's
// filters (type, time range, applied only, list without bodies, the types seen) and the audit
// log's filters, pages and count, with a client scope confined to its client.
#include <common/testdatabase.h>
#include <models/clock.h>
#include <models/repositories/auditrepository.h>
#include <models/repositories/clientrepository.h>
#include <models/repositories/eventrepository.h>

#include <QtTest>

using namespace Callvia;
using namespace Callvia::Models;

class tst_JournalRepositories : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void eventFilters_data() { Tests::TestDatabase::addBackendRows(); }
    void eventFilters();
    void auditPagesAndFilters_data() { Tests::TestDatabase::addBackendRows(); }
    void auditPagesAndFilters();
    void clientVerificationDelay_data() { Tests::TestDatabase::addBackendRows(); }
    void clientVerificationDelay();
};

void tst_JournalRepositories::eventFilters()
{
    CALLVIA_TEST_DATABASE(db);
    EventRepository events(db);
    QVERIFY(events.insertBatch({ { "stripe", "e1", "invoice.paid", {}, "{\"a\":1}" } }, 1000).ok());
    QVERIFY(events.insertBatch({ { "stripe", "e2", "invoice.payment_failed", {}, "{}" },
                                 { "calcom", "e3", "BOOKING_CREATED", {}, "{}" } },
                               2000)
                    .ok());
    const QList<EventRecord> all = events.list({}).value();
    QCOMPARE(all.size(), 3);
    QVERIFY(!events.markProcessed(all.at(2).id, 3000)); // e1
    QVERIFY(!events.markUnattributed(all.at(0).id, QStringLiteral("no client"))); // e3
    QVERIFY(!events.markProcessed(all.at(0).id, 3000));

    EventFilter filter;
    filter.eventType = QStringLiteral("invoice.paid");
    QCOMPARE(events.list(filter).value().size(), 1);
    filter = {};
    filter.receivedFrom = 1500;
    QCOMPARE(events.list(filter).value().size(), 2);
    filter.receivedFrom = 0;
    filter.receivedTo = 2000; // exclusive
    QCOMPARE(events.list(filter).value().size(), 1);
    filter = {};
    filter.appliedOnly = true; // processed and attributed: e1 only
    const QList<EventRecord> applied = events.list(filter).value();
    QCOMPARE(applied.size(), 1);
    QCOMPARE(applied.first().providerEventId, QStringLiteral("e1"));
    QCOMPARE(applied.first().rawBody, QByteArray("{\"a\":1}"));
    filter.withBody = false;
    QVERIFY(events.list(filter).value().first().rawBody.isEmpty());
    QCOMPARE(events.eventTypes().value(),
             (QStringList { QStringLiteral("BOOKING_CREATED"), QStringLiteral("invoice.paid"),
                            QStringLiteral("invoice.payment_failed") }));
    QCOMPARE(events.eventTypes(QStringLiteral("calcom")).value(), QStringList { QStringLiteral("BOOKING_CREATED") });
}

void tst_JournalRepositories::auditPagesAndFilters()
{
    CALLVIA_TEST_DATABASE(db);
    TestClock clock(1'750'000'000'000);
    ClientRecord client;
    client.name = QStringLiteral("Sunrise Dental");
    const qint64 sunrise = ClientRepository(db, clock, TenantScope::agency()).insert(client).value();
    const AuditRepository agency(db, TenantScope::agency());
    for (int i = 0; i < 25; ++i) {
        AuditRecord entry;
        entry.username = i % 2 ? QStringLiteral("bob") : QStringLiteral("root");
        entry.action = i % 5 ? QStringLiteral("lead.update") : QStringLiteral("client.update");
        entry.clientId = i % 3 ? sunrise : 0;
        entry.at = 1000 * (i + 1);
        QVERIFY(agency.insert(entry).ok());
    }
    AuditFilter filter;
    filter.limit = 10;
    QCOMPARE(agency.count(filter).value(), 25);
    QList<AuditRecord> page = agency.page(filter).value();
    QCOMPARE(page.size(), 10);
    QCOMPARE(page.first().at, 25000); // newest first
    filter.offset = 20;
    page = agency.page(filter).value();
    QCOMPARE(page.size(), 5);
    QCOMPARE(page.last().at, 1000);
    filter = {};
    filter.username = QStringLiteral("bob");
    QCOMPARE(agency.count(filter).value(), 12);
    filter.action = QStringLiteral("client.update");
    QCOMPARE(agency.count(filter).value(), 2); // i = 5, 15
    filter = {};
    filter.clientId = sunrise;
    QCOMPARE(agency.count(filter).value(), 16);
    filter = {};
    filter.from = 5000;
    filter.to = 10000;
    QCOMPARE(agency.count(filter).value(), 5);
    QCOMPARE(agency.actions().value(), (QStringList { QStringLiteral("client.update"), QStringLiteral("lead.update") }));
    QCOMPARE(agency.usernames().value(), (QStringList { QStringLiteral("bob"), QStringLiteral("root") }));

    const AuditRepository own(db, TenantScope::client(sunrise));
    QCOMPARE(own.count({}).value(), 16);
    AuditFilter other;
    other.clientId = sunrise + 1; // asking for another client finds nothing
    QCOMPARE(own.count(other).value(), 0);
}

void tst_JournalRepositories::clientVerificationDelay()
{
    CALLVIA_TEST_DATABASE(db);
    TestClock clock(1'750'000'000'000);
    ClientRecord client;
    client.name = QStringLiteral("Sunrise Dental");
    const ClientRepository clients(db, clock, TenantScope::agency());
    const qint64 id = clients.insert(client).value();
    QCOMPARE(clients.verificationDelay(id).value(), 2880);
    QVERIFY(!clients.setVerificationDelay(id, 1440));
    QCOMPARE(clients.verificationDelay(id).value(), 1440);
    QVERIFY(clients.setVerificationDelay(id, -1));
    client.name = QStringLiteral("Harbor Vets");
    const qint64 other = clients.insert(client).value();
    const ClientRepository scoped(db, clock, TenantScope::client(other));
    QCOMPARE(scoped.setVerificationDelay(id, 60).kind(), DbError::NotFound);
    QCOMPARE(scoped.verificationDelay(id).error().kind(), DbError::NotFound);
}

QTEST_GUILESS_MAIN(tst_JournalRepositories)
#include "tst_journalrepositories.moc"
