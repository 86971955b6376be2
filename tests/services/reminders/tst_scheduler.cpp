#include "reminderharness.h"

#include <common/testdatabase.h>

#include <services/scheduling/scheduler.h>

#include <QtTest>

using namespace Callvia;
using namespace Callvia::Models;
using Callvia::Services::Scheduler;
using Tests::hour;
using Tests::minute;

namespace {

const qint64 t0 = QDateTime(QDate(2025, 6, 10), QTime(12, 0), Qt::UTC).toMSecsSinceEpoch();

// A job whose due times a test sets by hand; it records every run.
struct FakeJob
{
    QList<qint64> due; // sorted; a run removes those at or before now
    QList<qint64> runs;
    bool failNext = false;
    int batch = 1000; // items one pass takes

    Scheduler::Job job(const QString &name = QStringLiteral("fake"))
    {
        return { name,
                 [this]() -> DbResult<qint64> { return due.isEmpty() ? 0 : due.first(); },
                 [this](qint64 now) -> DbResult<bool> {
                     if (failNext) {
                         failNext = false;
                         return DbError(DbError::Unavailable, QStringLiteral("database is locked"));
                     }
                     runs << now;
                     int taken = 0;
                     while (!due.isEmpty() && due.first() <= now && taken < batch) {
                         due.removeFirst();
                         ++taken;
                     }
                     return !due.isEmpty() && due.first() <= now;
                 } };
    }
};

} // namespace

// The scheduler on the test clock: it sleeps until the next due time (no busy poll), catches
// up at start, reacts to an earlier item, goes back to the event loop between passes, stops.
class tst_Scheduler : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sleepsUntilTheNextDueTime();
    void reactsAtOnceToAnEarlierItem();
    void catchesUpAtStartAndYieldsBetweenPasses();
    void idleSleepIsTheSafetyInterval();
    void failedPassWaitsBeforeRetrying();
    void stopEndsTicks();
    void jobDueNowByAMovingClockRuns();
    void remindersJobFollowsBookings_data() { Tests::TestDatabase::addBackendRows(); }
    void remindersJobFollowsBookings();
};

void tst_Scheduler::sleepsUntilTheNextDueTime()
{
    TestClock clock(t0);
    Scheduler scheduler(clock, { 24 * hour, 30'000 });
    FakeJob fake;
    fake.due = { t0 + 10 * minute, t0 + 3 * hour };
    scheduler.addJob(fake.job());
    scheduler.start();
    QVERIFY(fake.runs.isEmpty());
    QCOMPARE(scheduler.nextDueAtMs(), t0 + 10 * minute);
    QVERIFY(scheduler.isTimerActive());
    QCOMPARE(scheduler.timerIntervalMs(), int(10 * minute));
    clock.advanceMs(9 * minute); // the timer fired early (or the clock is slow): nothing runs
    scheduler.tick();
    QVERIFY(fake.runs.isEmpty());
    QCOMPARE(scheduler.timerIntervalMs(), int(minute));
    clock.advanceMs(minute);
    scheduler.tick();
    QCOMPARE(fake.runs, QList<qint64>({ t0 + 10 * minute }));
    QCOMPARE(scheduler.nextDueAtMs(), t0 + 3 * hour);
    QCOMPARE(scheduler.timerIntervalMs(), int(3 * hour - 10 * minute));
    QCOMPARE(scheduler.passes(), 1);
}

void tst_Scheduler::reactsAtOnceToAnEarlierItem()
{
    TestClock clock(t0);
    Scheduler scheduler(clock, { 24 * hour, 30'000 });
    FakeJob fake;
    fake.due = { t0 + 3 * hour };
    scheduler.addJob(fake.job());
    scheduler.start();
    QCOMPARE(scheduler.timerIntervalMs(), int(3 * hour));
    // A booking for 35 minutes from now creates a 15 min reminder due in 20 minutes.
    fake.due.prepend(t0 + 20 * minute);
    scheduler.reschedule();
    scheduler.reschedule(); // a burst is coalesced into one look
    QCoreApplication::processEvents(); // the queued reschedule, no waiting
    QCOMPARE(scheduler.nextDueAtMs(), t0 + 20 * minute);
    QCOMPARE(scheduler.timerIntervalMs(), int(20 * minute));
    QVERIFY(fake.runs.isEmpty());
}

void tst_Scheduler::catchesUpAtStartAndYieldsBetweenPasses()
{
    TestClock clock(t0);
    Scheduler scheduler(clock, { 24 * hour, 30'000 });
    FakeJob fake;
    fake.batch = 2;
    fake.due = { t0 - 2 * 24 * hour, t0 - hour, t0 - minute, t0 + hour }; // due while the app was off
    scheduler.addJob(fake.job());
    scheduler.start();
    QCOMPARE(fake.runs.size(), 1); // one pass, then back to the event loop
    QVERIFY(scheduler.isTimerActive());
    QCOMPARE(scheduler.timerIntervalMs(), 0); // more was due: the next pass comes at once
    scheduler.tick();
    QCOMPARE(fake.runs.size(), 2);
    QCOMPARE(fake.due, QList<qint64>({ t0 + hour }));
    QCOMPARE(scheduler.timerIntervalMs(), int(hour));
}

void tst_Scheduler::idleSleepIsTheSafetyInterval()
{
    TestClock clock(t0);
    Scheduler scheduler(clock, {}); // default 60 s safety re-check
    FakeJob fake;
    scheduler.addJob(fake.job());
    scheduler.start();
    QCOMPARE(scheduler.nextDueAtMs(), 0);
    QCOMPARE(scheduler.timerIntervalMs(), 60'000);
    fake.due = { t0 + 5 * hour };
    scheduler.tick();
    QCOMPARE(scheduler.timerIntervalMs(), 60'000); // capped: a clock jump is noticed within a minute
    // The laptop slept past the due time: the next safety wake finds it due and runs it.
    clock.advanceMs(2 * 24 * hour);
    scheduler.tick();
    QCOMPARE(fake.runs.size(), 1);
}

void tst_Scheduler::failedPassWaitsBeforeRetrying()
{
    TestClock clock(t0);
    Scheduler scheduler(clock, { 24 * hour, 30'000 });
    FakeJob fake;
    fake.due = { t0 };
    fake.failNext = true;
    scheduler.addJob(fake.job());
    QSignalSpy failed(&scheduler, &Scheduler::jobFailed);
    scheduler.start();
    QCOMPARE(failed.size(), 1);
    QCOMPARE(failed.first().at(1).toString(), QStringLiteral("database is locked"));
    QCOMPARE(scheduler.timerIntervalMs(), 30'000); // no spinning on a failing job
    clock.advanceMs(10'000);
    scheduler.tick();
    QVERIFY(fake.runs.isEmpty());
    clock.advanceMs(20'000);
    scheduler.tick();
    QCOMPARE(fake.runs.size(), 1);
}

void tst_Scheduler::stopEndsTicks()
{
    TestClock clock(t0);
    Scheduler scheduler(clock, {});
    FakeJob fake;
    fake.due = { t0 + minute };
    scheduler.addJob(fake.job());
    scheduler.start();
    scheduler.stop();
    QVERIFY(!scheduler.isTimerActive());
    clock.advanceMs(hour);
    scheduler.tick();
    scheduler.reschedule();
    QCoreApplication::processEvents();
    QVERIFY(fake.runs.isEmpty());
    QVERIFY(!scheduler.isTimerActive());
}

// The real clock moves while a tick runs. A job whose nextDueAt() answers "now" from the clock
// (milestones, Stripe steps) is a few ms past the tick's start: it must still run in this tick,
// not be put off to a "future" that is always a few ms ahead (a busy loop that never runs it).
void tst_Scheduler::jobDueNowByAMovingClockRuns()
{
    class SteppingClock final : public Clock
    {
    public:
        qint64 nowMs() const override { return m_now += 3; } // 3 ms per look, as a query takes
    private:
        mutable qint64 m_now = t0;
    };
    SteppingClock clock;
    Scheduler scheduler(clock, { 24 * hour, 30'000 });
    QList<qint64> runs;
    bool done = false;
    scheduler.addJob({ QStringLiteral("due-now"), [&]() -> DbResult<qint64> { return done ? 0 : clock.nowMs(); },
                       [&](qint64 now) -> DbResult<bool> {
                           runs << now;
                           done = true;
                           return false;
                       } });
    scheduler.start();
    QCOMPARE(runs.size(), 1);
    QVERIFY(runs.first() > t0);
    QCOMPARE(scheduler.nextDueAtMs(), qint64(0));
    scheduler.stop();
}

void tst_Scheduler::remindersJobFollowsBookings()
{
    CALLVIA_TEST_DATABASE(db);
    TestClock clock(t0);
    const qint64 client = Tests::addBookingClient(db, clock, QStringLiteral("Sunrise Dental"));
    const qint64 campaign = Tests::addCampaign(db, clock, client, QStringLiteral("Spring"));
    QVERIFY(Tests::addLead(db, clock, client, campaign, QStringLiteral("+14155552671"), QStringLiteral("ana@example.com")) > 0);
    Services::ReminderService reminders(db, clock, {});
    Services::CalcomHandler calcom(db, clock);
    Scheduler scheduler(clock, { 24 * hour, 30'000 });
    scheduler.addJob({ QStringLiteral("reminders"), [&] { return reminders.nextDueAt(); },
                       [&](qint64) -> DbResult<bool> {
                           const DbResult<Services::ReminderService::PassResult> pass = reminders.runDue();
                           if (!pass.ok())
                               return pass.error();
                           return pass.value().total() > 0;
                       } });
    scheduler.start();
    QCOMPARE(scheduler.nextDueAtMs(), 0);
    const auto book = [&](const QString &uid, qint64 start) {
        return Tests::deliver(calcom, db, Tests::calcomBooking(QStringLiteral("BOOKING_CREATED"), uid, start,
                                                               QStringLiteral("ana@example.com"),
                                                               QStringLiteral("+14155552671"), clock.nowMs()));
    };
    QCOMPARE(book(QStringLiteral("later"), t0 + 3 * 24 * hour), QString());
    scheduler.reschedule();
    QCoreApplication::processEvents();
    QCOMPARE(scheduler.nextDueAtMs(), t0 + 2 * 24 * hour);
    QCOMPARE(book(QStringLiteral("soon"), t0 + 35 * minute), QString());
    scheduler.reschedule();
    QCoreApplication::processEvents();
    QCOMPARE(scheduler.nextDueAtMs(), t0 + 20 * minute);
    QCOMPARE(scheduler.timerIntervalMs(), int(20 * minute));
    clock.advanceMs(20 * minute);
    scheduler.tick(); // what the timer does when it fires
    QCOMPARE(Tests::scalar(db, QStringLiteral("SELECT COUNT(*) FROM outbox")), 1);
    // The pass found work, so one more look comes at once; it finds nothing more.
    scheduler.tick();
    QCOMPARE(Tests::scalar(db, QStringLiteral("SELECT COUNT(*) FROM outbox")), 1);
    QCOMPARE(scheduler.nextDueAtMs(), t0 + 2 * 24 * hour);
}

QTEST_GUILESS_MAIN(tst_Scheduler)
#include "tst_scheduler.moc"
