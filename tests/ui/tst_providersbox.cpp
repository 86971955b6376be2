// The Admin console's providers tab (issue 24 item 3): each provider's "Test connection" makes one
// authenticated GET against the fake server and reports success, a refused key (401) and an
// unreachable host plainly, never showing the key; and the listener panel builds each provider's
// webhook URL from the public base URL.
#include <fakes/fakeproviders.h>

#include <services/providerconfig.h>
#include <services/providers/connectiontester.h>
#include <ui/admin/providersbox.h>

#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTcpServer>
#include <QtTest>

#include <memory>

using namespace Callvia;

class tst_ProvidersBox : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void testConnectionReports_data();
    void testConnectionReports();
    void withoutAKeyNothingIsSent();
    void listenerPanelBuildsWebhookUrls();
};

namespace {

std::unique_ptr<Fakes::FakeProvider> fakeFor(const QString &provider, const QString &key)
{
    if (provider == QLatin1String("retell"))
        return std::make_unique<Fakes::FakeRetell>(key);
    if (provider == QLatin1String("calcom"))
        return std::make_unique<Fakes::FakeCalcom>(key);
    if (provider == QLatin1String("stripe"))
        return std::make_unique<Fakes::FakeStripe>(key);
    if (provider == QLatin1String("sendgrid"))
        return std::make_unique<Fakes::FakeSendGrid>(key);
    return std::make_unique<Fakes::FakeMessageBird>(key);
}

QString environmentName(const QString &provider, const char *what)
{
    return Services::ProviderConfig::environmentName(provider, QLatin1String(what));
}

} // namespace

void tst_ProvidersBox::testConnectionReports_data()
{
    QTest::addColumn<QString>("provider");
    QTest::addColumn<QString>("situation");
    for (const QString &provider : Services::ConnectionTester::providers()) {
        for (const char *which : { "right key", "wrong key", "unreachable" })
            QTest::addRow("%s, %s", qPrintable(provider), which) << provider << QString::fromLatin1(which);
    }
}

void tst_ProvidersBox::testConnectionReports()
{
    QFETCH(QString, provider);
    QFETCH(QString, situation);
    const QString key = QStringLiteral("key-live-4f9a1c");
    const std::unique_ptr<Fakes::FakeProvider> fake = fakeFor(provider, key);
    QVERIFY(fake->listen() != 0);
    QString base = fake->baseUrl();
    if (situation == QLatin1String("unreachable")) {
        QTcpServer closed; // a port that was free a moment ago and refuses connections now
        QVERIFY(closed.listen(QHostAddress::LocalHost));
        base = QStringLiteral("http://127.0.0.1:%1").arg(closed.serverPort());
    }
    QProcessEnvironment environment;
    environment.insert(environmentName(provider, "api_base"), base);
    environment.insert(environmentName(provider, "api_key"),
                       situation == QLatin1String("wrong key") ? QStringLiteral("key-typo-000000") : key);
    const Services::ProviderConfig config(nullptr, nullptr, environment);
    Ui::ProvidersBox box(config, QStringLiteral("127.0.0.1:8787"), [] { return 0; }, nullptr, 5000);
    QSignalSpy tested(&box, &Ui::ProvidersBox::tested);
    auto *button = box.findChild<QPushButton *>(QStringLiteral("test_") + provider);
    QVERIFY(button);
    button->click();
    QVERIFY(!button->isEnabled()); // until the answer
    QVERIFY(tested.wait(10000));
    QVERIFY(button->isEnabled());
    const QString text = box.resultText(provider);
    QVERIFY2(!text.contains(QStringLiteral("key-")), qPrintable(text));
    if (situation == QLatin1String("right key")) {
        QVERIFY2(text.startsWith(QStringLiteral("Connected:")), qPrintable(text));
        QCOMPARE(fake->requestCount(), 1);
        const Fakes::FakeProvider::Received request = fake->received().first();
        QCOMPARE(request.method, QByteArray("GET"));
        QCOMPARE(request.path, Services::ConnectionTester::testPath(provider));
        QCOMPARE(fake->executedCount(), 0); // nothing happened at the provider
    } else if (situation == QLatin1String("wrong key")) {
        QVERIFY2(text.contains(QStringLiteral("refused the API key (HTTP 401)")), qPrintable(text));
    } else {
        QVERIFY2(text.startsWith(QStringLiteral("Cannot reach ")), qPrintable(text));
        QVERIFY(text.contains(base));
        QCOMPARE(fake->requestCount(), 0);
    }
}

void tst_ProvidersBox::withoutAKeyNothingIsSent()
{
    Fakes::FakeStripe fake(QStringLiteral("sk_test_1"));
    QVERIFY(fake.listen() != 0);
    QProcessEnvironment environment;
    environment.insert(environmentName(QStringLiteral("stripe"), "api_base"), fake.baseUrl());
    const Services::ProviderConfig config(nullptr, nullptr, environment);
    Ui::ProvidersBox box(config, QStringLiteral("127.0.0.1:8787"), [] { return 0; });
    QSignalSpy tested(&box, &Ui::ProvidersBox::tested);
    box.testConnection(QStringLiteral("stripe"));
    QVERIFY(tested.wait());
    QCOMPARE(box.resultText(QStringLiteral("stripe")),
             QStringLiteral("No API key is set: set the secret stripe.api_key first."));
    QCOMPARE(fake.requestCount(), 0);
}

void tst_ProvidersBox::listenerPanelBuildsWebhookUrls()
{
    QProcessEnvironment environment;
    const Services::ProviderConfig config(nullptr, nullptr, environment);
    int port = 0;
    Ui::ProvidersBox box(config, QStringLiteral("127.0.0.1:8787"), [&port] { return port; });
    QCOMPARE(box.listenerText(), QStringLiteral("not running (configured 127.0.0.1:8787)"));
    port = 8787;
    box.refreshListener();
    QCOMPARE(box.listenerText(), QStringLiteral("listening on 127.0.0.1:8787 (configured 127.0.0.1:8787)"));
    QTableWidget *urls = box.urlTable();
    QCOMPARE(urls->rowCount(), 5);
    QCOMPARE(urls->item(2, 1)->text(), QStringLiteral("http://127.0.0.1:8787/api/webhooks/stripe"));
    box.setPublicBase(QStringLiteral("https://hooks.example.com/"));
    QStringList shown;
    for (int row = 0; row < urls->rowCount(); ++row)
        shown << urls->item(row, 1)->text();
    QCOMPARE(shown, (QStringList { QStringLiteral("https://hooks.example.com/api/webhooks/retell"),
                                   QStringLiteral("https://hooks.example.com/api/webhooks/calcom"),
                                   QStringLiteral("https://hooks.example.com/api/webhooks/stripe"),
                                   QStringLiteral("https://hooks.example.com/api/webhooks/sendgrid"),
                                   QStringLiteral("https://hooks.example.com/api/webhooks/messagebird") }));
    QCOMPARE(urls->item(1, 0)->text(), QStringLiteral("Cal.com"));

    QProcessEnvironment withPublic;
    withPublic.insert(environmentName(QStringLiteral("listener"), "public_url"), QStringLiteral("https://t.example.net"));
    const Services::ProviderConfig publicConfig(nullptr, nullptr, withPublic);
    Ui::ProvidersBox configured(publicConfig, QStringLiteral("0.0.0.0:9000"), [] { return 0; });
    QCOMPARE(configured.findChild<QLineEdit *>(QStringLiteral("publicBase"))->text(),
             QStringLiteral("https://t.example.net"));
}

QTEST_MAIN(tst_ProvidersBox)
#include "tst_providersbox.moc"
