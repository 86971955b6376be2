#include "fakeprovider.h"

#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

namespace Callvia::Fakes {

// Keeps the accepted sockets so goDown() can drop open keep-alive connections too.
class TrackingTcpServer final : public QTcpServer
{
public:
    using QTcpServer::QTcpServer;
    void dropAll()
    {
        for (const QPointer<QTcpSocket> &socket : std::as_const(m_sockets)) {
            if (socket)
                socket->abort();
        }
        m_sockets.clear();
    }

protected:
    void incomingConnection(qintptr descriptor) override
    {
        auto *socket = new QTcpSocket(this);
        socket->setSocketDescriptor(descriptor);
        m_sockets << socket;
        addPendingConnection(socket);
    }

private:
    QList<QPointer<QTcpSocket>> m_sockets;
};

QByteArray FakeProvider::Received::header(const QByteArray &name) const
{
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

FakeProvider::FakeProvider(QString name, QString apiKey, QObject *parent)
    : QObject(parent), m_name(std::move(name)), m_apiKey(std::move(apiKey)), m_http(new QHttpServer(this))
{
    m_http->setMissingHandler([this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
        handle(request, std::move(responder));
    });
}

FakeProvider::~FakeProvider()
{
    m_hanging.clear();
}

quint16 FakeProvider::listen(quint16 port)
{
    m_tcp = new TrackingTcpServer(m_http);
    if (!m_tcp->listen(QHostAddress::LocalHost, port)) {
        delete m_tcp;
        m_tcp = nullptr;
        return 0;
    }
    m_http->bind(m_tcp);
    m_port = m_tcp->serverPort();
    return m_port;
}

QString FakeProvider::baseUrl() const
{
    return QStringLiteral("http://127.0.0.1:%1").arg(m_port);
}

void FakeProvider::setMode(Mode mode, int count, int status, int delayMs)
{
    m_mode = mode;
    m_modeCount = count;
    m_failStatus = status;
    m_delayMs = delayMs;
}

void FakeProvider::goDown()
{
    if (!m_tcp)
        return;
    m_tcp->close();
    m_tcp->dropAll();
    m_hanging.clear();
}

bool FakeProvider::comeBack()
{
    return m_tcp && m_tcp->listen(QHostAddress::LocalHost, m_port);
}

QHash<QString, int> FakeProvider::executedPerKey() const
{
    QMutexLocker lock(&m_mutex);
    return m_executedPerKey;
}

QList<QString> FakeProvider::executionOrder() const
{
    QMutexLocker lock(&m_mutex);
    return m_order;
}

QList<FakeProvider::Received> FakeProvider::received() const
{
    QMutexLocker lock(&m_mutex);
    return m_received;
}

QByteArray FakeProvider::expectedAuthorization() const
{
    return QByteArrayLiteral("Bearer ") + m_apiKey.toUtf8();
}

FakeProvider::Reply FakeProvider::json(int status, const QByteArray &body)
{
    return { status, body, { { "Content-Type", "application/json" } }, {} };
}

FakeProvider::Mode FakeProvider::takeMode()
{
    const Mode mode = m_mode;
    if (m_modeCount > 0 && --m_modeCount == 0)
        m_mode = Mode::Normal;
    return mode;
}

void FakeProvider::handle(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    ++m_requests;
    Received r;
    r.method = request.method() == QHttpServerRequest::Method::Get ? QByteArrayLiteral("GET") : QByteArrayLiteral("POST");
    r.path = request.url().path();
    r.query = request.url().query(QUrl::FullyDecoded);
    r.headers = request.headers();
    r.body = request.body();
    if (m_keepRequests) {
        QMutexLocker lock(&m_mutex);
        m_received << r;
    }
    emit requestReceived();
    const Mode mode = takeMode();
    if (mode == Mode::Hang) {
        m_hanging << std::make_shared<QHttpServerResponder>(std::move(responder));
        return;
    }
    if (mode == Mode::Fail)
        return write(responder, json(m_failStatus, errorBody(m_failStatus, QStringLiteral("simulated failure"))));
    if (mode == Mode::Throttle) {
        Reply reply = json(429, errorBody(429, QStringLiteral("too many requests")));
        reply.headers << qMakePair(QByteArrayLiteral("Retry-After"), m_retryAfter);
        return write(responder, reply);
    }
    Reply reply;
    if (r.header("Authorization") != expectedAuthorization())
        reply = json(401, errorBody(401, QStringLiteral("missing or wrong authorization")));
    else
        reply = answer(r);
    if (!reply.executedKey.isEmpty()) {
        ++m_executed;
        QMutexLocker lock(&m_mutex);
        ++m_executedPerKey[reply.executedKey];
        m_order << reply.executedKey;
    }
    if (mode == Mode::Garbage)
        reply = { 200, QByteArrayLiteral("<html><body>502 upstream garbled</body"), { { "Content-Type", "text/html" } }, {} };
    if (mode == Mode::Slow) {
        auto held = std::make_shared<QHttpServerResponder>(std::move(responder));
        QTimer::singleShot(m_delayMs, this, [this, held, reply] { write(*held, reply); });
        return;
    }
    write(responder, reply);
}

void FakeProvider::write(QHttpServerResponder &responder, const Reply &reply)
{
    responder.writeStatusLine(static_cast<QHttpServerResponder::StatusCode>(reply.status));
    for (const auto &header : reply.headers)
        responder.writeHeader(header.first, header.second);
    responder.writeHeader("Content-Length", QByteArray::number(reply.body.size()));
    responder.writeBody(reply.body);
}

} // namespace Callvia::Fakes
