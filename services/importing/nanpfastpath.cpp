// The NANP fast path of LeadNormalizer. libphonenumber costs ~22 us per number single-threaded
// and its regular-expression cache is one mutex, so parallel workers barely scale on it. Most
// lead files hold North American numbers in a handful of plain formats: for those we extract
// the ten digits ourselves (exactly what Parse does for these inputs: a leading +1 or national
// prefix 1 dropped) and ask libphonenumber once per six-digit NPA-NXX prefix whether such
// numbers are valid, which region they belong to and which state the geocoder names: NANP
// validity patterns constrain only those six digits (the tests check the fast path against
// the full one). Anything else (letters, extensions, other countries) takes the full path.
#include "leadnormalizer.h"

#include "nanpstates.h"

#include <QHash>

#include <phonenumbers/geocoding/phonenumber_offline_geocoder.h>
#include <phonenumbers/phonenumberutil.h>

namespace Callvia::Services {

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

std::optional<LeadNormalizer::Phone> LeadNormalizer::fastNanpPhone(const QString &text) const
{
    char digits[16];
    int count = 0;
    bool plus = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
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
    const QString national = QString::fromLatin1(nsn, 10);
    Phone phone = verdictForNanp(national);
    if (phone.reason.isEmpty())
        phone.e164 = QStringLiteral("+1") + national;
    return phone;
}

LeadNormalizer::Phone LeadNormalizer::verdictForNanp(const QString &nationalNumber) const
{
    // One cache per worker thread: no lock. The geocoder flag is part of the key because the
    // normalizers of different imports may share a thread.
    thread_local QHash<int, Phone> cache;
    const int key = nationalNumber.left(6).toInt() * 2 + (m_settings.geocodeRegion ? 1 : 0);
    const auto hit = cache.constFind(key);
    if (hit != cache.constEnd())
        return *hit;
    const PhoneNumberUtil &util = *PhoneNumberUtil::GetInstance();
    PhoneNumber number;
    number.set_country_code(1);
    number.set_national_number(nationalNumber.toULongLong());
    Phone verdict;
    if (!util.IsValidNumber(number)) {
        verdict.reason = QStringLiteral("not a valid number for region US");
    } else {
        std::string region;
        util.GetRegionCodeForNumber(number, &region);
        verdict.regionCode = QString::fromStdString(region);
        if (m_settings.geocodeRegion) {
            static const i18n::phonenumbers::PhoneNumberOfflineGeocoder geocoder;
            const QString place = QString::fromStdString(geocoder.GetDescriptionForNumber(number, icu::Locale::getEnglish()));
            if (place != QLatin1String("United States") && place != QLatin1String("Canada"))
                verdict.state = NanpStates::codeForDescription(place);
        }
    }
    if (cache.size() > 200'000)
        cache.clear(); // bounded: about 20 MB per thread at most
    cache.insert(key, verdict);
    return verdict;
}

} // namespace Callvia::Services
