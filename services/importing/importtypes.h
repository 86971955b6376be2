#pragma once

#include "columnmapping.h"
#include "csvreader.h"

#include <QJsonObject>
#include <QMap>
#include <QMetaType>
#include <QString>

#include <optional>

namespace Callvia::Services {

enum class OnDuplicate { Skip, Update };

// What a cancelled import leaves behind. KeepCommitted commits every commitRows rows and
// commits the open transaction when cancelled, so a cancel keeps every row before it and the
// summary counts exactly those (a database error rolls back only the open transaction); DiscardAll runs the whole import in
// one transaction and a cancel (or an error) rolls everything back.
enum class CancelPolicy { KeepCommitted, DiscardAll };

struct ImportOptions
{
    qint64 campaignId = 0;
    QString filePath;
    QString defaultRegion; // empty = the campaign's default_region
    OnDuplicate onDuplicate = OnDuplicate::Skip;
    CancelPolicy cancelPolicy = CancelPolicy::KeepCommitted;
    TextEncoding encoding = TextEncoding::Auto;
    char delimiter = 0; // 0 = detect
    std::optional<ColumnMapping> mapping; // empty = guessed from the header
    bool keepUnmappedAsCustom = true;
    bool geocodeRegion = true;
    bool dryRun = false; // normalize and check duplicates, write nothing
    QString rejectsPath; // CSV of rejected rows plus a reject_reason column; empty = none
    int batchRows = 4096; // rows per normalization batch
    qint64 commitRows = 262144; // KeepCommitted: commit once this many rows are written (fewer
                                // commits: each rewrites the touched index pages to the WAL)
};

struct ImportProgress
{
    qint64 bytesRead = 0;
    qint64 totalBytes = 0;
    qint64 rows = 0;
    double rowsPerSecond = 0;
    qint64 secondsLeft = -1; // -1 = unknown
    bool saving = false; // committing the rows so far to the database
};

// The outcome of an import. error is set when it could not start or stopped on a database
// error; counts then cover what was committed.
struct ImportSummary
{
    QString error;
    qint64 campaignId = 0;
    qint64 rows = 0; // data records read (header excluded)
    qint64 imported = 0;
    qint64 updated = 0;
    qint64 duplicatesInFile = 0;
    qint64 duplicatesExisting = 0;
    qint64 dnc = 0; // imported or updated as dnc because of an opt-out
    qint64 unknownAreaCode = 0; // imported or updated, flagged: area code not in this build's phone data
    qint64 rejected = 0;
    QMap<QString, qint64> rejectedByReason;
    bool cancelled = false;
    bool dryRun = false;
    bool nothingWritten = false; // DiscardAll after a cancel or an error
    QString encoding;
    QString delimiter;
    qint64 elapsedMs = 0;
    qint64 parseMs = 0;
    qint64 normalizeMs = 0; // CPU time summed over the parallel workers
    qint64 writeMs = 0;

    bool ok() const { return error.isEmpty(); }
    QJsonObject toJson() const;
};

} // namespace Callvia::Services

Q_DECLARE_METATYPE(Callvia::Services::ImportProgress)
Q_DECLARE_METATYPE(Callvia::Services::ImportSummary)
