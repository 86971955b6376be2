#pragma once

// A throwaway PostgreSQL server of one test (initdb in a temporary folder, its own port), for
// tests that stop or restart the server: the shared CI server must keep serving the suites that
// run alongside (ctest -j2). Binaries from CALLVIA_TEST_PG_BIN (default PostgreSQL 15's); as
// root, every tool runs as `postgres` through runuser. Started with the options .ci/run gives
// the CI server; the server is stopped (immediate) when the object goes away.
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QProcess>
#include <QStringList>
#include <QTcpServer>
#include <QTemporaryDir>

#include <grp.h>
#include <unistd.h>

#include <cstdio>

namespace Callvia::Tests {

class PrivatePostgres final
{
    Q_DISABLE_COPY_MOVE(PrivatePostgres)
public:
    PrivatePostgres()
    {
        m_bin = qEnvironmentVariable("CALLVIA_TEST_PG_BIN");
        if (m_bin.isEmpty())
            m_bin = QStringLiteral("/usr/lib/postgresql/15/bin");
    }
    ~PrivatePostgres()
    {
        if (m_started)
            runTool(QStringLiteral("pg_ctl"), { QStringLiteral("-D"), dataDir(), QStringLiteral("-m"),
                                                QStringLiteral("immediate"), QStringLiteral("stop") });
    }

    // Empty when the server binaries are there, else why not (a QSKIP reason).
    QString missingBinaries() const
    {
        for (const char *tool : { "pg_ctl", "initdb" }) {
            if (!QFileInfo(QDir(m_bin).filePath(QLatin1String(tool))).isExecutable())
                return QStringLiteral("PostgreSQL server binaries not found in %1 (set CALLVIA_TEST_PG_BIN)").arg(m_bin);
        }
        return {};
    }

    // initdb + start; false (with the tool's output on stderr) on failure.
    bool start()
    {
        if (!m_dir.isValid())
            return false;
        QFile::setPermissions(m_dir.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner
                                                    | QFileDevice::ReadOther | QFileDevice::ExeOther);
        if (geteuid() == 0 && !handToPostgres())
            return false;
        QTcpServer probe; // a free port, given back at once
        if (!probe.listen(QHostAddress::LocalHost, 0))
            return false;
        m_port = probe.serverPort();
        probe.close();
        if (!runTool(QStringLiteral("initdb"), { QStringLiteral("-D"), dataDir(), QStringLiteral("-A"), QStringLiteral("trust"),
                                                 QStringLiteral("-U"), QStringLiteral("postgres"), QStringLiteral("--no-sync") }))
            return false;
        m_started = runTool(QStringLiteral("pg_ctl"),
                            { QStringLiteral("-D"), dataDir(), QStringLiteral("-l"), logFile(), QStringLiteral("-w"),
                              QStringLiteral("-t"), QStringLiteral("60"), QStringLiteral("-o"), serverOptions(),
                              QStringLiteral("start") });
        return m_started;
    }

    // `pg_ctl restart -m fast -w` (postmaster.opts gives the options it was started with), as a
    // process the caller drives (its event loop keeps running meanwhile).
    void startRestart(QProcess *process) const
    {
        process->setProcessChannelMode(QProcess::MergedChannels);
        start(process, QStringLiteral("pg_ctl"),
              { QStringLiteral("-D"), dataDir(), QStringLiteral("-l"), logFile(), QStringLiteral("-m"), QStringLiteral("fast"),
                QStringLiteral("-w"), QStringLiteral("-t"), QStringLiteral("60"), QStringLiteral("restart") });
    }

    quint16 port() const { return m_port; }
    QString dataDir() const { return m_dir.filePath(QStringLiteral("data")); }
    QString logFile() const { return m_dir.filePath(QStringLiteral("log")); }
    QString url(const QString &database = QStringLiteral("postgres")) const
    {
        return QStringLiteral("postgresql://postgres@127.0.0.1:%1/%2").arg(m_port).arg(database);
    }
    // The options .ci/run starts the CI server with.
    QString serverOptions() const
    {
        return QStringLiteral("-k %1 -c listen_addresses=127.0.0.1 -p %2 -c fsync=off -c max_connections=200")
                .arg(m_dir.path())
                .arg(m_port);
    }

    // Runs a server tool to completion; false (output on stderr) unless it exits 0.
    bool runTool(const QString &tool, const QStringList &arguments, QByteArray *output = nullptr,
                 int timeoutMs = 90000) const
    {
        QProcess process;
        process.setProcessChannelMode(QProcess::MergedChannels);
        start(&process, tool, arguments);
        const bool done = process.waitForFinished(timeoutMs);
        const QByteArray out = process.readAll();
        if (output)
            *output = out;
        if (!done || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
            std::fprintf(stderr, "%s failed:\n%s\n", qPrintable(tool), out.constData());
            return false;
        }
        return true;
    }

private:
    void start(QProcess *process, const QString &tool, const QStringList &arguments) const
    {
        const QString program = QDir(m_bin).filePath(tool);
        if (geteuid() == 0)
            process->start(QStringLiteral("runuser"),
                           QStringList { QStringLiteral("-u"), QStringLiteral("postgres"), QStringLiteral("--"), program }
                                   + arguments);
        else
            process->start(program, arguments);
    }

    bool handToPostgres() const
    {
        const group *g = ::getgrnam("postgres");
        QProcess id;
        id.start(QStringLiteral("id"), { QStringLiteral("-u"), QStringLiteral("postgres") });
        if (!g || !id.waitForFinished(10000) || id.exitCode() != 0)
            return false;
        const uid_t uid = uid_t(id.readAll().trimmed().toUInt());
        return ::chown(QFile::encodeName(m_dir.path()).constData(), uid, g->gr_gid) == 0;
    }

    QTemporaryDir m_dir;
    QString m_bin;
    quint16 m_port = 0;
    bool m_started = false;
};

} // namespace Callvia::Tests
