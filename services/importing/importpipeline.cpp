#include "importpipeline.h"

#include "csvreader.h"

#include <models/repositories/leadimportstore.h>

#include <QElapsedTimer>
#include <QMutexLocker>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

#ifdef Q_OS_LINUX
#include <cerrno>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace Callvia::Services {

namespace {

// The single writer is what an import waits for; the pipeline's threads (as many as there are
// cores) run ahead of it and should yield the CPU to it, not take turns with it. Linux keeps a
// nice value per thread (QThread::setPriority cannot lower a normal thread there); elsewhere
// QThread's low priority does it.
void yieldToTheWriter()
{
#ifdef Q_OS_LINUX
    const pid_t thread = pid_t(syscall(SYS_gettid));
    errno = 0;
    const int nice = getpriority(PRIO_PROCESS, id_t(thread));
    if (errno == 0)
        setpriority(PRIO_PROCESS, id_t(thread), std::min(19, nice + 5));
#else
    QThread::currentThread()->setPriority(QThread::LowPriority);
#endif
}

} // namespace

ImportPipeline::ImportPipeline(CsvReader &reader, const LeadNormalizer &normalizer, int batchRows,
                               bool encodeForSqlite, int threads)
    : m_reader(reader), m_normalizer(normalizer), m_batchRows(std::max(1, batchRows)),
      m_encodeForSqlite(encodeForSqlite)
{
    m_pool.setMaxThreadCount(std::max(2, threads > 0 ? threads : QThread::idealThreadCount()));
}

ImportPipeline::~ImportPipeline()
{
    stop();
}

void ImportPipeline::start()
{
    m_producer = QtConcurrent::run(&m_pool, [this] { produce(); });
    // The helpers live as long as the import: starting a pool task per batch allocated a task
    // page each time, and that allocation made glibc consolidate the heap's free lists (0.5 s
    // of a million-row import).
    for (int i = 0; i < m_pool.maxThreadCount() - 1; ++i)
        m_helpers.append(QtConcurrent::run(&m_pool, [this] { helpNormalize(); }));
}

void ImportPipeline::helpNormalize()
{
    yieldToTheWriter();
    quint64 seen = 0;
    QMutexLocker lock(&m_workMutex);
    for (;;) {
        while (m_workGeneration == seen && !m_workEnded)
            m_workChanged.wait(&m_workMutex);
        if (m_workGeneration == seen)
            return; // no new batch, and none will come
        seen = m_workGeneration;
        const std::vector<CsvRecord> *records = m_workRecords;
        std::vector<NormalizedRow> *rows = m_workRows;
        lock.unlock();
        normalizeChunks(*records, *rows);
        lock.relock();
        if (--m_helpersBusy == 0)
            m_workChanged.wakeAll();
    }
}

void ImportPipeline::normalizeBatch(const std::vector<CsvRecord> &records, std::vector<NormalizedRow> &rows)
{
    {
        QMutexLocker lock(&m_workMutex);
        m_workRecords = &records;
        m_workRows = &rows;
        m_nextChunk.store(0);
        m_helpersBusy = m_pool.maxThreadCount() - 1;
        ++m_workGeneration;
        m_workChanged.wakeAll();
    }
    normalizeChunks(records, rows);
    // Every helper checks in for this batch (if only to find no chunk left) before the next.
    QMutexLocker lock(&m_workMutex);
    while (m_helpersBusy > 0)
        m_workChanged.wait(&m_workMutex);
}

bool ImportPipeline::next(NormalizedBatch *batch, int timeoutMs)
{
    QMutexLocker lock(&m_mutex);
    if (m_ready.empty() && !m_finished && !m_stopping)
        m_changed.wait(&m_mutex, QDeadlineTimer(timeoutMs));
    if (!m_ready.empty() && !m_stopping) {
        *batch = std::move(m_ready.front());
        m_ready.pop_front();
        m_changed.wakeAll();
        return true;
    }
    if (m_finished || m_stopping) {
        *batch = NormalizedBatch();
        return true;
    }
    return false;
}

void ImportPipeline::recycle(NormalizedBatch &&done)
{
    QMutexLocker lock(&m_mutex);
    m_done.push_back(std::move(done));
}

void ImportPipeline::stop()
{
    {
        QMutexLocker lock(&m_mutex);
        m_stopping = true;
        m_changed.wakeAll();
    }
    m_producer.waitForFinished();
    m_pool.waitForDone();
}

void ImportPipeline::normalizeChunks(const std::vector<CsvRecord> &records, std::vector<NormalizedRow> &rows)
{
    QElapsedTimer timer;
    timer.start();
    const int total = int(records.size());
    for (int from = m_nextChunk.fetch_add(1) * ChunkRows; from < total; from = m_nextChunk.fetch_add(1) * ChunkRows) {
        const int to = std::min(total, from + ChunkRows);
        for (int i = from; i < to; ++i) {
            NormalizedRow &row = rows[size_t(i)];
            row = m_normalizer.normalize(records[size_t(i)]);
            if (!row.reason.isEmpty())
                continue;
            if (!row.lead.phoneE164.isEmpty())
                row.phoneKey = Models::ImportKeys::phoneKey(row.lead.phoneE164);
            if (!row.lead.email.isEmpty())
                row.emailKey = Models::ImportKeys::emailKey(row.lead.email);
            if (m_encodeForSqlite)
                row.encoded = Models::EncodedLead::encode(row.lead);
        }
    }
    m_normalizeNs.fetch_add(timer.nsecsElapsed());
}

void ImportPipeline::produce()
{
    yieldToTheWriter();
    // Reused from batch to batch: the records' vector, and the rows' vector of a batch the
    // writer handed back (megabytes each: allocating them afresh for every batch cost page
    // faults and heap consolidation on this thread).
    std::vector<CsvRecord> records;
    records.reserve(size_t(m_batchRows));
    for (;;) {
        QElapsedTimer parse;
        parse.start();
        records.clear();
        CsvRecord record;
        while (int(records.size()) < m_batchRows && m_reader.next(&record))
            records.push_back(std::move(record));
        m_parseNs.fetch_add(parse.nsecsElapsed());
        if (records.empty())
            break;

        std::vector<NormalizedBatch> written;
        {
            QMutexLocker lock(&m_mutex);
            written.swap(m_done);
        }
        NormalizedBatch batch;
        if (!written.empty())
            batch = std::move(written.back());
        batch.rows.clear();
        written.clear(); // the written rows are freed here, not on the writer's thread
        batch.bytesRead = m_reader.bytesRead();
        batch.rows.resize(records.size());
        normalizeBatch(records, batch.rows);
        if (m_batchHook)
            m_batchHook(batch);

        QMutexLocker lock(&m_mutex);
        while (int(m_ready.size()) >= MaxQueuedBatches && !m_stopping)
            m_changed.wait(&m_mutex);
        if (m_stopping)
            break;
        m_ready.push_back(std::move(batch));
        m_changed.wakeAll();
    }
    {
        QMutexLocker lock(&m_workMutex);
        m_workEnded = true;
        m_workChanged.wakeAll();
    }
    QMutexLocker lock(&m_mutex);
    m_finished = true;
    m_changed.wakeAll();
}

} // namespace Callvia::Services
