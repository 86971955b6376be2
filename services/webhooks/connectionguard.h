#pragma once

#include "httpframeguard.h"

#include <QObject>
#include <QTimer>

class QTcpSocket;

namespace Callvia::Services {

class GuardedTcpServer;

// Watches one accepted socket (it is the socket's child): feeds its bytes to an HttpFrameGuard
// by peeking, so QHttpServer still reads them all; applies the head/body/idle timeouts and the
// rate limit per request; hands the socket to QHttpServer after the first sane head.
class ConnectionGuard final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionGuard)
public:
    ConnectionGuard(QTcpSocket *socket, GuardedTcpServer *server);

private:
    void onReadyRead();
    void afterOthersRead();
    void onTimeout();
    void onNewHeads(int count);
    void refuse(int status, const QByteArray &error, const QString &detail, int retryAfterSeconds = 0);
    void updateTimer(bool newRequest);

    QTcpSocket *m_socket;
    GuardedTcpServer *m_server;
    HttpFrameGuard m_frame;
    QTimer m_timer;
    HttpFrameGuard::Phase m_phase = HttpFrameGuard::Phase::Idle;
    qint64 m_seenUnread = 0; // bytes at the front of the socket buffer already fed to m_frame
    bool m_handedOver = false;
    bool m_refused = false;
    QString m_source;
};

} // namespace Callvia::Services
