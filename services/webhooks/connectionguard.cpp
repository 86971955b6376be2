#include "connectionguard.h"
#include "guardedtcpserver.h"

#include <QLoggingCategory>
#include <QTcpSocket>

Q_DECLARE_LOGGING_CATEGORY(lcWebhooks)

namespace Callvia::Services {

ConnectionGuard::ConnectionGuard(QTcpSocket *socket, GuardedTcpServer *server)
    : QObject(socket), m_socket(socket), m_server(server), m_frame(server->limits().frame),
      m_source(socket->peerAddress().toString())
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &ConnectionGuard::onTimeout);
    // Connected before QHttpServer's own slot, so every byte is checked before it parses it.
    connect(socket, &QTcpSocket::readyRead, this, &ConnectionGuard::onReadyRead);
    connect(socket, &QTcpSocket::disconnected, socket, [socket, this] {
        if (!m_handedOver)
            socket->deleteLater();
    });
    m_timer.start(server->limits().headTimeoutMs); // a connection that says nothing is a slow head
    if (socket->bytesAvailable() > 0)
        onReadyRead();
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
    const int headsBefore = m_frame.completedHeads();
    const bool ok = m_frame.feed(fresh.constData(), fresh.size());
    if (m_frame.completedHeads() > headsBefore)
        onNewHeads(m_frame.completedHeads() - headsBefore);
    if (m_refused)
        return;
    if (!ok) {
        const HttpFrameGuard::Refusal &refusal = m_frame.refusal();
        refuse(refusal.status, refusal.error, refusal.detail);
        return;
    }
    updateTimer(m_frame.completedHeads() > headsBefore);
}

void ConnectionGuard::onNewHeads(int count)
{
    for (int i = 0; i < count; ++i) {
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
