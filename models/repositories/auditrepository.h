#pragma once

#include <models/dberror.h>
#include <models/records.h>
#include <models/tenantscope.h>

#include <QList>
#include <QString>
#include <QVariantList>

namespace Callvia::Models {

class Database;

// The append-only audit log (AuditRecord rows). Snapshots never hold secret values or passwords
// (the caller's duty, see Services::AuditLog). A client scope lists only its client's entries.
class AuditRepository final
{
public:
    explicit AuditRepository(Database &database, TenantScope scope);

    DbResult<qint64> insert(const AuditRecord &entry) const;
    // Newest first; action empty = any.
    DbResult<QList<AuditRecord>> list(const QString &action = {}, int limit = 200) const;
    // One entity's entries (a lead's edits), oldest first; action empty = any.
    DbResult<QList<AuditRecord>> listFor(const QString &entity, const QString &entityId, const QString &action = {},
                                         int limit = 200) const;

private:
    DbResult<QList<AuditRecord>> read(const QString &sql, const QVariantList &binds) const;

    Database &m_database;
    TenantScope m_scope;
};

} // namespace Callvia::Models
