#include "session.h"

namespace Callvia::Services {

Session::Session(qint64 userId, QString username, Role role, qint64 clientId, bool mustChangePassword)
    : m_userId(userId)
    , m_username(std::move(username))
    , m_role(role)
    , m_clientId(role == Role::Client ? clientId : 0)
    , m_mustChangePassword(mustChangePassword)
{
}

Session Session::system() { return Session(0, QStringLiteral("system"), Role::Admin, 0); }

bool Session::parseRole(const QString &text, Role *role)
{
    if (text == QLatin1String("admin"))
        *role = Role::Admin;
    else if (text == QLatin1String("staff"))
        *role = Role::Staff;
    else if (text == QLatin1String("client"))
        *role = Role::Client;
    else
        return false;
    return true;
}

QString Session::roleName(Role role)
{
    switch (role) {
    case Role::Admin:
        return QStringLiteral("admin");
    case Role::Staff:
        return QStringLiteral("staff");
    case Role::Client:
        return QStringLiteral("client");
    }
    return {};
}

Models::TenantScope Session::scope() const
{
    // -1 never matches a client id: an unset session sees no client-owned row.
    return m_role == Role::Client ? Models::TenantScope::client(m_clientId) : Models::TenantScope::agency();
}

} // namespace Callvia::Services
