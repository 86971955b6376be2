// The billing pass over 100,000 shown appointments spread over many clients (issue 22): the
// milestone pass (one transaction per milestone: count, link 25 shows, invoice row, first Stripe
// step in the outbox), then one Stripe-step pass, timed; the results are checked against counts
// computed independently in SQL (floor(shows / 25) per client). Half the clients already have a
// Stripe customer id (their first step is the draft invoice), the others start with the customer.
// Usage: bench_billing [APPOINTMENTS] [CLIENTS] [DATABASE_URL]   (default 100000 1000, a SQLite
// file in a temporary folder; a postgresql:// URL must name an empty database)
#include <models/clock.h>
#include <models/database.h>
#include <models/sqlhelpers.h>
#include <services/billing/milestoneservice.h>
#include <services/billing/stripeinvoiceflow.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>

#include <cstdio>

using namespace Callvia;
using namespace Callvia::Models;

namespace {

bool exec(Database &db, const QString &sql)
{
    DbResult<QSqlQuery> q = Sql::exec(db, sql);
    if (!q.ok())
        std::fprintf(stderr, "%s\n%s\n", qPrintable(q.error().message()), qPrintable(sql));
    return q.ok();
}

qint64 value(Database &db, const QString &sql)
{
    DbResult<QSqlQuery> q = Sql::exec(db, sql);
    return q.ok() && q.value().next() ? q.value().value(0).toLongLong() : -1;
}

// Appointment i belongs to client 1 + (i * 7919) % clients: uneven counts (some clients below 25).
bool fill(Database &db, qint64 appointments, int clients, qint64 now)
{
    const bool lite = db.isSqlite();
    auto series = [&](qint64 n) {
        return lite ? QStringLiteral("WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < %1) ").arg(n)
                    : QString();
    };
    auto from = [&](qint64 n) {
        return lite ? QStringLiteral("FROM s") : QStringLiteral("FROM generate_series(1::bigint, %1) AS s(i)").arg(n);
    };
    Transaction transaction(db);
    if (!exec(db, series(clients)
                          + QStringLiteral("INSERT INTO clients (id, name, contact_email, stripe_customer_id, created_at, "
                                           "updated_at) SELECT i, 'Client ' || i, 'billing' || i || '@client.example', "
                                           "CASE WHEN i % 2 = 0 THEN 'cus_bench' || i END, 0, 0 ")
                          + from(clients)))
        return false;
    // Shows spread unevenly: client k gets about 2 * appointments / clients * (k / clients).
    if (!exec(db, series(appointments)
                          + QStringLiteral("INSERT INTO appointments (id, client_id, booking_uid, starts_at, ends_at, status, "
                                           "verification, created_at, updated_at) SELECT i, 1 + ((i * 7919) %% %1), "
                                           "'b' || i, %2 - i * 1000, %2 - i * 1000 + 1800000, 'shown', 'call_verified', 0, 0 ")
                                    .arg(clients)
                                    .arg(now - 86'400'000)
                                    .replace(QStringLiteral("%%"), QStringLiteral("%"))
                          + from(appointments)))
        return false;
    if (!lite && !exec(db, QStringLiteral("SELECT setval(pg_get_serial_sequence('appointments', 'id'), %1)").arg(appointments)))
        return false;
    if (!lite && !exec(db, QStringLiteral("SELECT setval(pg_get_serial_sequence('clients', 'id'), %1)").arg(clients)))
        return false;
    if (DbError error = transaction.commit()) {
        std::fprintf(stderr, "%s\n", qPrintable(error.message()));
        return false;
    }
    if (DbError error = Sql::execUnprepared(db, QStringLiteral("ANALYZE"))) { // statistics as a live database has
        std::fprintf(stderr, "%s\n", qPrintable(error.message()));
        return false;
    }
    return true;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const qint64 appointments = argc > 1 ? QByteArray(argv[1]).toLongLong() : 100'000;
    const int clients = argc > 2 ? QByteArray(argv[2]).toInt() : 1000;
    QTemporaryDir dir;
    const QString urlText = argc > 3 ? QString::fromLocal8Bit(argv[3]) : dir.filePath(QStringLiteral("billing.sqlite"));
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
    if (!fill(db, appointments, clients, clock.nowMs()))
        return 1;
    std::printf("%s: %lld shown appointments over %d clients inserted in %.1f s\n",
                db.isSqlite() ? "SQLite" : "PostgreSQL", appointments, clients, timer.elapsed() / 1000.0);
    const qint64 expected = value(db, QStringLiteral("SELECT COALESCE(SUM(n / 25), 0) FROM (SELECT client_id, COUNT(*) AS n "
                                                     "FROM appointments WHERE status = 'shown' GROUP BY client_id) t"));

    Services::MilestoneService milestones(db, clock);
    timer.restart();
    int passes = 0;
    for (;;) {
        ++passes;
        const DbResult<bool> more = milestones.runDue(clock.nowMs());
        if (!more.ok()) {
            std::fprintf(stderr, "%s\n", qPrintable(more.error().message()));
            return 1;
        }
        if (!more.value())
            break;
    }
    const double milestoneSeconds = timer.elapsed() / 1000.0;
    Services::StripeInvoiceFlow flow(db, clock);
    timer.restart();
    const qint64 nextDue = flow.nextDueAt().valueOr(-1);
    const double idleFlowMs = timer.nsecsElapsed() / 1e6;

    const qint64 made = value(db, QStringLiteral("SELECT COUNT(*) FROM milestones"));
    const qint64 linked = value(db, QStringLiteral("SELECT COUNT(*) FROM appointments WHERE milestone_id IS NOT NULL"));
    const qint64 invoices = value(db, QStringLiteral("SELECT COUNT(*) FROM invoices WHERE kind = 'milestone' AND stripe_step "
                                                     "IN ('customer', 'invoice')"));
    const qint64 outbox = value(db, QStringLiteral("SELECT COUNT(*) FROM outbox WHERE kind = 'stripe'"));
    const qint64 expectedOutbox = value(db, QStringLiteral("SELECT (SELECT COUNT(*) FROM invoices i JOIN clients c ON c.id = "
                                                           "i.client_id WHERE c.stripe_customer_id LIKE 'cus_bench%') + "
                                                           "(SELECT COUNT(DISTINCT client_id) FROM invoices i JOIN clients c "
                                                           "ON c.id = i.client_id WHERE c.stripe_customer_id IS NULL)"));
    std::printf("milestone pass: %lld milestones in %.2f s (%d runDue calls, %.0f milestones/s); Stripe-step look-up "
                "with nothing answered: %.1f ms (next due %lld)\n",
                made, milestoneSeconds, passes, made / std::max(milestoneSeconds, 0.001), idleFlowMs, nextDue);
    std::printf("check: milestones %lld (SQL floor(shows/25) per client: %lld), linked shows %lld (%lld), invoices queued "
                "%lld, Stripe outbox rows %lld (%lld)\n",
                made, expected, linked, expected * 25, invoices, outbox, expectedOutbox);
    const bool ok = made == expected && linked == expected * 25 && invoices == expected && outbox == expectedOutbox;
    std::printf("%s\n", ok ? "counts match" : "COUNTS DIFFER");
    return ok ? 0 : 2;
}
