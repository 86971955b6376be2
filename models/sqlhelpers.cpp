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

namespace {

// Runs a kept statement (Database::cachedStatement) with these values, positionally.
QSqlQuery *runKept(Database &database, const QString &sql, const QVariantList &binds, DbError *error)
{
    QSqlQuery *query = database.cachedStatement(sql, error);
    if (!query)
        return nullptr;
    for (int i = 0; i < binds.size(); ++i)
        query->bindValue(i, binds.at(i));
    if (!query->exec()) {
        *error = DbError::fromSql(query->lastError());
        query->finish();
        database.noteFailure(*error); // the connection (and its kept statements) is renewed once the fault clears
        return nullptr;
    }
    return query;
}

} // namespace

DbResult<qint64> insertReturningId(Database &database, const QString &sql, const QVariantList &binds)
{
    DbError error;
    QSqlQuery *query = runKept(database, sql, binds, &error);
    if (!query)
        return error;
    const bool row = query->next();
    const qint64 id = row ? query->value(0).toLongLong() : 0;
    query->finish();
    if (!row)
        return DbError(DbError::Other, QStringLiteral("insert returned no id"));
    return id;
}

DbResult<int> execAffected(Database &database, const QString &sql, const QVariantList &binds)
{
    DbError error;
    QSqlQuery *query = runKept(database, sql, binds, &error);
    if (!query)
        return error;
    const int affected = query->numRowsAffected();
    query->finish();
    return affected;
}

DbError forEachRow(Database &database, const QString &sql, const QVariantList &binds,
                   const std::function<void(const QSqlQuery &)> &row)
{
    DbError error;
    QSqlQuery *query = runKept(database, sql, binds, &error);
    if (!query)
        return error;
    while (query->next())
        row(*query);
    error = query->lastError().isValid() ? DbError::fromSql(query->lastError()) : DbError();
    query->finish();
    if (error)
        database.noteFailure(error);
    return error;
}

DbResult<QVariant> firstValue(Database &database, const QString &sql, const QVariantList &binds)
{
    QVariant value;
    bool seen = false;
    if (DbError error = forEachRow(database, sql, binds, [&](const QSqlQuery &q) {
            if (!seen)
                value = q.value(0);
            seen = true;
        }))
        return error;
    return value;
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
