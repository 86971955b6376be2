#include <ui/campaigns/campaigndialog.h>
#include <ui/widgets/translations.h>

#include <QCheckBox>
#include <QComboBox>
#include <QSpinBox>
#include <QTabWidget>
#include <QTimeEdit>
#include <QLabel>
#include <QLineEdit>
#include <QtTest>

using namespace Callvia;

class tst_CampaignDialog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // English plural forms ("1 day", not "1 day(s)") come from the embedded English translation.
    void initTestCase() { Ui::installTranslations(QLocale(QLocale::English, QLocale::UnitedStates)); }
    void namesTheBadField_data();
    void namesTheBadField();
    void requiresAClient();
    void givesTheRecordBack();
    void callingPageNamesTheBadField_data();
    void callingPageNamesTheBadField();
    void givesTheCallingSettingsBack();
    void callingPageReadsAsWords();

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

void tst_CampaignDialog::callingPageNamesTheBadField_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<int>("value");
    QTest::addColumn<QString>("messageStart");
    QTest::newRow("window opens at 07:30") << "windowStart" << 7 * 60 + 30 << "Calling window start: 07:30 is before the legal 08:00";
    QTest::newRow("window closes at 21:30") << "windowEnd" << 21 * 60 + 30 << "Calling window end: 21:30 is after the legal 21:00";
    QTest::newRow("no concurrent calls") << "maxConcurrentCalls" << 0 << "Maximum concurrent calls";
    QTest::newRow("no calls per minute") << "callsPerMinute" << 0 << "Calls per minute";
    QTest::newRow("no attempts") << "maxAttempts" << 0 << "Maximum attempts per lead";
    QTest::newRow("negative voicemail retry") << "retryVoicemail" << -1 << "Retry after voicemail";
    QTest::newRow("no calling day") << "days" << 0 << "Calling days";
    QTest::newRow("no callable status") << "statuses" << 0 << "Callable lead statuses";
    QTest::newRow("snapshot not a date") << "nationalDncSnapshot" << 0 << "National DNC snapshot date";
}

void tst_CampaignDialog::callingPageNamesTheBadField()
{
    QFETCH(QString, field);
    QFETCH(int, value);
    QFETCH(QString, messageStart);
    Models::CampaignRecord record;
    record.clientId = 3;
    record.name = QStringLiteral("Spring");
    Ui::CampaignDialog dialog(record, clients());
    dialog.show();
    if (auto *time = dialog.findChild<QTimeEdit *>(field))
        time->setTime(QTime(0, 0).addSecs(value * 60));
    else if (auto *spin = dialog.findChild<QSpinBox *>(field))
        spin->setValue(value);
    else if (auto *line = dialog.findChild<QLineEdit *>(field))
        line->setText(QStringLiteral("last week"));
    else {
        const QString prefix = field == QLatin1String("days") ? QStringLiteral("day") : QStringLiteral("status_");
        for (QCheckBox *box : dialog.findChildren<QCheckBox *>()) {
            if (box->objectName().startsWith(prefix))
                box->setChecked(false);
        }
    }
    const QString message = dialog.validate();
    QVERIFY2(message.startsWith(messageStart), qPrintable(message));
    QVERIFY(dialog.findChild<QLabel *>(QStringLiteral("error"))->isVisible());
    QCOMPARE(dialog.findChild<QTabWidget *>()->currentIndex(), 1); // the calling page is shown
}

void tst_CampaignDialog::givesTheCallingSettingsBack()
{
    Models::CampaignRecord record;
    record.clientId = 3;
    record.name = QStringLiteral("Spring");
    Models::CampaignCallingSettings in;
    in.campaignId = 9;
    in.windowStartMinute = 9 * 60;
    in.callingDays = 0x1f;
    in.nationalDncSnapshot = QDate(2026, 7, 1);
    Ui::CampaignDialog dialog(record, clients(), in);
    QCOMPARE(dialog.findChild<QTimeEdit *>(QStringLiteral("windowStart"))->time(), QTime(9, 0));
    QVERIFY(!dialog.findChild<QCheckBox *>(QStringLiteral("day6"))->isChecked());
    dialog.findChild<QSpinBox *>(QStringLiteral("retryBusy"))->setValue(45);
    dialog.findChild<QCheckBox *>(QStringLiteral("status_no_show"))->setChecked(true);
    dialog.findChild<QComboBox *>(QStringLiteral("consentRequired"))->setCurrentIndex(1);
    QVERIFY2(dialog.validate().isEmpty(), qPrintable(dialog.validate()));
    const Models::CampaignCallingSettings out = dialog.callingSettings();
    QCOMPARE(out.campaignId, 9);
    QCOMPARE(out.windowStartMinute, 9 * 60);
    QCOMPARE(out.windowEndMinute, 21 * 60);
    QCOMPARE(out.callingDays, 0x1f);
    QCOMPARE(out.retryBusySeconds, 45 * 60);
    QVERIFY(out.callableStatuses.contains(QStringLiteral("no_show")));
    QCOMPARE(out.consentRequired, QStringLiteral("express"));
    QCOMPARE(out.nationalDncSnapshot, QDate(2026, 7, 1));
}

// What a person sees on the Calling page: statuses and the campaign status as words, delays in
// the largest whole unit, and mnemonics on the rows that hold several fields (no literal '&').
void tst_CampaignDialog::callingPageReadsAsWords()
{
    Models::CampaignRecord record;
    record.clientId = 3;
    record.status = QStringLiteral("active");
    Models::CampaignCallingSettings in;
    in.retryVoicemailSeconds = 24 * 3600;
    in.retryNoAnswerSeconds = 4 * 3600;
    in.retryBusySeconds = 90 * 60;
    Ui::CampaignDialog dialog(record, clients(), in);
    QCOMPARE(dialog.findChild<QComboBox *>(QStringLiteral("status"))->currentText(), QStringLiteral("Active"));
    QCOMPARE(dialog.findChild<QComboBox *>(QStringLiteral("status"))->currentData().toString(), QStringLiteral("active"));
    QCOMPARE(dialog.findChild<QCheckBox *>(QStringLiteral("status_no_show"))->text(), QStringLiteral("No-show"));
    auto *voicemail = dialog.findChild<QSpinBox *>(QStringLiteral("retryVoicemail"));
    QCOMPARE(voicemail->text(), QStringLiteral("1 day"));
    QCOMPARE(dialog.findChild<QSpinBox *>(QStringLiteral("retryNoAnswer"))->text(), QStringLiteral("4 h"));
    QCOMPARE(dialog.findChild<QSpinBox *>(QStringLiteral("retryBusy"))->text(), QStringLiteral("90 min"));
    // Typed with a unit, or as bare minutes.
    voicemail->findChild<QLineEdit *>()->setText(QStringLiteral("2 h"));
    voicemail->interpretText();
    QCOMPARE(voicemail->value(), 120);
    voicemail->findChild<QLineEdit *>()->setText(QStringLiteral("3 days"));
    voicemail->interpretText();
    QCOMPARE(voicemail->value(), 3 * 24 * 60);
    voicemail->findChild<QLineEdit *>()->setText(QStringLiteral("45"));
    voicemail->interpretText();
    QCOMPARE(voicemail->value(), 45);
    voicemail->stepBy(1);
    QCOMPARE(voicemail->value(), 46);
    voicemail->setValue(24 * 60);
    voicemail->stepBy(1);
    QCOMPARE(voicemail->text(), QStringLiteral("2 days"));
    const QStringList withBuddy { QStringLiteral("Calling &days:"), QStringLiteral("Calling &window:"),
                                  QStringLiteral("Callable &statuses:") };
    for (const QString &text : withBuddy) {
        QLabel *found = nullptr;
        for (QLabel *label : dialog.findChildren<QLabel *>()) {
            if (label->text() == text)
                found = label;
        }
        QVERIFY2(found, qPrintable(text));
        QVERIFY2(found->buddy(), qPrintable(text + QStringLiteral(" has no buddy: the '&' shows")));
    }
}

QTEST_MAIN(tst_CampaignDialog)
#include "tst_campaigndialog.moc"
