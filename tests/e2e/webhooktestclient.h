#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QHostAddress>
#include <QList>
#include <QProcess>
#include <QTcpSocket>
#include <QTimer>

namespace Callvia::Tests {

// A parsed HTTP response as read off a raw socket (status 0 = nothing came back).
struct HttpReply
{
    int status = 0;
    QByteArray head;
    QByteArray body;
    bool closed = false;
    QByteArray header(const QByteArray &name) const
    {
        for (const QByteArray &line : head.split('\n')) {
            const int colon = line.indexOf(':');
            if (colon > 0 && line.left(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0)
                return line.mid(colon + 1).trimmed();
        }
        return {};
    }
};

// Parses one complete response from the front of `buffer` (removing it); false if incomplete.
inline bool takeReply(QByteArray *buffer, HttpReply *reply)
{
    const int end = int(buffer->indexOf("\r\n\r\n"));
    if (end < 0)
        return false;
    reply->head = buffer->left(end);
    reply->status = reply->head.mid(9, 3).toInt();
    const int length = reply->header("Content-Length").toInt();
    if (buffer->size() < end + 4 + length)
        return false;
    reply->body = buffer->mid(end + 4, length);
    buffer->remove(0, end + 4 + length);
    return true;
}

// Sends raw bytes on a fresh connection (optionally from a given local address) and spins the
// event loop (the server runs in this thread) until `count` responses or the close arrive.
inline QList<HttpReply> exchange(quint16 port, const QByteArray &raw, int count = 1, int timeoutMs = 5000,
                                 const QHostAddress &from = {})
{
    QTcpSocket socket;
    if (!from.isNull())
        socket.bind(from);
    socket.connectToHost(QHostAddress::LocalHost, port);
    socket.write(raw);
    QByteArray buffer;
    QList<HttpReply> replies;
    QEventLoop loop;
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    QObject::connect(&socket, &QTcpSocket::readyRead, &loop, [&] {
        buffer += socket.readAll();
        HttpReply reply;
        while (takeReply(&buffer, &reply))
            replies.append(reply);
        // A reply that announces "Connection: close" is complete only when the server closes.
        if (replies.size() >= count && replies.last().header("Connection").toLower() != "close")
            loop.quit();
    });
    QObject::connect(&socket, &QTcpSocket::disconnected, &loop, &QEventLoop::quit);
    loop.exec();
    if (!replies.isEmpty() && socket.state() == QAbstractSocket::ConnectedState)
        socket.waitForDisconnected(0);
    if (socket.state() != QAbstractSocket::ConnectedState && !replies.isEmpty())
        replies.last().closed = true;
    return replies;
}

inline HttpReply request(quint16 port, const QByteArray &raw, int timeoutMs = 5000, const QHostAddress &from = {})
{
    const QList<HttpReply> replies = exchange(port, raw, 1, timeoutMs, from);
    return replies.isEmpty() ? HttpReply() : replies.first();
}

inline QByteArray post(const QByteArray &path, const QByteArray &body, const QList<QByteArray> &headers = {})
{
    QByteArray raw = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n";
    for (const QByteArray &header : headers)
        raw += header + "\r\n";
    return raw + "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

// HMAC computed by the openssl command line tool, independently of the code under test.
inline QByteArray opensslHmac(const QByteArray &digest, const QByteArray &key, const QByteArray &data)
{
    QProcess openssl;
    openssl.start(QStringLiteral("openssl"), { QStringLiteral("dgst"), QLatin1String("-") + QLatin1String(digest),
                                               QStringLiteral("-hmac"), QString::fromUtf8(key), QStringLiteral("-binary") });
    openssl.write(data);
    openssl.closeWriteChannel();
    openssl.waitForFinished();
    return openssl.readAllStandardOutput();
}

} // namespace Callvia::Tests
