// Lead import benchmark (issues 9 and 19). Default (realistic) mode: a nationwide 1,000,000-row
// list with about half the rows unusable and a second file that repeats some of its numbers
// (nationwideleads.h); the import's counts are checked against what was generated, with a
// rejects file written as the import dialog does. --easy: the old, mostly valid file over 80
// area codes (benchleads.h). Both time the sqlite3 CLI's raw `.import` of the same file before
// and after the import, and report rows/s, the ratio, peak RSS (VmHWM, reset after the files are
// generated) and the parse/normalize/write split.
// Usage: bench_import [--easy] [rows] [work dir]. Figures go in BENCHMARKS.md.
#include <models/clock.h>
#include <models/database.h>
#include <services/importing/leadimporter.h>

#include "benchleads.h"
#include "nationwideleads.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>

#include <cstdio>
#include <utility>

#include <sys/resource.h>

using namespace Callvia;

namespace {

qint64 sqliteCliImportMs(const QString &csv, const QString &dbPath)
{
    QProcess sqlite;
    QElapsedTimer timer;
    timer.start();
    sqlite.start(QStringLiteral("sqlite3"), { dbPath });
    sqlite.write(QStringLiteral(".mode csv\n.import '%1' raw\n.quit\n").arg(csv).toUtf8());
    sqlite.closeWriteChannel();
    sqlite.waitForFinished(-1);
    if (sqlite.exitCode() != 0)
        std::fprintf(stderr, "sqlite3: %s\n", sqlite.readAllStandardError().constData());
    return timer.elapsed();
}

// CPU seconds (user + system) of this process or of its waited-for children: the machine is
// shared, so wall time alone says little.
double cpuSeconds(int who)
{
    rusage usage {};
    getrusage(who, &usage);
    return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

qint64 peakRssKb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

// Forgets the peak RSS so far (Linux: "5" to clear_refs), so the figure is the import's and not
// the file generator's.
void resetPeakRss()
{
    QFile clear(QStringLiteral("/proc/self/clear_refs"));
    if (clear.open(QIODevice::WriteOnly))
        clear.write("5");
}

bool check(const char *what, qint64 got, qint64 expected)
{
    if (got == expected)
        return true;
    std::fprintf(stderr, "MISMATCH %s: imported file gave %lld, generated %lld\n", what, static_cast<long long>(got),
                 static_cast<long long>(expected));
    return false;
}

bool checkCounts(const Services::ImportSummary &s, const Bench::ExpectedCounts &e)
{
    bool ok = check("rows", s.rows, e.rows);
    ok &= check("imported", s.imported, e.imported);
    ok &= check("flagged (area code in no data)", s.unknownAreaCode, e.flagged);
    ok &= check("duplicates in file", s.duplicatesInFile, e.duplicatesInFile);
    ok &= check("duplicates existing", s.duplicatesExisting, e.duplicatesExisting);
    ok &= check("rejected", s.rejected, e.rejected);
    return ok;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QStringList arguments = app.arguments().mid(1);
    const bool easy = arguments.removeAll(QStringLiteral("--easy")) > 0;
    const int rows = arguments.size() > 0 ? arguments.at(0).toInt() : 1'000'000;
    QTemporaryDir temp;
    const QString dir = arguments.size() > 1 ? arguments.at(1) : temp.path();
    const QString csv = dir + QStringLiteral("/leads.csv");
    const QString secondCsv = dir + QStringLiteral("/leads-more.csv");
    Bench::ExpectedCounts expected, secondExpected;
    QElapsedTimer timer;
    timer.start();
    if (easy) {
        if (!Bench::writeLeadsCsv(csv, rows))
            return 1;
    } else {
        Bench::NationwideLeads first, second;
        if (!first.write(csv, rows, 19, nullptr, &expected)
            || !second.write(secondCsv, std::max(1, rows / 10), 20, &first, &secondExpected))
            return 1;
    } // the generators' memory is freed here
    resetPeakRss();
    std::printf("%s mode: wrote %d rows, %.1f MB in %.1f s\n", easy ? "easy" : "realistic (nationwide, half bad)", rows,
                QFile(csv).size() / 1e6, timer.elapsed() / 1000.0);
    if (!easy)
        std::printf("  generated: %lld to import (%lld flagged), %lld duplicates, %lld to reject\n",
                    static_cast<long long>(expected.imported), static_cast<long long>(expected.flagged),
                    static_cast<long long>(expected.duplicatesInFile), static_cast<long long>(expected.rejected));

    // The reference is timed right before and right after the import, and their mean is used:
    // this host's speed drifts by a third within minutes, and one reference taken a quarter of
    // a minute earlier could flatter or penalize the ratio.
    const auto rawImport = [&](const char *when) {
        QFile::remove(dir + QStringLiteral("/raw.sqlite"));
        const double cpuBefore = cpuSeconds(RUSAGE_CHILDREN);
        const qint64 ms = sqliteCliImportMs(csv, dir + QStringLiteral("/raw.sqlite"));
        const double cpu = cpuSeconds(RUSAGE_CHILDREN) - cpuBefore;
        std::printf("sqlite3 .import (raw, no validation), %s: %.2f s wall, %.2f s CPU\n", when, ms / 1000.0, cpu);
        return std::make_pair(ms, cpu);
    };
    const auto [rawMsBefore, rawCpuBefore] = rawImport("before");

    Models::Database database(Bench::freshSqliteUrl(dir + QStringLiteral("/callvia.sqlite")));
    Models::SystemClock clock;
    Services::ImportOptions options;
    options.campaignId = Bench::createBenchCampaign(database, clock);
    if (options.campaignId == 0)
        return 2;
    options.filePath = csv;
    options.geocodeRegion = qEnvironmentVariableIsEmpty("BENCH_NO_GEOCODE");
    if (!easy) // as the import dialog does
        options.rejectsPath = dir + QStringLiteral("/rejects.csv");
    database.releaseThreadConnection();

    Services::LeadImporter importer(database, clock);
    const double cpuBefore = cpuSeconds(RUSAGE_SELF), writerCpuBefore = cpuSeconds(RUSAGE_THREAD);
    const Services::ImportSummary s = importer.run(options); // this thread is the writer
    const double importCpu = cpuSeconds(RUSAGE_SELF) - cpuBefore;
    const double writerCpu = cpuSeconds(RUSAGE_THREAD) - writerCpuBefore;
    if (!s.ok()) {
        std::fprintf(stderr, "import failed: %s\n", qPrintable(s.error));
        return 3;
    }
    const auto [rawMsAfter, rawCpuAfter] = rawImport("after");
    const double rawMs = std::max(1.0, (rawMsBefore + rawMsAfter) / 2.0);
    const double rawCpu = (rawCpuBefore + rawCpuAfter) / 2;
    std::printf("callvia import: %.2f s, %.0f rows/s (%.1fx the raw .import's mean %.2f s; %.1fx before, %.1fx after)\n",
                s.elapsedMs / 1000.0, s.rows * 1000.0 / std::max<qint64>(1, s.elapsedMs), s.elapsedMs / rawMs,
                rawMs / 1000.0, double(s.elapsedMs) / std::max<qint64>(1, rawMsBefore),
                double(s.elapsedMs) / std::max<qint64>(1, rawMsAfter));
    std::printf("  CPU %.2f s (%.1fx the raw .import's mean CPU); load average at the end: %s", importCpu,
                importCpu / std::max(0.001, rawCpu), [] {
                    QFile load(QStringLiteral("/proc/loadavg"));
                    return load.open(QIODevice::ReadOnly) ? load.readLine() : QByteArray("?\n");
                }().constData());
    std::printf("  imported %lld (flagged: area code in no phone data %lld), duplicates in file %lld, rejected %lld, "
                "dnc %lld\n",
                static_cast<long long>(s.imported), static_cast<long long>(s.unknownAreaCode),
                static_cast<long long>(s.duplicatesInFile), static_cast<long long>(s.rejected),
                static_cast<long long>(s.dnc));
    std::printf("  split: parse %.2f s, normalize %.2f s (summed over the workers), write %.2f s wall, "
                "%.2f s CPU (the writer thread)\n",
                s.parseMs / 1000.0, s.normalizeMs / 1000.0, s.writeMs / 1000.0, writerCpu);
    std::printf("peak RSS (VmHWM): %.1f MB\n", peakRssKb() / 1024.0);
    if (easy)
        return 0;
    bool ok = checkCounts(s, expected);
    // The second file: duplicates of the first one's leads (already in the database).
    options.filePath = secondCsv;
    options.rejectsPath = dir + QStringLiteral("/rejects-more.csv");
    const Services::ImportSummary more = importer.run(options);
    std::printf("second file: %lld rows, imported %lld, already in the database %lld, duplicates in file %lld, "
                "rejected %lld\n",
                static_cast<long long>(more.rows), static_cast<long long>(more.imported),
                static_cast<long long>(more.duplicatesExisting), static_cast<long long>(more.duplicatesInFile),
                static_cast<long long>(more.rejected));
    ok &= more.ok() && checkCounts(more, secondExpected);
    std::printf("counts %s\n", ok ? "match what was generated" : "DO NOT MATCH what was generated");
    return ok ? 0 : 4;
}
