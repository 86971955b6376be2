#include "outboxwaker.h"

#include "outboxdispatcher.h"

#include <models/clock.h>

#include <algorithm>

namespace Callvia::Services {

OutboxWaker::OutboxWaker(OutboxDispatcher &dispatcher, const Models::Clock &clock, QObject *parent)
    : QObject(parent), m_dispatcher(dispatcher), m_clock(clock)
{
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::CoarseTimer);
    connect(&m_timer, &QTimer::timeout, this, &OutboxWaker::wake);
    connect(&m_dispatcher, &OutboxDispatcher::passFinished, this, &OutboxWaker::scheduleAfter);
}

void OutboxWaker::start()
{
    m_running = true;
    wake();
}

void OutboxWaker::wake()
{
    if (!m_running)
        return;
    m_timer.stop();
    if (m_dispatcher.isBusy())
        return; // scheduleAfter() follows the running pass and reads the new row's due time
    m_dispatcher.dispatchDueAsync();
}

void OutboxWaker::stop()
{
    m_running = false;
    m_timer.stop();
}

void OutboxWaker::scheduleAfter(int changed)
{
    if (!m_running)
        return;
    const qint64 now = m_clock.nowMs();
    const qint64 next = m_dispatcher.nextDueAt();
    qint64 delay = next == 0 ? maxSleepMs : std::clamp<qint64>(next - now, 0, maxSleepMs);
    if (delay == 0 && changed == 0)
        delay = 1000; // something is due but could not move (database busy): do not spin
    m_timer.start(static_cast<int>(delay));
}

} // namespace Callvia::Services
