#include <common/testdatabase.h>

#include <models/database.h>
#include <models/sqlhelpers.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QScopeGuard>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

#include <sys/stat.h>

using namespace Callvia;
using namespace Callvia::Models;

class tst_Database : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parsesUrls_data();
    void parsesUrls();
    void rejectsBadUrls();
    void migratesFromEmpty_data() { Tests::TestDatabase::addBackendRows(); }
    void migratesFromEmpty();
    void rerunningMigrationsIsNoOp_data() { Tests::TestDatabase::addBackendRows(); }
    void rerunningMigrationsIsNoOp();
    void refusesNewerSchema_data() { Tests::TestDatabase::addBackendRows(); }
    void refusesNewerSchema();
    void sqliteUsesWalAndForeignKeys();
    void sqliteFilesAndFolderAreOwnerOnly();
    void leadChecksRebuildKeepsRowsAndReferences();
    void showCheckBackfilledOnUpgrade_data() { Tests::TestDatabase::addBackendRows(); }
    void showCheckBackfilledOnUpgrade();
    void refusesFileThatIsNotADatabase();
    void refusesForeignSqliteDatabase();
    void transactionRollsBackUnlessCommitted_data() { Tests::TestDatabase::addBackendRows(); }
    void transactionRollsBackUnlessCommitted();
    void reopensAfterUnavailableOutsideTransactions();
    void failedSavepointMarksConnectionStale();
    void respawnArgumentsHoldNoPassword_data();
    void respawnArgumentsHoldNoPassword();
    void sslModeReachesLibpq();
    void passwordFromTheEnvironment();
};

void tst_Database::parsesUrls_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("dialect");
    QTest::addColumn<QString>("display");
    QTest::newRow("sqlite path") << "/tmp/x/callvia.sqlite" << int(Dialect::Sqlite) << "/tmp/x/callvia.sqlite";
    QTest::newRow("postgres full") << "postgresql://app:secret@db.example:6543/callvia" << int(Dialect::PostgreSql)
                                   << "postgresql://app@db.example:6543/callvia";
    QTest::newRow("postgres default port") << "postgres://app@localhost/c" << int(Dialect::PostgreSql)
                                           << "postgresql://app@localhost:5432/c";
}

void tst_Database::parsesUrls()
{
    QFETCH(QString, text);
    QFETCH(int, dialect);
    QFETCH(QString, display);
    QString error;
    const auto url = DatabaseUrl::parse(text, &error);
    QVERIFY2(url, qPrintable(error));
    QCOMPARE(int(url->dialect), dialect);
    QCOMPARE(url->displayName(), display);
    QVERIFY(!url->displayName().contains(QLatin1String("secret")));
}

void tst_Database::rejectsBadUrls()
{
    QString error;
    QVERIFY(!DatabaseUrl::parse(QStringLiteral("postgresql://"), &error));
    QVERIFY(error.contains(QLatin1String("PostgreSQL URL")));
    QVERIFY(!DatabaseUrl::parse(QStringLiteral("postgresql://host-only"), &error));
    QVERIFY(!DatabaseUrl::parse(QStringLiteral("  "), &error));
}

void tst_Database::migratesFromEmpty()
{
    CALLVIA_TEST_DATABASE(db);
    const DbResult<int> version = db.schemaVersion();
    QVERIFY(version.ok());
    QCOMPARE(version.value(), Database::LatestSchemaVersion);
    const QStringList tables = db.connection().tables();
    for (const char *table : { "clients", "users", "campaigns", "leads", "appointments", "call_logs", "messages",
                               "milestones", "invoices", "usage_records", "events", "outbox", "reminders",
                               "opt_outs", "audit_log", "settings", "schema_version", "client_provider_ids" })
        QVERIFY2(tables.contains(QLatin1String(table)), table);
}

namespace {

// One schema_version row per migration file (numbers may skip one while branches are merged).
int migrationCount(Database &db)
{
    const QString dir = db.isSqlite() ? QStringLiteral(":/sql/sqlite/") : QStringLiteral(":/sql/postgresql/");
    int n = 0;
    for (const QString &file : QDir(dir).entryList({ QStringLiteral("*.sql") }, QDir::Files))
        n += file.section(QLatin1Char('_'), 0, 0).toInt() <= Database::LatestSchemaVersion ? 1 : 0;
    return n;
}

} // namespace

void tst_Database::rerunningMigrationsIsNoOp()
{
    CALLVIA_TEST_DATABASE(db);
    QSqlQuery insert(db.connection());
    QVERIFY(insert.exec(QStringLiteral("INSERT INTO settings (key, value, is_secret, updated_at) VALUES ('k', 'v', 0, 1)")));
    QVERIFY(!db.migrate());
    QVERIFY(!db.migrate());
    QSqlQuery count(db.connection());
    QVERIFY(count.exec(QStringLiteral("SELECT COUNT(*) FROM schema_version")));
    QVERIFY(count.next());
    QCOMPARE(count.value(0).toInt(), migrationCount(db));
    QVERIFY(count.exec(QStringLiteral("SELECT value FROM settings WHERE key = 'k'")));
    QVERIFY(count.next());
    QCOMPARE(count.value(0).toString(), QStringLiteral("v"));
}

void tst_Database::refusesNewerSchema()
{
    CALLVIA_TEST_DATABASE(db);
    QSqlQuery query(db.connection());
    QVERIFY(query.exec(QStringLiteral("INSERT INTO schema_version (version, applied_at, description) "
                                      "VALUES (%1, 0, 'from the future')").arg(Database::LatestSchemaVersion + 5)));
    QVERIFY(query.exec(QStringLiteral("INSERT INTO settings (key, value, is_secret, updated_at) VALUES ('keep', 'me', 0, 1)")));
    const DbError error = db.migrate();
    QCOMPARE(error.kind(), DbError::Invalid);
    QVERIFY2(error.message().contains(QLatin1String("newer than this Callvia")), qPrintable(error.message()));
    QVERIFY(query.exec(QStringLiteral("SELECT COUNT(*) FROM schema_version")));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toInt(), migrationCount(db) + 1); // untouched
}

void tst_Database::sqliteUsesWalAndForeignKeys()
{
    QString skip, error;
    auto test = Tests::TestDatabase::create(QStringLiteral("sqlite"), &skip, &error);
    QVERIFY2(test, qPrintable(error));
    QSqlQuery query(test->database().connection());
    QVERIFY(query.exec(QStringLiteral("PRAGMA journal_mode")));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toString(), QStringLiteral("wal"));
    QVERIFY(query.exec(QStringLiteral("PRAGMA foreign_keys")));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toInt(), 1);
    QVERIFY(!query.exec(QStringLiteral("INSERT INTO campaigns (client_id, name, created_at, updated_at) VALUES (999, 'x', 0, 0)")));
}

// The database holds personal data: its file, WAL and shared-memory index, and backups are 0600
// and a folder Callvia creates is 0700, whatever the umask (issue 20 item 5).
void tst_Database::sqliteFilesAndFolderAreOwnerOnly()
{
    const mode_t previous = ::umask(022); // the common default: files 0644, folders 0755
    auto restore = qScopeGuard([previous] { ::umask(previous); });
    constexpr QFileDevice::Permissions others = QFileDevice::ReadGroup | QFileDevice::WriteGroup
            | QFileDevice::ExeGroup | QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther;
    QTemporaryDir dir;
    const QString folder = dir.filePath(QStringLiteral("data/callvia"));
    const QString path = folder + QStringLiteral("/callvia.sqlite");
    QString parseError;
    {
        Database db(*DatabaseUrl::parse(path, &parseError));
        QVERIFY(!db.open());
        QVERIFY(!db.migrate());
        QVERIFY(Sql::exec(db, QStringLiteral("INSERT INTO settings (key, value, updated_at) VALUES ('k', 'v', 0)")).ok());
        for (const char *suffix : { "", "-wal", "-shm" }) {
            const QString file = path + QLatin1String(suffix);
            QVERIFY2(QFileInfo::exists(file), suffix);
            QVERIFY2(!(QFile::permissions(file) & others), qPrintable(file));
        }
        QVERIFY(!(QFile::permissions(folder) & others));
        const QString backup = dir.filePath(QStringLiteral("copy.sqlite"));
        QVERIFY(!db.backupTo(backup));
        QVERIFY(!(QFile::permissions(backup) & others));
        QVERIFY(QFileInfo(backup).size() > 0);
        db.closeAllConnections();
    }
    // A database file left world-readable by an older version is tightened when opened.
    QVERIFY(QFile::setPermissions(path, QFile::permissions(path) | QFileDevice::ReadOther | QFileDevice::ReadGroup));
    Database again(*DatabaseUrl::parse(path, &parseError));
    QVERIFY(!again.open());
    QVERIFY(!(QFile::permissions(path) & others));
    again.closeAllConnections();
}

// Migration 006 rebuilds leads on SQLite (its CHECKs' IN lists become OR chains): every row,
// every reference to a lead, the foreign keys themselves and the constraints survive it.
void tst_Database::leadChecksRebuildKeepsRowsAndReferences()
{
    QString skip, error;
    auto test = Tests::TestDatabase::create(QStringLiteral("sqlite"), &skip, &error, false);
    QVERIFY2(test, qPrintable(error));
    Database &db = test->database();
    QVERIFY(!db.migrate(5));
    QSqlQuery query(db.connection());
    const char *setup[] = {
        "INSERT INTO clients (id, name, created_at, updated_at) VALUES (1, 'Acme', 0, 0)",
        "INSERT INTO campaigns (id, client_id, name, created_at, updated_at) VALUES (7, 1, 'Spring', 0, 0)",
        "INSERT INTO leads (id, client_id, campaign_id, first_name, phone_e164, email, status, consent_type,"
        " call_attempts, created_at, updated_at) VALUES (41, 1, 7, 'Ana', '+12025550101', 'ana@example.com',"
        " 'booked', 'written', 2, 10, 20)",
        "INSERT INTO leads (id, client_id, campaign_id, email, status, created_at, updated_at)"
        " VALUES (42, 1, 7, 'bo@example.com', 'dnc', 11, 21)",
        "INSERT INTO call_logs (client_id, lead_id, campaign_id, retell_call_id, created_at, updated_at)"
        " VALUES (1, 41, 7, 'call_1', 0, 0)",
    };
    for (const char *statement : setup)
        QVERIFY2(query.exec(QString::fromLatin1(statement)), qPrintable(query.lastError().text()));
    const QString rowsSql = QStringLiteral("SELECT id, client_id, campaign_id, first_name, phone_e164, email, status,"
                                           " consent_type, call_attempts, created_at, updated_at FROM leads ORDER BY id");
    auto rows = [&] {
        QStringList out;
        QSqlQuery read(db.connection());
        if (!read.exec(rowsSql))
            return QStringList { read.lastError().text() };
        while (read.next()) {
            QStringList values;
            for (int i = 0; i < 11; ++i)
                values << read.value(i).toString();
            out << values.join(QLatin1Char('|'));
        }
        return out;
    };
    const QStringList before = rows();
    QCOMPARE(before.size(), 2);

    QVERIFY(!db.migrate());
    QCOMPARE(db.schemaVersion().value(), Database::LatestSchemaVersion);
    QCOMPARE(rows(), before);
    QVERIFY(query.exec(QStringLiteral("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'leads'")));
    QVERIFY(query.next());
    QVERIFY2(!query.value(0).toString().contains(QLatin1String(" IN (")), qPrintable(query.value(0).toString()));
    QVERIFY(query.exec(QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'leads'"
                                      " AND name IN ('leads_campaign_status', 'leads_client_campaign_status',"
                                      " 'leads_phone_client_unique', 'leads_email_client_unique')")));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toInt(), 4);

    // Foreign keys are on again, and the call log still refers to its lead.
    QVERIFY(query.exec(QStringLiteral("SELECT lead_id FROM call_logs WHERE retell_call_id = 'call_1'")));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toInt(), 41);
    QVERIFY(query.exec(QStringLiteral("PRAGMA foreign_keys")));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toInt(), 1);
    QVERIFY(!query.exec(QStringLiteral("INSERT INTO leads (client_id, campaign_id, email, created_at, updated_at)"
                                       " VALUES (1, 999, 'x@example.com', 0, 0)")));
    QVERIFY(query.exec(QStringLiteral("DELETE FROM leads WHERE id = 41")));
    QVERIFY(query.exec(QStringLiteral("SELECT COUNT(*), COUNT(lead_id) FROM call_logs")));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toInt(), 1);
    QCOMPARE(query.value(1).toInt(), 0); // ON DELETE SET NULL still applies

    // The same rows are allowed and refused as before.
    for (const char *status : { "new", "contacted", "callback", "booked", "shown", "no_show", "not_interested", "dnc" })
        QVERIFY2(query.exec(QStringLiteral("UPDATE leads SET status = '%1' WHERE id = 42").arg(QLatin1String(status))),
                 status);
    for (const char *consent : { "written", "verbal", "none" })
        QVERIFY2(query.exec(QStringLiteral("UPDATE leads SET consent_type = '%1' WHERE id = 42").arg(QLatin1String(consent))),
                 consent);
    QVERIFY(query.exec(QStringLiteral("UPDATE leads SET consent_type = NULL WHERE id = 42")));
    QVERIFY(!query.exec(QStringLiteral("UPDATE leads SET status = 'bogus' WHERE id = 42")));
    QVERIFY(!query.exec(QStringLiteral("UPDATE leads SET status = 'New' WHERE id = 42")));
    QVERIFY(!query.exec(QStringLiteral("UPDATE leads SET consent_type = 'maybe' WHERE id = 42")));
    QVERIFY(!query.exec(QStringLiteral("UPDATE leads SET email = 'Bo@example.com' WHERE id = 42")));
}

// Migration 019 moves "this appointment's show-check e-mail was decided" onto the appointment: an
// upgraded database keeps the e-mails it already queued (the appointment is not e-mailed twice) and
// still finds the ones not yet decided.
void tst_Database::showCheckBackfilledOnUpgrade()
{
    QFETCH(QString, backend);
    QString skip, error;
    auto test = Tests::TestDatabase::create(backend, &skip, &error, false);
    if (!test && !skip.isEmpty())
        QSKIP(qPrintable(skip));
    QVERIFY2(test, qPrintable(error));
    Database &db = test->database();
    QVERIFY(!db.migrate(15));
    QSqlQuery query(db.connection());
    const char *setup[] = {
        "INSERT INTO clients (id, name, created_at, updated_at) VALUES (1, 'Acme', 0, 0)",
        "INSERT INTO appointments (id, client_id, booking_uid, starts_at, ends_at, status, created_at, updated_at)"
        " VALUES (1, 1, 'bk-mailed', 100, 200, 'scheduled', 0, 0)",
        "INSERT INTO appointments (id, client_id, booking_uid, starts_at, ends_at, status, created_at, updated_at)"
        " VALUES (2, 1, 'bk-waiting', 100, 200, 'scheduled', 0, 0)",
        "INSERT INTO client_confirmations (appointment_id, client_id, status, expires_at, created_at)"
        " VALUES (1, 1, 'queued', 9000, 250)",
    };
    for (const char *statement : setup)
        QVERIFY2(query.exec(QString::fromLatin1(statement)), qPrintable(query.lastError().text()));
    QVERIFY(!db.migrate());
    QVERIFY(query.exec(QStringLiteral("SELECT id, show_check_at FROM appointments ORDER BY id")));
    QVERIFY(query.next());
    QCOMPARE(query.value(1).toLongLong(), 250);
    QVERIFY(query.next());
    QVERIFY(query.value(1).isNull());
}

void tst_Database::refusesFileThatIsNotADatabase()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("garbage.sqlite"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArray(8192, 'x'));
    file.close();
    QString parseError;
    Database db(*DatabaseUrl::parse(path, &parseError));
    DbError error = db.open();
    if (!error)
        error = db.migrate();
    QVERIFY(error.isError());
    QCOMPARE(error.kind(), DbError::Unavailable);
    QVERIFY2(error.message().contains(path), qPrintable(error.message()));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), QByteArray(8192, 'x')); // never touched
}

void tst_Database::refusesForeignSqliteDatabase()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("other.sqlite"));
    QString parseError;
    {
        Database other(*DatabaseUrl::parse(path, &parseError));
        QVERIFY(!other.open());
        QSqlQuery query(other.connection());
        QVERIFY(query.exec(QStringLiteral("CREATE TABLE recipes (id INTEGER PRIMARY KEY)")));
    }
    Database db(*DatabaseUrl::parse(path, &parseError));
    const DbError error = db.migrate();
    QCOMPARE(error.kind(), DbError::Invalid);
    QVERIFY(error.message().contains(QLatin1String("not a Callvia database")));
    QVERIFY(!db.connection().tables().contains(QStringLiteral("clients")));
}

void tst_Database::transactionRollsBackUnlessCommitted()
{
    CALLVIA_TEST_DATABASE(db);
    {
        Transaction transaction(db);
        QVERIFY(transaction.isActive());
        QSqlQuery query(db.connection());
        QVERIFY(query.exec(QStringLiteral("INSERT INTO settings (key, value, is_secret, updated_at) VALUES ('gone', 'x', 0, 1)")));
    }
    {
        Transaction transaction(db);
        QSqlQuery query(db.connection());
        QVERIFY(query.exec(QStringLiteral("INSERT INTO settings (key, value, is_secret, updated_at) VALUES ('kept', 'x', 0, 1)")));
        QVERIFY(!transaction.commit());
    }
    QSqlQuery query(db.connection());
    QVERIFY(query.exec(QStringLiteral("SELECT key FROM settings ORDER BY key")));
    QStringList keys;
    while (query.next())
        keys << query.value(0).toString();
    QCOMPARE(keys, QStringList { QStringLiteral("kept") });
}


// After an Unavailable error the thread's connection is closed and reopened by its next use, but
// never in the middle of a transaction (its statements must not continue on a fresh connection).
void tst_Database::reopensAfterUnavailableOutsideTransactions()
{
    QString skip, error;
    auto test = Tests::TestDatabase::create(QStringLiteral("sqlite"), &skip, &error);
    QVERIFY2(test, qPrintable(error));
    Database &database = test->database();
    QVERIFY(!database.open());
    database.noteFailure(DbError(DbError::Other, QStringLiteral("a constraint, not a fault")));
    QVERIFY(database.connection().isOpen());
    {
        Transaction transaction(database);
        QVERIFY(transaction.isActive());
        database.noteFailure(DbError(DbError::Unavailable, QStringLiteral("database is locked")));
        QVERIFY(database.connection().isOpen()); // not inside the transaction
        QVERIFY(Sql::exec(database, QStringLiteral("INSERT INTO settings (key, value, updated_at) VALUES ('reopen', '1', 0)")).ok());
        QVERIFY(!transaction.commit());
    }
    QVERIFY(!database.connection().isOpen()); // closed at the first use after the transaction
    auto read = Sql::exec(database, QStringLiteral("SELECT value FROM settings WHERE key = 'reopen'"));
    QVERIFY(read.ok()); // reopened by the next statement
    QVERIFY(read.value().next());
    QCOMPARE(read.value().value(0).toString(), QStringLiteral("1"));
    QVERIFY(database.connection().isOpen());
}

void tst_Database::respawnArgumentsHoldNoPassword_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QStringList>("expected");
    QTest::addColumn<QString>("password");
    const QString with = QStringLiteral("postgresql://app:s3cr%40t@db.example:6543/callvia?sslmode=verify-full");
    const QString without = QStringLiteral("postgresql://app@db.example:6543/callvia?sslmode=verify-full");
    QTest::newRow("separate") << QStringList { QStringLiteral("--database"), with, QStringLiteral("--no-demo") }
                              << QStringList { QStringLiteral("--database"), without, QStringLiteral("--no-demo") }
                              << QStringLiteral("s3cr@t");
    QTest::newRow("inline") << QStringList { QStringLiteral("--database=") + with }
                            << QStringList { QStringLiteral("--database=") + without } << QStringLiteral("s3cr@t");
    QTest::newRow("sqlite kept") << QStringList { QStringLiteral("--database"), QStringLiteral("/tmp/a:b@c.sqlite") }
                                 << QStringList { QStringLiteral("--database"), QStringLiteral("/tmp/a:b@c.sqlite") }
                                 << QString();
    QTest::newRow("no password") << QStringList { QStringLiteral("--database"), without }
                                 << QStringList { QStringLiteral("--database"), without } << QString();
}

// The restore re-spawn (AppContext::restoreAndRestart) passes these arguments, and the password
// in PGPASSWORD: other local users can read a process's arguments, not its environment.
void tst_Database::respawnArgumentsHoldNoPassword()
{
    QFETCH(QStringList, arguments);
    QFETCH(QStringList, expected);
    QFETCH(QString, password);
    QString removed;
    const QStringList masked = DatabaseUrl::argumentsWithoutPassword(arguments, &removed);
    QCOMPARE(masked, expected);
    QCOMPARE(removed, password);
    if (!password.isEmpty())
        QVERIFY(!masked.join(QLatin1Char(' ')).contains(QStringLiteral("s3cr")));
}

// sslmode=verify-full in the URL reaches libpq: against the test server, which has no TLS, the
// connection is refused instead of silently going unencrypted.
void tst_Database::sslModeReachesLibpq()
{
    const QString base = qEnvironmentVariable("CALLVIA_TEST_PG_URL");
    if (base.isEmpty())
        QSKIP("set CALLVIA_TEST_PG_URL to run it");
    QString error;
    const auto plain = DatabaseUrl::parse(base, &error);
    QVERIFY(plain);
    {
        Database db(*plain);
        QVERIFY2(!db.open(), qPrintable(db.open().message()));
    }
    const auto strict = DatabaseUrl::parse(base + QStringLiteral("?sslmode=verify-full&sslrootcert=/nonexistent.pem"), &error);
    QVERIFY(strict);
    QVERIFY(strict->options.contains(QStringLiteral("sslmode=verify-full")));
    Database db(*strict);
    const DbError refused = db.open();
    QVERIFY(refused);
    QCOMPARE(refused.kind(), DbError::Unavailable);
}

// A URL without a password takes it from libpq's environment (PGPASSWORD here; PGPASSFILE and
// ~/.pgpass alike): checked against a scratch login role that has a SCRAM password.
void tst_Database::passwordFromTheEnvironment()
{
    QString skip, error;
    auto test = Tests::TestDatabase::create(QStringLiteral("postgresql"), &skip, &error);
    if (!test && !skip.isEmpty())
        QSKIP(qPrintable(skip));
    QVERIFY2(test, qPrintable(error));
    const QString role = test->url().section(QLatin1Char('/'), -1) + QStringLiteral(".env");
    {
        QSqlQuery admin(test->database().connection());
        QVERIFY2(admin.exec(QStringLiteral("CREATE ROLE \"%1\" LOGIN PASSWORD 'pw-from-env-123' IN ROLE callvia_app").arg(role)),
            qPrintable(admin.lastError().text()));
    }
    const QByteArray before = qgetenv("PGPASSWORD");
    qputenv("PGPASSWORD", "pw-from-env-123");
    {
        Database db(*DatabaseUrl::parse(test->loginUrl(role, {}), &error));
        const DbError opened = db.open();
        QVERIFY2(!opened, qPrintable(opened.message()));
        QCOMPARE(db.bypassesRowSecurity().value(), false);
    }
    qputenv("PGPASSWORD", "wrong-password-1");
    QSqlQuery trust(test->database().connection());
    QVERIFY(trust.exec(QStringLiteral("SELECT count(*) FROM pg_hba_file_rules WHERE auth_method = 'trust' AND type "
                                      "LIKE 'host%' AND 'all' = ANY(user_name)")) && trust.next());
    if (trust.value(0).toInt() == 0) { // CI asks for SCRAM (.ci/run); a plain initdb trusts loopback
        Database db(*DatabaseUrl::parse(test->loginUrl(role, {}), &error));
        QVERIFY(db.open());
    }
    if (before.isEmpty())
        qunsetenv("PGPASSWORD");
    else
        qputenv("PGPASSWORD", before);
    QCOMPARE(test->database().bypassesRowSecurity().value(), true); // the test's superuser
}

// A SAVEPOINT on a connection the server has dropped fails as Unavailable and, like any other
// statement, is noted: the connection is marked stale and the database reported unhealthy (the
// window's banner), and the first statement after the transaction runs on a fresh connection.
void tst_Database::failedSavepointMarksConnectionStale()
{
    QString skip, error;
    auto test = Tests::TestDatabase::create(QStringLiteral("postgresql"), &skip, &error);
    if (!test && !skip.isEmpty())
        QSKIP(qPrintable(skip));
    QVERIFY2(test, qPrintable(error));
    Database &database = test->database();
    {
        Transaction transaction(database);
        QVERIFY(transaction.isActive());
        auto pid = Sql::exec(database, QStringLiteral("SELECT pg_backend_pid()"));
        QVERIFY(pid.ok() && pid.value().next());
        const qint64 backend = pid.value().value(0).toLongLong();
        {
            const auto url = DatabaseUrl::parse(test->url(), &error);
            QVERIFY2(url, qPrintable(error));
            QSqlDatabase killer = url->addConnection(QStringLiteral("savepoint-killer"));
            QVERIFY2(killer.open(), qPrintable(killer.lastError().text()));
            QSqlQuery terminate(killer);
            QVERIFY2(terminate.exec(QStringLiteral("SELECT pg_terminate_backend(%1)").arg(backend)),
                     qPrintable(terminate.lastError().text()));
            killer.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("savepoint-killer"));
        Savepoint savepoint(database);
        QVERIFY(savepoint.beginError());
        QCOMPARE(savepoint.beginError().kind(), DbError::Unavailable);
        QVERIFY(!database.health().isHealthy());
    } // rolled back without a commit: only the savepoint saw the fault
    auto read = Sql::exec(database, QStringLiteral("SELECT 1"));
    QVERIFY2(read.ok(), qPrintable(read.ok() ? QString() : read.error().message()));
}

QTEST_GUILESS_MAIN(tst_Database)
#include "tst_database.moc"
