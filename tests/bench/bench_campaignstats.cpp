// Measures the campaign statistics query (one GROUP BY over the (campaign_id, status) index)
// on a SQLite file with N leads (default 1,000,000) spread over 20 campaigns.
// Usage: bench_campaignstats [LEADS] [FILE]
#include <models/repositories/campaignrepository.h>
#include <models/repositories/clientrepository.h>
#include <models/clock.h>
#include <models/database.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <cstdio>

using namespace Callvia::Models;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const qint64 leads = argc > 1 ? QByteArray(argv[1]).toLongLong() : 1'000'000;
    QTemporaryDir dir;
    const QString path = argc > 2 ? QString::fromLocal8Bit(argv[2]) : dir.filePath(QStringLiteral("stats.sqlite"));
    QString error;
    Database db(*DatabaseUrl::parse(path, &error));
    if (DbError e = db.migrate()) {
        std::fprintf(stderr, "%s\n", qPrintable(e.message()));
        return 1;
    }
    SystemClock clock;
    ClientRecord client;
    client.name = QStringLiteral("Bench");
    const qint64 clientId = ClientRepository(db, clock, TenantScope::agency()).insert(client).value();
    CampaignRepository campaigns(db, clock, TenantScope::agency());
    QList<qint64> campaignIds;
    for (int i = 0; i < 20; ++i) {
        CampaignRecord c;
        c.clientId = clientId;
        c.name = QStringLiteral("Campaign %1").arg(i);
        campaignIds << campaigns.insert(c).value();
    }
    QElapsedTimer timer;
    timer.start();
    {
        Transaction transaction(db);
        QSqlQuery insert(db.connection());
        insert.prepare(QStringLiteral("INSERT INTO leads (client_id, campaign_id, phone_e164, status, created_at, "
                                      "updated_at) VALUES (?, ?, ?, ?, 0, 0)"));
        const char *statuses[] = { "new", "new", "contacted", "callback", "booked", "shown", "no_show", "dnc" };
        for (qint64 i = 0; i < leads; ++i) {
            insert.bindValue(0, clientId);
            insert.bindValue(1, campaignIds.at(int(i % 20)));
            insert.bindValue(2, QStringLiteral("+1415%1").arg(i, 7, 10, QLatin1Char('0')));
            insert.bindValue(3, QString::fromLatin1(statuses[i % 8]));
            insert.exec();
        }
        transaction.commit();
    }
    std::printf("inserted %lld leads in %.1f s\n", leads, timer.elapsed() / 1000.0);
    for (int run = 0; run < 3; ++run) {
        timer.restart();
        const auto all = campaigns.stats(clientId);
        const double allMs = timer.nsecsElapsed() / 1e6;
        timer.restart();
        const auto one = campaigns.statsFor(campaignIds.first());
        const double oneMs = timer.nsecsElapsed() / 1e6;
        std::printf("run %d: stats for all 20 campaigns %.1f ms; one campaign (%lld leads) %.1f ms\n", run + 1, allMs,
                    one.value().leadsTotal, oneMs);
        Q_UNUSED(all)
    }
    return 0;
}
