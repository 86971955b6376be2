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
    if (!nsn || nsn[0] < '2' || nsn[3] < '2')
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

LeadNormalizer::Phone LeadNormalizer::verdictForNanp(QStringView nationalNumber) const
{
    // Two levels: a per-thread cache without a lock, in front of one process-wide cache under
    // a mutex, so each prefix is asked of libphonenumber once, not once per worker thread (a
    // million-row file holds tens of thousands of prefixes at ~50 us each). The geocoder flag
    // is part of the key because imports with different settings may share both.
    thread_local QHash<int, Phone> local;
    static QMutex sharedMutex;
    static QHash<int, Phone> shared;
    const int key = nationalNumber.left(6).toInt() * 2 + (m_settings.geocodeRegion ? 1 : 0);
    const auto hit = local.constFind(key);
    if (hit != local.constEnd())
        return *hit;
    std::optional<Phone> known;
    {
        const QMutexLocker lock(&sharedMutex);
        const auto sharedHit = shared.constFind(key);
        if (sharedHit != shared.constEnd())
            known = *sharedHit;
    }
    const Phone verdict = known ? *known : computeNanpVerdict(nationalNumber);
    if (!known) {
        const QMutexLocker lock(&sharedMutex);
        if (shared.size() > 200'000)
            shared.clear(); // bounded, like the per-thread caches: about 20 MB at most
        shared.insert(key, verdict);
    }
    if (local.size() > 200'000)
        local.clear();
    local.insert(key, verdict);
    return verdict;
}

LeadNormalizer::Phone LeadNormalizer::computeNanpVerdict(QStringView nationalNumber) const
{
    const PhoneNumberUtil &util = *PhoneNumberUtil::GetInstance();
    PhoneNumber number;
    number.set_country_code(1);
    number.set_national_number(nationalNumber.toULongLong());
    // Exactly IsValidNumber(), which is GetRegionCodeForNumber() then IsValidNumberForRegion():
    // the region lookup (the costly part: every NANP region's patterns) is done once, not twice.
    std::string region;
    util.GetRegionCodeForNumber(number, &region);
    Phone verdict;
    if (!util.IsValidNumberForRegion(number, region)) {
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
