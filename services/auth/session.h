#pragma once

#include <models/tenantscope.h>

#include <QString>

namespace Callvia::Services {

// The signed-in user and what they may do. Admin: everything (settings, secrets, users).
// Staff: every client's operational data, no secrets, no user management. Client: one client's
// rows only, read-mostly (may confirm shows). Views and services ask this object, never the role.
class Session final
{
public:
    enum class Role { Admin, Staff, Client };

    Session() = default;
    Session(qint64 userId, QString username, Role role, qint64 clientId, bool mustChangePassword = false);
    // The operator of a server (CLI commands, headless start-up): admin rights, no user row.
    static Session system();

    static bool parseRole(const QString &text, Role *role);
    static QString roleName(Role role);

    qint64 userId() const { return m_userId; }
    const QString &username() const { return m_username; }
    Role role() const { return m_role; }
    QString roleName() const { return roleName(m_role); }
    qint64 clientId() const { return m_clientId; } // 0 for agency users
    bool mustChangePassword() const { return m_mustChangePassword; }
    void setMustChangePassword(bool value) { m_mustChangePassword = value; }

    Models::TenantScope scope() const;
    bool canManageUsers() const { return m_role == Role::Admin; }
    bool canSeeSecrets() const { return m_role == Role::Admin; }
    bool canEditSettings() const { return m_role == Role::Admin; }
    bool canEdit() const { return m_role != Role::Client; } // clients, campaigns, leads
    // A client's billing terms (rates, currency, milestones, Stripe customer id): admin only.
    bool canEditBilling() const { return m_role == Role::Admin; }
    // Retrying or cancelling outbound effects (the Admin console's Outbox): admin only.
    bool canManageOutbox() const { return m_role == Role::Admin; }
    bool canConfirmShows() const { return true; }
    bool canAccessClient(qint64 clientId) const { return scope().allows(clientId); }

private:
    qint64 m_userId = 0;
    QString m_username;
    Role m_role = Role::Client;
    qint64 m_clientId = -1; // a default-constructed session sees nothing
    bool m_mustChangePassword = false;
};

} // namespace Callvia::Services
