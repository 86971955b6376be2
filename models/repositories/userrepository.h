#pragma once

#include <models/dberror.h>
#include <models/records.h>

#include <QList>
#include <QString>

namespace Callvia::Models {

class Clock;
class Database;

// The users table. Users are agency data (not client-owned), so this repository takes no
// TenantScope: only the auth services use it, and they check the caller's permissions.
class UserRepository final
{
public:
    UserRepository(Database &database, const Clock &clock);

    DbResult<qint64> count() const;
    // Users with role admin who are not disabled (the last one may not be disabled or demoted).
    DbResult<qint64> countActiveAdmins() const;
    // The same count, with the active administrators' rows locked until the caller's transaction
    // ends (SELECT ... FOR UPDATE on PostgreSQL; on SQLite the caller's Transaction::Mode::Immediate
    // holds the write lock already). Call first in that transaction, before reading the user to
    // disable or demote: a concurrent demotion then waits, or has committed and is seen.
    DbResult<qint64> lockActiveAdmins() const;
    DbResult<QList<UserRecord>> list() const;
    DbResult<UserRecord> find(qint64 id) const;
    DbResult<UserRecord> findByUsername(const QString &username) const; // case-insensitive
    DbResult<qint64> insert(const UserRecord &record) const;

    DbError setPasswordHash(qint64 id, const QString &hash, bool mustChange) const;
    DbError recordFailure(qint64 id, int failedAttempts, qint64 lockedUntil) const;
    // Counts a sign-in attempt before its password is checked, in one UPDATE (failed_attempts + 1
    // in SQL, so concurrent attempts never lose a count), unless the account is locked at nowMs.
    // The new count; 0 when it is locked (nothing counted). recordSuccess() resets it.
    DbResult<int> countAttempt(qint64 id, qint64 nowMs) const;
    // Locks until `lockedUntil` unless it is already locked longer.
    DbError extendLock(qint64 id, qint64 lockedUntil) const;
    DbError recordSuccess(qint64 id) const;
    DbError setDisabled(qint64 id, bool disabled) const;
    DbError setRole(qint64 id, const QString &role, qint64 clientId) const;

    // PostgreSQL only (008_tenancy_by_roles.sql); SQLite has no roles and these return at once.
    // The login role of a user: "<database>.<lower-case user name>".
    DbResult<QString> loginName(const QString &username) const;
    // Creates or updates the user's login role from its users row (group, LOGIN unless disabled,
    // client mapping); sets its password when scramVerifier is not empty. Administrators only.
    DbError syncLogin(qint64 id, const QString &scramVerifier) const;
    // The users row of the connected login role (NotFound when the role is no Callvia user).
    DbResult<UserRecord> findCurrentLogin() const;
    // The connected user's own password: users.password_hash and its login role's password.
    DbError setOwnPassword(const QString &hash, const QString &scramVerifier) const;

private:
    DbError updateOne(const QString &sql, const QVariantList &binds) const;

    Database &m_database;
    const Clock &m_clock;
};

} // namespace Callvia::Models
