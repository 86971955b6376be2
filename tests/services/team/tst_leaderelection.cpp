// Issue 26: the leader election on real PostgreSQL with two elections (two sessions), and the
// SQLite instance lock. The PostgreSQL rows QSKIP without CALLVIA_TEST_PG_URL.
#include <common/testdatabase.h>
#include <models/leaderlock.h>
#include <models/sqlhelpers.h>
#include <services/team/instancelock.h>
#include <services/team/leaderelection.h>

#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace Callvia;

class tst_LeaderElection : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void onlyOneOfTwoLeads();
    void takesOverWhenTheLeaderSessionIsTerminated();
    void takesOverWhenTheLeaderStops();
    void leaderStopsItsServicesBeforeLettingGo();
    void secondInstanceOnSqliteIsRefusedNamingTheFirst();
    void staleSqliteLockOfADeadProcessIsTakenOver();
};

namespace {

struct Pg
{
    std::unique_ptr<Tests::TestDatabase> holder;
    Models::DatabaseUrl url;
};

// A fresh PostgreSQL database, or a skip reason.
std::optional<Pg> postgres(QString *skip, QString *error)
{
    auto holder = Tests::TestDatabase::create(QStringLiteral("postgresql"), skip, error, false);
    if (!holder)
        return std::nullopt;
    QString parseError;
    const std::optional<Models::DatabaseUrl> url = Models::DatabaseUrl::parse(holder->url(), &parseError);
    if (!url) {
        *error = parseError;
        return std::nullopt;
    }
    return Pg { std::move(holder), *url };
}

Services::LeaderElection::Options named(const QString &identity)
{
    Services::LeaderElection::Options options;
    options.identity = identity;
    return options;
}

} // namespace

#define CALLVIA_PG(var)                                                                                   \
    QString var##Skip, var##Error;                                                                        \
    std::optional<Pg> var = postgres(&var##Skip, &var##Error);                                            \
    if (!var && !var##Skip.isEmpty())                                                                     \
        QSKIP(qPrintable(var##Skip));                                                                     \
    QVERIFY2(var, qPrintable(var##Error))

void tst_LeaderElection::onlyOneOfTwoLeads()
{
    CALLVIA_PG(pg);
    Services::LeaderElection a(pg->url, named(QStringLiteral("host-a:1")));
    Services::LeaderElection b(pg->url, named(QStringLiteral("host-b:2")));
    QSignalSpy aAcquired(&a, &Services::LeaderElection::leadershipAcquired);
    QSignalSpy bAcquired(&b, &Services::LeaderElection::leadershipAcquired);
    a.check();
    b.check();
    a.check();
    b.check();
    QVERIFY(a.isLeader());
    QVERIFY(!b.isLeader());
    QCOMPARE(aAcquired.size(), 1);
    QCOMPARE(bAcquired.size(), 0);
    // Any connection can tell who leads.
    const Models::DbResult<QString> holder = Models::LeaderLock::holder(pg->holder->database());
    QVERIFY2(holder.ok(), qPrintable(holder.error().message()));
    QCOMPARE(holder.value(), QStringLiteral("callvia-leader:host-a:1"));
}

void tst_LeaderElection::takesOverWhenTheLeaderSessionIsTerminated()
{
    CALLVIA_PG(pg);
    Services::LeaderElection a(pg->url, named(QStringLiteral("a")));
    Services::LeaderElection b(pg->url, named(QStringLiteral("b")));
    QSignalSpy aLost(&a, &Services::LeaderElection::leadershipLost);
    a.check();
    b.check();
    QVERIFY(a.isLeader());
    QVERIFY(!b.isLeader());
    const int backend = a.backendPid();
    QVERIFY(backend > 0);
    // The server ends the leader's session (what it does to a dead peer after keepalive).
    const auto killed = Models::Sql::exec(pg->holder->database(), QStringLiteral("SELECT pg_terminate_backend(?, 5000)"),
                                          { backend });
    QVERIFY2(killed.ok(), qPrintable(killed.error().message()));
    // The old leader finds out at its next check and steps down...
    a.check();
    QVERIFY(!a.isLeader());
    QCOMPARE(aLost.size(), 1);
    // ... and the other takes over at its next check.
    b.check();
    QVERIFY(b.isLeader());
    a.check();
    QVERIFY(!a.isLeader());
    QCOMPARE(Models::LeaderLock::holder(pg->holder->database()).value(), QStringLiteral("callvia-leader:b"));
}

void tst_LeaderElection::takesOverWhenTheLeaderStops()
{
    CALLVIA_PG(pg);
    auto a = std::make_unique<Services::LeaderElection>(pg->url, named(QStringLiteral("a")));
    Services::LeaderElection b(pg->url, named(QStringLiteral("b")));
    a->check();
    b.check();
    QVERIFY(a->isLeader());
    a.reset(); // the process ends: its session closes
    b.check();
    QVERIFY(b.isLeader());
}

void tst_LeaderElection::leaderStopsItsServicesBeforeLettingGo()
{
    CALLVIA_PG(pg);
    Services::LeaderElection a(pg->url, named(QStringLiteral("a")));
    Services::LeaderElection b(pg->url, named(QStringLiteral("b")));
    QString holderDuringStepDown = QStringLiteral("<not called>");
    bool bLeadDuringStepDown = true;
    a.setStepDown([&] {
        // The services stop while the lock is still ours: nobody else can have started.
        b.check();
        bLeadDuringStepDown = b.isLeader();
        holderDuringStepDown = Models::LeaderLock::holder(pg->holder->database()).valueOr(QStringLiteral("<error>"));
    });
    a.check();
    QVERIFY(a.isLeader());
    a.stop();
    QVERIFY(!bLeadDuringStepDown);
    QCOMPARE(holderDuringStepDown, QStringLiteral("callvia-leader:a"));
    b.check();
    QVERIFY(b.isLeader());
}

void tst_LeaderElection::secondInstanceOnSqliteIsRefusedNamingTheFirst()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("callvia.db"));
    Services::InstanceLock first(file);
    QCOMPARE(first.acquire(), QString());
    QVERIFY(QFile::exists(file + QStringLiteral(".lock")));
    Services::InstanceLock second(file);
    const QString refusal = second.acquire();
    QVERIFY2(refusal.contains(QStringLiteral("pid %1").arg(QCoreApplication::applicationPid())), qPrintable(refusal));
    QVERIFY2(refusal.contains(QSysInfo::machineHostName()), qPrintable(refusal));
    QVERIFY2(refusal.contains(file), qPrintable(refusal));
    QVERIFY(!second.isLocked());
    first.release();
    QCOMPARE(second.acquire(), QString());
}

void tst_LeaderElection::staleSqliteLockOfADeadProcessIsTakenOver()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("callvia.db"));
    // A lock file written by a process that has since died (a crash or SIGKILL leaves it behind).
    QProcess child;
    child.start(QStringLiteral("true"), {});
    QVERIFY(child.waitForStarted());
    const qint64 deadPid = child.processId();
    QVERIFY(child.waitForFinished());
    QVERIFY(deadPid > 0);
    {
        QFile lock(Services::InstanceLock::lockPathFor(file));
        QVERIFY(lock.open(QIODevice::WriteOnly));
        lock.write(QByteArray::number(deadPid) + '\n' + QCoreApplication::applicationName().toUtf8() + '\n'
                   + QSysInfo::machineHostName().toUtf8() + '\n' + QSysInfo::machineUniqueId() + '\n'
                   + QSysInfo::bootUniqueId() + '\n');
    }
    Services::InstanceLock lock(file);
    QCOMPARE(lock.acquire(), QString());
    QVERIFY(lock.isLocked());
}

QTEST_GUILESS_MAIN(tst_LeaderElection)
#include "tst_leaderelection.moc"
