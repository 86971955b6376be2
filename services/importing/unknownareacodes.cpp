// The rule for NANP numbers from area codes newer than this build's phone data (issue 19):
// Debian 12's libphonenumber carries 2022 metadata, so numbers from area codes opened since
// (645 Florida, 363 New York, 428 New Brunswick...) are "not a valid number" to it. Such a
// number is kept when its shape is possible and the library knows nothing of its area code:
// with the zone of NewAreaCodes when the code is there, else flagged.
#include "leadnormalizer.h"

#include "newareacodes.h"

#include <algorithm>
#include <atomic>
#include <list>
#include <string>
#include <vector>

#include <phonenumbers/phonenumberutil.h>

namespace Callvia::Services {

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

namespace {

// NPA and NXX both [2-9]XX and not N11 (service codes); the NPA not reserved for expansion
// (N9X, 37X, 96X), not non-geographic (N00, toll-free 8NN and 88X, 456, 555), so that only codes that
// can be geographic area codes are kept.
bool isPossibleGeographic(int npa, int nxx)
{
    const auto isServiceCode = [](int code) { return code % 100 == 11; };
    if (npa < 200 || nxx < 200 || isServiceCode(npa) || isServiceCode(nxx))
        return false;
    const int middle = npa / 10 % 10;
    if (middle == 9 || npa / 10 == 37 || npa / 10 == 96 || npa % 100 == 0)
        return false;
    if ((npa / 100 == 8 && middle == npa % 10) || npa / 10 == 88 || npa == 456 || npa == 555)
        return false;
    return true;
}

// Whether libphonenumber has data for the area code, asked once per area code: a few exchanges
// are tried; one valid (a US or Canadian code has data for nearly every [2-9]XX exchange), or
// one the library gives a region (the Caribbean regions are recognized by their area code, even
// where only a few of its exchanges are valid), means known. 0 = not asked yet, 1 = known,
// 2 = unknown.
} // namespace

bool LeadNormalizer::libraryKnowsAreaCode(int npa)
{
    static std::atomic<quint8> verdicts[1000] = {};
    quint8 verdict = verdicts[npa].load(std::memory_order_relaxed);
    if (verdict == 0) {
        const PhoneNumberUtil &util = *PhoneNumberUtil::GetInstance();
        static const int exchanges[] = { 200, 234, 262, 345, 389, 428, 456, 503, 567, 621,
                                         678, 735, 789, 842, 890, 920, 955, 987 };
        verdict = 2;
        for (const int nxx : exchanges) {
            PhoneNumber number;
            number.set_country_code(1);
            number.set_national_number(quint64(npa) * 10'000'000 + quint64(nxx) * 10'000 + 1234);
            std::string region;
            util.GetRegionCodeForNumber(number, &region);
            // IsValidNumber() is IsValidNumberForRegion() for that region, never true for "ZZ":
            // the region alone decides.
            if (region != "ZZ") {
                verdict = 1;
                break;
            }
        }
        verdicts[npa].store(verdict, std::memory_order_relaxed);
    }
    return verdict == 1;
}

const char *LeadNormalizer::regionOfAreaCode(int npa)
{
    // The region libphonenumber gives the area code's valid numbers: that of the first of a few
    // exchanges it calls valid; nullptr when none is (the caller then asks per prefix). Only for
    // area codes that can be geographic: a non-geographic code's numbers belong to several
    // regions (the Dominican Republic has toll-free 800-1XX, the rest of 800 is the US).
    static const std::vector<std::string> regions = [] {
        std::list<std::string> list;
        PhoneNumberUtil::GetInstance()->GetRegionCodesForCountryCallingCode(1, &list);
        return std::vector<std::string>(list.begin(), list.end());
    }();
    static std::atomic<qint16> found[1000] = {}; // 0 not asked, -1 none, else 1 + index
    if (!isPossibleGeographic(npa, 200))
        return nullptr;
    qint16 index = found[npa].load(std::memory_order_relaxed);
    if (index == 0) {
        index = -1;
        const PhoneNumberUtil &util = *PhoneNumberUtil::GetInstance();
        for (int nxx = 200; nxx <= 999 && index < 0; nxx += 7) {
            PhoneNumber number;
            number.set_country_code(1);
            number.set_national_number(quint64(npa) * 10'000'000 + quint64(nxx) * 10'000 + 1234);
            std::string region;
            util.GetRegionCodeForNumber(number, &region);
            if (region == "ZZ" || !util.IsValidNumberForRegion(number, region))
                continue;
            const auto it = std::find(regions.begin(), regions.end(), region);
            if (it != regions.end())
                index = qint16(1 + (it - regions.begin()));
        }
        found[npa].store(index, std::memory_order_relaxed);
    }
    return index > 0 ? regions[size_t(index - 1)].c_str() : nullptr;
}

QString LeadNormalizer::unknownAreaCodeNote()
{
    return QStringLiteral("area code not in this build's phone data");
}

std::optional<LeadNormalizer::Phone> LeadNormalizer::staleDataVerdict(quint64 nationalNumber)
{
    if (nationalNumber < 2'000'000'000ULL || nationalNumber > 9'999'999'999ULL)
        return std::nullopt;
    const int npa = int(nationalNumber / 10'000'000);
    const int nxx = int(nationalNumber / 10'000 % 1000);
    if (!isPossibleGeographic(npa, nxx) || libraryKnowsAreaCode(npa))
        return std::nullopt;
    Phone phone;
    if (const NewAreaCodes::Entry *entry = NewAreaCodes::find(npa)) {
        phone.regionCode = QLatin1String(entry->region);
        phone.state = QLatin1String(entry->state);
        phone.timeZone = QLatin1String(entry->zone);
    } else {
        phone.unknownAreaCode = true;
    }
    return phone;
}

} // namespace Callvia::Services
