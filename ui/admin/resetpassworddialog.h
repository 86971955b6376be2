#pragma once

#include <services/auth/session.h>

#include <QDialog>

class QLabel;
class QLineEdit;

namespace Callvia::Services {
class AuthService;
}

namespace Callvia::Ui {

// Admin console: sets a temporary password (typed twice, same policy as everywhere) through
// AuthService::resetPassword; the user must change it at the next sign-in. Audited, never the
// password itself.
class ResetPasswordDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ResetPasswordDialog)
public:
    ResetPasswordDialog(Services::AuthService &auth, Services::Session actor, const QString &username,
        QWidget *parent = nullptr);

    QString errorText() const;
    void accept() override;

private:
    Services::AuthService &m_auth;
    Services::Session m_actor;
    QString m_username;
    QLineEdit *m_password;
    QLineEdit *m_confirm;
    QLabel *m_error;
};

} // namespace Callvia::Ui
