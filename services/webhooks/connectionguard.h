#pragma once

#include "guardedtcpserver.h"
#include "httpframeguard.h"

#include <QObject>
#include <QTimer>

class QTcpSocket;

namespace Callvia::Services {

// Watches one accepted socket (it is the socket's child): feeds its bytes to an HttpFrameGuard
// by peeking, so QHttpServer still reads them all; applies the head/body/idle timeouts and the
// rate limit per request (webhook routes are charged later, once their signature is checked);
// hands the socket to QHttpServer after the first sane head. Registered with the server from
// construction to the socket's end, so the connection caps can count it and close it.
class ConnectionGuard final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionGuard)
public:
    ConnectionGuard(QTcpSocket *socket, GuardedTcpServer *server, QString source);
    ~ConnectionGuard() override;

    const QString &source() const { return m_source; }
    // A whole request was read and its answer is not written out yet: not to be closed for
    // room. (A body still arriving is not: a slow body must not hold a place for 30 s.)
    bool busy() const
    {
        return m_awaitingAnswer && !m_refused && m_frame.phase() != HttpFrameGuard::Phase::Body;
    }
    // Bytes wait in the socket's buffer or the kernel's (a request is arriving).
    bool hasUnreadBytes() const;
    // Called by the server only.
    void touch();
    void evict(); // closes at once and leaves the registry (a connection cap needs room)
    void flush();
    void detach() { m_registered = false; } // the server is being destroyed

private:
    void onReadyRead();
    void afterOthersRead();
    void onBytesWritten();
    void onTimeout();
    void onNewHeads(const QList<QByteArray> &targets);
    void refuse(int status, const QByteArray &error, const QString &detail, int retryAfterSeconds = 0);
    void updateTimer(bool newRequest);
    void unregister();

    QTcpSocket *m_socket;
    GuardedTcpServer *m_server;
    HttpFrameGuard m_frame;
    QTimer m_timer;
    HttpFrameGuard::Phase m_phase = HttpFrameGuard::Phase::Idle;
    qint64 m_seenUnread = 0; // bytes at the front of the socket buffer already fed to m_frame
    bool m_handedOver = false;
    bool m_refused = false;
    bool m_awaitingAnswer = false;
    bool m_registered = false;
    QString m_source;
    GuardedTcpServer::Entry m_entry;
};

} // namespace Callvia::Services
