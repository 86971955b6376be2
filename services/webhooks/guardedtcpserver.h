#pragma once

#include "httpframeguard.h"
#include "ratelimiter.h"
#include "trustedproxies.h"

#include <QTcpServer>
#include <QTimer>

#include <limits>
#include <list>
#include <unordered_map>

namespace Callvia::Models {
class Clock;
}

namespace Callvia::Services {

class ConnectionGuard;
class ProviderConfig;

// Limits the listener puts in front of QHttpServer (see HttpFrameGuard) plus timeouts, the
// connection caps and the per-address rate limits.
struct ListenerLimits
{
    HttpFrameGuard::Limits frame;
    int headTimeoutMs = 10'000; // from the first byte of a head (or the connect) to its end
    int bodyTimeoutMs = 30'000;
    int idleTimeoutMs = 60'000; // keep-alive connection with no request in progress
    // Requests that did not prove a provider signature (/healthz, 404s, bad signatures), per
    // source address; 0 = no limit.
    double ratePerSecond = 200;
    double rateBurst = 400;
    // Requests whose signature verified, per source address and provider: a flood of unsigned
    // requests from a tunnel's address cannot use up the providers' budget. 0 = no limit.
    double verifiedRatePerSecond = 1000;
    double verifiedBurst = 2000;
    int maxConnections = 4096; // open at once, all sources
    int maxConnectionsPerSource = 256; // per IPv4 address or IPv6 /64
    int acceptRetryMs = 100; // pause after accept() failed (out of file descriptors)
    int listenBacklog = 4096; // kernel queue of connections not yet accepted
    // Issue 26: peers whose X-Forwarded-For / Forwarded is believed for rate limits and logs
    // (TRUSTED_PROXIES "<address or CIDR>,..."; none by default).
    TrustedProxies trustedProxies;

    // The defaults overridden from ProviderConfig (settings listener.* or CALLVIA_LISTENER_*):
    // RATE_LIMIT and VERIFIED_RATE_LIMIT "<per second>[,<burst>]" (0 turns one off),
    // MAX_CONNECTIONS "<all>[,<per source>]", TRUSTED_PROXIES (an unreadable list is ignored
    // with a warning: no proxy is trusted).
    static ListenerLimits fromConfig(const ProviderConfig &config);
};

// A QTcpServer bound to QHttpServer that hands a connection over only once its first request
// head is sane, and keeps watching every later request on it (its readyRead slot runs before
// QHttpServer's). Refusals are answered with a JSON error and the connection is closed.
// Caps open connections at accept time, globally and per source: when a cap is reached the
// connection that has been quiet longest without a request in hand is closed to make room, or
// the new one when every connection is busy. The global cap is lowered to what fits the open
// files limit; should accept() still fail (no file descriptor left), it closes idle connections,
// pauses and resumes accepting after acceptRetryMs instead of stopping for good.
class GuardedTcpServer final : public QTcpServer
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GuardedTcpServer)
public:
    GuardedTcpServer(ListenerLimits limits, const Models::Clock &clock, QObject *parent = nullptr);
    ~GuardedTcpServer() override;

    const ListenerLimits &limits() const { return m_limits; }
    // True when `source` may make one more unverified request now; else *retryAfterSeconds.
    bool allowRequest(const QString &source, int *retryAfterSeconds);
    // The same for a request whose signature verified (a separate budget per source and provider).
    bool allowVerified(const QString &source, const QString &provider, int *retryAfterSeconds);
    // Passes a vetted socket to the bound QHttpServer.
    void handOver(QTcpSocket *socket) { addPendingConnection(socket); }
    int openConnections() const { return m_open; }
    // Writes out what was answered on every connection (shutdown, after the last answers).
    void flushAll();

    // The address a cap and a rate bucket count for: an IPv4 address, or the /64 of an IPv6 one.
    static QString sourceKey(const QHostAddress &address);
    static QByteArray errorResponse(int status, const QByteArray &error, const QString &detail,
                                    int retryAfterSeconds = 0);

Q_SIGNALS:
    void connectionRefused(int status, const QString &source, const QString &detail);

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    friend class ConnectionGuard;
    using Registry = std::list<ConnectionGuard *>; // least recently active first
    struct Source
    {
        int open = 0;
        Registry guards;
    };
    struct Entry
    {
        Registry::iterator all;
        Registry::iterator ofSource;
    };

    // Called by ConnectionGuard: registration, activity (moves it to the back), release.
    Entry add(ConnectionGuard *guard, const QString &source);
    void touch(const Entry &entry, const QString &source);
    void remove(const Entry &entry, const QString &source);
    bool makeRoom(Registry &guards);
    void onAcceptError(QAbstractSocket::SocketError error);

    ListenerLimits m_limits;
    const Models::Clock &m_clock;
    RateLimiter m_rateLimiter;
    RateLimiter m_verifiedLimiter;
    Registry m_guards;
    std::unordered_map<QString, Source> m_sources; // node-based: Registry iterators stay valid
    int m_open = 0;
    QTimer m_resume;
    int m_acceptErrors = 0; // since accepting last worked (logged once per episode)
    int m_fitting; // connections that fit the open files limit (lowered when accept() runs out)
    bool m_closing = false;
};

// Raises this process's soft limit of open files to its hard limit (Linux, macOS) so the
// listener's connection cap, not the default 1024, is what bounds it. Returns the new limit
// (-1 where unknown).
qint64 raiseOpenFileLimit();

} // namespace Callvia::Services
