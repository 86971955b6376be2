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

int paddedWidth(qsizetype left)
{
    int smallest = ChunkWidths[0];
    for (int width : ChunkWidths) {
        if (width >= left)
            smallest = width;
    }
    return smallest;
}

QString placeholders(int n)
{
    QString text;
    text.reserve(n * 3);
    for (int i = 0; i < n; ++i)
        text += i == 0 ? QStringLiteral("?") : QStringLiteral(", ?");
    return text;
}

namespace {

// The width of the next chunk of `left` values. Without padding (rows to insert): the largest
// ChunkWidths entry that fits. With padding (an IN list): the smallest that holds them all, else
// the largest.
int chunkWidth(qsizetype left, bool pad)
{
    if (!pad) {
        for (int width : ChunkWidths) {
            if (width <= left)
                return width;
        }
        return 1;
    }
    return paddedWidth(left);
}

// Calls `each(at, width, taken)` for consecutive chunks of `count` items.
template<typename Each>
DbError forChunks(qsizetype count, bool pad, Each each)
{
    for (qsizetype at = 0; at < count;) {
        const int width = chunkWidth(count - at, pad);
        const qsizetype taken = qMin<qsizetype>(width, count - at);
        if (DbError error = each(at, width, taken))
            return error;
        at += taken;
    }
    return {};
}

} // namespace

DbResult<int> insertRows(Database &database, const QString &head, int columns, const QList<QVariantList> &rows,
                         const QString &tail)
{
    const QString row = QLatin1Char('(') + placeholders(columns) + QLatin1Char(')');
    int inserted = 0;
    if (DbError error = forChunks(rows.size(), false, [&](qsizetype at, int width, qsizetype taken) -> DbError {
            Q_UNUSED(width)
            QString sql = head;
            QVariantList binds;
            binds.reserve(taken * columns);
            for (qsizetype i = 0; i < taken; ++i) {
                sql += i == 0 ? row : QStringLiteral(", ") + row;
                Q_ASSERT(rows.at(at + i).size() == columns);
                binds += rows.at(at + i);
            }
            DbResult<int> n = execAffected(database, sql + tail, binds);
            if (!n.ok())
                return n.error();
            inserted += n.value();
            return {};
        }))
        return error;
    return inserted;
}

namespace {

QVariantList chunkBinds(const QVariantList &before, const QVariantList &values, qsizetype at, int width,
                        qsizetype taken, const QVariantList &after)
{
    QVariantList binds = before;
    binds.reserve(before.size() + width + after.size());
    for (qsizetype i = 0; i < width; ++i)
        binds << (i < taken ? values.at(at + i) : QVariant());
    binds += after;
    return binds;
}

} // namespace

DbResult<int> execForChunks(Database &database, const QString &sql, const QVariantList &before,
                            const QVariantList &values, const QVariantList &after)
{
    int changed = 0;
    if (DbError error = forChunks(values.size(), true, [&](qsizetype at, int width, qsizetype taken) -> DbError {
            QString text = sql;
            DbResult<int> n = execAffected(database, text.replace(QStringLiteral("%IN%"), placeholders(width)),
                                           chunkBinds(before, values, at, width, taken, after));
            if (!n.ok())
                return n.error();
            changed += n.value();
            return {};
        }))
        return error;
    return changed;
}

DbError forEachRowInChunks(Database &database, const QString &sql, const QVariantList &before,
                           const QVariantList &values, const QVariantList &after,
                           const std::function<void(const QSqlQuery &)> &row)
{
    return forChunks(values.size(), true, [&](qsizetype at, int width, qsizetype taken) -> DbError {
        QString text = sql;
        return forEachRow(database, text.replace(QStringLiteral("%IN%"), placeholders(width)),
                          chunkBinds(before, values, at, width, taken, after), row);
    });
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
