#include "guardedtcpserver.h"
#include "connectionguard.h"

#include <models/clock.h>
#include <services/providerconfig.h>

#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QTcpSocket>

#include <limits>

#ifdef Q_OS_UNIX
#include <sys/resource.h>
#endif

Q_DECLARE_LOGGING_CATEGORY(lcWebhooks)

namespace Callvia::Services {

namespace {

const char *reasonPhrase(int status)
{
    switch (status) {
    case 400:
        return "Bad Request";
    case 408:
        return "Request Timeout";
    case 413:
        return "Payload Too Large";
    case 429:
        return "Too Many Requests";
    case 431:
        return "Request Header Fields Too Large";
    default:
        return "Error";
    }
}

// "<rate>[,<burst>]" into rate and burst (burst defaults to twice the rate); empty keeps both.
void parseRate(const QString &text, double *rate, double *burst)
{
    const QStringList parts = text.split(QLatin1Char(','));
    if (parts.first().trimmed().isEmpty())
        return;
    *rate = parts.first().toDouble();
    *burst = parts.size() > 1 ? parts.at(1).toDouble() : 2 * *rate;
}

// How many connections fit the open files limit: the limit less the descriptors open now and
// a reserve for what the process opens later (database files, outgoing requests, threads).
// Qt 6.4 may report accept()'s EMFILE as a temporary error and retry it in a busy loop without
// telling us, so the listener must not get there through its own connections.
int connectionsThatFit()
{
#ifdef Q_OS_UNIX
    struct rlimit limit = {};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY)
        return std::numeric_limits<int>::max();
    qint64 open = 64; // where /proc is missing
    const QDir fds(QStringLiteral("/proc/self/fd"));
    if (fds.exists())
        open = fds.entryList(QDir::AllEntries | QDir::System | QDir::NoDotAndDotDot).size();
    const qint64 reserve = 64;
    return int(qBound<qint64>(16, qint64(limit.rlim_cur) - open - reserve, qint64(std::numeric_limits<int>::max())));
#else
    return std::numeric_limits<int>::max();
#endif
}

} // namespace

ListenerLimits ListenerLimits::fromConfig(const ProviderConfig &config)
{
    ListenerLimits limits;
    const QString listener = QStringLiteral("listener");
    parseRate(config.value(listener, QStringLiteral("rate_limit")), &limits.ratePerSecond, &limits.rateBurst);
    parseRate(config.value(listener, QStringLiteral("verified_rate_limit")), &limits.verifiedRatePerSecond,
              &limits.verifiedBurst);
    const QStringList caps = config.value(listener, QStringLiteral("max_connections")).split(QLatin1Char(','));
    if (caps.first().toInt() > 0)
        limits.maxConnections = caps.first().toInt();
    if (caps.size() > 1 && caps.at(1).toInt() > 0)
        limits.maxConnectionsPerSource = caps.at(1).toInt();
    QString proxiesError;
    limits.trustedProxies = TrustedProxies::parse(config.value(listener, QStringLiteral("trusted_proxies")), &proxiesError);
    if (!proxiesError.isEmpty())
        qCWarning(lcWebhooks).noquote() << proxiesError << "(no proxy is trusted)";
    return limits;
}

GuardedTcpServer::GuardedTcpServer(ListenerLimits limits, const Models::Clock &clock, QObject *parent)
    : QTcpServer(parent), m_limits(limits), m_clock(clock), m_rateLimiter(limits.ratePerSecond, limits.rateBurst),
      m_verifiedLimiter(limits.verifiedRatePerSecond, limits.verifiedBurst), m_fitting(connectionsThatFit())
{
    if (m_fitting < m_limits.maxConnections)
        qCWarning(lcWebhooks) << "at most" << m_fitting << "connections fit the open files limit (cap"
                              << m_limits.maxConnections << ")";
    setListenBacklogSize(m_limits.listenBacklog);
    m_resume.setSingleShot(true);
    m_resume.setInterval(m_limits.acceptRetryMs);
    connect(&m_resume, &QTimer::timeout, this, [this] {
        if (isListening())
            resumeAccepting();
    });
    connect(this, &QTcpServer::acceptError, this, &GuardedTcpServer::onAcceptError);
}

GuardedTcpServer::~GuardedTcpServer()
{
    // The sockets (and their guards) are deleted by QObject after this body, when the registry
    // is gone already: the guards must no longer report to it.
    for (ConnectionGuard *guard : std::as_const(m_guards))
        guard->detach();
}

bool GuardedTcpServer::allowRequest(const QString &source, int *retryAfterSeconds)
{
    return m_rateLimiter.take(source, m_clock.nowMs(), retryAfterSeconds);
}

bool GuardedTcpServer::allowVerified(const QString &source, const QString &provider, int *retryAfterSeconds)
{
    return m_verifiedLimiter.take(provider + QLatin1Char(' ') + source, m_clock.nowMs(), retryAfterSeconds);
}

void GuardedTcpServer::flushAll()
{
    for (ConnectionGuard *guard : std::as_const(m_guards))
        guard->flush();
}

QString GuardedTcpServer::sourceKey(const QHostAddress &address)
{
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4); // also unwraps ::ffff:a.b.c.d
    if (isV4)
        return QHostAddress(v4).toString();
    Q_IPV6ADDR v6 = address.toIPv6Address();
    for (int i = 8; i < 16; ++i)
        v6[i] = 0; // one holder of a /64 is one source
    return QHostAddress(v6).toString() + QStringLiteral("/64");
}

QByteArray GuardedTcpServer::errorResponse(int status, const QByteArray &error, const QString &detail,
                                           int retryAfterSeconds)
{
    const QByteArray body = QJsonDocument(QJsonObject { { QStringLiteral("error"), QString::fromLatin1(error) },
                                                        { QStringLiteral("detail"), detail } })
                                    .toJson(QJsonDocument::Compact);
    QByteArray response = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status)
            + "\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: "
            + QByteArray::number(body.size()) + "\r\n";
    if (retryAfterSeconds > 0)
        response += "Retry-After: " + QByteArray::number(retryAfterSeconds) + "\r\n";
    return response + "\r\n" + body;
}

void GuardedTcpServer::incomingConnection(qintptr socketDescriptor)
{
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(socketDescriptor)) {
        delete socket;
        return;
    }
    if (m_acceptErrors > 0) {
        qCInfo(lcWebhooks) << "accepting connections again after" << m_acceptErrors << "failed attempts";
        m_acceptErrors = 0;
    }
    const QString source = sourceKey(socket->peerAddress());
    const auto known = m_sources.find(source);
    const bool sourceFull = known != m_sources.end() && known->second.open >= m_limits.maxConnectionsPerSource;
    bool room = !sourceFull || makeRoom(known->second.guards);
    if (room && m_open >= qMin(m_limits.maxConnections, m_fitting))
        room = makeRoom(m_guards);
    if (!room) {
        // Every connection holds a request in hand: the newcomer is closed at once.
        Q_EMIT connectionRefused(503, source, QStringLiteral("too many connections"));
        socket->abort();
        delete socket;
        return;
    }
    new ConnectionGuard(socket, this, source);
}

// Closes the connection of `guards` that has been quiet longest and holds no request in hand;
// false when there is none.
bool GuardedTcpServer::makeRoom(Registry &guards)
{
    auto it = guards.begin();
    for (size_t steps = guards.size(); steps > 0 && it != guards.end(); --steps) {
        ConnectionGuard *guard = *it;
        ++it; // before touch() or evict() move or drop this entry
        if (guard->busy())
            continue;
        if (guard->hasUnreadBytes()) { // its request is waiting in the kernel: it is not idle
            guard->touch();
            continue;
        }
        guard->evict();
        return true;
    }
    return false;
}

GuardedTcpServer::Entry GuardedTcpServer::add(ConnectionGuard *guard, const QString &source)
{
    Source &state = m_sources[source];
    ++state.open;
    ++m_open;
    return { m_guards.insert(m_guards.end(), guard), state.guards.insert(state.guards.end(), guard) };
}

void GuardedTcpServer::touch(const Entry &entry, const QString &source)
{
    m_guards.splice(m_guards.end(), m_guards, entry.all);
    Registry &ofSource = m_sources.at(source).guards;
    ofSource.splice(ofSource.end(), ofSource, entry.ofSource);
}

void GuardedTcpServer::remove(const Entry &entry, const QString &source)
{
    m_guards.erase(entry.all);
    --m_open;
    auto state = m_sources.find(source);
    state->second.guards.erase(entry.ofSource);
    if (--state->second.open == 0)
        m_sources.erase(state);
}

void GuardedTcpServer::onAcceptError(QAbstractSocket::SocketError error)
{
    if (m_acceptErrors++ == 0)
        qCWarning(lcWebhooks).noquote() << "cannot accept a connection:" << errorString() << "- retrying every"
                                        << m_limits.acceptRetryMs << "ms";
    pauseAccepting(); // Qt pauses by itself on resource errors, not on every kind
    // Out of file descriptors: what is open now is what fits, less a reserve for the database's
    // files. The quietest idle connections give theirs back, and from now on each new
    // connection takes the place of an idle one instead of failing.
    if (error == QAbstractSocket::SocketResourceError && m_open > 0) {
        const int fitting = qMax(16, m_open - 16);
        if (fitting < m_fitting) {
            qCWarning(lcWebhooks) << "at most" << fitting << "connections fit the open files limit";
            m_fitting = fitting;
        }
        while (m_open > m_fitting && makeRoom(m_guards)) { }
    }
    m_resume.start();
}

qint64 raiseOpenFileLimit()
{
#ifdef Q_OS_UNIX
    struct rlimit limit = {};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0)
        return -1;
    if (limit.rlim_cur < limit.rlim_max) {
        struct rlimit raised = limit;
        raised.rlim_cur = limit.rlim_max;
#ifdef Q_OS_MACOS
        raised.rlim_cur = qMin<rlim_t>(limit.rlim_max, OPEN_MAX);
#endif
        if (setrlimit(RLIMIT_NOFILE, &raised) == 0)
            limit = raised;
    }
    return limit.rlim_cur == RLIM_INFINITY ? std::numeric_limits<qint64>::max() : qint64(limit.rlim_cur);
#else
    return -1;
#endif
}

} // namespace Callvia::Services
