#include "cliprocess.h"

#include <common/testdatabase.h>

#include <models/repositories/auditrepository.h>
#include <models/repositories/campaignrepository.h>
#include <models/repositories/clientrepository.h>
#include <models/clock.h>
#include <models/database.h>
#include <models/sqlhelpers.h>
#include <models/repositories/userrepository.h>
#include <services/auth/authservice.h>

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QScopeGuard>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QUrl>
#include <QUuid>
#include <QtTest>

#include <memory>

using namespace Callvia;

// `callvia --user NAME <command>` as a real process, once over a SQLite file and once over
// PostgreSQL (the binary starting on a service login and, once a user signed in, logging in as
// that user's own role, which row-level security binds): the password comes
// from CALLVIA_PASSWORD or stdin (never argv), the sign-in is audited and locks out, and the
// command runs with that user's role and client (checked against the leads, users and audit_log
// rows, and on PostgreSQL against what the command's own connection can see).
class tst_ScopedCli : public QObject
{
    Q_OBJECT
public:
    explicit tst_ScopedCli(QString backend)
        : m_backend(std::move(backend))
    {
    }

private Q_SLOTS:
    void initTestCase();
    void clientUserCannotImportIntoAnotherClient();
    void clientUserMayOnlyDryRunItsOwnCampaign();
    void staffImportsWithPasswordOnStdin();
    void wrongPasswordIsAuditedAndLocksOut();
    void refusedBeforeTheCommandRuns();
    void onlyAdminsManageUsersFromTheCli();
    void withoutUserTheOperatorKeepsFullAccess();
    void clientUsersConnectionIsConfinedByRowLevelSecurity();
    void superuserLoginIsRefused();
    void clientLoginUrlCannotAddAnAdmin();
    void cleanupTestCase();

private:
    using Result = Tests::CliResult;
    Result run(const QStringList &arguments, const QString &password = {}, const QByteArray &stdinData = {});
    qint64 scalar(const QString &sql, const QVariantList &binds = {});
    // The owner's connection on this thread, opened (scalar() releases it after each check).
    QSqlDatabase ownerConnection()
    {
        m_test->database().open();
        return m_test->database().connection();
    }
    qint64 leadsIn(qint64 campaignId)
    {
        return scalar(QStringLiteral("SELECT COUNT(*) FROM leads WHERE campaign_id = ?"), { campaignId });
    }
    qint64 auditCount(const QString &action, const QString &username)
    {
        return scalar(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = ? AND username = ?"),
            { action, username });
    }

    QString m_backend;
    std::unique_ptr<Tests::TestDatabase> m_test; // the owner's connection, for set-up and checks
    QTemporaryDir m_dir;
    QString m_db; // what the binary gets as --database
    QString m_appRole; // PostgreSQL: the binary's login role (member of callvia_app)
    QString m_cleoRole; // PostgreSQL: cleo's own login role (member of callvia_client)
    QString m_csv;
    qint64 m_ownClient = 0; // Acme, cleo's client
    qint64 m_ownCampaign = 0; // client A's, where cleo belongs
    qint64 m_foreignCampaign = 0; // client B's
    const QString m_password = QStringLiteral("river-stone-42-lamp");
};

void tst_ScopedCli::initTestCase()
{
    QString skip, error;
    m_test = Tests::TestDatabase::create(m_backend, &skip, &error);
    if (!m_test && !skip.isEmpty())
        QSKIP(qPrintable(skip));
    QVERIFY2(m_test, qPrintable(error));
    Models::Database &database = m_test->database();
    Models::TestClock clock;
    QList<qint64> campaigns;
    qint64 clientA = 0;
    for (const QString &name : { QStringLiteral("Acme"), QStringLiteral("Bravo") }) {
        Models::ClientRecord client;
        client.name = name;
        Models::CampaignRecord campaign;
        campaign.clientId = Models::ClientRepository(database, clock, Models::TenantScope::agency()).insert(client).value();
        clientA = clientA ? clientA : campaign.clientId;
        campaign.name = name + QStringLiteral(" spring");
        campaigns << Models::CampaignRepository(database, clock, Models::TenantScope::agency()).insert(campaign).value();
    }
    m_ownClient = clientA;
    m_ownCampaign = campaigns.at(0);
    m_foreignCampaign = campaigns.at(1);
    // A low iteration count keeps the set-up fast; the binary verifies it and upgrades on sign-in.
    const Services::AuthService auth(database, clock, 1000);
    const Services::Session op = Services::Session::system();
    const auto add = [&](const QString &name, const QString &role, qint64 clientId, bool mustChange) {
        return auth.createUser(op, { name, {}, role, clientId, m_password, mustChange }).ok();
    };
    QVERIFY(add(QStringLiteral("root"), QStringLiteral("admin"), 0, false));
    QVERIFY(add(QStringLiteral("sam"), QStringLiteral("staff"), 0, false));
    QVERIFY(add(QStringLiteral("cleo"), QStringLiteral("client"), clientA, false));
    QVERIFY(add(QStringLiteral("lou"), QStringLiteral("staff"), 0, false));
    QVERIFY(add(QStringLiteral("newbie"), QStringLiteral("staff"), 0, true));
    m_db = m_test->url();
    if (m_backend == QLatin1String("postgresql")) {
        // As deployed (README): the app logs in as a role that is neither superuser nor table
        // owner, so row-level security binds it. The test keeps the owner for set-up and checks.
        // Its password comes from PGPASSWORD (run()), never the URL.
        m_appRole = QStringLiteral("callvia_t_cli_") + QUuid::createUuid().toString(QUuid::Id128).left(12);
        QSqlQuery admin(database.connection()); // utility statements cannot be prepared
        QVERIFY2(admin.exec(QStringLiteral("CREATE ROLE %1 LOGIN NOSUPERUSER PASSWORD '%2' IN ROLE callvia_app")
                                .arg(m_appRole, m_password)),
            qPrintable(admin.lastError().text()));
        m_db = m_test->loginUrl(m_appRole, {});
        m_cleoRole = Models::UserRepository(database, clock).loginName(QStringLiteral("cleo")).value();
    }
    database.releaseThreadConnection();

    m_csv = m_dir.filePath(QStringLiteral("leads.csv"));
    QFile file(m_csv);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("Name,Phone\nAna,+1 212 555 0142\nBo,+1 212 555 0199\n");
}

tst_ScopedCli::Result tst_ScopedCli::run(
    const QStringList &arguments, const QString &password, const QByteArray &stdinData)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.path());
    env.remove(QStringLiteral("CALLVIA_PASSWORD"));
    if (!m_appRole.isEmpty())
        env.insert(QStringLiteral("PGPASSWORD"), m_password); // the service login's, as systemd's environment would
    if (!password.isEmpty())
        env.insert(QStringLiteral("CALLVIA_PASSWORD"), password);
    return Tests::runCli(m_db, arguments, env, stdinData);
}

// Through the owner's connection, which sees every client's rows.
qint64 tst_ScopedCli::scalar(const QString &sql, const QVariantList &binds)
{
    qint64 n = -1;
    {
        auto q = Models::Sql::exec(m_test->database(), sql, binds);
        if (!q.ok())
            qWarning().noquote() << sql << q.error().message();
        else if (q.value().next())
            n = q.value().value(0).toLongLong();
    }
    m_test->database().releaseThreadConnection(); // holds no SQLite lock while the binary runs
    return n;
}

void tst_ScopedCli::clientUserCannotImportIntoAnotherClient()
{
    const qint64 before = leadsIn(m_foreignCampaign);
    const Result r = run({ QStringLiteral("--user"), QStringLiteral("cleo"), QStringLiteral("import"),
                             QStringLiteral("--campaign"), QString::number(m_foreignCampaign), m_csv },
        m_password);
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(QStringLiteral("unknown campaign %1 (user cleo sees only the campaigns of its own client)")
                                .arg(m_foreignCampaign)
                                .toUtf8()),
        r.err.constData());
    QCOMPARE(leadsIn(m_foreignCampaign), before);
    QVERIFY(auditCount(QStringLiteral("auth.sign_in"), QStringLiteral("cleo")) >= 1);
}

void tst_ScopedCli::clientUserMayOnlyDryRunItsOwnCampaign()
{
    const QStringList import = { QStringLiteral("--user"), QStringLiteral("cleo"), QStringLiteral("import"),
        QStringLiteral("--campaign"), QString::number(m_ownCampaign), m_csv };
    const Result refused = run(import, m_password);
    QCOMPARE(refused.exitCode, 1);
    QVERIFY2(refused.err.contains("Permission denied: user cleo has the client role"), refused.err.constData());
    QCOMPARE(leadsIn(m_ownCampaign), 0);
    const Result dry = run(import + QStringList { QStringLiteral("--dry-run") }, m_password);
    QVERIFY2(dry.exitCode == 0, dry.err.constData());
    QCOMPARE(QJsonDocument::fromJson(dry.out.trimmed()).object().value(QStringLiteral("imported")).toInt(), 2);
    QCOMPARE(leadsIn(m_ownCampaign), 0);
}

void tst_ScopedCli::staffImportsWithPasswordOnStdin()
{
    const qint64 signInsBefore = auditCount(QStringLiteral("auth.sign_in"), QStringLiteral("sam"));
    const Result r = run({ QStringLiteral("--user"), QStringLiteral("sam"), QStringLiteral("import"),
                             QStringLiteral("--campaign"), QString::number(m_foreignCampaign), m_csv },
        {}, m_password.toUtf8() + '\n');
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(QJsonDocument::fromJson(r.out.trimmed()).object().value(QStringLiteral("imported")).toInt(), 2);
    QCOMPARE(leadsIn(m_foreignCampaign), 2);
    QCOMPARE(auditCount(QStringLiteral("auth.sign_in"), QStringLiteral("sam")), signInsBefore + 1);
    QVERIFY(!r.err.contains(m_password.toUtf8()));
    // The 1000-iteration hash from the set-up was raised to the production count at sign-in.
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM users WHERE username = 'sam' AND password_hash LIKE "
                                   "'pbkdf2-sha256$600000$%'")),
        1);
}

void tst_ScopedCli::wrongPasswordIsAuditedAndLocksOut()
{
    const QStringList import = { QStringLiteral("--user"), QStringLiteral("lou"), QStringLiteral("import"),
        QStringLiteral("--campaign"), QString::number(m_foreignCampaign), m_csv };
    const qint64 before = leadsIn(m_foreignCampaign);
    for (int attempt = 1; attempt < Services::AuthService::FreeAttempts; ++attempt) {
        const Result r = run(import, QStringLiteral("not-the-password-1"));
        QCOMPARE(r.exitCode, 6);
        QVERIFY2(r.err.contains("--user lou: Wrong user name or password."), r.err.constData());
    }
    const Result locked = run(import, QStringLiteral("not-the-password-1"));
    QCOMPARE(locked.exitCode, 6);
    // A lock reads like any refusal: the answer never tells that the account exists.
    QVERIFY2(locked.err.contains("--user lou: Wrong user name or password."), locked.err.constData());
    const Result stillLocked = run(import, m_password); // the right password waits out the lock too
    QCOMPARE(stillLocked.exitCode, 6);
    QCOMPARE(stillLocked.err, locked.err);
    QCOMPARE(leadsIn(m_foreignCampaign), before);
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = 'auth.sign_in_failed' AND "
                                   "after_json LIKE '%\"username\":\"lou\"%'")),
        qint64(Services::AuthService::FreeAttempts));
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = 'auth.sign_in_refused' AND "
                                   "after_json LIKE '%\"reason\":\"locked\"%'")),
        1);
    QVERIFY(scalar(QStringLiteral("SELECT locked_until FROM users WHERE username = 'lou'")) > 0);
}

void tst_ScopedCli::refusedBeforeTheCommandRuns()
{
    const QStringList import = { QStringLiteral("import"), QStringLiteral("--campaign"),
        QString::number(m_ownCampaign), m_csv };
    const Result noPassword = run(QStringList { QStringLiteral("--user"), QStringLiteral("sam") } + import);
    QCOMPARE(noPassword.exitCode, 6);
    QVERIFY2(noPassword.err.contains("CALLVIA_PASSWORD"), noPassword.err.constData());
    const Result unknown = run(QStringList { QStringLiteral("--user"), QStringLiteral("nobody") } + import, m_password);
    QCOMPARE(unknown.exitCode, 6);
    QVERIFY(unknown.err.contains("Wrong user name or password."));
    const Result mustChange
        = run(QStringList { QStringLiteral("--user"), QStringLiteral("newbie") } + import, m_password);
    QCOMPARE(mustChange.exitCode, 6);
    QVERIFY2(mustChange.err.contains("must be changed first"), mustChange.err.constData());
    const Result argv = run(QStringList { QStringLiteral("--user"), QStringLiteral("sam"), QStringLiteral("--password"),
                                m_password } + import);
    QVERIFY(argv.exitCode != 0);
    QVERIFY(argv.err.contains("password"));
    const Result noCommand = run({ QStringLiteral("--user"), QStringLiteral("sam") }, m_password);
    QCOMPARE(noCommand.exitCode, 2);
    QVERIFY(noCommand.err.contains("--user applies to sub-commands"));

    const QString backup = m_dir.filePath(QStringLiteral("copy.sqlite"));
    const Result clientBackup = run({ QStringLiteral("--user"), QStringLiteral("cleo"), QStringLiteral("backup"), backup },
        m_password);
    QCOMPARE(clientBackup.exitCode, 1);
    QVERIFY2(clientBackup.err.contains("Permission denied: \"backup\" is for administrators; cleo has the client role"),
        clientBackup.err.constData());
    QVERIFY(!QFile::exists(backup));
    QCOMPARE(leadsIn(m_ownCampaign), 0);
}

void tst_ScopedCli::onlyAdminsManageUsersFromTheCli()
{
    const Result list = run({ QStringLiteral("--user"), QStringLiteral("sam"), QStringLiteral("user"),
                                QStringLiteral("list") },
        m_password);
    QCOMPARE(list.exitCode, 1);
    QVERIFY2(list.err.contains("Permission denied"), list.err.constData());
    QVERIFY(!list.out.contains("root"));
    const Result secret = run({ QStringLiteral("--user"), QStringLiteral("cleo"), QStringLiteral("secret"),
                                  QStringLiteral("list") },
        m_password);
    QCOMPARE(secret.exitCode, 1);
    QVERIFY(secret.err.contains("Permission denied"));

    // stdin: first the signing-in user's password, then the new user's.
    const Result staffAdds = run({ QStringLiteral("--user"), QStringLiteral("sam"), QStringLiteral("user"),
                                     QStringLiteral("add"), QStringLiteral("zed"), QStringLiteral("--role"),
                                     QStringLiteral("admin") },
        {}, m_password.toUtf8() + "\nlamp-river-new-77\n");
    QCOMPARE(staffAdds.exitCode, 1);
    QVERIFY(staffAdds.err.contains("Permission denied"));
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM users WHERE username = 'zed'")), 0);

    const Result adminAdds = run({ QStringLiteral("--user"), QStringLiteral("root"), QStringLiteral("user"),
                                     QStringLiteral("add"), QStringLiteral("zed"), QStringLiteral("--role"),
                                     QStringLiteral("staff") },
        {}, m_password.toUtf8() + "\nlamp-river-new-77\n");
    QVERIFY2(adminAdds.exitCode == 0, adminAdds.err.constData());
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM users WHERE username = 'zed' AND role = 'staff'")), 1);
    QCOMPARE(auditCount(QStringLiteral("user.create"), QStringLiteral("root")), 1); // the admin, not "system"
    const Result lastAdmin = run({ QStringLiteral("--user"), QStringLiteral("root"), QStringLiteral("user"),
                                     QStringLiteral("disable"), QStringLiteral("root") },
        m_password);
    QCOMPARE(lastAdmin.exitCode, 1);
    QVERIFY2(lastAdmin.err.contains("last active administrator"), lastAdmin.err.constData());
    QCOMPARE(scalar(QStringLiteral("SELECT disabled FROM users WHERE username = 'root'")), 0);
}

void tst_ScopedCli::withoutUserTheOperatorKeepsFullAccess()
{
    const qint64 before = leadsIn(m_ownCampaign);
    const QString csv = m_dir.filePath(QStringLiteral("more.csv"));
    QFile file(csv);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("Name,Phone\nCy,+1 212 555 0177\n");
    file.close();
    const Result r = run({ QStringLiteral("import"), QStringLiteral("--campaign"), QString::number(m_ownCampaign), csv });
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(leadsIn(m_ownCampaign), before + 1);
    const Result users = run({ QStringLiteral("user"), QStringLiteral("list") });
    QCOMPARE(users.exitCode, 0);
    QVERIFY(users.out.contains("cleo"));
}

// PostgreSQL only: a probe on the CLI's own connection. A restrictive policy that is always true
// runs, as the connecting role, whenever that connection reads campaigns; it notes the role and
// how many clients' and leads' rows that connection can see. cleo's dry-run must run as cleo's
// own login role and see Acme's rows only; the operator's run (no --user) sees all of them.
void tst_ScopedCli::clientUsersConnectionIsConfinedByRowLevelSecurity()
{
    if (m_backend != QLatin1String("postgresql"))
        QSKIP("row-level security is PostgreSQL's; on SQLite the models' TenantScope does it alone");
    QVERIFY2(leadsIn(m_ownCampaign) > 0 && leadsIn(m_foreignCampaign) > 0, "both clients have leads by now");
    const auto dropProbe = qScopeGuard([this] {
        QSqlQuery drop(ownerConnection());
        drop.exec(QStringLiteral("DROP POLICY IF EXISTS cli_probe ON campaigns"));
        drop.exec(QStringLiteral("DROP FUNCTION IF EXISTS cli_probe_note()"));
        drop.exec(QStringLiteral("DROP TABLE IF EXISTS cli_probe"));
        m_test->database().releaseThreadConnection();
    });
    QSqlQuery owner(ownerConnection());
    for (const QString &statement : {
             QStringLiteral("CREATE TABLE cli_probe (login TEXT, is_super BOOLEAN, leads_seen BIGINT, "
                            "lead_clients_seen BIGINT, clients_seen BIGINT)"),
             QStringLiteral("GRANT INSERT ON cli_probe TO callvia_app, callvia_client"),
             QStringLiteral(
                 "CREATE FUNCTION cli_probe_note() RETURNS BOOLEAN LANGUAGE plpgsql VOLATILE AS $$ BEGIN "
                 "INSERT INTO cli_probe SELECT current_user, r.rolsuper OR r.rolbypassrls, (SELECT count(*) FROM leads), "
                 "(SELECT count(DISTINCT client_id) FROM leads), (SELECT count(*) FROM clients) "
                 "FROM pg_roles r WHERE r.rolname = current_user; RETURN true; END $$"),
             QStringLiteral("GRANT EXECUTE ON FUNCTION cli_probe_note() TO callvia_app, callvia_client"),
             QStringLiteral("CREATE POLICY cli_probe ON campaigns AS RESTRICTIVE FOR SELECT TO callvia_app, "
                            "callvia_client USING (cli_probe_note())") })
        QVERIFY2(owner.exec(statement), qPrintable(owner.lastError().text()));
    owner = QSqlQuery(); // scalar() below closes this connection
    const qint64 ownLeads = scalar(QStringLiteral("SELECT COUNT(*) FROM leads WHERE client_id = ?"), { m_ownClient });
    const qint64 allLeads = scalar(QStringLiteral("SELECT COUNT(*) FROM leads"));

    const Result dry = run({ QStringLiteral("--user"), QStringLiteral("cleo"), QStringLiteral("import"),
                               QStringLiteral("--campaign"), QString::number(m_ownCampaign), m_csv,
                               QStringLiteral("--dry-run") },
        m_password);
    QVERIFY2(dry.exitCode == 0, dry.err.constData());
    QVERIFY2(scalar(QStringLiteral("SELECT COUNT(*) FROM cli_probe WHERE login = ?"), { m_cleoRole }) > 0,
        "the probe never ran as cleo's own login role");
    // Every read after the sign-in ran as cleo's role and saw only Acme (the sign-in itself ran on
    // the service login, which reads no campaigns).
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM cli_probe WHERE login = ? AND NOT is_super AND "
                                   "leads_seen = ? AND lead_clients_seen = 1 AND clients_seen = 1"),
                 { m_cleoRole, ownLeads }),
        scalar(QStringLiteral("SELECT COUNT(*) FROM cli_probe")));

    QVERIFY(scalar(QStringLiteral("WITH gone AS (DELETE FROM cli_probe RETURNING 1) SELECT COUNT(*) FROM gone")) > 0);
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM cli_probe")), 0);
    const Result operatorRun = run({ QStringLiteral("import"), QStringLiteral("--campaign"),
        QString::number(m_ownCampaign), m_csv, QStringLiteral("--dry-run") });
    QVERIFY2(operatorRun.exitCode == 0, operatorRun.err.constData());
    QVERIFY2(scalar(QStringLiteral("SELECT COUNT(*) FROM cli_probe")) > 0, "the probe never ran");
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM cli_probe WHERE login = ? AND NOT is_super AND "
                                   "leads_seen = ? AND clients_seen = 2"),
                 { m_appRole, allLeads }),
        scalar(QStringLiteral("SELECT COUNT(*) FROM cli_probe")));
}

// PostgreSQL only: the binary refuses a login that row-level security does not bind (the test
// database's superuser) unless --allow-superuser is given.
void tst_ScopedCli::superuserLoginIsRefused()
{
    if (m_backend != QLatin1String("postgresql"))
        QSKIP("PostgreSQL logins only");
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.path());
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(CALLVIA_BINARY),
        { QStringLiteral("--database"), m_test->url(), QStringLiteral("user"), QStringLiteral("list") });
    QVERIFY(process.waitForFinished(60000));
    const QByteArray err = process.readAllStandardError();
    QCOMPARE(process.exitCode(), 3);
    QVERIFY2(err.contains("is a superuser or has BYPASSRLS"), err.constData());
    QVERIFY(!process.readAllStandardOutput().contains("cleo"));
    const Result allowed = Tests::runCli(m_test->url(), { QStringLiteral("user"), QStringLiteral("list") }, env);
    QVERIFY2(allowed.exitCode == 0, allowed.err.constData());
    QVERIFY(allowed.out.contains("cleo"));
}

// PostgreSQL only: whoever holds a client user's own database URL (cleo's login role and her
// password) is cleo, not the operator: `user add x --role admin` is refused, by the app and by the
// database (no INSERT on users for the role).
void tst_ScopedCli::clientLoginUrlCannotAddAnAdmin()
{
    if (m_backend != QLatin1String("postgresql"))
        QSKIP("PostgreSQL logins only");
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.path());
    env.insert(QStringLiteral("PGPASSWORD"), m_password);
    const Result r = Tests::runCli(m_test->loginUrl(m_cleoRole, {}),
        { QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("mallory"), QStringLiteral("--role"),
            QStringLiteral("admin") },
        env, "lamp-river-new-77\n");
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("Permission denied"), r.err.constData());
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM users WHERE username = 'mallory'")), 0);
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM pg_roles WHERE rolname LIKE '%.mallory'")), 0);
    // Not even `user list`: cleo is no administrator.
    const Result list = Tests::runCli(m_test->loginUrl(m_cleoRole, {}), { QStringLiteral("user"), QStringLiteral("list") }, env);
    QCOMPARE(list.exitCode, 1);
    QVERIFY(!list.out.contains("root"));
}

void tst_ScopedCli::cleanupTestCase()
{
    if (m_test && !m_appRole.isEmpty()) {
        QSqlQuery(ownerConnection()).exec(QStringLiteral("DROP ROLE IF EXISTS %1").arg(m_appRole));
        m_test->database().releaseThreadConnection();
    }
    m_test.reset();
}

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QTEST_SET_MAIN_SOURCE_PATH
    int failed = 0;
    for (const QString &backend : { QStringLiteral("sqlite"), QStringLiteral("postgresql") }) {
        tst_ScopedCli test(backend);
        failed += QTest::qExec(&test, argc, argv);
    }
    return failed;
}
#include "tst_scopedcli.moc"
