#include <common/testdatabase.h>

#include <models/repositories/auditrepository.h>
#include <models/repositories/clientrepository.h>
#include <models/clock.h>
#include <models/repositories/userrepository.h>
#include <services/auth/authservice.h>
#include <services/auth/passwordhasher.h>

#include <QScopeGuard>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QtTest>

#include <atomic>
#include <thread>
#include <vector>

using namespace Callvia;
using namespace Callvia::Models;
using namespace Callvia::Services;

// Sign-in, wrong passwords, lockout timing on the TestClock, hash upgrade on sign-in, password
// change and admin reset, user management permissions and the audit trail, on both backends.
class tst_AuthService : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void signInRoundTripAndAudit_data() { Tests::TestDatabase::addBackendRows(); }
    void signInRoundTripAndAudit();
    void wrongPasswordAndUnknownUserLookAlike_data() { Tests::TestDatabase::addBackendRows(); }
    void wrongPasswordAndUnknownUserLookAlike();
    void lockoutGrowsAndExpiresOnTheClock_data() { Tests::TestDatabase::addBackendRows(); }
    void lockoutGrowsAndExpiresOnTheClock();
    void olderParametersAreUpgradedOnSignIn_data() { Tests::TestDatabase::addBackendRows(); }
    void olderParametersAreUpgradedOnSignIn();
    void resetForcesChangeAndChangeChecksOldPassword_data() { Tests::TestDatabase::addBackendRows(); }
    void resetForcesChangeAndChangeChecksOldPassword();
    void onlyAdminsManageUsers_data() { Tests::TestDatabase::addBackendRows(); }
    void onlyAdminsManageUsers();
    void firstAdminOnlyOnce_data() { Tests::TestDatabase::addBackendRows(); }
    void firstAdminOnlyOnce();
    void everyRefusalReadsTheSame_data() { Tests::TestDatabase::addBackendRows(); }
    void everyRefusalReadsTheSame();
    void concurrentFailuresAreAllCounted_data() { Tests::TestDatabase::addBackendRows(); }
    void concurrentFailuresAreAllCounted();
    void disabledUserCannotSignIn_data() { Tests::TestDatabase::addBackendRows(); }
    void disabledUserCannotSignIn();
    void lastActiveAdminIsKept_data() { Tests::TestDatabase::addBackendRows(); }
    void lastActiveAdminIsKept();
    void concurrentDemotionsKeepAnAdminOnPostgres();
    void demotedOrDisabledAdminSessionLosesRights_data() { Tests::TestDatabase::addBackendRows(); }
    void demotedOrDisabledAdminSessionLosesRights();
    void listUsersIsForAdminsWithoutHashes_data() { Tests::TestDatabase::addBackendRows(); }
    void listUsersIsForAdminsWithoutHashes();
    void roleChangeChecksTheClientAndAudits_data() { Tests::TestDatabase::addBackendRows(); }
    void roleChangeChecksTheClientAndAudits();
    void setUpFirstAdminSignsIn_data() { Tests::TestDatabase::addBackendRows(); }
    void setUpFirstAdminSignsIn();

private:
    TestClock m_clock { 1'750'000'000'000 };
    const QString m_password = QStringLiteral("river-stone-42-lamp");
};

namespace {

qint64 addUser(
    AuthService &auth, const QString &name, const QString &role, qint64 clientId, const QString &password)
{
    const DbResult<qint64> id
        = auth.createUser(Session::system(), { name, {}, role, clientId, password, false });
    if (!id.ok())
        qWarning() << id.error().message();
    return id.ok() ? id.value() : 0;
}

UserRecord user(Database &db, const Clock &clock, const QString &name)
{
    return UserRepository(db, clock).findByUsername(name).valueOr({});
}

} // namespace

void tst_AuthService::signInRoundTripAndAudit()
{
    CALLVIA_TEST_DATABASE(db);
    AuthService auth(db, m_clock, 1000);
    QCOMPARE(auth.hasUsers().value(), false);
    ClientRecord client;
    client.name = QStringLiteral("Sunrise Dental");
    const qint64 clientId = ClientRepository(db, m_clock, TenantScope::agency()).insert(client).value();
    const qint64 id = addUser(auth, QStringLiteral("Carol"), QStringLiteral("client"), clientId, m_password);
    QVERIFY(id > 0);
    QCOMPARE(auth.hasUsers().value(), true);

    const SignInResult result = auth.signIn(QStringLiteral("carol"), m_password); // case-insensitive name
    QCOMPARE(result.status, SignInResult::Ok);
    QVERIFY(result.session);
    QCOMPARE(result.session->userId(), id);
    QCOMPARE(result.session->role(), Session::Role::Client);
    QCOMPARE(result.session->clientId(), clientId);
    QVERIFY(!result.session->canEdit());
    QCOMPARE(user(db, m_clock, QStringLiteral("Carol")).lastLoginAt, m_clock.nowMs());

    const auto entries = AuditRepository(db, TenantScope::agency()).list(QStringLiteral("auth.sign_in")).value();
    QCOMPARE(entries.size(), 1);
    QCOMPARE(entries.first().userId, id);
    QCOMPARE(entries.first().clientId, clientId);
    QCOMPARE(entries.first().at, m_clock.nowMs());
    const auto created = AuditRepository(db, TenantScope::agency()).list(QStringLiteral("user.create")).value();
    QCOMPARE(created.size(), 1);
    QVERIFY(created.first().afterJson.contains(QStringLiteral("\"role\":\"client\"")));
    QVERIFY(!created.first().afterJson.contains(m_password));
}

void tst_AuthService::wrongPasswordAndUnknownUserLookAlike()
{
    CALLVIA_TEST_DATABASE(db);
    AuthService auth(db, m_clock, 1000);
    addUser(auth, QStringLiteral("alice"), QStringLiteral("admin"), 0, m_password);
    const SignInResult wrong = auth.signIn(QStringLiteral("alice"), QStringLiteral("river-stone-42-lamP"));
    const SignInResult unknown = auth.signIn(QStringLiteral("mallory"), m_password);
    QCOMPARE(wrong.status, SignInResult::WrongCredentials);
    QCOMPARE(unknown.status, SignInResult::WrongCredentials);
    QCOMPARE(wrong.message, unknown.message);
    QVERIFY(!wrong.session && !unknown.session);
    QCOMPARE(user(db, m_clock, QStringLiteral("alice")).failedAttempts, 1);
    const auto failures = AuditRepository(db, TenantScope::agency()).list(QStringLiteral("auth.sign_in_failed")).value();
    QCOMPARE(failures.size(), 2);
    QVERIFY(failures.at(0).afterJson.contains(QStringLiteral("mallory")));
    QVERIFY(failures.at(1).afterJson.contains(QStringLiteral("wrong password")));
    for (const AuditRecord &entry : failures)
        QVERIFY2(!entry.afterJson.contains(QStringLiteral("lamp")), "no password in the audit log");
    // A success resets the counter.
    QCOMPARE(auth.signIn(QStringLiteral("alice"), m_password).status, SignInResult::Ok);
    QCOMPARE(user(db, m_clock, QStringLiteral("alice")).failedAttempts, 0);
}

void tst_AuthService::lockoutGrowsAndExpiresOnTheClock()
{
    CALLVIA_TEST_DATABASE(db);
    AuthService auth(db, m_clock, 1000);
    addUser(auth, QStringLiteral("alice"), QStringLiteral("admin"), 0, m_password);
    const QString bad = QStringLiteral("not-the-password-1");
    for (int i = 1; i < AuthService::FreeAttempts; ++i)
        QCOMPARE(auth.signIn(QStringLiteral("alice"), bad).status, SignInResult::WrongCredentials);
    SignInResult fifth = auth.signIn(QStringLiteral("alice"), bad);
    QCOMPARE(fifth.status, SignInResult::Locked);
    QCOMPARE(fifth.lockedUntil, m_clock.nowMs() + 30'000);
    const QString refused = auth.signIn(QStringLiteral("nobody"), bad).message;
    QCOMPARE(fifth.message, refused); // a lock does not tell that the account exists

    // While locked even the right password is refused, and the refusal does not extend the lock.
    m_clock.advanceSeconds(29);
    const SignInResult locked = auth.signIn(QStringLiteral("alice"), m_password);
    QCOMPARE(locked.status, SignInResult::Locked);
    QCOMPARE(locked.message, refused);
    QCOMPARE(locked.lockedUntil, m_clock.nowMs() + 1'000);
    QCOMPARE(user(db, m_clock, QStringLiteral("alice")).failedAttempts, 5);

    // After it expires, another failure locks for twice as long (60 s), then 120 s.
    m_clock.advanceSeconds(1);
    QCOMPARE(auth.signIn(QStringLiteral("alice"), bad).lockedUntil, m_clock.nowMs() + 60'000);
    m_clock.advanceSeconds(60);
    QCOMPARE(auth.signIn(QStringLiteral("alice"), bad).lockedUntil, m_clock.nowMs() + 120'000);
    QCOMPARE(AuthService::lockDurationMs(40), AuthService::MaxLockMs);
    m_clock.advanceSeconds(120);
    QCOMPARE(auth.signIn(QStringLiteral("alice"), m_password).status, SignInResult::Ok);
    const UserRecord after = user(db, m_clock, QStringLiteral("alice"));
    QCOMPARE(after.failedAttempts, 0);
    QCOMPARE(after.lockedUntil, 0);
    QVERIFY(!AuditRepository(db, TenantScope::agency()).list(QStringLiteral("auth.sign_in_refused")).value().isEmpty());
}

void tst_AuthService::olderParametersAreUpgradedOnSignIn()
{
    CALLVIA_TEST_DATABASE(db);
    AuthService weak(db, m_clock, 1000);
    addUser(weak, QStringLiteral("alice"), QStringLiteral("staff"), 0, m_password);
    QVERIFY(user(db, m_clock, QStringLiteral("alice"))
                .passwordHash.startsWith(QStringLiteral("pbkdf2-sha256$1000$")));
    AuthService stronger(db, m_clock, 3000);
    QCOMPARE(stronger.signIn(QStringLiteral("alice"), QStringLiteral("wrong-password-123")).status,
        SignInResult::WrongCredentials);
    QVERIFY2(user(db, m_clock, QStringLiteral("alice"))
                 .passwordHash.startsWith(QStringLiteral("pbkdf2-sha256$1000$")),
        "a failed sign-in does not rehash");
    QCOMPARE(stronger.signIn(QStringLiteral("alice"), m_password).status, SignInResult::Ok);
    const QString upgraded = user(db, m_clock, QStringLiteral("alice")).passwordHash;
    QVERIFY2(upgraded.startsWith(QStringLiteral("pbkdf2-sha256$3000$")), qPrintable(upgraded));
    QCOMPARE(stronger.signIn(QStringLiteral("alice"), m_password).status, SignInResult::Ok);
    QCOMPARE(weak.signIn(QStringLiteral("alice"), m_password).status, SignInResult::Ok);
    QVERIFY2(user(db, m_clock, QStringLiteral("alice"))
                 .passwordHash.startsWith(QStringLiteral("pbkdf2-sha256$3000$")),
        "never downgraded");
}

void tst_AuthService::resetForcesChangeAndChangeChecksOldPassword()
{
    CALLVIA_TEST_DATABASE(db);
    AuthService auth(db, m_clock, 1000);
    const qint64 adminId = addUser(auth, QStringLiteral("alice"), QStringLiteral("admin"), 0, m_password);
    addUser(auth, QStringLiteral("bob"), QStringLiteral("staff"), 0, m_password);
    const Session admin(adminId, QStringLiteral("alice"), Session::Role::Admin, 0);
    const QString temporary = QStringLiteral("temporary-pass-77");
    QVERIFY(!auth.resetPassword(admin, QStringLiteral("bob"), temporary));
    QCOMPARE(auth.signIn(QStringLiteral("bob"), m_password).status, SignInResult::WrongCredentials);
    SignInResult bob = auth.signIn(QStringLiteral("bob"), temporary);
    QCOMPARE(bob.status, SignInResult::Ok);
    QVERIFY(bob.session->mustChangePassword());

    Session session = *bob.session;
    const DbError wrongOld = auth.changePassword(
        session, QStringLiteral("not-it-at-all-9"), QStringLiteral("brand-new-pass-88"));
    QVERIFY(wrongOld.message().startsWith(QStringLiteral("Current password")));
    const DbError tooShort = auth.changePassword(session, temporary, QStringLiteral("short"));
    QVERIFY2(tooShort.message().startsWith(QStringLiteral("New password")), qPrintable(tooShort.message()));
    QVERIFY(auth.changePassword(session, temporary, temporary));
    QVERIFY(!auth.changePassword(session, temporary, QStringLiteral("brand-new-pass-88")));
    QVERIFY(!session.mustChangePassword());
    QVERIFY(!user(db, m_clock, QStringLiteral("bob")).mustChangePassword);
    QCOMPARE(
        auth.signIn(QStringLiteral("bob"), QStringLiteral("brand-new-pass-88")).status, SignInResult::Ok);
    QCOMPARE(AuditRepository(db, TenantScope::agency()).list(QStringLiteral("user.password_reset")).value().size(), 1);
    QCOMPARE(AuditRepository(db, TenantScope::agency()).list(QStringLiteral("user.password_change")).value().size(), 1);
}

void tst_AuthService::onlyAdminsManageUsers()
{
    CALLVIA_TEST_DATABASE(db);
    AuthService auth(db, m_clock, 1000);
    addUser(auth, QStringLiteral("bob"), QStringLiteral("staff"), 0, m_password);
    const Session staff(1, QStringLiteral("bob"), Session::Role::Staff, 0);
    const DbResult<qint64> refused = auth.createUser(
        staff, { QStringLiteral("eve"), {}, QStringLiteral("admin"), 0, m_password, false });
    QVERIFY(!refused.ok());
    QVERIFY(refused.error().message().contains(QStringLiteral("Permission denied")));
    QVERIFY(auth.resetPassword(staff, QStringLiteral("bob"), QStringLiteral("another-pass-123")));
    QVERIFY(auth.setDisabled(staff, QStringLiteral("bob"), true));
    QVERIFY(auth.setRole(staff, QStringLiteral("bob"), QStringLiteral("admin"), 0));
    QCOMPARE(user(db, m_clock, QStringLiteral("bob")).role, QStringLiteral("staff"));

    const Session admin = Session::system();
    const auto badRole
        = auth.createUser(admin, { QStringLiteral("eve"), {}, QStringLiteral("root"), 0, m_password, false });
    QVERIFY(badRole.error().message().startsWith(QStringLiteral("Role")));
    const auto noClient = auth.createUser(
        admin, { QStringLiteral("eve"), {}, QStringLiteral("client"), 0, m_password, false });
    QVERIFY(noClient.error().message().startsWith(QStringLiteral("Client")));
    const auto taken = auth.createUser(
        admin, { QStringLiteral("BOB"), {}, QStringLiteral("staff"), 0, m_password, false });
    QVERIFY(taken.error().message().contains(QStringLiteral("taken")));
    const auto spaces = auth.createUser(
        admin, { QStringLiteral("e ve"), {}, QStringLiteral("staff"), 0, m_password, false });
    QVERIFY(spaces.error().message().startsWith(QStringLiteral("User name")));

    QVERIFY(!auth.setRole(admin, QStringLiteral("bob"), QStringLiteral("admin"), 0));
    QCOMPARE(user(db, m_clock, QStringLiteral("bob")).role, QStringLiteral("admin"));
    const auto changes = AuditRepository(db, TenantScope::agency()).list(QStringLiteral("user.role_change")).value();
    QCOMPARE(changes.size(), 1);
    QVERIFY(changes.first().beforeJson.contains(QStringLiteral("\"role\":\"staff\"")));
    QVERIFY(changes.first().afterJson.contains(QStringLiteral("\"role\":\"admin\"")));
}

void tst_AuthService::firstAdminOnlyOnce()
{
    CALLVIA_TEST_DATABASE(db);
    AuthService auth(db, m_clock, 1000);
    QVERIFY(auth.createFirstAdmin(QStringLiteral("root"), QStringLiteral("short"))
                .error()
                .message()
                .contains(QStringLiteral("12")));
    QCOMPARE(auth.hasUsers().value(), false);
    QVERIFY(auth.createFirstAdmin(QStringLiteral("root"), m_password).ok());
    QCOMPARE(user(db, m_clock, QStringLiteral("root")).role, QStringLiteral("admin"));
    QVERIFY(!auth.createFirstAdmin(QStringLiteral("root2"), m_password).ok());
}

// Unknown user, wrong password, disabled account (even with the right password) and locked
// account: one message, so the answer never tells whether an account exists or its state.
void tst_AuthService::everyRefusalReadsTheSame()
{
    CALLVIA_TEST_DATABASE(db);
    AuthService auth(db, m_clock, 1000);
    addUser(auth, QStringLiteral("alice"), QStringLiteral("admin"), 0, m_password);
    addUser(auth, QStringLiteral("bob"), QStringLiteral("staff"), 0, m_password);
    addUser(auth, QStringLiteral("lou"), QStringLiteral("staff"), 0, m_password);
    QVERIFY(!auth.setDisabled(Session::system(), QStringLiteral("bob"), true));
    const QString bad = QStringLiteral("not-the-password-1");
    for (int i = 0; i < AuthService::FreeAttempts; ++i)
        auth.signIn(QStringLiteral("lou"), bad);
    const SignInResult unknown = auth.signIn(QStringLiteral("mallory"), m_password);
    const SignInResult wrong = auth.signIn(QStringLiteral("alice"), bad);
    const SignInResult disabled = auth.signIn(QStringLiteral("bob"), m_password);
    const SignInResult locked = auth.signIn(QStringLiteral("lou"), m_password);
    QCOMPARE(disabled.status, SignInResult::Disabled);
    QCOMPARE(locked.status, SignInResult::Locked);
    for (const SignInResult *result : { &wrong, &disabled, &locked }) {
        QCOMPARE(result->message, unknown.message);
        QVERIFY(!result->session);
    }
    QVERIFY(!unknown.message.contains(QStringLiteral("disabled"), Qt::CaseInsensitive));
    // The audit log keeps the real reasons for administrators.
    const auto refusals = AuditRepository(db, TenantScope::agency()).list(QStringLiteral("auth.sign_in_refused")).value();
    QCOMPARE(refusals.size(), 2);
}

// Concurrent wrong guesses each count: the counter is incremented in SQL, never read, bumped
// and written back (which let parallel guesses overwrite each other's count).
void tst_AuthService::concurrentFailuresAreAllCounted()
{
    CALLVIA_TEST_DATABASE(db);
    // Slow hashing: every thread reads the account before any of them has written its failure.
    AuthService auth(db, m_clock, 200'000);
    addUser(auth, QStringLiteral("alice"), QStringLiteral("admin"), 0, m_password);
    const int threads = AuthService::FreeAttempts - 1; // stays below the lock
    std::atomic<int> ready { 0 };
    std::vector<std::thread> guessers;
    for (int i = 0; i < threads; ++i) {
        guessers.emplace_back([&, i] {
            ++ready;
            while (ready.load() < threads)
                std::this_thread::yield();
            auth.signIn(QStringLiteral("alice"), QStringLiteral("guess-number-%1").arg(i));
            db.releaseThreadConnection();
            Services::PasswordHasher::releaseThreadState();
        });
    }
    for (std::thread &guesser : guessers)
        guesser.join();
    QCOMPARE(user(db, m_clock, QStringLiteral("alice")).failedAttempts, threads);
}

void tst_AuthService::disabledUserCannotSignIn()
{
    CALLVIA_TEST_DATABASE(db);
    AuthService auth(db, m_clock, 1000);
    addUser(auth, QStringLiteral("bob"), QStringLiteral("staff"), 0, m_password);
    QVERIFY(!auth.setDisabled(Session::system(), QStringLiteral("bob"), true));
    const SignInResult refused = auth.signIn(QStringLiteral("bob"), m_password);
    QCOMPARE(refused.status, SignInResult::Disabled);
    QVERIFY(!refused.session);
    QCOMPARE(auth.signIn(QStringLiteral("bob"), QStringLiteral("wrong-password-12")).status,
        SignInResult::WrongCredentials);
    QVERIFY(!auth.setDisabled(Session::system(), QStringLiteral("bob"), false));
    QCOMPARE(auth.signIn(QStringLiteral("bob"), m_password).status, SignInResult::Ok);
    QCOMPARE(AuditRepository(db, TenantScope::agency()).list(QStringLiteral("user.disable")).value().size(), 1);
}

void tst_AuthService::lastActiveAdminIsKept()
{
    CALLVIA_TEST_DATABASE(db);
    AuthService auth(db, m_clock, 1000);
    const qint64 rootId = addUser(auth, QStringLiteral("root"), QStringLiteral("admin"), 0, m_password);
    const Session root(rootId, QStringLiteral("root"), Session::Role::Admin, 0);
    const DbError disableSelf = auth.setDisabled(root, QStringLiteral("root"), true);
    QVERIFY2(disableSelf.message().contains(QStringLiteral("last active administrator")),
        qPrintable(disableSelf.message()));
    const DbError demoteSelf = auth.setRole(root, QStringLiteral("root"), QStringLiteral("staff"), 0);
    QVERIFY2(demoteSelf.message().startsWith(QStringLiteral("Role: root is the last active administrator")),
        qPrintable(demoteSelf.message()));
    QVERIFY(auth.setDisabled(Session::system(), QStringLiteral("root"), true)); // the operator too
    QCOMPARE(user(db, m_clock, QStringLiteral("root")).role, QStringLiteral("admin"));
    QVERIFY(!user(db, m_clock, QStringLiteral("root")).disabled);
    QCOMPARE(AuditRepository(db, TenantScope::agency()).list(QStringLiteral("user.disable")).value().size(), 0);

    // A disabled admin does not count: with "ann" disabled, root is still the last active one.
    addUser(auth, QStringLiteral("ann"), QStringLiteral("admin"), 0, m_password);
    QVERIFY(!auth.setDisabled(root, QStringLiteral("ann"), true));
    QVERIFY(auth.setRole(root, QStringLiteral("root"), QStringLiteral("staff"), 0));
    QVERIFY(!auth.setDisabled(root, QStringLiteral("ann"), false));
    QVERIFY(!auth.setRole(root, QStringLiteral("root"), QStringLiteral("staff"), 0)); // ann remains
    QCOMPARE(user(db, m_clock, QStringLiteral("root")).role, QStringLiteral("staff"));
    QCOMPARE(UserRepository(db, m_clock).countActiveAdmins().value(), 1);
    QVERIFY(auth.setDisabled(Session::system(), QStringLiteral("ann"), true)); // now ann is the last
    QCOMPARE(AuditRepository(db, TenantScope::agency()).list(QStringLiteral("user.role_change")).value().size(), 1);
}

// Two admins demoting each other at the same instant: a second, raw connection locks the active
// admins and demotes ann without committing; the service, demoting bob meanwhile, must wait for
// that lock, then see ann demoted and refuse. (Counting without the lock saw two admins, and both
// demotions went through.) Deterministic: the test commits only once PostgreSQL reports the
// service's backend blocked by the raw connection.
void tst_AuthService::concurrentDemotionsKeepAnAdminOnPostgres()
{
    QString skip, error;
    auto test = Tests::TestDatabase::create(QStringLiteral("postgresql"), &skip, &error);
    if (!test && !skip.isEmpty())
        QSKIP(qPrintable(skip));
    QVERIFY2(test, qPrintable(error));
    Database &db = test->database();
    AuthService auth(db, m_clock, 1000);
    const qint64 annId = addUser(auth, QStringLiteral("ann"), QStringLiteral("admin"), 0, m_password);
    QVERIFY(addUser(auth, QStringLiteral("bob"), QStringLiteral("admin"), 0, m_password) > 0);
    const std::optional<DatabaseUrl> url = DatabaseUrl::parse(test->url(), &error);
    QVERIFY2(url, qPrintable(error));
    const QString rawName = QStringLiteral("tst_authservice-raw");
    {
        QSqlDatabase raw = url->addConnection(rawName);
        QVERIFY2(raw.open(), qPrintable(raw.lastError().text()));
        QVERIFY(raw.transaction());
        bool rawOpen = true;
        std::atomic<bool> done { false };
        DbError result;
        std::thread demoter;
        // On any early return: release the lock first, so the demoter can finish and be joined.
        const auto finish = qScopeGuard([&] {
            if (rawOpen)
                raw.rollback();
            if (demoter.joinable())
                demoter.join();
        });
        QSqlQuery q(raw);
        QVERIFY2(q.exec(QStringLiteral("SELECT id FROM users WHERE role = 'admin' AND disabled = 0 FOR UPDATE")),
            qPrintable(q.lastError().text()));
        QVERIFY(q.exec(QStringLiteral("UPDATE users SET role = 'staff' WHERE id = %1").arg(annId)));
        QCOMPARE(q.numRowsAffected(), 1);

        demoter = std::thread([&] {
            result = auth.setRole(Session::system(), QStringLiteral("bob"), QStringLiteral("staff"), 0);
            db.releaseThreadConnection();
            done = true;
        });
        QSqlQuery blocked(raw);
        const auto demoterWaitsForUs = [&] {
            // pg_locks is read live (pg_stat_activity would stay frozen for this transaction).
            return blocked.exec(QStringLiteral("SELECT count(*) FROM pg_locks WHERE NOT granted "
                                               "AND pg_backend_pid() = ANY(pg_blocking_pids(pid))"))
                && blocked.next() && blocked.value(0).toInt() > 0;
        };
        QVERIFY2(QTest::qWaitFor([&] { return done || demoterWaitsForUs(); }, 30000),
            "the demotion neither waited nor finished");
        QVERIFY2(!done, "the demotion must wait for the other transaction's lock on the admins");
        QVERIFY2(raw.commit(), qPrintable(raw.lastError().text()));
        rawOpen = false;
        demoter.join();
        QVERIFY2(result.message().startsWith(QStringLiteral("Role: bob is the last active administrator")),
            qPrintable(result.message()));
    }
    QSqlDatabase::removeDatabase(rawName);
    QCOMPARE(user(db, m_clock, QStringLiteral("bob")).role, QStringLiteral("admin"));
    QCOMPARE(user(db, m_clock, QStringLiteral("ann")).role, QStringLiteral("staff"));
    QCOMPARE(UserRepository(db, m_clock).countActiveAdmins().value(), 1);
    QCOMPARE(AuditRepository(db, TenantScope::agency()).list(QStringLiteral("user.role_change")).value().size(), 0);
}

void tst_AuthService::demotedOrDisabledAdminSessionLosesRights()
{
    CALLVIA_TEST_DATABASE(db);
    AuthService auth(db, m_clock, 1000);
    addUser(auth, QStringLiteral("root"), QStringLiteral("admin"), 0, m_password);
    const qint64 annId = addUser(auth, QStringLiteral("ann"), QStringLiteral("admin"), 0, m_password);
    const Session ann = *auth.signIn(QStringLiteral("ann"), m_password).session;
    QVERIFY(auth.createUser(ann, { QStringLiteral("eve"), {}, QStringLiteral("staff"), 0, m_password, false })
                .ok());
    QVERIFY(!auth.setRole(Session::system(), QStringLiteral("ann"), QStringLiteral("staff"), 0));
    // ann's session still says admin; the table says otherwise and wins.
    QCOMPARE(ann.role(), Session::Role::Admin);
    const auto refused
        = auth.createUser(ann, { QStringLiteral("mallory"), {}, QStringLiteral("admin"), 0, m_password, false });
    QVERIFY(refused.error().message().contains(QStringLiteral("Permission denied")));
    QVERIFY(auth.setRole(ann, QStringLiteral("ann"), QStringLiteral("admin"), 0));
    QVERIFY(!auth.setRole(Session::system(), QStringLiteral("ann"), QStringLiteral("admin"), 0));
    QVERIFY(!auth.setDisabled(Session::system(), QStringLiteral("ann"), true));
    QVERIFY(auth.resetPassword(ann, QStringLiteral("eve"), QStringLiteral("temporary-pass-77")));
    QVERIFY(!auth.listUsers(ann).ok());
    const Session ghost(annId + 100, QStringLiteral("ghost"), Session::Role::Admin, 0);
    QVERIFY(!auth.listUsers(ghost).ok());
    QVERIFY(!UserRepository(db, m_clock).findByUsername(QStringLiteral("mallory")).ok());
}

void tst_AuthService::listUsersIsForAdminsWithoutHashes()
{
    CALLVIA_TEST_DATABASE(db);
    AuthService auth(db, m_clock, 1000);
    const qint64 rootId = addUser(auth, QStringLiteral("root"), QStringLiteral("admin"), 0, m_password);
    const qint64 bobId = addUser(auth, QStringLiteral("bob"), QStringLiteral("staff"), 0, m_password);
    const Session root(rootId, QStringLiteral("root"), Session::Role::Admin, 0);
    const Session bob(bobId, QStringLiteral("bob"), Session::Role::Staff, 0);
    const auto listed = auth.listUsers(root);
    QVERIFY(listed.ok());
    QCOMPARE(listed.value().size(), 2);
    QCOMPARE(listed.value().at(0).username, QStringLiteral("bob"));
    for (const UserRecord &u : listed.value())
        QVERIFY(u.passwordHash.isEmpty());
    const auto refused = auth.listUsers(bob);
    QVERIFY(!refused.ok());
    QVERIFY(refused.error().message().contains(QStringLiteral("Permission denied")));
}

void tst_AuthService::roleChangeChecksTheClientAndAudits()
{
    CALLVIA_TEST_DATABASE(db);
    AuthService auth(db, m_clock, 1000);
    const qint64 rootId = addUser(auth, QStringLiteral("root"), QStringLiteral("admin"), 0, m_password);
    addUser(auth, QStringLiteral("bob"), QStringLiteral("staff"), 0, m_password);
    const Session root(rootId, QStringLiteral("root"), Session::Role::Admin, 0);
    ClientRecord client;
    client.name = QStringLiteral("Sunrise Dental");
    const qint64 clientId = ClientRepository(db, m_clock, TenantScope::agency()).insert(client).value();

    const DbError noSuchClient
        = auth.setRole(root, QStringLiteral("bob"), QStringLiteral("client"), clientId + 50);
    QVERIFY2(noSuchClient.message().startsWith(QStringLiteral("Client: no client with id")),
        qPrintable(noSuchClient.message()));
    const auto addedToNowhere = auth.createUser(
        root, { QStringLiteral("carl"), {}, QStringLiteral("client"), clientId + 50, m_password, true });
    QVERIFY(addedToNowhere.error().message().startsWith(QStringLiteral("Client:")));
    const DbError staffWithClient = auth.setRole(root, QStringLiteral("bob"), QStringLiteral("staff"), clientId);
    QVERIFY(staffWithClient.message().startsWith(QStringLiteral("Client:")));
    QCOMPARE(user(db, m_clock, QStringLiteral("bob")).role, QStringLiteral("staff"));

    QVERIFY(!auth.setRole(root, QStringLiteral("bob"), QStringLiteral("client"), clientId));
    const UserRecord bob = user(db, m_clock, QStringLiteral("bob"));
    QCOMPARE(bob.role, QStringLiteral("client"));
    QCOMPARE(bob.clientId, clientId);
    const auto changes = AuditRepository(db, TenantScope::agency()).list(QStringLiteral("user.role_change")).value();
    QCOMPARE(changes.size(), 1);
    QCOMPARE(changes.first().username, QStringLiteral("root"));
    QCOMPARE(changes.first().clientId, clientId);
    QVERIFY(changes.first().beforeJson.contains(QStringLiteral("\"role\":\"staff\"")));
    QVERIFY(changes.first().afterJson.contains(QStringLiteral("\"client_id\":%1").arg(clientId)));
    // The client's own audit view sees the change to its user.
    QCOMPARE(AuditRepository(db, TenantScope::client(clientId)).list(QStringLiteral("user.role_change"))
                 .value()
                 .size(),
        1);

    const auto taken = auth.createUser(
        root, { QStringLiteral("Bob"), {}, QStringLiteral("staff"), 0, m_password, false });
    QCOMPARE(taken.error().message(), QStringLiteral("User name: already taken"));
    const auto created = auth.createUser(
        root, { QStringLiteral("cleo"), QStringLiteral("Cleo"), QStringLiteral("client"), clientId, m_password, true });
    QVERIFY(created.ok());
    const auto creations = AuditRepository(db, TenantScope::agency()).list(QStringLiteral("user.create")).value();
    QCOMPARE(creations.first().username, QStringLiteral("root"));
    QVERIFY(creations.first().afterJson.contains(QStringLiteral("\"must_change\":true")));
    const QList<AuditRecord> entries = AuditRepository(db, TenantScope::agency()).list().value();
    QVERIFY(entries.size() >= 4);
    for (const AuditRecord &entry : entries) {
        QVERIFY(!entry.afterJson.contains(m_password));
        QVERIFY(!entry.afterJson.contains(QStringLiteral("pbkdf2")));
    }
}

void tst_AuthService::setUpFirstAdminSignsIn()
{
    CALLVIA_TEST_DATABASE(db);
    AuthService auth(db, m_clock, 1000);
    QVERIFY(auth.setUpFirstAdmin(QStringLiteral("root"), QStringLiteral("short"))
                .error()
                .message()
                .startsWith(QStringLiteral("Password")));
    const DbResult<Session> session = auth.setUpFirstAdmin(QStringLiteral("root"), m_password);
    QVERIFY(session.ok());
    QCOMPARE(session.value().username(), QStringLiteral("root"));
    QVERIFY(session.value().canManageUsers());
    QVERIFY(session.value().userId() > 0);
    QCOMPARE(user(db, m_clock, QStringLiteral("root")).lastLoginAt, m_clock.nowMs());
    const auto signIns = AuditRepository(db, TenantScope::agency()).list(QStringLiteral("auth.sign_in")).value();
    QCOMPARE(signIns.size(), 1);
    QCOMPARE(signIns.first().username, QStringLiteral("root"));
    QVERIFY(!auth.setUpFirstAdmin(QStringLiteral("root2"), m_password).ok());
}

QTEST_GUILESS_MAIN(tst_AuthService)
#include "tst_authservice.moc"
