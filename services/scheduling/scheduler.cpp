#include "scheduler.h"

#include <models/clock.h>

#include <QLoggingCategory>
#include <QTimer>

#include <algorithm>

Q_LOGGING_CATEGORY(lcScheduler, "callvia.scheduler")

namespace Callvia::Services {

Scheduler::Scheduler(const Models::Clock &clock, Options options, QObject *parent)
    : QObject(parent), m_clock(clock), m_options(options), m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    m_timer->setTimerType(Qt::CoarseTimer); // minute-scale waits: let the OS batch wake-ups
    connect(m_timer, &QTimer::timeout, this, &Scheduler::tick);
}

Scheduler::~Scheduler() = default;

void Scheduler::addJob(Job job)
{
    m_entries.append({ std::move(job), 0, 0 });
}

void Scheduler::start()
{
    m_running = true;
    tick();
}

void Scheduler::stop()
{
    m_running = false;
    m_timer->stop();
}

void Scheduler::reschedule()
{
    if (!m_running || m_reschedulePending)
        return;
    m_reschedulePending = true;
    // Coalesces a burst of bookings into one look at the due times.
    QTimer::singleShot(0, this, [this] {
        m_reschedulePending = false;
        if (!m_running || m_inTick)
            return;
        for (Entry &entry : m_entries)
            entry.retryAt = 0;
        tick();
    });
}

bool Scheduler::runEntry(Entry &entry, qint64 now)
{
    if (entry.retryAt > now)
        return false;
    const Models::DbResult<qint64> due = entry.job.nextDueAt();
    if (!due.ok()) {
        qCWarning(lcScheduler).noquote() << entry.job.name << "next due time:" << due.error().message();
        entry.retryAt = now + m_options.retryAfterErrorMs;
        Q_EMIT jobFailed(entry.job.name, due.error().message());
        return false;
    }
    entry.nextDue = due.value();
    // A job that answers "due now" reads the clock after this tick did (and after the passes
    // before it): compared with the tick's start it would look a millisecond ahead on every tick
    // and never run. So compare with, and run at, the clock as it is now.
    now = std::max(now, m_clock.nowMs());
    if (entry.nextDue == 0 || entry.nextDue > now)
        return false;
    const Models::DbResult<bool> more = entry.job.run(now);
    ++m_passes;
    if (!more.ok()) {
        qCWarning(lcScheduler).noquote() << entry.job.name << "pass failed:" << more.error().message();
        entry.retryAt = now + m_options.retryAfterErrorMs;
        Q_EMIT jobFailed(entry.job.name, more.error().message());
        return false;
    }
    Q_EMIT passFinished(entry.job.name);
    const Models::DbResult<qint64> after = entry.job.nextDueAt();
    entry.nextDue = after.ok() ? after.value() : 0;
    if (more.value())
        return true;
    // The pass took nothing yet something is still due (rows held by another instance):
    // do not spin on it; look again after the error delay.
    if (entry.nextDue != 0 && entry.nextDue <= now)
        entry.retryAt = now + m_options.retryAfterErrorMs;
    return false;
}

void Scheduler::tick()
{
    if (!m_running || m_inTick)
        return;
    m_inTick = true;
    const qint64 now = m_clock.nowMs();
    bool more = false;
    for (Entry &entry : m_entries)
        more = runEntry(entry, now) || more;
    m_inTick = false;
    // One pass per job per tick: going back to the event loop between passes lets stop() in.
    arm(now, more);
}

void Scheduler::arm(qint64 now, bool immediately)
{
    if (!m_running)
        return;
    qint64 next = 0;
    for (const Entry &entry : std::as_const(m_entries)) {
        qint64 due = entry.nextDue;
        if (entry.retryAt > now)
            due = due == 0 ? entry.retryAt : std::max(due, entry.retryAt);
        if (due != 0 && (next == 0 || due < next))
            next = due;
    }
    m_nextDueAt = next;
    qint64 wait = next == 0 ? m_options.safetyIntervalMs : std::clamp(next - now, qint64(0), m_options.safetyIntervalMs);
    if (immediately)
        wait = 0;
    m_timer->start(int(wait));
}

int Scheduler::timerIntervalMs() const
{
    return m_timer->interval();
}

bool Scheduler::isTimerActive() const
{
    return m_timer->isActive();
}

} // namespace Callvia::Services
