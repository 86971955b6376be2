#pragma once

#include <QDateTime>

#include <atomic>

namespace Callvia::Models {

// The one source of "now" for every layer. Production code is given a Clock (never
// calls QDateTime::currentDateTimeUtc itself) so tests can move days ahead without sleeping.
class Clock
{
public:
    virtual ~Clock() = default;
    virtual qint64 nowMs() const = 0;
    QDateTime nowUtc() const { return QDateTime::fromMSecsSinceEpoch(nowMs(), Qt::UTC); }
    qint64 nowSeconds() const { return nowMs() / 1000; }
};

class SystemClock final : public Clock
{
public:
    qint64 nowMs() const override { return QDateTime::currentMSecsSinceEpoch(); }
};

// System time moved by a fixed offset: lets the real binary live days ahead (or behind) for an
// end-to-end test or a demo (CALLVIA_CLOCK_OFFSET_SECONDS, chosen by the composition root).
class OffsetClock final : public Clock
{
public:
    explicit OffsetClock(qint64 offsetMs) : m_offsetMs(offsetMs) { }
    qint64 nowMs() const override { return QDateTime::currentMSecsSinceEpoch() + m_offsetMs; }
    qint64 offsetMs() const { return m_offsetMs; }

private:
    const qint64 m_offsetMs;
};

// A clock that stands still until a test moves it. Thread-safe, so a worker thread may read it.
class TestClock final : public Clock
{
public:
    explicit TestClock(qint64 startMs = 1'700'000'000'000) : m_nowMs(startMs) { }
    explicit TestClock(const QDateTime &start) : m_nowMs(start.toMSecsSinceEpoch()) { }
    qint64 nowMs() const override { return m_nowMs.load(); }
    void setNowMs(qint64 ms) { m_nowMs.store(ms); }
    void setNow(const QDateTime &t) { m_nowMs.store(t.toMSecsSinceEpoch()); }
    void advanceMs(qint64 ms) { m_nowMs.fetch_add(ms); }
    void advanceSeconds(qint64 s) { advanceMs(s * 1000); }

private:
    std::atomic<qint64> m_nowMs;
};

} // namespace Callvia::Models
