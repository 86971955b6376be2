// `callvia user add|passwd|disable|enable|list` and `callvia secret set|list` for servers.
// Passwords and secret values are read from stdin (without echo on a terminal) or from an
// environment variable named on the command line; never from the command line itself.

#include "appcontext.h"
#include "commands.h"
#include "passwordprompt.h"

#include <models/database.h>
#include <services/auth/aesgcmcipher.h>
#include <services/auth/authservice.h>
#include <services/auth/secretstore.h>

#include <QCommandLineParser>
#include <QTextStream>

#include <cstdio>

#include <unistd.h>

namespace Callvia::App {

namespace {

int fail(const QString &message, int code = 1)
{
    std::fprintf(stderr, "callvia: %s\n", qPrintable(message));
    return code;
}

// From the environment variable named by --*-env, else from stdin (asked twice on a terminal).
bool readSecret(const QCommandLineParser &parser, const QString &envOption, const char *what, QString *out,
    QString *error)
{
    if (parser.isSet(envOption)) {
        const QString name = parser.value(envOption);
        *out = qEnvironmentVariable(name.toLocal8Bit().constData());
        if (out->isEmpty())
            *error = QStringLiteral("--%1: environment variable %2 is not set or empty").arg(envOption, name);
        return !out->isEmpty();
    }
    *out = readLineNoEcho(qPrintable(QStringLiteral("%1: ").arg(QLatin1String(what))));
    if (::isatty(STDIN_FILENO) == 1
        && readLineNoEcho(qPrintable(QStringLiteral("Repeat %1: ").arg(QLatin1String(what)))) != *out) {
        *error = QStringLiteral("the two entries differ");
        return false;
    }
    if (out->isEmpty())
        *error = QStringLiteral("%1: nothing read from standard input").arg(QLatin1String(what));
    return !out->isEmpty();
}

int addUser(Services::AuthService &auth, const Services::Session &actor, const QCommandLineParser &parser,
    const QString &name)
{
    Services::NewUser user;
    user.username = name;
    user.role = parser.value(QStringLiteral("role"));
    user.clientId = parser.value(QStringLiteral("client")).toLongLong();
    user.displayName = parser.value(QStringLiteral("display-name"));
    user.mustChangePassword = parser.isSet(QStringLiteral("must-change"));
    QString error;
    if (!readSecret(parser, QStringLiteral("password-env"), "Password", &user.password, &error))
        return fail(error);
    const Models::DbResult<qint64> id = auth.createUser(actor, user);
    if (!id.ok())
        return fail(id.error().message());
    std::printf(
        "created user %s (%s, id %lld)\n", qPrintable(user.username), qPrintable(user.role), id.value());
    return 0;
}

int listUsers(AppContext &context)
{
    const auto users
        = Services::AuthService(context.database(), context.clock()).listUsers(context.session());
    if (!users.ok())
        return fail(users.error().message());
    for (const Models::UserRecord &user : users.value())
        std::printf("%lld\t%s\t%s\t%s%s\n", user.id, qPrintable(user.username), qPrintable(user.role),
            user.clientId ? qPrintable(QString::number(user.clientId)) : "-",
            user.disabled ? "\tdisabled" : "");
    return 0;
}

int runUser(AppContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(
        QStringLiteral("action"), QStringLiteral("add | passwd | disable | enable | list"));
    parser.addPositionalArgument(QStringLiteral("name"), QStringLiteral("user name"));
    parser.addOptions({ { QStringLiteral("role"), QStringLiteral("admin, staff or client"),
                            QStringLiteral("ROLE"), QStringLiteral("staff") },
        { QStringLiteral("client"), QStringLiteral("client id (client users)"), QStringLiteral("ID") },
        { QStringLiteral("display-name"), QStringLiteral("shown name"), QStringLiteral("TEXT") },
        { QStringLiteral("password-env"), QStringLiteral("read the password from this variable"),
            QStringLiteral("VAR") },
        { QStringLiteral("must-change"), QStringLiteral("force a change at next sign-in") } });
    if (!parser.parse(arguments))
        return fail(parser.errorText(), 2);
    const QStringList words = parser.positionalArguments();
    const QString action = words.value(0);
    if (action == QLatin1String("list"))
        return listUsers(context);
    if (words.size() != 2)
        return fail(QStringLiteral("usage: callvia user add|passwd|disable|enable NAME [options]"), 2);
    Services::AuthService auth(context.database(), context.clock());
    // The operator, or the user signed in with --user (AuthService refuses non-admins).
    const Services::Session &operatorSession = context.session();
    if (action == QLatin1String("add"))
        return addUser(auth, operatorSession, parser, words.at(1));
    Models::DbError error;
    if (action == QLatin1String("passwd")) {
        QString password, readError;
        if (!readSecret(parser, QStringLiteral("password-env"), "Password", &password, &readError))
            return fail(readError);
        error = auth.resetPassword(
            operatorSession, words.at(1), password, parser.isSet(QStringLiteral("must-change")));
    } else if (action == QLatin1String("disable") || action == QLatin1String("enable")) {
        error = auth.setDisabled(operatorSession, words.at(1), action == QLatin1String("disable"));
    } else {
        return fail(
            QStringLiteral("user: unknown action \"%1\" (add, passwd, disable, enable, list)").arg(action),
            2);
    }
    if (error)
        return fail(QStringLiteral("%1: %2").arg(words.at(1), error.message()));
    std::printf("%s: done\n", qPrintable(words.at(1)));
    return 0;
}

int runSecret(AppContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("action"), QStringLiteral("set | list"));
    parser.addOptions({ { QStringLiteral("value-env"), QStringLiteral("read the value from this variable"),
        QStringLiteral("VAR") } });
    if (!parser.parse(arguments))
        return fail(parser.errorText(), 2);
    const QStringList words = parser.positionalArguments();
    if (!context.session().canSeeSecrets()) // even the key names are for administrators
        return fail(QStringLiteral("Permission denied: only an administrator may manage secrets."));
    QString keyError;
    const QByteArray key = Services::SecretStore::loadKey(
        context.database(), context.clock(), Services::SecretKeyStore::defaultKeyFilePath(), &keyError);
    if (key.isEmpty())
        return fail(keyError);
    const Services::AesGcmCipher cipher(key);
    const Services::SecretStore store(context.database(), context.clock(), cipher);
    if (words.value(0) == QLatin1String("list")) {
        const auto keys = store.keys();
        if (!keys.ok())
            return fail(keys.error().message());
        for (const QString &name : keys.value())
            std::printf("%s\t(encrypted)\n", qPrintable(name));
        return 0;
    }
    if (words.value(0) != QLatin1String("set") || words.size() != 2)
        return fail(
            QStringLiteral("usage: callvia secret set KEY (value on stdin) | callvia secret list"), 2);
    QString value, error;
    if (!readSecret(parser, QStringLiteral("value-env"), "Value", &value, &error))
        return fail(error);
    if (const Models::DbError setError = store.set(context.session(), words.at(1), value))
        return fail(setError.message());
    std::printf("%s: stored encrypted\n", qPrintable(words.at(1)));
    return 0;
}

} // namespace

int runUserCommand(AppContext &context, const QStringList &arguments) { return runUser(context, arguments); }

int runSecretCommand(AppContext &context, const QStringList &arguments)
{
    return runSecret(context, arguments);
}

} // namespace Callvia::App
