#include <ui/clients/clientdialog.h>

#include <QLabel>
#include <QLineEdit>
#include <QComboBox>
#include <QtTest>

using namespace Callvia;

class tst_ClientDialog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parsesCents_data();
    void parsesCents();
    void namesTheBadField_data();
    void namesTheBadField();
    void givesTheRecordBack();
    void providerIdsAreValidatedAndNormalized();
    void billingFieldsAreReadOnlyForStaff();
};

void tst_ClientDialog::parsesCents_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("cents");
    QTest::newRow("whole") << "2000" << qint64(200000);
    QTest::newRow("decimals") << "2000.5" << qint64(200050);
    QTest::newRow("grouped") << "$2,000.05" << qint64(200005);
    QTest::newRow("zero") << "0" << qint64(0);
    QTest::newRow("three decimals") << "1.005" << qint64(-1);
    QTest::newRow("letters") << "two thousand" << qint64(-1);
    QTest::newRow("negative") << "-5" << qint64(-1);
    QTest::newRow("empty") << "" << qint64(-1);
}

void tst_ClientDialog::parsesCents()
{
    QFETCH(QString, text);
    QFETCH(qint64, cents);
    QCOMPARE(Ui::ClientDialog::parseCents(text), cents);
}

void tst_ClientDialog::namesTheBadField_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("messageStart");
    QTest::newRow("empty name") << "name" << "   " << "Name:";
    QTest::newRow("bad email") << "contactEmail" << "ops-at-example" << "Contact e-mail:";
    QTest::newRow("bad stripe id") << "stripeCustomerId" << "acct_1" << "Stripe customer id:";
    QTest::newRow("bad time zone") << "timeZone" << "Mars/Olympus" << "Time zone:";
    QTest::newRow("bad amount") << "milestoneAmount" << "lots" << "Milestone amount:";
}

void tst_ClientDialog::namesTheBadField()
{
    QFETCH(QString, field);
    QFETCH(QString, value);
    QFETCH(QString, messageStart);
    Models::ClientRecord record;
    record.name = QStringLiteral("Acme");
    Ui::ClientDialog dialog(record);
    dialog.show();
    if (auto *edit = dialog.findChild<QLineEdit *>(field))
        edit->setText(value);
    else if (auto *combo = dialog.findChild<QComboBox *>(field))
        combo->setCurrentText(value);
    else
        QFAIL("no such field");
    const QString message = dialog.validate();
    QVERIFY2(message.startsWith(messageStart), qPrintable(message));
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Rejected)); // still open
    QVERIFY(dialog.findChild<QLabel *>(QStringLiteral("error"))->isVisible());
    QCOMPARE(dialog.findChild<QLabel *>(QStringLiteral("error"))->text(), message);
}

void tst_ClientDialog::givesTheRecordBack()
{
    Models::ClientRecord record;
    record.id = 7;
    Ui::ClientDialog dialog(record);
    dialog.findChild<QLineEdit *>(QStringLiteral("name"))->setText(QStringLiteral("  Sunrise Dental "));
    dialog.findChild<QLineEdit *>(QStringLiteral("contactEmail"))->setText(QStringLiteral("Ops@Sunrise.Example"));
    dialog.findChild<QLineEdit *>(QStringLiteral("milestoneAmount"))->setText(QStringLiteral("2500"));
    dialog.findChild<QComboBox *>(QStringLiteral("timeZone"))->setCurrentText(QStringLiteral("Europe/Lisbon"));
    QVERIFY(dialog.validate().isEmpty());
    const Models::ClientRecord out = dialog.record();
    QCOMPARE(out.id, 7);
    QCOMPARE(out.name, QStringLiteral("Sunrise Dental"));
    QCOMPARE(out.contactEmail, QStringLiteral("ops@sunrise.example"));
    QCOMPARE(out.milestoneAmountCents, 250000);
    QCOMPARE(out.milestoneSize, 25);
    QCOMPARE(out.perMinuteRateCents, 20);
    QCOMPARE(out.timeZone, QStringLiteral("Europe/Lisbon"));
}

// The ids providers vouch for (which attribute webhook events to the client): a bad one is named
// with its field; good ones come back normalized, one row per value.
void tst_ClientDialog::providerIdsAreValidatedAndNormalized()
{
    Models::ClientRecord record;
    record.id = 7;
    record.name = QStringLiteral("Sunrise Dental");
    Ui::ClientDialog dialog(record);
    dialog.setProviderIds({ { 7, QStringLiteral("calcom"), QStringLiteral("event_type_id"), QStringLiteral("100") } });
    QCOMPARE(dialog.findChild<QLineEdit *>(QStringLiteral("calcom_event_type_id"))->text(), QStringLiteral("100"));
    auto field = [&dialog](const char *name) { return dialog.findChild<QLineEdit *>(QLatin1String(name)); };
    field("messagebird_number")->setText(QStringLiteral("4155550100"));
    QString message = dialog.validate();
    QVERIFY2(message.startsWith(QStringLiteral("MessageBird numbers:")), qPrintable(message));
    field("messagebird_number")->setText(QStringLiteral("+1 415 555 0100"));
    field("calcom_event_type_id")->setText(QStringLiteral("100, abc"));
    message = dialog.validate();
    QVERIFY2(message.startsWith(QStringLiteral("Cal.com event type ids:")) && message.contains(QStringLiteral("abc")),
             qPrintable(message));
    field("calcom_event_type_id")->setText(QStringLiteral("100, 0200"));
    field("calcom_organizer")->setText(QStringLiteral("Desk@Sunrise.Example"));
    field("retell_agent_id")->setText(QStringLiteral("agent_a agent_b"));
    field("retell_number")->setText(QStringLiteral("+1 415 555 0101, +14155550102"));
    QCOMPARE(dialog.validate(), QString());
    const QList<Models::ClientProviderId> ids = dialog.providerIds();
    auto has = [&ids](const char *provider, const char *kind, const char *value) {
        return ids.contains({ 7, QLatin1String(provider), QLatin1String(kind), QLatin1String(value) });
    };
    QCOMPARE(ids.size(), 8);
    QVERIFY(has("retell", "agent_id", "agent_a") && has("retell", "agent_id", "agent_b"));
    QVERIFY(has("retell", "number", "+14155550101") && has("retell", "number", "+14155550102"));
    QVERIFY(has("calcom", "event_type_id", "100") && has("calcom", "event_type_id", "200"));
    QVERIFY(has("calcom", "organizer", "desk@sunrise.example"));
    QVERIFY(has("messagebird", "number", "+14155550100"));
}

void tst_ClientDialog::billingFieldsAreReadOnlyForStaff()
{
    Models::ClientRecord client;
    client.name = QStringLiteral("Acme");
    client.perMinuteRateCents = 31;
    Ui::ClientDialog dialog(client);
    dialog.setBillingEditable(false);
    for (const char *name : { "rate", "stripeCustomerId", "milestoneSize", "milestoneAmount" }) {
        auto *field = dialog.findChild<QWidget *>(QLatin1String(name));
        QVERIFY2(field, name);
        QVERIFY2(!field->isEnabled(), name);
    }
    QCOMPARE(dialog.record().perMinuteRateCents, 31); // shown, and given back unchanged
}

QTEST_MAIN(tst_ClientDialog)
#include "tst_clientdialog.moc"
