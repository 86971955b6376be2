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
    std::string region;
    util.GetRegionCodeForNumber(number, &region);
    Phone verdict;
    if (region != "US" && !util.IsValidNumberForRegion(number, region)) {
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
