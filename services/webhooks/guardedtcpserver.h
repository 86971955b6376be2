#pragma once

#include "httpframeguard.h"
#include "ratelimiter.h"

#include <QTcpServer>

namespace Callvia::Models {
class Clock;
}

namespace Callvia::Services {

// Limits the listener puts in front of QHttpServer (see HttpFrameGuard) plus timeouts and the
// per-address rate limit.
struct ListenerLimits
{
    HttpFrameGuard::Limits frame;
    int headTimeoutMs = 10'000; // from the first byte of a head (or the connect) to its end
    int bodyTimeoutMs = 30'000;
    int idleTimeoutMs = 60'000; // keep-alive connection with no request in progress
    double ratePerSecond = 200; // per source address; 0 = no limit
    double rateBurst = 400;
};

// A QTcpServer bound to QHttpServer that hands a connection over only once its first request
// head is sane, and keeps watching every later request on it (its readyRead slot runs before
// QHttpServer's). Refusals are answered with a JSON error and the connection is closed.
class GuardedTcpServer final : public QTcpServer
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GuardedTcpServer)
public:
    GuardedTcpServer(ListenerLimits limits, const Models::Clock &clock, QObject *parent = nullptr);

    const ListenerLimits &limits() const { return m_limits; }
    // True when `source` may make one more request now; else *retryAfterSeconds.
    bool allowRequest(const QString &source, int *retryAfterSeconds);
    // Passes a vetted socket to the bound QHttpServer.
    void handOver(QTcpSocket *socket) { addPendingConnection(socket); }

    static QByteArray errorResponse(int status, const QByteArray &error, const QString &detail,
                                    int retryAfterSeconds = 0);

Q_SIGNALS:
    void connectionRefused(int status, const QString &source, const QString &detail);

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    ListenerLimits m_limits;
    const Models::Clock &m_clock;
    RateLimiter m_rateLimiter;
};

} // namespace Callvia::Services
