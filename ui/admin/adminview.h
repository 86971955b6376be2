#pragma once

#include <models/records.h>
#include <services/auth/passwordhasher.h>
#include <services/auth/session.h>

#include <QWidget>

#include <memory>

class QLabel;
class QPushButton;
class QTabWidget;
class QTableWidget;

namespace Callvia::Models {
class Clock;
class Database;
}

namespace Callvia::Services {
class AuthService;
class SecretCipher;
class SecretStore;
class ServiceThread;
}

namespace Callvia::Ui {

class AuditLogView;
class EventsBox;

// The Admin section (administrators only): users (add, change role/client, disable/enable,
// reset password, each in a dialog) and provider secrets shown masked with a "Set…" action on
// the first tab, the webhook journal (EventsBox: filters, raw body, replay) and the paged audit
// log (AuditLogView) on their own tabs. Owns its AuthService and SecretStore; every change goes through
// them, which check the acting session and write the audit log (the view only hides buttons).
class AdminView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AdminView)
public:
    enum UserColumn {
        UserNameColumn,
        FullNameColumn,
        RoleColumn,
        ClientColumn,
        DisabledColumn,
        LockedUntilColumn,
        MustChangeColumn,
        LastSignInColumn,
        UserColumnCount
    };

    AdminView(Models::Database &database, const Models::Clock &clock, const Services::SecretCipher *cipher,
        Services::Session session, QWidget *parent = nullptr,
        int hashIterations = Services::PasswordHasher::DefaultIterations);
    ~AdminView() override;

    // The actions behind the buttons (the buttons ask with input dialogs). Empty = done,
    // otherwise the message also shown in the view.
    QString setSecret(const QString &key, const QString &value);
    QString toggleDisabled(const QString &username);
    QString resetPassword(const QString &username, const QString &temporary);
    void reload();
    // Another admin section (the Outbox) as a tab beside users, secrets and audit; takes ownership.
    void addSection(QWidget *section, const QString &title);
    // Selects the user's row (tests, and keeping the selection across reloads).
    void selectUser(const QString &username);
    // The dialogs behind "Add user…", "Change role/client…" and "Reset password…" (modal).
    void askAdd();
    void askRole();
    void askReset();

    QTableWidget *usersTable() const { return m_users; }
    QTableWidget *secretsTable() const { return m_secrets; }
    QTableWidget *auditTable() const;
    AuditLogView *auditLog() const { return m_auditLog; }
    QTabWidget *sections() const { return m_sections; }
    // The journal and the audit log read on this thread from now on.
    void setReader(Services::ServiceThread *reader);
    EventsBox *eventsBox() const { return m_events; }
    QString messageText() const;

private:
    QWidget *buildUsersBox();
    QWidget *buildSecretsBox();
    void reloadUsers();
    void askSecret();
    void askToggle();
    void selectionChanged();
    QString selectedUser() const;
    const Models::UserRecord *selectedRecord() const;
    QString report(const QString &message); // empty = "Done.", otherwise shown as an error
    void notify(const QString &text); // a success worth a sentence

    Models::Database &m_database;
    const Models::Clock &m_clock;
    Services::Session m_session;
    std::unique_ptr<Services::AuthService> m_auth;
    std::unique_ptr<Services::SecretStore> m_store; // null without a secrets key
    QList<Models::UserRecord> m_userRecords; // rows of m_users, in order
    QList<Models::ClientRecord> m_clients;
    QTableWidget *m_users = nullptr;
    QPushButton *m_toggle = nullptr;
    QPushButton *m_role = nullptr;
    QPushButton *m_reset = nullptr;
    QTableWidget *m_secrets = nullptr;
    AuditLogView *m_auditLog = nullptr;
    EventsBox *m_events = nullptr;
    QLabel *m_message = nullptr;
    QTabWidget *m_sections = nullptr;
};

} // namespace Callvia::Ui
