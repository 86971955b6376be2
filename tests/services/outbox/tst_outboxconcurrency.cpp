// Two dispatchers on one PostgreSQL (two threads, two connections) against one fake SMS server:
// each of 10,000 rows is sent exactly once (FOR UPDATE SKIP LOCKED). CALLVIA_TEST_OUTBOX_ROWS
// changes the count (e.g. 2000 under ASan). The SQLite row runs the same with one writer.
#include "outboxharness.h"

#include <common/testdatabase.h>

#include <QThread>
#include <QtTest>

using namespace Callvia;

class tst_OutboxConcurrency : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void twoDispatchersSendEachRowOnce_data() { Tests::TestDatabase::addBackendRows(); }
    void twoDispatchersSendEachRowOnce();
};

namespace {

// One dispatcher on its own thread, with its own connection and network access manager.
class DispatcherThread final : public QThread
{
public:
    DispatcherThread(Models::Database &db, const Models::Clock &clock, QProcessEnvironment env, QString worker)
        : m_db(db), m_clock(clock), m_env(std::move(env)), m_worker(std::move(worker))
    {
    }
    int changed = 0;

protected:
    void run() override
    {
        {
            Services::ProviderConfig config(nullptr, nullptr, m_env);
            Services::OutboxDispatcher::Options options;
            options.workerId = m_worker;
            Services::OutboxDispatcher dispatcher(m_db, m_clock, config, options);
            for (int pass = 0; pass < 20; ++pass) { // a pass ends when nothing is left to claim
                const int n = dispatcher.dispatchDue();
                changed += n;
                if (n == 0)
                    break;
            }
        }
        m_db.releaseThreadConnection();
    }

private:
    Models::Database &m_db;
    const Models::Clock &m_clock;
    QProcessEnvironment m_env;
    QString m_worker;
};

} // namespace

void tst_OutboxConcurrency::twoDispatchersSendEachRowOnce()
{
    CALLVIA_TEST_DATABASE(db);
    const int rows = qEnvironmentVariableIntValue("CALLVIA_TEST_OUTBOX_ROWS") > 0
            ? qEnvironmentVariableIntValue("CALLVIA_TEST_OUTBOX_ROWS")
            : 10'000;
    Models::TestClock clock(1'800'000'000'000);
    Fakes::FakeMessageBird sms(QStringLiteral("mb-key"));
    sms.setKeepRequests(false);
    QVERIFY(sms.listen());
    {
        Models::Transaction transaction(db);
        Models::OutboxRepository outbox(db, clock, Models::TenantScope::agency());
        for (int i = 0; i < rows; ++i)
            QVERIFY(outbox.enqueue(Tests::smsItem(QStringLiteral("row-%1").arg(i), clock.nowMs() - i % 1000)).ok());
        QVERIFY(!transaction.commit());
    }
    const QProcessEnvironment env = Tests::fakeEnvironment({ &sms });
    DispatcherThread a(db, clock, env, QStringLiteral("dispatcher-a"));
    DispatcherThread b(db, clock, env, QStringLiteral("dispatcher-b"));
    QEventLoop loop; // the fake server answers on this thread's event loop
    int finished = 0;
    for (DispatcherThread *t : { &a, &b })
        connect(t, &QThread::finished, &loop, [&] {
            if (++finished == 2)
                loop.quit();
        });
    a.start();
    b.start();
    loop.exec();

    QCOMPARE(Tests::sqlValue(db, QStringLiteral("SELECT COUNT(*) FROM outbox WHERE status = 'sent'")), rows);
    const QHash<QString, int> perKey = sms.executedPerKey();
    QCOMPARE(perKey.size(), rows);
    for (auto it = perKey.cbegin(); it != perKey.cend(); ++it)
        QVERIFY2(it.value() == 1, qPrintable(it.key()));
    QCOMPARE(sms.executedCount(), rows);
    const qint64 byA = Tests::sqlValue(db, QStringLiteral("SELECT COUNT(*) FROM outbox WHERE claimed_by = 'dispatcher-a'"));
    qInfo() << "dispatcher-a sent" << byA << "dispatcher-b sent" << rows - byA;
    if (db.dialect() == Models::Dialect::PostgreSql)
        QVERIFY2(byA > 0 && byA < rows, "both dispatchers should have claimed rows");
}

QTEST_GUILESS_MAIN(tst_OutboxConcurrency)
#include "tst_outboxconcurrency.moc"
