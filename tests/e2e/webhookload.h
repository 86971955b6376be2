#pragma once

#include "webhooktestclient.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QMap>
#include <QMessageAuthenticationCode>
#include <QObject>
#include <QTcpSocket>

#include <functional>
#include <memory>
#include <vector>

namespace Callvia {
namespace Tests {

// A Stripe-style event of about `size` bytes, signed with Qt's own HMAC (independent of the
// listener's OpenSSL code) for timestamp `t`. Events of one `invoice` are applied one after the
// other (ordering key "invoice:<id>").
inline QByteArray signedStripeRequest(const QByteArray &id, const QByteArray &secret, qint64 t, int size = 1500,
                                      const QByteArray &invoice = "in_1")
{
    QByteArray body = "{\"id\":\"" + id + "\",\"object\":\"event\",\"type\":\"invoice.paid\",\"created\":"
            + QByteArray::number(t) + ",\"data\":{\"object\":{\"id\":\"" + invoice
            + "\",\"status\":\"paid\",\"amount_paid\":200000,\"currency\":\"usd\"}},\"padding\":\"";
    body += QByteArray(qMax(0, size - int(body.size()) - 3), 'x') + "\"}";
    const QByteArray timestamp = QByteArray::number(t);
    const QByteArray v1 = QMessageAuthenticationCode::hash(timestamp + '.' + body, secret, QCryptographicHash::Sha256).toHex();
    return post("/api/webhooks/stripe", body, { "Stripe-Signature: t=" + timestamp + ",v1=" + v1 });
}

inline QByteArray hmacSha256Hex(const QByteArray &key, const QByteArray &data)
{
    return QMessageAuthenticationCode::hash(data, key, QCryptographicHash::Sha256).toHex();
}

// A Retell call_ended event for `callId` by agent `agentId` (X-Retell-Signature: HMAC-SHA256 of
// body + ms under the API key, signed now). The same arguments give the same body: a resend is a
// duplicate of the same provider event ("<callId>:call_ended").
inline QByteArray signedRetellCallEnded(const QByteArray &callId, const QByteArray &agentId, const QByteArray &apiKey,
                                        const QByteArray &toNumber, qint64 startMs, qint64 durationMs = 60'000)
{
    const QByteArray body = "{\"event\":\"call_ended\",\"call\":{\"call_id\":\"" + callId + "\",\"agent_id\":\"" + agentId
            + "\",\"direction\":\"outbound\",\"from_number\":\"+14155550100\",\"to_number\":\"" + toNumber
            + "\",\"call_status\":\"ended\",\"start_timestamp\":" + QByteArray::number(startMs)
            + ",\"end_timestamp\":" + QByteArray::number(startMs + durationMs) + ",\"duration_ms\":"
            + QByteArray::number(durationMs) + ",\"disconnection_reason\":\"user_hangup\"}}";
    const QByteArray v = QByteArray::number(QDateTime::currentMSecsSinceEpoch());
    return post("/api/webhooks/retell", body, { "X-Retell-Signature: v=" + v + ",d=" + hmacSha256Hex(apiKey, body + v) });
}

// A Cal.com BOOKING_CREATED for booking `uid` of event type `eventTypeId`, starting at `startMs`
// (30 minutes), created at `createdAt` (ISO 8601, part of the provider event id
// "BOOKING_CREATED:<uid>:<createdAt>"), signed with X-Cal-Signature-256.
inline QByteArray signedCalcomBookingCreated(const QByteArray &uid, qint64 eventTypeId, const QByteArray &secret,
                                             qint64 startMs, const QByteArray &createdAt)
{
    auto iso = [](qint64 ms) { return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs).toUtf8(); };
    const QByteArray body = "{\"triggerEvent\":\"BOOKING_CREATED\",\"createdAt\":\"" + createdAt
            + "\",\"payload\":{\"uid\":\"" + uid + "\",\"eventTypeId\":" + QByteArray::number(eventTypeId)
            + ",\"title\":\"Consultation\",\"startTime\":\"" + iso(startMs) + "\",\"endTime\":\""
            + iso(startMs + 30 * 60'000) + "\",\"attendees\":[{\"name\":\"Load Test\",\"email\":\"" + uid
            + "@example.com\",\"timeZone\":\"America/New_York\"}]}}";
    return post("/api/webhooks/calcom", body, { "X-Cal-Signature-256: " + hmacSha256Hex(secret, body) });
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
    QMap<int, int> otherStatuses; // status -> how many answers other than 200
    QByteArray lastOther; // the last such answer, for a failure message
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
            else {
                ++other;
                ++otherStatuses[reply.status];
                lastOther = reply.head + "\r\n\r\n" + reply.body;
            }
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
