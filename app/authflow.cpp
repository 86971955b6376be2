#include "authflow.h"

#include "appcontext.h"

#include <models/database.h>
#include <services/auth/authservice.h>
#include <ui/adminview.h>
#include <ui/changepassworddialog.h>
#include <ui/logindialog.h>
#include <ui/mainwindow.h>
#include <ui/setupdialog.h>

#include <QMessageBox>
#include <QSettings>

namespace Callvia::App {

std::optional<Services::Session> signInWithDialogs(AppContext &context)
{
    Services::AuthService auth(context.database(), context.clock());
    const Models::DbResult<bool> hasUsers = auth.hasUsers();
    if (!hasUsers.ok()) {
        QMessageBox::critical(nullptr, QObject::tr("Callvia"), hasUsers.error().message());
        return std::nullopt;
    }
    if (!hasUsers.value()) {
        Ui::SetupDialog setup(auth);
        if (setup.exec() != QDialog::Accepted)
            return std::nullopt;
        QSettings().setValue(Ui::LoginDialog::LastUserKey, setup.username());
    }
    Ui::LoginDialog login(auth);
    if (login.exec() != QDialog::Accepted || !login.session())
        return std::nullopt;
    Services::Session session = *login.session();
    if (session.mustChangePassword()) {
        Ui::ChangePasswordDialog change(auth, session);
        if (change.exec() != QDialog::Accepted)
            return std::nullopt;
    }
    context.database().setSessionClient(session.clientId());
    return session;
}

void addAdminSection(Ui::MainWindow &window, AppContext &context, const Services::Session &session)
{
    if (!session.canManageUsers())
        return;
    window.setSectionWidget(Ui::MainWindow::Admin,
        new Ui::AdminView(context.database(), context.clock(), context.secretCipher(), session));
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
