// The NANP fast path of LeadNormalizer. libphonenumber costs ~22 us per number single-threaded
// and its regular-expression cache is one mutex, so parallel workers barely scale on it. Most
// lead files hold North American numbers in a handful of plain formats: for those we extract
// the ten digits ourselves (exactly what Parse does for these inputs: a leading +1 or national
// prefix 1 dropped) and ask libphonenumber once per six-digit NPA-NXX prefix whether such
// numbers are valid, which region they belong to and which state the geocoder names: NANP
// validity patterns constrain only those six digits (the tests check the fast path against
// the full one). An extension is recognized in one spelling ("x123"). Anything else
// (letters, other extension marks, other countries) takes the full path.
#include "leadnormalizer.h"

#include "nanpstates.h"

#include <QHash>
#include <QMutex>
#include <QStringView>

#include <algorithm>
#include <atomic>
#include <list>
#include <string>
#include <vector>

#include <phonenumbers/geocoding/phonenumber_offline_geocoder.h>
#include <phonenumbers/phonenumberutil.h>

namespace Callvia::Services {

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

std::optional<LeadNormalizer::Phone> LeadNormalizer::fastNanpPhone(const QString &text) const
{
    // An extension written the common way, "x123" right after the number or after one space:
    // libphonenumber keeps its digits as the extension and judges the number without them.
    qsizetype end = text.size();
    QString extension;
    const qsizetype x = text.lastIndexOf(QLatin1Char('x'), -1, Qt::CaseInsensitive);
    if (x > 0) {
        const qsizetype extensionDigits = text.size() - x - 1;
        if (extensionDigits < 1 || extensionDigits > 6)
            return std::nullopt;
        for (qsizetype i = x + 1; i < text.size(); ++i) {
            if (text.at(i).unicode() < u'0' || text.at(i).unicode() > u'9')
                return std::nullopt;
        }
        const qsizetype before = text.at(x - 1) == QLatin1Char(' ') ? x - 2 : x - 1;
        if (before < 0 || text.at(before).unicode() < u'0' || text.at(before).unicode() > u'9')
            return std::nullopt;
        extension = text.mid(x + 1);
        end = before + 1;
    }
    char digits[16];
    int count = 0;
    bool plus = false;
    for (qsizetype i = 0; i < end; ++i) {
        const char16_t c = text.at(i).unicode();
        if (c >= u'0' && c <= u'9') {
            if (count == 15)
                return std::nullopt;
            digits[count++] = char(c);
        } else if (c == u'+' && count == 0 && !plus) {
            plus = true;
        } else if (c != u' ' && c != u'(' && c != u')' && c != u'-' && c != u'.') {
            return std::nullopt;
        }
    }
    const char *nsn = nullptr;
    if (count == 11 && digits[0] == '1' && (plus || m_defaultRegionIsNanp))
        nsn = digits + 1;
    else if (count == 10 && !plus && m_defaultRegionIsNanp)
        nsn = digits;
    // An area code starting with 0 or 1 is left to libphonenumber (whether a leading 1 is a
    // national prefix depends on what follows); any exchange is taken, 0XX and 1XX too: the
    // parser keeps those ten digits as they are, and the verdict is libphonenumber's.
    if (!nsn || nsn[0] < '2')
        return std::nullopt;
    char e164[12] = { '+', '1' };
    std::copy(nsn, nsn + 10, e164 + 2);
    QString number = QString::fromLatin1(e164, 12); // one string: the national number is a view of it
    Phone phone = verdictForNanp(QStringView(number).mid(2));
    if (phone.reason.isEmpty()) {
        phone.e164 = std::move(number);
        phone.extension = extension;
    }
    return phone;
}

std::optional<QString> LeadNormalizer::certainRejection(const QString &text) const
{
    // What libphonenumber 8.12's Parse and IsPossibleNumberWithReason do with these shapes,
    // for the default regions US and CA (national prefix "1", international prefix "011",
    // possible lengths 10, local-only 7; other NANP regions rewrite 7-digit numbers). ASCII
    // texts without ";" (RFC 3966 parameters) or "\\" only: the parser extracts the text from
    // the first digit or "+" to the last letter, digit or "#", cut at a second number ("/ x").
    // - No digit and no plus sign: nothing to extract, NOT_A_NUMBER.
    // - An "@", or a "+" after a digit, inside the extracted text: no phone number pattern
    //   allows either, NOT_A_NUMBER (e-mail addresses, two numbers in one cell).
    // - Digits and the separators " ().-/", first digit 2-9 (no national prefix, no IDD, no
    //   country code to strip), at least 3 digits: the digits are the national number, judged
    //   by length alone: 7 IS_POSSIBLE_LOCAL_ONLY, fewer than 10 TOO_SHORT, more TOO_LONG (up
    //   to 17 by the possible lengths, beyond by the parser's length check, reported the
    //   same). First digit 1 and 19 digits or more: TOO_LONG whether or not the 1 is stripped.
    // - "+" first, then such digits: 4 to 17 whose first one, two and three digits are no
    //   country calling code, INVALID_COUNTRY_CODE (the parser's retry without the plus finds
    //   no "1" or "011"); "+1" and 20 digits or more, TOO_LONG.
    if (!m_shapeRejectionsExact || text.size() > 100)
        return std::nullopt;
    int digits = 0;
    char leading[3] = {};
    bool plus = false, plain = true, slash = false, letterX = false;
    qsizetype start = -1, lastKept = -1, notANumberAt = -1;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t u = text.at(i).unicode();
        if (u >= 0x80 || u == u';' || u == u'\\')
            return std::nullopt;
        const bool digit = u >= u'0' && u <= u'9';
        if ((digit || u == u'+') && start < 0)
            start = i;
        if (digit || u == u'#' || (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z'))
            lastKept = i;
        if ((u == u'@' || (u == u'+' && digits > 0)) && start >= 0 && notANumberAt < 0)
            notANumberAt = i;
        slash = slash || u == u'/';
        letterX = letterX || u == u'x' || u == u'X';
        if (digit) {
            if (digits < 3)
                leading[digits] = char(u);
            ++digits;
        } else if (u == u'+' && digits == 0 && !plus) {
            plus = true;
        } else if (u != u' ' && u != u'(' && u != u')' && u != u'-' && u != u'.' && u != u'/') {
            plain = false;
        }
    }
    if (digits == 0)
        return plus ? std::nullopt : std::optional<QString>(QStringLiteral("NOT_A_NUMBER"));
    if (slash && letterX)
        return std::nullopt; // a second number may be cut off
    if (notANumberAt >= 0 && notANumberAt < lastKept)
        return QStringLiteral("NOT_A_NUMBER");
    if (!plain || digits < 3)
        return std::nullopt;
    if (!plus) {
        if (leading[0] == '1' && digits >= 19)
            return QStringLiteral("TOO_LONG");
        if (leading[0] < '2' || digits == 10)
            return std::nullopt; // a possible number: its verdict is the prefix's
        if (digits == 7)
            return QStringLiteral("IS_POSSIBLE_LOCAL_ONLY");
        return digits < 10 ? QStringLiteral("TOO_SHORT") : QStringLiteral("TOO_LONG");
    }
    if (leading[0] == '1' && digits >= 20)
        return QStringLiteral("TOO_LONG");
    if (leading[0] < '2' || digits < 4 || digits > 17)
        return std::nullopt;
    const PhoneNumberUtil &util = *PhoneNumberUtil::GetInstance();
    int code = 0;
    for (int i = 0; i < 3; ++i) {
        code = code * 10 + (leading[i] - '0');
        std::string region;
        util.GetRegionCodeForCountryCode(code, &region);
        if (region != "ZZ")
            return std::nullopt;
    }
    return QStringLiteral("INVALID_COUNTRY_CODE");
}

namespace {

// The verdicts of NPA-NXX prefixes, for every import in the process: one 16-bit slot per six-digit
// prefix and geocoder setting (4 MB of zero pages, touched only where used), holding 1 + the
// index of the verdict in a small pool of distinct verdicts (a region, a state, a zone, a reason:
// a few hundred in all). Readers take no lock; a prefix is asked of libphonenumber about once,
// and nothing is ever cleared (the old hash caches were cleared at 200,000 prefixes, and a
// nationwide file holds more). Slot and pool entry are published with release/acquire.
constexpr int PrefixCount = 1'000'000;
constexpr int PoolCapacity = 8191;
std::atomic<quint16> prefixSlots[2][PrefixCount];
LeadNormalizer::Phone verdictPool[PoolCapacity];

// The pool index of the verdict (added when new), -1 when the pool is full.
int internVerdict(const LeadNormalizer::Phone &verdict)
{
    static QMutex mutex;
    static QHash<QString, int> indexes;
    static int used = 0;
    const QString key = verdict.reason + QLatin1Char('\n') + verdict.regionCode + QLatin1Char('\n') + verdict.state
            + QLatin1Char('\n') + verdict.timeZone + (verdict.unknownAreaCode ? QLatin1Char('?') : QLatin1Char('.'));
    const QMutexLocker lock(&mutex);
    const auto it = indexes.constFind(key);
    if (it != indexes.constEnd())
        return *it;
    if (used == PoolCapacity)
        return -1;
    verdictPool[used] = verdict;
    indexes.insert(key, used);
    return used++;
}

} // namespace

LeadNormalizer::Phone LeadNormalizer::verdictForNanp(QStringView nationalNumber) const
{
    std::atomic<quint16> &slot = prefixSlots[m_settings.geocodeRegion ? 1 : 0][nationalNumber.left(6).toInt()];
    if (const quint16 known = slot.load(std::memory_order_acquire))
        return verdictPool[known - 1];
    const Phone verdict = computeNanpVerdict(nationalNumber);
    if (const int index = internVerdict(verdict); index >= 0)
        slot.store(quint16(index + 1), std::memory_order_release);
    return verdict;
}

LeadNormalizer::Phone LeadNormalizer::computeNanpVerdict(QStringView nationalNumber) const
{
    const PhoneNumberUtil &util = *PhoneNumberUtil::GetInstance();
    PhoneNumber number;
    number.set_country_code(1);
    number.set_national_number(nationalNumber.toULongLong());
    // An area code the library has no data for (unassigned, reserved, or newer than its data):
    // its verdict is known without the slow path libphonenumber takes for an invalid number
    // (every NANP region's patterns tried in turn).
    if (!libraryKnowsAreaCode(int(number.national_number() / 10'000'000))) {
        std::optional<Phone> kept = staleDataVerdict(number.national_number());
        if (kept && !m_settings.geocodeRegion)
            kept->state.clear();
        if (kept)
            return *kept;
        Phone invalid;
        invalid.reason = QStringLiteral("not a valid number for region US");
        return invalid;
    }
    // Exactly IsValidNumber(), which is GetRegionCodeForNumber() then IsValidNumberForRegion():
    // the region lookup (the costly part: every NANP region's patterns) is done once, not twice.
    // And the region lookup gives "US" (the main region, the only one it asks without leading
    // digits first) only when the number has a type there, which is what IsValidNumberForRegion
    // checks again: for the US, its answer is known (half the regular expressions of a prefix).
    // The region is asked once per area code (regionOfAreaCode), and the prefix is checked
    // against that region's patterns alone: GetRegionCodeForNumber copies the list of NANP
    // regions and, for an exchange valid nowhere, tries every region's patterns in turn. For
    // each of the 800,000 prefixes NPA 200-999 x NXX 000-999 this gives the verdict of the
    // full path (checked exhaustively by tst_leadnormalizer with CALLVIA_EXHAUSTIVE_PREFIXES=1;
    // BENCHMARKS.md, 2026-12-07).
    std::string region;
    bool valid = false;
    if (const char *known = regionOfAreaCode(int(number.national_number() / 10'000'000))) {
        // No NANP region's patterns take an exchange 0XX or 1XX (the same exhaustive check):
        // such a prefix of a geographic area code is invalid without asking.
        valid = number.national_number() / 10'000 % 1000 >= 200 && util.IsValidNumberForRegion(number, known);
        if (valid)
            region = known;
    } else {
        util.GetRegionCodeForNumber(number, &region);
        valid = region == "US" || util.IsValidNumberForRegion(number, region);
    }
    Phone verdict;
    if (!valid) {
        if (std::optional<Phone> kept = staleDataVerdict(number.national_number())) {
            if (!m_settings.geocodeRegion)
                kept->state.clear();
            return *kept;
        }
        verdict.reason = QStringLiteral("not a valid number for region US");
    } else {
        verdict.regionCode = QString::fromStdString(region);
        if (m_settings.geocodeRegion) {
            // The number is known valid here: GetDescriptionForValidNumber skips the number-type
            // check GetDescriptionForNumber starts with (the region lookup again, 8.8 us against
            // 1.2 us). For every one of the 334,233 valid NPA-NXX prefixes both return the same
            // text (checked exhaustively against the libphonenumber 8.12 data; BENCHMARKS.md).
            static const i18n::phonenumbers::PhoneNumberOfflineGeocoder geocoder;
            const QString place = QString::fromStdString(
                    geocoder.GetDescriptionForValidNumber(number, icu::Locale::getEnglish()));
            if (place != QLatin1String("United States") && place != QLatin1String("Canada"))
                verdict.state = NanpStates::codeForDescription(place);
        }
    }
    return verdict;
}

} // namespace Callvia::Services
