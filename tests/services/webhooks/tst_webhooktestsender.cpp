// The admin console's "Send test event" (issue 26 item 4) against the real webhook listener on
// loopback with the five real handlers, on SQLite and PostgreSQL: each provider's test event is
// signed as the provider signs, stored, and never applied; a wrong secret is refused (401); an
// unreachable URL is told; the SendGrid test key vouches for test events only.
#include <common/testdatabase.h>
#include <models/clock.h>
#include <models/itemmodels/eventtablemodel.h>
#include <models/repositories/eventrepository.h>
#include <models/sqlhelpers.h>
#include <services/providerconfig.h>
#include <services/webhooks/calcomhandler.h>
#include <services/webhooks/eventprocessor.h>
#include <services/webhooks/handlerregistry.h>
#include <services/webhooks/messagebirdhandler.h>
#include <services/webhooks/retellhandler.h>
#include <services/webhooks/sendgridhandler.h>
#include <services/webhooks/stripehandler.h>
#include <services/webhooks/webhooklistener.h>
#include <services/webhooks/webhooktestsender.h>

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSignalSpy>
#include <QTcpServer>
#include <QtTest>

using namespace Callvia;
using Sender = Services::WebhookTestSender;
using Outcome = Sender::Outcome;

Q_DECLARE_METATYPE(Callvia::Services::WebhookTestSender::Result)

namespace {

QString s(const char *text)
{
    return QString::fromUtf8(text);
}

// A P-256 private key (PKCS#8 DER, base64) made by the openssl command line tool.
QString newPrivateKey()
{
    QProcess openssl;
    openssl.start(s("openssl"), { s("genpkey"), s("-algorithm"), s("EC"), s("-pkeyopt"), s("ec_paramgen_curve:P-256"),
                                  s("-outform"), s("DER") });
    openssl.waitForFinished();
    return QString::fromLatin1(openssl.readAllStandardOutput().toBase64());
}

QString g_sendgridPublic; // SendGrid's "verification key" as configured (its private key is not ours)
QString g_testKey; // sendgrid.test_signing_key

QProcessEnvironment environment(const QString &publicUrl, const QString &wrong = {})
{
    QProcessEnvironment env;
    const auto secret = [&](const char *name, const QString &value) {
        env.insert(QString::fromLatin1(name), QString::fromLatin1(name).contains(wrong.toUpper()) && !wrong.isEmpty()
                                                      ? value + s("-wrong")
                                                      : value);
    };
    secret("CALLVIA_RETELL_API_KEY", s("key_retell_test"));
    secret("CALLVIA_CALCOM_WEBHOOK_SECRET", s("cal-secret"));
    secret("CALLVIA_STRIPE_WEBHOOK_SECRET", s("whsec_test"));
    env.insert(s("CALLVIA_STRIPE_LIVEMODE"), s("false"));
    env.insert(s("CALLVIA_SENDGRID_WEBHOOK_PUBLIC_KEY"), g_sendgridPublic);
    env.insert(s("CALLVIA_SENDGRID_TEST_SIGNING_KEY"),
               wrong == QLatin1String("sendgrid") ? newPrivateKey() : g_testKey);
    secret("CALLVIA_MESSAGEBIRD_SIGNING_KEY", s("mb-signing-key"));
    if (!publicUrl.isEmpty())
        env.insert(s("CALLVIA_LISTENER_PUBLIC_URL"), publicUrl);
    return env;
}

// Database, listener with the five real handlers, processor and sender, as AppContext wires them.
struct Stack
{
    std::unique_ptr<Tests::TestDatabase> holder;
    Models::TestClock clock { QDateTime::currentMSecsSinceEpoch() };
    std::unique_ptr<Services::ProviderConfig> listenerConfig;
    std::unique_ptr<Services::ProviderConfig> senderConfig;
    Services::HandlerRegistry handlers;
    std::unique_ptr<Services::WebhookListener> listener;
    std::unique_ptr<Services::EventProcessor> processor;
    std::unique_ptr<Sender> sender;

    Models::Database &db() { return holder->database(); }
    QString local() const { return s("http://127.0.0.1:%1").arg(listener->port()); }

    // publicUrl: "listener" = this listener's own URL; wrong: the provider whose secret differs.
    bool start(const QString &backend, QString *skip, QString *error, const QString &publicUrl,
               const QString &wrong = {})
    {
        holder = Tests::TestDatabase::create(backend, skip, error);
        if (!holder)
            return false;
        listenerConfig = std::make_unique<Services::ProviderConfig>(nullptr, nullptr, QProcessEnvironment());
        handlers.add(std::make_unique<Services::RetellHandler>(db(), clock));
        handlers.add(std::make_unique<Services::CalcomHandler>(db(), clock));
        handlers.add(std::make_unique<Services::StripeHandler>(db(), clock, listenerConfig.get()));
        handlers.add(std::make_unique<Services::SendGridHandler>(db(), clock));
        handlers.add(std::make_unique<Services::MessageBirdHandler>(db(), clock));
        listener = std::make_unique<Services::WebhookListener>(db(), clock, *listenerConfig, handlers,
                                                               Services::WebhookListener::Options());
        *error = listener->listen(QHostAddress::LocalHost, 0);
        if (!error->isEmpty())
            return false;
        // The listener reads its configuration at the first request: now that the port is known.
        const QString url = publicUrl == QLatin1String("listener") ? local() : publicUrl;
        *listenerConfig = Services::ProviderConfig(nullptr, nullptr, environment(url));
        senderConfig = std::make_unique<Services::ProviderConfig>(nullptr, nullptr, environment(url, wrong));
        processor = std::make_unique<Services::EventProcessor>(db(), clock, handlers, Services::EventProcessor::Options());
        Sender::Options options;
        options.storeTimeoutMs = 3000;
        options.requestTimeoutMs = 5000;
        sender = std::make_unique<Sender>(db(), clock, *senderConfig, nullptr, options);
        return true;
    }

    Sender::Result send(const QString &provider)
    {
        QSignalSpy spy(sender.get(), &Sender::finished);
        sender->send(provider, local());
        if (!spy.wait(15000))
            return {};
        return spy.first().first().value<Sender::Result>();
    }

    qint64 scalar(const QString &sql)
    {
        Models::DbResult<QSqlQuery> q = Models::Sql::exec(db(), sql, {});
        return q.ok() && q.value().next() ? q.value().value(0).toLongLong() : -1;
    }
};

#define STACK(var, publicUrl, wrong)                                                                                   \
    QFETCH(QString, backend);                                                                                          \
    QString var##Skip, var##Error;                                                                                     \
    Stack var;                                                                                                         \
    if (!var.start(backend, &var##Skip, &var##Error, publicUrl, wrong) && !var##Skip.isEmpty())                        \
        QSKIP(qPrintable(var##Skip));                                                                                  \
    QVERIFY2(var.listener && var##Error.isEmpty(), qPrintable(var##Error))

void addProviderRows()
{
    QTest::addColumn<QString>("backend");
    QTest::addColumn<QString>("provider");
    for (const char *backend : { "sqlite", "postgresql" })
        for (const QString &provider : Sender::providers())
            QTest::newRow(qPrintable(QString::fromLatin1(backend) + QLatin1Char('/') + provider))
                    << QString::fromLatin1(backend) << provider;
}

} // namespace

class tst_WebhookTestSender : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void storesEachProvidersTestEventUnapplied_data() { addProviderRows(); }
    void storesEachProvidersTestEventUnapplied();
    void wrongSecretIsRefused_data() { addProviderRows(); }
    void wrongSecretIsRefused();
    void unreachableUrlIsTold_data() { Tests::TestDatabase::addBackendRows(); }
    void unreachableUrlIsTold();
    void fallsBackToTheLocalListener_data() { Tests::TestDatabase::addBackendRows(); }
    void fallsBackToTheLocalListener();
    void testKeySignsTestEventsOnly_data() { Tests::TestDatabase::addBackendRows(); }
    void testKeySignsTestEventsOnly();
};

void tst_WebhookTestSender::initTestCase()
{
    qRegisterMetaType<Sender::Result>();
    g_testKey = newPrivateKey();
    const QByteArray sendgridOwn = QByteArray::fromBase64(newPrivateKey().toLatin1());
    QVERIFY2(!g_testKey.isEmpty() && !sendgridOwn.isEmpty(), "openssl genpkey made no key");
    g_sendgridPublic = QString::fromLatin1(Sender::publicKeyOf(QString::fromLatin1(sendgridOwn.toBase64())).toBase64());
    QVERIFY(!g_sendgridPublic.isEmpty());
}

void tst_WebhookTestSender::storesEachProvidersTestEventUnapplied()
{
    QFETCH(QString, provider);
    STACK(stack, s("listener"), QString());
    const Sender::Result result = stack.send(provider);
    QVERIFY2(result.outcome == Outcome::Stored,
             qPrintable(s("outcome %1, HTTP %2 %3, %4").arg(int(result.outcome)).arg(result.status).arg(result.body, result.detail)));
    QVERIFY(result.publicUrl);
    QCOMPARE(result.url, stack.local() + s("/api/webhooks/") + provider);
    QCOMPARE(result.status, 200);
    QVERIFY(result.testId.startsWith(s("callvia-test-")));
    QVERIFY(result.eventId > 0);
    QCOMPARE(result.receivedAt, stack.clock.nowMs());

    const Models::DbResult<Models::EventRecord> stored = Models::EventRepository(stack.db()).byId(result.eventId);
    QVERIFY(stored.ok());
    QCOMPARE(stored.value().provider, provider);
    QVERIFY(stored.value().rawBody.contains(result.testId.toUtf8()));
    // Applied by the real processor: marked processed, yet nothing happened (not even the
    // unattributed flag a Retell call without a client would get).
    QVERIFY(stack.processor->processAvailable() >= 1);
    const Models::EventRecord after = Models::EventRepository(stack.db()).byId(result.eventId).value();
    QCOMPARE(after.status, s("processed"));
    QVERIFY2(!after.unattributed, qPrintable(after.lastError));
    QCOMPARE(after.clientId, qint64(0));
    QCOMPARE(stack.scalar(s("SELECT COUNT(*) FROM call_logs")), 0);
    // The journal says so.
    const Models::EventRepository repository(stack.db());
    Models::EventTableModel journal(repository);
    journal.setEvents({ after });
    QCOMPARE(journal.index(0, Models::EventTableModel::StatusColumn).data().toString(), s("test, not applied"));
}

void tst_WebhookTestSender::wrongSecretIsRefused()
{
    QFETCH(QString, provider);
    STACK(stack, s("listener"), provider);
    const Sender::Result result = stack.send(provider);
    QVERIFY2(result.outcome == Outcome::SignatureRefused,
             qPrintable(s("outcome %1, HTTP %2 %3").arg(int(result.outcome)).arg(result.status).arg(result.body)));
    QCOMPARE(result.status, 401);
    QVERIFY(result.body.contains(s("invalid_signature")));
    QCOMPARE(result.eventId, qint64(0));
    QCOMPARE(stack.scalar(s("SELECT COUNT(*) FROM events")), 0);
    // The result never carries a secret.
    for (const QString &text : { result.body, result.detail, result.url })
        QVERIFY(!text.contains(s("-wrong")) && !text.contains(s("cal-secret")));
}

void tst_WebhookTestSender::unreachableUrlIsTold()
{
    QTcpServer closed; // a port nobody listens on any more
    QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
    const QString url = s("http://127.0.0.1:%1").arg(closed.serverPort());
    closed.close();
    STACK(stack, url, QString());
    const Sender::Result result = stack.send(s("stripe"));
    QVERIFY2(result.outcome == Outcome::Unreachable, qPrintable(QString::number(int(result.outcome))));
    QCOMPARE(result.status, 0);
    QVERIFY(result.publicUrl);
    QVERIFY(result.url.startsWith(url));
    QVERIFY2(result.detail.contains(s("refused"), Qt::CaseInsensitive), qPrintable(result.detail));
}

void tst_WebhookTestSender::fallsBackToTheLocalListener()
{
    STACK(stack, QString(), QString());
    const Sender::Result stripe = stack.send(s("stripe"));
    QVERIFY2(stripe.outcome == Outcome::Stored, qPrintable(stripe.body + stripe.detail));
    QVERIFY(!stripe.publicUrl);
    QCOMPARE(stripe.url, stack.local() + s("/api/webhooks/stripe"));
    // MessageBird's JWT hashes the public URL: without one nothing is sent, and it says why.
    const Sender::Result bird = stack.send(s("messagebird"));
    QVERIFY(bird.outcome == Outcome::NotConfigured);
    QCOMPARE(bird.status, 0);
    QVERIFY2(bird.detail.contains(s("listener.public_url")), qPrintable(bird.detail));
    QCOMPARE(stack.scalar(s("SELECT COUNT(*) FROM events")), 1);
}

void tst_WebhookTestSender::testKeySignsTestEventsOnly()
{
    STACK(stack, s("listener"), QString());
    // Signed with the test key like a test event, but not one (its id lacks the marker): 401.
    const Sender::Request request = stack.sender->prepare(s("sendgrid"), stack.local(), s("sg-real-looking-id"));
    QVERIFY2(request.error.isEmpty(), qPrintable(request.error));
    QNetworkAccessManager network;
    QNetworkRequest http(request.url);
    http.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    for (const auto &[name, value] : request.headers)
        http.setRawHeader(name, value);
    QNetworkReply *reply = network.post(http, request.body);
    QSignalSpy done(reply, &QNetworkReply::finished);
    QVERIFY(done.wait(10000));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 401);
    reply->deleteLater();
    QCOMPARE(stack.scalar(s("SELECT COUNT(*) FROM events")), 0);
    // The same key on a test event is taken.
    QVERIFY(stack.send(s("sendgrid")).outcome == Outcome::Stored);
}

QTEST_GUILESS_MAIN(tst_WebhookTestSender)
#include "tst_webhooktestsender.moc"
