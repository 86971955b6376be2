#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>

// Issue 26, the headless server's operations on the real binary: `callvia --check` (validates,
// changes nothing, exit 0 or 1 with one line per finding) and SIGHUP (settings read again while
// the listener keeps running), then a clean SIGTERM stop. SQLite files in a temporary folder.
class tst_HeadlessOps : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void checkCreatesNoDatabase();
    void checkAcceptsACurrentDatabase();
    void checkNamesEachProblem();
    void checkRefusesANewerSchema();
    void checkRefusesAnUnreachableServer();
    void checkRefusesAKeyThatDoesNotDecrypt();
    void checkOnPostgreSql();
    void sighupReloadsSettingsAndKeepsServing();
    void logLinesNameLevelAndComponent();

private:
    QProcess *start(const QStringList &arguments, const QProcessEnvironment &extra = QProcessEnvironment());
    // Runs `callvia --check --database db` (plus `more`), returns stdout; *exitCode set.
    QByteArray check(const QString &db, int *exitCode, const QProcessEnvironment &extra = QProcessEnvironment(),
                     const QStringList &more = {});
    void migrate(const QString &db); // `callvia user list`: creates and migrates the file
    QTemporaryDir m_home;
};

QProcess *tst_HeadlessOps::start(const QStringList &arguments, const QProcessEnvironment &extra)
{
    auto *process = new QProcess(this);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_DATA_HOME"), m_home.path());
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("CALLVIA_ADMIN_USERNAME"), QStringLiteral("admin"));
    env.insert(QStringLiteral("CALLVIA_ADMIN_PASSWORD"), QStringLiteral("e2e-server-pass-91"));
    for (const char *name : { "CALLVIA_DATABASE", "CALLVIA_SECRET_KEY", "CALLVIA_LISTENER_TRUSTED_PROXIES",
                                 "CALLVIA_STRIPE_WEBHOOK_SECRET", "CALLVIA_CALCOM_WEBHOOK_SECRET" })
        env.remove(QLatin1String(name));
    for (const QString &key : extra.keys())
        env.insert(key, extra.value(key));
    process->setProcessEnvironment(env);
    process->start(QStringLiteral(CALLVIA_BINARY), arguments);
    return process;
}

QByteArray tst_HeadlessOps::check(const QString &db, int *exitCode, const QProcessEnvironment &extra,
                                  const QStringList &more)
{
    QProcess *p = start(QStringList { QStringLiteral("--check"), QStringLiteral("--database"), db } + more, extra);
    if (!p->waitForFinished(20000))
        return "timed out";
    *exitCode = p->exitStatus() == QProcess::NormalExit ? p->exitCode() : -1;
    return p->readAllStandardOutput();
}

void tst_HeadlessOps::migrate(const QString &db)
{
    QProcess *p = start({ QStringLiteral("--database"), db, QStringLiteral("user"), QStringLiteral("list") });
    QVERIFY(p->waitForFinished(20000));
    QCOMPARE(p->exitCode(), 0);
}

void tst_HeadlessOps::checkCreatesNoDatabase()
{
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("new.sqlite"));
    int code = -1;
    const QByteArray out = check(db, &code);
    QVERIFY2(code == 0, out.constData());
    QVERIFY2(out.contains("does not exist yet"), out.constData());
    QVERIFY(out.contains("callvia --check: configuration and database usable"));
    QVERIFY(!QFile::exists(db));
}

void tst_HeadlessOps::checkAcceptsACurrentDatabase()
{
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("current.sqlite"));
    migrate(db);
    QProcessEnvironment env;
    env.insert(QStringLiteral("CALLVIA_STRIPE_WEBHOOK_SECRET"), QStringLiteral("whsec_e2e_not_shown"));
    env.insert(QStringLiteral("CALLVIA_LISTENER_TRUSTED_PROXIES"), QStringLiteral("127.0.0.1, 10.0.0.0/8"));
    int code = -1;
    const QByteArray out = check(db, &code, env);
    QVERIFY2(code == 0, out.constData());
    QVERIFY2(out.contains("(current)"), out.constData());
    QVERIFY2(out.contains("ok      provider stripe: webhook_secret set (CALLVIA_STRIPE_WEBHOOK_SECRET)"), out.constData());
    QVERIFY2(out.contains("ok      trusted proxies: 127.0.0.1, 10.0.0.0/8"), out.constData());
    QVERIFY(!out.contains("whsec_e2e_not_shown")); // names where a secret comes from, never its value
    QVERIFY(!out.contains("PROBLEM"));
}

void tst_HeadlessOps::checkNamesEachProblem()
{
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("problems.sqlite"));
    migrate(db);
    QProcessEnvironment env;
    env.insert(QStringLiteral("CALLVIA_LISTENER_TRUSTED_PROXIES"), QStringLiteral("10.0.0.0/33"));
    env.insert(QStringLiteral("CALLVIA_SENDGRID_WEBHOOK_PUBLIC_KEY"), QStringLiteral("not-a-key"));
    env.insert(QStringLiteral("CALLVIA_MESSAGEBIRD_SIGNING_KEY"), QStringLiteral("mb-e2e-secret"));
    env.insert(QStringLiteral("CALLVIA_LISTENER_PUBLIC_URL"), QStringLiteral("hooks.example.com/no-scheme"));
    int code = -1;
    const QByteArray out = check(db, &code, env, { QStringLiteral("--listen"), QStringLiteral("localhost:8787") });
    QVERIFY2(code == 1, out.constData());
    QVERIFY2(out.contains("PROBLEM listen address: localhost:8787: \"localhost\" is not an IP address"), out.constData());
    QVERIFY2(out.contains("PROBLEM listener: trusted proxies: \"10.0.0.0/33\""), out.constData());
    QVERIFY2(out.contains("PROBLEM provider sendgrid: webhook_public_key from CALLVIA_SENDGRID_WEBHOOK_PUBLIC_KEY "
                          "is not the base64 of an EC public key"),
             out.constData());
    QVERIFY2(out.contains("PROBLEM listener public URL: \"hooks.example.com/no-scheme\" is not an http(s) URL"),
             out.constData());
    QVERIFY2(out.contains("callvia --check: 4 problem(s)"), out.constData());
    QVERIFY(!out.contains("mb-e2e-secret"));
}

void tst_HeadlessOps::checkRefusesANewerSchema()
{
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("newer.sqlite"));
    migrate(db);
    {
        QSqlDatabase sql = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("newer"));
        sql.setDatabaseName(db);
        QVERIFY(sql.open());
        QSqlQuery q(sql);
        QVERIFY(q.exec(QStringLiteral("INSERT INTO schema_version (version, applied_at, description) VALUES (999, 0, 'future')")));
    }
    QSqlDatabase::removeDatabase(QStringLiteral("newer"));
    int code = -1;
    const QByteArray out = check(db, &code);
    QVERIFY2(code == 1, out.constData());
    QVERIFY2(out.contains("schema version 999, newer than this Callvia understands"), out.constData());
}

void tst_HeadlessOps::checkRefusesAnUnreachableServer()
{
    int code = -1;
    // Port 1 on loopback: nothing listens there, the connection is refused at once.
    const QByteArray out = check(QStringLiteral("postgresql://callvia_service@127.0.0.1:1/callvia"), &code);
    QVERIFY2(code == 1, out.constData());
    QVERIFY2(out.contains("PROBLEM database:"), out.constData());
}

void tst_HeadlessOps::checkRefusesAKeyThatDoesNotDecrypt()
{
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("secrets.sqlite"));
    QProcess *set = start({ QStringLiteral("--database"), db, QStringLiteral("secret"), QStringLiteral("set"),
                            QStringLiteral("stripe.webhook_secret") });
    QVERIFY(set->waitForStarted(10000));
    set->write("whsec_e2e_stored");
    set->closeWriteChannel();
    QVERIFY(set->waitForFinished(20000));
    QCOMPARE(set->exitCode(), 0);
    int code = -1;
    QByteArray out = check(db, &code); // the key file the secret was stored with
    QVERIFY2(code == 0, out.constData());
    QVERIFY2(out.contains("decrypts the 1 stored secrets"), out.constData());
    QVERIFY2(out.contains("ok      provider stripe: webhook_secret set (setting stripe.webhook_secret)"), out.constData());
    QProcessEnvironment other;
    other.insert(QStringLiteral("CALLVIA_SECRET_KEY"), QString::fromLatin1(QByteArray(32, 'k').toBase64()));
    out = check(db, &code, other);
    QVERIFY2(code == 1, out.constData());
    QVERIFY2(out.contains("PROBLEM secrets key: the key from CALLVIA_SECRET_KEY does not decrypt the stored secret "
                          "stripe.webhook_secret"),
             out.constData());
    QVERIFY(!out.contains("whsec_e2e_stored"));
}

// With CALLVIA_TEST_PG_URL (the tests' superuser): refused as a login RLS does not bind, usable
// with --allow-superuser. The schema may be at any version the other suites left.
void tst_HeadlessOps::checkOnPostgreSql()
{
    const QString url = qEnvironmentVariable("CALLVIA_TEST_PG_URL");
    if (url.isEmpty())
        QSKIP("CALLVIA_TEST_PG_URL not set");
    int code = -1;
    QByteArray out = check(url, &code);
    QVERIFY2(code == 1, out.constData());
    QVERIFY2(out.contains("is a superuser or has BYPASSRLS"), out.constData());
    out = check(url, &code, {}, { QStringLiteral("--allow-superuser") });
    QVERIFY2(code == 0, out.constData());
    // "ok" at the current schema, a "note" when the migrations are still to run (a fresh
    // database, as in CI where every other suite makes its own): either way no PROBLEM.
    QVERIFY2(out.contains("ok      database: postgresql://") || out.contains("note    database: postgresql://"),
             out.constData());
    QVERIFY2(!out.contains("PROBLEM"), out.constData());
}

void tst_HeadlessOps::sighupReloadsSettingsAndKeepsServing()
{
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("server.sqlite"));
    const QString rules = dir.filePath(QStringLiteral("logging.ini"));
    {
        QFile file(rules);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("[Rules]\ncallvia.*.debug=false\n");
    }
    QProcessEnvironment env;
    env.insert(QStringLiteral("QT_LOGGING_CONF"), rules);
    QProcess *p = start({ QStringLiteral("--headless"), QStringLiteral("--database"), db, QStringLiteral("--listen"),
                          QStringLiteral("127.0.0.1:0") },
                        env);
    QVERIFY(p->waitForStarted(10000));
    QByteArray log;
    QTRY_VERIFY_WITH_TIMEOUT((log += p->readAllStandardError()).contains("headless Callvia ready"), 20000);
    QVERIFY2(!log.contains("calcom"), log.constData());

    // Settings an administrator changed in another instance's admin console, in the shared file.
    {
        QSqlDatabase sql = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("edit"));
        sql.setDatabaseName(db);
        QVERIFY(sql.open());
        QSqlQuery q(sql);
        QVERIFY(q.exec(QStringLiteral("PRAGMA busy_timeout = 5000")));
        QVERIFY2(q.exec(QStringLiteral("INSERT INTO settings (key, value, is_secret, updated_at) VALUES "
                                       "('listener.trusted_proxies', '10.9.8.7', 0, 0), "
                                       "('calcom.webhook_secret', 'cal-e2e-not-shown', 0, 0)")),
                 qPrintable(q.lastError().text()));
    }
    QSqlDatabase::removeDatabase(QStringLiteral("edit"));

    ::kill(pid_t(p->processId()), SIGHUP);
    QTRY_VERIFY_WITH_TIMEOUT((log += p->readAllStandardError()).contains("configuration reloaded:"), 10000);
    QTRY_VERIFY_WITH_TIMEOUT((log += p->readAllStandardError()).contains("trusted proxies: 10.9.8.7"), 5000);
    QVERIFY2(log.contains("webhook secrets of calcom"), log.constData());
    QVERIFY2(log.contains("logging rules read again from"), log.constData());
    QVERIFY(!log.contains("cal-e2e-not-shown"));
    QCOMPARE(p->state(), QProcess::Running); // a reload, not a stop

    ::kill(pid_t(p->processId()), SIGTERM);
    QVERIFY(p->waitForFinished(20000));
    QCOMPARE(p->exitStatus(), QProcess::NormalExit);
    QCOMPARE(p->exitCode(), 0);
    log += p->readAllStandardError();
    QVERIFY2(log.contains("stopped cleanly"), log.constData());
}

// Issue 26 item 1: every line the headless server writes is "level=<type> component=<category>
// message=<text>", for a normal start and stop and for a start that fails.
void tst_HeadlessOps::logLinesNameLevelAndComponent()
{
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("logs.sqlite"));
    if (qEnvironmentVariableIsSet("QT_MESSAGE_PATTERN"))
        QSKIP("QT_MESSAGE_PATTERN is set: it replaces the headless line format on purpose");
    QProcess *p = start({ QStringLiteral("--headless"), QStringLiteral("--database"), db, QStringLiteral("--listen"),
                          QStringLiteral("127.0.0.1:0") });
    QVERIFY(p->waitForStarted(10000));
    QByteArray log;
    QTRY_VERIFY_WITH_TIMEOUT((log += p->readAllStandardError()).contains("headless Callvia ready"), 20000);
    ::kill(pid_t(p->processId()), SIGTERM);
    QVERIFY(p->waitForFinished(20000));
    log += p->readAllStandardError();
    static const QRegularExpression line(
            QStringLiteral("^level=(debug|info|warning|critical|fatal) component=[a-z][a-z.]* message=\\S"));
    int lines = 0;
    for (const QByteArray &text : log.split('\n')) {
        if (text.isEmpty())
            continue;
        ++lines;
        QVERIFY2(line.match(QString::fromUtf8(text)).hasMatch(), text.constData());
    }
    QVERIFY(lines >= 3);
    QVERIFY2(log.contains("level=info component=callvia.app message=listening on 127.0.0.1:"), log.constData());
    QVERIFY2(log.contains("level=info component=callvia.main message=headless Callvia ready on"), log.constData());
    QVERIFY2(log.contains("level=info component=callvia.main message=stopped cleanly"), log.constData());

    // A database that cannot be opened (a folder): one critical line, exit 3.
    QProcess *failed = start({ QStringLiteral("--headless"), QStringLiteral("--database"), dir.path(),
                               QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0") });
    QVERIFY(failed->waitForFinished(20000));
    const QByteArray failure = failed->readAllStandardError();
    QCOMPARE(failed->exitCode(), 3);
    QVERIFY2(failure.contains("level=critical component=callvia.main message="), failure.constData());
}

QTEST_GUILESS_MAIN(tst_HeadlessOps)
#include "tst_headlessops.moc"
