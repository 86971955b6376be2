// EventRepository and EventTableModel on SQLite and PostgreSQL: batch intake with dedupe in one
// transaction, listing with filters, backlog, replay, and the admin item model.
#include <common/testdatabase.h>
#include <models/eventrepository.h>
#include <models/eventtablemodel.h>

#include <QAbstractItemModelTester>
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
    QCOMPARE(model.index(1, Models::EventTableModel::ReceivedColumn).data().toString(), QStringLiteral("2023-11-14T22:13:20Z"));
    QVERIFY(model.refresh({ QStringLiteral("failed"), QString() }).isEmpty());
    QCOMPARE(model.rowCount(), 1);
    QVERIFY(!repository.replay(id));
    QVERIFY(model.refresh({ QStringLiteral("failed"), QString() }).isEmpty());
    QCOMPARE(model.rowCount(), 0);
}

QTEST_GUILESS_MAIN(tst_EventRepository)
#include "tst_eventrepository.moc"
