#include "auditrepository.h"

#include <models/database.h>
#include <models/sqlhelpers.h>

#include <QSqlQuery>

namespace Callvia::Models {

AuditRepository::AuditRepository(Database &database, TenantScope scope)
    : m_database(database)
    , m_scope(scope)
{
}

DbResult<qint64> AuditRepository::insert(const AuditRecord &e) const
{
    if (e.action.isEmpty())
        return DbError(DbError::Invalid, QStringLiteral("audit action: must not be empty"));
    if (!m_scope.isAgency() && e.clientId != m_scope.clientId())
        return Sql::outOfScope();
    return Sql::insertReturningId(m_database,
        QStringLiteral("INSERT INTO audit_log (user_id, username, client_id, action, entity, entity_id, "
                       "before_json, after_json, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"),
        { Sql::nullIfZero(e.userId), Sql::nullIfEmpty(e.username), Sql::nullIfZero(e.clientId), e.action,
            Sql::nullIfEmpty(e.entity), Sql::nullIfEmpty(e.entityId), Sql::nullIfEmpty(e.beforeJson),
            Sql::nullIfEmpty(e.afterJson), e.at });
}

DbError AuditRepository::insertMany(const QList<AuditRecord> &entries) const
{
    QList<QVariantList> rows;
    rows.reserve(entries.size());
    for (const AuditRecord &e : entries) {
        if (e.action.isEmpty())
            return DbError(DbError::Invalid, QStringLiteral("audit action: must not be empty"));
        if (!m_scope.isAgency() && e.clientId != m_scope.clientId())
            return Sql::outOfScope();
        rows << QVariantList { Sql::nullIfZero(e.userId), Sql::nullIfEmpty(e.username), Sql::nullIfZero(e.clientId),
                               e.action, Sql::nullIfEmpty(e.entity), Sql::nullIfEmpty(e.entityId),
                               Sql::nullIfEmpty(e.beforeJson), Sql::nullIfEmpty(e.afterJson), e.at };
    }
    DbResult<int> n = Sql::insertRows(m_database,
                                      QStringLiteral("INSERT INTO audit_log (user_id, username, client_id, action, entity, "
                                                     "entity_id, before_json, after_json, at) VALUES "),
                                      9, rows);
    return n.ok() ? DbError() : n.error();
}

namespace {

AuditRecord readAudit(const QSqlQuery &r)
{
    return AuditRecord { r.value(0).toLongLong(), r.value(1).toLongLong(), r.value(2).toString(),
        r.value(3).toLongLong(), r.value(4).toString(), r.value(5).toString(), r.value(6).toString(),
        r.value(7).toString(), r.value(8).toString(), r.value(9).toLongLong() };
}

} // namespace

QString AuditRepository::where(const AuditFilter &filter, QVariantList *binds) const
{
    QString sql = QStringLiteral(" WHERE 1 = 1") + Sql::scopeClause(m_scope);
    if (!filter.username.isEmpty()) {
        sql += QStringLiteral(" AND username = ?");
        *binds << filter.username;
    }
    if (!filter.action.isEmpty()) {
        sql += QStringLiteral(" AND action = ?");
        *binds << filter.action;
    }
    if (filter.clientId != 0) {
        sql += QStringLiteral(" AND client_id = ?");
        *binds << filter.clientId;
    }
    if (filter.from > 0) {
        sql += QStringLiteral(" AND at >= ?");
        *binds << filter.from;
    }
    if (filter.to > 0) {
        sql += QStringLiteral(" AND at < ?");
        *binds << filter.to;
    }
    return sql;
}

DbResult<QList<AuditRecord>> AuditRepository::page(const AuditFilter &filter) const
{
    QVariantList binds;
    const QString sql = QStringLiteral("SELECT id, user_id, username, client_id, action, entity, entity_id, "
                                       "before_json, after_json, at FROM audit_log")
        + where(filter, &binds) + QStringLiteral(" ORDER BY at DESC, id DESC LIMIT ? OFFSET ?");
    binds << filter.limit << filter.offset;
    return read(sql, binds);
}

DbResult<qint64> AuditRepository::count(const AuditFilter &filter) const
{
    QVariantList binds;
    DbResult<QSqlQuery> q
        = Sql::exec(m_database, QStringLiteral("SELECT COUNT(*) FROM audit_log") + where(filter, &binds), binds);
    if (!q.ok())
        return q.error();
    return q.value().next() ? q.value().value(0).toLongLong() : 0;
}

DbResult<QStringList> AuditRepository::distinct(const QString &column) const
{
    DbResult<QSqlQuery> q = Sql::exec(m_database,
        QStringLiteral("SELECT DISTINCT %1 FROM audit_log WHERE %1 IS NOT NULL").arg(column)
            + Sql::scopeClause(m_scope) + QStringLiteral(" ORDER BY %1 LIMIT 500").arg(column));
    if (!q.ok())
        return q.error();
    QStringList values;
    while (q.value().next())
        values << q.value().value(0).toString();
    return values;
}

DbResult<QStringList> AuditRepository::actions() const { return distinct(QStringLiteral("action")); }

DbResult<QStringList> AuditRepository::usernames() const { return distinct(QStringLiteral("username")); }

DbResult<QList<AuditRecord>> AuditRepository::list(const QString &action, int limit) const
{
    QString sql
        = QStringLiteral("SELECT id, user_id, username, client_id, action, entity, entity_id, before_json, "
                         "after_json, at FROM audit_log WHERE 1 = 1")
        + Sql::scopeClause(m_scope);
    QVariantList binds;
    if (!action.isEmpty()) {
        sql += QStringLiteral(" AND action = ?");
        binds << action;
    }
    sql += QStringLiteral(" ORDER BY at DESC, id DESC LIMIT ?");
    binds << limit;
    return read(sql, binds);
}

DbResult<QList<AuditRecord>> AuditRepository::listFor(const QString &entity, const QString &entityId,
                                                      const QString &action, int limit) const
{
    // audit_log_entity (migration 022) serves the lookup and the order.
    QString sql
        = QStringLiteral("SELECT id, user_id, username, client_id, action, entity, entity_id, before_json, "
                         "after_json, at FROM audit_log WHERE entity = ? AND entity_id = ?")
        + Sql::scopeClause(m_scope);
    QVariantList binds { entity, entityId };
    if (!action.isEmpty()) {
        sql += QStringLiteral(" AND action = ?");
        binds << action;
    }
    sql += QStringLiteral(" ORDER BY at, id LIMIT ?");
    binds << limit;
    return read(sql, binds);
}

DbResult<QList<AuditRecord>> AuditRepository::read(const QString &sql, const QVariantList &binds) const
{
    DbResult<QSqlQuery> q = Sql::exec(m_database, sql, binds);
    if (!q.ok())
        return q.error();
    QList<AuditRecord> entries;
    while (q.value().next())
        entries << readAudit(q.value());
    return entries;
}

} // namespace Callvia::Models
