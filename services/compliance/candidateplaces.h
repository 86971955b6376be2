#pragma once

#include <QString>
#include <QStringList>

// The conservative candidates of compliance.md section 5 for one lead: every zone and state of
// the number's area code plus the lead's own zone and address state. A toll-free or other
// non-geographic number has no place: its zone is the lead's own, else the client's.
namespace Callvia::Services::Compliance {

struct CandidatePlaces
{
    QStringList zones;
    QStringList states;
    bool tollFree = false; // the number says nothing of the place
};

namespace Candidates {

// leadTimeZone and leadRegion are the leads columns (time_zone, region: a code or a name);
// clientTimeZone is the fallback. Invalid zone ids are dropped.
CandidatePlaces forLead(const QString &phoneE164, const QString &leadTimeZone, const QString &leadRegion,
                        const QString &clientTimeZone);

// "Florida", "fl", "San Francisco, CA" -> "FL"/"CA"; empty when not a US state or province.
QString stateCode(const QString &region);

} // namespace Candidates

} // namespace Callvia::Services::Compliance
