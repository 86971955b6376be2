#include "nanpstates.h"

#include <QHash>

namespace Callvia::Services::NanpStates {

namespace {

const QHash<QString, QString> &codes()
{
    static const QHash<QString, QString> table = [] {
        static const char *const pairs[][2] = {
            { "Alabama", "AL" }, { "Alaska", "AK" }, { "Arizona", "AZ" }, { "Arkansas", "AR" },
            { "California", "CA" }, { "Colorado", "CO" }, { "Connecticut", "CT" }, { "Delaware", "DE" },
            { "Florida", "FL" }, { "Georgia", "GA" }, { "Hawaii", "HI" }, { "Idaho", "ID" }, { "Illinois", "IL" },
            { "Indiana", "IN" }, { "Iowa", "IA" }, { "Kansas", "KS" }, { "Kentucky", "KY" }, { "Louisiana", "LA" },
            { "Maine", "ME" }, { "Maryland", "MD" }, { "Massachusetts", "MA" }, { "Michigan", "MI" },
            { "Minnesota", "MN" }, { "Mississippi", "MS" }, { "Missouri", "MO" }, { "Montana", "MT" },
            { "Nebraska", "NE" }, { "Nevada", "NV" }, { "New Hampshire", "NH" }, { "New Jersey", "NJ" },
            { "New Mexico", "NM" }, { "New York", "NY" }, { "North Carolina", "NC" }, { "North Dakota", "ND" },
            { "Ohio", "OH" }, { "Oklahoma", "OK" }, { "Oregon", "OR" }, { "Pennsylvania", "PA" },
            { "Rhode Island", "RI" }, { "South Carolina", "SC" }, { "South Dakota", "SD" }, { "Tennessee", "TN" },
            { "Texas", "TX" }, { "Utah", "UT" }, { "Vermont", "VT" }, { "Virginia", "VA" }, { "Washington", "WA" },
            { "Washington D.C.", "DC" }, { "Washington, D.C.", "DC" }, { "West Virginia", "WV" },
            { "Wisconsin", "WI" }, { "Wyoming", "WY" }, { "Puerto Rico", "PR" }, { "Alberta", "AB" },
            { "British Columbia", "BC" }, { "Manitoba", "MB" }, { "New Brunswick", "NB" },
            { "Newfoundland and Labrador", "NL" }, { "Nova Scotia", "NS" }, { "Ontario", "ON" },
            { "Prince Edward Island", "PE" }, { "Quebec", "QC" }, { "Saskatchewan", "SK" },
            { "Northwest Territories", "NT" }, { "Nunavut", "NU" }, { "Yukon", "YT" },
        };
        QHash<QString, QString> t;
        for (const auto &pair : pairs)
            t.insert(QLatin1String(pair[0]), QLatin1String(pair[1]));
        return t;
    }();
    return table;
}

} // namespace

QString codeForDescription(const QString &description)
{
    const auto exact = codes().constFind(description);
    if (exact != codes().constEnd())
        return *exact;
    const qsizetype comma = description.lastIndexOf(QLatin1String(", "));
    const QString tail = comma >= 0 ? description.mid(comma + 2) : description;
    return codes().value(tail, tail);
}

} // namespace Callvia::Services::NanpStates
