// bench_outbox [ROWS=100000] [SCHEDULED=1000000]: the outbox dispatcher on a SQLite file sends ROWS
// due SMS rows to the fake MessageBird server (in-process, its own thread, loopback HTTP) and
// reports messages/s, p50/p99 request latency, RSS during the run and peak RSS, and that none was
// sent twice. Then SCHEDULED future rows: the time to find the next due item (nextDueAt), to claim
// the one due row among them, and the waker's CPU while nothing is due (10 s).
#include <fakes/fakeproviders.h>
#include <models/clock.h>
#include <models/database.h>
#include <models/repositories/outboxrepository.h>
#include <services/outbox/outboxdispatcher.h>
#include <services/outbox/outboxwaker.h>
#include <services/providerconfig.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QSemaphore>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>

#include <sys/resource.h>

#include <algorithm>
#include <cstdio>

using namespace Callvia;

namespace {

qint64 statusKb(const char *field)
{
    QFile file(QStringLiteral("/proc/self/status"));
    if (!file.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : file.readAll().split('\n')) {
        if (line.startsWith(field))
            return line.mid(int(qstrlen(field))).trimmed().split(' ').first().toLongLong();
    }
    return 0;
}

double cpuSeconds()
{
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

// The fake SMS provider on a thread of its own, as a real provider is another machine.
class FakeThread final : public QThread
{
public:
    QSemaphore ready;
    quint16 port = 0;
    Fakes::FakeMessageBird *fake = nullptr;

protected:
    void run() override
    {
        Fakes::FakeMessageBird sms(QStringLiteral("bench-key"));
        sms.setKeepRequests(false);
        port = sms.listen();
        fake = &sms;
        ready.release();
        exec();
        fake = nullptr;
    }
};

bool exec(Models::Database &db, const QString &sql)
{
    QSqlQuery q(db.connection());
    if (!q.exec(sql)) {
        std::fprintf(stderr, "%s\n", qPrintable(sql));
        return false;
    }
    return true;
}

// ROWS rows due from `firstDue` one millisecond apart (recursive CTE: no per-row round trip).
bool insertRows(Models::Database &db, int rows, qint64 firstDue, const QString &prefix)
{
    return exec(db, QStringLiteral("WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < %1) "
                                   "INSERT INTO outbox (kind, idempotency_key, payload, due_at, created_at, updated_at) "
                                   "SELECT 'sms', '%2' || n, '{\"to\":\"+1415' || substr('0000000' || n, -7) || "
                                   "'\",\"body\":\"Reminder: your appointment is tomorrow at 10:00. Reply STOP to opt "
                                   "out\",\"message_id\":' || n || '}', %3 + n, 0, 0 FROM g")
                            .arg(rows)
                            .arg(prefix)
                            .arg(firstDue));
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    std::setvbuf(stdout, nullptr, _IOLBF, 0); // figures appear as they are measured
    const int rows = argc > 1 ? QByteArray(argv[1]).toInt() : 100'000;
    const int scheduled = argc > 2 ? QByteArray(argv[2]).toInt() : 1'000'000;
    QTemporaryDir dir;
    Models::DatabaseUrl url;
    url.path = dir.filePath(QStringLiteral("bench.sqlite"));
    Models::Database db(url);
    if (db.open() || db.migrate())
        return 1;
    Models::TestClock clock(1'800'000'000'000);

    FakeThread server;
    server.start();
    server.ready.acquire();
    QProcessEnvironment env;
    env.insert(QStringLiteral("CALLVIA_MESSAGEBIRD_API_BASE"), QStringLiteral("http://127.0.0.1:%1").arg(server.port));
    env.insert(QStringLiteral("CALLVIA_MESSAGEBIRD_API_KEY"), QStringLiteral("bench-key"));
    env.insert(QStringLiteral("CALLVIA_MESSAGEBIRD_ORIGINATOR"), QStringLiteral("Callvia"));
    Services::ProviderConfig config(nullptr, nullptr, env);

    // --- 1. ROWS due rows ---
    if (!insertRows(db, rows, clock.nowMs() - rows - 1, QStringLiteral("due-")))
        return 1;
    Services::OutboxDispatcher dispatcher(db, clock, config, {});
    std::vector<qint64> latencies;
    latencies.reserve(size_t(rows));
    QObject::connect(&dispatcher, &Services::OutboxDispatcher::requestTimed,
                     [&](qint64 us) { latencies.push_back(us); });
    qint64 minRss = 0, maxRss = 0;
    int commits = 0;
    QObject::connect(&dispatcher, &Services::OutboxDispatcher::rowsChanged, [&] {
        if (++commits % 50 != 0)
            return;
        const qint64 rss = statusKb("VmRSS:");
        minRss = minRss ? std::min(minRss, rss) : rss;
        maxRss = std::max(maxRss, rss);
    });
    const double cpuBefore = cpuSeconds();
    QElapsedTimer wall;
    wall.start();
    int changed = 0;
    while (true) {
        const int n = dispatcher.dispatchDue();
        changed += n;
        if (n == 0)
            break;
    }
    const double seconds = wall.nsecsElapsed() / 1e9;
    const double cpu = cpuSeconds() - cpuBefore;
    std::sort(latencies.begin(), latencies.end());
    const auto pct = [&](double p) { return latencies.empty() ? 0 : latencies[size_t(p * (latencies.size() - 1))]; };
    QSqlQuery q(db.connection());
    q.exec(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE status = 'sent'"));
    q.next();
    const qint64 sent = q.value(0).toLongLong();
    QHash<QString, int> perKey;
    QMetaObject::invokeMethod(server.fake, [&] { perKey = server.fake->executedPerKey(); }, Qt::BlockingQueuedConnection);
    int twice = 0;
    for (int count : perKey)
        twice += count > 1;
    std::printf("dispatched %d due SMS rows in %.2f s: %.0f messages/s (process CPU %.1f s)\n", rows, seconds,
                rows / seconds, cpu);
    std::printf("request latency: p50 %.2f ms, p99 %.2f ms, max %.2f ms (%zu requests)\n", pct(0.5) / 1000.0,
                pct(0.99) / 1000.0, latencies.empty() ? 0.0 : latencies.back() / 1000.0, latencies.size());
    std::printf("rows sent %lld of %d; distinct references at the fake %lld; sent twice %d\n", sent, rows,
                qint64(perKey.size()), twice);
    std::printf("RSS during the run: %.1f-%.1f MB; peak RSS (VmHWM) %.1f MB\n", minRss / 1024.0, maxRss / 1024.0,
                statusKb("VmHWM:") / 1024.0);

    // --- 2. SCHEDULED future rows, one due ---
    if (scheduled > 0) {
        QElapsedTimer fill;
        fill.start();
        const qint64 now = clock.nowMs();
        if (!insertRows(db, scheduled, now + 60'000, QStringLiteral("future-")) || !exec(db, QStringLiteral("ANALYZE")))
            return 1;
        std::printf("\n%d scheduled rows inserted in %.1f s\n", scheduled, fill.nsecsElapsed() / 1e9);
        QElapsedTimer t;
        t.start();
        qint64 next = 0;
        constexpr int calls = 200;
        for (int i = 0; i < calls; ++i)
            next = dispatcher.nextDueAt();
        std::printf("next due time over %d pending rows: %.3f ms per call (due in %lld ms)\n", scheduled + 0,
                    t.nsecsElapsed() / 1e6 / calls, next - now);
        clock.setNowMs(now + 60'001); // the first scheduled row is due now
        t.restart();
        Models::OutboxRepository outbox(db, clock, Models::TenantScope::agency());
        const auto claimed = outbox.claimDue(QStringLiteral("sms"), QStringLiteral("bench"), clock.nowMs(), 100);
        std::printf("claiming the due row among them: %.3f ms (%lld claimed)\n", t.nsecsElapsed() / 1e6,
                    claimed.ok() ? qint64(claimed.value().size()) : -1);
        // Idle: the waker sleeps until the next due time (at most 30 s); nothing runs meanwhile.
        clock.setNowMs(now); // nothing due for the next minute
        exec(db, QStringLiteral("UPDATE outbox SET status = 'sent' WHERE claimed_by = 'bench'"));
        Services::OutboxWaker waker(dispatcher, clock);
        const double idleCpuBefore = cpuSeconds();
        waker.start();
        QTimer::singleShot(10'000, &app, &QCoreApplication::quit);
        app.exec();
        waker.stop();
        std::printf("waker idle CPU with nothing due: %.2f %% of one core over 10 s\n",
                    (cpuSeconds() - idleCpuBefore) / 10.0 * 100.0);
    }
    server.quit();
    server.wait();
    return twice == 0 && sent == rows ? 0 : 1;
}
