// EventProcessor on real SQLite and PostgreSQL databases: arrival order per ordering key,
// failure with exponential backoff on the TestClock, final failure unblocking its key, replay,
// and restart recovery by a new processor.
#include "testhandler.h"

#include <common/testdatabase.h>
#include <models/clock.h>
#include <models/eventrepository.h>
#include <services/webhooks/eventprocessor.h>
#include <services/webhooks/handlerregistry.h>

#include <QtTest>

using namespace Callvia;

namespace {

Models::NewEvent makeEvent(const QString &id, const QString &key, const QString &provider = QStringLiteral("stripe"))
{
    return { provider, id, QStringLiteral("test"), key, QByteArray("{\"id\":\"") + id.toUtf8() + "\"}" };
}

Services::EventProcessor::Options options(int maxAttempts = 3)
{
    Services::EventProcessor::Options o;
    o.maxAttempts = maxAttempts;
    o.baseBackoffMs = 1000;
    return o;
}

Models::EventRecord find(Models::EventRepository &repository, const QString &providerEventId)
{
    const auto all = repository.list({});
    for (const Models::EventRecord &e : all.value())
        if (e.providerEventId == providerEventId)
            return e;
    return {};
}

} // namespace

class tst_EventProcessor : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void appliesInArrivalOrderPerKey_data() { Tests::TestDatabase::addBackendRows(); }
    void appliesInArrivalOrderPerKey();
    void finalFailureUnblocksKeyAndReplayApplies_data() { Tests::TestDatabase::addBackendRows(); }
    void finalFailureUnblocksKeyAndReplayApplies();
    void newProcessorRecoversPendingEvents_data() { Tests::TestDatabase::addBackendRows(); }
    void newProcessorRecoversPendingEvents();
};

void tst_EventProcessor::appliesInArrivalOrderPerKey()
{
    CALLVIA_TEST_DATABASE(db);
    Models::TestClock clock;
    Models::EventRepository repository(db);
    QVERIFY(repository.insertBatch({ makeEvent("a1", "K"), makeEvent("b1", "L"), makeEvent("a2", "K"), makeEvent("a3", "K"),
                                     makeEvent("n1", {}), makeEvent("r1", "K", "retell") },
                                   clock.nowMs())
                    .ok());
    Services::HandlerRegistry registry;
    auto handler = std::make_unique<Tests::TestHandler>(QStringLiteral("stripe"));
    Tests::TestHandler *stripe = handler.get();
    registry.add(std::move(handler));
    stripe->setFailing(QStringLiteral("a1"), true);
    Services::EventProcessor processor(db, clock, registry, options());
    QSignalSpy failed(&processor, &Services::EventProcessor::eventFailed);

    processor.processAvailable();
    QCOMPARE(stripe->applied(), QStringList({ "b1", "n1" })); // a2, a3 wait behind failing a1
    QCOMPARE(failed.count(), 1);
    const Models::EventRecord a1 = find(repository, QStringLiteral("a1"));
    QCOMPARE(a1.status, QStringLiteral("pending"));
    QCOMPARE(a1.attempts, 1);
    QCOMPARE(a1.nextAttemptAt, clock.nowMs() + 1000);
    QVERIFY(a1.lastError.contains(QLatin1String("test failure for a1")));

    processor.processAvailable(); // not due yet: nothing happens
    QCOMPARE(failed.count(), 1);
    stripe->setFailing(QStringLiteral("a1"), false);
    clock.advanceMs(1000);
    processor.processAvailable();
    QCOMPARE(stripe->applied(), QStringList({ "b1", "n1", "a1", "a2", "a3" }));
    QCOMPARE(find(repository, QStringLiteral("a3")).status, QStringLiteral("processed"));
    // No handler for retell: its event stays pending for a later run.
    QCOMPARE(find(repository, QStringLiteral("r1")).status, QStringLiteral("pending"));
    QCOMPARE(repository.backlogCount().value(), 1);
}

void tst_EventProcessor::finalFailureUnblocksKeyAndReplayApplies()
{
    CALLVIA_TEST_DATABASE(db);
    Models::TestClock clock;
    Models::EventRepository repository(db);
    QVERIFY(repository.insertBatch({ makeEvent("a1", "K"), makeEvent("a2", "K") }, clock.nowMs()).ok());
    Services::HandlerRegistry registry;
    auto handler = std::make_unique<Tests::TestHandler>(QStringLiteral("stripe"));
    Tests::TestHandler *stripe = handler.get();
    registry.add(std::move(handler));
    stripe->setFailing(QStringLiteral("a1"), true);
    Services::EventProcessor processor(db, clock, registry, options(3));
    QCOMPARE(processor.backoffMs(1), 1000);
    QCOMPARE(processor.backoffMs(3), 4000);

    processor.processAvailable(); // attempt 1, next in 1 s
    clock.advanceMs(999);
    processor.processAvailable(); // not yet due
    QCOMPARE(find(repository, QStringLiteral("a1")).attempts, 1);
    clock.advanceMs(1);
    processor.processAvailable(); // attempt 2, next in 2 s
    QCOMPARE(find(repository, QStringLiteral("a1")).nextAttemptAt, clock.nowMs() + 2000);
    clock.advanceMs(2000);
    processor.processAvailable(); // attempt 3: final, then a2 runs
    const Models::EventRecord a1 = find(repository, QStringLiteral("a1"));
    QCOMPARE(a1.status, QStringLiteral("failed"));
    QCOMPARE(a1.attempts, 3);
    QCOMPARE(stripe->applied(), QStringList({ "a2" }));

    QCOMPARE(repository.replay(find(repository, QStringLiteral("a2")).id).kind(), Models::DbError::NotFound);
    stripe->setFailing(QStringLiteral("a1"), false);
    QVERIFY(!repository.replay(a1.id));
    processor.processAvailable();
    QCOMPARE(stripe->applied(), QStringList({ "a2", "a1" }));
    QCOMPARE(find(repository, QStringLiteral("a1")).status, QStringLiteral("processed"));
}

void tst_EventProcessor::newProcessorRecoversPendingEvents()
{
    CALLVIA_TEST_DATABASE(db);
    Models::TestClock clock;
    Models::EventRepository repository(db);
    const auto stored = repository.insertBatch({ makeEvent("e1", "K"), makeEvent("e2", "K"), makeEvent("e1", "K") }, clock.nowMs());
    QVERIFY(stored.ok());
    QCOMPARE(stored.value(), QList<bool>({ true, true, false })); // the duplicate is not stored twice
    {
        Services::HandlerRegistry empty; // a run that stored but never applied (as if it died)
        Services::EventProcessor first(db, clock, empty, options());
        QCOMPARE(first.processAvailable(), 0);
    }
    Services::HandlerRegistry registry;
    auto handler = std::make_unique<Tests::TestHandler>(QStringLiteral("stripe"));
    Tests::TestHandler *stripe = handler.get();
    registry.add(std::move(handler));
    Services::EventProcessor second(db, clock, registry, options());
    QSignalSpy processed(&second, &Services::EventProcessor::eventProcessed);
    second.start();
    QTRY_COMPARE(processed.count(), 2);
    QCOMPARE(stripe->applied(), QStringList({ "e1", "e2" }));
    QCOMPARE(repository.backlogCount().value(), 0);
    second.stop();
}

QTEST_GUILESS_MAIN(tst_EventProcessor)
#include "tst_eventprocessor.moc"
