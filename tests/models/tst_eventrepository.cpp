// EventRepository and EventTableModel on SQLite and PostgreSQL: batch intake with dedupe in one
// transaction, listing with filters, backlog, replay, and the admin item model.
#include <common/testdatabase.h>
#include <models/repositories/eventrepository.h>
#include <models/itemmodels/eventtablemodel.h>

#include <QAbstractItemModelTester>
#include <QSqlQuery>
#include <QLocale>
#include <QtTest>

using namespace Callvia;

class tst_EventRepository : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void insertsBatchAndDeduplicates_data() { Tests::TestDatabase::addBackendRows(); }
    void insertsBatchAndDeduplicates();
    void failedBatchStoresNothing_data() { Tests::TestDatabase::addBackendRows(); }
    void failedBatchStoresNothing();
    void modelListsEventsWithStatusAndError_data() { Tests::TestDatabase::addBackendRows(); }
    void modelListsEventsWithStatusAndError();
    void processableWaitsOnlyForPendingEventsOfItsKey_data() { Tests::TestDatabase::addBackendRows(); }
    void processableWaitsOnlyForPendingEventsOfItsKey();
};

void tst_EventRepository::insertsBatchAndDeduplicates()
{
    CALLVIA_TEST_DATABASE(db);
    Models::EventRepository repository(db);
    const QByteArray binary("\x00\x01{\"id\":1}\xff", 11);
    const auto first = repository.insertBatch({ { "stripe", "evt_1", "invoice.paid", "in_1", binary },
                                                { "retell", "evt_1", "call_ended", {}, "{}" } },
                                              1000);
    QVERIFY2(first.ok(), qPrintable(first.error().message()));
    QCOMPARE(first.value(), QList<bool>({ true, true })); // same id, other provider: distinct
    const auto second = repository.insertBatch({ { "stripe", "evt_1", "invoice.paid", "in_1", "changed" },
                                                 { "stripe", "evt_2", "invoice.paid", "in_1", "{}" } },
                                               2000);
    QCOMPARE(second.value(), QList<bool>({ false, true }));
    QCOMPARE(repository.backlogCount().value(), 3);
    const auto stripe = repository.list({ QString(), QStringLiteral("stripe") });
    QCOMPARE(stripe.value().size(), 2);
    QCOMPARE(stripe.value().last().rawBody, binary); // the duplicate did not overwrite
    QCOMPARE(stripe.value().last().receivedAt, 1000);
    QCOMPARE(stripe.value().last().orderingKey, QStringLiteral("in_1"));
    QCOMPARE(repository.byId(999).error().kind(), Models::DbError::NotFound);
}

void tst_EventRepository::failedBatchStoresNothing()
{
    CALLVIA_TEST_DATABASE(db);
    Models::EventRepository repository(db);
    // The CHECK on provider fails on the second row: the first must not be stored either.
    const auto result = repository.insertBatch({ { "stripe", "evt_1", "t", {}, "{}" }, { "paypal", "x", "t", {}, "{}" } }, 1);
    QVERIFY(!result.ok());
    QCOMPARE(repository.backlogCount().value(), 0);
}

// The order check reads a partial index over pending events (migration 003): before it, each
// candidate walked every earlier event of its key, processed ones too, and a backlog on busy keys
// slowed the processor below the intake rate (bench_soak).
void tst_EventRepository::processableWaitsOnlyForPendingEventsOfItsKey()
{
    CALLVIA_TEST_DATABASE(db);
    Models::EventRepository repository(db);
    QList<Models::NewEvent> batch;
    for (int i = 0; i < 40; ++i) // a busy key's history
        batch.append({ "stripe", QStringLiteral("evt_old_%1").arg(i), "invoice.paid", "invoice:in_1", "{}" });
    batch.append({ "stripe", "evt_a", "invoice.paid", "invoice:in_1", "{}" });
    batch.append({ "stripe", "evt_b", "invoice.paid", "invoice:in_1", "{}" });
    batch.append({ "stripe", "evt_c", "invoice.paid", "invoice:in_2", "{}" });
    QVERIFY(repository.insertBatch(batch, 1000).ok());
    QHash<QString, qint64> ids;
    const QList<Models::EventRecord> all = repository.list({}).value();
    for (const Models::EventRecord &event : all)
        ids.insert(event.providerEventId, event.id);
    QCOMPARE(ids.size(), 43);
    for (int i = 0; i < 40; ++i)
        QVERIFY(!repository.markProcessed(ids.value(QStringLiteral("evt_old_%1").arg(i)), 2000));
    const auto due = repository.processable({ QStringLiteral("stripe") }, 3000, 10);
    QVERIFY2(due.ok(), qPrintable(due.error().message()));
    QStringList dueIds;
    const QList<Models::EventRecord> dueEvents = due.value();
    for (const Models::EventRecord &event : dueEvents)
        dueIds << event.providerEventId;
    QCOMPARE(dueIds, QStringList({ QStringLiteral("evt_a"), QStringLiteral("evt_c") })); // evt_b waits for evt_a

    QSqlQuery query(db.connection());
    if (db.isSqlite()) {
        QVERIFY(query.exec(QStringLiteral("SELECT sql FROM sqlite_master WHERE name = 'events_pending_ordering'")));
        QVERIFY(query.next());
        QVERIFY2(query.value(0).toString().contains(QLatin1String("WHERE status = 'pending'")),
                 qPrintable(query.value(0).toString()));
        // The planner uses it for the check's shape (EventRepository::processable).
        QVERIFY(query.exec(QStringLiteral(
                "EXPLAIN QUERY PLAN SELECT e.id FROM events e WHERE e.status = 'pending' AND NOT EXISTS "
                "(SELECT 1 FROM events p WHERE p.ordering_key = e.ordering_key AND p.status = 'pending' AND p.id < e.id)")));
        QString plan;
        while (query.next())
            plan += query.value(3).toString() + QLatin1Char('\n');
        QVERIFY2(plan.contains(QLatin1String("events_pending_ordering")), qPrintable(plan));
    } else {
        QVERIFY(query.exec(QStringLiteral("SELECT indexdef FROM pg_indexes WHERE indexname = 'events_pending_ordering'")));
        QVERIFY(query.next());
        QVERIFY2(query.value(0).toString().contains(QLatin1String("WHERE (status = 'pending'")),
                 qPrintable(query.value(0).toString()));
    }
}

void tst_EventRepository::modelListsEventsWithStatusAndError()
{
    CALLVIA_TEST_DATABASE(db);
    Models::EventRepository repository(db);
    QVERIFY(repository.insertBatch({ { "stripe", "evt_1", "invoice.paid", {}, "{}" },
                                     { "calcom", "bk_1", "BOOKING_CREATED", {}, "{}" } },
                                   1700000000000)
                    .ok());
    const qint64 id = repository.list({ QString(), QStringLiteral("calcom") }).value().first().id;
    QVERIFY(!repository.markFailed(id, 8, QStringLiteral("uid: missing"), 0, true));
    Models::EventTableModel model(repository);
    QAbstractItemModelTester tester(&model);
    QVERIFY(model.refresh({}).isEmpty());
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.index(0, Models::EventTableModel::StatusColumn).data().toString(), QStringLiteral("failed"));
    QCOMPARE(model.index(0, Models::EventTableModel::ErrorColumn).data().toString(), QStringLiteral("uid: missing"));
    QCOMPARE(model.index(0, Models::EventTableModel::AttemptsColumn).data().toInt(), 8);
    // The locale's short date and the time to the second, in UTC (the column's header says so).
    QCOMPARE(model.index(1, Models::EventTableModel::ReceivedColumn).data().toString(),
             QString(QLocale().toString(QDate(2023, 11, 14), QLocale::ShortFormat) + QStringLiteral(" 22:13:20")));
    QVERIFY(model.refresh({ QStringLiteral("failed"), QString() }).isEmpty());
    QCOMPARE(model.rowCount(), 1);
    QVERIFY(!repository.replay(id));
    QVERIFY(model.refresh({ QStringLiteral("failed"), QString() }).isEmpty());
    QCOMPARE(model.rowCount(), 0);
}

QTEST_GUILESS_MAIN(tst_EventRepository)
#include "tst_eventrepository.moc"
