#pragma once

#include <QObject>
#include <QTimer>

namespace Callvia::Models {
class Clock;
}

namespace Callvia::Services {

class OutboxDispatcher;

// Runs the dispatcher when something is due: after each pass it sleeps until the dispatcher's
// next due time (never a fixed busy poll), at most maxSleepMs so rows written by another instance
// on the same PostgreSQL and API keys set meanwhile are picked up. wake() starts a pass at once
// (a row was just enqueued). The wake logic lives here only; a general scheduler may replace it.
class OutboxWaker final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OutboxWaker)
public:
    static constexpr qint64 maxSleepMs = 30'000;

    OutboxWaker(OutboxDispatcher &dispatcher, const Models::Clock &clock, QObject *parent = nullptr);

    void start();
    void wake();
    void stop();
    qint64 sleepingForMs() const { return m_timer.isActive() ? m_timer.remainingTime() : -1; }

private:
    void scheduleAfter(int changed);

    OutboxDispatcher &m_dispatcher;
    const Models::Clock &m_clock;
    QTimer m_timer { this }; // a child, so moveToThread() takes it along
    bool m_running = false;
};

} // namespace Callvia::Services
