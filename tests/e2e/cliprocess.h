#pragma once

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStringList>
#include <QUrl>

namespace Callvia {
namespace Tests {

// One finished run of the callvia binary: exit code (-1 = did not finish in time, -2 = crashed),
// standard output and standard error.
struct CliResult
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    QJsonObject json() const { return QJsonDocument::fromJson(out.trimmed()).object(); }
};

// Runs `callvia --database DATABASE ARGUMENTS...` (CALLVIA_BINARY) with this environment,
// writes stdinData and closes its input, and waits up to a minute.
inline CliResult runCli(const QString &database, const QStringList &arguments, const QProcessEnvironment &environment,
                        const QByteArray &stdinData = {})
{
    QProcess process;
    process.setProcessEnvironment(environment);
    QStringList global { QStringLiteral("--database"), database };
    // The superuser owning a test database: the app refuses it without --allow-superuser.
    if (database.startsWith(QLatin1String("postgres")) && QUrl(database).userName() == QLatin1String("postgres"))
        global << QStringLiteral("--allow-superuser");
    process.start(QStringLiteral(CALLVIA_BINARY), global + arguments);
    process.write(stdinData);
    process.closeWriteChannel();
    CliResult result;
    if (!process.waitForFinished(60000))
        return result;
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

} // namespace Tests
} // namespace Callvia
