#include "leadimporter.h"

#include "importpipeline.h"
#include "rejectswriter.h"

#include <models/repositories/campaignrepository.h>
#include <models/repositories/clientrepository.h>
#include <models/repositories/optoutrepository.h>
#include <models/database.h>
#include <services/auth/auditlog.h>

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonObject>
#include <QMutexLocker>
#include <QThread>
#include <QWaitCondition>

#include <memory>

namespace Callvia::Services {

struct LeadImporter::Run
{
    ImportOptions options;
    ImportSummary summary;
    QFile file; // read by the pipeline's producer only, once the import runs
    qint64 fileBytes = 0;
    std::unique_ptr<CsvReader> reader;
    QStringList headers;
    std::unique_ptr<LeadNormalizer> normalizer;
    std::unique_ptr<Models::LeadImportStore> store;
    Models::ImportKeys keys; // during the loop, only the pipeline's producer uses them
    bool keysSized = false;
    RejectsWriter rejects;
    qint64 clientId = 0;
    qint64 pendingImported = 0, pendingUpdated = 0, pendingDnc = 0, pendingUnknownAreaCode = 0;
    bool inTransaction = false;
    qint64 rowsSinceCommit = 0;
    QElapsedTimer clock;
    qint64 lastProgressMs = -1000;
    qint64 bytesWritten = 0; // the file offset up to which rows have been written

    // The last progress the writer reported, for the heartbeat that speaks for it while it is
    // busy in SQLite (a commit of 262,144 rows with its WAL checkpoint takes ~0.4 s).
    QMutex progressMutex;
    QWaitCondition progressStop;
    ImportProgress lastProgress; // guarded by progressMutex, as are the two below
    qint64 lastEmitMs = 0;
    bool stopHeartbeat = false;
    std::atomic<bool> saving { false }; // the writer is committing
};

LeadImporter::LeadImporter(Models::Database &database, const Models::Clock &clock, QObject *parent)
    : QObject(parent), m_database(database), m_clock(clock)
{
}

ImportPreview LeadImporter::preview(const QString &path, TextEncoding encoding, char delimiter, int rows)
{
    ImportPreview preview;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        preview.error = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        return preview;
    }
    CsvReader reader(&file, encoding, delimiter);
    CsvRecord record;
    if (!reader.next(&record)) {
        preview.error = reader.fatalError().isEmpty() ? QStringLiteral("the file is empty") : reader.fatalError();
        return preview;
    }
    preview.headers = record.fields;
    while (preview.rows.size() < rows && reader.next(&record))
        preview.rows.append(record.fields);
    preview.delimiter = reader.delimiter();
    preview.windows1252 = reader.sawWindows1252();
    preview.mapping = ColumnMapping::guess(preview.headers);
    return preview;
}

ImportSummary LeadImporter::run(const ImportOptions &options)
{
    ImportSummary summary = runOnThisThread(options);
    // The worker's connection must not outlive it (Database::connection() is per thread).
    m_database.releaseThreadConnection();
    return summary;
}

ImportSummary LeadImporter::runOnThisThread(const ImportOptions &options)
{
    Run run;
    run.options = options;
    run.summary.campaignId = options.campaignId;
    run.summary.dryRun = options.dryRun;
    run.clock.start();
    m_cancel.store(false);
    if (prepare(run)) {
        loop(run);
        audit(run);
    }
    QString error;
    if (!run.rejects.close(&error) && run.summary.error.isEmpty())
        run.summary.error = error;
    run.store.reset(); // its prepared statements die before the connection is released
    run.summary.elapsedMs = run.clock.elapsed();
    return run.summary;
}

bool LeadImporter::prepare(Run &run)
{
    ImportSummary &s = run.summary;
    const Models::TenantScope scope = m_actor.scope();
    const Models::DbResult<Models::CampaignRecord> campaign =
            Models::CampaignRepository(m_database, m_clock, scope).find(run.options.campaignId);
    if (!campaign.ok()) {
        // A client user learns nothing about other clients' campaigns, not even that they exist.
        s.error = campaign.error().kind() != Models::DbError::NotFound ? campaign.error().message()
                : scope.isAgency() ? QStringLiteral("unknown campaign %1").arg(run.options.campaignId)
                                   : QStringLiteral("unknown campaign %1 (user %2 sees only the campaigns of its own client)")
                                             .arg(run.options.campaignId)
                                             .arg(m_actor.username());
        return false;
    }
    if (!run.options.dryRun && !m_actor.canEdit()) {
        s.error = QStringLiteral("Permission denied: user %1 has the %2 role, which may not import leads "
                                 "(--dry-run checks a file without writing)")
                          .arg(m_actor.username(), m_actor.roleName());
        return false;
    }
    run.clientId = campaign.value().clientId;
    const auto client = Models::ClientRepository(m_database, m_clock, scope).find(run.clientId);
    run.file.setFileName(run.options.filePath);
    if (!run.file.open(QIODevice::ReadOnly)) {
        s.error = QStringLiteral("cannot read %1: %2").arg(run.options.filePath, run.file.errorString());
        return false;
    }
    run.fileBytes = run.file.size();
    run.reader = std::make_unique<CsvReader>(&run.file, run.options.encoding, run.options.delimiter);
    CsvRecord header;
    if (!run.reader->next(&header)) {
        s.error = run.reader->fatalError().isEmpty() ? QStringLiteral("%1 is empty").arg(run.options.filePath)
                                                     : run.reader->fatalError();
        return false;
    }
    run.headers = header.fields;
    s.delimiter = QString(QLatin1Char(run.reader->delimiter()));
    ColumnMapping mapping = run.options.mapping.value_or(ColumnMapping::guess(run.headers, run.options.keepUnmappedAsCustom));
    mapping.headers = run.headers;
    if (!mapping.isUsable()) {
        s.error = QStringLiteral("no usable columns: no phone or e-mail column among \"%1\"")
                          .arg(run.headers.join(QLatin1String("\", \"")));
        return false;
    }
    NormalizeSettings settings;
    settings.defaultRegion = run.options.defaultRegion.isEmpty() ? campaign.value().defaultRegion
                                                                 : run.options.defaultRegion.toUpper();
    settings.fallbackTimeZone = client.ok() ? client.value().timeZone : QStringLiteral("UTC");
    settings.geocodeRegion = run.options.geocodeRegion;
    run.normalizer = std::make_unique<LeadNormalizer>(mapping, settings);
    run.store = std::make_unique<Models::LeadImportStore>(m_database, m_clock);
    if (const Models::DbError error = run.store->loadKeys(run.clientId, &run.keys)) {
        s.error = error.message();
        return false;
    }
    QString error;
    if (!run.options.rejectsPath.isEmpty() && !run.rejects.open(run.options.rejectsPath, run.headers, &error)) {
        s.error = error;
        return false;
    }
    return true;
}

void LeadImporter::loop(Run &run)
{
    // Parsing and normalization run ahead on the pipeline's threads; this thread only writes.
    ImportPipeline pipeline(*run.reader, *run.normalizer, run.options.batchRows,
                            m_database.isSqlite() && !run.options.dryRun);
    // The duplicate check needs file order, not the database: it runs on the pipeline's
    // producer (which reads the file in order), so this thread only writes. Until the
    // pipeline stops, only the producer touches run.keys.
    pipeline.setBatchHook([&run](NormalizedBatch &batch) { checkDuplicates(run, batch); });
    pipeline.start();
    // Progress at least every 250 ms (issue 9) even while this thread waits inside SQLite.
    std::unique_ptr<QThread> heartbeat(QThread::create([this, &run] { beatProgress(run); }));
    heartbeat->start();
    const auto stopHeartbeat = [&run, &heartbeat] {
        {
            QMutexLocker lock(&run.progressMutex);
            run.stopHeartbeat = true;
            run.progressStop.wakeAll();
        }
        heartbeat->wait();
    };
    for (;;) {
        NormalizedBatch batch;
        if (!pipeline.next(&batch, 100)) {
            reportProgress(run, false); // waiting for the first batch (or a slow one)
            continue;
        }
        if (batch.rows.empty())
            break;
        run.bytesWritten = batch.bytesRead;
        const bool ok = writeBatch(run, batch.rows);
        pipeline.recycle(std::move(batch));
        if (!ok || m_cancel.load())
            break;
    }
    pipeline.stop();
    run.summary.parseMs = pipeline.parseMs();
    run.summary.normalizeMs = pipeline.normalizeMs();
    run.summary.encoding = run.reader->sawWindows1252() ? QStringLiteral("windows-1252") : QStringLiteral("utf-8");
    run.summary.cancelled = m_cancel.load();
    // A database error leaves the open transaction unusable (PostgreSQL aborts it): roll it
    // back under either policy, so the counts stay exactly what was committed.
    const bool discard = !run.summary.error.isEmpty()
            || (run.options.cancelPolicy == CancelPolicy::DiscardAll && run.summary.cancelled);
    endTransaction(run, !discard);
    stopHeartbeat(); // no heartbeat after the last report
    reportProgress(run, true);
}

bool LeadImporter::writeBatch(Run &run, std::vector<NormalizedRow> &rows)
{
    if (rows.empty())
        return true;
    QElapsedTimer write;
    write.start();
    const bool perBatch = run.options.cancelPolicy == CancelPolicy::KeepCommitted;
    bool ok = true;
    if (!run.inTransaction && !run.options.dryRun) {
        if (const Models::DbError error = run.store->begin()) {
            run.summary.error = error.message();
            return false;
        }
        run.inTransaction = true;
    }
    for (NormalizedRow &row : rows) {
        ++run.summary.rows;
        if (!(ok = writeRow(run, row)))
            break;
        reportProgress(run, false);
    }
    // The batch's rejects reach the file now, not at the end: none is held back in memory.
    run.rejects.flush();
    run.rowsSinceCommit += qint64(rows.size());
    if (ok && perBatch && run.rowsSinceCommit >= run.options.commitRows)
        ok = endTransaction(run, true);
    reportProgress(run, true);
    run.summary.writeMs += write.elapsed();
    return ok;
}

bool LeadImporter::endTransaction(Run &run, bool commit)
{
    bool ok = true;
    if (run.inTransaction && commit) {
        run.saving.store(true);
        const Models::DbError error = run.store->commit();
        run.saving.store(false);
        if (error) {
            run.summary.error = error.message();
            run.store->rollback();
            commit = ok = false;
        }
    } else if (run.inTransaction) {
        run.store->rollback();
    }
    run.inTransaction = false;
    if (commit || run.options.dryRun) {
        run.summary.imported += run.pendingImported;
        run.summary.updated += run.pendingUpdated;
        run.summary.dnc += run.pendingDnc;
        run.summary.unknownAreaCode += run.pendingUnknownAreaCode;
    } else {
        run.summary.nothingWritten = run.options.cancelPolicy == CancelPolicy::DiscardAll;
    }
    run.pendingImported = run.pendingUpdated = run.pendingDnc = run.pendingUnknownAreaCode = 0;
    run.rowsSinceCommit = 0;
    return ok;
}

void LeadImporter::audit(const Run &run)
{
    // A bulk change of leads: who imported which file into which campaign, and what it did.
    // A dry run changes nothing and is not recorded.
    if (run.options.dryRun)
        return;
    const ImportSummary &s = run.summary;
    const QJsonObject after {
        { QStringLiteral("file"), QFileInfo(run.options.filePath).fileName() },
        { QStringLiteral("rows"), s.rows },
        { QStringLiteral("imported"), s.imported },
        { QStringLiteral("updated"), s.updated },
        { QStringLiteral("dnc"), s.dnc },
        { QStringLiteral("unknown_area_code"), s.unknownAreaCode },
        { QStringLiteral("duplicates_in_file"), s.duplicatesInFile },
        { QStringLiteral("duplicates_existing"), s.duplicatesExisting },
        { QStringLiteral("rejected"), s.rejected },
        { QStringLiteral("on_duplicate"),
          run.options.onDuplicate == OnDuplicate::Update ? QStringLiteral("update") : QStringLiteral("skip") },
        { QStringLiteral("cancelled"), s.cancelled },
        { QStringLiteral("error"), s.error },
    };
    AuditLog(m_database, m_clock).record(&m_actor, QStringLiteral("leads.import"), QStringLiteral("campaign"),
                                         QString::number(run.options.campaignId), {}, after, run.clientId);
}

void LeadImporter::reject(Run &run, const NormalizedRow &row)
{
    ++run.summary.rejected;
    ++run.summary.rejectedByReason[row.reason];
    if (run.rejects.isOpen()) {
        // "reason [detail]" in one allocation (was arg() and a second concatenation per reject).
        run.rejects.write(row.raw, row.line,
                          row.detail.isEmpty() ? row.reason
                                               : row.reason + QLatin1String(" [") + row.detail + QLatin1Char(']'));
    }
}

void LeadImporter::checkDuplicates(Run &run, NormalizedBatch &batch)
{
    Models::ImportKeys &keys = run.keys;
    if (!run.keysSized && batch.bytesRead > 0 && !batch.rows.empty()) {
        run.keysSized = true;
        // Size the key sets once for the whole file (estimated from the first batch's bytes
        // per row) instead of rehashing a million keys several times.
        const qint64 estimate = run.fileBytes / std::max<qint64>(1, batch.bytesRead / qint64(batch.rows.size()));
        const qint64 wanted = std::min<qint64>(estimate, 50'000'000);
        keys.phones.reserve(keys.phones.size() + wanted);
        keys.emails.reserve(keys.emails.size() + wanted);
    }
    for (NormalizedRow &row : batch.rows) {
        if (!row.reason.isEmpty())
            continue;
        const bool hasPhone = !row.lead.phoneE164.isEmpty(), hasEmail = !row.lead.email.isEmpty();
        const qint64 phoneId = hasPhone ? keys.phones.value(row.phoneKey, -1) : -1;
        const qint64 emailId = hasEmail ? keys.emails.value(row.emailKey, -1) : -1;
        if (phoneId == 0 || emailId == 0) {
            row.duplicateInFile = true;
            continue;
        }
        row.optedOut = (hasPhone && keys.optOutPhones.contains(row.phoneKey))
                || (hasEmail && keys.optOutEmails.contains(row.emailKey));
        if (!row.optedOut && !keys.optOutHashes.isEmpty()) // an erased person's number or e-mail
            row.optedOut = (hasPhone && keys.optOutHashes.contains(Models::OptOutRepository::addressHash(row.lead.phoneE164)))
                    || (hasEmail && keys.optOutHashes.contains(Models::OptOutRepository::addressHash(row.lead.email)));
        if (hasPhone)
            keys.phones.insert(row.phoneKey, 0);
        if (hasEmail)
            keys.emails.insert(row.emailKey, 0);
        if (phoneId > 0 && emailId > 0 && phoneId != emailId) {
            row.reason = QStringLiteral("duplicate: phone and e-mail belong to different existing leads");
            row.raw = QStringList { row.lead.phoneE164, row.lead.email };
            continue;
        }
        row.existingId = phoneId > 0 ? phoneId : emailId;
    }
}

bool LeadImporter::writeRow(Run &run, NormalizedRow &row)
{
    if (!row.reason.isEmpty()) {
        reject(run, row);
        return true;
    }
    if (row.duplicateInFile) {
        ++run.summary.duplicatesInFile;
        return true;
    }
    Models::LeadRecord &lead = row.lead;
    lead.clientId = run.clientId;
    lead.campaignId = run.options.campaignId;
    lead.status = row.optedOut ? QStringLiteral("dnc") : QStringLiteral("new");
    if (row.existingId > 0) {
        if (run.options.onDuplicate == OnDuplicate::Skip) {
            ++run.summary.duplicatesExisting;
            return true;
        }
        // The other key is new here (or the same lead's): the update fills it only if empty.
        ++run.pendingUpdated;
        run.pendingDnc += row.optedOut;
        run.pendingUnknownAreaCode += row.unknownAreaCode;
        if (run.options.dryRun)
            return true;
        const Models::DbError error = run.store->update(row.existingId, lead);
        run.summary.error = error.message();
        return !error;
    }
    ++run.pendingImported;
    run.pendingDnc += row.optedOut;
    run.pendingUnknownAreaCode += row.unknownAreaCode;
    if (run.options.dryRun)
        return true;
    const Models::DbError error = run.store->insert(lead, &row.encoded);
    run.summary.error = error.message();
    return !error;
}

void LeadImporter::reportProgress(Run &run, bool force)
{
    const qint64 now = run.clock.elapsed();
    if (!force && now - run.lastProgressMs < 100)
        return;
    run.lastProgressMs = now;
    ImportProgress progress;
    progress.bytesRead = run.bytesWritten;
    progress.totalBytes = run.fileBytes;
    progress.rows = run.summary.rows;
    progress.saving = run.saving.load();
    estimate(progress, now);
    {
        QMutexLocker lock(&run.progressMutex);
        run.lastProgress = progress;
        run.lastEmitMs = now;
    }
    Q_EMIT progressed(progress);
}

void LeadImporter::estimate(ImportProgress &progress, qint64 elapsedMs)
{
    progress.rowsPerSecond = elapsedMs > 0 ? progress.rows * 1000.0 / elapsedMs : 0;
    progress.secondsLeft = -1;
    if (progress.bytesRead > 0 && elapsedMs > 500) {
        const double bytesPerMs = double(progress.bytesRead) / elapsedMs;
        progress.secondsLeft = qint64((progress.totalBytes - progress.bytesRead) / bytesPerMs / 1000.0);
    }
}

void LeadImporter::beatProgress(Run &run)
{
    // Runs beside the writer: when it has reported nothing for 150 ms (it is inside a commit
    // or a slow statement), repeats its last figures with the rate and time left brought up
    // to date, and says whether it is saving.
    QMutexLocker lock(&run.progressMutex);
    while (!run.stopHeartbeat) {
        run.progressStop.wait(&run.progressMutex, QDeadlineTimer(25));
        const qint64 now = run.clock.elapsed();
        if (run.stopHeartbeat || now - run.lastEmitMs < 150)
            continue;
        ImportProgress progress = run.lastProgress;
        progress.saving = run.saving.load();
        estimate(progress, now);
        run.lastEmitMs = now;
        lock.unlock();
        Q_EMIT progressed(progress);
        lock.relock();
    }
}

} // namespace Callvia::Services
