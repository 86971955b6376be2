// Database faults under the real `callvia --headless` over real HTTP (issue 11): a full disk
// (RLIMIT_FSIZE on the running process), a file locked by another process, a read-only file, a
// corrupt file, and a PostgreSQL server stopped and started under webhook load. Each time: 503
// while the fault lasts (never 2xx for an event that was not stored), every acknowledged event
// intact, a log line naming the database, and storing resumes by itself once the fault clears.
#include "listenerprocess.h"
#include "webhookload.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QtTest>

#include <grp.h>
#include <signal.h>
#include <sys/resource.h>
#include <unistd.h>

#include <functional>

using namespace Callvia;

namespace {

const QByteArray Secret = "whsec_dbfaults_test";
constexpr uid_t NobodyId = 65534;

QByteArray stripeWebhook(const QByteArray &id, int size = 1500)
{
    return Tests::signedStripeRequest(id, Secret, QDateTime::currentSecsSinceEpoch(), size);
}

int send(quint16 port, const QByteArray &id, int size = 1500, QByteArray *body = nullptr)
{
    // Generous: a locked file answers only after the busy timeout, and ASan is slow.
    const Tests::HttpReply reply = Tests::request(port, stripeWebhook(id, size), 30000);
    if (body)
        *body = reply.body;
    return reply.status;
}

int health(quint16 port)
{
    return Tests::request(port, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n", 30000).status;
}

// Sends fresh events until one is answered 200 (storing works again) or the deadline passes;
// returns the milliseconds it took, -1 on timeout. Never sleeps: each try is a real request.
qint64 waitUntilStored(quint16 port, const QByteArray &prefix, QList<QByteArray> *acked, int deadlineMs = 60000)
{
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; timer.elapsed() < deadlineMs; ++i) {
        const QByteArray id = prefix + QByteArray::number(i);
        if (send(port, id) == 200) {
            acked->append(id);
            return timer.elapsed();
        }
        QTest::qWait(50); // pacing between tries, not timing logic
    }
    return -1;
}

// Ids (from the stored raw bodies) and the integrity_check result of a SQLite file, read by a
// connection of this process that is closed again before returning.
QSet<QByteArray> sqliteIds(const QString &path, QString *integrity = nullptr)
{
    QSet<QByteArray> ids;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("check"));
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
        if (db.open()) {
            QSqlQuery query(QStringLiteral("SELECT raw_body FROM events"), db);
            while (query.next())
                ids.insert(QJsonDocument::fromJson(query.value(0).toByteArray()).object().value(QLatin1String("id")).toString().toUtf8());
            if (integrity) {
                QSqlQuery check(QStringLiteral("PRAGMA integrity_check"), db);
                QStringList lines;
                while (check.next())
                    lines << check.value(0).toString();
                *integrity = lines.join(QLatin1Char('\n'));
            }
        }
    }
    QSqlDatabase::removeDatabase(QStringLiteral("check"));
    return ids;
}

int missing(const QList<QByteArray> &acked, const QSet<QByteArray> &stored)
{
    int count = 0;
    for (const QByteArray &id : acked)
        count += stored.contains(id) ? 0 : 1;
    return count;
}

bool namesDatabase(const QByteArray &log, const QString &database)
{
    const QByteArray needle = QByteArray("cannot store webhooks in ").append(database.toUtf8());
    return log.contains(needle);
}

bool stopListener(QProcess &process, QByteArray *log)
{
    process.terminate();
    const bool stopped = process.waitForFinished(30000);
    *log += process.readAll();
    return stopped && process.exitStatus() == QProcess::NormalExit;
}

// Runs a command to completion (a PostgreSQL tool); as `postgres` via runuser when we are root.
bool runTool(const QString &program, const QStringList &arguments, QByteArray *output = nullptr, int timeoutMs = 60000)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    if (geteuid() == 0)
        process.start(QStringLiteral("runuser"), QStringList { QStringLiteral("-u"), QStringLiteral("postgres"), QStringLiteral("--"), program } + arguments);
    else
        process.start(program, arguments);
    const bool done = process.waitForFinished(timeoutMs);
    const QByteArray out = process.readAll();
    if (output)
        *output = out;
    if (!done || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        std::fprintf(stderr, "%s failed:\n%s\n", qPrintable(program), out.constData());
        return false;
    }
    return true;
}

quint16 freePort()
{
    QTcpServer server;
    return server.listen(QHostAddress::LocalHost, 0) ? server.serverPort() : 0;
}

// After a fault has cleared: stops the listener, whose log must name the database file, then
// checks the file passes integrity_check and holds every acknowledged event. Fails the
// current test (check QTest::currentTestFailed()) otherwise; returns the log and stored ids.
void checkStoppedAndIntact(QProcess &listener, const QString &database, const QList<QByteArray> &acked,
                           QByteArray *log, QSet<QByteArray> *stored)
{
    QVERIFY(stopListener(listener, log));
    QVERIFY2(namesDatabase(*log, database), log->constData());
    QString integrity;
    *stored = sqliteIds(database, &integrity);
    QCOMPARE(integrity, QStringLiteral("ok"));
    QCOMPARE(missing(acked, *stored), 0);
}

} // namespace

class tst_DbFaults : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void diskFull();
    void lockedByAnotherProcess();
    void readOnlyFile();
    void corruptFile();
    void postgresRestartUnderLoad();
};

// RLIMIT_FSIZE on the running listener: no file of its may grow, as on a full disk (SQLite reports
// "disk I/O error" or "database or disk is full"). Lifted with prlimit(2) on the same process.
void tst_DbFaults::diskFull()
{
    QTemporaryDir dir;
    const QString database = dir.filePath(QStringLiteral("full.sqlite"));
    QProcess listener;
    // Over the limit a write fails with EFBIG instead of killing the process with SIGXFSZ (an
    // ignored signal stays ignored across exec).
    listener.setChildProcessModifier([] { ::signal(SIGXFSZ, SIG_IGN); });
    const quint16 port = Tests::startHeadlessListener(&listener, database, Secret);
    QVERIFY(port);
    QList<QByteArray> acked;
    for (int i = 0; i < 40; ++i) {
        const QByteArray id = "evt_full_before_" + QByteArray::number(i);
        QCOMPARE(send(port, id), 200);
        acked << id;
    }

    // The limit: the largest file the listener has now. The WAL is reused after a checkpoint, so
    // writes succeed until it has to grow; 8 KB events get there quickly.
    const qint64 limit = qMax(QFileInfo(database).size(), QFileInfo(database + QStringLiteral("-wal")).size());
    rlimit full {};
    full.rlim_cur = rlim_t(limit);
    full.rlim_max = RLIM_INFINITY;
    QVERIFY2(::prlimit(pid_t(listener.processId()), RLIMIT_FSIZE, &full, nullptr) == 0, strerror(errno));
    int unavailable = 0, firstFailure = -1, other = 0;
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < 3000 && unavailable < 5 && timer.elapsed() < 60000; ++i) {
        const QByteArray id = "evt_full_during_" + QByteArray::number(i);
        const int status = send(port, id, 8000);
        if (status == 200)
            acked << id;
        else if (status == 503 && unavailable++ == 0)
            firstFailure = i;
        else if (status != 503)
            ++other;
    }
    qInfo("disk full: first 503 after %d more events under a %lld byte limit, %d answered 503, %d other",
          firstFailure, limit, unavailable, other);
    QCOMPARE(other, 0);
    QVERIFY2(unavailable >= 5, "the file size limit never made a write fail");
    QCOMPARE(health(port), 503);

    rlimit lifted {};
    lifted.rlim_cur = RLIM_INFINITY;
    lifted.rlim_max = RLIM_INFINITY;
    QVERIFY2(::prlimit(pid_t(listener.processId()), RLIMIT_FSIZE, &lifted, nullptr) == 0, strerror(errno));
    const qint64 recovered = waitUntilStored(port, "evt_full_after_", &acked);
    qInfo("disk full: stored again %lld ms after the space came back", recovered);
    QVERIFY(recovered >= 0);
    QCOMPARE(health(port), 200);

    QByteArray log;
    QSet<QByteArray> stored;
    checkStoppedAndIntact(listener, database, acked, &log, &stored);
}

// Another process holds BEGIN EXCLUSIVE: webhooks wait for the busy timeout, then get 503.
void tst_DbFaults::lockedByAnotherProcess()
{
    QTemporaryDir dir;
    const QString database = dir.filePath(QStringLiteral("locked.sqlite"));
    QProcess listener;
    const quint16 port = Tests::startHeadlessListener(&listener, database, Secret);
    QVERIFY(port);
    QList<QByteArray> acked;
    for (int i = 0; i < 20; ++i) {
        const QByteArray id = "evt_lock_before_" + QByteArray::number(i);
        QCOMPARE(send(port, id), 200);
        acked << id;
    }
    {
        // This test process is the other process: its connection takes the write lock.
        QSqlDatabase locker = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("locker"));
        locker.setDatabaseName(database);
        QVERIFY(locker.open());
        QSqlQuery lock(locker);
        QVERIFY2(lock.exec(QStringLiteral("BEGIN EXCLUSIVE")), qPrintable(lock.lastError().text()));
        QVERIFY(lock.exec(QStringLiteral("INSERT INTO schema_version (version, applied_at, description) "
                                         "VALUES (999, 0, 'held by the test')")));
        QElapsedTimer timer;
        timer.start();
        QCOMPARE(send(port, "evt_lock_during_0"), 503);
        const qint64 firstMs = timer.elapsed();
        QCOMPARE(send(port, "evt_lock_during_1"), 503);
        QCOMPARE(health(port), 503);
        qInfo("locked: 503 after %lld ms (busy timeout), two webhooks and /healthz in %lld ms", firstMs, timer.elapsed());
        QVERIFY2(firstMs < 20000, "a locked file must be answered 503 within seconds");
        QVERIFY(lock.exec(QStringLiteral("ROLLBACK")));
    }
    QSqlDatabase::removeDatabase(QStringLiteral("locker"));
    const qint64 recovered = waitUntilStored(port, "evt_lock_after_", &acked);
    qInfo("locked: stored again %lld ms after the lock was released", recovered);
    QVERIFY(recovered >= 0);
    QCOMPARE(health(port), 200);

    QByteArray log;
    QSet<QByteArray> stored;
    checkStoppedAndIntact(listener, database, acked, &log, &stored);
    if (QTest::currentTestFailed())
        return;
    QVERIFY(!stored.contains("evt_lock_during_0"));
}

// The file is read-only for the listener. Root ignores file modes, so as root the listener runs
// as `nobody` (the folder is handed to it); otherwise as ourselves.
void tst_DbFaults::readOnlyFile()
{
    QTemporaryDir dir;
    const bool root = geteuid() == 0;
    const std::function<void()> asNobody = [] {
        if (::setgroups(0, nullptr) != 0 || ::setgid(NobodyId) != 0 || ::setuid(NobodyId) != 0)
            ::_exit(126);
    };
    QProcessEnvironment env;
    env.insert(QStringLiteral("HOME"), dir.path()); // nobody's home does not exist
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), dir.filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), dir.filePath(QStringLiteral("data")));
    env.insert(QStringLiteral("XDG_RUNTIME_DIR"), dir.path());
    QString program = QStringLiteral(CALLVIA_BINARY);
    if (root) {
        QVERIFY(::chown(QFile::encodeName(dir.path()).constData(), NobodyId, NobodyId) == 0);
        auto runnable = [&] {
            QProcess probe;
            probe.setChildProcessModifier(asNobody);
            probe.start(QStringLiteral("/usr/bin/test"), { QStringLiteral("-x"), program });
            return probe.waitForFinished(10000) && probe.exitStatus() == QProcess::NormalExit && probe.exitCode() == 0;
        };
        if (!runnable()) { // a build tree in a private folder (a clone under /root): run a copy
            program = dir.filePath(QStringLiteral("callvia"));
            QVERIFY(QFile::copy(QStringLiteral(CALLVIA_BINARY), program));
            QVERIFY(QFile::setPermissions(program, QFile::permissions(program) | QFileDevice::ExeOther | QFileDevice::ReadOther));
            if (!runnable())
                QSKIP("neither the callvia binary nor a copy in the temporary folder can be run by the user nobody");
        }
    }
    const QString database = dir.filePath(QStringLiteral("readonly.sqlite"));
    QList<QByteArray> acked;
    QByteArray log;
    {
        QProcess first;
        if (root)
            first.setChildProcessModifier(asNobody);
        const quint16 port = Tests::startHeadlessListener(&first, database, Secret, env, 20000, program);
        QVERIFY(port);
        for (int i = 0; i < 20; ++i) {
            const QByteArray id = "evt_ro_before_" + QByteArray::number(i);
            QCOMPARE(send(port, id), 200);
            acked << id;
        }
        QVERIFY(stopListener(first, &log));
    }
    QVERIFY(QFile::setPermissions(database, QFileDevice::ReadOwner | QFileDevice::ReadGroup | QFileDevice::ReadOther));

    QProcess listener;
    if (root)
        listener.setChildProcessModifier(asNobody);
    const quint16 port = Tests::startHeadlessListener(&listener, database, Secret, env, 20000, program);
    QVERIFY(port);
    QByteArray body;
    QCOMPARE(send(port, "evt_ro_during_0", 1500, &body), 503);
    QVERIFY2(body.contains("unavailable"), body.constData());
    QCOMPARE(send(port, "evt_ro_during_1"), 503);
    QCOMPARE(health(port), 503);

    // SQLite created the -wal and -shm files with the main file's (read-only) mode: the fault
    // clears when all three are writable again, as after `chmod u+w callvia.sqlite*`.
    for (const QString &suffix : { QString(), QStringLiteral("-wal"), QStringLiteral("-shm") }) {
        if (QFile::exists(database + suffix))
            QVERIFY(QFile::setPermissions(database + suffix, QFileDevice::ReadOwner | QFileDevice::WriteOwner
                                                                     | QFileDevice::ReadGroup | QFileDevice::ReadOther));
    }
    const qint64 recovered = waitUntilStored(port, "evt_ro_after_", &acked);
    qInfo("read-only: stored again %lld ms after the file was made writable", recovered);
    QVERIFY(recovered >= 0);
    QCOMPARE(health(port), 200);
    QSet<QByteArray> stored;
    checkStoppedAndIntact(listener, database, acked, &log, &stored);
    if (QTest::currentTestFailed())
        return;
    QVERIFY2(log.contains("readonly"), log.constData());
    QVERIFY(!stored.contains("evt_ro_during_0"));
}

// The b-tree roots of `events` and its indexes are overwritten under the running listener.
// Recovery is a restore from the backup taken before, then a restart.
void tst_DbFaults::corruptFile()
{
    QTemporaryDir dir;
    const QString database = dir.filePath(QStringLiteral("corrupt.sqlite"));
    const QString backup = dir.filePath(QStringLiteral("backup.sqlite"));
    QProcess listener;
    quint16 port = Tests::startHeadlessListener(&listener, database, Secret);
    QVERIFY(port);
    QList<QByteArray> acked;
    for (int i = 0; i < 30; ++i) {
        const QByteArray id = "evt_corrupt_before_" + QByteArray::number(i);
        QCOMPARE(send(port, id), 200);
        acked << id;
    }
    // The processor has applied them all: no write of its can put fresh copies of the pages we
    // damage into the WAL.
    QElapsedTimer idle;
    idle.start();
    while (!Tests::request(port, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n", 30000).body.contains("\"backlog\":0")
           && idle.elapsed() < 30000)
        QTest::qWait(50);
    QList<qint64> roots;
    qint64 pageSize = 0;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("damage"));
        db.setDatabaseName(database);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
        QVERIFY(db.open());
        QSqlQuery query(db);
        QVERIFY(query.exec(QStringLiteral("VACUUM INTO '%1'").arg(backup)));
        // Everything into the main file and the WAL restarted: the listener rereads pages from
        // the file (and sees the damage) instead of newer copies in the WAL or its cache.
        bool checkpointed = false;
        QElapsedTimer timer;
        timer.start();
        while (!checkpointed && timer.elapsed() < 30000) {
            QVERIFY(query.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")) && query.next());
            checkpointed = query.value(0).toInt() == 0;
            if (!checkpointed)
                QTest::qWait(50);
        }
        QVERIFY(checkpointed);
        QVERIFY(query.exec(QStringLiteral("PRAGMA page_size")) && query.next());
        pageSize = query.value(0).toLongLong();
        QVERIFY(query.exec(QStringLiteral("SELECT rootpage FROM sqlite_master WHERE tbl_name = 'events' AND rootpage > 1")));
        while (query.next())
            roots << query.value(0).toLongLong();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("damage"));
    QVERIFY(roots.size() >= 2);
    {
        QFile file(database);
        QVERIFY(file.open(QIODevice::ReadWrite));
        for (qint64 root : std::as_const(roots)) {
            QVERIFY(file.seek((root - 1) * pageSize));
            QCOMPARE(file.write(QByteArray(int(pageSize), char(0xa5))), pageSize);
        }
    }
    int unavailable = 0;
    for (int i = 0; i < 5; ++i) {
        const int status = send(port, "evt_corrupt_during_" + QByteArray::number(i));
        QCOMPARE(status, 503);
        ++unavailable;
    }
    QCOMPARE(health(port), 503);
    QByteArray log;
    stopListener(listener, &log); // exit status is not the point here
    QVERIFY2(namesDatabase(log, database), log.constData());
    QVERIFY2(log.contains("malformed"), log.constData());

    // Restore from the backup and start again: everything acknowledged before the backup is there.
    QFile::remove(database + QStringLiteral("-wal"));
    QFile::remove(database + QStringLiteral("-shm"));
    QVERIFY(QFile::remove(database));
    QVERIFY(QFile::copy(backup, database));
    QProcess restarted;
    port = Tests::startHeadlessListener(&restarted, database, Secret);
    QVERIFY(port);
    QByteArray body;
    QCOMPARE(send(port, acked.first(), 1500, &body), 200);
    QVERIFY2(body.contains("duplicate"), body.constData());
    const qint64 recovered = waitUntilStored(port, "evt_corrupt_after_", &acked);
    QVERIFY(recovered >= 0);
    QCOMPARE(health(port), 200);
    QVERIFY(stopListener(restarted, &log));
    QString integrity;
    const QSet<QByteArray> stored = sqliteIds(database, &integrity);
    QCOMPARE(integrity, QStringLiteral("ok"));
    QCOMPARE(missing(acked, stored), 0);
}

// A private PostgreSQL server (never the shared CI one) is stopped and started again while four
// connections stream signed webhooks.
void tst_DbFaults::postgresRestartUnderLoad()
{
    QString bin = qEnvironmentVariable("CALLVIA_TEST_PG_BIN");
    if (bin.isEmpty())
        bin = QStringLiteral("/usr/lib/postgresql/15/bin");
    const QString pgCtl = QDir(bin).filePath(QStringLiteral("pg_ctl"));
    if (!QFileInfo(pgCtl).isExecutable() || !QFileInfo(QDir(bin).filePath(QStringLiteral("initdb"))).isExecutable())
        QSKIP("PostgreSQL server binaries not found (set CALLVIA_TEST_PG_BIN)");
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL")))
        QSKIP("Qt's QPSQL driver is not installed");
    QTemporaryDir dir;
    QVERIFY(QFile::setPermissions(dir.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner
                                                      | QFileDevice::ReadOther | QFileDevice::ExeOther));
    if (geteuid() == 0) {
        const QByteArray postgres = "postgres";
        const group *g = ::getgrnam(postgres.constData());
        QVERIFY2(g, "no postgres group");
        QProcess id;
        id.start(QStringLiteral("id"), { QStringLiteral("-u"), QStringLiteral("postgres") });
        QVERIFY(id.waitForFinished(10000));
        const uid_t uid = uid_t(id.readAll().trimmed().toUInt());
        QVERIFY(::chown(QFile::encodeName(dir.path()).constData(), uid, g->gr_gid) == 0);
    }
    const QString data = dir.filePath(QStringLiteral("data"));
    const quint16 pgPort = freePort();
    QVERIFY(pgPort);
    QVERIFY(runTool(QDir(bin).filePath(QStringLiteral("initdb")),
                    { QStringLiteral("-D"), data, QStringLiteral("-A"), QStringLiteral("trust"), QStringLiteral("-U"),
                      QStringLiteral("postgres"), QStringLiteral("--no-sync") }));
    const QStringList startArguments { QStringLiteral("-D"), data, QStringLiteral("-l"), dir.filePath(QStringLiteral("log")),
                                       QStringLiteral("-w"), QStringLiteral("-t"), QStringLiteral("60"), QStringLiteral("-o"),
                                       QStringLiteral("-k %1 -c listen_addresses=127.0.0.1 -p %2 -c fsync=off")
                                               .arg(dir.path())
                                               .arg(pgPort),
                                       QStringLiteral("start") };
    QVERIFY(runTool(pgCtl, startArguments));
    // Stops the private server whatever happens below.
    struct ServerGuard
    {
        std::function<void()> stop;
        ~ServerGuard() { stop(); }
    } guard { [&] { runTool(pgCtl, { QStringLiteral("-D"), data, QStringLiteral("-m"), QStringLiteral("immediate"), QStringLiteral("stop") }); } };

    const QString url = QStringLiteral("postgresql://postgres@127.0.0.1:%1/postgres").arg(pgPort);
    QProcess listener;
    const quint16 port = Tests::startHeadlessListener(&listener, url, Secret);
    QVERIFY(port);

    Tests::LoadDriver driver(port, 4, 1000000, [](int index, QByteArray *id) {
        *id = "evt_pg_" + QByteArray::number(index);
        return stripeWebhook(*id, 600);
    });
    enum Phase { Before, Down, Up, Done } phase = Before;
    int ackedAtStart = 0;
    QElapsedTimer upTimer;
    qint64 recoveredMs = -1;
    int unavailableSeen = 0;
    QProcess pgCtlRun;
    pgCtlRun.setProcessChannelMode(QProcess::MergedChannels);
    auto runPgCtl = [&](const QStringList &arguments) {
        if (geteuid() == 0)
            pgCtlRun.start(QStringLiteral("runuser"), QStringList { QStringLiteral("-u"), QStringLiteral("postgres"), QStringLiteral("--"), pgCtl } + arguments);
        else
            pgCtlRun.start(pgCtl, arguments);
    };
    connect(&pgCtlRun, &QProcess::finished, this, [&] {
        if (phase == Up)
            upTimer.start();
    });
    connect(&driver, &Tests::LoadDriver::progressed, this, [&](int acked) {
        if (phase == Before && acked >= 300) {
            phase = Down;
            runPgCtl({ QStringLiteral("-D"), data, QStringLiteral("-m"), QStringLiteral("fast"), QStringLiteral("-w"),
                       QStringLiteral("stop") });
        } else if (phase == Down && pgCtlRun.state() == QProcess::NotRunning && driver.other >= 20) {
            unavailableSeen = driver.other;
            phase = Up; // the server was down long enough for 20 answers: start it again
            ackedAtStart = acked;
            runPgCtl(startArguments);
        } else if (phase == Up && upTimer.isValid() && acked > ackedAtStart) {
            recoveredMs = upTimer.elapsed();
            ackedAtStart = acked;
            phase = Done;
        } else if (phase == Done && acked >= ackedAtStart + 300) {
            driver.stop();
        }
    });
    // Answers while the server is down do not advance `acked`: a 503 also calls progressed().
    QSignalSpy finished(&driver, &Tests::LoadDriver::finished);
    driver.start();
    QVERIFY(finished.wait(100000));
    QCOMPARE(int(phase), int(Done));
    qInfo("postgresql: %lld acknowledged, %d answered 503 (%d while stopped), %d connections cut; stored again "
          "%lld ms after the server was up",
          qlonglong(driver.acked.size()), driver.other, unavailableSeen, driver.failures, recoveredMs);
    QCOMPARE(driver.failures, 0);

    QByteArray log;
    QVERIFY(stopListener(listener, &log));
    QVERIFY2(namesDatabase(log, url), log.constData());
    QSet<QByteArray> stored;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), QStringLiteral("pgcheck"));
        db.setHostName(QStringLiteral("127.0.0.1"));
        db.setPort(pgPort);
        db.setUserName(QStringLiteral("postgres"));
        db.setDatabaseName(QStringLiteral("postgres"));
        QVERIFY2(db.open(), qPrintable(db.lastError().text()));
        QSqlQuery query(QStringLiteral("SELECT raw_body FROM events"), db);
        while (query.next())
            stored.insert(QJsonDocument::fromJson(query.value(0).toByteArray()).object().value(QLatin1String("id")).toString().toUtf8());
    }
    QSqlDatabase::removeDatabase(QStringLiteral("pgcheck"));
    QCOMPARE(missing(driver.acked, stored), 0);
}

QTEST_GUILESS_MAIN(tst_DbFaults)
#include "tst_dbfaults.moc"
