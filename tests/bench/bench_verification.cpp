// 100,000 appointments coming due for their show verdict at once (issue 22): the verification
// pass (each appointment: the hierarchy's look-ups, the verdict with its evidence, the audit row,
// a rebook sequence for a no-show), then the milestone pass (milestones, linked shows, invoice
// rows, the first Stripe step in the outbox), timed together as what the user waits for after a
// laptop slept through two days. The fixture is mixed like a real agency's week: leads with
// phones and e-mails over 1,000 clients with uneven volume; a tenth of the leads replied YES to a
// reminder; half had a call over 45 s inside the window; others a call too short (40 s), one too
// early (2 h before), or none; 1 % of the bookings arrived without a lead (half of those matched by
// the attendee's phone); two older short calls per lead as noise in call_logs. Every result is
// checked against counts written independently in SQL from the rules, not from our code.
// Usage: bench_verification [APPOINTMENTS] [CLIENTS] [DATABASE_URL]   (default 100000 1000, a
// SQLite file in a temporary folder; a postgresql:// URL must name an empty database)
#include <models/clock.h>
#include <models/database.h>
#include <models/sqlhelpers.h>
#include <services/billing/milestoneservice.h>
#include <services/verification/verificationservice.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>

#include <ctime>

#include <cstdio>

using namespace Callvia;
using namespace Callvia::Models;

namespace {

const qint64 minute = 60'000;
const qint64 hour = 60 * minute;

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
    if (!q.ok())
        std::fprintf(stderr, "%s\n%s\n", qPrintable(q.error().message()), qPrintable(sql));
    return q.ok() && q.value().next() ? q.value().value(0).toLongLong() : -1;
}

// Appointment i (1..n) belongs to client 1 + (i * 7919) % clients and to lead i; its kind is i % 10:
// 0 -> every tenth of those (i % 100 == 0) has no lead (attendee phone only, or nothing when
//      i % 200 == 0), the rest a lead and no call; 1 -> the lead replied YES; 2..6 -> a call of
// 60..300 s starting 10 min before; 7 -> a 40 s call; 8 -> a 90 s call 2 h before; 9 -> nothing.
bool fill(Database &db, qint64 n, int clients, qint64 now)
{
    const bool lite = db.isSqlite();
    auto series = [&](qint64 count) {
        return lite ? QStringLiteral("WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < %1) ").arg(count)
                    : QString();
    };
    auto from = [&](qint64 count) {
        return lite ? QStringLiteral("FROM s") : QStringLiteral("FROM generate_series(1::bigint, %1) AS s(i)").arg(count);
    };
    const QString client = QStringLiteral("(1 + ((i * 7919) % %1))").arg(clients);
    // Ends spread over the last day before the 48 h mark: all due now, oldest first.
    const QString starts = QStringLiteral("(%1 - 48 * %2 - 30 * %3 - (i * 863) % (24 * %2))").arg(now).arg(hour).arg(minute);
    Transaction transaction(db);
    const QStringList statements {
        series(clients) + QStringLiteral("INSERT INTO clients (id, name, contact_email, stripe_customer_id, time_zone, "
                                         "created_at, updated_at) SELECT i, 'Client ' || i, 'billing' || i || "
                                         "'@client.example', CASE WHEN i % 2 = 0 THEN 'cus_bench' || i END, CASE i % 4 "
                                         "WHEN 0 THEN 'America/New_York' WHEN 1 THEN 'America/Chicago' WHEN 2 THEN "
                                         "'America/Denver' ELSE 'America/Los_Angeles' END, 0, 0 ") + from(clients),
        series(clients) + QStringLiteral("INSERT INTO campaigns (id, client_id, name, status, created_at, updated_at) "
                                         "SELECT i, i, 'Spring ' || i, 'active', 0, 0 ") + from(clients),
        series(n) + QStringLiteral("INSERT INTO leads (id, client_id, campaign_id, first_name, last_name, phone_e164, "
                                   "email, time_zone, status, created_at, updated_at) SELECT i, %1, %1, 'First' || i, "
                                   "'Last' || (i % 977), '+1' || (2012000000 + i * 37), 'lead' || i || '@mail.example', "
                                   "'America/New_York', 'booked', 0, 0 ").arg(client) + from(n),
        series(n) + QStringLiteral("INSERT INTO appointments (id, client_id, lead_id, campaign_id, booking_uid, starts_at, "
                                   "ends_at, attendee_name, attendee_email, attendee_phone, status, lead_confirmed_at, "
                                   "show_check_at, created_at, updated_at) SELECT i, %1, CASE WHEN i % 100 = 0 THEN NULL "
                                   "ELSE i END, %1, 'bk' || i, %2, %2 + 30 * %3, 'First' || i, 'lead' || i || "
                                   "'@mail.example', CASE WHEN i % 200 = 0 THEN NULL ELSE '+1' || (2012000000 + i * 37) END, "
                                   "'scheduled', CASE WHEN i % 10 = 1 THEN %2 - 20 * %4 END, %2 + 30 * %3, 0, 0 ")
                                    .arg(client, starts)
                                    .arg(minute)
                                    .arg(hour)
                          + from(n),
        // The "did they show?" e-mail went out when each ended (queued, unanswered; show_check_at above).
        series(n) + QStringLiteral("INSERT INTO client_confirmations (appointment_id, client_id, status, to_address, "
                                   "expires_at, created_at) SELECT i, %1, 'queued', 'billing' || %1 || '@client.example', "
                                   "%2 + 30 * %3 + 48 * %4, %2 + 30 * %3 ")
                                    .arg(client, starts)
                                    .arg(minute)
                                    .arg(hour)
                          + from(n),
        // The YES replies behind rule 2.
        series(n) + QStringLiteral("INSERT INTO messages (client_id, lead_id, direction, channel, provider, "
                                   "provider_message_id, from_address, to_address, body, status, created_at, updated_at) "
                                   "SELECT %1, i, 'inbound', 'sms', 'messagebird', 'mb-in-' || i, '+1' || (2012000000 + i * 37), "
                                   "'+14155550100', 'YES', 'received', %2 - 20 * %3, %2 - 20 * %3 ")
                                    .arg(client, starts)
                                    .arg(hour)
                          + from(n) + QStringLiteral(" WHERE i % 10 = 1"),
        // The calls that decide (kinds 2..8; the no-lead ones matched by phone only).
        series(n) + QStringLiteral("INSERT INTO call_logs (client_id, lead_id, campaign_id, retell_call_id, direction, "
                                   "from_number, to_number, call_status, started_at, ended_at, duration_ms, created_at, "
                                   "updated_at) SELECT %1, CASE WHEN i % 100 = 0 THEN NULL ELSE i END, %1, 'call_' || i, "
                                   "'outbound', '+14155550100', '+1' || (2012000000 + i * 37), 'ended', "
                                   "CASE WHEN i % 10 = 8 THEN %2 - 2 * %4 ELSE %2 - 10 * %3 END, %2, "
                                   "CASE i % 10 WHEN 7 THEN 40000 WHEN 8 THEN 90000 ELSE 60000 + (i % 5) * 60000 END, %2, %2 ")
                                    .arg(client, starts)
                                    .arg(minute)
                                    .arg(hour)
                          + from(n) + QStringLiteral(" WHERE i % 10 BETWEEN 2 AND 8 OR i % 200 = 100"),
        // Noise: two earlier short calls per lead (voicemail, no answer) a week before.
        series(2 * n) + QStringLiteral("INSERT INTO call_logs (client_id, lead_id, campaign_id, retell_call_id, direction, "
                                       "from_number, to_number, call_status, started_at, ended_at, duration_ms, created_at, "
                                       "updated_at) SELECT 1 + (((i + 1) / 2 * 7919) % %1), (i + 1) / 2, "
                                       "1 + (((i + 1) / 2 * 7919) % %1), 'old_' || i, 'outbound', '+14155550100', "
                                       "'+1' || (2012000000 + (i + 1) / 2 * 37), 'ended', %2 - 7 * 24 * %3 - i * 1000, "
                                       "%2 - 7 * 24 * %3 - i * 1000 + 20000, 20000, 0, 0 ")
                                        .arg(clients)
                                        .arg(now)
                                        .arg(hour)
                              + from(2 * n)
                              + QStringLiteral(" WHERE (i + 1) / 2 % 100 <> 0"),
    };
    for (const QString &sql : statements)
        if (!exec(db, sql))
            return false;
    if (!lite)
        for (const char *table : { "clients", "campaigns", "leads", "appointments" })
            if (!exec(db, QStringLiteral("SELECT setval(pg_get_serial_sequence('%1', 'id'), (SELECT MAX(id) FROM %1))")
                                  .arg(QLatin1String(table))))
                return false;
    if (DbError error = transaction.commit()) {
        std::fprintf(stderr, "%s\n", qPrintable(error.message()));
        return false;
    }
    if (DbError error = Sql::execUnprepared(db, QStringLiteral("ANALYZE"))) {
        std::fprintf(stderr, "%s\n", qPrintable(error.message()));
        return false;
    }
    return true;
}

template<typename Service>
bool drain(Service &service, const Clock &clock, int *passes)
{
    for (;;) {
        ++*passes;
        const DbResult<bool> more = service.runDue(clock.nowMs());
        if (!more.ok()) {
            std::fprintf(stderr, "%s\n", qPrintable(more.error().message()));
            return false;
        }
        if (!more.value())
            return true;
    }
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const qint64 n = argc > 1 ? QByteArray(argv[1]).toLongLong() : 100'000;
    const int clients = argc > 2 ? QByteArray(argv[2]).toInt() : 1000;
    QTemporaryDir dir;
    const QString urlText = argc > 3 ? QString::fromLocal8Bit(argv[3]) : dir.filePath(QStringLiteral("verification.sqlite"));
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
    if (!fill(db, n, clients, clock.nowMs()))
        return 1;
    std::printf("%s: %lld appointments due over %d clients, %lld call logs, inserted in %.1f s\n",
                db.isSqlite() ? "SQLite" : "PostgreSQL", n, clients, value(db, QStringLiteral("SELECT COUNT(*) FROM call_logs")),
                timer.elapsed() / 1000.0);

    // What the rules say, written from the text over the raw tables.
    const QString callWindow = QStringLiteral(
            "EXISTS (SELECT 1 FROM call_logs l WHERE (l.lead_id = a.lead_id OR l.to_number = a.attendee_phone "
            "OR l.from_number = a.attendee_phone) AND l.client_id = a.client_id AND l.duration_ms > 45000 "
            "AND l.started_at BETWEEN a.starts_at - 1800000 AND a.ends_at)");
    const qint64 expectLead = value(db, QStringLiteral("SELECT COUNT(*) FROM appointments WHERE lead_confirmed_at IS NOT NULL"));
    const qint64 expectCall = value(db, QStringLiteral("SELECT COUNT(*) FROM appointments a WHERE lead_confirmed_at IS NULL AND ")
                                                + callWindow);
    const qint64 expectNoShow = n - expectLead - expectCall;
    const qint64 expectMilestones = value(
            db, QStringLiteral("SELECT COALESCE(SUM(k / 25), 0) FROM (SELECT a.client_id, COUNT(*) AS k FROM appointments a "
                               "WHERE a.lead_confirmed_at IS NOT NULL OR ") + callWindow + QStringLiteral(" GROUP BY a.client_id) t"));

    // The service's defaults, or BENCH_GROUP_SIZE / BENCH_BATCH_SIZE to compare settings.
    Services::VerificationService::Options options;
    options.groupSize = qEnvironmentVariableIntValue("BENCH_GROUP_SIZE") > 0 ? qEnvironmentVariableIntValue("BENCH_GROUP_SIZE") : options.groupSize;
    options.batchSize = qEnvironmentVariableIntValue("BENCH_BATCH_SIZE") > 0 ? qEnvironmentVariableIntValue("BENCH_BATCH_SIZE") : options.batchSize;
    Services::VerificationService verification(db, clock, nullptr, options);
    Services::MilestoneService milestones(db, clock);
    int verificationPasses = 0;
    int milestonePasses = 0;
    // Wall time is what the user waits for; CPU time (this process) shows the work when other
    // jobs share the machine.
    timer.restart();
    std::clock_t cpu = std::clock();
    if (!drain(verification, clock, &verificationPasses))
        return 1;
    const double verifySeconds = timer.elapsed() / 1000.0;
    const double verifyCpu = double(std::clock() - cpu) / CLOCKS_PER_SEC;
    timer.restart();
    cpu = std::clock();
    if (!drain(milestones, clock, &milestonePasses))
        return 1;
    const double milestoneSeconds = timer.elapsed() / 1000.0;
    const double milestoneCpu = double(std::clock() - cpu) / CLOCKS_PER_SEC;
    const double total = verifySeconds + milestoneSeconds;

    auto count = [&](const QString &where) { return value(db, QStringLiteral("SELECT COUNT(*) FROM ") + where); };
    const qint64 leadRule = count(QStringLiteral("appointment_verdicts WHERE rule = 'lead_confirmed' AND verdict = 'shown'"));
    const qint64 callRule = count(QStringLiteral("appointment_verdicts WHERE rule = 'call_verified' AND verdict = 'shown'"));
    const qint64 noShows = count(QStringLiteral("appointment_verdicts WHERE rule = 'no_show' AND verdict = 'no_show'"));
    const qint64 verdicts = count(QStringLiteral("appointment_verdicts"));
    const qint64 open = count(QStringLiteral("appointments WHERE status IN ('pending', 'scheduled')"));
    const qint64 audits = count(QStringLiteral("audit_log WHERE action = 'appointment.verdict'"));
    const qint64 rebooks = count(QStringLiteral("rebook_sequences WHERE status = 'active'"));
    const qint64 made = count(QStringLiteral("milestones"));
    const qint64 linked = count(QStringLiteral("appointments WHERE milestone_id IS NOT NULL"));
    const qint64 invoices = count(QStringLiteral("invoices WHERE kind = 'milestone' AND amount_cents = 200000"));
    const qint64 stripeRows = count(QStringLiteral("outbox WHERE kind = 'stripe'"));
    const qint64 expectStripeRows = value(
            db, QStringLiteral("SELECT (SELECT COUNT(*) FROM invoices i JOIN clients c ON c.id = i.client_id WHERE "
                               "c.stripe_customer_id IS NOT NULL) + (SELECT COUNT(DISTINCT i.client_id) FROM invoices i "
                               "JOIN clients c ON c.id = i.client_id WHERE c.stripe_customer_id IS NULL)"));

    std::printf("verification: %lld verdicts in %.2f s, %.2f s CPU (%d passes, groups of %d, %.0f/s); milestones: %lld in "
                "%.2f s, %.2f s CPU (%d passes); total %.2f s\n",
                verdicts, verifySeconds, verifyCpu, verificationPasses, options.groupSize, verdicts / std::max(verifySeconds, 0.001),
                made, milestoneSeconds, milestoneCpu, milestonePasses, total);
    std::printf("check: lead_confirmed %lld (SQL %lld), call_verified %lld (SQL %lld), no_show %lld (SQL %lld), open %lld (0), "
                "audit rows %lld (%lld), rebook sequences %lld (%lld)\n",
                leadRule, expectLead, callRule, expectCall, noShows, expectNoShow, open, audits, n, rebooks, expectNoShow);
    std::printf("check: milestones %lld (SQL %lld), linked shows %lld (%lld), $2,000 invoices %lld (%lld), Stripe outbox rows "
                "%lld (%lld)\n",
                made, expectMilestones, linked, expectMilestones * 25, invoices, expectMilestones, stripeRows, expectStripeRows);
    const bool ok = leadRule == expectLead && callRule == expectCall && noShows == expectNoShow && verdicts == n && open == 0
            && audits == n && rebooks == expectNoShow && made == expectMilestones && linked == expectMilestones * 25
            && invoices == expectMilestones && stripeRows == expectStripeRows;
    std::printf("%s\n", ok ? "counts match" : "COUNTS DIFFER");
    return ok ? 0 : 2;
}
