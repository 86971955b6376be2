#pragma once

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QUrl>
#include <QProcessEnvironment>
#include <QRegularExpression>

#include <cstdio>

namespace Callvia {
namespace Tests {

// Starts the real `callvia --headless` binary (CALLVIA_BINARY) on `database` with a Stripe
// webhook secret, no rate limit and a first admin from the environment, and returns the port it
// listens on (0 on failure, with the output printed). `extra` adds or overrides variables;
// `program` replaces the binary (a copy another user can run); `log`, when given, gets the output
// read up to the "listening on" line.
inline quint16 startHeadlessListener(QProcess *process, const QString &database, const QByteArray &stripeSecret,
                                     const QProcessEnvironment &extra = QProcessEnvironment(), int timeoutMs = 20000,
                                     const QString &program = QStringLiteral(CALLVIA_BINARY), QByteArray *log = nullptr)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("CALLVIA_STRIPE_WEBHOOK_SECRET"), QString::fromLatin1(stripeSecret));
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("CALLVIA_LISTENER_RATE_LIMIT"), QStringLiteral("0"));
    // Headless refuses to start without a user: create the first admin from the environment.
    env.insert(QStringLiteral("CALLVIA_ADMIN_USERNAME"), QStringLiteral("admin"));
    env.insert(QStringLiteral("CALLVIA_ADMIN_PASSWORD"), QStringLiteral("listener-test-pass-4711"));
    // Under AddressSanitizer freed memory sits in a 256 MB quarantine and would read as growth:
    // keep it small so memory bounds mean the same in both builds.
    const QString asan = env.value(QStringLiteral("ASAN_OPTIONS"));
    env.insert(QStringLiteral("ASAN_OPTIONS"),
               (asan.isEmpty() ? QString() : asan + QLatin1Char(':')) + QStringLiteral("quarantine_size_mb=4"));
    for (const QString &key : extra.keys())
        env.insert(key, extra.value(key));
    process->setProcessEnvironment(env);
    process->setProcessChannelMode(QProcess::MergedChannels);
    QStringList arguments { QStringLiteral("--headless"), QStringLiteral("--database"), database,
                            QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0") };
    // Tests run PostgreSQL as the superuser that owns the test database: say so (the app refuses
    // a login that row-level security does not bind otherwise).
    if (database.startsWith(QLatin1String("postgres")) && QUrl(database).userName() == QLatin1String("postgres"))
        arguments << QStringLiteral("--allow-superuser");
    process->start(program, arguments);
    static const QRegularExpression listening(QStringLiteral("listening on 127\\.0\\.0\\.1:(\\d+)"));
    QByteArray output;
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < timeoutMs && process->state() != QProcess::NotRunning) {
        process->waitForReadyRead(200);
        output += process->readAll();
        const QRegularExpressionMatch match = listening.match(QString::fromUtf8(output));
        if (log)
            *log = output;
        if (match.hasMatch())
            return quint16(match.captured(1).toUInt());
    }
    std::fprintf(stderr, "callvia did not start:\n%s\n", output.constData());
    return 0;
}

// The resident set of a process in KiB from /proc (Linux), -1 when unknown.
inline qint64 residentKb(qint64 pid)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

} // namespace Tests
} // namespace Callvia
