// Hostile HTTP against the real `callvia --headless` on loopback: slowloris, half-open and
// garbage connections, an oversized request line, 1,000 headers, request smuggling, a wrong
// Content-Length, pipelining and a client that never reads. Throughout, a well-behaved client's
// signed webhook must be answered within one second, the process's memory must stay bounded
// and nothing half-parsed may be stored. Bounded: ~15 s, a few hundred sockets, loopback only.
#include "listenerprocess.h"
#include "webhookload.h"

#include <QDateTime>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

#include <memory>
#include <vector>

using namespace Callvia;

namespace {

const QByteArray Secret = "whsec_hostile_test";

int countEvents(const QString &path)
{
    int count = -1;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("hostile-check"));
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery query(QStringLiteral("SELECT COUNT(*) FROM events"), db);
            if (query.next())
                count = query.value(0).toInt();
        }
    }
    QSqlDatabase::removeDatabase(QStringLiteral("hostile-check"));
    return count;
}

// Connects and returns the socket (owned by the list).
QTcpSocket *connectTo(std::vector<std::unique_ptr<QTcpSocket>> &sockets, quint16 port)
{
    sockets.push_back(std::make_unique<QTcpSocket>());
    QTcpSocket *socket = sockets.back().get();
    socket->connectToHost(QHostAddress::LocalHost, port);
    return socket;
}

// Sends `raw` on a fresh connection and collects what comes back until the server closes
// or `timeoutMs` passes.
QByteArray sendAndCollect(quint16 port, const QByteArray &raw, int timeoutMs = 3000)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(2000))
        return {};
    socket.write(raw);
    QByteArray answer;
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < timeoutMs && socket.state() == QAbstractSocket::ConnectedState) {
        if (socket.waitForReadyRead(100))
            answer += socket.readAll();
        if (answer.contains("\r\n\r\n") && answer.contains("\"error\""))
            break;
    }
    return answer + socket.readAll();
}

} // namespace

class tst_HostileHttp : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void goodClientIsServedThroughHostileTraffic();
};

void tst_HostileHttp::goodClientIsServedThroughHostileTraffic()
{
    QTemporaryDir dir;
    const QString database = dir.filePath(QStringLiteral("hostile.sqlite"));
    QProcess server;
    const quint16 port = Tests::startHeadlessListener(&server, database, Secret);
    QVERIFY(port);
    const qint64 pid = server.processId();
    const qint64 now = QDateTime::currentSecsSinceEpoch();

    // Warm up, then take the baseline memory.
    for (int i = 0; i < 20; ++i)
        QCOMPARE(Tests::request(port, Tests::signedStripeRequest("evt_warm_" + QByteArray::number(i), Secret, now)).status, 200);
    const qint64 baselineKb = Tests::residentKb(pid);
    QVERIFY(baselineKb > 0);

    std::vector<std::unique_ptr<QTcpSocket>> hostile;
    // 200 slowloris connections: a request line, then one header byte every 2 s.
    for (int i = 0; i < 200; ++i)
        connectTo(hostile, port)->write("POST /api/webhooks/stripe HTTP/1.1\r\nHost: x\r\n");
    const int slowlorisEnd = int(hostile.size());
    QTimer drip;
    connect(&drip, &QTimer::timeout, this, [&] {
        for (int i = 0; i < slowlorisEnd; ++i)
            if (hostile[size_t(i)]->state() == QAbstractSocket::ConnectedState)
                hostile[size_t(i)]->write("X");
    });
    drip.start(2000);
    // 50 half-open connections that never send a byte.
    for (int i = 0; i < 50; ++i)
        connectTo(hostile, port);
    // 20 connections of binary garbage.
    QRandomGenerator rng(11);
    for (int i = 0; i < 20; ++i) {
        QByteArray junk(4096, Qt::Uninitialized);
        for (char &c : junk)
            c = char(rng.bounded(256));
        connectTo(hostile, port)->write(junk);
    }
    // 10 clients that pipeline 1,000 requests each and never read an answer.
    QByteArray flood;
    for (int i = 0; i < 1000; ++i)
        flood += "GET /nope HTTP/1.1\r\nHost: x\r\n\r\n";
    for (int i = 0; i < 10; ++i)
        connectTo(hostile, port)->write(flood);

    // The well-behaved client: a signed event on a fresh connection every 250 ms.
    int good = 0, goodOk = 0;
    qint64 worstMs = 0;
    QTimer probe;
    connect(&probe, &QTimer::timeout, this, [&] {
        QElapsedTimer t;
        t.start();
        const Tests::HttpReply reply =
                Tests::request(port, Tests::signedStripeRequest("evt_good_" + QByteArray::number(good++), Secret, now), 3000);
        worstMs = qMax(worstMs, t.elapsed());
        goodOk += reply.status == 200 ? 1 : 0;
    });
    probe.start(250);

    // Single-shot attacks, checked for their answers while the rest goes on.
    const QByteArray longLine = "GET /" + QByteArray(70 * 1024, 'a') + " HTTP/1.1\r\nHost: x\r\n\r\n";
    const QByteArray longLineAnswer = sendAndCollect(port, longLine);
    QVERIFY2(longLineAnswer.startsWith("HTTP/1.1 431") || longLineAnswer.startsWith("HTTP/1.1 414"), longLineAnswer.left(80).constData());
    QByteArray manyHeaders = "POST /api/webhooks/stripe HTTP/1.1\r\nHost: x\r\n";
    for (int i = 0; i < 1000; ++i)
        manyHeaders += "X-H" + QByteArray::number(i) + ": v\r\n";
    manyHeaders += "Content-Length: 2\r\n\r\n{}";
    const QByteArray manyAnswer = sendAndCollect(port, manyHeaders);
    QVERIFY2(manyAnswer.startsWith("HTTP/1.1 431"), manyAnswer.left(80).constData());
    const QByteArray smuggle = "POST /api/webhooks/stripe HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n"
                               "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n";
    const QByteArray smuggleAnswer = sendAndCollect(port, smuggle);
    QVERIFY2(smuggleAnswer.startsWith("HTTP/1.1 400"), smuggleAnswer.left(80).constData());
    // A Content-Length larger than the body: the event must never be stored half-read.
    const QByteArray signedEvent = Tests::signedStripeRequest("evt_truncated", Secret, now);
    const int headEnd = int(signedEvent.indexOf("\r\n\r\n")) + 4;
    QTcpSocket truncated;
    truncated.connectToHost(QHostAddress::LocalHost, port);
    QVERIFY(truncated.waitForConnected(2000));
    truncated.write(signedEvent.left(headEnd + 100));
    truncated.waitForBytesWritten(1000);
    // Two signed events pipelined in one write: both answered, in order.
    const QList<Tests::HttpReply> pipelined = Tests::exchange(
            port, Tests::signedStripeRequest("evt_pipe_1", Secret, now) + Tests::signedStripeRequest("evt_pipe_2", Secret, now), 2);
    QCOMPARE(pipelined.size(), 2);
    QCOMPARE(pipelined.at(0).status, 200);
    QCOMPARE(pipelined.at(1).status, 200);

    // Let the slowloris connections drip past the 10 s head deadline.
    QTest::qWait(12000);
    truncated.abort();
    probe.stop();
    drip.stop();
    const qint64 peakKb = Tests::residentKb(pid);
    int slowlorisOpen = 0;
    for (int i = 0; i < slowlorisEnd; ++i)
        slowlorisOpen += hostile[size_t(i)]->state() == QAbstractSocket::ConnectedState ? 1 : 0;
    hostile.clear();

    qInfo("good requests %d, answered 200 %d, worst %lld ms; RSS %lld kB -> %lld kB; slowloris still open %d",
          good, goodOk, worstMs, baselineKb, peakKb, slowlorisOpen);
    QVERIFY(good >= 30);
    QCOMPARE(goodOk, good);
    QVERIFY2(worstMs < 1000, qPrintable(QStringLiteral("a good request took %1 ms").arg(worstMs)));
    QCOMPARE(slowlorisOpen, 0); // closed at the head deadline
    QVERIFY2(peakKb - baselineKb < 64 * 1024, "memory must stay bounded");
    QVERIFY(server.state() == QProcess::Running);

    server.terminate();
    QVERIFY(server.waitForFinished(20000));
    // Stored: the warm-up, the good client's and the two pipelined events; nothing else.
    QCOMPARE(countEvents(database), 20 + good + 2);
}

QTEST_GUILESS_MAIN(tst_HostileHttp)
#include "tst_hostilehttp.moc"
