#pragma once

#include <services/auth/authservice.h>

#include <QDialog>

#include <optional>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
template <typename T> class QFutureWatcher;

namespace Callvia::Ui {

// Asks for a user name and password and signs in through AuthService on a worker thread (the
// hash takes ~0.3 s). Accepts with a Session; the last user name is remembered in QSettings,
// the password never is.
class LoginDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LoginDialog)
public:
    static inline const QString LastUserKey = QStringLiteral("login/lastUser");

    explicit LoginDialog(Services::AuthService &auth, QWidget *parent = nullptr);
    ~LoginDialog() override;

    const std::optional<Services::Session> &session() const { return m_session; }
    QString errorText() const;
    bool isBusy() const;

Q_SIGNALS:
    void attemptFinished(int status); // Services::SignInResult::Status

private:
    void attempt();
    void finish();

    Services::AuthService &m_auth;
    QLineEdit *m_username;
    QLineEdit *m_password;
    QLabel *m_error;
    QDialogButtonBox *m_buttons;
    QFutureWatcher<Services::SignInResult> *m_watcher;
    std::optional<Services::Session> m_session;
};

} // namespace Callvia::Ui
