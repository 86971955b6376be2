#include "areacodezones.h"

#include <algorithm>
#include <cstring>

namespace Callvia::Services::AreaCodeZones {

namespace {

// The data holds prefixes of at most 8 digits (TIMEZONE_LONGEST_PREFIX in phonenumbers).
constexpr int LongestPrefix = 8;

int findExact(const char *prefix)
{
    const Entry *begin = entriesBegin();
    const Entry *end = entriesEnd();
    const Entry *it = std::lower_bound(begin, end, prefix, [](const Entry &entry, const char *key) {
        return std::strcmp(entry.prefix, key) < 0;
    });
    return (it != end && std::strcmp(it->prefix, prefix) == 0) ? it->zone : -1;
}

} // namespace

QString zoneForNumber(QStringView e164)
{
    if (e164.startsWith(QLatin1Char('+')))
        e164 = e164.mid(1);
    char digits[LongestPrefix + 1] = {};
    const int n = int(std::min<qsizetype>(e164.size(), LongestPrefix));
    for (int i = 0; i < n; ++i) {
        const QChar c = e164.at(i);
        if (!c.isDigit())
            return {};
        digits[i] = char(c.unicode());
    }
    for (int length = n; length > 0; --length) {
        digits[length] = '\0';
        const int zone = findExact(digits);
        if (zone >= 0)
            return QString::fromLatin1(zoneName(zone));
    }
    return {};
}

} // namespace Callvia::Services::AreaCodeZones
