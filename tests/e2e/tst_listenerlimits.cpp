// The real `callvia --headless` under connection pressure on loopback: thousands of idle
// connections and a flood of unsigned requests from the address the providers use (behind a
// tunnel everything comes from 127.0.0.1), and a process that runs out of file descriptors.
// Linux only (raw sockets, RLIMIT_NOFILE). Bounded: about 20 s and CALLVIA_TEST_IDLE_CONNECTIONS
// (default 5,000) sockets.
#include "listenerprocess.h"
#include "webhookload.h"

#include <QDateTime>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <memory>
#include <vector>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace Callvia;

namespace {

const QByteArray Secret = "whsec_limits_test";

int countEvents(const QString &path)
{
    int count = -1;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("limits-check"));
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery query(QStringLiteral("SELECT COUNT(*) FROM events"), db);
            if (query.next())
                count = query.value(0).toInt();
        }
    }
    QSqlDatabase::removeDatabase(QStringLiteral("limits-check"));
    return count;
}

// Connections that never send a byte, opened without Qt (no event loop cost in this process),
// from 127.0.0.<1 + i % sources>. Closed by the destructor.
class IdleSockets final
{
public:
    IdleSockets(quint16 port, int count, int sources)
    {
        for (int i = 0; i < count; ++i) {
            const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
            if (fd < 0)
                break;
            sockaddr_in local {};
            local.sin_family = AF_INET;
            local.sin_addr.s_addr = htonl(0x7f000001u + quint32(i % sources));
            sockaddr_in remote {};
            remote.sin_family = AF_INET;
            remote.sin_port = htons(port);
            remote.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
            if (::bind(fd, reinterpret_cast<sockaddr *>(&local), sizeof local) != 0
                || (::connect(fd, reinterpret_cast<sockaddr *>(&remote), sizeof remote) != 0 && errno != EINPROGRESS)) {
                ::close(fd);
                break;
            }
            m_fds.push_back(fd);
        }
    }
    ~IdleSockets()
    {
        for (int fd : m_fds)
            ::close(fd);
    }
    int size() const { return int(m_fds.size()); }
    // Connections the server has closed (a read sees the end of the stream or a reset).
    int closedByServer() const
    {
        int closed = 0;
        for (int fd : m_fds) {
            char byte = 0;
            const ssize_t n = ::recv(fd, &byte, 1, MSG_DONTWAIT);
            closed += (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK)) ? 1 : 0;
        }
        return closed;
    }

private:
    std::vector<int> m_fds;
};

// Forged events from 127.0.0.1 on `parallel` connections, each replaced by a fresh one as soon
// as its answer (or its close) came, so refusals that close a connection do not end the flood.
class Flood final : public QObject
{
public:
    Flood(quint16 port, int parallel, qint64 now) : m_port(port), m_now(now)
    {
        for (int i = 0; i < parallel; ++i)
            next();
    }
    void stop() { m_stopped = true; }
    int answered = 0;
    int limited = 0; // 429

private:
    void next()
    {
        if (m_stopped)
            return;
        auto *socket = new QTcpSocket(this);
        auto buffer = std::make_shared<QByteArray>();
        const auto done = [this, socket] {
            socket->disconnect(this);
            socket->abort();
            socket->deleteLater();
            next();
        };
        connect(socket, &QTcpSocket::readyRead, this, [this, socket, buffer, done] {
            *buffer += socket->readAll();
            Tests::HttpReply reply;
            if (!Tests::takeReply(buffer.get(), &reply))
                return;
            ++answered;
            limited += reply.status == 429 ? 1 : 0;
            done();
        });
        connect(socket, &QTcpSocket::disconnected, this, done);
        connect(socket, &QTcpSocket::errorOccurred, this, done);
        socket->connectToHost(QHostAddress::LocalHost, m_port);
        socket->write(Tests::signedStripeRequest("evt_forged_" + QByteArray::number(m_sent++), "not-the-secret", m_now));
    }

    quint16 m_port;
    qint64 m_now;
    int m_sent = 0;
    bool m_stopped = false;
};

qint64 percentileMs(QList<qint64> latenciesNs, double p)
{
    if (latenciesNs.isEmpty())
        return -1;
    std::sort(latenciesNs.begin(), latenciesNs.end());
    const qsizetype index = qMin(latenciesNs.size() - 1, qsizetype(p * double(latenciesNs.size())));
    return latenciesNs.at(index) / 1'000'000;
}

} // namespace

class tst_ListenerLimits : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void signedEventsServedThroughIdleConnectionsAndFlood();
    void acceptResumesAfterFileDescriptorsRunOut();
};

void tst_ListenerLimits::initTestCase()
{
    // This process holds thousands of sockets; the listener it starts inherits the limit too.
    rlimit limit {};
    QVERIFY(::getrlimit(RLIMIT_NOFILE, &limit) == 0);
    limit.rlim_cur = limit.rlim_max;
    QVERIFY(::setrlimit(RLIMIT_NOFILE, &limit) == 0);
}

void tst_ListenerLimits::signedEventsServedThroughIdleConnectionsAndFlood()
{
    const int idleCount = qEnvironmentVariableIntValue("CALLVIA_TEST_IDLE_CONNECTIONS") > 0
            ? qEnvironmentVariableIntValue("CALLVIA_TEST_IDLE_CONNECTIONS")
            : 5000;
    rlimit limit {};
    ::getrlimit(RLIMIT_NOFILE, &limit);
    if (limit.rlim_cur < rlim_t(idleCount + 500))
        QSKIP(qPrintable(QStringLiteral("needs %1 open files, RLIMIT_NOFILE allows %2").arg(idleCount + 500).arg(limit.rlim_cur)));
    QTemporaryDir dir;
    const QString database = dir.filePath(QStringLiteral("limits.sqlite"));
    QProcess server;
    QProcessEnvironment env;
    env.insert(QStringLiteral("CALLVIA_LISTENER_RATE_LIMIT"), QStringLiteral("100,100")); // unverified, per address
    const quint16 port = Tests::startHeadlessListener(&server, database, Secret, env);
    QVERIFY(port);
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    QCOMPARE(Tests::request(port, Tests::signedStripeRequest("evt_first", Secret, now)).status, 200);

    // Idle connections from 20 addresses, 127.0.0.1 (the providers' address) among them:
    // more than the global cap (4,096) and, for each address, close to its cap (256).
    QElapsedTimer phase;
    phase.start();
    IdleSockets idle(port, idleCount, 20);
    QCOMPARE(idle.size(), idleCount);
    // Once the listener has taken them all in, this one is answered.
    QCOMPARE(Tests::request(port, Tests::signedStripeRequest("evt_after_idle", Secret, now), 30000).status, 200);
    const qint64 acceptMs = phase.elapsed();
    const int closed = idle.closedByServer(); // before the 10 s head timeout closes the rest

    // The flood: forged events from 127.0.0.1 on 32 connections at a time, non-stop.
    Flood flood(port, 32, now);
    QTest::qWait(300);

    // The provider: signed events from 127.0.0.1, each on a fresh connection, one every 10 ms
    // (done before the idle connections reach their 10 s head timeout).
    const int probes = 150;
    QList<qint64> latenciesNs;
    int stored = 0;
    for (int i = 0; i < probes; ++i) {
        QElapsedTimer t;
        t.start();
        const Tests::HttpReply reply =
                Tests::request(port, Tests::signedStripeRequest("evt_signed_" + QByteArray::number(i), Secret, now), 5000);
        latenciesNs.append(t.nsecsElapsed());
        stored += reply.status == 200 ? 1 : 0;
        QTest::qWait(10);
    }
    flood.stop();
    const int floodAnswered = flood.answered;
    const int floodLimited = flood.limited;
    qInfo("%d idle connections taken in %lld ms (%d closed by the caps); flood answered %d (%d with 429); "
          "signed %d/%d stored, p50 %lld ms, p99 %lld ms, max %lld ms",
          idle.size(), acceptMs, closed, floodAnswered, floodLimited, stored, probes, percentileMs(latenciesNs, 0.5),
          percentileMs(latenciesNs, 0.99), percentileMs(latenciesNs, 1.0));
    QCOMPARE(stored, probes);
    QVERIFY2(percentileMs(latenciesNs, 0.99) < 1000, "p99 of the signed events must stay under 1 s");
    QVERIFY2(floodAnswered > 1000, "the flood must have run alongside");
    QVERIFY(floodLimited > floodAnswered / 2); // most of it 429, the rest 401
    QVERIFY2(closed >= idleCount - 4096, "the caps close idle connections beyond them");
    QVERIFY(server.state() == QProcess::Running);
    server.terminate();
    QVERIFY(server.waitForFinished(30000));
    QCOMPARE(server.exitCode(), 0);
    QCOMPARE(countEvents(database), 2 + probes); // nothing forged stored
}

// With fewer file descriptors than connections, accept() fails with EMFILE: the listener closes
// idle connections to get descriptors back and keeps accepting (Qt alone stops for good).
void tst_ListenerLimits::acceptResumesAfterFileDescriptorsRunOut()
{
    QTemporaryDir dir;
    const QString database = dir.filePath(QStringLiteral("fds.sqlite"));
    QProcess server;
    server.setChildProcessModifier([] {
        const rlimit low { 160, 160 };
        ::setrlimit(RLIMIT_NOFILE, &low);
    });
    QProcessEnvironment env;
    env.insert(QStringLiteral("CALLVIA_LISTENER_MAX_CONNECTIONS"), QStringLiteral("100000,100000")); // no cap first
    const quint16 port = Tests::startHeadlessListener(&server, database, Secret, env);
    QVERIFY(port);
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    QCOMPARE(Tests::request(port, Tests::signedStripeRequest("evt_before", Secret, now)).status, 200);
    IdleSockets idle(port, 400, 4);
    QCOMPARE(idle.size(), 400);
    // Answered well before the idle connections' 10 s head timeout would free descriptors.
    const Tests::HttpReply reply = Tests::request(port, Tests::signedStripeRequest("evt_after", Secret, now), 4000);
    QCOMPARE(reply.status, 200);
    QVERIFY(idle.closedByServer() > 0);
    QCOMPARE(Tests::request(port, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n", 5000).status, 200);
    server.terminate();
    QVERIFY(server.waitForFinished(30000));
    QCOMPARE(countEvents(database), 2);
}

QTEST_GUILESS_MAIN(tst_ListenerLimits)
#include "tst_listenerlimits.moc"
