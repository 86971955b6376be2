#include "authflow.h"

#include "appcontext.h"
#include "passwordprompt.h"

#include <models/database.h>
#include <services/auth/authservice.h>
#include <ui/admin/adminview.h>
#include <ui/admin/eventsbox.h>
#include <ui/auth/changepassworddialog.h>
#include <ui/auth/logindialog.h>
#include <ui/settings/appsettings.h>
#include <ui/shell/mainwindow.h>
#include <ui/admin/outboxview.h>
#include <ui/admin/dncbox.h>
#include <ui/admin/providersbox.h>
#include <services/webhooks/webhooklistener.h>
#include <ui/appointments/appointmentsview.h>
#include <ui/appointments/bookforleaddialog.h>
#include <ui/appointments/unmatchedbookingsbox.h>
#include <ui/billing/billingview.h>
#include <services/billing/billingactions.h>
#include <services/verification/verificationservice.h>
#include <ui/dashboard/dashboardview.h>
#include <ui/leads/leadsview.h>
#include <ui/auth/setupdialog.h>

#include <QMessageBox>
#include <QTabWidget>
#include <QSettings>

#include <cstdio>

namespace Callvia::App {

std::optional<Services::Session> signInWithDialogs(AppContext &context)
{
    Services::AuthService auth(context.database(), context.clock());
    auth.setSwitchesLogin(true);
    const Models::DbResult<bool> hasUsers = auth.hasUsers();
    if (!hasUsers.ok()) {
        QMessageBox::critical(nullptr, QObject::tr("Callvia"), hasUsers.error().message());
        return std::nullopt;
    }
    std::optional<Services::Session> signedIn;
    // PostgreSQL with a user's own login role (postgresql://callvia.carol@…): connecting was the
    // sign-in (the server checked the password); no second dialog.
    const Models::DbResult<Services::Session> byLogin = auth.sessionForCurrentLogin();
    if (!byLogin.ok() && byLogin.error().kind() != Models::DbError::NotFound) {
        QMessageBox::critical(nullptr, QObject::tr("Callvia"), byLogin.error().message());
        return std::nullopt;
    }
    if (byLogin.ok()) {
        signedIn = byLogin.value();
    } else if (!hasUsers.value()) {
        Ui::SetupDialog setup(auth);
        if (setup.exec() != QDialog::Accepted || !setup.session())
            return std::nullopt;
        QSettings().setValue(Ui::LoginDialog::LastUserKey, setup.username());
        signedIn = setup.session(); // the password was typed twice a moment ago: no login dialog
    } else {
        Ui::LoginDialog login(auth);
        if (login.exec() != QDialog::Accepted || !login.session())
            return std::nullopt;
        signedIn = login.session();
    }
    Services::Session session = *signedIn;
    if (session.mustChangePassword()) {
        Ui::ChangePasswordDialog change(auth, session);
        if (change.exec() != QDialog::Accepted)
            return std::nullopt;
    }
    return session;
}

void addAdminSection(Ui::MainWindow &window, AppContext &context, const Services::Session &session)
{
    if (!session.canManageUsers()) {
        // Staff and client users read the webhook journal (a client user: the events applied
        // for their client only); users, secrets, settings and replay stay with administrators.
        auto *journal = new Ui::EventsBox(context.database(), context.clock(), session);
        journal->setReader(&context.viewReader());
        QObject::connect(&context, &AppContext::webhookEventApplied, journal, &Ui::EventsBox::scheduleReload);
        // The do-not-call list beside it (issue 25 item 3): staff edit, a client user reads its own.
        auto *tabs = new QTabWidget;
        tabs->addTab(journal, QObject::tr("Webhook events"));
        auto *dnc = new Ui::DncBox(context.database(), context.clock(), session);
        dnc->setReader(&context.viewReader());
        tabs->addTab(dnc, QObject::tr("Do-not-call list"));
        window.setSectionWidget(Ui::MainWindow::Admin, tabs);
        window.setSectionTitle(Ui::MainWindow::Admin, QObject::tr("Events and DNC"));
        return;
    }
    auto *admin = new Ui::AdminView(context.database(), context.clock(), context.secretCipher(), session);
    admin->setReader(&context.viewReader()); // the journal and the audit log read off the GUI thread
    // --- authflow: outbox section (issue 21) ---
    auto *outbox = new Ui::OutboxView(context.database(), context.clock(), session);
    QObject::connect(outbox, &Ui::OutboxView::retried, &context, &AppContext::wakeOutbox);
    QObject::connect(&context, &AppContext::outboxRowsChanged, outbox, &Ui::OutboxView::scheduleReload);
    admin->addSection(outbox, QObject::tr("Outbox"));
    // --- end outbox section ---
    auto *dnc = new Ui::DncBox(context.database(), context.clock(), session); // issue 25 item 3
    dnc->setReader(&context.viewReader());
    admin->addSection(dnc, QObject::tr("Do-not-call list"));
    // Provider "Test connection" and the webhook URLs to paste into each provider (issue 24 item 3).
    const QString listenAddress
            = QStringLiteral("%1:%2").arg(context.options().listenHost).arg(context.options().listenPort);
    auto *providers = new Ui::ProvidersBox(context.providerConfig(), listenAddress, [&context] {
        const Services::WebhookListener *listener = context.listener();
        return listener ? int(listener->port()) : 0;
    });
    // "Send test event" (issue 26 item 4): its store look-ups run on the views' reader thread.
    providers->setTestSender(new Services::WebhookTestSender(context.database(), context.clock(),
                                                             context.providerConfig(), &context.viewReader(), {},
                                                             providers));
    admin->addSection(providers, QObject::tr("Providers and listener"));
    // New events show in the journal (coalesced to one reload a second).
    QObject::connect(&context, &AppContext::webhookEventApplied, admin->eventsBox(), &Ui::EventsBox::scheduleReload);
    window.setSectionWidget(Ui::MainWindow::Admin, admin);
}

void addAppointmentsSection(Ui::MainWindow &window, AppContext &context, const Services::Session &session)
{
    // A staff verdict through the verification service (role check, evidence, audit, rebook),
    // on the view's reader thread; the service keeps no state between calls.
    Models::Database *database = &context.database();
    const Models::Clock *clock = &context.clock();
    auto manualVerdict = [database, clock](const Services::Session &actor, qint64 appointmentId, bool shown,
                                           const QString &reason) {
        return Services::VerificationService(*database, *clock, nullptr, Services::VerificationService::Options())
                .setManualVerdict(actor, appointmentId, shown, reason);
    };
    const QTimeZone displayZone = Ui::AppSettings::load(QSettings()).timeZone(); // Settings dialog, at start
    auto *view = new Ui::AppointmentsView(context.database(), context.clock(), session, context.viewReader(),
                                          displayZone, nullptr, manualVerdict);
    // "Book for lead": the lead's free Cal.com slots, booked through Cal.com (issue 24 item 1).
    view->setBookForLead([view, &context, session](qint64 leadId) {
        auto *dialog = new Ui::BookForLeadDialog(context.database(), context.clock(), context.providerConfig(), session,
                                                 context.viewReader(), leadId, view);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
    });
    // Bookings without a lead, for staff to link (issue 24 item 1).
    auto *unmatched = new Ui::UnmatchedBookingsBox(context.database(), context.clock(), session, context.viewReader(),
                                                   displayZone, view);
    view->addPanel(unmatched);
    QObject::connect(&context, &AppContext::webhookEventApplied, unmatched, &Ui::UnmatchedBookingsBox::reload);
    // Delivery reports and sends change what the selected appointment shows.
    QObject::connect(&context, &AppContext::outboxRowsChanged, view, &Ui::AppointmentsView::scheduleReload);
    window.setSectionWidget(Ui::MainWindow::Appointments, view);
}

void addDashboardSection(Ui::MainWindow &window, AppContext &context, const Services::Session &session)
{
    window.setSectionWidget(Ui::MainWindow::Dashboard,
                            new Ui::DashboardView(context.database(), context.clock(), session, context.viewReader()));
}

void addLeadsSection(Ui::MainWindow &window, AppContext &context, const Services::Session &session)
{
    auto *view = new Ui::LeadsView(context.database(), context.clock(), session, context.viewReader());
    // Another instance changed a lead (PostgreSQL notice, migration 029): its row refreshes in place.
    QObject::connect(&context, &AppContext::rowChanged, view, [view](const QString &table, qint64, qint64 rowId) {
        if (table == QLatin1String("leads"))
            view->noteLeadChanged(rowId);
    });
    window.setSectionWidget(Ui::MainWindow::Leads, view);
}

void addBillingSection(Ui::MainWindow &window, AppContext &context, const Services::Session &session)
{
    // Retry and flag clearing through BillingActions (role check and audit) on the view's reader
    // thread; the service keeps no state between calls.
    Models::Database *database = &context.database();
    const Models::Clock *clock = &context.clock();
    Ui::BillingView::Actions actions;
    actions.retryInvoice = [database, clock](const Services::Session &actor, qint64 invoiceId) {
        return Services::BillingActions(*database, *clock).retryInvoice(actor, invoiceId);
    };
    actions.clearMilestoneFlag = [database, clock](const Services::Session &actor, qint64 milestoneId,
                                                   const QString &note) {
        return Services::BillingActions(*database, *clock).clearMilestoneFlag(actor, milestoneId, note);
    };
    auto *view = new Ui::BillingView(context.database(), context.clock(), session, context.viewReader(), actions);
    QObject::connect(view, &Ui::BillingView::invoiceRetried, &context, &AppContext::wakeOutbox);
    // The Stripe chain's outbox outcomes move invoices along.
    QObject::connect(&context, &AppContext::outboxRowsChanged, view, &Ui::BillingView::scheduleReload);
    // Stripe's webhooks mark invoices paid, void or failed.
    QObject::connect(&context, &AppContext::webhookEventApplied, view, &Ui::BillingView::scheduleReload);
    window.setSectionWidget(Ui::MainWindow::Billing, view);
}

namespace {

// Sub-commands that take their rights from context.session() (checked in the services they
// call). Any other command reads or replaces the whole database, so only an admin may run it.
bool honoursSession(const QString &command)
{
    return command == QLatin1String("import") || command == QLatin1String("user") || command == QLatin1String("dnc")
        || command == QLatin1String("secret");
}

int refuse(const QString &message, int code)
{
    std::fprintf(stderr, "callvia: %s\n", qPrintable(message));
    return code;
}

// PostgreSQL without --user: the URL's role may be a Callvia user's own login (a client's
// desktop URL); then the command acts as that user, never as the operator.
int sessionFromLogin(AppContext &context)
{
    const Models::DbResult<Services::Session> found
        = Services::AuthService(context.database(), context.clock()).sessionForCurrentLogin();
    if (!found.ok())
        return found.error().kind() == Models::DbError::NotFound
            ? 0
            : refuse(QStringLiteral("database login: %1").arg(found.error().message()), 6);
    const Services::Session &session = found.value();
    const QString &command = context.options().command;
    if (!honoursSession(command) && !session.canManageUsers())
        return refuse(QStringLiteral("Permission denied: \"%1\" is for administrators; %2 has the %3 role")
                          .arg(command, session.username(), session.roleName()),
            1);
    context.setSession(session);
    return 0;
}

} // namespace

int signInForCommand(AppContext &context)
{
    const QString username = context.options().user;
    if (username.isEmpty())
        return context.database().isSqlite() ? 0 : sessionFromLogin(context);
    QString password = qEnvironmentVariable("CALLVIA_PASSWORD");
    qunsetenv("CALLVIA_PASSWORD"); // not inherited by anything this process starts
    if (password.isEmpty())
        password = readLineNoEcho(qPrintable(QStringLiteral("Password for %1: ").arg(username)));
    if (password.isEmpty())
        return refuse(QStringLiteral("--user %1: no password (set CALLVIA_PASSWORD or pipe it to stdin)")
                          .arg(username),
            6);
    Services::AuthService auth(context.database(), context.clock());
    auth.setSwitchesLogin(true);
    const Services::SignInResult result = auth.signIn(username, password);
    if (!result.session)
        return refuse(QStringLiteral("--user %1: %2").arg(username, result.message), 6);
    const Services::Session &session = *result.session;
    if (session.mustChangePassword())
        return refuse(QStringLiteral("--user %1: the password was reset and must be changed first (sign in "
                                     "to the desktop app, or ask an administrator)")
                          .arg(username),
            6);
    const QString &command = context.options().command;
    if (!honoursSession(command) && !session.canManageUsers())
        return refuse(QStringLiteral("Permission denied: \"%1\" is for administrators; %2 has the %3 role")
                          .arg(command, session.username(), session.roleName()),
            1);
    context.setSession(session);
    return 0;
}

QString ensureAdminForHeadless(AppContext &context)
{
    const QString username = qEnvironmentVariable("CALLVIA_ADMIN_USERNAME");
    const QString password = qEnvironmentVariable("CALLVIA_ADMIN_PASSWORD");
    qunsetenv("CALLVIA_ADMIN_PASSWORD"); // not inherited by anything this process starts
    Services::AuthService auth(context.database(), context.clock());
    const Models::DbResult<bool> hasUsers = auth.hasUsers();
    if (!hasUsers.ok())
        return hasUsers.error().message();
    if (hasUsers.value())
        return {};
    if (username.isEmpty() || password.isEmpty())
        return QStringLiteral(
            "No user exists yet. Create the first administrator with "
            "`callvia --database <URL> user add <name> --role admin` (password on stdin), or set "
            "CALLVIA_ADMIN_USERNAME and CALLVIA_ADMIN_PASSWORD for this first start.");
    const Models::DbResult<qint64> id = auth.createFirstAdmin(username, password);
    if (!id.ok())
        return QStringLiteral("CALLVIA_ADMIN_USERNAME/CALLVIA_ADMIN_PASSWORD: %1").arg(id.error().message());
    return {};
}

} // namespace Callvia::App
