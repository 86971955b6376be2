// Kills the real `callvia --headless` with SIGKILL while signed events stream in, restarts it
// on the same SQLite file and checks that every event answered 2xx is in `events`.
#include "listenerprocess.h"
#include "webhookload.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

using namespace Callvia;

namespace {

const QByteArray Secret = "whsec_crash_test";

// Ids of the stored events (read from the raw body). `pending` counts events not yet applied;
// `notOnce` counts processed events whose attempts are not exactly 1: markProcessed adds one
// attempt in the same transaction as apply(), and a transaction cut by the kill leaves no trace,
// so attempts == 1 means the event was applied in exactly one committed transaction.
QSet<QByteArray> storedIds(const QString &path, int *pending, int *notOnce = nullptr)
{
    QSet<QByteArray> ids;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("check"));
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery query(QStringLiteral("SELECT raw_body, status, attempts FROM events"), db);
            while (query.next()) {
                const QJsonObject event = QJsonDocument::fromJson(query.value(0).toByteArray()).object();
                ids.insert(event.value(QLatin1String("id")).toString().toUtf8());
                const QString status = query.value(1).toString();
                *pending += status == QLatin1String("pending") ? 1 : 0;
                if (notOnce && status == QLatin1String("processed") && query.value(2).toInt() != 1)
                    ++*notOnce;
            }
        }
    }
    QSqlDatabase::removeDatabase(QStringLiteral("check"));
    return ids;
}

} // namespace

class tst_ListenerCrash : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void acknowledgedEventsSurviveSigkill();
};

void tst_ListenerCrash::acknowledgedEventsSurviveSigkill()
{
    QTemporaryDir dir;
    const QString database = dir.filePath(QStringLiteral("crash.sqlite"));
    QProcess first;
    const quint16 port = Tests::startHeadlessListener(&first, database, Secret);
    QVERIFY(port);

    const qint64 now = QDateTime::currentSecsSinceEpoch();
    Tests::LoadDriver driver(port, 20, 100000, [now](int index, QByteArray *id) {
        *id = "evt_crash_" + QByteArray::number(index);
        return Tests::signedStripeRequest(*id, Secret, now, 600);
    });
    bool killed = false;
    connect(&driver, &Tests::LoadDriver::progressed, this, [&](int acked) {
        if (!killed && acked >= 1500) {
            killed = true;
            first.kill(); // SIGKILL: no shutdown code runs
        }
    });
    QSignalSpy finished(&driver, &Tests::LoadDriver::finished);
    driver.start();
    QVERIFY(finished.wait(60000));
    QVERIFY(killed);
    first.waitForFinished();
    QVERIFY(driver.acked.size() >= 1500);
    QVERIFY2(driver.failures > 0, "the kill should have cut requests in flight");

    QProcess second;
    const quint16 port2 = Tests::startHeadlessListener(&second, database, Secret);
    QVERIFY(port2);
    int pending = 0;
    const QSet<QByteArray> stored = storedIds(database, &pending);
    int missing = 0;
    for (const QByteArray &id : std::as_const(driver.acked))
        missing += stored.contains(id) ? 0 : 1;
    qInfo("acknowledged %lld, stored %lld, missing %d, pending %d", qlonglong(driver.acked.size()),
          qlonglong(stored.size()), missing, pending);
    QCOMPARE(missing, 0);
    // The restarted process applies what the killed one left pending, each event exactly once.
    QElapsedTimer drain;
    drain.start();
    int notOnce = 0;
    do {
        QTest::qWait(100);
        pending = 0;
        notOnce = 0;
        storedIds(database, &pending, &notOnce);
    } while (pending > 0 && drain.elapsed() < 60000);
    qInfo("after restart: pending %d after %lld ms, processed not exactly once %d", pending, drain.elapsed(), notOnce);
    QCOMPARE(pending, 0);
    QCOMPARE(notOnce, 0);
    // The restarted process still serves and deduplicates.
    const Tests::HttpReply again = Tests::request(port2, Tests::signedStripeRequest(driver.acked.first(), Secret, now, 600));
    QCOMPARE(again.status, 200);
    QVERIFY(again.body.contains("duplicate"));
    second.terminate();
    QVERIFY(second.waitForFinished(10000));
    QCOMPARE(second.exitStatus(), QProcess::NormalExit);
}

QTEST_GUILESS_MAIN(tst_ListenerCrash)
#include "tst_listenercrash.moc"
