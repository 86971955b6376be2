#pragma once

#include <QHash>
#include <QString>

namespace Callvia::Services {

// Per-source token buckets: each address may make `ratePerSecond` requests a second with
// bursts up to `burst`; one address emptying its bucket never slows another. Time comes from
// the caller (the Clock), so tests can move it. Not thread-safe (the listener's thread only).
class RateLimiter final
{
public:
    RateLimiter(double ratePerSecond, double burst) : m_rate(ratePerSecond), m_burst(burst) { }

    // Takes one token for `source`; false with *retryAfterSeconds (>= 1) when the bucket is empty.
    bool take(const QString &source, qint64 nowMs, int *retryAfterSeconds);
    bool enabled() const { return m_rate > 0; }

private:
    struct Bucket
    {
        double tokens = 0;
        qint64 updatedMs = 0;
    };
    void prune(qint64 nowMs);

    double m_rate;
    double m_burst;
    QHash<QString, Bucket> m_buckets;
};

} // namespace Callvia::Services
