// Webhook intake of a team (issue 26): two real `callvia --headless` instances on one PostgreSQL
// against one instance on the same server, in the same run. Each configuration gets a fresh
// database on the server named by CALLVIA_TEST_PG_URL, a warm-up, then `requests` signed ~1.5 KB
// Stripe-style events over `connections` keep-alive connections in total (split evenly over the
// instances, all started at once). Reports stored events/s, p50/p99 latency and the ratio
// two/one; checks every event was stored exactly once (exit 2 otherwise).
//   CALLVIA_TEST_PG_URL=postgresql://… bench_team [requests=20000] [connections=50] [rounds=1]
#include "../e2e/listenerprocess.h"
#include "../e2e/webhookload.h"

#include <common/testdatabase.h>
#include <models/sqlhelpers.h>

#include <QCoreApplication>
#include <QDateTime>
#include <QProcess>
#include <QSqlQuery>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <vector>

using namespace Callvia;

namespace {

const QByteArray Secret = "whsec_bench_team";

double percentileMs(QList<qint64> values, double p)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    return double(values.at(qMin(values.size() - 1, qsizetype(p * double(values.size()))))) / 1e6;
}

struct Result
{
    qint64 answered = 0;
    int other = 0;
    int failures = 0;
    qint64 stored = 0;
    qint64 distinct = 0;
    double seconds = 0;
    QList<qint64> latenciesNs;
    QMap<int, int> otherStatuses;
    double perSecond() const { return seconds > 0 ? double(stored) / seconds : 0; }
};

// `total` events over `connections` split across the ports, all drivers started together; the
// time is until the last driver finished.
Result drive(const QList<quint16> &ports, int connections, int total, const QByteArray &prefix)
{
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    std::vector<std::unique_ptr<Tests::LoadDriver>> drivers;
    for (int i = 0; i < ports.size(); ++i) {
        const QByteArray instancePrefix = prefix + QByteArray::number(i) + '_';
        const int share = total / int(ports.size()) + (i < total % int(ports.size()) ? 1 : 0);
        const int shareConnections = connections / int(ports.size()) + (i < connections % int(ports.size()) ? 1 : 0);
        drivers.push_back(std::make_unique<Tests::LoadDriver>(
                ports.at(i), shareConnections, share, [now, instancePrefix](int n, QByteArray *id) {
                    *id = instancePrefix + QByteArray::number(n);
                    // Each event its own invoice (ordering key), as in a real stream.
                    return Tests::signedStripeRequest(*id, Secret, now, 1500, "in_" + *id);
                }));
    }
    QEventLoop loop;
    int running = int(drivers.size());
    for (const auto &driver : drivers)
        QObject::connect(driver.get(), &Tests::LoadDriver::finished, &loop, [&] {
            if (--running == 0)
                loop.quit();
        });
    QElapsedTimer timer;
    timer.start();
    for (const auto &driver : drivers)
        driver->start();
    loop.exec();
    Result result;
    result.seconds = double(timer.nsecsElapsed()) / 1e9;
    for (const auto &driver : drivers) {
        result.answered += driver->acked.size();
        result.other += driver->other;
        result.failures += driver->failures;
        result.latenciesNs += driver->latenciesNs;
        for (auto it = driver->otherStatuses.cbegin(); it != driver->otherStatuses.cend(); ++it)
            result.otherStatuses[it.key()] += it.value();
    }
    return result;
}

// One configuration: `instances` processes on a fresh database, a warm-up, the measured run.
bool measure(int instances, int connections, int total, Result *out)
{
    QString skip, error;
    auto holder = Tests::TestDatabase::create(QStringLiteral("postgresql"), &skip, &error);
    if (!holder) {
        std::fprintf(stderr, "bench_team: %s\n", qPrintable(skip.isEmpty() ? error : skip));
        return false;
    }
    std::vector<std::unique_ptr<QProcess>> processes;
    QList<quint16> ports;
    for (int i = 0; i < instances; ++i) {
        processes.push_back(std::make_unique<QProcess>());
        // All load comes from one loopback address: the per-address budget of verified requests
        // (meant for a provider's many senders) is off, as the unverified one already is.
        QProcessEnvironment env;
        env.insert(QStringLiteral("CALLVIA_LISTENER_VERIFIED_RATE_LIMIT"), QStringLiteral("0"));
        const quint16 port = Tests::startHeadlessListener(processes.back().get(), holder->url(), Secret, env, 30000);
        if (!port)
            return false;
        ports << port;
    }
    drive(ports, connections, 1000, "evt_warm_"); // connections, caches, prepared statements
    *out = drive(ports, connections, total, "evt_bench_");
    Models::DbResult<QSqlQuery> q = Models::Sql::exec(
            holder->database(),
            QStringLiteral("SELECT count(*), count(DISTINCT provider_event_id) FROM events WHERE provider_event_id LIKE 'evt_bench_%'"));
    if (q.ok() && q.value().next()) {
        out->stored = q.value().value(0).toLongLong();
        out->distinct = q.value().value(1).toLongLong();
    }
    for (const auto &process : processes) {
        process->terminate();
        process->waitForFinished(30000);
    }
    return true;
}

void print(const char *label, const Result &r)
{
    std::printf("  %-30s %7.0f stored/s over %6.2f s; p50 %7.2f ms, p99 %7.2f ms, max %7.2f ms; "
                "answered 200 %lld, other %d, cut %d, stored %lld (%lld distinct)\n",
                label, r.perSecond(), r.seconds, percentileMs(r.latenciesNs, 0.50), percentileMs(r.latenciesNs, 0.99),
                percentileMs(r.latenciesNs, 1.0), r.answered, r.other, r.failures, r.stored, r.distinct);
    for (auto it = r.otherStatuses.cbegin(); it != r.otherStatuses.cend(); ++it)
        std::printf("    answered %d: %d\n", it.key(), it.value());
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const int total = args.value(1, QStringLiteral("20000")).toInt();
    const int connections = args.value(2, QStringLiteral("50")).toInt();
    const int rounds = qMax(1, args.value(3, QStringLiteral("1")).toInt());
    std::printf("webhook intake on one PostgreSQL, %d connections in total, %d signed ~1.5 KB Stripe events per "
                "configuration\n",
                connections, total);
    bool allStored = true;
    for (int round = 1; round <= rounds; ++round) {
        Result one, two;
        if (!measure(1, connections, total, &one) || !measure(2, connections, total, &two))
            return 1;
        std::printf("round %d\n", round);
        print("one instance", one);
        print("two instances (half each)", two);
        std::printf("  ratio two/one: %.2fx events/s, p99 %.2fx\n", one.perSecond() > 0 ? two.perSecond() / one.perSecond() : 0,
                    percentileMs(one.latenciesNs, 0.99) > 0
                            ? percentileMs(two.latenciesNs, 0.99) / percentileMs(one.latenciesNs, 0.99)
                            : 0);
        std::fflush(stdout);
        for (const Result *r : { &one, &two })
            allStored = allStored && r->stored == total && r->distinct == total && r->answered == total;
    }
    if (!allStored)
        std::printf("NOT every event was answered 200 and stored exactly once\n");
    return allStored ? 0 : 2;
}
