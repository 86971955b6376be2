#pragma once

#include "leadnormalizer.h"

#include <QFuture>
#include <QMutex>
#include <QThreadPool>
#include <QWaitCondition>

#include <atomic>
#include <deque>
#include <functional>
#include <vector>

namespace Callvia::Services {

class CsvReader;

// Normalized rows of one batch, in file order, and how far into the file the batch ends.
struct NormalizedBatch
{
    std::vector<NormalizedRow> rows;
    qint64 bytesRead = 0;
};

// Parses and normalizes a CSV file ahead of the import's single writer. A producer task is the
// only user of the CsvReader: it reads a batch, normalizes it in chunks together with the
// other threads of a private pool (helpers started once for the whole import; each takes the
// next chunk until none is left), and queues the finished batch; at most a few batches wait,
// so memory stays bounded and the producer yields the CPU to the writer when it is ahead.
// Batches the writer is done with are handed back and freed (their rows; the vectors are
// reused) by the producer, off the writer's thread.
class ImportPipeline final
{
    Q_DISABLE_COPY_MOVE(ImportPipeline)
public:
    static constexpr int ChunkRows = 256;
    static constexpr int MaxQueuedBatches = 4;

    // threads = 0: one per core (at least two: the producer and a worker). encodeForSqlite:
    // the workers also fill each valid row's EncodedLead (for the SQLite writer).
    ImportPipeline(CsvReader &reader, const LeadNormalizer &normalizer, int batchRows, bool encodeForSqlite,
                   int threads = 0);
    ~ImportPipeline(); // stops and waits for the producer

    // Runs on the producer's thread for each normalized batch, in file order, before the
    // batch is queued (the import's duplicate check). Set before start().
    void setBatchHook(std::function<void(NormalizedBatch &)> hook) { m_batchHook = std::move(hook); }

    void start();
    // The next batch in file order. false when none came within timeoutMs (*batch untouched);
    // true with an empty batch once the file is done or stop() was called.
    bool next(NormalizedBatch *batch, int timeoutMs);
    void recycle(NormalizedBatch &&done);
    void stop(); // the producer finishes its current batch and ends; waits for it

    // After the producer ended (next() returned an empty batch, or stop()).
    qint64 parseMs() const { return m_parseNs.load() / 1'000'000; }
    qint64 normalizeMs() const { return m_normalizeNs.load() / 1'000'000; }

private:
    void produce();
    void helpNormalize();
    void normalizeBatch(const std::vector<CsvRecord> &records, std::vector<NormalizedRow> &rows);
    // Normalizes chunks of the batch until m_nextChunk runs past its end (producer and helpers).
    void normalizeChunks(const std::vector<CsvRecord> &records, std::vector<NormalizedRow> &rows);

    CsvReader &m_reader;
    const LeadNormalizer &m_normalizer;
    const int m_batchRows;
    const bool m_encodeForSqlite;
    std::function<void(NormalizedBatch &)> m_batchHook;
    QThreadPool m_pool;
    QFuture<void> m_producer;
    QList<QFuture<void>> m_helpers;
    std::atomic<qint64> m_parseNs { 0 };
    std::atomic<qint64> m_normalizeNs { 0 };

    // The batch being normalized, shared by the producer with the long-lived helpers.
    QMutex m_workMutex; // guards what follows, up to m_mutex
    QWaitCondition m_workChanged;
    const std::vector<CsvRecord> *m_workRecords = nullptr;
    std::vector<NormalizedRow> *m_workRows = nullptr;
    quint64 m_workGeneration = 0;
    int m_helpersBusy = 0;
    bool m_workEnded = false;
    std::atomic<int> m_nextChunk { 0 };

    QMutex m_mutex; // guards what follows
    QWaitCondition m_changed;
    std::deque<NormalizedBatch> m_ready;
    std::vector<NormalizedBatch> m_done;
    bool m_finished = false;
    bool m_stopping = false;
};

} // namespace Callvia::Services
