#pragma once

#include "database.h"
#include "dberror.h"
#include "tenantscope.h"

#include <QSqlQuery>
#include <QString>
#include <QVariant>
#include <QVariantList>

#include <functional>

// Small helpers shared by the repositories: prepared statements with positional binds,
// NULL mapping for "unset" record fields, and the tenant filter.
namespace Callvia::Models::Sql {

// Prepares and executes `sql` on the current thread's connection with positional '?' binds.
DbResult<QSqlQuery> exec(Database &database, const QString &sql, const QVariantList &binds = {});

// Executes one statement without preparing or binding (SAVEPOINT, RELEASE, SET LOCAL ...) on
// the current thread's connection. A failure is noted like exec's, so a dead connection is
// reopened once the fault clears.
DbError execUnprepared(Database &database, const QString &sql);

// Like exec, for INSERT ... RETURNING id: the new row's id.
DbResult<qint64> insertReturningId(Database &database, const QString &sql, const QVariantList &binds);

// Number of rows an UPDATE/DELETE touched.
DbResult<int> execAffected(Database &database, const QString &sql, const QVariantList &binds = {});

// Runs a kept statement (prepared once per connection, Database::cachedStatement) and hands each
// result row to `row`; the statement is finished before this returns. For statements a hot path
// runs thousands of times (parsing and planning cost more than the look-up; on PostgreSQL it saves
// the PREPARE and DEALLOCATE round trips). `row` copies what it needs and must not run the same
// SQL text again.
DbError forEachRow(Database &database, const QString &sql, const QVariantList &binds,
                   const std::function<void(const QSqlQuery &)> &row);

// The first column of the first row of a kept statement (forEachRow); an invalid QVariant when
// the statement returned no row.
DbResult<QVariant> firstValue(Database &database, const QString &sql, const QVariantList &binds = {});

// Set-based statements over many rows with few distinct SQL texts, so that kept statements are
// reused: rows to insert go in chunks of 64, then 8, then 1; IN lists are padded to one of these.
inline constexpr int ChunkWidths[] = { 64, 8, 1 };

// The width of an IN list for `left` more values: the smallest ChunkWidths entry that holds them
// all, else the largest (the rest go in the next chunk). The list is padded with NULL.
int paddedWidth(qsizetype left);

// "?, ?, ?" (n placeholders).
QString placeholders(int n);

// INSERT of many rows: `head` is "INSERT INTO t (a, b, c) VALUES ", each row holds one value per
// column; the rows go in multi-row statements of ChunkWidths rows on kept statements. Returns the
// number of rows inserted (an ON CONFLICT DO NOTHING may insert fewer).
DbResult<int> insertRows(Database &database, const QString &head, int columns, const QList<QVariantList> &rows,
                         const QString &tail = QString());

// Runs `sql` (holding "%IN%" where a list of ChunkWidths placeholders goes) once per chunk of
// `values`, with `before` bound ahead of the chunk and `after` behind it; the chunk is padded
// with NULL (which no IN matches) up to the width. Returns the total of rows changed.
DbResult<int> execForChunks(Database &database, const QString &sql, const QVariantList &before,
                            const QVariantList &values, const QVariantList &after = {});

// forEachRow for each chunk of `values`, as execForChunks.
DbError forEachRowInChunks(Database &database, const QString &sql, const QVariantList &before,
                           const QVariantList &values, const QVariantList &after,
                           const std::function<void(const QSqlQuery &)> &row);

inline QVariant nullIfEmpty(const QString &value)
{
    return value.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(value);
}
inline QVariant nullIfZero(qint64 value)
{
    return value == 0 ? QVariant(QMetaType::fromType<qint64>()) : QVariant(value);
}
inline QVariant nullIfNegative(qint64 value)
{
    return value < 0 ? QVariant(QMetaType::fromType<qint64>()) : QVariant(value);
}

// " AND <column> = <client id>" for a client scope, "" for the agency. The id is an integer
// we own (never user text), so inlining it keeps statements preparable once per scope.
QString scopeClause(const TenantScope &scope, const QString &column = QStringLiteral("client_id"));

// DbError for a row the scope may not touch (reported as NotFound so ids do not leak).
DbError outOfScope();
// A client scope reads its client's rows but may not change `what` (repositories of agency-managed
// data: clients, campaigns, provider ids). Services check roles first; this is defence in depth.
DbError readOnlyScope(const QString &what);

} // namespace Callvia::Models::Sql
