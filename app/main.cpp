#include "appcontext.h"
#include "authflow.h"
#include "commands.h"
#include "configcheck.h"
#include "options.h"
#include "signalwatcher.h"

#include <models/clock.h>
#include <models/database.h>
#include <services/backup/backupservice.h>
#include <services/demodata.h>
#include <services/processhardening.h>
#include <services/webhooks/webhooklistener.h>
#include <ui/admin/backupactions.h>
#include <ui/campaigns/campaignsview.h>
#include <ui/settings/appsettings.h>
#include <ui/settings/settingsactions.h>
#include <ui/shell/mainwindow.h>
#include <ui/widgets/translations.h>

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QInputDialog>
#include <QLineEdit>
#include <QLoggingCategory>
#include <QMessageBox>
#include <QSettings>

#include <algorithm>
#include <cstdio>
#include <memory>

Q_LOGGING_CATEGORY(lcMain, "callvia.main")

using namespace Callvia;

namespace {

// Global options may stand before a sub-command; everything from the first non-option word
// on belongs to the sub-command (so `callvia --database X import --campaign 3 f.csv` works).
int commandIndex(const QStringList &arguments)
{
    for (int i = 1; i < arguments.size(); ++i) {
        const QString &argument = arguments.at(i);
        if (argument == QLatin1String("--database") || argument == QLatin1String("--listen")
            || argument == QLatin1String("--user")) {
            ++i;
            continue;
        }
        if (!argument.startsWith(QLatin1Char('-')))
            return i;
    }
    return -1;
}

bool parseOptions(const QStringList &arguments, App::Options *options)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
            "Callvia: AI voice appointment-setting campaigns for agencies.\n\nCommands:\n%1")
            .arg([] {
                QStringList lines;
                for (const App::Command &command : App::commands())
                    lines << QStringLiteral("  %1  %2").arg(QLatin1String(command.name), -8).arg(QLatin1String(command.summary));
                return lines.isEmpty() ? QStringLiteral("  (none)") : lines.join(QLatin1Char('\n'));
            }()));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption database(QStringLiteral("database"),
                                      QStringLiteral("SQLite file path or postgresql://user@host:port/db (password "
                                                     "from PGPASSWORD, PGPASSFILE, ~/.pgpass or "
                                                     "CALLVIA_DATABASE_PASSWORD_FILE; default $CALLVIA_DATABASE)."),
                                      QStringLiteral("URL"));
    const QCommandLineOption listen(QStringLiteral("listen"),
                                    QStringLiteral("Webhook listener address (default 127.0.0.1:8787)."),
                                    QStringLiteral("HOST:PORT"));
    const QCommandLineOption headless(QStringLiteral("headless"),
                                      QStringLiteral("Run the listener and services without a window."));
    const QCommandLineOption noDemo(QStringLiteral("no-demo"), QStringLiteral("Do not offer demo data on first run."));
    const QCommandLineOption user(QStringLiteral("user"),
                                  QStringLiteral("Run the command as this user (password from CALLVIA_PASSWORD or stdin)."),
                                  QStringLiteral("NAME"));
    const QCommandLineOption allowSuperuser(QStringLiteral("allow-superuser"),
                                            QStringLiteral("PostgreSQL: run even when the login is a superuser or "
                                                           "has BYPASSRLS (row-level security does not bind it)."));
    const QCommandLineOption check(QStringLiteral("check"),
                                   QStringLiteral("Validate the configuration and the database (opens it, changes "
                                                  "nothing), print what was found and exit: 0 when a start would "
                                                  "work, 1 otherwise."));
    parser.addOptions({ database, listen, headless, noDemo, user, allowSuperuser, check });
    const int index = commandIndex(arguments);
    const QStringList global = index < 0 ? arguments : arguments.mid(0, index);
    parser.process(global); // exits with a message on --help, --version or an unknown option
    options->databaseUrl = parser.value(database);
    options->headless = parser.isSet(headless);
    options->check = parser.isSet(check);
    options->noDemo = parser.isSet(noDemo);
    options->allowSuperuser = parser.isSet(allowSuperuser);
    if (parser.isSet(listen)) {
        QString error;
        if (!App::parseListen(parser.value(listen), &options->listenHost, &options->listenPort, &error)) {
            std::fprintf(stderr, "callvia: %s\n", qPrintable(error));
            return false;
        }
    }
    if (index >= 0) {
        options->command = arguments.at(index);
        options->commandArguments = arguments.mid(index);
    }
    // A test/demo aid (README, "Testing"): the whole app lives this many seconds ahead or behind.
    if (!qEnvironmentVariableIsEmpty("CALLVIA_CLOCK_OFFSET_SECONDS")) {
        QString error;
        qint64 seconds = 0;
        if (!App::parseClockOffset(qEnvironmentVariable("CALLVIA_CLOCK_OFFSET_SECONDS"), &seconds, &error)) {
            std::fprintf(stderr, "callvia: %s\n", qPrintable(error));
            return false;
        }
        options->clockOffsetSeconds = seconds;
    }
    options->user = parser.value(user);
    if (!options->user.isEmpty() && options->command.isEmpty()) {
        std::fprintf(stderr, "callvia: --user applies to sub-commands (the desktop app asks at sign-in)\n");
        return false;
    }
    return true;
}

int runCommand(App::AppContext &context)
{
    const App::Command *command = App::findCommand(context.options().command);
    if (!command) {
        std::fprintf(stderr, "callvia: unknown command \"%s\" (see callvia --help)\n",
                     qPrintable(context.options().command));
        return 2;
    }
    const QStringList &arguments = context.options().commandArguments;
    if (arguments.contains(QStringLiteral("--help")) || arguments.contains(QStringLiteral("-h"))) {
        // Before the database is opened: asking how to use a command creates nothing.
        const QString usage = QString::fromUtf8(command->usage).replace(QLatin1Char('\n'), QLatin1String("\n  "));
        std::printf("callvia %s: %s\n\nusage:\n  %s\n", command->name, command->summary, qPrintable(usage));
        return 0;
    }
    if (const Models::DbError error = context.openDatabase()) {
        std::fprintf(stderr, "callvia: %s\n", qPrintable(error.message()));
        return 3;
    }
    if (const int refused = App::signInForCommand(context))
        return refused;
    return command->run(context, context.options().commandArguments);
}

int runHeadless(QCoreApplication &app, App::AppContext &context)
{
    if (const Models::DbError error = context.openDatabase()) {
        qCCritical(lcMain).noquote() << error.message();
        return 3;
    }
    if (const QString refusal = App::ensureAdminForHeadless(context); !refusal.isEmpty()) {
        qCCritical(lcMain).noquote() << refusal;
        return 5;
    }
    // The watcher is installed before the services start, so an early SIGTERM still stops cleanly.
    App::SignalWatcher watcher;
    const QString error = context.startServices();
    if (!error.isEmpty()) {
        qCCritical(lcMain).noquote() << error;
        return 4;
    }
    QObject::connect(&watcher, &App::SignalWatcher::terminationRequested, &app, [&app](int signal) {
        qCInfo(lcMain) << "signal" << signal << "received, stopping";
        app.quit();
    });
    QObject::connect(&watcher, &App::SignalWatcher::reloadRequested, &context,
                     [&context] { context.reloadConfiguration(); });
    qCInfo(lcMain).noquote() << "headless Callvia ready on" << context.database().url().displayName();
    const int code = app.exec();
    context.stopServices();
    qCInfo(lcMain) << "stopped cleanly";
    return code;
}

// PostgreSQL with a user's own login role and no password in the environment: the server asks
// for it, so we ask the person (up to three times). Connecting as that role is the sign-in.
Models::DbError openWithPassword(App::AppContext &context)
{
    Models::DbError error = context.openDatabase();
    for (int attempt = 0; attempt < 3 && error && error.message().contains(QLatin1String("password")); ++attempt) {
        bool ok = false;
        const QString password = QInputDialog::getText(nullptr, QObject::tr("Callvia"),
                                                       QObject::tr("%1\n\nPassword:").arg(attempt == 0
                                                               ? QObject::tr("Sign in to the team database.")
                                                               : QObject::tr("Wrong user name or password.")),
                                                       QLineEdit::Password, QString(), &ok);
        if (!ok)
            return error;
        context.setDatabasePassword(password);
        error = context.openDatabase();
    }
    return error;
}

int runGui(QApplication &app, App::AppContext &context)
{
    if (const Models::DbError error = openWithPassword(context)) {
        QMessageBox::critical(nullptr, QObject::tr("Callvia"),
                              QObject::tr("Callvia cannot use its database.\n\n%1").arg(error.message()));
        return 3;
    }
    Services::DemoData demo(context.database(), context.clock());
    const Models::DbResult<bool> empty = demo.isEmpty();
    if (!context.options().noDemo && empty.ok() && empty.value()
        && QMessageBox::question(nullptr, QObject::tr("Welcome to Callvia"),
                                 QObject::tr("This database is empty. Load demo data (a few clients, campaigns "
                                             "and leads) to look around?"))
                == QMessageBox::Yes) {
        if (const Models::DbError error = demo.load())
            QMessageBox::warning(nullptr, QObject::tr("Demo data"), error.message());
    }
    const std::optional<Services::Session> session = App::signInWithDialogs(context);
    if (!session)
        return 0;
    Ui::MainWindow window(context.database(), context.clock(), *session);
    window.setSession(*session);
    context.setSession(*session); // what the app does on the user's behalf (restore) is audited as them
    context.startLiveUpdates(session->scope()); // issue 26: PostgreSQL, changes made by other instances
    App::addAdminSection(window, context, *session);
    App::addAppointmentsSection(window, context, *session);
    App::addDashboardSection(window, context, *session);
    App::addLeadsSection(window, context, *session);
    window.campaignsView()->setReader(&context.viewReader()); // statistics over every lead: off the GUI thread
    App::addBillingSection(window, context, *session);
    Services::BackupService *backups = context.backupService();
    if (backups && session->canManageUsers()) {
        new Ui::BackupActions(
                *backups, *session, [&context](const QString &file) { return context.restoreAndRestart(file); },
                [&context](const QString &folder) {
                    // One backup folder: the service's (database setting) and the Settings
                    // dialog's (QSettings, applied at every start) are changed together.
                    context.setBackupFolder(folder);
                    QSettings stored;
                    Ui::AppSettings settings = Ui::AppSettings::load(stored);
                    settings.backupFolder = folder;
                    settings.save(stored);
                },
                window.fileMenu(), &window);
    }
    // Issue 24 item 5: the Settings dialog's values; new clients' defaults and the backups apply
    // at once, the rest (language, time zone, listener address) at the next start.
    auto applySettings = [&context, &window](const Ui::AppSettings &settings) {
        window.setNewClientDefaults(settings.newClient(), settings.verificationDelayMinutes);
        if (Services::BackupService *service = context.backupService()) {
            service->setKeep(settings.backupKeep);
            if (!settings.backupFolder.isEmpty() && settings.backupFolder != service->folder())
                context.setBackupFolder(settings.backupFolder);
        }
    };
    applySettings(Ui::AppSettings::load(QSettings()));
    new Ui::SettingsActions(applySettings, window.fileMenu(), &window);
    // A client user's desktop is confined to one client (RLS on PostgreSQL): the agency's
    // listener and services must not run inside it.
    const QString error = session->scope().isAgency() ? context.startServices()
                                                      : QObject::tr("not started for client users");
    if (!error.isEmpty())
        window.setStatusText(QObject::tr("Listener not running: %1").arg(error));
    else if (const Services::WebhookListener *listener = context.listener()) {
        window.setStatusText(QObject::tr("Database: %1    Webhooks: http://%2:%3/api/webhooks/")
                                     .arg(context.database().url().displayName(), context.options().listenHost)
                                     .arg(listener->port()));
    }
    // Any failed database call (a view's query, an import, a webhook, a service pass) shows the
    // banner; the composition root's DatabaseHealthMonitor clears it when the database answers again.
    window.watchDatabaseHealth(context.database().health());
    if (session->scope().isAgency()) {
        QObject::connect(&context, &App::AppContext::dialerPaused, &window, [&window](qint64 campaignId, const QString &message) {
            window.showAlert(QObject::tr("Dialing paused for campaign %1: %2").arg(campaignId).arg(message));
        });
    }
    window.show();
    return app.exec();
}

} // namespace

int main(int argc, char *argv[])
{
#ifdef NDEBUG
    // Release builds: no core dump may carry secrets or leads' data (CALLVIA_ALLOW_CORE_DUMPS=1 to debug).
    const QString hardening = Callvia::Services::ProcessHardening::disableCoreDumps();
#else
    const QString hardening;
#endif
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    const bool wantsGui = commandIndex(arguments) < 0 && !arguments.contains(QStringLiteral("--headless"))
            && !arguments.contains(QStringLiteral("--help")) && !arguments.contains(QStringLiteral("-h"))
            && !arguments.contains(QStringLiteral("--version")) && !arguments.contains(QStringLiteral("-v"))
            && !arguments.contains(QStringLiteral("--check"));
    std::unique_ptr<QCoreApplication> app = wantsGui ? std::make_unique<QApplication>(argc, argv)
                                                     : std::make_unique<QCoreApplication>(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("Callvia"));
    QCoreApplication::setApplicationName(QStringLiteral("Callvia"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CALLVIA_VERSION));
    if (wantsGui) {
        // The installed package's menu entry and hicolor icon (packaging/): Wayland matches the
        // window to callvia.desktop; X11 gets the themed icon (none when run from the build tree).
        QGuiApplication::setDesktopFileName(QStringLiteral("callvia"));
        QGuiApplication::setWindowIcon(QIcon::fromTheme(QStringLiteral("callvia")));
    }
    // Issue 26: the headless server writes one structured line per event on stderr,
    // "level=info component=callvia.app message=listening on ...": the level, the logging
    // category and the message (whose own key=value fields follow). QT_MESSAGE_PATTERN still wins.
    if (arguments.contains(QStringLiteral("--headless")))
        qSetMessagePattern(QStringLiteral("level=%{type} component=%{category} message=%{message}"));
    if (!hardening.isEmpty())
        qCDebug(lcMain).noquote() << hardening;
    // The system locale, or the "ui/language" setting / $CALLVIA_LANGUAGE (read once, at start).
    const QLocale uiLocale = Ui::chosenLocale();
    if (uiLocale != QLocale::system())
        QLocale::setDefault(uiLocale);
    Ui::installTranslations(uiLocale);

    App::Options options;
    if (!parseOptions(arguments, &options))
        return 2;
    if (wantsGui && !std::any_of(arguments.cbegin(), arguments.cend(), [](const QString &argument) {
            return argument.startsWith(QLatin1String("--listen"));
        })) {
        // The desktop's listener address from the Settings dialog, unless --listen says otherwise.
        const QString address = Ui::AppSettings::load(QSettings()).listenAddress;
        if (!address.isEmpty())
            Ui::AppSettings::parseListenAddress(address, &options.listenHost, &options.listenPort);
    }
    App::AppContext context(options);
    if (options.check)
        return App::runConfigCheck(context, stdout);
    if (!options.command.isEmpty())
        return runCommand(context);
    if (options.headless)
        return runHeadless(*app, context);
    return runGui(static_cast<QApplication &>(*app), context);
}
