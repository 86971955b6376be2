#pragma once

#include <QString>

// Two-letter codes of US states and Canadian provinces, for the geocoder's place names
// ("California" -> "CA"; "New York, NY" -> "NY").
namespace Callvia::Services::NanpStates {

// The code for a geocoder description, or the description itself when no code is known.
QString codeForDescription(const QString &description);

} // namespace Callvia::Services::NanpStates
