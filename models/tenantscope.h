#pragma once

#include <QtGlobal>

namespace Callvia::Models {

// Whose rows a repository may see and change. Agency scope sees every client; a client scope
// sees only rows whose client_id matches. Every repository that reads or writes client-owned
// rows is constructed with a scope and applies it in its SQL (via scopeClause in sqlhelpers.h),
// so a view cannot forget to filter.
class TenantScope
{
public:
    static TenantScope agency() { return TenantScope(0); }
    static TenantScope client(qint64 clientId) { return TenantScope(clientId); }

    bool isAgency() const { return m_clientId == 0; }
    qint64 clientId() const { return m_clientId; }
    bool allows(qint64 clientId) const { return isAgency() || clientId == m_clientId; }

private:
    explicit TenantScope(qint64 clientId) : m_clientId(clientId) { }
    qint64 m_clientId;
};

} // namespace Callvia::Models
