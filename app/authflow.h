#pragma once

#include <services/auth/session.h>

#include <optional>

namespace Callvia::Ui {
class MainWindow;
}

namespace Callvia::App {

class AppContext;

// Start-up sign-in. GUI: the setup dialog when no user exists, then the login dialog (and a
// password change when an admin reset it); nullopt when the person cancels. On PostgreSQL the
// process then logs in as the user's own login role (AuthService::setSwitchesLogin), which
// row-level security binds.
std::optional<Services::Session> signInWithDialogs(AppContext &context);

// Plugs the Admin section (users, secrets, audit log) into the window for administrators.
void addAdminSection(Ui::MainWindow &window, AppContext &context, const Services::Session &session);
// The Appointments section (calendar, messages, verdicts), reading on context.viewReader().
void addAppointmentsSection(Ui::MainWindow &window, AppContext &context, const Services::Session &session);
// The Dashboard section (KPI cards and charts), reading on context.viewReader().
void addDashboardSection(Ui::MainWindow &window, AppContext &context, const Services::Session &session);
// The Leads section (search, list, lead detail with calls, appointments and messages).
void addLeadsSection(Ui::MainWindow &window, AppContext &context, const Services::Session &session);
// The Billing section (milestone progress, usage, invoices, retry and flag clearing for admins).
void addBillingSection(Ui::MainWindow &window, AppContext &context, const Services::Session &session);

// Sub-commands with `--user NAME`: reads the password from CALLVIA_PASSWORD (then removed
// from the environment) or from stdin without echo, signs in through AuthService (lockout and
// audit apply), on PostgreSQL logs in as the user's own login role, and sets context.session().
// Without --user on PostgreSQL, a URL whose role is a Callvia user's login acts as that user (not
// as the operator). Refuses commands that do not honour the session unless the user is an
// admin. Returns the process exit code to stop with, or 0 to go on.
int signInForCommand(AppContext &context);

// Headless: with no user, creates the first admin from CALLVIA_ADMIN_USERNAME and
// CALLVIA_ADMIN_PASSWORD, or returns a message (never a default password). Empty = ready.
QString ensureAdminForHeadless(AppContext &context);

} // namespace Callvia::App
