// EventProcessor on real SQLite and PostgreSQL databases: arrival order per ordering key,
// failure with exponential backoff on the TestClock, final failure unblocking its key, replay,
// and restart recovery by a new processor.
#include "testhandler.h"

#include <common/testdatabase.h>
#include <models/clock.h>
#include <models/repositories/eventrepository.h>
#include <models/repositories/settingsrepository.h>
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
    void failingEventRollsBackAloneInsideBatch_data() { Tests::TestDatabase::addBackendRows(); }
    void failingEventRollsBackAloneInsideBatch();
    void longChainOfOneKeyInOneRun_data() { Tests::TestDatabase::addBackendRows(); }
    void longChainOfOneKeyInOneRun();
    void claimRefusesEventNoLongerPending_data() { Tests::TestDatabase::addBackendRows(); }
    void claimRefusesEventNoLongerPending();
    void unavailableDatabaseCountsNoAttempt_data() { Tests::TestDatabase::addBackendRows(); }
    void unavailableDatabaseCountsNoAttempt();
};

namespace {

// Writes a settings row for every event it sees, then fails for the ids in `failIds`: the row
// of a failed event must be rolled back with it while the others' rows stay.
class WritingHandler final : public Services::ProviderHandler
{
public:
    WritingHandler(Models::Database &db, const Models::Clock &clock, QSet<QString> failIds)
        : m_db(db), m_clock(clock), m_failIds(std::move(failIds))
    {
    }
    QString provider() const override { return QStringLiteral("stripe"); }
    bool identify(const QByteArray &, const QUrlQuery &, QList<Services::IncomingEvent> *, QString *) const override
    {
        return false;
    }
    Models::DbError apply(const Models::EventRecord &event) override
    {
        if (Models::DbError error = Models::SettingsRepository(m_db, m_clock).setValue(QStringLiteral("seen.") + event.providerEventId,
                                                                               QStringLiteral("1")))
            return error;
        if (m_failIds.contains(event.providerEventId))
            return { Models::DbError::Invalid, QStringLiteral("refused %1").arg(event.providerEventId) };
        return {};
    }

private:
    Models::Database &m_db;
    const Models::Clock &m_clock;
    QSet<QString> m_failIds;
};

} // namespace

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


void tst_EventProcessor::failingEventRollsBackAloneInsideBatch()
{
    CALLVIA_TEST_DATABASE(db);
    Models::TestClock clock;
    Models::EventRepository repository(db);
    QVERIFY(repository.insertBatch({ makeEvent("w1", "A"), makeEvent("w2", "B"), makeEvent("w3", "C"), makeEvent("w4", "D") },
                                   clock.nowMs())
                    .ok());
    Services::HandlerRegistry registry;
    registry.add(std::make_unique<WritingHandler>(db, clock, QSet<QString> { QStringLiteral("w2") }));
    Services::EventProcessor processor(db, clock, registry, options());
    QSignalSpy processed(&processor, &Services::EventProcessor::eventProcessed);
    QSignalSpy failed(&processor, &Services::EventProcessor::eventFailed);
    QCOMPARE(processor.processAvailable(), 4); // one batch: all four in one transaction
    QCOMPARE(processed.count(), 3);
    QCOMPARE(failed.count(), 1);
    const Models::SettingsRepository settings(db, clock);
    QCOMPARE(settings.value(QStringLiteral("seen.w1")).value(), QStringLiteral("1"));
    QCOMPARE(settings.value(QStringLiteral("seen.w2"), QStringLiteral("none")).value(), QStringLiteral("none"));
    QCOMPARE(settings.value(QStringLiteral("seen.w3")).value(), QStringLiteral("1"));
    QCOMPARE(settings.value(QStringLiteral("seen.w4")).value(), QStringLiteral("1"));
    const Models::EventRecord w2 = find(repository, QStringLiteral("w2"));
    QCOMPARE(w2.status, QStringLiteral("pending"));
    QCOMPARE(w2.attempts, 1);
    QVERIFY(w2.lastError.contains(QLatin1String("refused w2")));
    QCOMPARE(find(repository, QStringLiteral("w4")).status, QStringLiteral("processed"));
}

void tst_EventProcessor::longChainOfOneKeyInOneRun()
{
    CALLVIA_TEST_DATABASE(db);
    Models::TestClock clock;
    Models::EventRepository repository(db);
    QList<Models::NewEvent> events;
    QStringList expected;
    for (int i = 0; i < 120; ++i) {
        events << makeEvent(QStringLiteral("c%1").arg(i), QStringLiteral("invoice:in_1"));
        expected << QStringLiteral("c%1").arg(i);
    }
    QVERIFY(repository.insertBatch(events, clock.nowMs()).ok());
    Services::HandlerRegistry registry;
    auto handler = std::make_unique<Tests::TestHandler>(QStringLiteral("stripe"));
    Tests::TestHandler *stripe = handler.get();
    registry.add(std::move(handler));
    stripe->setFailing(QStringLiteral("c60"), true);
    Services::EventProcessor processor(db, clock, registry, options());
    processor.processAvailable();
    // The chain runs in order across batches and stops behind the failing event.
    QCOMPARE(stripe->applied(), expected.mid(0, 60));
    QCOMPARE(repository.backlogCount().value(), 60);
    stripe->setFailing(QStringLiteral("c60"), false);
    clock.advanceMs(1000);
    processor.processAvailable();
    QCOMPARE(stripe->applied(), expected);
    QCOMPARE(repository.backlogCount().value(), 0);
}

void tst_EventProcessor::claimRefusesEventNoLongerPending()
{
    CALLVIA_TEST_DATABASE(db);
    Models::TestClock clock;
    Models::EventRepository repository(db);
    QVERIFY(repository.insertBatch({ makeEvent("k1", "K") }, clock.nowMs()).ok());
    const Models::EventRecord k1 = find(repository, QStringLiteral("k1"));
    QCOMPARE(repository.claim(k1.id, 0).value(), true);
    QCOMPARE(repository.claim(k1.id, 1).value(), false); // another attempt count: someone else moved it on
    QVERIFY(!repository.markProcessed(k1.id, clock.nowMs()));
    QCOMPARE(repository.claim(k1.id, 1).value(), false); // processed elsewhere: not applied twice
}

// A database that went away while an event was applied (restart, lost connection, deadlock) is
// not the event's fault: no attempt is counted, no backoff grows, and the event is applied at the
// next poll once the database answers (tst_teamload's PostgreSQL restart found events waiting on
// a grown backoff).
void tst_EventProcessor::unavailableDatabaseCountsNoAttempt()
{
    CALLVIA_TEST_DATABASE(db);
    Models::TestClock clock;
    Models::EventRepository repository(db);
    QVERIFY(repository.insertBatch({ makeEvent("u1", "K"), makeEvent("u2", "L") }, clock.nowMs()).ok());
    Services::HandlerRegistry registry;
    auto handler = std::make_unique<Tests::TestHandler>(QStringLiteral("stripe"));
    Tests::TestHandler *stripe = handler.get();
    registry.add(std::move(handler));
    stripe->setFailKind(Models::DbError::Unavailable);
    stripe->setFailing(QStringLiteral("u1"), true);
    Services::EventProcessor processor(db, clock, registry, options());
    QSignalSpy failed(&processor, &Services::EventProcessor::eventFailed);
    for (int i = 0; i < 5; ++i)
        processor.processAvailable();
    QCOMPARE(failed.count(), 0);
    const Models::EventRecord u1 = find(repository, QStringLiteral("u1"));
    QCOMPARE(u1.status, QStringLiteral("pending"));
    QCOMPARE(u1.attempts, 0);
    QCOMPARE(u1.nextAttemptAt, qint64(0));
    stripe->setFailing(QStringLiteral("u1"), false); // the database answers again
    processor.processAvailable(); // due at once: no clock advance needed
    QVERIFY(stripe->applied().contains(QStringLiteral("u1")));
    QVERIFY(stripe->applied().contains(QStringLiteral("u2")));
    QCOMPARE(find(repository, QStringLiteral("u1")).status, QStringLiteral("processed"));
}

QTEST_GUILESS_MAIN(tst_EventProcessor)
#include "tst_eventprocessor.moc"
