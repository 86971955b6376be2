#pragma once

#include <QString>
#include <QStringView>

// Phone-number prefix -> IANA time zone, generated from python3-phonenumbers by
// areacodezones.py (Debian's C++ libphonenumber has no time-zone mapper). For NANP numbers
// this resolves by area code (and finer where an area code spans zones).
namespace Callvia::Services::AreaCodeZones {

struct Entry
{
    const char *prefix;
    int zone;
};

const char *zoneName(int index);
const Entry *entriesBegin();
const Entry *entriesEnd();

// The zone of the longest single-zone prefix of `e164` ("+12125550100"), empty when none.
QString zoneForNumber(QStringView e164);

} // namespace Callvia::Services::AreaCodeZones
