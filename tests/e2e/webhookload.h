#pragma once

#include "webhooktestclient.h"

#include <QElapsedTimer>
#include <QHostAddress>
#include <QMessageAuthenticationCode>
#include <QObject>
#include <QTcpSocket>

#include <functional>
#include <memory>
#include <vector>

namespace Callvia {
namespace Tests {

// A Stripe-style event of about `size` bytes, signed with Qt's own HMAC (independent of the
// listener's OpenSSL code) for timestamp `t`.
inline QByteArray signedStripeRequest(const QByteArray &id, const QByteArray &secret, qint64 t, int size = 1500)
{
    QByteArray body = "{\"id\":\"" + id + "\",\"object\":\"event\",\"type\":\"invoice.paid\",\"created\":"
            + QByteArray::number(t)
            + ",\"data\":{\"object\":{\"id\":\"in_1\",\"status\":\"paid\",\"amount_paid\":200000,"
              "\"currency\":\"usd\"}},\"padding\":\"";
    body += QByteArray(qMax(0, size - int(body.size()) - 3), 'x') + "\"}";
    const QByteArray timestamp = QByteArray::number(t);
    const QByteArray v1 = QMessageAuthenticationCode::hash(timestamp + '.' + body, secret, QCryptographicHash::Sha256).toHex();
    return post("/api/webhooks/stripe", body, { "Stripe-Signature: t=" + timestamp + ",v1=" + v1 });
}

// Drives `connections` keep-alive connections, each sending the next request as soon as the
// previous one is answered, until `total` requests were sent. Records acknowledged ids and
// latencies. Runs on the caller's event loop.
class LoadDriver final : public QObject
{
    Q_OBJECT
public:
    using Maker = std::function<QByteArray(int index, QByteArray *id)>;

    LoadDriver(quint16 port, int connections, int total, Maker maker)
        : m_port(port), m_connections(connections), m_total(total), m_maker(std::move(maker))
    {
    }

    void start()
    {
        m_clock.start();
        for (int i = 0; i < m_connections; ++i)
            open();
    }

    // Sends nothing more; each connection finishes after its request in flight is answered.
    void stop() { m_total = m_sent; }

    QList<QByteArray> acked;
    QList<qint64> latenciesNs;
    int failures = 0;
    int other = 0;
    qint64 elapsedMs() const { return m_clock.elapsed(); }

Q_SIGNALS:
    void finished();
    void progressed(int acked);

private:
    struct Connection
    {
        std::unique_ptr<QTcpSocket> socket;
        QByteArray buffer;
        QByteArray id;
        qint64 sentNs = 0;
        bool done = false;
    };

    void open()
    {
        auto connection = std::make_shared<Connection>();
        connection->socket = std::make_unique<QTcpSocket>();
        QTcpSocket *socket = connection->socket.get();
        connect(socket, &QTcpSocket::connected, this, [this, connection] { sendNext(*connection); });
        connect(socket, &QTcpSocket::readyRead, this, [this, connection] { onData(*connection); });
        connect(socket, &QTcpSocket::errorOccurred, this, [this, connection] { onClosed(*connection); });
        socket->connectToHost(QHostAddress::LocalHost, m_port);
        m_open.push_back(connection);
        ++m_active;
    }

    void sendNext(Connection &c)
    {
        if (m_sent >= m_total) {
            finish(c);
            c.socket->disconnectFromHost();
            return;
        }
        const QByteArray raw = m_maker(m_sent++, &c.id);
        c.sentNs = m_clock.nsecsElapsed();
        c.socket->write(raw);
    }

    void onData(Connection &c)
    {
        c.buffer += c.socket->readAll();
        HttpReply reply;
        while (takeReply(&c.buffer, &reply)) {
            latenciesNs.append(m_clock.nsecsElapsed() - c.sentNs);
            if (reply.status == 200)
                acked.append(c.id);
            else
                ++other;
            Q_EMIT progressed(int(acked.size()));
            sendNext(c);
        }
    }

    void onClosed(Connection &c)
    {
        if (c.done)
            return;
        ++failures; // the request in flight (if any) got no answer
        finish(c);
    }

    void finish(Connection &c)
    {
        if (c.done)
            return;
        c.done = true;
        if (--m_active == 0)
            Q_EMIT finished();
    }

    quint16 m_port;
    int m_connections;
    int m_total;
    Maker m_maker;
    QElapsedTimer m_clock;
    std::vector<std::shared_ptr<Connection>> m_open;
    int m_sent = 0;
    int m_active = 0;
};

} // namespace Tests
} // namespace Callvia
