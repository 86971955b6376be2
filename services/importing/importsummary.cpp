#include "importtypes.h"

#include <QJsonObject>

namespace Callvia::Services {

QJsonObject ImportSummary::toJson() const
{
    QJsonObject reasons;
    for (auto it = rejectedByReason.cbegin(); it != rejectedByReason.cend(); ++it)
        reasons.insert(it.key(), it.value());
    QJsonObject json {
        { QStringLiteral("ok"), ok() },
        { QStringLiteral("campaign_id"), campaignId },
        { QStringLiteral("rows"), rows },
        { QStringLiteral("imported"), imported },
        { QStringLiteral("updated"), updated },
        { QStringLiteral("duplicates_in_file"), duplicatesInFile },
        { QStringLiteral("duplicates_existing"), duplicatesExisting },
        { QStringLiteral("dnc"), dnc },
        { QStringLiteral("unknown_area_code"), unknownAreaCode },
        { QStringLiteral("rejected"), rejected },
        { QStringLiteral("rejected_by_reason"), reasons },
        { QStringLiteral("cancelled"), cancelled },
        { QStringLiteral("dry_run"), dryRun },
        { QStringLiteral("nothing_written"), nothingWritten },
        { QStringLiteral("encoding"), encoding },
        { QStringLiteral("delimiter"), delimiter },
        { QStringLiteral("elapsed_ms"), elapsedMs },
    };
    if (!error.isEmpty())
        json.insert(QStringLiteral("error"), error);
    return json;
}

} // namespace Callvia::Services
