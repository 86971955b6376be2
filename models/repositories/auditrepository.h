#pragma once

#include <models/dberror.h>
#include <models/records.h>
#include <models/tenantscope.h>

#include <QList>
#include <QString>
#include <QStringList>
#include <QVariantList>

namespace Callvia::Models {

class Database;

// What the audit log view asks for: every field empty/0 = any. Times in ms since epoch, `to`
// exclusive. A client scope adds its own client condition whatever clientId says.
struct AuditFilter
{
    QString username;
    QString action;
    qint64 clientId = 0;
    qint64 from = 0;
    qint64 to = 0;
    int limit = 100;
    int offset = 0;
};

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
    // One page of the filtered log, newest first, and how many entries match in all.
    DbResult<QList<AuditRecord>> page(const AuditFilter &filter) const;
    DbResult<qint64> count(const AuditFilter &filter) const;
    // The distinct actions and user names in the log (for the filters), sorted, at most 500.
    DbResult<QStringList> actions() const;
    DbResult<QStringList> usernames() const;

    // One entity's entries (a lead's edits), oldest first; action empty = any.
    DbResult<QList<AuditRecord>> listFor(const QString &entity, const QString &entityId, const QString &action = {},
                                         int limit = 200) const;

private:
    QString where(const AuditFilter &filter, QVariantList *binds) const;
    DbResult<QStringList> distinct(const QString &column) const;
    DbResult<QList<AuditRecord>> read(const QString &sql, const QVariantList &binds) const;

    Database &m_database;
    TenantScope m_scope;
};

} // namespace Callvia::Models
