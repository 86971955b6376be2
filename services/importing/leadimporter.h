#pragma once

#include "importtypes.h"
#include "leadnormalizer.h"

#include <models/repositories/leadimportstore.h>
#include <services/auth/session.h>

#include <QList>
#include <QObject>

#include <atomic>

namespace Callvia::Models {
class Clock;
class Database;
}

namespace Callvia::Services {

class RejectsWriter;
struct NormalizedBatch;

// The first rows of a file, for the mapping dialog.
struct ImportPreview
{
    QString error;
    QStringList headers;
    QList<QStringList> rows;
    char delimiter = ',';
    bool windows1252 = false;
    ColumnMapping mapping;
};

// Imports a CSV file of leads into a campaign. run() blocks: call it on a worker thread. The
// calling thread is the one writer (its own connection, released at the end) and does nothing
// else: a producer on the import's own thread pool parses batches and normalizes them in
// chunks across the pool, a few batches ahead (ImportPipeline). Duplicates are found in hash
// sets of phone/e-mail keys loaded once (no per-row SELECT), the keys computed by the workers.
// cancel() may be called from any thread. progressed() is emitted by the thread that runs the
// import at most every 100 ms, and by a heartbeat thread when that one has been silent for
// 150 ms (inside a commit): connect with a queued connection, or a thread-safe slot.
class LeadImporter final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LeadImporter)
public:
    LeadImporter(Models::Database &database, const Models::Clock &clock, QObject *parent = nullptr);

    static ImportPreview preview(const QString &path, TextEncoding encoding, char delimiter, int rows = 20);
    ImportSummary run(const ImportOptions &options);
    // Who imports (default: the operator, Session::system). A client user only finds its own
    // client's campaigns, and a role that may not edit (client users) may only do a dry run.
    void setActor(const Session &actor) { m_actor = actor; }
    void cancel() { m_cancel.store(true); }
    bool isCancelled() const { return m_cancel.load(); }

Q_SIGNALS:
    void progressed(const Callvia::Services::ImportProgress &progress);

private:
    struct Run;
    ImportSummary runOnThisThread(const ImportOptions &options);
    bool prepare(Run &run);
    void loop(Run &run);
    bool writeBatch(Run &run, std::vector<NormalizedRow> &rows);
    static void checkDuplicates(Run &run, NormalizedBatch &batch);
    bool writeRow(Run &run, NormalizedRow &row);
    bool endTransaction(Run &run, bool commit);
    void reject(Run &run, const NormalizedRow &row);
    void audit(const Run &run);
    void reportProgress(Run &run, bool force);
    void beatProgress(Run &run);
    static void estimate(ImportProgress &progress, qint64 elapsedMs);

    Models::Database &m_database;
    const Models::Clock &m_clock;
    std::atomic<bool> m_cancel { false };
    Session m_actor = Session::system();
};

} // namespace Callvia::Services
