#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>

// `callvia user …`, `callvia secret …` and the headless first-admin rules, run as real
// processes against a SQLite file, checked with direct SQL.
class tst_UserCli : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void addPasswdDisableThroughStdin();
    void passwordNeverOnTheCommandLine();
    void secretSetStoresOnlyCiphertext();
    void headlessRefusesWithoutAdminThenAcceptsEnvironment();

private:
    QProcess *run(const QStringList &arguments, const QByteArray &stdinData = {},
        const QProcessEnvironment &extra = {});
    QVariant scalar(const QString &sql);
    QTemporaryDir m_dir;
    QString m_database;
};

void tst_UserCli::initTestCase() { m_database = m_dir.filePath(QStringLiteral("cli.sqlite")); }

QProcess *tst_UserCli::run(
    const QStringList &arguments, const QByteArray &stdinData, const QProcessEnvironment &extra)
{
    auto *process = new QProcess(this);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(QStringLiteral("data")));
    env.remove(QStringLiteral("CALLVIA_SECRET_KEY"));
    env.insert(extra);
    process->setProcessEnvironment(env);
    process->start(
        QStringLiteral(CALLVIA_BINARY), QStringList { QStringLiteral("--database"), m_database } + arguments);
    process->write(stdinData);
    process->closeWriteChannel();
    return process;
}

QVariant tst_UserCli::scalar(const QString &sql)
{
    QVariant value;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("check"));
        db.setDatabaseName(m_database);
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(sql) && q.next())
                value = q.value(0);
        }
    }
    QSqlDatabase::removeDatabase(QStringLiteral("check"));
    return value;
}

void tst_UserCli::addPasswdDisableThroughStdin()
{
    QProcess *add = run({ QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("alice"),
                            QStringLiteral("--role"), QStringLiteral("admin") },
        "river-stone-42-lamp\n");
    QVERIFY(add->waitForFinished(30000));
    QVERIFY2(add->exitCode() == 0, add->readAllStandardError().constData());
    QVERIFY(add->readAllStandardOutput().contains("created user alice"));
    QCOMPARE(scalar(QStringLiteral("SELECT role FROM users WHERE username = 'alice'")).toString(),
        QStringLiteral("admin"));
    const QString hash
        = scalar(QStringLiteral("SELECT password_hash FROM users WHERE username = 'alice'")).toString();
    QVERIFY2(hash.startsWith(QStringLiteral("pbkdf2-sha256$600000$")), qPrintable(hash));

    QProcess *weak = run({ QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("bob") }, "short\n");
    QVERIFY(weak->waitForFinished(30000));
    QCOMPARE(weak->exitCode(), 1);
    QVERIFY(weak->readAllStandardError().contains("at least 12"));
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM users")).toInt(), 1);

    QProcessEnvironment env;
    env.insert(QStringLiteral("NEW_PW"), QStringLiteral("another-long-pass-9"));
    QProcess *passwd = run(
        { QStringLiteral("user"), QStringLiteral("passwd"), QStringLiteral("alice"),
            QStringLiteral("--password-env"), QStringLiteral("NEW_PW"), QStringLiteral("--must-change") },
        {}, env);
    QVERIFY(passwd->waitForFinished(30000));
    QVERIFY2(passwd->exitCode() == 0, passwd->readAllStandardError().constData());
    QVERIFY(scalar(QStringLiteral("SELECT password_hash FROM users WHERE username = 'alice'")).toString()
        != hash);
    QCOMPARE(
        scalar(QStringLiteral("SELECT must_change_password FROM users WHERE username = 'alice'")).toInt(), 1);

    // alice is the only administrator: disabling her would leave nobody to manage users.
    QProcess *lastAdmin = run({ QStringLiteral("user"), QStringLiteral("disable"), QStringLiteral("alice") });
    QVERIFY(lastAdmin->waitForFinished(30000));
    QCOMPARE(lastAdmin->exitCode(), 1);
    QVERIFY(lastAdmin->readAllStandardError().contains("last active administrator"));
    QCOMPARE(scalar(QStringLiteral("SELECT disabled FROM users WHERE username = 'alice'")).toInt(), 0);
    QProcess *second = run(
        { QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("dora"), QStringLiteral("--role"),
            QStringLiteral("admin"), QStringLiteral("--password-env"), QStringLiteral("NEW_PW") },
        {}, env);
    QVERIFY(second->waitForFinished(30000));
    QVERIFY2(second->exitCode() == 0, second->readAllStandardError().constData());

    QProcess *disable = run({ QStringLiteral("user"), QStringLiteral("disable"), QStringLiteral("alice") });
    QVERIFY(disable->waitForFinished(30000));
    QCOMPARE(disable->exitCode(), 0);
    QCOMPARE(scalar(QStringLiteral("SELECT disabled FROM users WHERE username = 'alice'")).toInt(), 1);
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action IN ('user.create', "
                                   "'user.password_reset', 'user.disable')"))
                 .toInt(),
        4);

    QProcess *unknown = run({ QStringLiteral("user"), QStringLiteral("disable"), QStringLiteral("nobody") });
    QVERIFY(unknown->waitForFinished(30000));
    QCOMPARE(unknown->exitCode(), 1);
    QVERIFY(unknown->readAllStandardError().contains("nobody"));
}

void tst_UserCli::passwordNeverOnTheCommandLine()
{
    QProcess *p = run({ QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("carol"),
        QStringLiteral("--password"), QStringLiteral("river-stone-42-lamp") });
    QVERIFY(p->waitForFinished(30000));
    QCOMPARE(p->exitCode(), 2);
    QVERIFY(p->readAllStandardError().contains("password"));
    QProcess *unset = run({ QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("carol"),
        QStringLiteral("--password-env"), QStringLiteral("NOT_SET_ANYWHERE") });
    QVERIFY(unset->waitForFinished(30000));
    QCOMPARE(unset->exitCode(), 1);
    QVERIFY(unset->readAllStandardError().contains("NOT_SET_ANYWHERE"));
}

void tst_UserCli::secretSetStoresOnlyCiphertext()
{
    QProcess *set = run({ QStringLiteral("secret"), QStringLiteral("set"), QStringLiteral("stripe.api_key") },
        "sk_live_CLI_SENTINEL\n");
    QVERIFY(set->waitForFinished(30000));
    QVERIFY2(set->exitCode() == 0, set->readAllStandardError().constData());
    const QString stored
        = scalar(QStringLiteral("SELECT value FROM settings WHERE key = 'stripe.api_key'")).toString();
    QVERIFY(stored.startsWith(QStringLiteral("enc:v1:")));
    QCOMPARE(
        scalar(QStringLiteral("SELECT is_secret FROM settings WHERE key = 'stripe.api_key'")).toInt(), 1);
    const QString keyFile = m_dir.filePath(QStringLiteral("data/Callvia/Callvia/secret.key"));
    QVERIFY2(QFile::exists(keyFile), qPrintable(keyFile));
    QCOMPARE(QFile::permissions(keyFile) & (QFileDevice::ReadGroup | QFileDevice::ReadOther),
        QFileDevice::Permissions());
    QProcess *list = run({ QStringLiteral("secret"), QStringLiteral("list") });
    QVERIFY(list->waitForFinished(30000));
    const QByteArray out = list->readAllStandardOutput() + list->readAllStandardError();
    QVERIFY(out.contains("stripe.api_key"));
    QVERIFY(!out.contains("SENTINEL"));
}

void tst_UserCli::headlessRefusesWithoutAdminThenAcceptsEnvironment()
{
    m_database = m_dir.filePath(QStringLiteral("headless.sqlite"));
    QProcess *refused
        = run({ QStringLiteral("--headless"), QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0") });
    QVERIFY(refused->waitForFinished(30000));
    QVERIFY(refused->exitCode() != 0);
    QVERIFY(refused->readAllStandardError().contains("callvia --database <URL> user add"));

    QProcessEnvironment env;
    env.insert(QStringLiteral("CALLVIA_ADMIN_USERNAME"), QStringLiteral("root"));
    env.insert(QStringLiteral("CALLVIA_ADMIN_PASSWORD"), QStringLiteral("server-admin-pass-1"));
    QProcess *started = run(
        { QStringLiteral("--headless"), QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0") }, {}, env);
    QByteArray log;
    QTRY_VERIFY_WITH_TIMEOUT(
        (log += started->readAllStandardError()).contains("headless Callvia ready"), 30000);
    ::kill(pid_t(started->processId()), SIGTERM);
    QVERIFY(started->waitForFinished(30000));
    QCOMPARE(started->exitCode(), 0);
    QVERIFY2(!log.contains("server-admin-pass-1"), log.constData());
    QCOMPARE(scalar(QStringLiteral("SELECT role FROM users WHERE username = 'root'")).toString(),
        QStringLiteral("admin"));
}

QTEST_GUILESS_MAIN(tst_UserCli)
#include "tst_usercli.moc"
