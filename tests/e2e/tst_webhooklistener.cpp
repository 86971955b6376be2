// The webhook listener over real HTTP on loopback against a real SQLite file. Signatures are
// the fixed vectors of integrations.md §7 or computed by the openssl tool, never by our code.
#include "webhooktestclient.h"

#include "../services/webhooks/testhandler.h"

#include <common/testdatabase.h>
#include <models/clock.h>
#include <models/repositories/eventrepository.h>
#include <models/sqlhelpers.h>
#include <services/providerconfig.h>
#include <services/webhooks/eventprocessor.h>
#include <services/webhooks/handlerregistry.h>
#include <services/webhooks/webhooklistener.h>

#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include <memory>
#include <vector>

using namespace Callvia;
using Tests::HttpReply;
using Tests::post;
using Tests::request;

namespace {

const QByteArray StripeBody = R"({"id":"evt_test_1","object":"event","type":"invoice.paid"})";
const QByteArray StripeHeader =
        "Stripe-Signature: t=1700000000,v1=3e3e661992c26c45d9105cbea450acc1a34f8c6dbafbd891f858c6fd9054fe3e";

// A listener with its own SQLite file, TestClock (at the vectors' instant) and environment.
struct Fixture
{
    std::unique_ptr<Tests::TestDatabase> holder;
    Models::TestClock clock { 1700000000000 };
    std::unique_ptr<Services::ProviderConfig> config;
    Services::HandlerRegistry handlers;
    Tests::TestHandler *stripe = nullptr;
    std::unique_ptr<Services::WebhookListener> listener;
    quint16 port = 0;

    qint64 count(const QString &where = QStringLiteral("1 = 1"))
    {
        auto q = Models::Sql::exec(holder->database(), QStringLiteral("SELECT COUNT(*) FROM events WHERE ") + where);
        return q.ok() && q.value().next() ? q.value().value(0).toLongLong() : -1;
    }
};

std::unique_ptr<Fixture> makeFixture(Services::ListenerLimits limits = {}, bool configured = true)
{
    auto f = std::make_unique<Fixture>();
    QString skip, error;
    f->holder = Tests::TestDatabase::create(QStringLiteral("sqlite"), &skip, &error);
    QProcessEnvironment env;
    if (configured) {
        env.insert(QStringLiteral("CALLVIA_STRIPE_WEBHOOK_SECRET"), QStringLiteral("whsec_old, whsec_test_secret"));
        env.insert(QStringLiteral("CALLVIA_RETELL_API_KEY"), QStringLiteral("test-api-key"));
        env.insert(QStringLiteral("CALLVIA_CALCOM_WEBHOOK_SECRET"), QStringLiteral("cal-test-secret"));
        env.insert(QStringLiteral("CALLVIA_SENDGRID_WEBHOOK_PUBLIC_KEY"),
                   QStringLiteral("MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEfNEEk6/wqDYdNR15q2Nyth8YEqIqK8ycBGJyvIwZ3tMqAWgf"
                                  "dKL3Z0OA3dzAGyDflk3jEo2vJbR4YQtwdJYlvw=="));
        env.insert(QStringLiteral("CALLVIA_MESSAGEBIRD_SIGNING_KEY"), QStringLiteral("mb-test-signing-key"));
        env.insert(QStringLiteral("CALLVIA_LISTENER_PUBLIC_URL"), QStringLiteral("https://hooks.example.com/"));
    }
    f->config = std::make_unique<Services::ProviderConfig>(nullptr, nullptr, env);
    auto stripe = std::make_unique<Tests::TestHandler>(QStringLiteral("stripe"));
    f->stripe = stripe.get();
    f->handlers.add(std::move(stripe));
    f->handlers.add(std::make_unique<Tests::TestHandler>(QStringLiteral("calcom")));
    Services::WebhookListener::Options options;
    options.limits = limits;
    f->listener = std::make_unique<Services::WebhookListener>(f->holder->database(), f->clock, *f->config,
                                                              f->handlers, options);
    if (f->listener->listen(QHostAddress::LocalHost, 0).isEmpty())
        f->port = f->listener->port();
    return f;
}

QJsonObject json(const HttpReply &reply)
{
    return QJsonDocument::fromJson(reply.body).object();
}

QByteArray jwtPart(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact)
            .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

} // namespace

class tst_WebhookListener : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void healthReportsDatabaseAndBacklog();
    void unknownRouteAndWrongMethod();
    void storesOnceAndAnswersDuplicates();
    void refusesBadMissingAndStaleSignatures();
    void unconfiguredProviderAnswers503();
    void malformedPayloadAnswers400NamingField();
    void acceptsRetellSendgridAndMessageBird();
    void refusesOversizedBodyWithoutReadingIt();
    void refusesHugeOrManyHeaders();
    void refusesContentLengthWithTransferEncoding();
    void servesKeepAliveAndChunkedRequests();
    void acceptsBodyArrivingAfterTheHead();
    void busyKeepAliveOutlivesTheHeadTimeout();
    void slowlorisDoesNotBlockOthers();
    void rateLimitsPerAddress();
    void forwardedClientCountsOnlyFromTrustedProxies(); // issue 26
    void signedRequestsHaveTheirOwnBudget();
    void capsConnectionsPerSource();
    void capsConnectionsGlobally();
    void databaseFailureAnswers503();
    void storingResumesWhenTheFaultClears();
    void storedEventsAreProcessed();
};

void tst_WebhookListener::healthReportsDatabaseAndBacklog()
{
    auto f = makeFixture();
    QVERIFY(f->port);
    QCOMPARE(request(f->port, post("/api/webhooks/stripe", StripeBody, { StripeHeader })).status, 200);
    const HttpReply reply = request(f->port, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
    QCOMPARE(reply.status, 200);
    QCOMPARE(json(reply).value(QLatin1String("database")).toBool(), true);
    QCOMPARE(json(reply).value(QLatin1String("backlog")).toInt(), 1);
    QVERIFY(json(reply).contains(QLatin1String("version")));
}

void tst_WebhookListener::unknownRouteAndWrongMethod()
{
    auto f = makeFixture();
    HttpReply reply = request(f->port, "GET /nope HTTP/1.1\r\nHost: x\r\n\r\n");
    QCOMPARE(reply.status, 404);
    QCOMPARE(json(reply).value(QLatin1String("error")).toString(), QStringLiteral("not_found"));
    QCOMPARE(request(f->port, post("/api/webhooks/paypal", "{}")).status, 404);
    reply = request(f->port, "GET /api/webhooks/stripe HTTP/1.1\r\nHost: x\r\n\r\n");
    QCOMPARE(reply.status, 405);
    QCOMPARE(reply.header("Allow"), QByteArray("POST"));
    QVERIFY(!json(reply).value(QLatin1String("detail")).toString().isEmpty());
    QCOMPARE(request(f->port, post("/healthz", "{}")).status, 405);
}

void tst_WebhookListener::storesOnceAndAnswersDuplicates()
{
    auto f = makeFixture();
    HttpReply reply = request(f->port, post("/api/webhooks/stripe", StripeBody, { StripeHeader }));
    QCOMPARE(reply.status, 200);
    QCOMPARE(json(reply).value(QLatin1String("status")).toString(), QStringLiteral("stored"));
    reply = request(f->port, post("/api/webhooks/stripe", StripeBody, { StripeHeader }));
    QCOMPARE(reply.status, 200);
    QCOMPARE(json(reply).value(QLatin1String("status")).toString(), QStringLiteral("duplicate"));
    QCOMPARE(f->count(), 1);
    const auto stored = Models::EventRepository(f->holder->database()).list({}).value();
    QCOMPARE(stored.first().providerEventId, QStringLiteral("evt_test_1"));
    QCOMPARE(stored.first().rawBody, StripeBody);
    QCOMPARE(stored.first().receivedAt, f->clock.nowMs());
}

void tst_WebhookListener::refusesBadMissingAndStaleSignatures()
{
    auto f = makeFixture();
    HttpReply reply = request(f->port, post("/api/webhooks/stripe", StripeBody));
    QCOMPARE(reply.status, 401);
    QByteArray tampered = StripeBody;
    tampered.replace("paid", "void");
    reply = request(f->port, post("/api/webhooks/stripe", tampered, { StripeHeader }));
    QCOMPARE(reply.status, 401);
    QCOMPARE(json(reply), QJsonObject({ { QStringLiteral("error"), QStringLiteral("invalid_signature") } }));
    f->clock.advanceSeconds(301);
    reply = request(f->port, post("/api/webhooks/stripe", StripeBody, { StripeHeader }));
    QCOMPARE(reply.status, 401);
    QCOMPARE(json(reply), QJsonObject({ { QStringLiteral("error"), QStringLiteral("stale_timestamp") } }));
    QCOMPARE(f->count(), 0);
}

void tst_WebhookListener::unconfiguredProviderAnswers503()
{
    auto f = makeFixture({}, false);
    const HttpReply reply = request(f->port, post("/api/webhooks/stripe", StripeBody, { StripeHeader }));
    QCOMPARE(reply.status, 503);
    QCOMPARE(json(reply).value(QLatin1String("error")).toString(), QStringLiteral("not_configured"));
    QCOMPARE(f->count(), 0);
}

void tst_WebhookListener::malformedPayloadAnswers400NamingField()
{
    auto f = makeFixture();
    const QByteArray body = R"({"triggerEvent":"BOOKING_CREATED","createdAt":"2024-01-01T00:00:00.000Z","payload":{"uid":"bk_123"}})";
    const HttpReply reply = request(f->port, post("/api/webhooks/calcom", body,
                                                  { "X-Cal-Signature-256: c8d849319b648f120cfe7a2e8d19fcd216a0e1f9922818104ca87da8a5b9fdc0" }));
    QCOMPARE(reply.status, 400);
    // The reason (which field) is logged; the answer is only the stable code.
    QCOMPARE(json(reply), QJsonObject({ { QStringLiteral("error"), QStringLiteral("invalid_payload") } }));
    QVERIFY(!reply.body.contains("startTime"));
    QCOMPARE(f->count(), 0);
}

void tst_WebhookListener::acceptsRetellSendgridAndMessageBird()
{
    auto f = makeFixture();
    QCOMPARE(request(f->port, post("/api/webhooks/retell", R"({"event":"call_ended"})",
                                   { "X-Retell-Signature: v=1700000000000,d=07024cabe7dd8f6d1c6e4a8324ca92c812e6ad4a7ee506c04f7e462e3321823e" }))
                     .status,
             200);
    const QByteArray sendgrid = R"([{"email":"a@example.com","event":"delivered","sg_event_id":"ev1","sg_message_id":"msg1.filter","timestamp":1700000000}])"
                                "\r\n";
    QCOMPARE(request(f->port, post("/api/webhooks/sendgrid", sendgrid,
                                   { "X-Twilio-Email-Event-Webhook-Timestamp: 1700000000",
                                     "X-Twilio-Email-Event-Webhook-Signature: MEYCIQCQX0vG1iPGhOslOnqR/Gt++Mvn8VCRAKUD9ghiy8IUIQIhAMszRjaw9lF04SJNqLwPP8xRvxp+yRoGS8of8y3oi03T" }))
                     .status,
             200);
    // MessageBird delivery report as GET; the JWT hashes the public URL (configured base + path + query).
    const QByteArray target = "/api/webhooks/messagebird?id=abc123&reference=lead-42&status=delivered";
    const QByteArray url = "https://hooks.example.com" + target;
    const QByteArray header = jwtPart({ { QStringLiteral("alg"), QStringLiteral("HS256") }, { QStringLiteral("typ"), QStringLiteral("JWT") } });
    const QByteArray claims = jwtPart({ { QStringLiteral("iss"), QStringLiteral("MessageBird") },
                                        { QStringLiteral("nbf"), 1700000000 }, { QStringLiteral("exp"), 1700000060 },
                                        { QStringLiteral("jti"), QStringLiteral("j-1") },
                                        { QStringLiteral("url_hash"), QString::fromLatin1(QCryptographicHash::hash(url, QCryptographicHash::Sha256).toHex()) } });
    const QByteArray signature = Tests::opensslHmac("sha256", "mb-test-signing-key", header + '.' + claims)
                                         .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    QCOMPARE(signature.size(), 43);
    const QByteArray get = "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nMessageBird-Signature-JWT: " + header + '.'
            + claims + '.' + signature + "\r\n\r\n";
    QCOMPARE(request(f->port, get).status, 200);
    QCOMPARE(request(f->port, QByteArray(get).replace("lead-42", "lead-43")).status, 401);
    QCOMPARE(f->count(), 3);
    const auto events = Models::EventRepository(f->holder->database()).list({ QString(), QStringLiteral("messagebird") }).value();
    QCOMPARE(events.size(), 1);
    QVERIFY2(events.first().rawBody.contains("reference=lead-42"), events.first().rawBody.constData());
}

void tst_WebhookListener::refusesOversizedBodyWithoutReadingIt()
{
    auto f = makeFixture();
    // Only the head is sent: the 413 must come before any body byte is buffered.
    const HttpReply reply = request(f->port, "POST /api/webhooks/stripe HTTP/1.1\r\nHost: x\r\n" + StripeHeader
                                                     + "\r\nContent-Length: 2000000\r\n\r\n");
    QCOMPARE(reply.status, 413);
    QCOMPARE(json(reply).value(QLatin1String("error")).toString(), QStringLiteral("payload_too_large"));
    QVERIFY(reply.closed);
}

void tst_WebhookListener::refusesHugeOrManyHeaders()
{
    auto f = makeFixture();
    QByteArray many;
    for (int i = 0; i < 101; ++i)
        many += "X-Filler-" + QByteArray::number(i) + ": v\r\n";
    QCOMPARE(request(f->port, "GET /healthz HTTP/1.1\r\nHost: x\r\n" + many + "\r\n").status, 431);
    QCOMPARE(request(f->port, "GET /healthz HTTP/1.1\r\nX-Big: " + QByteArray(65 * 1024, 'a') + "\r\n\r\n").status, 431);
}

void tst_WebhookListener::refusesContentLengthWithTransferEncoding()
{
    auto f = makeFixture();
    const QByteArray raw = "POST /api/webhooks/stripe HTTP/1.1\r\nHost: x\r\n" + StripeHeader
            + "\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n";
    const HttpReply reply = request(f->port, raw);
    QCOMPARE(reply.status, 400);
    QVERIFY(json(reply).value(QLatin1String("detail")).toString().contains(QLatin1String("Transfer-Encoding")));
    QCOMPARE(f->count(), 0);
}

void tst_WebhookListener::servesKeepAliveAndChunkedRequests()
{
    auto f = makeFixture();
    const QByteArray second = R"({"id":"evt_2","type":"invoice.paid"})";
    const QByteArray v1 = Tests::opensslHmac("sha256", "whsec_test_secret", "1700000000." + second).toHex();
    QByteArray chunked = "POST /api/webhooks/stripe HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
                         "Stripe-Signature: t=1700000000,v1=" + v1 + "\r\n\r\n";
    chunked += QByteArray::number(10, 16) + "\r\n" + second.left(10) + "\r\n" + QByteArray::number(second.size() - 10, 16)
            + "\r\n" + second.mid(10) + "\r\n0\r\n\r\n";
    const QList<HttpReply> replies = Tests::exchange(
            f->port, post("/api/webhooks/stripe", StripeBody, { StripeHeader }) + chunked + "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n", 3);
    QCOMPARE(replies.size(), 3);
    QCOMPARE(replies.at(0).status, 200);
    QCOMPARE(replies.at(1).status, 200);
    QCOMPARE(replies.at(2).status, 200);
    QCOMPARE(f->count(), 2);
}

void tst_WebhookListener::acceptsBodyArrivingAfterTheHead()
{
    auto f = makeFixture();
    const QByteArray raw = post("/api/webhooks/stripe", StripeBody, { StripeHeader });
    const int split = int(raw.indexOf("\r\n\r\n")) + 4;
    QTcpSocket socket;
    QByteArray received;
    connect(&socket, &QTcpSocket::readyRead, this, [&] { received += socket.readAll(); });
    socket.connectToHost(QHostAddress::LocalHost, f->port);
    QVERIFY(socket.waitForConnected(2000));
    socket.write(raw.left(split - 10)); // part of the head, then the rest, then the body in two pieces
    QTest::qWait(50);
    socket.write(raw.mid(split - 10, 10));
    QTest::qWait(50);
    socket.write(raw.mid(split, 20));
    QTest::qWait(50);
    QVERIFY(received.isEmpty());
    socket.write(raw.mid(split + 20));
    QTRY_VERIFY(received.contains("\"stored\""));
    QVERIFY(received.startsWith("HTTP/1.1 200"));
}

void tst_WebhookListener::busyKeepAliveOutlivesTheHeadTimeout()
{
    Services::ListenerLimits limits;
    limits.headTimeoutMs = 300;
    auto f = makeFixture(limits);
    QTcpSocket socket;
    QByteArray received;
    connect(&socket, &QTcpSocket::readyRead, this, [&] { received += socket.readAll(); });
    socket.connectToHost(QHostAddress::LocalHost, f->port);
    QVERIFY(socket.waitForConnected(2000));
    for (int i = 0; i < 8; ++i) { // 8 complete requests, 100 ms apart: 800 ms on one connection
        socket.write("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
        QTRY_COMPARE(received.count("HTTP/1.1 200"), i + 1);
        QTest::qWait(100);
    }
    QCOMPARE(socket.state(), QAbstractSocket::ConnectedState);
}

void tst_WebhookListener::slowlorisDoesNotBlockOthers()
{
    Services::ListenerLimits limits;
    limits.headTimeoutMs = 1500;
    auto f = makeFixture(limits);
    QList<QTcpSocket *> slow;
    for (int i = 0; i < 5; ++i) {
        slow.append(new QTcpSocket(this));
        slow.last()->connectToHost(QHostAddress::LocalHost, f->port);
        QVERIFY(slow.last()->waitForConnected(2000));
        slow.last()->write("POST /api/webhooks/stripe HTTP/1.1\r\nHost: x\r\nX-Slow: a");
    }
    QElapsedTimer timer;
    timer.start();
    // The good request is served while the slow heads are still open.
    QCOMPARE(request(f->port, post("/api/webhooks/stripe", StripeBody, { StripeHeader })).status, 200);
    QVERIFY(timer.elapsed() < 1500);
    for (QTcpSocket *socket : std::as_const(slow)) {
        QCOMPARE(socket->state(), QAbstractSocket::ConnectedState);
        socket->write("b"); // trickling bytes does not extend the head deadline
    }
    for (QTcpSocket *socket : std::as_const(slow))
        QTRY_VERIFY_WITH_TIMEOUT(socket->state() == QAbstractSocket::UnconnectedState, 5000);
    QVERIFY(timer.elapsed() >= 1400);
    qDeleteAll(slow);
}

void tst_WebhookListener::rateLimitsPerAddress()
{
    Services::ListenerLimits limits;
    limits.ratePerSecond = 1;
    limits.rateBurst = 2; // the TestClock stands still, so nothing refills
    auto f = makeFixture(limits);
    const QByteArray health = "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";
    QCOMPARE(request(f->port, health).status, 200);
    QCOMPARE(request(f->port, health).status, 200);
    const HttpReply limited = request(f->port, health);
    QCOMPARE(limited.status, 429);
    QCOMPARE(limited.header("Retry-After"), QByteArray("1"));
    QCOMPARE(json(limited).value(QLatin1String("error")).toString(), QStringLiteral("rate_limited"));
    QCOMPARE(request(f->port, health, 5000, QHostAddress(QStringLiteral("127.0.0.2"))).status, 200);
    f->clock.advanceSeconds(1);
    QCOMPARE(request(f->port, health).status, 200);
}

// Issue 26: behind a trusted reverse proxy each client it names has its own budget; a peer that
// is not a trusted proxy cannot pick its budget by sending the header.
void tst_WebhookListener::forwardedClientCountsOnlyFromTrustedProxies()
{
    Services::ListenerLimits limits;
    limits.ratePerSecond = 1;
    limits.rateBurst = 1; // the TestClock stands still, so nothing refills
    QString error;
    limits.trustedProxies = Services::TrustedProxies::parse(QStringLiteral("127.0.0.1"), &error);
    QCOMPARE(error, QString());
    auto f = makeFixture(limits);
    const QByteArray first = post("/api/webhooks/nope", "{}", { "X-Forwarded-For: 203.0.113.1" });
    const QByteArray second = post("/api/webhooks/nope", "{}", { "Forwarded: for=203.0.113.2" });
    QCOMPARE(request(f->port, first).status, 404);
    QCOMPARE(request(f->port, first).status, 429);
    QCOMPARE(request(f->port, second).status, 404); // another client behind the same proxy
    const QHostAddress untrusted(QStringLiteral("127.0.0.2"));
    QCOMPARE(request(f->port, first, 5000, untrusted).status, 404);
    QCOMPARE(request(f->port, second, 5000, untrusted).status, 429); // the header is ignored: one budget
}

// Behind a tunnel every request comes from one address: bad and unsigned requests spend that
// address's budget, and the providers' signed requests still get through on their own.
void tst_WebhookListener::signedRequestsHaveTheirOwnBudget()
{
    Services::ListenerLimits limits;
    limits.ratePerSecond = 1;
    limits.rateBurst = 5; // the TestClock stands still, so nothing refills
    limits.verifiedRatePerSecond = 1;
    limits.verifiedBurst = 3;
    auto f = makeFixture(limits);
    QList<int> flood;
    for (int i = 0; i < 12; ++i)
        flood << request(f->port, post("/api/webhooks/stripe", StripeBody, { "Stripe-Signature: t=1700000000,v1=00" })).status;
    QCOMPARE(flood.count(401), 5);
    QCOMPARE(flood.count(429), 7);
    QCOMPARE(request(f->port, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n").status, 429);
    QCOMPARE(request(f->port, post("/api/webhooks/nope", "{}")).status, 429);
    // The signed event is stored, then answered as a duplicate, until its own budget is spent.
    QCOMPARE(request(f->port, post("/api/webhooks/stripe", StripeBody, { StripeHeader })).status, 200);
    QCOMPARE(request(f->port, post("/api/webhooks/stripe", StripeBody, { StripeHeader })).status, 200);
    QCOMPARE(request(f->port, post("/api/webhooks/stripe", StripeBody, { StripeHeader })).status, 200);
    const HttpReply limited = request(f->port, post("/api/webhooks/stripe", StripeBody, { StripeHeader }));
    QCOMPARE(limited.status, 429);
    QCOMPARE(limited.header("Retry-After"), QByteArray("1"));
    QCOMPARE(f->count(), 1);
    f->clock.advanceSeconds(1);
    QCOMPARE(request(f->port, post("/api/webhooks/stripe", StripeBody, { StripeHeader })).status, 200);
}

namespace {

// Opens `count` connections from `from` that never send a byte.
std::vector<std::unique_ptr<QTcpSocket>> idleConnections(quint16 port, const QString &from, int count)
{
    std::vector<std::unique_ptr<QTcpSocket>> sockets;
    for (int i = 0; i < count; ++i) {
        sockets.push_back(std::make_unique<QTcpSocket>());
        sockets.back()->bind(QHostAddress(from));
        sockets.back()->connectToHost(QHostAddress::LocalHost, port);
        if (!sockets.back()->waitForConnected(2000))
            return {};
        QTest::qWait(5); // the listener (this thread) accepts it before the next one comes
    }
    return sockets;
}

int stillOpen(const std::vector<std::unique_ptr<QTcpSocket>> &sockets, size_t from = 0, size_t to = SIZE_MAX)
{
    int open = 0;
    for (size_t i = from; i < qMin(to, sockets.size()); ++i)
        open += sockets[i]->state() == QAbstractSocket::ConnectedState ? 1 : 0;
    return open;
}

} // namespace

// Past the cap for one address its longest-quiet connections are closed at once; other
// addresses are not touched, and a request from the capped address is still served.
void tst_WebhookListener::capsConnectionsPerSource()
{
    Services::ListenerLimits limits;
    limits.maxConnectionsPerSource = 5;
    auto f = makeFixture(limits);
    const auto other = idleConnections(f->port, QStringLiteral("127.0.0.4"), 3);
    const auto idle = idleConnections(f->port, QStringLiteral("127.0.0.3"), 8);
    QCOMPARE(idle.size(), size_t(8));
    QTRY_COMPARE(stillOpen(idle, 0, 3), 0); // the three oldest made room
    QTest::qWait(100);
    QCOMPARE(stillOpen(idle, 3), 5);
    QCOMPARE(stillOpen(other), 3);
    const HttpReply reply = request(f->port, post("/api/webhooks/stripe", StripeBody, { StripeHeader }), 5000,
                                    QHostAddress(QStringLiteral("127.0.0.3")));
    QCOMPARE(reply.status, 200);
    QTRY_COMPARE(stillOpen(idle, 3), 4); // its connection took the place of the oldest idle one
    QCOMPARE(stillOpen(other), 3);
}

void tst_WebhookListener::capsConnectionsGlobally()
{
    Services::ListenerLimits limits;
    limits.maxConnections = 6;
    auto f = makeFixture(limits);
    auto idle = idleConnections(f->port, QStringLiteral("127.0.0.5"), 4);
    auto more = idleConnections(f->port, QStringLiteral("127.0.0.6"), 4);
    QCOMPARE(more.size(), size_t(4));
    QTRY_COMPARE(stillOpen(idle, 0, 2), 0);
    QTest::qWait(100);
    QCOMPARE(stillOpen(idle) + stillOpen(more), 6);
    QCOMPARE(request(f->port, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n").status, 200);
}

void tst_WebhookListener::databaseFailureAnswers503()
{
    auto f = makeFixture();
    QVERIFY(Models::Sql::exec(f->holder->database(), QStringLiteral("DROP TABLE events")).ok());
    const HttpReply reply = request(f->port, post("/api/webhooks/stripe", StripeBody, { StripeHeader }));
    QCOMPARE(reply.status, 503);
    QCOMPARE(json(reply).value(QLatin1String("error")).toString(), QStringLiteral("unavailable"));
    QCOMPARE(request(f->port, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n").status, 503);
}

// The events table is moved away from under the listener and put back: 503 and an unhealthy
// signal naming the file while it is gone, then 200, a healthy signal and /healthz 200 again.
void tst_WebhookListener::storingResumesWhenTheFaultClears()
{
    auto f = makeFixture();
    QSignalSpy health(f->listener.get(), &Services::WebhookListener::databaseHealthChanged);
    Models::Database &database = f->holder->database();
    QVERIFY(Models::Sql::exec(database, QStringLiteral("ALTER TABLE events RENAME TO events_away")).ok());
    const QByteArray webhook = post("/api/webhooks/stripe", StripeBody, { StripeHeader });
    QCOMPARE(request(f->port, webhook).status, 503);
    QCOMPARE(request(f->port, webhook).status, 503);
    QCOMPARE(health.size(), 1); // one signal per fault, not one per batch
    QCOMPARE(health.at(0).at(0).toBool(), false);
    const QString error = health.at(0).at(1).toString();
    QVERIFY2(error.contains(database.url().path), qPrintable(error));
    QVERIFY(!f->listener->intake().databaseHealthy());
    QCOMPARE(request(f->port, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n").status, 503);

    QVERIFY(Models::Sql::exec(database, QStringLiteral("ALTER TABLE events_away RENAME TO events")).ok());
    QCOMPARE(request(f->port, webhook).status, 200);
    QCOMPARE(health.size(), 2);
    QCOMPARE(health.at(1).at(0).toBool(), true);
    QVERIFY(health.at(1).at(1).toString().isEmpty());
    QCOMPARE(request(f->port, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n").status, 200);
    QCOMPARE(f->count(), 1);
}

void tst_WebhookListener::storedEventsAreProcessed()
{
    auto f = makeFixture();
    Services::EventProcessor::Options options;
    options.maxAttempts = 2;
    options.baseBackoffMs = 5000;
    Services::EventProcessor processor(f->holder->database(), f->clock, f->handlers, options);
    connect(f->listener.get(), &Services::WebhookListener::eventsStored, &processor, &Services::EventProcessor::notifyStored);
    QCOMPARE(request(f->port, post("/api/webhooks/stripe", StripeBody, { StripeHeader })).status, 200);
    QTRY_COMPARE(f->stripe->applied(), QStringList({ "evt_test_1" }));
    QCOMPARE(f->count(QStringLiteral("status = 'processed'")), 1);

    // A failing event: backoff on the TestClock, final failure, then replay.
    const QByteArray body = R"({"id":"evt_fail","type":"invoice.paid","key":"in_9"})";
    const QByteArray v1 = Tests::opensslHmac("sha256", "whsec_test_secret", "1700000000." + body).toHex();
    f->stripe->setFailing(QStringLiteral("evt_fail"), true);
    QCOMPARE(request(f->port, post("/api/webhooks/stripe", body, { "Stripe-Signature: t=1700000000,v1=" + v1 })).status, 200);
    QTRY_COMPARE(f->count(QStringLiteral("attempts = 1 AND status = 'pending'")), 1);
    Models::EventRepository repository(f->holder->database());
    const Models::EventRecord failing = repository.list({ QString(), QString(), 1, 0 }).value().first();
    QCOMPARE(failing.nextAttemptAt, f->clock.nowMs() + 5000);
    QVERIFY(failing.lastError.contains(QLatin1String("evt_fail")));
    QCOMPARE(processor.processAvailable(), 0); // not due yet
    f->clock.advanceMs(5000);
    QCOMPARE(processor.processAvailable(), 1);
    QCOMPARE(repository.byId(failing.id).value().status, QStringLiteral("failed"));
    f->stripe->setFailing(QStringLiteral("evt_fail"), false);
    QVERIFY(!repository.replay(failing.id));
    QCOMPARE(processor.processAvailable(), 1);
    QCOMPARE(repository.byId(failing.id).value().status, QStringLiteral("processed"));
    QCOMPARE(f->stripe->applied(), QStringList({ "evt_test_1", "evt_fail" }));
}

QTEST_GUILESS_MAIN(tst_WebhookListener)
#include "tst_webhooklistener.moc"
