#pragma once

#include <services/auth/session.h>

#include <QDialog>

#include <optional>

class QLabel;
class QLineEdit;

namespace Callvia::Services {
class AuthService;
}

namespace Callvia::Ui {

// First run: no user exists yet, so this dialog creates the first administrator (name and a
// password typed twice, checked against the password policy). There is no default password.
// The new administrator is signed in at once: session() holds it after accept.
class SetupDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SetupDialog)
public:
    explicit SetupDialog(Services::AuthService &auth, QWidget *parent = nullptr);

    QString username() const;
    const std::optional<Services::Session> &session() const { return m_session; }
    QString errorText() const;
    void accept() override;

private:
    Services::AuthService &m_auth;
    QLineEdit *m_username;
    QLineEdit *m_password;
    QLineEdit *m_confirm;
    QLabel *m_error;
    std::optional<Services::Session> m_session;
};

} // namespace Callvia::Ui
