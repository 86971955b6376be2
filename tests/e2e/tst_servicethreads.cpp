// The composition root (AppContext, as main() wires it) runs the webhook listener on a service
// thread: a GUI thread whose event loop is blocked does not delay a webhook's answer.
#include "webhookload.h"

#include <app/appcontext.h>
#include <models/database.h>
#include <models/sqlhelpers.h>
#include <services/webhooks/webhooklistener.h>

#include <QDateTime>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <memory>

using namespace Callvia;

namespace {

const QByteArray Secret = "whsec_thread_test";

// One request on a blocking socket, for a thread without an event loop.
Tests::HttpReply blockingRequest(quint16 port, const QByteArray &raw, int timeoutMs)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    Tests::HttpReply reply;
    if (!socket.waitForConnected(timeoutMs))
        return reply;
    socket.write(raw);
    QByteArray buffer;
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < timeoutMs && socket.waitForReadyRead(int(timeoutMs - timer.elapsed()))) {
        buffer += socket.readAll();
        if (Tests::takeReply(&buffer, &reply))
            break;
    }
    return reply;
}

} // namespace

class tst_ServiceThreads : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void webhookIsAnsweredWhileTheGuiThreadIsBlocked();

private:
    QTemporaryDir m_home; // the app's data folder (scheduled backups) and config
};

void tst_ServiceThreads::initTestCase()
{
    QVERIFY(m_home.isValid());
    qputenv("XDG_DATA_HOME", QFile::encodeName(m_home.filePath(QStringLiteral("data"))));
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(m_home.filePath(QStringLiteral("config"))));
    qputenv("CALLVIA_STRIPE_WEBHOOK_SECRET", Secret);
    qputenv("CALLVIA_SECRET_KEY", QByteArray(32, 'k').toBase64());
    qputenv("CALLVIA_LISTENER_RATE_LIMIT", "0");
}

void tst_ServiceThreads::webhookIsAnsweredWhileTheGuiThreadIsBlocked()
{
    QTemporaryDir dir;
    App::Options options;
    options.databaseUrl = dir.filePath(QStringLiteral("threads.sqlite"));
    options.listenPort = 0;
    options.headless = true;
    App::AppContext context(options);
    QVERIFY(!context.openDatabase());
    QCOMPARE(context.startServices(), QString());
    Services::WebhookListener *listener = context.listener();
    QVERIFY(listener);
    const quint16 port = listener->port();

    const qint64 now = QDateTime::currentSecsSinceEpoch();
    Tests::HttpReply reply;
    qint64 latencyMs = -1;
    std::unique_ptr<QThread> client(QThread::create([&] {
        QThread::msleep(200); // the GUI thread is blocked by now
        QElapsedTimer timer;
        timer.start();
        reply = blockingRequest(port, Tests::signedStripeRequest("evt_blocked_gui", Secret, now), 5000);
        latencyMs = timer.elapsed();
    }));
    client->start();
    QThread::msleep(2000); // a window busy for 2 s: its event loop runs nothing meanwhile
    QVERIFY(client->wait(10000));
    QCOMPARE(reply.status, 200);
    QVERIFY2(latencyMs < 1000, qPrintable(QStringLiteral("answered after %1 ms").arg(latencyMs)));
    QVERIFY(listener->thread() != QThread::currentThread());

    context.stopServices();
    QVERIFY(!context.listener());
    auto count = Models::Sql::exec(context.database(), QStringLiteral("SELECT COUNT(*) FROM events"));
    QVERIFY(count.ok() && count.value().next());
    QCOMPARE(count.value().value(0).toInt(), 1);
}

QTEST_GUILESS_MAIN(tst_ServiceThreads)
#include "tst_servicethreads.moc"
