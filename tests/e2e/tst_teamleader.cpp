// Issue 26, "Done when": two real `callvia --headless` instances on one PostgreSQL. Only the
// elected leader runs the scheduled services; SIGKILL of the leader moves leadership to the other
// within 10 s, and each scheduled reminder (due one after the other across the kill) is queued
// exactly once: none twice, none skipped. QSKIPs without CALLVIA_TEST_PG_URL.
#include "listenerprocess.h"

#include "../services/verification/verificationharness.h"

#include <common/testdatabase.h>
#include <models/clock.h>
#include <models/leaderlock.h>

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QtTest>

using namespace Callvia;

class tst_TeamLeader : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void leaderRunsScheduledWorkAndHandsOverOnSigkill();
    void secondInstanceOnOneSqliteFileIsRefused();
};

namespace {

constexpr int Reminders = 12;
constexpr qint64 SpacingMs = 1500;

// Reads what the process wrote so far into *log; true when `needle` is in it.
bool readUntil(QProcess &process, QByteArray *log, const QByteArray &needle, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    do {
        *log += process.readAll();
        if (log->contains(needle))
            return true;
        process.waitForReadyRead(100);
    } while (timer.elapsed() < timeoutMs && process.state() == QProcess::Running);
    *log += process.readAll();
    return log->contains(needle);
}

qint64 count(Models::Database &db, const QString &sql)
{
    return Tests::scalar(db, sql);
}

} // namespace

void tst_TeamLeader::leaderRunsScheduledWorkAndHandsOverOnSigkill()
{
    QString skip, error;
    auto holder = Tests::TestDatabase::create(QStringLiteral("postgresql"), &skip, &error);
    if (!holder && !skip.isEmpty())
        QSKIP(qPrintable(skip));
    QVERIFY2(holder, qPrintable(error));
    Models::Database &db = holder->database();
    Models::SystemClock clock; // the instances run on the real clock too
    const Tests::Scene scene = Tests::makeScene(db, clock);
    QVERIFY(scene.lead > 0);
    // Reminders due one after the other from a few seconds after start, across the kill.
    const qint64 first = clock.nowMs() + 6000;
    for (int i = 0; i < Reminders; ++i) {
        const qint64 due = first + i * SpacingMs;
        const qint64 starts = due + 15 * Tests::minuteMs;
        const qint64 appointment = Tests::addAppointment(db, clock, scene, QStringLiteral("team-%1").arg(i), starts,
                                                         scene.lead);
        QVERIFY(appointment > 0);
        const auto inserted = Models::Sql::exec(
                db,
                QStringLiteral("INSERT INTO reminders (appointment_id, client_id, offset_minutes, channel, due_at, "
                               "status, appointment_starts_at, created_at, updated_at) "
                               "VALUES (?, ?, 15, 'sms', ?, 'scheduled', ?, ?, ?)"),
                { appointment, scene.client, due, starts, clock.nowMs(), clock.nowMs() });
        QVERIFY2(inserted.ok(), qPrintable(inserted.error().message()));
    }

    QProcessEnvironment env;
    env.insert(QStringLiteral("CALLVIA_MESSAGEBIRD_API_BASE"), QStringLiteral("http://127.0.0.1:9")); // nothing sent
    QProcess a;
    QByteArray logA;
    QVERIFY(Tests::startHeadlessListener(&a, holder->url(), "whsec_team", env, 20000, QStringLiteral(CALLVIA_BINARY),
                                         &logA));
    QVERIFY2(readUntil(a, &logA, "acquired leadership", 10000), logA.constData());
    QProcess b; // started after a's first admin exists
    QByteArray logB;
    QVERIFY(Tests::startHeadlessListener(&b, holder->url(), "whsec_team", env, 20000, QStringLiteral(CALLVIA_BINARY),
                                         &logB));
    // The leader works through the first reminders; the other only listens.
    QElapsedTimer waited;
    waited.start();
    while (count(db, QStringLiteral("SELECT count(*) FROM reminders WHERE status <> 'scheduled'")) < 2
           && waited.elapsed() < 20000) {
        logA += a.readAll();
        a.waitForReadyRead(100);
    }
    logB += b.readAll();
    QVERIFY2(count(db, QStringLiteral("SELECT count(*) FROM reminders WHERE status <> 'scheduled'")) >= 2,
             logA.constData());
    QVERIFY2(!logB.contains("acquired leadership"), logB.constData());
    QVERIFY2(!logB.contains("reminders: queued"), logB.constData());
    QVERIFY2(logA.contains("reminders: queued"), logA.constData());
    QVERIFY(Models::LeaderLock::holder(db).value().endsWith(QStringLiteral(":%1").arg(a.processId())));

    // SIGKILL: no clean shutdown, the server frees the lock when the dead process's socket closes.
    a.kill();
    QVERIFY(a.waitForFinished(5000));
    QElapsedTimer takeover;
    takeover.start();
    QVERIFY2(readUntil(b, &logB, "acquired leadership", 10000), logB.constData());
    const qint64 takeoverMs = takeover.elapsed();
    qInfo("leadership moved %lld ms after SIGKILL of the leader", takeoverMs);
    QVERIFY(takeoverMs < 10000);
    QVERIFY(Models::LeaderLock::holder(db).value().endsWith(QStringLiteral(":%1").arg(b.processId())));

    // Every reminder runs, once: the new leader catches up what fell due during the hand-over.
    waited.restart();
    while (count(db, QStringLiteral("SELECT count(*) FROM reminders WHERE status = 'scheduled'")) > 0
           && waited.elapsed() < 40000) {
        logB += b.readAll();
        b.waitForReadyRead(200);
    }
    logB += b.readAll();
    QCOMPARE(count(db, QStringLiteral("SELECT count(*) FROM reminders WHERE status = 'scheduled'")), 0);
    QCOMPARE(count(db, QStringLiteral("SELECT count(*) FROM reminders WHERE outbox_id IS NOT NULL")), qint64(Reminders));
    QCOMPARE(count(db, QStringLiteral("SELECT count(*) FROM outbox WHERE idempotency_key LIKE 'reminder:%'")),
             qint64(Reminders));
    QCOMPARE(count(db, QStringLiteral("SELECT count(DISTINCT outbox_id) FROM reminders")), qint64(Reminders));
    QVERIFY2(logB.contains("reminders: queued"), logB.constData());

    b.terminate();
    QVERIFY(b.waitForFinished(15000));
    logB += b.readAll();
    QVERIFY2(logB.contains("lost leadership (stopping)"), logB.constData());
}

void tst_TeamLeader::secondInstanceOnOneSqliteFileIsRefused()
{
    QTemporaryDir dir;
    const QString database = dir.filePath(QStringLiteral("callvia.sqlite"));
    QProcess first;
    QVERIFY(Tests::startHeadlessListener(&first, database, "whsec_team"));
    QProcess second;
    QByteArray log;
    QCOMPARE(Tests::startHeadlessListener(&second, database, "whsec_team", {}, 20000, QStringLiteral(CALLVIA_BINARY),
                                          &log),
             quint16(0));
    if (second.state() != QProcess::NotRunning)
        QVERIFY(second.waitForFinished(5000));
    log += second.readAll();
    QCOMPARE(second.exitCode(), 3);
    const QByteArray expected = "another Callvia (pid " + QByteArray::number(first.processId()) + " on host "
            + QSysInfo::machineHostName().toUtf8() + ") is already running on " + database.toUtf8();
    QVERIFY2(log.contains(expected), log.constData());

    // SIGKILL leaves the lock file behind: the next start finds its process gone and takes over.
    first.kill();
    QVERIFY(first.waitForFinished(5000));
    QVERIFY(QFile::exists(database + QStringLiteral(".lock")));
    QProcess third;
    QVERIFY(Tests::startHeadlessListener(&third, database, "whsec_team"));
    third.terminate();
    QVERIFY(third.waitForFinished(15000));
}

QTEST_GUILESS_MAIN(tst_TeamLeader)
#include "tst_teamleader.moc"
