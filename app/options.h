#pragma once

#include <QString>
#include <QStringList>

#include <optional>

class QCoreApplication;

namespace Callvia::App {

// What the command line asked for: the database, the listener address, the mode, and for
// sub-commands (`callvia import …`) the command name with its own arguments.
struct Options
{
    QString databaseUrl; // empty = the SQLite default
    QString listenHost = QStringLiteral("127.0.0.1");
    quint16 listenPort = 8787;
    bool headless = false;
    bool check = false; // --check: validate configuration and database, change nothing, exit (issue 26)
    bool noDemo = false;
    QString command; // empty = GUI or headless
    QStringList commandArguments; // argv[0] style: command name first
    bool allowSuperuser = false; // PostgreSQL: run even as a superuser or BYPASSRLS role (setup, tests)
    QString user; // --user NAME: a sub-command runs signed in as this user (issue 6)
    std::optional<qint64> clockOffsetSeconds; // CALLVIA_CLOCK_OFFSET_SECONDS: a test/demo aid (issue 22)
};

// Splits "HOST:PORT" ("[::1]:8787" for IPv6); false with a message when malformed.
bool parseListen(const QString &text, QString *host, quint16 *port, QString *error);

// CALLVIA_CLOCK_OFFSET_SECONDS: a whole number of seconds, may be negative; false with a message
// otherwise.
bool parseClockOffset(const QString &text, qint64 *seconds, QString *error);

} // namespace Callvia::App
