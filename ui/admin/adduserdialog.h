#pragma once

#include <models/records.h>
#include <services/auth/session.h>

#include <QDialog>

#include <memory>

class QCheckBox;
class QLabel;
class QLineEdit;

namespace Callvia::Services {
class AuthService;
}

namespace Callvia::Ui {

class RoleClientFields;

// Admin console: creates a user through AuthService::createUser (which checks the acting
// session, the password policy and the role/client pair, and writes the audit entry). On a bad
// field the dialog stays open and names it ("User name: already taken").
class AddUserDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AddUserDialog)
public:
    AddUserDialog(Services::AuthService &auth, Services::Session actor,
        const QList<Models::ClientRecord> &clients, QWidget *parent = nullptr);
    ~AddUserDialog() override;

    qint64 createdId() const { return m_createdId; }
    QString username() const;
    QString errorText() const;
    void accept() override;

private:
    Services::AuthService &m_auth;
    Services::Session m_actor;
    std::unique_ptr<RoleClientFields> m_roleFields;
    QLineEdit *m_username;
    QLineEdit *m_displayName;
    QLineEdit *m_password;
    QLineEdit *m_confirm;
    QCheckBox *m_mustChange;
    QLabel *m_error;
    qint64 m_createdId = 0;
};

} // namespace Callvia::Ui
