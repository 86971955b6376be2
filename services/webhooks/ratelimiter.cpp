#include "ratelimiter.h"

#include <cmath>

namespace Callvia::Services {

bool RateLimiter::take(const QString &source, qint64 nowMs, int *retryAfterSeconds)
{
    if (!enabled())
        return true;
    if (m_buckets.size() > 10000)
        prune(nowMs);
    auto it = m_buckets.find(source);
    if (it == m_buckets.end())
        it = m_buckets.insert(source, { m_burst, nowMs });
    Bucket &bucket = it.value();
    const qint64 elapsed = qMax<qint64>(0, nowMs - bucket.updatedMs);
    bucket.tokens = qMin(m_burst, bucket.tokens + double(elapsed) * m_rate / 1000.0);
    bucket.updatedMs = nowMs;
    if (bucket.tokens >= 1.0) {
        bucket.tokens -= 1.0;
        return true;
    }
    *retryAfterSeconds = qMax(1, int(std::ceil((1.0 - bucket.tokens) / m_rate)));
    return false;
}

// Drops buckets that have refilled completely: they behave exactly like new ones.
void RateLimiter::prune(qint64 nowMs)
{
    for (auto it = m_buckets.begin(); it != m_buckets.end();) {
        const double refilled = it->tokens + double(nowMs - it->updatedMs) * m_rate / 1000.0;
        it = refilled >= m_burst ? m_buckets.erase(it) : std::next(it);
    }
}

} // namespace Callvia::Services
