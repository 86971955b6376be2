// OutboxDispatcher against the fake providers on loopback, on SQLite and PostgreSQL, with the test
// clock: every kind sent once (and the message row updated), outage then recovery in due order,
// 429 with Retry-After (seconds and HTTP date), 4xx failing at once, 5xx retried then failed, a
// crash between the provider's answer and the commit (Stripe answers the resend with the first
// result; Retell is looked up, not called again), 200 with garbage, a missing key, a hang.
#include "outboxharness.h"

#include <common/testdatabase.h>
#include <models/repositories/messagerepository.h>

#include <services/outbox/outboxwaker.h>

#include <QtTest>

using namespace Callvia;
using Fakes::FakeProvider;

class tst_OutboxDispatcher : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sendsEveryKindOnce_data() { Tests::TestDatabase::addBackendRows(); }
    void sendsEveryKindOnce();
    void outageThenRecoverySendsOnceInDueOrder_data() { Tests::TestDatabase::addBackendRows(); }
    void outageThenRecoverySendsOnceInDueOrder();
    void throttledRowWaitsForRetryAfter_data();
    void throttledRowWaitsForRetryAfter();
    void clientErrorFailsAtOnce_data() { Tests::TestDatabase::addBackendRows(); }
    void clientErrorFailsAtOnce();
    void serverErrorsRetriedThenFailed_data() { Tests::TestDatabase::addBackendRows(); }
    void serverErrorsRetriedThenFailed();
    void crashAfterStripeAnsweredResendsSameKey_data() { Tests::TestDatabase::addBackendRows(); }
    void crashAfterStripeAnsweredResendsSameKey();
    void reusedStripeKeyWithOtherBodyIsRefused_data() { Tests::TestDatabase::addBackendRows(); }
    void reusedStripeKeyWithOtherBodyIsRefused();
    void retellUnknownIsLookedUpNotCalledAgain_data() { Tests::TestDatabase::addBackendRows(); }
    void retellUnknownIsLookedUpNotCalledAgain();
    void garbageAnswerMakesRowUnknownThenResolved_data() { Tests::TestDatabase::addBackendRows(); }
    void garbageAnswerMakesRowUnknownThenResolved();
    void missingKeyWaitsWithError_data() { Tests::TestDatabase::addBackendRows(); }
    void missingKeyWaitsWithError();
    void wakerSleepsUntilTheNextDueTime_data() { Tests::TestDatabase::addBackendRows(); }
    void wakerSleepsUntilTheNextDueTime();
    void hangingProviderTimesOutAndIsRetried_data() { Tests::TestDatabase::addBackendRows(); }
    void hangingProviderTimesOutAndIsRetried();
};

namespace {

constexpr qint64 start = 1'800'000'000'000;

struct Harness
{
    explicit Harness(Models::Database &database) : db(database), outbox(database, clock, Models::TenantScope::agency())
    {
        for (FakeProvider *fake : fakes())
            QVERIFY(fake->listen());
        env = Tests::fakeEnvironment(fakes());
        options.maxAttempts = 4;
        options.requestTimeoutMs = 5000;
        options.backoffBaseMs = 1000;
        options.backoffCapMs = 60'000;
        options.staleClaimMs = 120'000;
    }
    QList<FakeProvider *> fakes() { return { &sms, &mail, &stripe, &retell }; }
    Services::OutboxDispatcher &dispatcher()
    {
        if (!m_dispatcher) {
            config = std::make_unique<Services::ProviderConfig>(nullptr, nullptr, env);
            m_dispatcher = std::make_unique<Services::OutboxDispatcher>(db, clock, *config, options);
        }
        return *m_dispatcher;
    }
    void restart() { m_dispatcher.reset(); } // a new process: nothing in memory
    Models::OutboxRecord row(qint64 id) { return outbox.find(id).value(); }
    // Runs passes, moving the clock to each next due time, until nothing is queued or `until`.
    void runUntilQuiet(qint64 until)
    {
        for (int i = 0; i < 500; ++i) {
            dispatcher().dispatchDue();
            const qint64 next = dispatcher().nextDueAt();
            if (next == 0 || next > until)
                return;
            clock.setNowMs(std::max(next, clock.nowMs()));
        }
    }

    Models::Database &db;
    Models::TestClock clock { start };
    Fakes::FakeMessageBird sms { QStringLiteral("mb-test-key") };
    Fakes::FakeSendGrid mail { QStringLiteral("SG.test-key") };
    Fakes::FakeStripe stripe { QStringLiteral("sk_test_key") };
    Fakes::FakeRetell retell { QStringLiteral("retell-test-key") };
    QProcessEnvironment env;
    Services::OutboxDispatcher::Options options;
    Models::OutboxRepository outbox;
    std::unique_ptr<Services::ProviderConfig> config;

private:
    std::unique_ptr<Services::OutboxDispatcher> m_dispatcher;
};

Models::OutboxItem callItem(const QString &key)
{
    return { QStringLiteral("retell_call"), 0, key,
             QJsonObject { { "to_number", "+14155550199" }, { "metadata", QJsonObject { { "lead_id", 42 } } } }, start };
}

// As if the process died after the provider answered but before the outcome was committed.
void loseCommit(Models::Database &db, qint64 id, qint64 claimedAt)
{
    QSqlQuery q(db.connection());
    q.prepare(QStringLiteral("UPDATE outbox SET status = 'in_flight', provider_ref = NULL, sent_at = NULL, "
                             "claimed_by = 'crashed', claimed_at = ? WHERE id = ?"));
    q.addBindValue(claimedAt);
    q.addBindValue(id);
    QVERIFY(q.exec());
}

} // namespace

void tst_OutboxDispatcher::sendsEveryKindOnce()
{
    CALLVIA_TEST_DATABASE(db);
    Harness h(db);
    Models::MessageRepository messages(db, h.clock, Models::TenantScope::agency());
    Models::Transaction transaction(db);
    const qint64 smsId = h.outbox.enqueue(Tests::smsItem(QStringLiteral("r1"), start)).value();
    Models::MessageRecord message;
    message.channel = QStringLiteral("sms");
    message.toAddress = QStringLiteral("+14155550123");
    message.body = QStringLiteral("See you tomorrow at 10:00");
    message.outboxId = smsId;
    const qint64 messageId = messages.insert(message).value();
    const qint64 mailId = h.outbox.enqueue({ QStringLiteral("email"), 0, QStringLiteral("m1"),
                                             QJsonObject { { "to", "ana@example.com" }, { "subject", "Tomorrow" },
                                                           { "text", "See you" }, { "message_id", 77 } },
                                             start }).value();
    const qint64 stripeId = h.outbox.enqueue({ QStringLiteral("stripe"), 0, QStringLiteral("s1"),
                                               Services::StripeClient::customerPayload(
                                                       QStringLiteral("billing@client.example"), QStringLiteral("Client & Co"),
                                                       {}, QJsonObject { { "client_id", "7" } }),
                                               start }).value();
    const qint64 callId = h.outbox.enqueue(callItem(QStringLiteral("c1"))).value();
    h.outbox.enqueue(Tests::smsItem(QStringLiteral("later"), start + 3'600'000));
    QVERIFY(!transaction.commit());

    QVERIFY(h.dispatcher().dispatchDue() >= 4);
    QCOMPARE(h.row(smsId).status, QStringLiteral("sent"));
    QCOMPARE(h.row(smsId).providerRef, QStringLiteral("mb00000001"));
    QCOMPARE(h.row(smsId).provider, QStringLiteral("messagebird"));
    QCOMPARE(h.row(smsId).httpStatus, 201);
    QCOMPARE(h.row(mailId).status, QStringLiteral("sent"));
    QCOMPARE(h.row(mailId).providerRef, QStringLiteral("sg1"));
    QCOMPARE(h.row(stripeId).providerRef, QStringLiteral("cus_1"));
    QCOMPARE(h.row(callId).providerRef, QStringLiteral("call_1"));
    QCOMPARE(messages.find(messageId).value().status, QStringLiteral("sent"));
    QCOMPARE(messages.find(messageId).value().providerMessageId, QStringLiteral("mb00000001"));
    // What went over the wire.
    const auto smsRequest = h.sms.received().first();
    QCOMPARE(smsRequest.header("Authorization"), QByteArray("AccessKey mb-test-key"));
    QCOMPARE(QJsonDocument::fromJson(smsRequest.body).object().value("recipients").toArray().first().toString(),
             QStringLiteral("14155550123"));
    QCOMPARE(h.sms.executedPerKey().value(QStringLiteral("r1")), 1); // no message_id in the payload: the key
    QCOMPARE(h.mail.executedPerKey().value(QStringLiteral("77")), 1); // custom_args.message_id
    const auto stripeRequest = h.stripe.received().first();
    QCOMPARE(stripeRequest.header("Idempotency-Key"), QByteArray("s1"));
    QCOMPARE(Fakes::FakeStripe::parseForm(stripeRequest.body).value(QStringLiteral("metadata[client_id]")), QStringLiteral("7"));
    QCOMPARE(Fakes::FakeStripe::parseForm(stripeRequest.body).value(QStringLiteral("name")), QStringLiteral("Client & Co"));
    const QJsonObject call = QJsonDocument::fromJson(h.retell.received().first().body).object();
    QCOMPARE(call.value("metadata").toObject().value("callvia_outbox_key").toString(), QStringLiteral("c1"));
    QCOMPARE(call.value("from_number").toString(), QStringLiteral("+14155550100"));

    // Nothing is sent twice; the later row waits for its time.
    QCOMPARE(h.dispatcher().dispatchDue(), 0);
    QCOMPARE(h.dispatcher().nextDueAt(), start + 3'600'000);
    h.clock.setNowMs(start + 3'600'000);
    QCOMPARE(h.dispatcher().dispatchDue(), 1);
    QCOMPARE(h.sms.requestCount(), 2);
    QCOMPARE(h.mail.requestCount() + h.stripe.requestCount() + h.retell.requestCount(), 3);
}

void tst_OutboxDispatcher::outageThenRecoverySendsOnceInDueOrder()
{
    CALLVIA_TEST_DATABASE(db);
    Harness h(db);
    h.options.concurrency.insert(QStringLiteral("sms"), 1); // one at a time, so arrival order is due order
    h.options.backoffCapMs = 10 * 60'000;
    QStringList dueOrder;
    for (int i = 0; i < 12; ++i) {
        // Written out of order; due one every 5 minutes during the hour the provider is down.
        const int minute = (i * 7) % 12 * 5;
        const QString key = QStringLiteral("due-%1").arg(minute, 2, 10, QLatin1Char('0'));
        QVERIFY(h.outbox.enqueue(Tests::smsItem(key, start + minute * 60'000)).ok());
    }
    for (int minute = 0; minute < 60; minute += 5)
        dueOrder << QStringLiteral("due-%1").arg(minute, 2, 10, QLatin1Char('0'));
    h.sms.goDown();
    h.runUntilQuiet(start + 3'600'000);
    QCOMPARE(h.sms.executedCount(), 0);
    QCOMPARE(Tests::sqlValue(db, QStringLiteral("SELECT COUNT(*) FROM outbox WHERE status = 'pending'")), 12);
    QVERIFY(Tests::sqlValue(db, QStringLiteral("SELECT MAX(attempts) FROM outbox")) == 0); // refused: nothing counted
    QVERIFY(h.sms.comeBack());
    h.clock.setNowMs(start + 3'600'000);
    h.runUntilQuiet(start + 4 * 3'600'000);
    QCOMPARE(Tests::sqlValue(db, QStringLiteral("SELECT COUNT(*) FROM outbox WHERE status = 'sent'")), 12);
    QCOMPARE(h.sms.executionOrder(), dueOrder);
    for (int count : h.sms.executedPerKey())
        QCOMPARE(count, 1);
}

void tst_OutboxDispatcher::throttledRowWaitsForRetryAfter_data()
{
    QTest::addColumn<QString>("backend");
    QTest::addColumn<bool>("httpDate");
    QTest::newRow("sqlite, seconds") << QStringLiteral("sqlite") << false;
    QTest::newRow("sqlite, HTTP date") << QStringLiteral("sqlite") << true;
    QTest::newRow("postgresql, seconds") << QStringLiteral("postgresql") << false;
}

void tst_OutboxDispatcher::throttledRowWaitsForRetryAfter()
{
    CALLVIA_TEST_DATABASE(db);
    QFETCH(bool, httpDate);
    Harness h(db);
    const qint64 id = h.outbox.enqueue(Tests::smsItem(QStringLiteral("t"), start)).value();
    h.sms.setMode(FakeProvider::Mode::Throttle, 1);
    h.sms.setRetryAfter(httpDate ? QLocale::c()
                                           .toString(QDateTime::fromMSecsSinceEpoch(start + 300'000, Qt::UTC),
                                                     QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'"))
                                           .toLatin1()
                                 : QByteArray("120"));
    const qint64 wait = httpDate ? 300'000 : 120'000;
    h.dispatcher().dispatchDue();
    QCOMPARE(h.row(id).status, QStringLiteral("pending"));
    QCOMPARE(h.row(id).nextAttemptAt, start + wait);
    QCOMPARE(h.row(id).httpStatus, 429);
    QCOMPARE(h.dispatcher().nextDueAt(), start + wait);
    h.clock.setNowMs(start + wait - 1000);
    h.dispatcher().dispatchDue();
    QCOMPARE(h.sms.requestCount(), 1);
    h.clock.setNowMs(start + wait);
    h.dispatcher().dispatchDue();
    QCOMPARE(h.row(id).status, QStringLiteral("sent"));
    QCOMPARE(h.row(id).attempts, 2);
    QCOMPARE(h.sms.executedCount(), 1);
}

void tst_OutboxDispatcher::clientErrorFailsAtOnce()
{
    CALLVIA_TEST_DATABASE(db);
    Harness h(db);
    Models::MessageRepository messages(db, h.clock, Models::TenantScope::agency());
    const qint64 id = h.outbox.enqueue({ QStringLiteral("email"), 0, QStringLiteral("bad"),
                                         QJsonObject { { "to", "not-an-address" }, { "subject", "s" }, { "text", "t" } },
                                         start }).value();
    Models::MessageRecord message;
    message.channel = QStringLiteral("email");
    message.toAddress = QStringLiteral("not-an-address");
    message.outboxId = id;
    const qint64 messageId = messages.insert(message).value();
    h.dispatcher().dispatchDue();
    QCOMPARE(h.row(id).status, QStringLiteral("failed"));
    QCOMPARE(h.row(id).attempts, 1);
    QCOMPARE(h.row(id).httpStatus, 400);
    QVERIFY2(h.row(id).lastError.contains(QLatin1String("The to array is required")), qPrintable(h.row(id).lastError));
    QCOMPARE(messages.find(messageId).value().status, QStringLiteral("failed"));
    h.clock.advanceSeconds(3600);
    h.dispatcher().dispatchDue();
    QCOMPARE(h.mail.requestCount(), 1);
}

void tst_OutboxDispatcher::serverErrorsRetriedThenFailed()
{
    CALLVIA_TEST_DATABASE(db);
    Harness h(db);
    h.options.maxAttempts = 3;
    const qint64 id = h.outbox.enqueue(Tests::smsItem(QStringLiteral("x"), start)).value();
    h.sms.setMode(FakeProvider::Mode::Fail, -1, 503);
    h.dispatcher().dispatchDue();
    QCOMPARE(h.row(id).status, QStringLiteral("pending"));
    QVERIFY(h.row(id).nextAttemptAt >= start + 500 && h.row(id).nextAttemptAt <= start + 1000); // base 1 s, jittered
    h.runUntilQuiet(start + 3'600'000);
    QCOMPARE(h.row(id).status, QStringLiteral("failed"));
    QCOMPARE(h.row(id).attempts, 3);
    QCOMPARE(h.sms.requestCount(), 3);
    QVERIFY2(h.row(id).lastError.contains(QLatin1String("gave up after 3 attempts: HTTP 503: simulated failure")),
             qPrintable(h.row(id).lastError));
}

void tst_OutboxDispatcher::crashAfterStripeAnsweredResendsSameKey()
{
    CALLVIA_TEST_DATABASE(db);
    Harness h(db);
    const qint64 id = h.outbox.enqueue({ QStringLiteral("stripe"), 0, QStringLiteral("invoice:7:2026-11"),
                                         Services::StripeClient::invoicePayload(QStringLiteral("cus_9"), QStringLiteral("usd"),
                                                                               14, QStringLiteral("November"),
                                                                               QJsonObject { { "client_id", "7" } }),
                                         start }).value();
    h.dispatcher().dispatchDue();
    const QString first = h.row(id).providerRef;
    QCOMPARE(first, QStringLiteral("in_1"));
    loseCommit(db, id, start);
    h.restart();
    h.dispatcher().dispatchDue();
    QCOMPARE(h.row(id).status, QStringLiteral("in_flight")); // not stale yet: maybe another dispatcher's
    h.clock.advanceMs(h.options.staleClaimMs);
    h.dispatcher().dispatchDue();
    QCOMPARE(h.row(id).status, QStringLiteral("sent"));
    QCOMPARE(h.row(id).providerRef, first); // Stripe replayed the first answer
    QCOMPARE(h.stripe.requestCount(), 2);
    QCOMPARE(h.stripe.executedCount(), 1);
    const auto requests = h.stripe.received();
    QCOMPARE(requests.at(1).header("Idempotency-Key"), QByteArray("invoice:7:2026-11"));
    QCOMPARE(requests.at(1).body, requests.at(0).body);
}

void tst_OutboxDispatcher::reusedStripeKeyWithOtherBodyIsRefused()
{
    CALLVIA_TEST_DATABASE(db);
    Harness h(db);
    const qint64 id = h.outbox.enqueue({ QStringLiteral("stripe"), 0, QStringLiteral("customer:7"),
                                         Services::StripeClient::customerPayload(QStringLiteral("a@client.example"),
                                                                                QStringLiteral("A"), {}, {}),
                                         start }).value();
    h.dispatcher().dispatchDue();
    QCOMPARE(h.row(id).status, QStringLiteral("sent"));
    // The row's payload changed after it was sent (a bug or a hand edit), then the commit was lost.
    loseCommit(db, id, start);
    QSqlQuery q(db.connection());
    QVERIFY(q.exec(QStringLiteral("UPDATE outbox SET payload = REPLACE(payload, 'a@client.example', "
                                  "'b@client.example') WHERE id = %1").arg(id)));
    h.restart();
    h.clock.advanceMs(h.options.staleClaimMs);
    h.dispatcher().dispatchDue();
    QCOMPARE(h.row(id).status, QStringLiteral("failed")); // Stripe's 400 is final
    QVERIFY2(h.row(id).lastError.startsWith(QLatin1String("HTTP 400: idempotency_error: Keys for idempotent requests")),
             qPrintable(h.row(id).lastError));
    QCOMPARE(h.stripe.executedCount(), 1);
}

void tst_OutboxDispatcher::retellUnknownIsLookedUpNotCalledAgain()
{
    CALLVIA_TEST_DATABASE(db);
    Harness h(db);
    // A crash after Retell placed the call: the row is found still in flight at the restart.
    const qint64 crashed = h.outbox.enqueue(callItem(QStringLiteral("call:crash"))).value();
    h.dispatcher().dispatchDue();
    QCOMPARE(h.row(crashed).providerRef, QStringLiteral("call_1"));
    loseCommit(db, crashed, start);
    h.restart();
    h.clock.advanceMs(h.options.staleClaimMs);
    h.dispatcher().dispatchDue(); // recovered to unknown, then looked up in the same pass
    h.runUntilQuiet(h.clock.nowMs() + 60'000);
    QCOMPARE(h.row(crashed).status, QStringLiteral("sent"));
    QCOMPARE(h.row(crashed).providerRef, QStringLiteral("call_1"));
    QCOMPARE(h.retell.executedPerKey().value(QStringLiteral("call:crash")), 1);

    // A timeout or 5xx from create-phone-call: unknown; the look-up finds no call, so it is placed.
    const qint64 refused = h.outbox.enqueue(callItem(QStringLiteral("call:503"))).value();
    h.retell.setMode(FakeProvider::Mode::Fail, 1, 503);
    h.dispatcher().dispatchDue();
    QCOMPARE(h.row(refused).status, QStringLiteral("unknown"));
    h.runUntilQuiet(h.clock.nowMs() + 600'000);
    QCOMPARE(h.row(refused).status, QStringLiteral("sent"));
    QCOMPARE(h.retell.executedPerKey().value(QStringLiteral("call:503")), 1);
    int lookups = 0;
    for (const auto &r : h.retell.received())
        lookups += r.path == QLatin1String("/v2/list-calls");
    QCOMPARE(lookups, 2);
}

void tst_OutboxDispatcher::garbageAnswerMakesRowUnknownThenResolved()
{
    CALLVIA_TEST_DATABASE(db);
    Harness h(db);
    const qint64 call = h.outbox.enqueue(callItem(QStringLiteral("call:garbage"))).value();
    const qint64 text = h.outbox.enqueue(Tests::smsItem(QStringLiteral("sms:garbage"), start)).value();
    const qint64 bill = h.outbox.enqueue({ QStringLiteral("stripe"), 0, QStringLiteral("stripe:garbage"),
                                           Services::StripeClient::finalizePayload(QStringLiteral("in_404")), start }).value();
    h.retell.setMode(FakeProvider::Mode::Garbage, 1);
    h.sms.setMode(FakeProvider::Mode::Garbage, 1);
    h.stripe.setMode(FakeProvider::Mode::Garbage, 1);
    h.dispatcher().dispatchDue();
    QCOMPARE(h.row(call).status, QStringLiteral("unknown"));
    QCOMPARE(h.row(text).status, QStringLiteral("unknown"));
    QCOMPARE(h.row(bill).status, QStringLiteral("unknown"));
    QVERIFY(h.row(call).response.contains(QLatin1String("garbled")));
    h.runUntilQuiet(start + 600'000);
    QCOMPARE(h.row(call).status, QStringLiteral("sent")); // found by look-up
    QCOMPARE(h.row(call).providerRef, QStringLiteral("call_1"));
    QCOMPARE(h.retell.executedCount(), 1);
    QCOMPARE(h.row(text).status, QStringLiteral("sent")); // 2xx = accepted; never sent twice
    QCOMPARE(h.sms.requestCount(), 1);
    // Stripe: resent with the same key; the fake replays the first (real) answer, a 404 here.
    QCOMPARE(h.row(bill).status, QStringLiteral("failed"));
    QVERIFY2(h.row(bill).lastError.contains(QLatin1String("No such invoice")), qPrintable(h.row(bill).lastError));
    QCOMPARE(h.stripe.requestCount(), 2);
}

void tst_OutboxDispatcher::missingKeyWaitsWithError()
{
    CALLVIA_TEST_DATABASE(db);
    Harness h(db);
    h.env.remove(QStringLiteral("CALLVIA_SENDGRID_API_KEY"));
    const qint64 id = h.outbox.enqueue({ QStringLiteral("email"), 0, QStringLiteral("m"),
                                         QJsonObject { { "to", "ana@example.com" }, { "subject", "s" }, { "text", "t" } },
                                         start }).value();
    h.dispatcher().dispatchDue();
    QCOMPARE(h.row(id).status, QStringLiteral("pending"));
    QCOMPARE(h.row(id).attempts, 0);
    QVERIFY2(h.row(id).lastError.contains(QLatin1String("no sendgrid API key"))
                     && h.row(id).lastError.contains(QLatin1String("CALLVIA_SENDGRID_API_KEY")),
             qPrintable(h.row(id).lastError));
    QCOMPARE(h.dispatcher().nextDueAt(), start + h.options.missingKeyRecheckMs); // waits, does not spin
    QCOMPARE(h.mail.requestCount(), 0);
    h.env.insert(QStringLiteral("CALLVIA_SENDGRID_API_KEY"), h.mail.apiKey());
    h.restart();
    h.clock.advanceMs(h.options.missingKeyRecheckMs);
    h.dispatcher().dispatchDue();
    QCOMPARE(h.row(id).status, QStringLiteral("sent"));
}

void tst_OutboxDispatcher::hangingProviderTimesOutAndIsRetried()
{
    CALLVIA_TEST_DATABASE(db);
    Harness h(db);
    h.options.requestTimeoutMs = 300; // real time: the transfer timeout is the network's, not the clock's
    const qint64 id = h.outbox.enqueue(Tests::smsItem(QStringLiteral("h"), start)).value();
    h.sms.setMode(FakeProvider::Mode::Hang, 1);
    h.dispatcher().dispatchDue();
    QCOMPARE(h.row(id).status, QStringLiteral("pending"));
    QVERIFY2(h.row(id).lastError.contains(QLatin1String("no answer within")), qPrintable(h.row(id).lastError));
    h.runUntilQuiet(start + 60'000);
    QCOMPARE(h.row(id).status, QStringLiteral("sent"));
}

void tst_OutboxDispatcher::wakerSleepsUntilTheNextDueTime()
{
    CALLVIA_TEST_DATABASE(db);
    Harness h(db);
    Services::OutboxWaker waker(h.dispatcher(), h.clock);
    waker.start();
    // Nothing queued: it sleeps the longest interval (rows of other instances, keys set meanwhile).
    QTRY_VERIFY(!h.dispatcher().isBusy() && waker.sleepingForMs() > Services::OutboxWaker::maxSleepMs - 5000);
    const qint64 later = h.outbox.enqueue(Tests::smsItem(QStringLiteral("later"), start + 20'000)).value();
    waker.wake(); // a row was written: the waker re-reads the next due time
    QTRY_VERIFY(waker.sleepingForMs() > 15'000 && waker.sleepingForMs() <= 20'000);
    const qint64 now = h.outbox.enqueue(Tests::smsItem(QStringLiteral("now"), start)).value();
    waker.wake();
    QTRY_COMPARE(h.row(now).status, QStringLiteral("sent"));
    QCOMPARE(h.row(later).status, QStringLiteral("pending"));
    QTRY_VERIFY(waker.sleepingForMs() > 15'000); // not a busy poll while the later row waits
    waker.stop();
}

QTEST_GUILESS_MAIN(tst_OutboxDispatcher)
#include "tst_outboxdispatcher.moc"
