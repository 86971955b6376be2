#include "connectionguard.h"
#include "guardedtcpserver.h"

#include <QLoggingCategory>
#include <QTcpSocket>

#ifdef Q_OS_UNIX
#include <sys/socket.h>
#endif

Q_DECLARE_LOGGING_CATEGORY(lcWebhooks)

namespace Callvia::Services {

ConnectionGuard::ConnectionGuard(QTcpSocket *socket, GuardedTcpServer *server, QString source)
    : QObject(socket), m_socket(socket), m_server(server), m_frame(server->limits().frame),
      m_registered(true), m_source(std::move(source)), m_entry(server->add(this, m_source))
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &ConnectionGuard::onTimeout);
    // Connected before QHttpServer's own slot, so every byte is checked before it parses it.
    connect(socket, &QTcpSocket::readyRead, this, &ConnectionGuard::onReadyRead);
    connect(socket, &QTcpSocket::bytesWritten, this, &ConnectionGuard::onBytesWritten);
    connect(socket, &QTcpSocket::disconnected, socket, [socket, this] {
        unregister(); // the cap counts open connections; this one is over
        if (!m_handedOver)
            socket->deleteLater();
    });
    m_timer.start(server->limits().headTimeoutMs); // a connection that says nothing is a slow head
    if (socket->bytesAvailable() > 0)
        onReadyRead();
}

ConnectionGuard::~ConnectionGuard()
{
    unregister();
}

void ConnectionGuard::unregister()
{
    if (!m_registered)
        return;
    m_registered = false;
    m_server->remove(m_entry, m_source);
}

void ConnectionGuard::touch()
{
    if (m_registered)
        m_server->touch(m_entry, m_source);
}

bool ConnectionGuard::hasUnreadBytes() const
{
    if (m_socket->bytesAvailable() > m_seenUnread)
        return true;
#ifdef Q_OS_UNIX
    char byte = 0; // Qt's sockets are non-blocking: this returns at once
    return ::recv(int(m_socket->socketDescriptor()), &byte, 1, MSG_PEEK) > 0;
#else
    return false;
#endif
}

void ConnectionGuard::evict()
{
    unregister();
    m_refused = true;
    Q_EMIT m_server->connectionRefused(503, m_source, QStringLiteral("connection cap"));
    m_socket->abort();
    if (!m_handedOver)
        m_socket->deleteLater();
}

void ConnectionGuard::flush()
{
    if (m_socket->bytesToWrite() > 0)
        m_socket->flush();
}

// The answer (or the last of several pipelined ones) is out: the connection is idle again.
void ConnectionGuard::onBytesWritten()
{
    if (m_socket->bytesToWrite() == 0 && m_awaitingAnswer) {
        m_awaitingAnswer = false;
        touch();
    }
}

void ConnectionGuard::onReadyRead()
{
    if (m_refused) {
        m_socket->readAll(); // discard what a refused client still sends
        return;
    }
    const qint64 available = m_socket->bytesAvailable();
    if (available <= m_seenUnread)
        return;
    const QByteArray fresh = m_socket->peek(available).mid(m_seenUnread);
    m_seenUnread = available;
    touch();
    const int headsBefore = m_frame.completedHeads();
    const bool ok = m_frame.feed(fresh.constData(), fresh.size());
    if (m_frame.completedHeads() > headsBefore)
        onNewHeads(m_frame.takeCompletedTargets());
    if (m_refused)
        return;
    if (!ok) {
        const HttpFrameGuard::Refusal &refusal = m_frame.refusal();
        refuse(refusal.status, refusal.error, refusal.detail);
        return;
    }
    updateTimer(m_frame.completedHeads() > headsBefore);
}

void ConnectionGuard::onNewHeads(const QList<QByteArray> &targets)
{
    m_awaitingAnswer = true;
    for (const QByteArray &target : targets) {
        // A webhook is charged by the listener once its signature is checked: a verified one
        // against the providers' own budget, so unsigned floods from the same address (a
        // tunnel's) cannot use it up.
        if (target.startsWith("/api/webhooks/"))
            continue;
        int retryAfter = 0;
        if (!m_server->allowRequest(m_source, &retryAfter)) {
            refuse(429, "rate_limited", QStringLiteral("too many requests from this address"), retryAfter);
            return;
        }
    }
    if (m_handedOver || !m_frame.refusal().error.isEmpty())
        return;
    m_handedOver = true;
    m_server->handOver(m_socket); // QHttpServer connects its readyRead slot synchronously
    connect(m_socket, &QTcpSocket::readyRead, this, &ConnectionGuard::afterOthersRead);
    // The buffered bytes arrived before QHttpServer listened: announce them once more.
    QMetaObject::invokeMethod(
            m_socket, [socket = m_socket] { Q_EMIT socket->readyRead(); }, Qt::QueuedConnection);
}

void ConnectionGuard::afterOthersRead()
{
    m_seenUnread = m_socket->bytesAvailable();
}

// Restarts the timer for the phase the stream is in when that phase began anew (a new head,
// body or idle period); bytes trickling into the same head do not extend its deadline.
void ConnectionGuard::updateTimer(bool newRequest)
{
    const HttpFrameGuard::Phase phase = m_frame.phase();
    if (phase == m_phase && !newRequest)
        return;
    m_phase = phase;
    const ListenerLimits &limits = m_server->limits();
    m_timer.start(phase == HttpFrameGuard::Phase::Head   ? limits.headTimeoutMs
                          : phase == HttpFrameGuard::Phase::Body ? limits.bodyTimeoutMs
                                                                 : limits.idleTimeoutMs);
}

void ConnectionGuard::onTimeout()
{
    if (m_refused) {
        m_socket->abort();
        return;
    }
    qCInfo(lcWebhooks).noquote() << "closing connection from" << m_source << "after a timeout";
    Q_EMIT m_server->connectionRefused(408, m_source, QStringLiteral("timeout"));
    m_socket->abort();
}

void ConnectionGuard::refuse(int status, const QByteArray &error, const QString &detail, int retryAfterSeconds)
{
    m_refused = true;
    qCInfo(lcWebhooks).noquote() << "refused" << status << "from" << m_source << ":" << detail;
    Q_EMIT m_server->connectionRefused(status, m_source, detail);
    m_socket->readAll(); // QHttpServer (if it has the socket) must not parse the rejected bytes
    m_socket->write(GuardedTcpServer::errorResponse(status, error, detail, retryAfterSeconds));
    m_socket->disconnectFromHost();
    m_timer.start(2000); // then abort if the peer does not close
}

} // namespace Callvia::Services
