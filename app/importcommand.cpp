#include "appcontext.h"
#include "commands.h"

#include <models/database.h>
#include <services/importing/leadimporter.h>

#include <QCommandLineParser>
#include <QJsonDocument>
#include <QObject>

#include <cstdio>
#include <unistd.h>

// `callvia import --campaign ID FILE.csv [--region US] [--on-duplicate skip|update]
// [--rejects FILE] [--dry-run]`: progress on stderr when it is a terminal, a one-line JSON
// summary on stdout; exit 0 on success, 1 on a bad file/campaign/columns or database error,
// 2 on bad arguments.
namespace Callvia::App {

namespace {

int fail(const QString &message, int code)
{
    std::fprintf(stderr, "callvia import: %s\n", qPrintable(message));
    return code;
}

bool parseImportOptions(const QStringList &arguments, Services::ImportOptions *options, QString *error)
{
    QCommandLineParser parser;
    const QCommandLineOption campaign(QStringLiteral("campaign"), QStringLiteral("Campaign id."), QStringLiteral("ID"));
    const QCommandLineOption region(QStringLiteral("region"), QStringLiteral("Region for national numbers."),
                                    QStringLiteral("CC"));
    const QCommandLineOption duplicate(QStringLiteral("on-duplicate"), QStringLiteral("skip or update."),
                                       QStringLiteral("MODE"), QStringLiteral("skip"));
    const QCommandLineOption rejects(QStringLiteral("rejects"), QStringLiteral("CSV of rejected rows."),
                                     QStringLiteral("FILE"));
    const QCommandLineOption encoding(QStringLiteral("encoding"), QStringLiteral("auto, utf-8 or windows-1252."),
                                      QStringLiteral("NAME"), QStringLiteral("auto"));
    const QCommandLineOption dryRun(QStringLiteral("dry-run"), QStringLiteral("Check everything, write nothing."));
    parser.addOptions({ campaign, region, duplicate, rejects, encoding, dryRun });
    if (!parser.parse(arguments)) {
        *error = parser.errorText();
        return false;
    }
    bool ok = false;
    options->campaignId = parser.value(campaign).toLongLong(&ok);
    if (!ok || options->campaignId <= 0) {
        *error = QStringLiteral("--campaign ID is required (a positive number)");
        return false;
    }
    if (parser.positionalArguments().size() != 1) {
        *error = QStringLiteral("expected exactly one FILE.csv");
        return false;
    }
    options->filePath = parser.positionalArguments().constFirst();
    options->defaultRegion = parser.value(region);
    const QString mode = parser.value(duplicate);
    if (mode != QLatin1String("skip") && mode != QLatin1String("update")) {
        *error = QStringLiteral("--on-duplicate must be skip or update");
        return false;
    }
    options->onDuplicate = mode == QLatin1String("update") ? Services::OnDuplicate::Update : Services::OnDuplicate::Skip;
    const QString enc = parser.value(encoding).toLower();
    options->encoding = enc == QLatin1String("windows-1252") || enc == QLatin1String("latin1")
            ? Services::TextEncoding::Windows1252
            : enc == QLatin1String("utf-8") ? Services::TextEncoding::Utf8 : Services::TextEncoding::Auto;
    options->rejectsPath = parser.value(rejects);
    options->dryRun = parser.isSet(dryRun);
    return true;
}

} // namespace

int runImportCommand(AppContext &context, const QStringList &arguments)
{
    Services::ImportOptions options;
    QString error;
    if (!parseImportOptions(arguments, &options, &error))
        return fail(error, 2);
    Services::LeadImporter importer(context.database(), context.clock());
    importer.setActor(context.session()); // the operator, or the --user (issue 6)
    if (isatty(STDERR_FILENO)) {
        QObject::connect(&importer, &Services::LeadImporter::progressed, [](const Services::ImportProgress &p) {
            std::fprintf(stderr, "\r%lld rows, %.0f rows/s, %lld%%%s   ", static_cast<long long>(p.rows),
                         p.rowsPerSecond,
                         static_cast<long long>(p.totalBytes > 0 ? p.bytesRead * 100 / p.totalBytes : 0),
                         p.saving ? ", saving" : "");
        });
    }
    const Services::ImportSummary summary = importer.run(options);
    if (isatty(STDERR_FILENO))
        std::fprintf(stderr, "\n");
    std::fprintf(stdout, "%s\n", QJsonDocument(summary.toJson()).toJson(QJsonDocument::Compact).constData());
    std::fflush(stdout);
    if (!summary.ok())
        return fail(summary.error, 1);
    return 0;
}

} // namespace Callvia::App
