#pragma once

#include "callingfacts.h"

// The compliant dialer's rules engine: whether a lead may be called (or texted) at an instant,
// with the reason naming the zone, state or rule that blocks, and the next instant at which it
// may be when only time-based rules block. Pure: no database, no clock (the instant is an
// argument), no widgets; the specification is compliance.md, "What the dialer must enforce".
namespace Callvia::Services::Compliance::CallingRules {

Verdict evaluate(const LeadFacts &lead, const CallingSettings &settings, qint64 atMs,
                 Channel channel = Channel::Call);

// The first instant at or after atMs at which every candidate zone's window is open (-1 when
// none within two weeks).
qint64 nextOpenWindow(const LeadFacts &lead, const CallingSettings &settings, qint64 atMs);

constexpr int StateContactCap = 3; // FL, OK, MD: contacts on the same subject per rolling 24 h
constexpr int DncSnapshotMaxAgeDays = 31;

} // namespace Callvia::Services::Compliance::CallingRules
