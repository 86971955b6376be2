#pragma once

#include <QDialog>

class QLabel;
class QLineEdit;

namespace Callvia::Services {
class AuthService;
class Session;
}

namespace Callvia::Ui {

// Sets a new password for the signed-in user (required after an admin reset).
class ChangePasswordDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChangePasswordDialog)
public:
    ChangePasswordDialog(Services::AuthService &auth, Services::Session &session, QWidget *parent = nullptr);

    QString errorText() const;
    void accept() override;

private:
    Services::AuthService &m_auth;
    Services::Session &m_session;
    QLineEdit *m_current;
    QLineEdit *m_password;
    QLineEdit *m_confirm;
    QLabel *m_error;
};

} // namespace Callvia::Ui
