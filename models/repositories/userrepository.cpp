#include "userrepository.h"

#include <models/clock.h>
#include <models/database.h>
#include <models/sqlhelpers.h>

namespace Callvia::Models {

namespace {

const QString selectColumns = QStringLiteral(
    "SELECT id, client_id, username, display_name, role, password_hash, must_change_password, "
    "failed_attempts, locked_until, disabled, last_login_at, created_at, updated_at FROM users ");

UserRecord readUser(const QSqlQuery &q)
{
    UserRecord r;
    r.id = q.value(0).toLongLong();
    r.clientId = q.value(1).toLongLong();
    r.username = q.value(2).toString();
    r.displayName = q.value(3).toString();
    r.role = q.value(4).toString();
    r.passwordHash = q.value(5).toString();
    r.mustChangePassword = q.value(6).toInt() == 1;
    r.failedAttempts = q.value(7).toInt();
    r.lockedUntil = q.value(8).toLongLong();
    r.disabled = q.value(9).toInt() == 1;
    r.lastLoginAt = q.value(10).toLongLong();
    r.createdAt = q.value(11).toLongLong();
    r.updatedAt = q.value(12).toLongLong();
    return r;
}

DbResult<UserRecord> readOne(DbResult<QSqlQuery> q)
{
    if (!q.ok())
        return q.error();
    if (!q.value().next())
        return DbError(DbError::NotFound, QStringLiteral("no such user"));
    return readUser(q.value());
}

} // namespace

UserRepository::UserRepository(Database &database, const Clock &clock)
    : m_database(database)
    , m_clock(clock)
{
}

DbResult<qint64> UserRepository::count() const
{
    DbResult<QSqlQuery> q = Sql::exec(m_database, QStringLiteral("SELECT COUNT(*) FROM users"));
    if (!q.ok())
        return q.error();
    return q.value().next() ? q.value().value(0).toLongLong() : 0;
}

DbResult<qint64> UserRepository::countActiveAdmins() const
{
    DbResult<QSqlQuery> q = Sql::exec(m_database,
        QStringLiteral("SELECT COUNT(*) FROM users WHERE role = ? AND disabled = 0"), { QStringLiteral("admin") });
    if (!q.ok())
        return q.error();
    return q.value().next() ? q.value().value(0).toLongLong() : 0;
}

DbResult<qint64> UserRepository::lockActiveAdmins() const
{
    const QString sql = QStringLiteral("SELECT id FROM users WHERE role = ? AND disabled = 0")
        + (m_database.isSqlite() ? QString() : QStringLiteral(" FOR UPDATE"));
    DbResult<QSqlQuery> q = Sql::exec(m_database, sql, { QStringLiteral("admin") });
    if (!q.ok())
        return q.error();
    qint64 admins = 0;
    while (q.value().next())
        ++admins;
    return admins;
}

DbResult<QList<UserRecord>> UserRepository::list() const
{
    DbResult<QSqlQuery> q = Sql::exec(m_database, selectColumns + QStringLiteral("ORDER BY lower(username)"));
    if (!q.ok())
        return q.error();
    QList<UserRecord> users;
    while (q.value().next())
        users << readUser(q.value());
    return users;
}

DbResult<UserRecord> UserRepository::find(qint64 id) const
{
    return readOne(Sql::exec(m_database, selectColumns + QStringLiteral("WHERE id = ?"), { id }));
}

DbResult<UserRecord> UserRepository::findByUsername(const QString &username) const
{
    return readOne(Sql::exec(m_database, selectColumns + QStringLiteral("WHERE lower(username) = lower(?)"),
        { username.trimmed() }));
}

DbResult<qint64> UserRepository::insert(const UserRecord &r) const
{
    const qint64 now = m_clock.nowMs();
    return Sql::insertReturningId(m_database,
        QStringLiteral("INSERT INTO users (client_id, username, display_name, role, password_hash, "
                       "must_change_password, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                       "RETURNING id"),
        { Sql::nullIfZero(r.clientId), r.username.trimmed(), Sql::nullIfEmpty(r.displayName), r.role,
            r.passwordHash, r.mustChangePassword ? 1 : 0, now, now });
}

DbError UserRepository::updateOne(const QString &sql, const QVariantList &binds) const
{
    DbResult<int> n = Sql::execAffected(m_database, sql, binds);
    if (!n.ok())
        return n.error();
    return n.value() == 1 ? DbError() : DbError(DbError::NotFound, QStringLiteral("no such user"));
}

DbError UserRepository::setPasswordHash(qint64 id, const QString &hash, bool mustChange) const
{
    return updateOne(QStringLiteral("UPDATE users SET password_hash = ?, must_change_password = ?, "
                                    "failed_attempts = 0, locked_until = NULL, updated_at = ? WHERE id = ?"),
        { hash, mustChange ? 1 : 0, m_clock.nowMs(), id });
}

DbError UserRepository::recordFailure(qint64 id, int failedAttempts, qint64 lockedUntil) const
{
    return updateOne(QStringLiteral("UPDATE users SET failed_attempts = ?, locked_until = ?, updated_at = ? "
                                    "WHERE id = ?"),
        { failedAttempts, Sql::nullIfZero(lockedUntil), m_clock.nowMs(), id });
}

DbResult<int> UserRepository::countAttempt(qint64 id, qint64 nowMs) const
{
    DbResult<QSqlQuery> q = Sql::exec(
        m_database,
        QStringLiteral("UPDATE users SET failed_attempts = failed_attempts + 1, updated_at = ? "
                       "WHERE id = ? AND (locked_until IS NULL OR locked_until <= ?) RETURNING failed_attempts"),
        { m_clock.nowMs(), id, nowMs });
    if (!q.ok())
        return q.error();
    return q.value().next() ? q.value().value(0).toInt() : 0;
}

DbError UserRepository::extendLock(qint64 id, qint64 lockedUntil) const
{
    return Sql::exec(m_database,
        QStringLiteral("UPDATE users SET locked_until = ?, updated_at = ? WHERE id = ? "
                       "AND (locked_until IS NULL OR locked_until < ?)"),
        { lockedUntil, m_clock.nowMs(), id, lockedUntil })
        .error();
}

DbError UserRepository::recordSuccess(qint64 id) const
{
    const qint64 now = m_clock.nowMs();
    return updateOne(
        QStringLiteral("UPDATE users SET failed_attempts = 0, locked_until = NULL, last_login_at = ?, "
                       "updated_at = ? WHERE id = ?"),
        { now, now, id });
}

DbError UserRepository::setDisabled(qint64 id, bool disabled) const
{
    return updateOne(QStringLiteral("UPDATE users SET disabled = ?, updated_at = ? WHERE id = ?"),
        { disabled ? 1 : 0, m_clock.nowMs(), id });
}

DbError UserRepository::setRole(qint64 id, const QString &role, qint64 clientId) const
{
    return updateOne(QStringLiteral("UPDATE users SET role = ?, client_id = ?, updated_at = ? WHERE id = ?"),
        { role, Sql::nullIfZero(clientId), m_clock.nowMs(), id });
}

DbResult<QString> UserRepository::loginName(const QString &username) const
{
    if (m_database.isSqlite())
        return QString();
    DbResult<QSqlQuery> q = Sql::exec(m_database, QStringLiteral("SELECT callvia_login_name(?)"), { username });
    if (!q.ok())
        return q.error();
    return q.value().next() ? q.value().value(0).toString() : QString();
}

DbResult<UserRecord> UserRepository::findCurrentLogin() const
{
    if (m_database.isSqlite())
        return DbError(DbError::NotFound, QStringLiteral("no such user"));
    return readOne(Sql::exec(m_database, selectColumns
                                     + QStringLiteral("WHERE id = (SELECT user_id FROM callvia_logins "
                                                      "WHERE role_name = current_user::TEXT)")));
}

DbError UserRepository::syncLogin(qint64 id, const QString &scramVerifier) const
{
    if (m_database.isSqlite())
        return {};
    DbResult<QSqlQuery> q = Sql::exec(m_database, QStringLiteral("SELECT callvia_sync_login(?, ?)"),
                                      { id, Sql::nullIfEmpty(scramVerifier) });
    return q.ok() ? DbError() : q.error();
}

DbError UserRepository::setOwnPassword(const QString &hash, const QString &scramVerifier) const
{
    if (m_database.isSqlite())
        return {};
    DbResult<QSqlQuery> q = Sql::exec(m_database, QStringLiteral("SELECT callvia_set_own_password(?, ?, ?)"),
                                      { hash, scramVerifier, m_clock.nowMs() });
    return q.ok() ? DbError() : q.error();
}

} // namespace Callvia::Models
