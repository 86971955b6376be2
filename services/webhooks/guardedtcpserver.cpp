#include "guardedtcpserver.h"
#include "connectionguard.h"

#include <models/clock.h>

#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>

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

} // namespace

GuardedTcpServer::GuardedTcpServer(ListenerLimits limits, const Models::Clock &clock, QObject *parent)
    : QTcpServer(parent), m_limits(limits), m_clock(clock), m_rateLimiter(limits.ratePerSecond, limits.rateBurst)
{
}

bool GuardedTcpServer::allowRequest(const QString &source, int *retryAfterSeconds)
{
    return m_rateLimiter.take(source, m_clock.nowMs(), retryAfterSeconds);
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
    new ConnectionGuard(socket, this);
}

} // namespace Callvia::Services
