#pragma once

#include <models/records.h>
#include <services/auth/session.h>

#include <QDialog>

#include <memory>

class QLabel;

namespace Callvia::Services {
class AuthService;
}

namespace Callvia::Ui {

class RoleClientFields;

// Admin console: moves a user to another role or client through AuthService::setRole, which
// refuses non-admins and the demotion of the last active administrator, and audits before/after.
class UserRoleDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UserRoleDialog)
public:
    UserRoleDialog(Services::AuthService &auth, Services::Session actor, const Models::UserRecord &user,
        const QList<Models::ClientRecord> &clients, QWidget *parent = nullptr);
    ~UserRoleDialog() override;

    QString errorText() const;
    void accept() override;

private:
    Services::AuthService &m_auth;
    Services::Session m_actor;
    QString m_username;
    std::unique_ptr<RoleClientFields> m_roleFields;
    QLabel *m_error;
};

} // namespace Callvia::Ui
