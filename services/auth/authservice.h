#pragma once

#include "passwordhasher.h"
#include "session.h"

#include <models/dberror.h>
#include <models/repositories/userrepository.h>

#include <QString>

#include <memory>
#include <mutex>
#include <optional>

namespace Callvia::Models {
class Clock;
class Database;
}

namespace Callvia::Services {

class AuditLog;

// What a sign-in attempt came to. The message never says whether the user name exists.
struct SignInResult
{
    enum Status { Ok, WrongCredentials, Locked, Disabled, Error };
    Status status = Error;
    std::optional<Session> session;
    QString message;
    qint64 lockedUntil = 0; // ms since epoch, when Locked
};

// A user to create (the password in plain text, hashed here and then dropped).
struct NewUser
{
    QString username;
    QString displayName;
    QString role; // admin | staff | client
    qint64 clientId = 0;
    QString password;
    bool mustChangePassword = false;
};

// Sign-in, lockout, password change and reset, user creation, disabling and role changes.
// Every change is checked against the acting Session (re-read from the users table, so a
// demoted or disabled admin's open session loses its rights), refused when it would leave no
// active administrator, and written to the audit log (never a password). Hashing
// costs ~0.3 s at the production iteration count: GUI callers run signIn off the GUI thread.
class AuthService final
{
public:
    static constexpr int FreeAttempts = 5; // failures before the first lockout
    static constexpr qint64 FirstLockMs = 30'000; // doubles with each further failure
    static constexpr qint64 MaxLockMs = 3'600'000;

    AuthService(Models::Database &database, const Models::Clock &clock,
        int iterations = PasswordHasher::DefaultIterations);
    ~AuthService();

    Models::DbResult<bool> hasUsers() const;
    // PostgreSQL: when the connection is a Callvia user's own login role, the server checked the
    // password already (SCRAM): that user's session, audited as a sign-in. NotFound for any other
    // login (the owner, a service login) and on SQLite.
    Models::DbResult<Session> sessionForCurrentLogin() const;
    SignInResult signIn(const QString &username, const QString &password) const;

    // Errors are DbError::Invalid with a message naming the field, or Forbidden-like Invalid.
    Models::DbResult<qint64> createUser(const Session &actor, const NewUser &user) const;
    // The first admin, only while there are no users (setup dialog, headless env variables).
    Models::DbResult<qint64> createFirstAdmin(const QString &username, const QString &password) const;
    // The same, then signs the new admin in (audited like any sign-in): the setup dialog does not
    // ask again for the password just chosen.
    Models::DbResult<Session> setUpFirstAdmin(const QString &username, const QString &password) const;
    // Every user, for administrators only; password hashes are blanked.
    Models::DbResult<QList<Models::UserRecord>> listUsers(const Session &actor) const;
    Models::DbError changePassword(
        Session &session, const QString &oldPassword, const QString &newPassword) const;
    // An admin sets a temporary password; the user must change it at the next sign-in.
    Models::DbError resetPassword(
        const Session &actor, const QString &username, const QString &password, bool mustChange = true) const;
    Models::DbError setDisabled(const Session &actor, const QString &username, bool disabled) const;
    Models::DbError setRole(
        const Session &actor, const QString &username, const QString &role, qint64 clientId) const;

    // PostgreSQL: after a successful sign-in, the process's connections log in as the user's own
    // login role with the same password (Database::setLogin), so row-level security binds the
    // user's role, not the login the process started with; a refused login fails the sign-in.
    void setSwitchesLogin(bool on) { m_switchesLogin = on; }

    static qint64 lockDurationMs(int failedAttempts);
    const PasswordHasher &hasher() const { return m_hasher; }
    Models::Database &database() const { return m_database; }

private:
    SignInResult failed(const Models::UserRecord &user, int attempts, const QString &reason) const;
    SignInResult succeeded(const Models::UserRecord &user, const QString &password) const;
    Models::DbError requireAdmin(const Session &actor) const;
    // PostgreSQL: creates or updates the user's login role (and its password when not empty).
    Models::DbError syncLogin(qint64 userId, const QString &password) const;
    Models::DbError switchLogin(const Models::UserRecord &user, const QString &password) const;
    // Inside the caller's transaction: locks the active admins (their count), checks the actor
    // is an admin, reads the target user.
    Models::DbError lockForUserChange(const Session &actor, const QString &username, qint64 *activeAdmins,
        Models::UserRecord *user) const;
    Models::DbError validate(const NewUser &user) const;
    Models::DbError validateRole(const QString &role, qint64 clientId) const;
    // activeAdmins: the count from UserRepository::lockActiveAdmins in the caller's transaction.
    Models::DbError keepsAnAdmin(const Models::UserRecord &before, const QString &roleAfter, bool disabledAfter,
        qint64 activeAdmins) const;

    Models::Database &m_database;
    const Models::Clock &m_clock;
    PasswordHasher m_hasher;
    Models::UserRepository m_users;
    mutable std::once_flag m_dummyOnce;
    mutable QString m_dummyHash; // verified against for unknown users, so timing does not tell
    std::unique_ptr<AuditLog> m_audit;
    bool m_switchesLogin = false;
};

} // namespace Callvia::Services
