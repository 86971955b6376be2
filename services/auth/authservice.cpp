#include "authservice.h"

#include "auditlog.h"

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

const QString wrongCredentials = QStringLiteral("Wrong user name or password.");

QString lockedMessage(qint64 ms)
{
    const qint64 seconds = (ms + 999) / 1000;
    return QStringLiteral("Too many failed sign-ins. Try again in %1 %2.")
        .arg(seconds)
        .arg(seconds == 1 ? QStringLiteral("second") : QStringLiteral("seconds"));
}

Session sessionFor(const UserRecord &user)
{
    Session::Role role = Session::Role::Client;
    Session::parseRole(user.role, &role);
    return Session(user.id, user.username, role, user.clientId, user.mustChangePassword);
}

QJsonObject describe(const UserRecord &user)
{
    return { { QStringLiteral("username"), user.username }, { QStringLiteral("role"), user.role },
        { QStringLiteral("client_id"), user.clientId }, { QStringLiteral("disabled"), user.disabled } };
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
        return { SignInResult::WrongCredentials, std::nullopt, wrongCredentials, 0 };
    }
    const UserRecord &user = found.value();
    const qint64 now = m_clock.nowMs();
    if (user.lockedUntil > now) {
        m_audit->record(nullptr, QStringLiteral("auth.sign_in_refused"), QStringLiteral("user"),
            QString::number(user.id), {},
            { { QStringLiteral("username"), user.username },
                { QStringLiteral("reason"), QStringLiteral("locked") } },
            user.clientId);
        return { SignInResult::Locked, std::nullopt, lockedMessage(user.lockedUntil - now),
            user.lockedUntil };
    }
    if (!m_hasher.verify(password, user.passwordHash))
        return failed(user, QStringLiteral("wrong password"));
    if (user.disabled) {
        m_audit->record(nullptr, QStringLiteral("auth.sign_in_refused"), QStringLiteral("user"),
            QString::number(user.id), {},
            { { QStringLiteral("username"), user.username },
                { QStringLiteral("reason"), QStringLiteral("disabled") } },
            user.clientId);
        return { SignInResult::Disabled, std::nullopt, QStringLiteral("This account is disabled."), 0 };
    }
    return succeeded(user, password);
}

SignInResult AuthService::failed(const UserRecord &user, const QString &reason) const
{
    const int attempts = user.failedAttempts + 1;
    const qint64 lockMs = lockDurationMs(attempts);
    const qint64 lockedUntil = lockMs > 0 ? m_clock.nowMs() + lockMs : 0;
    if (const DbError error = m_users.recordFailure(user.id, attempts, lockedUntil))
        return { SignInResult::Error, std::nullopt, error.message(), 0 };
    m_audit->record(nullptr, QStringLiteral("auth.sign_in_failed"), QStringLiteral("user"),
        QString::number(user.id), {},
        { { QStringLiteral("username"), user.username }, { QStringLiteral("reason"), reason },
            { QStringLiteral("failed_attempts"), attempts } },
        user.clientId);
    if (lockedUntil > 0)
        return { SignInResult::Locked, std::nullopt, lockedMessage(lockMs), lockedUntil };
    return { SignInResult::WrongCredentials, std::nullopt, wrongCredentials, 0 };
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
    return { SignInResult::Ok, session, {}, 0 };
}

DbError AuthService::requireAdmin(const Session &actor) const
{
    if (actor.canManageUsers())
        return {};
    return { DbError::Invalid, QStringLiteral("Permission denied: only an administrator may manage users.") };
}

DbError AuthService::validate(const NewUser &user) const
{
    static const QRegularExpression namePattern(QStringLiteral("^[A-Za-z0-9._@-]{1,64}$"));
    if (!namePattern.match(user.username.trimmed()).hasMatch())
        return { DbError::Invalid, QStringLiteral("User name: 1-64 letters, digits or . _ @ -") };
    Session::Role role;
    if (!Session::parseRole(user.role, &role))
        return { DbError::Invalid, QStringLiteral("Role: must be admin, staff or client") };
    if ((role == Session::Role::Client) != (user.clientId > 0))
        return { DbError::Invalid,
            QStringLiteral("Client: a client user needs a client; admin and staff have none") };
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
        return DbError(
            DbError::Invalid, QStringLiteral("User name: \"%1\" is taken").arg(user.username.trimmed()));
    UserRecord record;
    record.username = user.username.trimmed();
    record.displayName = user.displayName;
    record.role = user.role;
    record.clientId = user.clientId;
    record.mustChangePassword = user.mustChangePassword;
    record.passwordHash = m_hasher.hash(user.password);
    const DbResult<qint64> id = m_users.insert(record);
    if (id.ok())
        m_audit->record(&actor, QStringLiteral("user.create"), QStringLiteral("user"),
            QString::number(id.value()), {}, describe(record), record.clientId);
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
    if (const DbError error = m_users.setPasswordHash(session.userId(), m_hasher.hash(newPassword), false))
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
    m_audit->record(&actor, QStringLiteral("user.password_reset"), QStringLiteral("user"),
        QString::number(user.value().id), {},
        { { QStringLiteral("username"), user.value().username },
            { QStringLiteral("must_change_password"), mustChange } },
        user.value().clientId);
    return {};
}

DbError AuthService::setDisabled(const Session &actor, const QString &username, bool disabled) const
{
    if (const DbError error = requireAdmin(actor))
        return error;
    const DbResult<UserRecord> user = m_users.findByUsername(username);
    if (!user.ok())
        return user.error();
    if (const DbError error = m_users.setDisabled(user.value().id, disabled))
        return error;
    UserRecord after = user.value();
    after.disabled = disabled;
    m_audit->record(&actor, disabled ? QStringLiteral("user.disable") : QStringLiteral("user.enable"),
        QStringLiteral("user"), QString::number(after.id), describe(user.value()), describe(after),
        after.clientId);
    return {};
}

DbError AuthService::setRole(
    const Session &actor, const QString &username, const QString &role, qint64 clientId) const
{
    if (const DbError error = requireAdmin(actor))
        return error;
    const DbResult<UserRecord> user = m_users.findByUsername(username);
    if (!user.ok())
        return user.error();
    Session::Role parsed;
    if (!Session::parseRole(role, &parsed))
        return { DbError::Invalid, QStringLiteral("Role: must be admin, staff or client") };
    if ((parsed == Session::Role::Client) != (clientId > 0))
        return { DbError::Invalid,
            QStringLiteral("Client: a client user needs a client; admin and staff have none") };
    if (const DbError error = m_users.setRole(user.value().id, role, clientId))
        return error;
    UserRecord after = user.value();
    after.role = role;
    after.clientId = clientId;
    m_audit->record(&actor, QStringLiteral("user.role_change"), QStringLiteral("user"),
        QString::number(after.id), describe(user.value()), describe(after));
    return {};
}

} // namespace Callvia::Services
