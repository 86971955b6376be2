// Kills the real `callvia --headless` with SIGKILL while signed events stream in, restarts it
// on the same SQLite file and checks that every event answered 2xx is in `events`.
#include "listenerprocess.h"
#include "webhookload.h"

#include <QDateTime>
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

QSet<QByteArray> storedIds(const QString &path, int *pending)
{
    QSet<QByteArray> ids;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("check"));
        db.setDatabaseName(path);
        if (db.open()) {
            // Without provider handlers (this branch) the binary keys events by body hash, so the
            // Stripe id is read from the stored raw body.
            QSqlQuery query(QStringLiteral("SELECT raw_body, status FROM events"), db);
            while (query.next()) {
                const QJsonObject event = QJsonDocument::fromJson(query.value(0).toByteArray()).object();
                ids.insert(event.value(QLatin1String("id")).toString().toUtf8());
                *pending += query.value(1).toString() == QLatin1String("pending") ? 1 : 0;
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
