// Lead import benchmark (issue 9): writes a realistic, messy 1,000,000-lead CSV (~100 MB),
// times the sqlite3 CLI's raw `.import` of the same file (before and after), the full import into SQLite,
// and reports rows/s, total time, peak RSS (VmHWM) and the parse/normalize/write split.
// Usage: bench_import [rows] [work dir]. Figures go in BENCHMARKS.md.
#include <models/campaignrepository.h>
#include <models/clientrepository.h>
#include <models/clock.h>
#include <models/database.h>
#include <services/importing/leadimporter.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>

#include <cstdio>
#include <utility>

#include <sys/resource.h>

using namespace Callvia;

namespace {

const int AreaCodes[] = { 201, 202, 203, 205, 206, 212, 213, 214, 215, 216, 217, 301, 302, 303, 305, 310, 312,
                          313, 314, 315, 404, 405, 406, 407, 408, 409, 410, 412, 415, 503, 504, 505, 512, 513,
                          516, 517, 518, 602, 603, 605, 608, 612, 614, 615, 617, 646, 702, 703, 704, 713, 714,
                          718, 720, 801, 802, 803, 804, 805, 813, 816, 817, 818, 901, 904, 907, 912, 914, 916,
                          917, 919, 925, 949, 954, 970, 972, 416, 604, 514 };
const char *const FirstNames[] = { "Ana", "Bob", "Chloé", "David", "Emma", "Farid", "Grace", "Hiro", "Ines", "Jon" };
const char *const LastNames[] = { "Lopez", "Smith", "O'Brien", "Müller", "Nguyen", "Patel", "Kim", "Rossi" };
const char *const Companies[] = { "\"Acme, Inc.\"", "Sunrise Dental", "\"Bright \"\"Smile\"\" LLC\"", "", "Oak & Co" };
const char *const Notes[] = { "prefers mornings", "\"called twice, no answer\"", "", "\"line one\nline two\"",
                              "referred by Dr. Adams; follow up in spring" };

QByteArray phoneText(QRandomGenerator &random, quint64 digits)
{
    const QByteArray d = QByteArray::number(digits); // 10 digits
    const QByteArray a = d.left(3), b = d.mid(3, 3), c = d.mid(6);
    switch (random.bounded(100)) {
    case 0: return "555-12"; // too short
    case 1: return "call me later"; // not a number
    case 2: return "+1 " + a + " " + b + " " + c + " x" + QByteArray::number(random.bounded(10, 999));
    default: break;
    }
    switch (random.bounded(6)) {
    case 0: return "(" + a + ") " + b + "-" + c;
    case 1: return a + "-" + b + "-" + c;
    case 2: return a + "." + b + "." + c;
    case 3: return "+1 " + a + " " + b + " " + c;
    case 4: return "1-" + a + "-" + b + "-" + c;
    default: return d;
    }
}

quint64 randomNumber(QRandomGenerator &random)
{
    int exchange = 0;
    do {
        exchange = int(random.bounded(200, 1000));
    } while (exchange % 100 == 11 || exchange == 555);
    const int area = AreaCodes[random.bounded(int(std::size(AreaCodes)))];
    return quint64(area) * 10'000'000ULL + quint64(exchange) * 10'000ULL + random.bounded(10000);
}

bool writeCsv(const QString &path, int rows)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    QRandomGenerator random(42);
    QList<quint64> recent;
    file.write("First Name,Last Name,Phone Number,E-mail,Organisation,State,Notes,TZ,Lead Source\r\n");
    for (int i = 0; i < rows; ++i) {
        quint64 number = randomNumber(random);
        if (random.bounded(100) == 0 && !recent.isEmpty())
            number = recent.at(random.bounded(int(recent.size()))); // duplicate in file
        if (recent.size() < 1000)
            recent.append(number);
        const QByteArray first = FirstNames[random.bounded(int(std::size(FirstNames)))];
        const QByteArray last = LastNames[random.bounded(int(std::size(LastNames)))];
        QByteArray email = random.bounded(10) < 7 ? first.toLower() + "." + QByteArray::number(i) + "@Example"
                        + QByteArray::number(random.bounded(50)) + ".com" : QByteArray();
        const char *tz = random.bounded(10) == 0 ? "EST" : (random.bounded(10) == 0 ? "America/Chicago" : "");
        file.write(first + "," + last + "," + phoneText(random, number) + "," + email + ","
                   + Companies[random.bounded(int(std::size(Companies)))] + ",,"
                   + Notes[random.bounded(int(std::size(Notes)))] + "," + tz + ",web form " + QByteArray::number(i % 97)
                   + "\r\n");
    }
    return file.flush();
}

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

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int rows = argc > 1 ? QByteArray(argv[1]).toInt() : 1'000'000;
    QTemporaryDir temp;
    const QString dir = argc > 2 ? QString::fromLocal8Bit(argv[2]) : temp.path();
    const QString csv = dir + QStringLiteral("/leads.csv");
    QElapsedTimer timer;
    timer.start();
    if (!writeCsv(csv, rows))
        return 1;
    std::printf("wrote %d rows, %.1f MB in %.1f s\n", rows, QFile(csv).size() / 1e6, timer.elapsed() / 1000.0);

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

    const QString dbPath = dir + QStringLiteral("/callvia.sqlite");
    QFile::remove(dbPath);
    Models::DatabaseUrl url;
    url.path = dbPath;
    Models::Database database(url);
    Models::SystemClock clock;
    if (database.open() || database.migrate())
        return 2;
    Models::ClientRecord client;
    client.name = QStringLiteral("Bench Client");
    client.timeZone = QStringLiteral("America/New_York");
    Models::CampaignRecord campaign;
    campaign.clientId = Models::ClientRepository(database, clock).insert(client).value();
    campaign.name = QStringLiteral("Bench");
    Services::ImportOptions options;
    options.campaignId = Models::CampaignRepository(database, clock).insert(campaign).value();
    options.filePath = csv;
    options.geocodeRegion = qEnvironmentVariableIsEmpty("BENCH_NO_GEOCODE");
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
    std::printf("  imported %lld, duplicates in file %lld, rejected %lld, dnc %lld\n", static_cast<long long>(s.imported),
                static_cast<long long>(s.duplicatesInFile), static_cast<long long>(s.rejected),
                static_cast<long long>(s.dnc));
    std::printf("  split: parse %.2f s, normalize %.2f s (summed over the workers), write %.2f s wall, "
                "%.2f s CPU (the writer thread)\n",
                s.parseMs / 1000.0, s.normalizeMs / 1000.0, s.writeMs / 1000.0, writerCpu);
    std::printf("peak RSS (VmHWM): %.1f MB\n", peakRssKb() / 1024.0);
    return 0;
}
