#pragma once

// Every zone and state a NANP area code's numbers may be in, generated from python3-phonenumbers
// by areacodecandidates.py (a split area code such as 208 lists Boise, Denver and Los Angeles).
// Toll-free and other non-geographic area codes are absent.
namespace Callvia::Services::Compliance::AreaCodeCandidates {

struct Entry
{
    int areaCode;
    const char *zones; // IANA ids, comma-separated, may be empty
    const char *states; // US state / Canadian province codes, comma-separated, may be empty
};

const Entry *entriesBegin();
const Entry *entriesEnd();

} // namespace Callvia::Services::Compliance::AreaCodeCandidates
