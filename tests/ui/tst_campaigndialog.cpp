#include <ui/campaigns/campaigndialog.h>

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QtTest>

using namespace Callvia;

class tst_CampaignDialog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void namesTheBadField_data();
    void namesTheBadField();
    void requiresAClient();
    void givesTheRecordBack();

private:
    QList<Models::ClientRecord> clients() const
    {
        Models::ClientRecord a;
        a.id = 3;
        a.name = QStringLiteral("Acme");
        return { a };
    }
};

void tst_CampaignDialog::namesTheBadField_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("messageStart");
    QTest::newRow("empty name") << "name" << "" << "Name:";
    QTest::newRow("bad region") << "region" << "XX" << "Default region:";
    QTest::newRow("lower-case junk region") << "region" << "1a" << "Default region:";
    QTest::newRow("national caller number") << "fromNumber" << "(415) 555-0100" << "Caller number:";
    QTest::newRow("agent id with spaces") << "agent" << "agent 1" << "Retell agent id:";
}

void tst_CampaignDialog::namesTheBadField()
{
    QFETCH(QString, field);
    QFETCH(QString, value);
    QFETCH(QString, messageStart);
    Models::CampaignRecord record;
    record.clientId = 3;
    record.name = QStringLiteral("Spring");
    Ui::CampaignDialog dialog(record, clients());
    dialog.show();
    dialog.findChild<QLineEdit *>(field)->setText(value);
    const QString message = dialog.validate();
    QVERIFY2(message.startsWith(messageStart), qPrintable(message));
    QVERIFY(dialog.findChild<QLabel *>(QStringLiteral("error"))->isVisible());
}

void tst_CampaignDialog::requiresAClient()
{
    Models::CampaignRecord record;
    record.name = QStringLiteral("Spring");
    Ui::CampaignDialog dialog(record, {});
    QVERIFY(dialog.validate().startsWith(QLatin1String("Client:")));
}

void tst_CampaignDialog::givesTheRecordBack()
{
    Models::CampaignRecord record;
    record.clientId = 3;
    Ui::CampaignDialog dialog(record, clients());
    dialog.findChild<QLineEdit *>(QStringLiteral("name"))->setText(QStringLiteral(" Spring reactivation "));
    dialog.findChild<QLineEdit *>(QStringLiteral("region"))->setText(QStringLiteral("gb"));
    dialog.findChild<QLineEdit *>(QStringLiteral("fromNumber"))->setText(QStringLiteral("+442071838750"));
    dialog.findChild<QComboBox *>(QStringLiteral("status"))->setCurrentIndex(1);
    QVERIFY2(dialog.validate().isEmpty(), qPrintable(dialog.validate()));
    const Models::CampaignRecord out = dialog.record();
    QCOMPARE(out.clientId, 3);
    QCOMPARE(out.name, QStringLiteral("Spring reactivation"));
    QCOMPARE(out.defaultRegion, QStringLiteral("GB"));
    QCOMPARE(out.status, QStringLiteral("active"));
    QCOMPARE(out.dailyCallLimit, -1);
}

QTEST_MAIN(tst_CampaignDialog)
#include "tst_campaigndialog.moc"
