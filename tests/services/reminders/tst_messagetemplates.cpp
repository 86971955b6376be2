#include <common/testdatabase.h>

#include <models/repositories/clientrepository.h>
#include <models/clock.h>
#include <models/repositories/templaterepository.h>
#include <services/reminders/messagetemplates.h>
#include <services/reminders/replyprocessor.h>
#include <services/reminders/smsencoding.h>

#include <QtTest>

using namespace Callvia;
using namespace Callvia::Models;
using Callvia::Services::MessageTemplates;
using Callvia::Services::ReplyProcessor;
using Callvia::Services::SmsEncoding;

namespace {

QHash<QString, QString> typicalValues(const QString &language = QStringLiteral("en"))
{
    return { { QStringLiteral("first_name"), QStringLiteral("Alexandra") },
             { QStringLiteral("appointment_time"),
               MessageTemplates::formatTime(QDateTime(QDate(2025, 6, 12), QTime(18, 30), Qt::UTC).toMSecsSinceEpoch(),
                                            QStringLiteral("America/New_York"), language) },
             { QStringLiteral("location"), QStringLiteral("https://cal.com/video/x7Kp2") },
             { QStringLiteral("reschedule_link"), QStringLiteral("https://cal.com/reschedule/aB3dE5fG7hJ9kL") },
             { QStringLiteral("client_name"), QStringLiteral("Sunrise Dental") } };
}

} // namespace

// Templates: placeholders checked on save, GSM-7 / UCS-2 segment counts, the opt-out line, the
// 10-segment limit, the shipped defaults; reply words.
class tst_MessageTemplates : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void validateNamesTheUnknownPlaceholder_data();
    void validateNamesTheUnknownPlaceholder();
    void segmentCounts_data();
    void segmentCounts();
    void foldsAccentsToStayGsm7();
    void smsGetsTheOptOutLineInItsLanguage_data();
    void smsGetsTheOptOutLineInItsLanguage();
    void refusesEmptyAndOverTenSegments();
    void defaultsExistValidateAndFitMostlyOneSegment();
    void saveRefusesUnknownPlaceholderAndResolvesOverride_data() { Tests::TestDatabase::addBackendRows(); }
    void saveRefusesUnknownPlaceholderAndResolvesOverride();
    void replyWords_data();
    void replyWords();
};

void tst_MessageTemplates::validateNamesTheUnknownPlaceholder_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("error");
    QTest::newRow("all known") << QStringLiteral("Hi {{first_name}}, {{ appointment_time }} at {{location}}, "
                                                 "{{reschedule_link}} {{client_name}}")
                               << QString();
    QTest::newRow("no placeholder") << QStringLiteral("Plain text") << QString();
    QTest::newRow("unknown") << QStringLiteral("Hi {{firstname}}!")
                             << QStringLiteral("unknown placeholder {{firstname}} (known: first_name, appointment_time, "
                                               "location, reschedule_link, client_name)");
    QTest::newRow("unclosed") << QStringLiteral("Hi {{first_name") << QStringLiteral("placeholder opened at character 4 is not closed with }}");
    QTest::newRow("stray close") << QStringLiteral("Hi first_name}}") << QStringLiteral("}} at character 14 closes no placeholder");
}

void tst_MessageTemplates::validateNamesTheUnknownPlaceholder()
{
    QFETCH(QString, text);
    QFETCH(QString, error);
    QCOMPARE(MessageTemplates::validate(text), error);
}

void tst_MessageTemplates::segmentCounts_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("gsm7");
    QTest::addColumn<int>("units");
    QTest::addColumn<int>("segments");
    QTest::newRow("empty") << QString() << true << 0 << 0;
    QTest::newRow("160 GSM-7") << QString(160, QLatin1Char('a')) << true << 160 << 1;
    QTest::newRow("161 GSM-7") << QString(161, QLatin1Char('a')) << true << 161 << 2;
    QTest::newRow("306 GSM-7") << QString(306, QLatin1Char('a')) << true << 306 << 2;
    QTest::newRow("307 GSM-7") << QString(307, QLatin1Char('a')) << true << 307 << 3;
    QTest::newRow("German umlauts are GSM-7") << QStringLiteral("Bestätigen Sie, Grüße, Öl, ß") << true << 28 << 1;
    QTest::newRow("extension chars count twice") << (QString(79, QLatin1Char('a')) + QStringLiteral("€")) << true << 81 << 1;
    QTest::newRow("80 euro signs") << QString(80, QChar(0x20AC)) << true << 160 << 1;
    QTest::newRow("81 euro signs") << QString(81, QChar(0x20AC)) << true << 162 << 2;
    QTest::newRow("70 UCS-2") << (QString(69, QLatin1Char('a')) + QStringLiteral("ł")) << false << 70 << 1;
    QTest::newRow("71 UCS-2") << (QString(70, QLatin1Char('a')) + QStringLiteral("ł")) << false << 71 << 2;
    QTest::newRow("134 UCS-2") << (QString(133, QLatin1Char('a')) + QStringLiteral("ł")) << false << 134 << 2;
    QTest::newRow("135 UCS-2") << (QString(134, QLatin1Char('a')) + QStringLiteral("ł")) << false << 135 << 3;
    QTest::newRow("emoji is two UTF-16 units") << QStringLiteral("ok \U0001F600") << false << 5 << 1;
}

void tst_MessageTemplates::segmentCounts()
{
    QFETCH(QString, text);
    QFETCH(bool, gsm7);
    QFETCH(int, units);
    QFETCH(int, segments);
    const Services::SmsCount count = SmsEncoding::count(text);
    QCOMPARE(count.gsm7, gsm7);
    QCOMPARE(count.units, units);
    QCOMPARE(count.segments, segments);
}

void tst_MessageTemplates::foldsAccentsToStayGsm7()
{
    QCOMPARE(SmsEncoding::foldToGsm7(QStringLiteral("Sí, está reservada – “mañana”")),
             QStringLiteral("Si, esta reservada - \"mañana\""));
    // A letter with no look-alike keeps the whole text as it was (UCS-2).
    QCOMPARE(SmsEncoding::foldToGsm7(QStringLiteral("Sí, Łukasz")), QStringLiteral("Sí, Łukasz"));
    QVERIFY(!SmsEncoding::count(QStringLiteral("Sí, Łukasz")).gsm7);
}

void tst_MessageTemplates::smsGetsTheOptOutLineInItsLanguage_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("line");
    QTest::newRow("en") << QStringLiteral("en") << QStringLiteral("Reply STOP to opt out.");
    QTest::newRow("de") << QStringLiteral("de") << QStringLiteral("Abmelden: Antwort STOP.");
    QTest::newRow("es") << QStringLiteral("es") << QStringLiteral("Responde STOP para darte de baja.");
    QTest::newRow("unknown -> en") << QStringLiteral("fr") << QStringLiteral("Reply STOP to opt out.");
}

void tst_MessageTemplates::smsGetsTheOptOutLineInItsLanguage()
{
    QFETCH(QString, language);
    QFETCH(QString, line);
    const MessageTemplates::Rendered r = MessageTemplates::renderSms(QStringLiteral("See you {{appointment_time}}"),
                                                                     typicalValues(language), language);
    QCOMPARE(r.error, QString());
    QVERIFY2(r.body.endsWith(QLatin1Char(' ') + line), qPrintable(r.body));
    // Not twice when the template has it already.
    const MessageTemplates::Rendered again = MessageTemplates::renderSms(QStringLiteral("Hi. ") + line, {}, language);
    QCOMPARE(again.body, QStringLiteral("Hi. ") + line);
}

void tst_MessageTemplates::refusesEmptyAndOverTenSegments()
{
    const MessageTemplates::Rendered empty = MessageTemplates::renderSms(QStringLiteral("{{location}}"), {}, QStringLiteral("en"));
    QCOMPARE(empty.error, QStringLiteral("the SMS renders empty"));
    // 10 segments of GSM-7 (1530 septets) pass, one more character does not.
    const QString line = QStringLiteral(" Reply STOP to opt out.");
    const QString ten(1530 - int(line.size()), QLatin1Char('a'));
    const MessageTemplates::Rendered fits = MessageTemplates::renderSms(ten, {}, QStringLiteral("en"));
    QCOMPARE(fits.error, QString());
    QCOMPARE(fits.sms.segments, 10);
    const MessageTemplates::Rendered over = MessageTemplates::renderSms(ten + QLatin1Char('a'), {}, QStringLiteral("en"));
    QCOMPARE(over.error, QStringLiteral("the SMS takes 11 segments (1531 GSM-7 characters), more than 10"));
    // UCS-2: 10 x 67 units.
    const MessageTemplates::Rendered ucs = MessageTemplates::renderSms(QString(671, QChar(0x0142)), {}, QStringLiteral("en"));
    QVERIFY(!ucs.sms.gsm7);
    QCOMPARE(ucs.error, QStringLiteral("the SMS takes 11 segments (694 UCS-2 characters), more than 10"));
    const MessageTemplates::Rendered noSubject = MessageTemplates::renderEmail({ QStringLiteral("{{location}}"), QStringLiteral("Body") }, {});
    QCOMPARE(noSubject.error, QStringLiteral("the e-mail subject renders empty"));
}

void tst_MessageTemplates::defaultsExistValidateAndFitMostlyOneSegment()
{
    for (const QString &language : MessageTemplates::languages()) {
        QVERIFY(!MessageTemplates::optOutWording(language).isEmpty());
        for (const QString &name : MessageTemplates::names()) {
            const MessageTemplates::Text sms = MessageTemplates::defaultText(name, QStringLiteral("sms"), language);
            QVERIFY2(!sms.body.isEmpty(), qPrintable(name + QLatin1Char('/') + language));
            QCOMPARE(MessageTemplates::validate(sms.body), QString());
            const MessageTemplates::Rendered r = MessageTemplates::renderSms(sms.body, typicalValues(language), language);
            QCOMPARE(r.error, QString());
            QVERIFY2(r.sms.gsm7, qPrintable(r.body)); // accents folded: never UCS-2 for our own texts
            QVERIFY2(r.sms.segments <= 2, qPrintable(QStringLiteral("%1 segments: %2").arg(r.sms.segments).arg(r.body)));
            if (name.startsWith(QLatin1String("reminder_24h")) || name == QLatin1String("reminder_15m"))
                QVERIFY2(r.sms.units <= 160 || language != QLatin1String("en"), qPrintable(r.body));
            const MessageTemplates::Text mail = MessageTemplates::defaultText(name, QStringLiteral("email"), language);
            if (name == QLatin1String("reminder_2h") || name == QLatin1String("reminder_15m"))
                continue; // SMS only
            QVERIFY2(!mail.subject.isEmpty() && !mail.body.isEmpty(), qPrintable(name + QLatin1Char('/') + language));
            QCOMPARE(MessageTemplates::validate(mail.subject + mail.body), QString());
        }
    }
}

void tst_MessageTemplates::saveRefusesUnknownPlaceholderAndResolvesOverride()
{
    CALLVIA_TEST_DATABASE(db);
    TestClock clock;
    ClientRecord c;
    c.name = QStringLiteral("Sunrise Dental");
    const qint64 client = ClientRepository(db, clock, TenantScope::agency()).insert(c).value();
    MessageTemplates templates(db, clock);
    MessageTemplateRecord own;
    own.clientId = client;
    own.name = QStringLiteral("reminder_2h");
    own.channel = QStringLiteral("sms");
    own.language = QStringLiteral("en");
    own.body = QStringLiteral("Hi {{first_name}}, see you at {{apointment_time}}");
    DbResult<qint64> refused = templates.save(own);
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().kind(), DbError::Invalid);
    QVERIFY2(refused.error().message().startsWith(QStringLiteral("body: unknown placeholder {{apointment_time}}")),
             qPrintable(refused.error().message()));
    own.body = QStringLiteral("Hi {{first_name}}, see you at {{appointment_time}}");
    QVERIFY(templates.save(own).ok());
    QCOMPARE(templates.resolve(client, own.name, own.channel, own.language).value().body, own.body);
    // Another language and another client keep the defaults.
    QCOMPARE(templates.resolve(client, own.name, own.channel, QStringLiteral("de")).value().body,
             MessageTemplates::defaultText(own.name, own.channel, QStringLiteral("de")).body);
    own.name = QStringLiteral("reminder_1h");
    QCOMPARE(templates.save(own).error().message(),
             QStringLiteral("unknown template reminder_1h (known: reminder_24h, reminder_2h, reminder_15m, rebook, receipt)"));
    own.name = QStringLiteral("receipt");
    own.channel = QStringLiteral("email");
    own.subject = QStringLiteral("Booked {{when}}");
    QVERIFY(templates.save(own).error().message().startsWith(QStringLiteral("subject: unknown placeholder {{when}}")));
}

void tst_MessageTemplates::replyWords_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("intent");
    const int confirm = int(ReplyProcessor::Intent::Confirm);
    const int stop = int(ReplyProcessor::Intent::OptOut);
    const int none = int(ReplyProcessor::Intent::None);
    for (const char *word : { "YES", "yes", "Y", "y.", " Yes!! ", "Confirm", "confirmed.", "ja", "JA!", "Bestätigen",
                              "BESTÄTIGEN", "sí", "¡Sí!", "SI", "si.", "Confirmar" })
        QTest::newRow(word) << QString::fromUtf8(word) << confirm;
    for (const char *word : { "STOP", "stop.", "Stop!", "STOPALL", "unsubscribe", "Cancel", "END", "quit", "Revoke",
                              "opt out", "Opt-Out" })
        QTest::newRow(word) << QString::fromUtf8(word) << stop;
    for (const char *word : { "yes please", "no", "", "yess", "stop please", "optout" })
        QTest::newRow(word[0] ? word : "empty") << QString::fromUtf8(word) << none;
}

void tst_MessageTemplates::replyWords()
{
    QFETCH(QString, text);
    QFETCH(int, intent);
    QCOMPARE(int(ReplyProcessor::classify(text)), intent);
}

QTEST_GUILESS_MAIN(tst_MessageTemplates)
#include "tst_messagetemplates.moc"
