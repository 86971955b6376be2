#include <services/importing/areacodezones.h>
#include <services/importing/columnmapping.h>
#include <services/importing/leadnormalizer.h>
#include <services/importing/newareacodes.h>
#include <services/webhooks/payloadfields.h>

#include <QRandomGenerator>
#include <QtTest>

#include <phonenumbers/geocoding/phonenumber_offline_geocoder.h>
#include <phonenumbers/phonenumberutil.h>
#include <unicode/locid.h>

using namespace Callvia::Services;

// Phone, e-mail, time zone and column-mapping rules of the import, on real libphonenumber.
class tst_LeadNormalizer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void normalizesPhones_data();
    void normalizesPhones();
    void fastPathAgreesWithLibphonenumber();
    void shapeRejectionsAgreeWithLibphonenumber();
    void prefixVerdictsAgreeWithLibphonenumber();
    void keepsNumbersFromAreaCodesNewerThanTheLibrary_data();
    void keepsNumbersFromAreaCodesNewerThanTheLibrary();
    void keepsLibphonenumbersVerdictOutsideThatRule_data();
    void keepsLibphonenumbersVerdictOutsideThatRule();
    void geocoderShortcutGivesTheSameDescription();
    void validatesEmails_data();
    void validatesEmails();
    void mapsHeaderSynonyms_data();
    void mapsHeaderSynonyms();
    void refusesMappingWithoutPhoneOrEmail();
    void resolvesTimeZones();
    void buildsLeadFromRow();
    void rejectsRowsWithReasons_data();
    void rejectsRowsWithReasons();
};

namespace {

LeadNormalizer normalizer(const QString &region = QStringLiteral("US"),
                          const QStringList &headers = { QStringLiteral("phone") })
{
    NormalizeSettings settings;
    settings.defaultRegion = region;
    settings.fallbackTimeZone = QStringLiteral("Europe/Paris");
    return LeadNormalizer(ColumnMapping::guess(headers), settings);
}

} // namespace

void tst_LeadNormalizer::normalizesPhones_data()
{
    QTest::addColumn<QString>("region");
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("e164"); // empty when rejected
    QTest::addColumn<QString>("extensionOrReason");
    auto row = [](const char *name, const char *region, const char *input, const char *e164, const char *extra) {
        QTest::newRow(name) << QString::fromLatin1(region) << QString::fromUtf8(input) << QString::fromLatin1(e164)
                            << QString::fromLatin1(extra);
    };
    row("US national dashes", "US", "212-555-0142", "+12125550142", "");
    row("US with +1", "US", "+1 212 555 0142", "+12125550142", "");
    row("US dots", "US", "212.555.0142", "+12125550142", "");
    row("US parentheses", "US", "(212) 555-0142", "+12125550142", "");
    row("US leading 1", "US", "1 (212) 555-0142", "+12125550142", "");
    row("US extension", "US", "(212) 555-0142 ext. 345", "+12125550142", "345");
    row("US x extension", "US", "212-555-0142 x7", "+12125550142", "7");
    row("UK national", "GB", "020 7946 0958", "+442079460958", "");
    row("UK international", "US", "+44 20 7946 0958", "+442079460958", "");
    row("UK 00 prefix from DE", "DE", "0044 20 7946 0958", "+442079460958", "");
    row("UK mobile", "GB", "07911 123456", "+447911123456", "");
    row("German national", "DE", "030 1234567", "+49301234567", "");
    row("German international", "US", "+49 30 1234567", "+49301234567", "");
    row("German 00 prefix", "DE", "0049 30 1234567", "+49301234567", "");
    row("011 from US", "US", "011 49 30 1234567", "+49301234567", "");
    row("vanity letters", "US", "1-800-FLOWERS", "+18003569377", "");
    row("too short", "US", "555-12", "", "TOO_SHORT");
    row("too long", "US", "212 555 0142 9999 99", "", "TOO_LONG");
    row("letters", "US", "call me", "", "NOT_A_NUMBER");
    row("bad country code", "US", "+999 1234 5678", "", "INVALID_COUNTRY_CODE");
    row("invalid for region", "US", "(123) 456-7890", "", "not a valid number for region US");
}

void tst_LeadNormalizer::normalizesPhones()
{
    QFETCH(QString, region);
    QFETCH(QString, input);
    QFETCH(QString, e164);
    QFETCH(QString, extensionOrReason);
    const LeadNormalizer::Phone phone = normalizer(region).normalizePhone(input);
    if (e164.isEmpty()) {
        QCOMPARE(phone.reason, extensionOrReason);
    } else {
        QVERIFY2(phone.reason.isEmpty(), qPrintable(phone.reason));
        QCOMPARE(phone.e164, e164);
        QCOMPARE(phone.extension, extensionOrReason);
    }
}

void tst_LeadNormalizer::fastPathAgreesWithLibphonenumber()
{
    // Every NPA-NXX shape, including Caribbean and Canadian area codes, in several formats.
    const LeadNormalizer n = normalizer(QStringLiteral("US"));
    QRandomGenerator random(7);
    const char *const formats[] = { "(%1) %2-%3", "%1-%2-%3", "+1 %1 %2 %3", "1.%1.%2.%3", "%1%2%3" };
    // Extensions: the spelling the fast path takes ("x12", " x12", "X12"), and near misses it
    // must leave to libphonenumber (which may or may not read them as extensions).
    const char *const extensions[] = { "", "", " x%1", "x%1", " X%1", " x%1", " x %1", " ext %1", " x%1a",
                                       " x%1 ", "  x%1", "-x%1", " #%1", " x" };
    int valid = 0, withExtension = 0;
    for (int i = 0; i < 20000; ++i) {
        const QString text = QString::fromLatin1(formats[i % 5])
                                     .arg(random.bounded(200, 1000))
                                     .arg(random.bounded(200, 1000))
                                     .arg(random.bounded(10000), 4, 10, QLatin1Char('0'))
                + QString::fromLatin1(extensions[(i / 5) % 14]).arg(random.bounded(1, 10'000'000 >> (i % 4 * 5)));
        const LeadNormalizer::Phone fast = n.normalizePhone(text);
        const LeadNormalizer::Phone full = n.normalizePhone(text, false);
        QVERIFY2(fast.e164 == full.e164 && fast.reason == full.reason && fast.state == full.state
                         && fast.extension == full.extension && fast.timeZone == full.timeZone
                         && fast.unknownAreaCode == full.unknownAreaCode,
                 qPrintable(text + QLatin1String(": ") + fast.e164 + fast.reason + fast.state + QLatin1Char('/')
                            + fast.extension + QLatin1String(" vs ") + full.e164 + full.reason + full.state
                            + QLatin1Char('/') + full.extension));
        valid += !full.e164.isEmpty();
        withExtension += !full.extension.isEmpty();
    }
    // Exchanges 0XX and 1XX take the fast path too (issue 19): the same verdicts.
    for (int i = 0; i < 4000; ++i) {
        const QString text = QString::fromLatin1(formats[i % 5])
                                     .arg(random.bounded(200, 1000))
                                     .arg(random.bounded(200), 3, 10, QLatin1Char('0'))
                                     .arg(random.bounded(10000), 4, 10, QLatin1Char('0'));
        QVERIFY2(n.fastNanpPhone(text).has_value(), qPrintable(text));
        const LeadNormalizer::Phone fast = n.normalizePhone(text);
        const LeadNormalizer::Phone full = n.normalizePhone(text, false);
        QVERIFY2(fast.e164 == full.e164 && fast.reason == full.reason && fast.unknownAreaCode == full.unknownAreaCode,
                 qPrintable(text + QLatin1String(": ") + fast.e164 + fast.reason + QLatin1String(" vs ") + full.e164
                            + full.reason));
    }
    // Every area code, a sample of its exchanges: the fast path's verdict for area codes the
    // library has no data for is given without asking it, and must be the same.
    for (int npa = 200; npa <= 999; ++npa) {
        for (int nxx = 200 + npa % 29; nxx <= 999; nxx += 29) {
            const QString text = QStringLiteral("%1-%2-4321").arg(npa).arg(nxx);
            const LeadNormalizer::Phone fast = n.normalizePhone(text);
            const LeadNormalizer::Phone full = n.normalizePhone(text, false);
            QVERIFY2(fast.e164 == full.e164 && fast.reason == full.reason && fast.unknownAreaCode == full.unknownAreaCode,
                     qPrintable(text));
        }
    }
    QVERIFY(valid > 5000); // both verdicts occur
    QVERIFY(valid < 20000);
    QVERIFY(withExtension > 2000);
    // The fast path takes the common spelling itself, and leaves the others alone.
    for (const char *text : { "(202) 555-0101 x12", "202-555-0101x123456", "+1 202 555 0101 X9" })
        QVERIFY2(n.fastNanpPhone(QLatin1String(text)).has_value(), text);
    QCOMPARE(n.fastNanpPhone(QStringLiteral("(202) 555-0101 x12"))->extension, QStringLiteral("12"));
    for (const char *text : { "202-555-0101 ext 12", "202-555-0101 x1234567", "202-555-0101 x", "x202-555-0101",
                              "202-555-0101  x12", "202-555-0101 x 12" })
        QVERIFY2(!n.fastNanpPhone(QLatin1String(text)).has_value(), text);
    // Rejected texts are remembered per thread: asked again, the same reason, for each region.
    const LeadNormalizer uk = normalizer(QStringLiteral("GB"));
    for (int round = 0; round < 3; ++round) {
        for (const char *text : { "call me later", "555-12", "N/A", "+1 202 555 01", "020 7946 0958" }) {
            const QString t = QLatin1String(text);
            QCOMPARE(n.normalizePhone(t).reason, n.normalizePhone(t, false).reason);
            QCOMPARE(uk.normalizePhone(t).reason, uk.normalizePhone(t, false).reason);
            QCOMPARE(uk.normalizePhone(t).e164, uk.normalizePhone(t, false).e164);
        }
    }
}

// Texts rejected from their shape alone (certainRejection) get libphonenumber's reason: every
// generated text of each shape, and random texts over the same characters, for US and CA; the
// shortcut must also fire on each shape (so removing it fails here), and not elsewhere.
void tst_LeadNormalizer::shapeRejectionsAgreeWithLibphonenumber()
{
    QRandomGenerator random(19);
    const auto digits = [&random](int count, char first) {
        QString text;
        for (int i = 0; i < count; ++i)
            text += QChar(i == 0 && first ? first : char('0' + random.bounded(10)));
        return text;
    };
    const auto punctuate = [&random](const QString &plain) {
        static const char separators[] = { ' ', '-', '.', '(', ')' };
        QString text;
        for (const QChar c : plain) {
            if (random.bounded(4) == 0)
                text += QLatin1Char(separators[random.bounded(5)]);
            text += c;
        }
        return text;
    };
    static const char alphabet[] = "0123456789012345678901234567890123456789 ()-.+xXaEe#/@*;,_=!?N";
    for (const char *region : { "US", "CA", "GB" }) {
        const LeadNormalizer n = normalizer(QLatin1String(region));
        const bool nanp = QLatin1String(region) != QLatin1String("GB");
        QHash<QString, int> fired;
        int compared = 0;
        for (int i = 0; i < 30000; ++i) {
            QString text;
            const int shape = i % 11;
            const int count = random.bounded(1, 26);
            switch (shape) {
            case 0: text = digits(count, 0); break; // any digits, 0 and 1 first too
            case 8: text = punctuate(digits(count, random.bounded(2) ? '1' : char('0' + random.bounded(10)))); break;
            case 9: // two numbers in one cell, the way lists write them
                text = (random.bounded(3) == 0 ? QStringLiteral("+") : QString()) + punctuate(digits(count, 0))
                        + QLatin1String(random.bounded(2) ? " / " : "/")
                        + (random.bounded(2) ? QStringLiteral("+") : QString()) + punctuate(digits(random.bounded(1, 12), 0));
                break;
            case 10: // e-mail addresses, and "@" or "+" in odd places
                text = QStringLiteral("tom") + digits(random.bounded(0, 5), 0)
                        + QLatin1String(QList<const char *>{ "@example.com", "@", "@ 12", "+", "+1", "@x", "a@b#" }
                                                .at(random.bounded(7)))
                        + (random.bounded(2) ? digits(random.bounded(0, 4), 0) : QString());
                if (random.bounded(2))
                    text = digits(random.bounded(1, 12), 0) + text;
                break;
            case 1: text = punctuate(digits(count, char('2' + random.bounded(8)))); break;
            case 2: text = QLatin1Char('+') + punctuate(digits(count, 0)); break;
            case 3: text = QStringLiteral("+9") + punctuate(digits(count, 0)); break;
            case 4: text = (random.bounded(2) ? QStringLiteral("(+") : QStringLiteral("+ ")) + digits(count, 0); break;
            case 5: // no digits
                for (int k = 0; k < count; ++k)
                    text += QLatin1Char(alphabet[40 + random.bounded(int(sizeof alphabet) - 41)]);
                break;
            case 6: // any of the characters
                for (int k = 0; k < count; ++k)
                    text += QLatin1Char(alphabet[random.bounded(int(sizeof alphabet) - 1)]);
                break;
            default: // near misses: other scripts' digits and signs, the wide plus, letters
                text = digits(count, char('2' + random.bounded(8)));
                text.insert(random.bounded(int(text.size()) + 1),
                            QList<QChar>{ QChar(0x0663), QChar(0xFF0B), QChar(0xFF13), QLatin1Char('x'),
                                          QLatin1Char('/'), QChar(0x00A0) }
                                    .at(random.bounded(6)));
                break;
            }
            text = text.trimmed();
            if (text.isEmpty())
                continue;
            const std::optional<QString> shortcut = n.certainRejection(text);
            if (!shortcut)
                continue;
            QVERIFY2(nanp, qPrintable(text)); // only for US and CA
            const LeadNormalizer::Phone full = n.normalizePhone(text, false);
            QVERIFY2(!full.reason.isEmpty() && *shortcut == full.reason,
                     qPrintable(QLatin1String(region) + QLatin1String(": ") + text + QLatin1String(": ") + *shortcut
                                + QLatin1String(" vs ") + full.reason + full.e164));
            ++fired[*shortcut];
            ++compared;
        }
        if (!nanp)
            continue;
        QVERIFY(compared > 10000);
        for (const char *reason : { "NOT_A_NUMBER", "TOO_SHORT", "TOO_LONG", "IS_POSSIBLE_LOCAL_ONLY", "INVALID_COUNTRY_CODE" })
            QVERIFY2(fired.value(QLatin1String(reason)) > 50, reason);
        // The shapes of a real list take it; the parser's own cases do not.
        for (const char *text : { "call me later", "N/A", "#######", "---", "555-12", "555-1234", "212-55512",
                                  "2125551234567", "+999 1234 5678", "(212) 555-12345", "tom123@example.com",
                                  "(212) 555-1234 / +1 212 555 1234", "212-555-1234 / 212.555.1234",
                                  "1-212-555-1234 / 212-555-1234", "+1 212 555 1234 / 212-555-1234" })
            QVERIFY2(n.certainRejection(QLatin1String(text)).has_value(), text);
        for (const char *text : { "+", "212-555-1234", "1-800-FLOWERS", "011 44 20 7946 0958", "15551234",
                                  "+44 20 7946 0958", "ext 12 only", "12", "212 555 1234 / x12", "2125551234 @" })
            QVERIFY2(!n.certainRejection(QLatin1String(text)).has_value(), text);
    }
}

// The fast path's verdict of an NPA-NXX prefix (region asked once per area code, the prefix
// checked against that region alone) against the full parser: every 37th of the 800,000
// prefixes NPA 200-999 x NXX 000-999, all of them with CALLVIA_EXHAUSTIVE_PREFIXES=1 (about a
// minute; run for the change of 2026-12-07, see BENCHMARKS.md), with and without the geocoder.
void tst_LeadNormalizer::prefixVerdictsAgreeWithLibphonenumber()
{
    const int step = qEnvironmentVariableIntValue("CALLVIA_EXHAUSTIVE_PREFIXES") == 1 ? 1 : 37;
    NormalizeSettings plain;
    plain.geocodeRegion = false;
    const LeadNormalizer withState = normalizer(QStringLiteral("US"));
    const LeadNormalizer withoutState(ColumnMapping::guess({ QStringLiteral("phone") }), plain);
    int valid = 0, compared = 0;
    QStringList mismatches;
    for (int prefix = 200'000 + step / 2; prefix < 1'000'000; prefix += step) {
        const QString text = QStringLiteral("+1%1%2").arg(prefix).arg(prefix % 10000, 4, 10, QLatin1Char('0'));
        for (const LeadNormalizer *n : { &withState, &withoutState }) {
            const std::optional<LeadNormalizer::Phone> fast = n->fastNanpPhone(text);
            QVERIFY2(fast.has_value(), qPrintable(text));
            const LeadNormalizer::Phone full = n->normalizePhone(text, false);
            if (!(fast->e164 == full.e164 && fast->reason == full.reason && fast->state == full.state
                  && fast->regionCode == full.regionCode && fast->timeZone == full.timeZone
                  && fast->unknownAreaCode == full.unknownAreaCode))
                mismatches += text + QLatin1String(": ") + fast->reason + fast->regionCode + fast->state
                        + QLatin1String(" vs ") + full.reason + full.regionCode + full.state;
            valid += !full.e164.isEmpty();
            ++compared;
        }
    }
    QVERIFY2(mismatches.isEmpty(), qPrintable(QString::number(mismatches.size()) + QLatin1String(" differ: ")
                                              + mismatches.mid(0, 20).join(QLatin1String("; "))));
    QVERIFY(valid > compared / 4);
    QVERIFY(valid < compared);
}

// Issue 19: Debian 12's libphonenumber has 2022 data. Numbers from area codes opened since are
// kept: with the zone of the NewAreaCodes table, or flagged when the code is in neither. Each
// case runs on both paths (fast and libphonenumber's parser), on a whole row (zone), and through
// the webhooks' entry point, which must apply the same rule.
void tst_LeadNormalizer::keepsNumbersFromAreaCodesNewerThanTheLibrary_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("e164");
    QTest::addColumn<QString>("zone"); // of the lead, with no zone column
    QTest::addColumn<QString>("state");
    QTest::addColumn<bool>("flagged");
    auto row = [](const char *input, const char *e164, const char *zone, const char *state, bool flagged) {
        QTest::newRow(input) << QString::fromLatin1(input) << QString::fromLatin1(e164) << QString::fromLatin1(zone)
                             << QString::fromLatin1(state) << flagged;
    };
    row("(645) 234-5678", "+16452345678", "America/New_York", "FL", false); // Miami, 2023
    row("+1 363 555 2100", "+13635552100", "America/New_York", "NY", false); // Long Island, 2023
    row("686.321.4567", "+16863214567", "America/New_York", "VA", false); // Northern Virginia
    row("1-748-422-0199", "+17484220199", "America/Denver", "CO", false); // Colorado
    row("428 382 1234 x12", "+14283821234", "America/Moncton", "NB", false); // New Brunswick
    row("+1 (983) 555 0100", "+19835550100", "America/Denver", "CO", false); // Denver
    // Possible shapes, but in no data here: kept, flagged, zone from the client (Europe/Paris).
    row("(238) 234-5678", "+12382345678", "Europe/Paris", "", true);
    row("+1 532 777 1234", "+15327771234", "Europe/Paris", "", true);
}

void tst_LeadNormalizer::keepsNumbersFromAreaCodesNewerThanTheLibrary()
{
    QFETCH(QString, input);
    QFETCH(QString, e164);
    QFETCH(QString, zone);
    QFETCH(QString, state);
    QFETCH(bool, flagged);
    const QStringList headers = { QStringLiteral("phone"), QStringLiteral("time zone") };
    const LeadNormalizer n = normalizer(QStringLiteral("US"), headers);
    for (const bool fast : { true, false }) {
        const LeadNormalizer::Phone phone = n.normalizePhone(input, fast);
        QVERIFY2(phone.reason.isEmpty(), qPrintable(phone.reason));
        QCOMPARE(phone.e164, e164);
        QCOMPARE(phone.unknownAreaCode, flagged);
        QCOMPARE(phone.state, state);
    }
    CsvRecord record;
    record.fields = QStringList { input, QString() };
    NormalizedRow row = n.normalize(record);
    QVERIFY2(row.reason.isEmpty(), qPrintable(row.reason));
    QCOMPARE(row.lead.timeZone, zone);
    QCOMPARE(row.unknownAreaCode, flagged);
    QCOMPARE(row.lead.customFieldsJson.contains(LeadNormalizer::unknownAreaCodeNote()), flagged);
    // The lead's own zone column wins, flagged or not.
    record.fields = QStringList { input, QStringLiteral("America/Halifax") };
    QCOMPARE(n.normalize(record).lead.timeZone, QStringLiteral("America/Halifax"));
    // The webhooks normalize through the same rule.
    QCOMPARE(PayloadFields::leadPhone(input), e164);
    QCOMPARE(NewAreaCodes::find(e164.mid(2, 3).toInt()) != nullptr, !flagged);
}

void tst_LeadNormalizer::keepsLibphonenumbersVerdictOutsideThatRule_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("reason");
    const QString invalid = QStringLiteral("not a valid number for region US");
    QTest::newRow("exchange 1XX") << QStringLiteral("(645) 123-4567") << invalid;
    QTest::newRow("N11 area code") << QStringLiteral("(411) 234-5678") << invalid;
    QTest::newRow("N11 exchange") << QStringLiteral("(238) 411-5678") << invalid;
    QTest::newRow("reserved N9X") << QStringLiteral("+1 297 234 5678") << invalid;
    QTest::newRow("reserved 37X") << QStringLiteral("+1 375 234 5678") << invalid;
    QTest::newRow("reserved 96X") << QStringLiteral("+1 963 234 5678") << invalid;
    QTest::newRow("unassigned toll-free 88X") << QStringLiteral("+1 882 234 5678") << invalid;
    QTest::newRow("555 is not an area code") << QStringLiteral("555 234 5678") << invalid;
    QTest::newRow("too short") << QStringLiteral("645 234 567") << QStringLiteral("TOO_SHORT");
    QTest::newRow("outside NANP") << QStringLiteral("+44 20 7946 095") << QStringLiteral("not a valid number for region GB");
}

void tst_LeadNormalizer::keepsLibphonenumbersVerdictOutsideThatRule()
{
    QFETCH(QString, input);
    QFETCH(QString, reason);
    const LeadNormalizer n = normalizer(QStringLiteral("US"));
    QCOMPARE(n.normalizePhone(input).reason, reason);
    QCOMPARE(n.normalizePhone(input, false).reason, reason);
    QCOMPARE(PayloadFields::leadPhone(input), QString());
}

// The normalizer asks the geocoder with GetDescriptionForValidNumber (the number is known valid)
// instead of GetDescriptionForNumber, which first re-derives the number's type: seven times the
// cost. That is the same answer only while libphonenumber's data has no place names for NANP's
// non-geographic numbers (toll-free, 5XX, 900), where GetDescriptionForNumber names the country.
// Checked for all 334,233 valid NPA-NXX prefixes when written; here every eleventh exchange of
// every area code, so a data update that breaks it fails this test.
void tst_LeadNormalizer::geocoderShortcutGivesTheSameDescription()
{
    using namespace i18n::phonenumbers;
    const PhoneNumberUtil &util = *PhoneNumberUtil::GetInstance();
    const PhoneNumberOfflineGeocoder geocoder;
    int valid = 0, nonGeographic = 0;
    for (int npa = 200; npa <= 999; ++npa) {
        for (int nxx = 200 + npa % 11; nxx <= 999; nxx += 11) {
            PhoneNumber number;
            number.set_country_code(1);
            number.set_national_number(quint64(npa * 1000 + nxx) * 10000 + 1234);
            if (!util.IsValidNumber(number))
                continue;
            ++valid;
            const std::string full = geocoder.GetDescriptionForNumber(number, icu::Locale::getEnglish());
            const std::string shortcut = geocoder.GetDescriptionForValidNumber(number, icu::Locale::getEnglish());
            QVERIFY2(full == shortcut, qPrintable(QStringLiteral("+1%1%2: %3 vs %4").arg(npa).arg(nxx)
                                                          .arg(QString::fromStdString(full), QString::fromStdString(shortcut))));
            nonGeographic += !util.IsNumberGeographical(number);
        }
    }
    QVERIFY(valid > 25000);
    QVERIFY(nonGeographic > 100); // toll-free and the like are among them
}

void tst_LeadNormalizer::validatesEmails_data()
{
    QTest::addColumn<QString>("email");
    QTest::addColumn<bool>("valid");
    QTest::newRow("plain") << QStringLiteral("ana@example.com") << true;
    QTest::newRow("plus and subdomain") << QStringLiteral("a.b+c@mail.example.co.uk") << true;
    QTest::newRow("no at") << QStringLiteral("ana.example.com") << false;
    QTest::newRow("two ats") << QStringLiteral("a@b@example.com") << false;
    QTest::newRow("no dot in domain") << QStringLiteral("ana@localhost") << false;
    QTest::newRow("space") << QStringLiteral("ana lopez@example.com") << false;
    QTest::newRow("trailing dot") << QStringLiteral("ana@example.") << false;
    QTest::newRow("two addresses") << QStringLiteral("a@x.com,b@y.com") << false;
}

void tst_LeadNormalizer::validatesEmails()
{
    QFETCH(QString, email);
    QFETCH(bool, valid);
    QCOMPARE(LeadNormalizer::isPlausibleEmail(email), valid);
}

void tst_LeadNormalizer::mapsHeaderSynonyms_data()
{
    QTest::addColumn<QString>("header");
    QTest::addColumn<LeadField>("field");
    QTest::newRow("First Name") << QStringLiteral("First Name") << LeadField::FirstName;
    QTest::newRow("fname") << QStringLiteral("fname") << LeadField::FirstName;
    QTest::newRow("last_name") << QStringLiteral("last_name") << LeadField::LastName;
    QTest::newRow("Name") << QStringLiteral("Name") << LeadField::FullName;
    QTest::newRow("Mobile") << QStringLiteral("Mobile") << LeadField::Phone;
    QTest::newRow("Phone Number") << QStringLiteral("Phone Number") << LeadField::Phone;
    QTest::newRow("E-mail") << QStringLiteral("E-mail") << LeadField::Email;
    QTest::newRow("Email Address") << QStringLiteral("Email Address") << LeadField::Email;
    QTest::newRow("Organisation") << QStringLiteral("Organisation") << LeadField::Company;
    QTest::newRow("TZ") << QStringLiteral("TZ") << LeadField::TimeZone;
    QTest::newRow("State") << QStringLiteral("State") << LeadField::Region;
    QTest::newRow("Ext") << QStringLiteral("Ext.") << LeadField::PhoneExtension;
    QTest::newRow("Consent Date") << QStringLiteral("Consent Date") << LeadField::ConsentAt;
    QTest::newRow("unknown") << QStringLiteral("Favourite colour") << LeadField::Ignore;
}

void tst_LeadNormalizer::mapsHeaderSynonyms()
{
    QFETCH(QString, header);
    QFETCH(LeadField, field);
    QCOMPARE(ColumnMapping::guessField(header), field);
}

void tst_LeadNormalizer::refusesMappingWithoutPhoneOrEmail()
{
    const ColumnMapping none = ColumnMapping::guess({ QStringLiteral("Name"), QStringLiteral("Company") });
    QVERIFY(!none.isUsable());
    const ColumnMapping mapping = ColumnMapping::guess(
            { QStringLiteral("Name"), QStringLiteral("Phone"), QStringLiteral("Mobile"), QStringLiteral("Colour") });
    QVERIFY(mapping.isUsable());
    QCOMPARE(mapping.fields, QList<LeadField>({ LeadField::FullName, LeadField::Phone, LeadField::Custom, LeadField::Custom }));
}

void tst_LeadNormalizer::resolvesTimeZones()
{
    QCOMPARE(AreaCodeZones::zoneForNumber(u"+12125550142"), QStringLiteral("America/New_York"));
    QCOMPARE(AreaCodeZones::zoneForNumber(u"+13105550142"), QStringLiteral("America/Los_Angeles"));
    QCOMPARE(AreaCodeZones::zoneForNumber(u"+13125550142"), QStringLiteral("America/Chicago"));
    QCOMPARE(AreaCodeZones::zoneForNumber(u"+17205550142"), QStringLiteral("America/Denver"));
    QCOMPARE(AreaCodeZones::zoneForNumber(u"+16025550142"), QString()); // Denver or Phoenix: ambiguous
    QCOMPARE(AreaCodeZones::zoneForNumber(u"+14165550142"), QStringLiteral("America/Toronto"));
    QCOMPARE(AreaCodeZones::zoneForNumber(u"+442079460958"), QStringLiteral("Europe/London"));
    QCOMPARE(AreaCodeZones::zoneForNumber(u"+49301234567"), QStringLiteral("Europe/Berlin"));
    QCOMPARE(AreaCodeZones::zoneForNumber(u"+18003569377"), QString()); // toll-free: no place
    QCOMPARE(LeadNormalizer::canonicalTimeZone(QStringLiteral("Europe/Berlin")), QStringLiteral("Europe/Berlin"));
    QCOMPARE(LeadNormalizer::canonicalTimeZone(QStringLiteral("pst")), QStringLiteral("America/Los_Angeles"));
    QCOMPARE(LeadNormalizer::canonicalTimeZone(QStringLiteral("Mars/Olympus")), QString());
}

void tst_LeadNormalizer::buildsLeadFromRow()
{
    const QStringList headers = { QStringLiteral("Full Name"), QStringLiteral("Mobile"), QStringLiteral("E-mail"),
                                  QStringLiteral("TZ"), QStringLiteral("Consent"), QStringLiteral("Colour") };
    CsvRecord record;
    record.line = 7;
    record.fields = QStringList { QStringLiteral("Ana María López"), QStringLiteral("(310) 555-0142"),
                                  QStringLiteral(" Ana@Example.COM "), QStringLiteral("Mars/Olympus"),
                                  QStringLiteral("Written"), QStringLiteral("teal") };
    const NormalizedRow row = normalizer(QStringLiteral("US"), headers).normalize(record);
    QVERIFY2(row.reason.isEmpty(), qPrintable(row.reason));
    QCOMPARE(row.lead.firstName, QStringLiteral("Ana María"));
    QCOMPARE(row.lead.lastName, QStringLiteral("López"));
    QCOMPARE(row.lead.phoneE164, QStringLiteral("+13105550142"));
    QCOMPARE(row.lead.email, QStringLiteral("ana@example.com"));
    QCOMPARE(row.lead.timeZone, QStringLiteral("America/Los_Angeles")); // bad column value: from the number
    QCOMPARE(row.lead.region, QStringLiteral("CA"));
    QCOMPARE(row.lead.consentType, QStringLiteral("written"));
    QCOMPARE(row.lead.customFieldsJson, QStringLiteral("{\"Colour\":\"teal\"}"));

    record.fields = QStringList { QStringLiteral("Bo"), QString(), QStringLiteral("bo@example.com") };
    QCOMPARE(normalizer(QStringLiteral("US"), headers).normalize(record).lead.timeZone, QStringLiteral("Europe/Paris"));
}

void tst_LeadNormalizer::rejectsRowsWithReasons_data()
{
    QTest::addColumn<QStringList>("fields");
    QTest::addColumn<QString>("reason");
    QTest::newRow("neither") << QStringList { QStringLiteral("Ana"), QString(), QString() } << QStringLiteral("no phone or e-mail");
    QTest::newRow("bad phone") << QStringList { QStringLiteral("Ana"), QStringLiteral("12"), QString() } << QStringLiteral("phone: TOO_SHORT");
    QTest::newRow("bad email") << QStringList { QStringLiteral("Ana"), QString(), QStringLiteral("nope") } << QStringLiteral("email: invalid address");
}

void tst_LeadNormalizer::rejectsRowsWithReasons()
{
    QFETCH(QStringList, fields);
    QFETCH(QString, reason);
    CsvRecord record;
    record.fields = fields;
    const NormalizedRow row = normalizer(QStringLiteral("US"), { QStringLiteral("Name"), QStringLiteral("Phone"), QStringLiteral("Email") })
                                      .normalize(record);
    QCOMPARE(row.reason, reason);
    QCOMPARE(row.raw, fields);
}

QTEST_GUILESS_MAIN(tst_LeadNormalizer)
#include "tst_leadnormalizer.moc"
