#pragma once

#include <models/dberror.h>
#include <models/records.h>
#include <models/tenantscope.h>

#include <QList>
#include <QString>

namespace Callvia::Models {

class Database;

// The append-only audit log (AuditRecord rows). Snapshots never hold secret values or passwords
// (the caller's duty, see Services::AuditLog). A client scope lists only its client's entries.
class AuditRepository final
{
public:
    explicit AuditRepository(Database &database, TenantScope scope);

    DbResult<qint64> insert(const AuditRecord &entry) const;
    // Many entries in set-based statements (Sql::insertRows); each must be in the scope.
    DbError insertMany(const QList<AuditRecord> &entries) const;
    // Newest first; action empty = any.
    DbResult<QList<AuditRecord>> list(const QString &action = {}, int limit = 200) const;

private:
    Database &m_database;
    TenantScope m_scope;
};

} // namespace Callvia::Models
