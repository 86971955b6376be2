#pragma once

#include <services/auth/session.h>

#include <QWidget>

#include <memory>

class QLabel;
class QTableWidget;

namespace Callvia::Models {
class Clock;
class Database;
}

namespace Callvia::Services {
class AuthService;
class SecretCipher;
class SecretStore;
}

namespace Callvia::Ui {

// The Admin section (administrators only): users with disable/enable and password reset,
// provider secrets shown masked with a "Set…" action, and the latest audit log entries.
// Owns its AuthService and SecretStore; every change goes through them (and is audited).
class AdminView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AdminView)
public:
    AdminView(Models::Database &database, const Models::Clock &clock, const Services::SecretCipher *cipher,
        Services::Session session, QWidget *parent = nullptr);
    ~AdminView() override;

    // The actions behind the buttons (the buttons ask with input dialogs). Empty = done,
    // otherwise the message also shown in the view.
    QString setSecret(const QString &key, const QString &value);
    QString toggleDisabled(const QString &username);
    QString resetPassword(const QString &username, const QString &temporary);
    void reload();

    QTableWidget *usersTable() const { return m_users; }
    QTableWidget *secretsTable() const { return m_secrets; }
    QTableWidget *auditTable() const { return m_audit; }
    QString messageText() const;

private:
    QWidget *buildUsersBox();
    QWidget *buildSecretsBox();
    void askSecret();
    void askReset();
    void askToggle();
    QString selectedUser() const;
    QString report(const QString &message);

    Models::Database &m_database;
    const Models::Clock &m_clock;
    Services::Session m_session;
    std::unique_ptr<Services::AuthService> m_auth;
    std::unique_ptr<Services::SecretStore> m_store; // null without a secrets key
    QTableWidget *m_users = nullptr;
    QTableWidget *m_secrets = nullptr;
    QTableWidget *m_audit = nullptr;
    QLabel *m_message = nullptr;
};

} // namespace Callvia::Ui
