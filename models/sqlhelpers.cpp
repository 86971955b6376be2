#include "sqlhelpers.h"

#include <QSqlError>

namespace Callvia::Models::Sql {

DbResult<QSqlQuery> exec(Database &database, const QString &sql, const QVariantList &binds)
{
    QSqlDatabase db = database.connection();
    if (!db.isOpen()) {
        if (DbError error = database.open())
            return error;
    }
    QSqlQuery query(db);
    query.setForwardOnly(true);
    bool ok = query.prepare(sql);
    if (ok) {
        for (const QVariant &value : binds)
            query.addBindValue(value);
        ok = query.exec();
    }
    if (!ok) {
        const DbError error = DbError::fromSql(query.lastError());
        database.noteFailure(error); // the connection is reopened once the fault clears
        return error;
    }
    return query;
}

DbError execUnprepared(Database &database, const QString &sql)
{
    QSqlQuery query(database.connection());
    if (query.exec(sql))
        return {};
    DbError error = DbError::fromSql(query.lastError());
    if (!error)
        error = DbError(DbError::Other, sql + QStringLiteral(" failed"));
    database.noteFailure(error);
    return error;
}

DbResult<qint64> insertReturningId(Database &database, const QString &sql, const QVariantList &binds)
{
    DbResult<QSqlQuery> result = exec(database, sql, binds);
    if (!result.ok())
        return result.error();
    if (!result.value().next())
        return DbError(DbError::Other, QStringLiteral("insert returned no id"));
    return result.value().value(0).toLongLong();
}

DbResult<int> execAffected(Database &database, const QString &sql, const QVariantList &binds)
{
    DbResult<QSqlQuery> result = exec(database, sql, binds);
    if (!result.ok())
        return result.error();
    return result.value().numRowsAffected();
}

QString scopeClause(const TenantScope &scope, const QString &column)
{
    if (scope.isAgency())
        return {};
    return QStringLiteral(" AND ") + column + QStringLiteral(" = ") + QString::number(scope.clientId());
}

DbError outOfScope()
{
    return { DbError::NotFound, QStringLiteral("no such record") };
}

DbError readOnlyScope(const QString &what)
{
    return { DbError::Invalid, QStringLiteral("Permission denied: a client user cannot change %1").arg(what) };
}

} // namespace Callvia::Models::Sql
