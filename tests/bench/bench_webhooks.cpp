// Webhook intake throughput: starts the real `callvia --headless` on a fresh SQLite file and
// drives it with signed Stripe-style ~1.5 KB events over 50 keep-alive connections (a Qt
// client in this process). Reports stored events/s and p50/p99 latency.
//   bench_webhooks [requests=20000] [connections=50]
#include "../e2e/listenerprocess.h"
#include "../e2e/webhookload.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>

using namespace Callvia;

namespace {

const QByteArray Secret = "whsec_bench";

qint64 countRows(const QString &path)
{
    qint64 rows = -1;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("bench"));
        db.setDatabaseName(path);
        QSqlQuery query(db);
        if (db.open() && query.exec(QStringLiteral("SELECT COUNT(*) FROM events")) && query.next())
            rows = query.value(0).toLongLong();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("bench"));
    return rows;
}

double percentileMs(QList<qint64> values, double p)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    return double(values.at(qMin(values.size() - 1, qsizetype(p * double(values.size()))))) / 1e6;
}

// Runs one load and returns the driver's results (acked ids, latencies, elapsed).
std::unique_ptr<Tests::LoadDriver> run(quint16 port, int connections, int total, const QByteArray &prefix)
{
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    auto driver = std::make_unique<Tests::LoadDriver>(port, connections, total, [now, prefix](int i, QByteArray *id) {
        *id = prefix + QByteArray::number(i);
        return Tests::signedStripeRequest(*id, Secret, now, 1500);
    });
    QEventLoop loop;
    QObject::connect(driver.get(), &Tests::LoadDriver::finished, &loop, &QEventLoop::quit);
    driver->start();
    loop.exec();
    return driver;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const int total = args.value(1, QStringLiteral("20000")).toInt();
    const int connections = args.value(2, QStringLiteral("50")).toInt();
    QTemporaryDir dir;
    const QString database = dir.filePath(QStringLiteral("bench.sqlite"));
    QProcess listener;
    const quint16 port = Tests::startHeadlessListener(&listener, database, Secret);
    if (!port)
        return 1;
    run(port, connections, 1000, "evt_warm_"); // warm-up (connections, page cache, WAL)
    const qint64 before = countRows(database);
    const auto driver = run(port, connections, total, "evt_bench_");
    const qint64 stored = countRows(database) - before;
    const double seconds = double(driver->elapsedMs()) / 1000.0;
    std::printf("webhook intake, SQLite (WAL, synchronous=FULL), %d connections, %d signed ~1.5 KB Stripe events\n",
                connections, total);
    std::printf("  answered 200: %lld, other: %d, connection failures: %d, stored rows: %lld\n",
                qlonglong(driver->acked.size()), driver->other, driver->failures, qlonglong(stored));
    std::printf("  %.0f stored events/s over %.2f s; latency p50 %.2f ms, p99 %.2f ms, max %.2f ms\n",
                double(stored) / seconds, seconds, percentileMs(driver->latenciesNs, 0.50),
                percentileMs(driver->latenciesNs, 0.99), percentileMs(driver->latenciesNs, 1.0));
    listener.terminate();
    listener.waitForFinished(10000);
    return stored == total ? 0 : 2;
}
