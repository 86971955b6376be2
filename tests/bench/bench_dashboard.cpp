// bench_dashboard [leads=1000000] [calls=1000000] [postgresql://... | file.sqlite]: the dashboard's
// reads (DashboardRepository: the period's figures, the previous period's, and the per-day
// timeline, as DashboardView reads them on its reader thread) over a generated database: 40
// clients of very different sizes, leads and calls spread over a year and seven US time zones, a
// messy mix of statuses, call durations and voicemails, appointments and invoices. Times "last
// 30 days" and "this year" for all clients and for one client, each checked against
// independent SQL counts. Figures go to BENCHMARKS.md.
#include <models/clock.h>
#include <models/database.h>
#include <models/repositories/dashboardrepository.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <cstdio>

using namespace Callvia;

namespace {

void exec(QSqlQuery &q, const QString &sql)
{
    if (!q.exec(sql))
        std::printf("SQL failed: %s: %s\n", qPrintable(sql), qPrintable(q.lastError().text()));
}

qint64 scalar(Models::Database &db, const QString &sql)
{
    QSqlQuery q(db.connection());
    exec(q, sql);
    return q.next() ? q.value(0).toLongLong() : -1;
}

constexpr qint64 Day = 86'400'000;

void fill(Models::Database &db, qint64 leads, qint64 calls, qint64 now)
{
    QSqlQuery q(db.connection());
    db.connection().transaction();
    for (int c = 1; c <= 40; ++c) {
        exec(q, QStringLiteral("INSERT INTO clients (id, name, created_at, updated_at) VALUES (%1, 'Client %1', %2, %2)").arg(c).arg(now));
        exec(q, QStringLiteral("INSERT INTO campaigns (id, client_id, name, created_at, updated_at) VALUES (%1, %1, 'Main', %2, %2)")
                        .arg(c).arg(now));
    }
    QRandomGenerator rng(23);
    // Client sizes: a few large agencies' clients, many small ones (client = 1 + floor(39 * u^2)).
    auto clientOf = [&rng] { const double u = rng.generateDouble(); return 1 + int(39 * u * u); };
    const char *statuses[] = { "new", "new", "new", "new", "contacted", "contacted", "contacted", "callback",
                               "booked", "shown", "no_show", "not_interested", "not_interested", "dnc" };
    const char *zones[] = { "America/New_York", "America/Chicago", "America/Denver", "America/Phoenix",
                            "America/Los_Angeles", "America/Anchorage", "Pacific/Honolulu" };
    QSqlQuery insert(db.connection());
    insert.prepare(QStringLiteral("INSERT INTO leads (client_id, campaign_id, first_name, phone_e164, status, time_zone, "
                                  "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
    for (qint64 i = 0; i < leads; ++i) {
        const int client = clientOf();
        const qint64 at = now - qint64(rng.bounded(365 * 24)) * 3'600'000 - rng.bounded(3'600'000);
        for (const QVariant &v : { QVariant(client), QVariant(client), QVariant(QStringLiteral("Lead%1").arg(i)),
                                   QVariant(QStringLiteral("+1%1").arg(2'000'000'000 + i)),
                                   QVariant(QString::fromLatin1(statuses[rng.bounded(14)])),
                                   QVariant(QString::fromLatin1(zones[rng.bounded(7)])), QVariant(at), QVariant(at) })
            insert.addBindValue(v);
        if (!insert.exec())
            std::printf("lead insert failed: %s\n", qPrintable(insert.lastError().text()));
    }
    insert.prepare(QStringLiteral("INSERT INTO call_logs (client_id, campaign_id, retell_call_id, started_at, ended_at, "
                                  "duration_ms, in_voicemail, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    for (qint64 i = 0; i < calls; ++i) {
        const int client = clientOf();
        const qint64 at = now - qint64(rng.bounded(365 * 24)) * 3'600'000 - rng.bounded(3'600'000);
        const qint64 duration = rng.bounded(4) == 0 ? rng.bounded(9'000) : rng.bounded(600'000); // many short ones
        const QVariant voicemail = rng.bounded(10) == 0 ? QVariant(QMetaType::fromType<int>()) : QVariant(rng.bounded(5) == 0 ? 1 : 0);
        for (const QVariant &v : { QVariant(client), QVariant(client), QVariant(QStringLiteral("call_%1").arg(i)), QVariant(at),
                                   QVariant(at + duration), QVariant(duration), voicemail, QVariant(at), QVariant(at) })
            insert.addBindValue(v);
        if (!insert.exec())
            std::printf("call insert failed: %s\n", qPrintable(insert.lastError().text()));
    }
    const char *appointmentStatuses[] = { "scheduled", "scheduled", "shown", "shown", "no_show", "cancelled", "pending" };
    insert.prepare(QStringLiteral("INSERT INTO appointments (client_id, campaign_id, booking_uid, starts_at, ends_at, "
                                  "status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
    for (qint64 i = 0; i < calls / 15; ++i) {
        const int client = clientOf();
        const qint64 created = now - qint64(rng.bounded(365 * 24)) * 3'600'000;
        const qint64 starts = created + qint64(rng.bounded(14 * 24)) * 3'600'000;
        for (const QVariant &v : { QVariant(client), QVariant(client), QVariant(QStringLiteral("uid-%1").arg(i)),
                                   QVariant(starts), QVariant(starts + 1'800'000),
                                   QVariant(QString::fromLatin1(appointmentStatuses[rng.bounded(7)])), QVariant(created),
                                   QVariant(created) })
            insert.addBindValue(v);
        if (!insert.exec())
            std::printf("appointment insert failed: %s\n", qPrintable(insert.lastError().text()));
    }
    const char *invoiceStatuses[] = { "paid", "paid", "open", "void", "draft" };
    for (int i = 0; i < 2000; ++i) {
        const qint64 created = now - qint64(rng.bounded(365)) * Day;
        const QString status = QString::fromLatin1(invoiceStatuses[rng.bounded(5)]);
        exec(q, QStringLiteral("INSERT INTO invoices (client_id, kind, status, amount_cents, currency, created_at, updated_at, "
                               "paid_at) VALUES (%1, 'usage', '%2', %3, '%4', %5, %5, %6)")
                        .arg(clientOf())
                        .arg(status)
                        .arg(rng.bounded(500'000))
                        .arg(i % 9 == 0 ? QStringLiteral("eur") : QStringLiteral("usd"))
                        .arg(created)
                        .arg(status == QLatin1String("paid") ? QString::number(created + qint64(rng.bounded(20)) * Day)
                                                             : QStringLiteral("NULL")));
    }
    db.connection().commit();
    // PostgreSQL: the steady state of a server, where autovacuum has visited the tables (since 13
    // it also runs after inserts): VACUUM sets the visibility map, without which the covering
    // indexes of migration 022 are not read index-only. CALLVIA_BENCH_NO_VACUUM=1 measures the
    // state right after a bulk load instead.
    if (db.isSqlite())
        exec(q, QStringLiteral("ANALYZE"));
    else if (qEnvironmentVariableIntValue("CALLVIA_BENCH_NO_VACUUM") == 1)
        exec(q, QStringLiteral("ANALYZE leads, call_logs, appointments, invoices"));
    else
        exec(q, QStringLiteral("VACUUM (ANALYZE) leads, call_logs, appointments, invoices"));
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const qint64 leads = argc > 1 ? QByteArray(argv[1]).toLongLong() : 1'000'000;
    const qint64 calls = argc > 2 ? QByteArray(argv[2]).toLongLong() : 1'000'000;
    QTemporaryDir dir;
    const QString url = argc > 3 ? QString::fromLocal8Bit(argv[3]) : dir.filePath(QStringLiteral("dashboard.sqlite"));
    QString error;
    const auto parsed = Models::DatabaseUrl::parse(url, &error);
    if (!parsed) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    const qint64 now = 1'796'000'000'000; // 2026-11-30
    Models::TestClock clock(now);
    QElapsedTimer timer;
    timer.start();
    {
        Models::Database db(*parsed);
        if (const Models::DbError e = db.migrate()) {
            std::fprintf(stderr, "%s\n", qPrintable(e.message()));
            return 1;
        }
        fill(db, leads, calls, now);
    }
    std::printf("filled %lld leads, %lld calls in %.1f s\n", leads, calls, double(timer.elapsed()) / 1000.0);

    Models::Database db(*parsed); // reopened: SQLite's page cache empty
    if (const Models::DbError e = db.open(); e)
        return 1;
    const Models::DashboardRepository repository(db, clock, Models::TenantScope::agency());
    bool ok = true;
    auto check = [&ok](const char *what, qint64 got, qint64 expected) {
        if (got != expected) {
            std::printf("  CHECK FAILED %s: %lld, expected %lld\n", what, got, expected);
            ok = false;
        }
    };
    struct Case
    {
        const char *label;
        qint64 days;
        qint64 clientId;
    };
    for (const Case &c : { Case { "last 30 days, all clients", 30, 0 }, Case { "last 30 days, client 1 (largest)", 30, 1 },
                           Case { "last 30 days, client 30 (small)", 30, 30 }, Case { "365 days, all clients", 365, 0 } }) {
        const qint64 to = now, from = now - c.days * Day;
        timer.restart();
        const auto current = repository.figures(from, to, c.clientId);
        const auto previous = repository.figures(from - (to - from), from, c.clientId);
        const auto timeline = repository.timeline(from, to, c.clientId);
        const double ms = double(timer.nsecsElapsed()) / 1e6;
        if (!current.ok() || !previous.ok() || !timeline.ok()) {
            std::printf("%s: read failed\n", c.label);
            return 2;
        }
        const Models::DashboardFigures &f = current.value();
        std::printf("%-34s %.1f ms (KPIs of two periods + both charts): leads %lld, calls %lld (connected %lld), "
                    "booked %lld, shown %lld / no-show %lld, funnel %lld/%lld/%lld/%lld\n",
                    c.label, ms, f.leadsAdded, f.callsPlaced, f.callsConnected, f.appointmentsBooked, f.shown, f.noShow,
                    f.funnelNew, f.funnelContacted, f.funnelBooked, f.funnelShown);
        const QString client = c.clientId ? QStringLiteral(" AND client_id = %1").arg(c.clientId) : QString();
        const QString range = QStringLiteral(" BETWEEN %1 AND %2").arg(from).arg(to - 1);
        check("leads added", f.leadsAdded, scalar(db, QStringLiteral("SELECT COUNT(*) FROM leads WHERE created_at") + range + client));
        check("funnel contacted", f.funnelContacted,
              f.leadsAdded - scalar(db, QStringLiteral("SELECT COUNT(*) FROM leads WHERE status = 'new' AND created_at") + range + client));
        check("funnel booked", f.funnelBooked,
              scalar(db, QStringLiteral("SELECT COUNT(*) FROM leads WHERE status IN ('booked', 'shown', 'no_show') AND created_at") + range + client));
        check("calls placed", f.callsPlaced, scalar(db, QStringLiteral("SELECT COUNT(*) FROM call_logs WHERE started_at") + range + client));
        check("calls connected", f.callsConnected,
              scalar(db, QStringLiteral("SELECT COUNT(*) FROM call_logs WHERE (in_voicemail = 0 OR in_voicemail IS NULL) "
                                        "AND duration_ms >= 10000 AND started_at") + range + client));
        check("booked", f.appointmentsBooked, scalar(db, QStringLiteral("SELECT COUNT(*) FROM appointments WHERE created_at") + range + client));
        check("shown", f.shown, scalar(db, QStringLiteral("SELECT COUNT(*) FROM appointments WHERE status = 'shown' AND starts_at") + range + client));
        qint64 chartCalls = 0, chartBooked = 0;
        for (const auto &bucket : timeline.value().calls)
            chartCalls += bucket.second;
        for (const auto &bucket : timeline.value().appointments)
            chartBooked += bucket.second;
        check("chart calls", chartCalls, f.callsPlaced);
        check("chart bookings", chartBooked, f.appointmentsBooked);
        check("previous leads", previous.value().leadsAdded,
              scalar(db, QStringLiteral("SELECT COUNT(*) FROM leads WHERE created_at BETWEEN %1 AND %2").arg(from - (to - from)).arg(from - 1) + client));
    }
    if (db.isSqlite()) {
        QSqlQuery q(db.connection());
        for (const char *sql : { "SELECT COUNT(*), SUM(CASE WHEN status <> 'new' THEN 1 ELSE 0 END) FROM leads WHERE created_at >= 1 AND created_at < 2",
                                 "SELECT COUNT(*), SUM(CASE WHEN COALESCE(in_voicemail, 0) = 0 AND COALESCE(duration_ms, 0) >= 1 THEN 1 ELSE 0 END) FROM call_logs WHERE started_at >= 1 AND started_at < 2",
                                 "SELECT started_at / 900000, COUNT(*) FROM call_logs WHERE started_at >= 1 AND started_at < 2 GROUP BY started_at / 900000 ORDER BY 1",
                                 "SELECT COUNT(*) FROM leads WHERE created_at >= 1 AND created_at < 2 AND client_id = 1" }) {
            exec(q, QStringLiteral("EXPLAIN QUERY PLAN ") + QString::fromLatin1(sql));
            std::printf("plan of %.60s…\n", sql);
            while (q.next())
                std::printf("    %s\n", qPrintable(q.value(3).toString()));
        }
    }
    std::printf(ok ? "all checks passed\n" : "SOME CHECKS FAILED\n");
    return ok ? 0 : 2;
}
