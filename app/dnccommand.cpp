#include "appcontext.h"
#include "commands.h"

#include <models/database.h>
#include <services/auth/session.h>
#include <services/compliance/dncservice.h>

#include <QCommandLineParser>
#include <QDateTime>

#include <cstdio>

// `callvia dnc import FILE [--client ID]` and `callvia dnc list [--search TEXT] [--all]`
// (issue 25 item 3): the internal do-not-call list. import prints the summary on stdout and
// every rejected row ("line N, field: message") on stderr; exit 0 when the file was read (bad
// rows do not fail it, the good ones are kept), 1 when the file cannot be used or the database
// fails, 2 on bad arguments. list prints tab-separated rows.
namespace Callvia::App {

namespace {

int fail(const QString &message, int code)
{
    std::fprintf(stderr, "callvia dnc: %s\n", qPrintable(message));
    return code;
}

int runImport(AppContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption client(
        QStringLiteral("client"), QStringLiteral("Client id (default: all clients)."), QStringLiteral("ID"));
    const QCommandLineOption region(QStringLiteral("region"), QStringLiteral("Region for national numbers."),
        QStringLiteral("CC"), QStringLiteral("US"));
    parser.addOptions({ client, region });
    if (!parser.parse(arguments))
        return fail(parser.errorText(), 2);
    if (parser.positionalArguments().size() != 1)
        return fail(QStringLiteral("usage: callvia dnc import FILE [--client ID]"), 2);
    qint64 clientId = 0;
    if (parser.isSet(client)) {
        bool ok = false;
        clientId = parser.value(client).toLongLong(&ok);
        if (!ok || clientId <= 0)
            return fail(QStringLiteral("--client must be a positive client id"), 2);
    }
    const Services::DncService service(context.database(), context.clock(), parser.value(region));
    const Services::DncService::ImportResult result
        = service.importCsv(context.session(), parser.positionalArguments().constFirst(), clientId);
    for (const Services::DncService::RowError &e : result.errors)
        std::fprintf(stderr, "line %lld%s: %s\n", static_cast<long long>(e.row),
            e.field.isEmpty() ? "" : qPrintable(QStringLiteral(", ") + e.field), qPrintable(e.message));
    if (!result.ok())
        return fail(result.fatal, 1);
    std::fprintf(stdout, "%s\n", qPrintable(result.summary()));
    return 0;
}

int runList(AppContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption search(QStringLiteral("search"),
        QStringLiteral("Substring of phone, e-mail or reason."), QStringLiteral("TEXT"));
    const QCommandLineOption all(QStringLiteral("all"), QStringLiteral("Include removed entries."));
    parser.addOptions({ search, all });
    if (!parser.parse(arguments))
        return fail(parser.errorText(), 2);
    Models::DncQuery query;
    query.search = parser.value(search);
    query.includeRemoved = parser.isSet(all);
    query.limit = 1000;
    const Services::DncService service(context.database(), context.clock());
    std::fprintf(stdout, "id\taddress\tchannel\tsource\tclient\tadded_utc\tstate\treason\n");
    for (;;) {
        const auto page = service.entries(context.session(), query);
        if (!page.ok())
            return fail(page.error().message(), 1);
        for (const Models::DncEntry &e : page.value()) {
            QStringList address;
            if (!e.optOut.phoneE164.isEmpty())
                address << e.optOut.phoneE164;
            if (!e.optOut.email.isEmpty())
                address << e.optOut.email;
            if (address.isEmpty())
                address << QStringLiteral("sha256:")
                        + (e.phoneSha256.isEmpty() ? e.emailSha256 : e.phoneSha256);
            const QString state = e.removedAt ? QStringLiteral("removed")
                : e.erasedAt                  ? QStringLiteral("erased")
                                              : QStringLiteral("blocking");
            std::fprintf(stdout, "%lld\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", static_cast<long long>(e.optOut.id),
                qPrintable(address.join(QLatin1Char(','))), qPrintable(e.optOut.channel),
                qPrintable(e.optOut.source),
                e.optOut.clientId ? qPrintable(QString::number(e.optOut.clientId)) : "all",
                qPrintable(QDateTime::fromMSecsSinceEpoch(e.optOut.createdAt, Qt::UTC).toString(Qt::ISODate)),
                qPrintable(state),
                qPrintable(QString(e.optOut.reason).replace(QLatin1Char('\t'), QLatin1Char(' '))));
        }
        if (page.value().size() < query.limit)
            return 0;
        query.offset += query.limit;
    }
}

} // namespace

int runDncCommand(AppContext &context, const QStringList &arguments)
{
    const QString sub = arguments.value(1);
    QStringList rest = arguments;
    rest.removeAt(1); // QCommandLineParser skips arguments[0] (the program)
    if (sub == QLatin1String("import"))
        return runImport(context, rest);
    if (sub == QLatin1String("list"))
        return runList(context, rest);
    return fail(
        QStringLiteral(
            "usage: callvia dnc import FILE [--client ID] | callvia dnc list [--search TEXT] [--all]"),
        2);
}

} // namespace Callvia::App
