#include "authservice.h"

#include "auditlog.h"

#include <models/repositories/clientrepository.h>
#include <models/clock.h>
#include <models/database.h>

#include <QJsonObject>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QUuid>

Q_LOGGING_CATEGORY(lcAuth, "callvia.auth")

namespace Callvia::Services {

using Models::DbError;
using Models::DbResult;
using Models::UserRecord;

namespace {

// One answer for an unknown user, a wrong password, a disabled and a locked account, so a
// sign-in never tells whether an account exists or what state it is in (the audit log keeps the
// real reason for administrators).
const QString refusedMessage = QStringLiteral(
    "Wrong user name or password. After several failed attempts sign-in pauses for a while; "
    "if it keeps failing, ask an administrator.");

Session sessionFor(const UserRecord &user)
{
    Session::Role role = Session::Role::Client;
    Session::parseRole(user.role, &role);
    return Session(user.id, user.username, role, user.clientId, user.mustChangePassword);
}

QJsonObject describe(const UserRecord &user)
{
    return { { QStringLiteral("username"), user.username }, { QStringLiteral("role"), user.role },
        { QStringLiteral("client_id"), user.clientId }, { QStringLiteral("disabled"), user.disabled },
        { QStringLiteral("must_change"), user.mustChangePassword } };
}

} // namespace

AuthService::AuthService(Models::Database &database, const Models::Clock &clock, int iterations)
    : m_database(database)
    , m_clock(clock)
    , m_hasher(iterations)
    , m_users(database, clock)
    , m_audit(std::make_unique<AuditLog>(database, clock))
{
}

AuthService::~AuthService() = default;

DbResult<bool> AuthService::hasUsers() const
{
    const DbResult<qint64> n = m_users.count();
    if (!n.ok())
        return n.error();
    return n.value() > 0;
}

DbResult<Session> AuthService::sessionForCurrentLogin() const
{
    const DbResult<UserRecord> user = m_users.findCurrentLogin();
    if (!user.ok())
        return user.error();
    if (user.value().disabled) // its role is NOLOGIN; a row changed since the login opened
        return DbError(DbError::Invalid, QStringLiteral("This account is disabled."));
    const Session session = sessionFor(user.value());
    m_audit->record(&session, QStringLiteral("auth.sign_in"), QStringLiteral("user"), QString::number(session.userId()),
        {}, { { QStringLiteral("by"), QStringLiteral("database login") } });
    return session;
}

qint64 AuthService::lockDurationMs(int failedAttempts)
{
    if (failedAttempts < FreeAttempts)
        return 0;
    const int doublings = qMin(failedAttempts - FreeAttempts, 10);
    return qMin(FirstLockMs << doublings, MaxLockMs);
}

SignInResult AuthService::signIn(const QString &username, const QString &password) const
{
    const DbResult<UserRecord> found = m_users.findByUsername(username);
    if (!found.ok()) {
        if (found.error().kind() != DbError::NotFound)
            return { SignInResult::Error, std::nullopt, found.error().message(), 0 };
        std::call_once(m_dummyOnce, [this] { m_dummyHash = m_hasher.hash(QUuid::createUuid().toString()); });
        m_hasher.verify(password, m_dummyHash);
        m_audit->record(nullptr, QStringLiteral("auth.sign_in_failed"), QStringLiteral("user"), {}, {},
            { { QStringLiteral("username"), username.trimmed().left(64) },
                { QStringLiteral("reason"), QStringLiteral("unknown user") } });
        return { SignInResult::WrongCredentials, std::nullopt, refusedMessage, 0 };
    }
    const UserRecord &user = found.value();
    const qint64 now = m_clock.nowMs();
    // The attempt is counted before the password is checked, atomically in SQL: concurrent
    // guesses each take a count, and none is lost to a read-modify-write.
    const DbResult<int> attempt = m_users.countAttempt(user.id, now);
    if (!attempt.ok())
        return { SignInResult::Error, std::nullopt, attempt.error().message(), 0 };
    // Locked, disabled or wrong: the hash is checked all the same, so the time taken does not
    // tell them apart either.
    const bool passwordOk = m_hasher.verify(password, user.passwordHash);
    if (attempt.value() == 0) {
        const DbResult<UserRecord> current = m_users.find(user.id);
        const qint64 lockedUntil = current.ok() ? current.value().lockedUntil : user.lockedUntil;
        m_audit->record(nullptr, QStringLiteral("auth.sign_in_refused"), QStringLiteral("user"),
            QString::number(user.id), {},
            { { QStringLiteral("username"), user.username },
                { QStringLiteral("reason"), QStringLiteral("locked") } },
            user.clientId);
        return { SignInResult::Locked, std::nullopt, refusedMessage, lockedUntil };
    }
    if (!passwordOk)
        return failed(user, attempt.value(), QStringLiteral("wrong password"));
    if (user.disabled) {
        m_audit->record(nullptr, QStringLiteral("auth.sign_in_refused"), QStringLiteral("user"),
            QString::number(user.id), {},
            { { QStringLiteral("username"), user.username },
                { QStringLiteral("reason"), QStringLiteral("disabled") } },
            user.clientId);
        return { SignInResult::Disabled, std::nullopt, refusedMessage, 0 };
    }
    return succeeded(user, password);
}

SignInResult AuthService::failed(const UserRecord &user, int attempts, const QString &reason) const
{
    const qint64 lockMs = lockDurationMs(attempts);
    const qint64 lockedUntil = lockMs > 0 ? m_clock.nowMs() + lockMs : 0;
    if (lockedUntil > 0) {
        if (const DbError error = m_users.extendLock(user.id, lockedUntil))
            return { SignInResult::Error, std::nullopt, error.message(), 0 };
    }
    m_audit->record(nullptr, QStringLiteral("auth.sign_in_failed"), QStringLiteral("user"),
        QString::number(user.id), {},
        { { QStringLiteral("username"), user.username }, { QStringLiteral("reason"), reason },
            { QStringLiteral("failed_attempts"), attempts } },
        user.clientId);
    if (lockedUntil > 0)
        return { SignInResult::Locked, std::nullopt, refusedMessage, lockedUntil };
    return { SignInResult::WrongCredentials, std::nullopt, refusedMessage, 0 };
}

SignInResult AuthService::succeeded(const UserRecord &user, const QString &password) const
{
    if (m_hasher.needsRehash(user.passwordHash)) {
        // Parameters were raised since this hash was made: upgrade it while we hold the password.
        if (const DbError error
            = m_users.setPasswordHash(user.id, m_hasher.hash(password), user.mustChangePassword))
            qCWarning(lcAuth).noquote() << "password hash upgrade failed:" << error.message();
    }
    if (const DbError error = m_users.recordSuccess(user.id))
        return { SignInResult::Error, std::nullopt, error.message(), 0 };
    const Session session = sessionFor(user);
    m_audit->record(
        &session, QStringLiteral("auth.sign_in"), QStringLiteral("user"), QString::number(user.id));
    if (const DbError error = switchLogin(user, password))
        return { SignInResult::Error, std::nullopt, error.message(), 0 };
    return { SignInResult::Ok, session, {}, 0 };
}

DbError AuthService::syncLogin(qint64 userId, const QString &password) const
{
    if (m_database.isSqlite())
        return {};
    return m_users.syncLogin(userId, password.isEmpty() ? QString() : PasswordHasher::scramVerifier(password));
}

DbError AuthService::switchLogin(const UserRecord &user, const QString &password) const
{
    if (!m_switchesLogin || m_database.isSqlite())
        return {};
    const DbResult<QString> login = m_users.loginName(user.username);
    if (!login.ok())
        return login.error();
    if (m_database.url().user == login.value())
        return {};
    m_database.setLogin(login.value(), password);
    if (const DbError error = m_database.open())
        return { DbError::Unavailable,
            QStringLiteral("PostgreSQL refused the login role %1 (an administrator resetting the password "
                           "creates or repairs it): %2")
                .arg(login.value(), error.message()) };
    return {};
}

DbError AuthService::requireAdmin(const Session &actor) const
{
    const DbError denied(
        DbError::Invalid, QStringLiteral("Permission denied: only an administrator may manage users."));
    if (!actor.canManageUsers())
        return denied;
    if (actor.userId() == 0)
        return {}; // the operator (Session::system), who has the database anyway
    // A session outlives changes to its user: ask the table, not the session, whether it still may.
    const DbResult<UserRecord> current = m_users.find(actor.userId());
    if (!current.ok())
        return current.error().kind() == DbError::NotFound ? denied : current.error();
    return current.value().role == QLatin1String("admin") && !current.value().disabled ? DbError() : denied;
}

DbError AuthService::validateRole(const QString &role, qint64 clientId) const
{
    Session::Role parsed;
    if (!Session::parseRole(role, &parsed))
        return { DbError::Invalid, QStringLiteral("Role: must be admin, staff or client") };
    if ((parsed == Session::Role::Client) != (clientId > 0))
        return { DbError::Invalid,
            QStringLiteral("Client: a client user needs a client; admin and staff have none") };
    if (clientId > 0) {
        const auto client = Models::ClientRepository(m_database, m_clock, Models::TenantScope::agency()).find(clientId);
        if (!client.ok())
            return client.error().kind() == DbError::NotFound
                ? DbError(DbError::Invalid, QStringLiteral("Client: no client with id %1").arg(clientId))
                : client.error();
    }
    return {};
}

DbError AuthService::keepsAnAdmin(
    const UserRecord &before, const QString &roleAfter, bool disabledAfter, qint64 activeAdmins) const
{
    const bool activeAdminBefore = before.role == QLatin1String("admin") && !before.disabled;
    const bool activeAdminAfter = roleAfter == QLatin1String("admin") && !disabledAfter;
    if (!activeAdminBefore || activeAdminAfter || activeAdmins > 1)
        return {};
    const QString reason
        = QStringLiteral("%1 is the last active administrator; add or enable another administrator first.")
              .arg(before.username);
    return { DbError::Invalid, disabledAfter ? reason : QString(QStringLiteral("Role: ") + reason) };
}

DbError AuthService::validate(const NewUser &user) const
{
    static const QRegularExpression namePattern(QStringLiteral("^[A-Za-z0-9._@-]{1,64}$"));
    if (!namePattern.match(user.username.trimmed()).hasMatch())
        return { DbError::Invalid, QStringLiteral("User name: 1-64 letters, digits or . _ @ -") };
    if (const DbError error = validateRole(user.role, user.clientId))
        return error;
    const QString policy = PasswordPolicy::check(user.username, user.password);
    if (!policy.isEmpty())
        return { DbError::Invalid, policy };
    return {};
}

DbResult<qint64> AuthService::createUser(const Session &actor, const NewUser &user) const
{
    if (const DbError error = requireAdmin(actor))
        return error;
    if (const DbError error = validate(user))
        return error;
    if (m_users.findByUsername(user.username).ok())
        return DbError(DbError::Invalid, QStringLiteral("User name: already taken"));
    UserRecord record;
    record.username = user.username.trimmed();
    record.displayName = user.displayName;
    record.role = user.role;
    record.clientId = user.clientId;
    record.mustChangePassword = user.mustChangePassword;
    record.passwordHash = m_hasher.hash(user.password);
    // PostgreSQL: the row and its login role commit together (CREATE ROLE is transactional).
    std::optional<Models::Transaction> transaction;
    if (!m_database.isSqlite()) {
        transaction.emplace(m_database);
        if (!transaction->isActive())
            return transaction->beginError();
    }
    const DbResult<qint64> id = m_users.insert(record);
    if (!id.ok())
        return id;
    if (const DbError error = syncLogin(id.value(), user.password))
        return error;
    m_audit->record(&actor, QStringLiteral("user.create"), QStringLiteral("user"), QString::number(id.value()),
        {}, describe(record), record.clientId);
    if (transaction) {
        if (const DbError error = transaction->commit())
            return error;
    }
    return id;
}

DbResult<qint64> AuthService::createFirstAdmin(const QString &username, const QString &password) const
{
    const DbResult<bool> any = hasUsers();
    if (!any.ok())
        return any.error();
    if (any.value())
        return DbError(DbError::Invalid, QStringLiteral("An administrator exists already; sign in instead."));
    return createUser(Session::system(), { username, {}, QStringLiteral("admin"), 0, password, false });
}

DbResult<Session> AuthService::setUpFirstAdmin(const QString &username, const QString &password) const
{
    const DbResult<qint64> id = createFirstAdmin(username, password);
    if (!id.ok())
        return id.error();
    const DbResult<UserRecord> user = m_users.find(id.value());
    if (!user.ok())
        return user.error();
    const SignInResult result = succeeded(user.value(), password);
    if (!result.session)
        return DbError(DbError::Invalid, result.message);
    return *result.session;
}

DbResult<QList<UserRecord>> AuthService::listUsers(const Session &actor) const
{
    if (const DbError error = requireAdmin(actor))
        return error;
    DbResult<QList<UserRecord>> users = m_users.list();
    if (!users.ok())
        return users.error();
    QList<UserRecord> list = users.value();
    for (UserRecord &user : list)
        user.passwordHash.clear();
    return list;
}

DbError AuthService::changePassword(
    Session &session, const QString &oldPassword, const QString &newPassword) const
{
    const DbResult<UserRecord> user = m_users.find(session.userId());
    if (!user.ok())
        return user.error();
    if (!m_hasher.verify(oldPassword, user.value().passwordHash))
        return { DbError::Invalid, QStringLiteral("Current password: wrong password.") };
    if (oldPassword == newPassword)
        return { DbError::Invalid, QStringLiteral("New password: must differ from the current one.") };
    const QString policy = PasswordPolicy::check(user.value().username, newPassword);
    if (!policy.isEmpty())
        return { DbError::Invalid, QStringLiteral("New ") + policy.at(0).toLower() + policy.mid(1) };
    const DbResult<QString> login = m_users.loginName(user.value().username);
    if (!login.ok())
        return login.error();
    if (!m_database.isSqlite() && m_database.url().user == login.value()) {
        // Signed in as the user's own role: one SECURITY DEFINER call changes the hash and the
        // role's password and writes the audit row.
        if (const DbError error
            = m_users.setOwnPassword(m_hasher.hash(newPassword), PasswordHasher::scramVerifier(newPassword)))
            return error;
        m_database.setLogin(login.value(), newPassword);
        session.setMustChangePassword(false);
        return {};
    }
    if (const DbError error = m_users.setPasswordHash(session.userId(), m_hasher.hash(newPassword), false))
        return error;
    if (const DbError error = syncLogin(session.userId(), newPassword))
        return error;
    session.setMustChangePassword(false);
    m_audit->record(&session, QStringLiteral("user.password_change"), QStringLiteral("user"),
        QString::number(session.userId()));
    return {};
}

DbError AuthService::resetPassword(
    const Session &actor, const QString &username, const QString &password, bool mustChange) const
{
    if (const DbError error = requireAdmin(actor))
        return error;
    const DbResult<UserRecord> user = m_users.findByUsername(username);
    if (!user.ok())
        return user.error();
    const QString policy = PasswordPolicy::check(user.value().username, password);
    if (!policy.isEmpty())
        return { DbError::Invalid, policy };
    if (const DbError error = m_users.setPasswordHash(user.value().id, m_hasher.hash(password), mustChange))
        return error;
    if (const DbError error = syncLogin(user.value().id, password))
        return error;
    m_audit->record(&actor, QStringLiteral("user.password_reset"), QStringLiteral("user"),
        QString::number(user.value().id), {},
        { { QStringLiteral("username"), user.value().username },
            { QStringLiteral("must_change"), mustChange } },
        user.value().clientId);
    return {};
}

// The last-admin rule reads, then writes. Both happen in one transaction that first locks the
// active administrators (FOR UPDATE on PostgreSQL, the write lock on SQLite), so two admins
// demoting or disabling each other at the same instant cannot both pass the count.
DbError AuthService::lockForUserChange(const Session &actor, const QString &username, qint64 *activeAdmins,
    UserRecord *user) const
{
    const DbResult<qint64> admins = m_users.lockActiveAdmins();
    if (!admins.ok())
        return admins.error();
    if (const DbError error = requireAdmin(actor))
        return error;
    const DbResult<UserRecord> found = m_users.findByUsername(username);
    if (!found.ok())
        return found.error();
    *activeAdmins = admins.value();
    *user = found.value();
    return {};
}

DbError AuthService::setDisabled(const Session &actor, const QString &username, bool disabled) const
{
    Models::Transaction transaction(m_database, Models::Transaction::Mode::Immediate);
    if (!transaction.isActive())
        return transaction.beginError();
    qint64 admins = 0;
    UserRecord before;
    if (const DbError error = lockForUserChange(actor, username, &admins, &before))
        return error;
    if (disabled) {
        if (const DbError error = keepsAnAdmin(before, before.role, true, admins))
            return error;
    }
    if (const DbError error = m_users.setDisabled(before.id, disabled))
        return error;
    if (const DbError error = syncLogin(before.id, {})) // NOLOGIN while disabled
        return error;
    UserRecord after = before;
    after.disabled = disabled;
    // The change and its audit entry commit together, or neither does.
    if (const DbError error
        = m_audit->record(&actor, disabled ? QStringLiteral("user.disable") : QStringLiteral("user.enable"),
            QStringLiteral("user"), QString::number(after.id), describe(before), describe(after),
            after.clientId))
        return error;
    return transaction.commit();
}

DbError AuthService::setRole(
    const Session &actor, const QString &username, const QString &role, qint64 clientId) const
{
    Models::Transaction transaction(m_database, Models::Transaction::Mode::Immediate);
    if (!transaction.isActive())
        return transaction.beginError();
    qint64 admins = 0;
    UserRecord before;
    if (const DbError error = lockForUserChange(actor, username, &admins, &before))
        return error;
    if (const DbError error = validateRole(role, clientId))
        return error;
    if (const DbError error = keepsAnAdmin(before, role, before.disabled, admins))
        return error;
    if (const DbError error = m_users.setRole(before.id, role, clientId))
        return error;
    if (const DbError error = syncLogin(before.id, {})) // group and client mapping follow
        return error;
    UserRecord after = before;
    after.role = role;
    after.clientId = clientId;
    // Filed under the client the user belongs to now, or belonged to before a move to the agency.
    if (const DbError error = m_audit->record(&actor, QStringLiteral("user.role_change"), QStringLiteral("user"),
            QString::number(after.id), describe(before), describe(after),
            clientId > 0 ? clientId : before.clientId))
        return error;
    return transaction.commit();
}

} // namespace Callvia::Services
