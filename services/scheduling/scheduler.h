#pragma once

#include <models/dberror.h>

#include <QList>
#include <QObject>
#include <QString>

#include <functional>

class QTimer;

namespace Callvia::Models {
class Clock;
}

namespace Callvia::Services {

// The one timer of the timed services (reminders today; the outbox dispatcher, show checks and
// invoices can register the same way). Each job tells when it is next due (read from the
// database) and how to run. The scheduler sleeps on a single-shot QTimer until the earliest
// due time by the injectable Clock, never a fixed busy poll; a long safety re-check (default
// 60 s) catches wall-clock jumps and suspend, and start() runs whatever fell due while the app
// was off. reschedule() (a booking just created a reminder 20 minutes ahead) re-reads the due
// times at once. A job's pass is one transaction, and stop() only returns between passes, so
// quitting or SIGTERM never leaves a row half-written. Lives on one thread (the composition
// root gives it its own); owns its timer, not the jobs' objects.
class Scheduler final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Scheduler)
public:
    struct Job
    {
        QString name;
        // UTC ms of the earliest due item; 0 = nothing scheduled.
        std::function<Models::DbResult<qint64>()> nextDueAt;
        // Runs one pass (one transaction) at `nowMs`; true when more is due right away.
        std::function<Models::DbResult<bool>(qint64 nowMs)> run;
    };
    struct Options
    {
        qint64 safetyIntervalMs = 60'000; // the longest sleep: re-read due times at least this often
        qint64 retryAfterErrorMs = 30'000; // a job whose query or pass failed waits this long
    };

    Scheduler(const Models::Clock &clock, Options options, QObject *parent = nullptr);
    ~Scheduler() override;

    void addJob(Job job);

    // Runs what is due now (catch-up after the app was off) and arms the timer.
    void start();
    // Stops the timer; no pass starts afterwards. Call on the scheduler's thread.
    void stop();
    // A job's next due time may have moved earlier: re-read it soon (coalesced; safe from any
    // thread through a queued connection).
    void reschedule();
    // Runs every job that is due by the clock, then arms the timer for the next due time. The
    // timer calls it; tests call it after moving the test clock.
    void tick();

    bool isRunning() const { return m_running; }
    // The earliest due time known after the last tick (0 = none), and the planned sleep.
    qint64 nextDueAtMs() const { return m_nextDueAt; }
    int timerIntervalMs() const;
    bool isTimerActive() const;
    int passes() const { return m_passes; }

Q_SIGNALS:
    void passFinished(const QString &job);
    void jobFailed(const QString &job, const QString &error);

private:
    struct Entry
    {
        Job job;
        qint64 retryAt = 0; // after an error: not before this clock time
        qint64 nextDue = 0;
    };
    bool runEntry(Entry &entry, qint64 now); // true: more due at once
    void arm(qint64 now, bool immediately);

    const Models::Clock &m_clock;
    Options m_options;
    QList<Entry> m_entries;
    QTimer *m_timer; // child
    bool m_running = false;
    bool m_reschedulePending = false;
    bool m_inTick = false;
    qint64 m_nextDueAt = 0;
    int m_passes = 0;
};

} // namespace Callvia::Services
