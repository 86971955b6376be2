// The providers tab's "Send test event" (issue 26 item 4), offscreen: a click on the button sends a
// signed test event to the real listener on loopback (the configured public URL) and the box then
// says it was stored, with the event's id; the button is back once the answer is in; a stopped
// listener shows as unreachable; no secret is ever shown.
#include <common/testdatabase.h>

#include <models/clock.h>
#include <services/providerconfig.h>
#include <services/webhooks/handlerregistry.h>
#include <services/webhooks/retellhandler.h>
#include <services/webhooks/stripehandler.h>
#include <services/webhooks/webhooklistener.h>
#include <services/webhooks/webhooktestsender.h>
#include <ui/admin/providersbox.h>

#include <QComboBox>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QtTest>

#include <memory>

using namespace Callvia;

namespace {

QString s(const char *text)
{
    return QString::fromUtf8(text);
}

QProcessEnvironment environment(quint16 port)
{
    QProcessEnvironment env;
    env.insert(s("CALLVIA_STRIPE_WEBHOOK_SECRET"), s("whsec_button_secret"));
    env.insert(s("CALLVIA_RETELL_API_KEY"), s("key_button_secret"));
    env.insert(s("CALLVIA_LISTENER_PUBLIC_URL"), s("http://127.0.0.1:%1/").arg(port));
    return env;
}

} // namespace

class tst_TestEventButton : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void clickShowsTheStoredEvent_data() { Tests::TestDatabase::addBackendRows(); }
    void clickShowsTheStoredEvent();
};

void tst_TestEventButton::clickShowsTheStoredEvent()
{
    CALLVIA_TEST_DATABASE(db);
    Models::TestClock clock(QDateTime::currentMSecsSinceEpoch());
    Services::ProviderConfig config(nullptr, nullptr, QProcessEnvironment());
    Services::HandlerRegistry handlers;
    handlers.add(std::make_unique<Services::RetellHandler>(db, clock));
    handlers.add(std::make_unique<Services::StripeHandler>(db, clock, &config));
    auto listener = std::make_unique<Services::WebhookListener>(db, clock, config, handlers,
                                                                Services::WebhookListener::Options());
    QCOMPARE(listener->listen(QHostAddress::LocalHost, 0), QString());
    const quint16 port = listener->port();
    config = Services::ProviderConfig(nullptr, nullptr, environment(port));

    Services::ProviderConfig senderConfig(nullptr, nullptr, environment(port));
    Ui::ProvidersBox box(senderConfig, s("127.0.0.1:%1").arg(port), [&listener] { return listener ? int(listener->port()) : 0; });
    auto *sender = new Services::WebhookTestSender(db, clock, senderConfig, nullptr, {}, &box);
    box.setTestSender(sender);
    box.show();
    auto *button = box.findChild<QPushButton *>(s("sendTestEvent"));
    auto *chooser = box.findChild<QComboBox *>(s("testEventProvider"));
    QVERIFY(button && chooser);
    QCOMPARE(chooser->count(), 5);

    chooser->setCurrentIndex(chooser->findData(s("stripe")));
    QSignalSpy shown(&box, &Ui::ProvidersBox::testEventShown);
    QTest::mouseClick(button, Qt::LeftButton);
    QVERIFY(!button->isEnabled()); // waiting, not blocking: the event loop answers the request
    QVERIFY(box.testEventText().startsWith(s("Sending a Stripe test event")));
    QVERIFY(shown.wait(15000));
    QCOMPARE(shown.first().first().toString(), s("stripe"));
    QVERIFY(button->isEnabled());
    const QString text = box.testEventText();
    QVERIFY2(text.startsWith(s("Stored.")), qPrintable(text));
    QVERIFY2(text.contains(s("http://127.0.0.1:%1/api/webhooks/stripe").arg(port)), qPrintable(text));
    QVERIFY2(text.contains(s("listener.public_url")), qPrintable(text));
    QVERIFY2(QRegularExpression(s("stored as event #[1-9][0-9]*")).match(text).hasMatch(), qPrintable(text));

    // Retell, then the listener gone: unreachable, told in the box.
    chooser->setCurrentIndex(chooser->findData(s("retell")));
    QTest::mouseClick(button, Qt::LeftButton);
    QVERIFY(shown.wait(15000));
    QVERIFY2(box.testEventText().startsWith(s("Stored.")), qPrintable(box.testEventText()));
    listener.reset(); // closes the port and the kept-alive connection
    QTest::mouseClick(button, Qt::LeftButton);
    QVERIFY(shown.wait(15000));
    QVERIFY2(box.testEventText().startsWith(s("Unreachable:")), qPrintable(box.testEventText()));
    for (const QString &secret : { s("whsec_button_secret"), s("key_button_secret") })
        QVERIFY(!box.testEventText().contains(secret));
}

QTEST_MAIN(tst_TestEventButton)
#include "tst_testeventbutton.moc"
