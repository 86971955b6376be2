// OutboxRepository on SQLite and PostgreSQL: enqueue inside the caller's transaction (rolls back
// with it), the same idempotency key enqueued twice is one row, claims in due order, outcomes
// update the message row, stale in-flight rows are recovered, admin retry and cancel.
#include <common/testdatabase.h>
#include <models/clock.h>
#include <models/database.h>
#include <models/repositories/messagerepository.h>
#include <models/repositories/outboxrepository.h>

#include <QSqlQuery>
#include <QtTest>

using namespace Callvia;

class tst_OutboxRepository : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void enqueueCommitsAndRollsBackWithCaller_data() { Tests::TestDatabase::addBackendRows(); }
    void enqueueCommitsAndRollsBackWithCaller();
    void claimsInDueOrderAndRecordsOutcome_data() { Tests::TestDatabase::addBackendRows(); }
    void claimsInDueOrderAndRecordsOutcome();
    void recoversStaleClaims_data() { Tests::TestDatabase::addBackendRows(); }
    void recoversStaleClaims();
    void retryAndCancelOnlyFromAllowedStates_data() { Tests::TestDatabase::addBackendRows(); }
    void retryAndCancelOnlyFromAllowedStates();
};

namespace {

Models::OutboxItem sms(const QString &key, qint64 dueAt, qint64 messageId = 0)
{
    QJsonObject payload { { "to", "+14155550123" }, { "body", "Hi" } };
    if (messageId)
        payload.insert(QStringLiteral("message_id"), messageId);
    return { QStringLiteral("sms"), 0, key, payload, dueAt };
}

qint64 count(Models::Database &db, const QString &sql)
{
    QSqlQuery q(db.connection());
    if (!q.exec(sql) || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

} // namespace

void tst_OutboxRepository::enqueueCommitsAndRollsBackWithCaller()
{
    CALLVIA_TEST_DATABASE(db);
    Models::TestClock clock(1000);
    Models::OutboxRepository outbox(db, clock, Models::TenantScope::agency());
    {
        Models::Transaction transaction(db);
        QVERIFY(outbox.enqueue(sms(QStringLiteral("a"), 5000)).ok());
        // no commit: the row goes with the caller's rollback
    }
    QCOMPARE(count(db, QStringLiteral("SELECT COUNT(*) FROM outbox")), 0);
    qint64 id = 0;
    {
        Models::Transaction transaction(db);
        const auto first = outbox.enqueue(sms(QStringLiteral("a"), 5000));
        QVERIFY2(first.ok(), qPrintable(first.error().message()));
        id = first.value();
        QVERIFY(!transaction.commit());
    }
    const auto again = outbox.enqueue(sms(QStringLiteral("a"), 9999));
    QCOMPARE(again.value(), id);
    const auto row = outbox.find(id);
    QCOMPARE(row.value().dueAt, 5000); // the first one stays as it was
    QCOMPARE(row.value().status, QStringLiteral("pending"));
    QCOMPARE(QJsonDocument::fromJson(row.value().payloadJson.toUtf8()).object().value("to").toString(),
             QStringLiteral("+14155550123"));
    QCOMPARE(outbox.enqueue({ QStringLiteral("fax"), 0, QStringLiteral("b"), {}, 0 }).error().kind(),
             Models::DbError::Invalid);
}

void tst_OutboxRepository::claimsInDueOrderAndRecordsOutcome()
{
    CALLVIA_TEST_DATABASE(db);
    Models::TestClock clock(10'000);
    Models::OutboxRepository outbox(db, clock, Models::TenantScope::agency());
    Models::MessageRepository messages(db, clock, Models::TenantScope::agency());
    Models::MessageRecord message;
    message.channel = QStringLiteral("sms");
    message.toAddress = QStringLiteral("+14155550123");
    message.status = QStringLiteral("queued");
    const qint64 late = outbox.enqueue(sms(QStringLiteral("late"), 9000)).value();
    const qint64 early = outbox.enqueue(sms(QStringLiteral("early"), 3000)).value();
    outbox.enqueue(sms(QStringLiteral("future"), 20'000));
    message.outboxId = early;
    const qint64 messageId = messages.insert(message).value();
    QCOMPARE(outbox.nextWakeAt(60'000).value(), 3000);

    const auto claimed = outbox.claimDue(QStringLiteral("sms"), QStringLiteral("w1"), clock.nowMs(), 10);
    QVERIFY2(claimed.ok(), qPrintable(claimed.error().message()));
    QCOMPARE(claimed.value().size(), 2);
    QCOMPARE(claimed.value().at(0).id, early);
    QCOMPARE(claimed.value().at(1).id, late);
    QCOMPARE(claimed.value().at(0).attempts, 1);
    QCOMPARE(claimed.value().at(0).status, QStringLiteral("in_flight"));
    QCOMPARE(outbox.claimDue(QStringLiteral("sms"), QStringLiteral("w2"), clock.nowMs(), 10).value().size(), 0);

    Models::OutboxOutcome sent { early, QStringLiteral("sent"), QStringLiteral("messagebird"), 201,
                                 QStringLiteral("mb-1"), QStringLiteral("{}"), {}, 0, true };
    Models::OutboxOutcome retry { late, QStringLiteral("pending"), QStringLiteral("messagebird"), 503, {}, {},
                                  QStringLiteral("HTTP 503"), 15'000, true };
    QCOMPARE(outbox.finish(QStringLiteral("w2"), { sent }).value(), 0); // not w2's rows
    QCOMPARE(outbox.finish(QStringLiteral("w1"), { sent, retry }).value(), 2);
    QCOMPARE(outbox.finish(QStringLiteral("w1"), { sent }).value(), 0); // a sent row stays sent
    QCOMPARE(outbox.find(early).value().providerRef, QStringLiteral("mb-1"));
    QCOMPARE(outbox.find(early).value().sentAt, 10'000);
    QCOMPARE(messages.find(messageId).value().status, QStringLiteral("sent"));
    QCOMPARE(messages.find(messageId).value().providerMessageId, QStringLiteral("mb-1"));
    QCOMPARE(messages.find(messageId).value().provider, QStringLiteral("messagebird"));
    QCOMPARE(outbox.nextWakeAt(60'000).value(), 15'000);
    QCOMPARE(outbox.claimDue(QStringLiteral("sms"), QStringLiteral("w1"), clock.nowMs(), 10).value().size(), 0);
    clock.setNowMs(15'000);
    const auto again = outbox.claimDue(QStringLiteral("sms"), QStringLiteral("w1"), clock.nowMs(), 10);
    QCOMPARE(again.value().size(), 1);
    QCOMPARE(again.value().at(0).attempts, 2);
}

void tst_OutboxRepository::recoversStaleClaims()
{
    CALLVIA_TEST_DATABASE(db);
    Models::TestClock clock(10'000);
    Models::OutboxRepository outbox(db, clock, Models::TenantScope::agency());
    const qint64 text = outbox.enqueue(sms(QStringLiteral("s"), 0)).value();
    const qint64 call = outbox.enqueue({ QStringLiteral("retell_call"), 0, QStringLiteral("c"),
                                         QJsonObject { { "to_number", "+14155550123" } }, 0 }).value();
    QCOMPARE(outbox.claimDue(QStringLiteral("sms"), QStringLiteral("dead"), clock.nowMs(), 10).value().size(), 1);
    QCOMPARE(outbox.claimDue(QStringLiteral("retell_call"), QStringLiteral("dead"), clock.nowMs(), 10).value().size(), 1);
    QCOMPARE(outbox.recoverStale(9999).value(), 0); // claimed after that: still someone's
    QCOMPARE(outbox.recoverStale(10'000).value(), 2);
    QCOMPARE(outbox.find(text).value().status, QStringLiteral("pending"));
    QCOMPARE(outbox.find(text).value().idempotencyKey, QStringLiteral("s"));
    QCOMPARE(outbox.find(call).value().status, QStringLiteral("unknown"));
    QCOMPARE(outbox.claimDue(QStringLiteral("retell_call"), QStringLiteral("w"), clock.nowMs(), 10).value().size(), 0);
    QCOMPARE(outbox.claimUnknown(QStringLiteral("retell_call"), QStringLiteral("w"), clock.nowMs(), 20'000, 10)
                     .value().size(), 1);
    QCOMPARE(outbox.claimUnknown(QStringLiteral("retell_call"), QStringLiteral("x"), clock.nowMs(), 20'000, 10)
                     .value().size(), 0); // leased to w
}

void tst_OutboxRepository::retryAndCancelOnlyFromAllowedStates()
{
    CALLVIA_TEST_DATABASE(db);
    Models::TestClock clock(10'000);
    Models::OutboxRepository outbox(db, clock, Models::TenantScope::agency());
    const qint64 id = outbox.enqueue(sms(QStringLiteral("s"), 0)).value();
    QCOMPARE(outbox.retry(id).kind(), Models::DbError::Invalid); // pending
    outbox.claimDue(QStringLiteral("sms"), QStringLiteral("w"), clock.nowMs(), 1);
    Models::OutboxOutcome failed { id, QStringLiteral("failed"), QStringLiteral("messagebird"), 422, {}, {},
                                   QStringLiteral("bad number"), 0, true };
    QCOMPARE(outbox.finish(QStringLiteral("w"), { failed }).value(), 1);
    QCOMPARE(outbox.countsByStatus().value().value(QStringLiteral("failed")), 1);
    QVERIFY(!outbox.retry(id));
    QCOMPARE(outbox.find(id).value().status, QStringLiteral("pending"));
    QCOMPARE(outbox.find(id).value().attempts, 0);
    QVERIFY(!outbox.cancel(id));
    QCOMPARE(outbox.cancel(id).kind(), Models::DbError::Invalid);
    QCOMPARE(outbox.list({ QStringLiteral("cancelled"), QStringLiteral("sms"), 0, 10 }).value().size(), 1);
}

QTEST_GUILESS_MAIN(tst_OutboxRepository)
#include "tst_outboxrepository.moc"
