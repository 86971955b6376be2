#include <QFile>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>

// The callvia binary's command-line contract, run as a real process.
class tst_Cli : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void printsVersion();
    void rejectsBadListenAddress();
    void rejectsBadClockOffset();
    void rejectsUnknownCommand();
    void commandHelpTouchesNoDatabase();
    void refusesAFileThatIsNotADatabase();
    void headlessMigratesRunsAndStopsOnSigterm();
    void backsUpAndRestores();

private:
    QProcess *start(const QStringList &arguments, const QString &dataHome,
                    const QProcessEnvironment &extra = QProcessEnvironment());
    QTemporaryDir m_home;
};

QProcess *tst_Cli::start(const QStringList &arguments, const QString &dataHome, const QProcessEnvironment &extra)
{
    auto *process = new QProcess(this);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_DATA_HOME"), dataHome);
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    // headless refuses to start without a user (issue 6): give it its first admin
    env.insert(QStringLiteral("CALLVIA_ADMIN_USERNAME"), QStringLiteral("admin"));
    env.insert(QStringLiteral("CALLVIA_ADMIN_PASSWORD"), QStringLiteral("e2e-server-pass-91"));
    for (const QString &key : extra.keys())
        env.insert(key, extra.value(key));
    process->setProcessEnvironment(env);
    process->start(QStringLiteral(CALLVIA_BINARY), arguments);
    return process;
}

void tst_Cli::printsVersion()
{
    QProcess *p = start({ QStringLiteral("--version") }, m_home.path());
    QVERIFY(p->waitForFinished(20000));
    QCOMPARE(p->exitCode(), 0);
    QVERIFY(p->readAllStandardOutput().contains(CALLVIA_VERSION));
}

void tst_Cli::rejectsBadListenAddress()
{
    QProcess *p = start({ QStringLiteral("--headless"), QStringLiteral("--listen"), QStringLiteral("nonsense") },
                        m_home.path());
    QVERIFY(p->waitForFinished(20000));
    QCOMPARE(p->exitCode(), 2);
    QVERIFY(p->readAllStandardError().contains("--listen"));
}

// CALLVIA_CLOCK_OFFSET_SECONDS (a test/demo aid) must be a whole number of seconds: anything else
// stops the binary with a message naming the variable, before any database is opened.
void tst_Cli::rejectsBadClockOffset()
{
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("never.sqlite"));
    for (const char *value : { "3 days", "1.5", "+-5", "99999999999999999999" }) {
        QProcessEnvironment env;
        env.insert(QStringLiteral("CALLVIA_CLOCK_OFFSET_SECONDS"), QLatin1String(value));
        QProcess *p = start({ QStringLiteral("--headless"), QStringLiteral("--database"), db,
                              QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0") },
                            m_home.path(), env);
        QVERIFY(p->waitForFinished(20000));
        QCOMPARE(p->exitCode(), 2);
        const QByteArray err = p->readAllStandardError();
        QVERIFY2(err.contains("CALLVIA_CLOCK_OFFSET_SECONDS") && err.contains(value), err.constData());
        QVERIFY(!QFile::exists(db));
    }
}

void tst_Cli::rejectsUnknownCommand()
{
    QTemporaryDir dir;
    QProcess *p = start({ QStringLiteral("--database"), dir.filePath(QStringLiteral("db.sqlite")), QStringLiteral("frobnicate") },
                        m_home.path());
    QVERIFY(p->waitForFinished(20000));
    QCOMPARE(p->exitCode(), 2);
    QVERIFY(p->readAllStandardError().contains("unknown command"));
}

// `callvia COMMAND --help` prints the command's usage and exits 0 without opening, and so
// without creating, the database.
void tst_Cli::commandHelpTouchesNoDatabase()
{
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("never.sqlite"));
    for (const char *command : { "import", "user", "secret", "backup", "restore" }) {
        QProcess *p = start({ QStringLiteral("--database"), db, QLatin1String(command), QStringLiteral("--help") },
                            m_home.path());
        QVERIFY(p->waitForFinished(20000));
        QCOMPARE(p->exitCode(), 0);
        const QByteArray out = p->readAllStandardOutput();
        QVERIFY2(out.contains("usage:\n  callvia") && out.contains(command), out.constData());
        QVERIFY2(!QFile::exists(db), command);
    }
}

void tst_Cli::refusesAFileThatIsNotADatabase()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("notes.sqlite"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArray(4096, 'n'));
    file.close();
    QProcess *p = start({ QStringLiteral("--headless"), QStringLiteral("--database"), path,
                          QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0") },
                        m_home.path());
    QVERIFY(p->waitForFinished(20000));
    QVERIFY(p->exitCode() != 0);
    QVERIFY2(p->readAllStandardError().contains(path.toUtf8()), "the message names the file");
}

void tst_Cli::headlessMigratesRunsAndStopsOnSigterm()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("server.sqlite"));
    QProcess *p = start({ QStringLiteral("--headless"), QStringLiteral("--database"), path,
                          QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0") },
                        m_home.path());
    QVERIFY(p->waitForStarted(10000));
    QByteArray log;
    QTRY_VERIFY_WITH_TIMEOUT((log += p->readAllStandardError()).contains("headless Callvia ready"), 20000);
    QVERIFY(QFile::exists(path));
    ::kill(pid_t(p->processId()), SIGTERM);
    QVERIFY(p->waitForFinished(20000));
    QCOMPARE(p->exitStatus(), QProcess::NormalExit);
    QCOMPARE(p->exitCode(), 0);
    log += p->readAllStandardError();
    QVERIFY2(log.contains("stopped cleanly"), log.constData());
}

namespace {

// "action file-or-from" of each audit entry of a SQLite file, oldest first.
QStringList auditTrail(const QString &path)
{
    QStringList trail;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("audit-reader"));
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery q(db);
            q.exec(QStringLiteral("SELECT action, COALESCE(json_extract(after_json, '$.file'), "
                                  "json_extract(after_json, '$.from')) FROM audit_log ORDER BY id"));
            while (q.next())
                trail << q.value(0).toString() + QLatin1Char(' ') + q.value(1).toString();
        }
    }
    QSqlDatabase::removeDatabase(QStringLiteral("audit-reader"));
    return trail;
}

} // namespace

void tst_Cli::backsUpAndRestores()
{
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("live.sqlite"));
    const QString backup = dir.filePath(QStringLiteral("copy.sqlite"));
    QProcess *p = start({ QStringLiteral("--database"), db, QStringLiteral("backup"), backup }, m_home.path());
    QVERIFY(p->waitForFinished(20000));
    QCOMPARE(p->exitCode(), 0);
    QVERIFY(QFile::exists(backup));
    // A backup is an export of every client's data: audited in the live database.
    QCOMPARE(auditTrail(db), QStringList { QStringLiteral("database.backup ") + backup });
    p = start({ QStringLiteral("--database"), db, QStringLiteral("backup"), backup }, m_home.path());
    QVERIFY(p->waitForFinished(20000));
    QCOMPARE(p->exitCode(), 1); // never overwrites
    QVERIFY(p->readAllStandardError().contains("already exists"));
    p = start({ QStringLiteral("--database"), db, QStringLiteral("restore"), backup }, m_home.path());
    QVERIFY(p->waitForFinished(20000));
    QCOMPARE(p->exitCode(), 0);
    QVERIFY(p->readAllStandardOutput().contains("kept as"));
    // The restored database is the backup (made before its own audit entry) plus the restore.
    QCOMPARE(auditTrail(db), QStringList { QStringLiteral("database.restore ") + backup });
    p = start({ QStringLiteral("--database"), db, QStringLiteral("restore"), dir.filePath(QStringLiteral("none.sqlite")) },
              m_home.path());
    QVERIFY(p->waitForFinished(20000));
    QCOMPARE(p->exitCode(), 1);
}

QTEST_GUILESS_MAIN(tst_Cli)
#include "tst_cli.moc"
