// The scheduler with 1,000,000 scheduled reminders in the table (250,000 appointments, the
// standard four reminders each, all due 2 to 30 days ahead): the time to pick the next due item
// (ReminderRepository::nextDueAt, what every wake asks), the time of an idle reminder pass
// (dueWithContext with nothing due), and the process CPU while the scheduler idles on its
// event loop with nothing due, for the default 60 s safety re-check and, as an upper bound, for
// a 1 s one. CPU = getrusage user+sys over wall time.
// Usage: bench_scheduler [REMINDERS] [IDLE_SECONDS] [DATABASE_URL]   (default 1000000 30, a
// SQLite file in a temporary folder; a postgresql:// URL must name an empty database)
#include <models/clock.h>
#include <models/database.h>
#include <models/repositories/reminderrepository.h>
#include <models/sqlhelpers.h>
#include <services/reminders/reminderservice.h>
#include <services/scheduling/scheduler.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTimer>

#include <sys/resource.h>

#include <algorithm>
#include <cstdio>

using namespace Callvia;
using namespace Callvia::Models;

namespace {

double cpuSeconds()
{
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 + usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

bool exec(Database &db, const QString &sql, const QVariantList &binds = {})
{
    DbResult<QSqlQuery> q = Sql::exec(db, sql, binds);
    if (!q.ok())
        std::fprintf(stderr, "%s\n%s\n", qPrintable(q.error().message()), qPrintable(sql));
    return q.ok();
}

bool fill(Database &db, qint64 reminders, qint64 now)
{
    const qint64 appointments = reminders / 4;
    const qint64 day = 24LL * 3600 * 1000;
    // Appointment i starts 2 days + i * (28 days / N) from now, so its 24 h reminder is at least a day ahead.
    const QString series = db.isSqlite()
            ? QStringLiteral("WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < %1) ").arg(appointments)
            : QString();
    const QString from = db.isSqlite() ? QStringLiteral("FROM s") : QStringLiteral("FROM generate_series(1::bigint, %1) AS s(i)").arg(appointments);
    Transaction transaction(db);
    if (!exec(db, QStringLiteral("INSERT INTO clients (name, created_at, updated_at) VALUES ('Bench', 0, 0)")))
        return false;
    const QString start = QStringLiteral("(%1 + i * %2)").arg(now + 2 * day).arg(28 * day / appointments);
    if (!exec(db, series + QStringLiteral("INSERT INTO appointments (id, client_id, booking_uid, starts_at, ends_at, "
                                          "created_at, updated_at) SELECT i, 1, 'b' || i, %1, %1 + 1800000, 0, 0 ")
                                  .arg(start)
                          + from))
        return false;
    const QList<std::pair<int, QString>> plan { { 1440, QStringLiteral("sms") }, { 1440, QStringLiteral("email") },
                                                { 120, QStringLiteral("sms") }, { 15, QStringLiteral("sms") } };
    for (const auto &[offset, channel] : plan) {
        if (!exec(db, series + QStringLiteral("INSERT INTO reminders (appointment_id, client_id, offset_minutes, channel, "
                                              "due_at, status, appointment_starts_at, created_at, updated_at) "
                                              "SELECT i, 1, %1, '%2', %3 - %1 * 60000, 'scheduled', %3, 0, 0 ")
                                      .arg(offset)
                                      .arg(channel, start)
                              + from))
            return false;
    }
    if (!db.isSqlite() && !exec(db, QStringLiteral("SELECT setval(pg_get_serial_sequence('appointments', 'id'), %1)").arg(appointments)))
        return false;
    if (DbError error = transaction.commit()) {
        std::fprintf(stderr, "%s\n", qPrintable(error.message()));
        return false;
    }
    if (db.isSqlite()) // PostgreSQL's autovacuum analyzes on its own (ANALYZE cannot be prepared there)
        exec(db, QStringLiteral("ANALYZE"));
    return true;
}

struct Timing
{
    double meanUs = 0;
    double p50Us = 0;
    double p99Us = 0;
    double maxUs = 0;
};

template <typename F>
Timing measure(int runs, F &&call)
{
    QList<double> samples;
    QElapsedTimer timer;
    for (int i = 0; i < runs; ++i) {
        timer.start();
        call();
        samples << timer.nsecsElapsed() / 1000.0;
    }
    std::sort(samples.begin(), samples.end());
    Timing t;
    for (double s : samples)
        t.meanUs += s / runs;
    t.p50Us = samples.at(runs / 2);
    t.p99Us = samples.at(std::min(runs - 1, runs * 99 / 100));
    t.maxUs = samples.last();
    return t;
}

void idle(Database &db, const Clock &clock, qint64 safetyMs, int seconds)
{
    Services::ReminderService reminders(db, clock, {});
    Services::Scheduler scheduler(clock, { safetyMs, 30'000 });
    scheduler.addJob({ QStringLiteral("reminders"), [&] { return reminders.nextDueAt(); },
                       [&](qint64) -> DbResult<bool> {
                           const auto pass = reminders.runDue();
                           if (!pass.ok())
                               return pass.error();
                           return pass.value().total() > 0;
                       } });
    int wakes = 0;
    QObject::connect(&scheduler, &Services::Scheduler::passFinished, [&] { ++wakes; });
    const double cpuBefore = cpuSeconds();
    QElapsedTimer wall;
    wall.start();
    scheduler.start();
    QEventLoop loop;
    QTimer::singleShot(seconds * 1000, &loop, &QEventLoop::quit);
    loop.exec();
    scheduler.stop();
    const double cpu = cpuSeconds() - cpuBefore;
    const double elapsed = wall.elapsed() / 1000.0;
    std::printf("idle %d s, safety re-check %lld ms: CPU %.4f s = %.4f %% of one core, passes run %d, next due in %.1f h\n",
                seconds, safetyMs, cpu, 100.0 * cpu / elapsed, wakes,
                (scheduler.nextDueAtMs() - clock.nowMs()) / 3600000.0);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const qint64 count = argc > 1 ? QByteArray(argv[1]).toLongLong() : 1'000'000;
    const int idleSeconds = argc > 2 ? QByteArray(argv[2]).toInt() : 30;
    QTemporaryDir dir;
    const QString urlText = argc > 3 ? QString::fromLocal8Bit(argv[3]) : dir.filePath(QStringLiteral("scheduler.sqlite"));
    QString error;
    const auto url = DatabaseUrl::parse(urlText, &error);
    if (!url) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    Database db(*url);
    if (DbError e = db.migrate()) {
        std::fprintf(stderr, "%s\n", qPrintable(e.message()));
        return 1;
    }
    SystemClock clock;
    QElapsedTimer timer;
    timer.start();
    if (!fill(db, count, clock.nowMs()))
        return 1;
    std::printf("%s: %lld scheduled reminders inserted in %.1f s\n", db.isSqlite() ? "SQLite" : "PostgreSQL",
                count, timer.elapsed() / 1000.0);

    ReminderRepository repository(db, clock, TenantScope::agency());
    qint64 next = 0;
    const Timing pick = measure(2000, [&] { next = repository.nextDueAt().valueOr(-1); });
    std::printf("next due item (nextDueAt, %s): mean %.1f us, p50 %.1f us, p99 %.1f us, max %.1f us; due in %.1f h\n",
                "2000 calls", pick.meanUs, pick.p50Us, pick.p99Us, pick.maxUs, (next - clock.nowMs()) / 3600000.0);
    Services::ReminderService reminders(db, clock, {});
    int handled = -1;
    const Timing pass = measure(500, [&] { handled = reminders.runDue().valueOr({}).total(); });
    std::printf("idle reminder pass (transaction + due query, nothing due): mean %.1f us, p50 %.1f us, p99 %.1f us; handled %d\n",
                pass.meanUs, pass.p50Us, pass.p99Us, handled);
    idle(db, clock, 60'000, idleSeconds);
    idle(db, clock, 1'000, idleSeconds);
    return 0;
}
