#include <services/auth/aesgcmcipher.h>
#include <services/auth/systemkeychain.h>

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>
#include <cstdio>
#include <sys/types.h>

using namespace Callvia::Services;

// SecretKeyStore against a real Secret Service: a private D-Bus session bus (no service
// activation) with gnome-keyring-daemon unlocked from stdin, so no prompter is needed. Covers
// a new key going into the keychain, reuse, a key file moving in, and the fallback to the key
// file when the bus cannot be reached (in a child process: libsecret keeps its first bus).
class tst_SystemKeychain : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void newKeyGoesIntoTheKeychainAndNoFile();
    void secondLoadReturnsTheSameKey();
    void keyFileMovesIntoTheKeychain();
    void unreachableBusFallsBackToTheKeyFile();
    void cleanupTestCase();

private:
    QString lookUpWithSecretTool(const QString &key);

    QTemporaryDir m_dir;
    qint64 m_busPid = 0;
    qint64 m_keyringPid = 0;
    QProcessEnvironment m_daemonEnvironment;
    QByteArray m_firstKey;
};

namespace {

const char probeVariable[] = "CALLVIA_KEYCHAIN_PROBE";

// In the child: one SecretKeyStore::load with the real keychain; prints the source and the key.
int runProbe(const QString &keyFilePath)
{
    SystemKeychain keychain(QStringLiteral("Callvia"), QStringLiteral("probe-key"));
    QString error, source;
    const QByteArray key = SecretKeyStore::load(keyFilePath, &error, &source, &keychain);
    std::printf("%s\n%s\n", qPrintable(source), key.toHex().constData());
    if (key.isEmpty())
        std::fprintf(stderr, "%s\n", qPrintable(error));
    return key.isEmpty() ? 1 : 0;
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

void tst_SystemKeychain::initTestCase()
{
    qunsetenv("CALLVIA_SECRET_KEY");
    const QString busDaemon = QStandardPaths::findExecutable(QStringLiteral("dbus-daemon"));
    const QString keyringDaemon = QStandardPaths::findExecutable(QStringLiteral("gnome-keyring-daemon"));
    if (busDaemon.isEmpty() || keyringDaemon.isEmpty()) {
        const QByteArray missing = "dbus-daemon or gnome-keyring-daemon is not installed "
                                   "(packaging/deps-debian.sh installs dbus and gnome-keyring)";
        if (qEnvironmentVariableIsSet("CI"))
            QFAIL(missing.constData());
        QSKIP(missing.constData());
    }
    QVERIFY(m_dir.isValid());
    const QString runtime = m_dir.filePath(QStringLiteral("run"));
    QVERIFY(QDir().mkpath(runtime));
    QVERIFY(QFile::setPermissions(runtime, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner));
    // A bus with no service directories: nothing is auto-started behind the test's back.
    const QString config = m_dir.filePath(QStringLiteral("bus.conf"));
    QFile configFile(config);
    QVERIFY(configFile.open(QIODevice::WriteOnly));
    configFile.write(QStringLiteral(
        "<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\" "
        "\"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n"
        "<busconfig><type>session</type><listen>unix:dir=%1</listen><auth>EXTERNAL</auth>"
        "<policy context=\"default\"><allow send_destination=\"*\" eavesdrop=\"true\"/>"
        "<allow eavesdrop=\"true\"/><allow own=\"*\"/></policy></busconfig>\n")
                         .arg(runtime)
                         .toUtf8());
    configFile.close();

    QProcess bus;
    bus.start(busDaemon, { QStringLiteral("--config-file=") + config, QStringLiteral("--fork"),
                             QStringLiteral("--print-address=1"), QStringLiteral("--print-pid=1") });
    QVERIFY2(bus.waitForFinished(10000) && bus.exitCode() == 0, bus.readAllStandardError().constData());
    const QList<QByteArray> lines = bus.readAllStandardOutput().trimmed().split('\n');
    QCOMPARE(lines.size(), 2);
    const QString address = QString::fromUtf8(lines.at(0).trimmed());
    m_busPid = lines.at(1).trimmed().toLongLong();
    QVERIFY(m_busPid > 0);
    // Before any QtKeychain call: libsecret connects to the session bus once per process.
    qputenv("DBUS_SESSION_BUS_ADDRESS", address.toUtf8());

    m_daemonEnvironment = QProcessEnvironment::systemEnvironment();
    m_daemonEnvironment.insert(QStringLiteral("HOME"), m_dir.path());
    m_daemonEnvironment.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(QStringLiteral("data")));
    m_daemonEnvironment.insert(QStringLiteral("XDG_RUNTIME_DIR"), runtime);
    m_daemonEnvironment.remove(QStringLiteral("XDG_CURRENT_DESKTOP"));
    QProcess keyring;
    keyring.setProcessEnvironment(m_daemonEnvironment);
    // --unlock reads the login password from stdin: it creates the "login" collection and
    // unlocks it, which is what a desktop sign-in does through PAM.
    keyring.start(keyringDaemon, { QStringLiteral("--unlock"), QStringLiteral("--components=secrets") });
    QVERIFY(keyring.waitForStarted(10000));
    keyring.write("test-login-password");
    keyring.closeWriteChannel();
    QVERIFY2(keyring.waitForFinished(20000) && keyring.exitCode() == 0, keyring.readAllStandardError().constData());

    // The launcher returns before the daemon owns its name: wait for it on the bus.
    QDBusConnection connection = QDBusConnection::connectToBus(address, QStringLiteral("tst_systemkeychain"));
    QVERIFY2(connection.isConnected(), qPrintable(connection.lastError().message()));
    const QString secrets = QStringLiteral("org.freedesktop.secrets");
    QVERIFY2(QTest::qWaitFor([&] { return connection.interface()->isServiceRegistered(secrets).value(); }, 20000),
        "gnome-keyring-daemon never registered org.freedesktop.secrets");
    m_keyringPid = connection.interface()->servicePid(secrets).value();
    QDBusConnection::disconnectFromBus(QStringLiteral("tst_systemkeychain"));
}

// What `secret-tool lookup user KEY server Callvia` prints: the README's way to hand the key
// to a sub-command (CALLVIA_SECRET_KEY). QtKeychain stores binary data base64-encoded.
QString tst_SystemKeychain::lookUpWithSecretTool(const QString &key)
{
    const QString tool = QStandardPaths::findExecutable(QStringLiteral("secret-tool"));
    if (tool.isEmpty())
        return QStringLiteral("(secret-tool not installed)");
    QProcess lookup;
    lookup.start(tool,
        { QStringLiteral("lookup"), QStringLiteral("user"), key, QStringLiteral("server"), QStringLiteral("Callvia") });
    if (!lookup.waitForFinished(10000))
        return QStringLiteral("(secret-tool timed out)");
    return QString::fromUtf8(lookup.readAllStandardOutput().trimmed() + lookup.readAllStandardError());
}

void tst_SystemKeychain::newKeyGoesIntoTheKeychainAndNoFile()
{
    const QString path = m_dir.filePath(QStringLiteral("keys/secret.key"));
    SystemKeychain keychain; // the app's own entry: Callvia/secrets-key
    QString error, source;
    m_firstKey = SecretKeyStore::load(path, &error, &source, &keychain);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(m_firstKey.size(), 32);
    QCOMPARE(source, QStringLiteral("OS keychain (Callvia/secrets-key)"));
    QVERIFY2(!QFile::exists(path), "the key lives in the keychain only");
    QByteArray stored;
    QCOMPARE(SystemKeychain().read(&stored, &error), Keychain::Status::Found);
    QCOMPARE(stored, m_firstKey);
    // Seen from outside the app: an item in the Secret Service, not some file of our own.
    QCOMPARE(lookUpWithSecretTool(QStringLiteral("secrets-key")), QString::fromLatin1(m_firstKey.toBase64()));
}

void tst_SystemKeychain::secondLoadReturnsTheSameKey()
{
    QVERIFY(!m_firstKey.isEmpty());
    const QString path = m_dir.filePath(QStringLiteral("keys/secret.key"));
    SystemKeychain keychain;
    QString error, source;
    QCOMPARE(SecretKeyStore::load(path, &error, &source, &keychain), m_firstKey);
    QCOMPARE(source, QStringLiteral("OS keychain (Callvia/secrets-key)"));
    QVERIFY(!QFile::exists(path));
}

void tst_SystemKeychain::keyFileMovesIntoTheKeychain()
{
    const QString path = m_dir.filePath(QStringLiteral("old/secret.key"));
    QVERIFY(QDir().mkpath(QFileInfo(path).absolutePath()));
    const QByteArray old(32, 'o');
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(old);
    file.close();
    SystemKeychain keychain(QStringLiteral("Callvia"), QStringLiteral("migrated-key"));
    QString error, source;
    QCOMPARE(SecretKeyStore::load(path, &error, &source, &keychain), old);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(source, QStringLiteral("OS keychain (Callvia/migrated-key), moved from %1").arg(path));
    QVERIFY2(!QFile::exists(path), "the key file is removed once the keychain holds the key");
    QByteArray stored;
    QCOMPARE(keychain.read(&stored, &error), Keychain::Status::Found);
    QCOMPARE(stored, old);
    QCOMPARE(SecretKeyStore::load(path, &error, &source, &keychain), old);
    QCOMPARE(source, QStringLiteral("OS keychain (Callvia/migrated-key)"));
}

void tst_SystemKeychain::unreachableBusFallsBackToTheKeyFile()
{
    const QString path = m_dir.filePath(QStringLiteral("nobus/secret.key"));
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QString::fromLatin1(probeVariable), path);
    environment.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
        QStringLiteral("unix:path=%1").arg(m_dir.filePath(QStringLiteral("no-bus-here"))));
    environment.remove(QStringLiteral("DISPLAY")); // no X11 autolaunch of a bus either
    QProcess probe;
    probe.setProcessEnvironment(environment);
    probe.start(QCoreApplication::applicationFilePath(), {});
    QVERIFY(probe.waitForFinished(60000));
    const QByteArray errors = probe.readAllStandardError();
    QVERIFY2(probe.exitStatus() == QProcess::NormalExit && probe.exitCode() == 0, errors.constData());
    const QList<QByteArray> lines = probe.readAllStandardOutput().trimmed().split('\n');
    QCOMPARE(lines.size(), 2);
    const QString source = QString::fromUtf8(lines.at(0));
    QVERIFY2(source.startsWith(path + QStringLiteral(" (OS keychain unavailable: ")), qPrintable(source));
    QVERIFY2(QFile::exists(path), "the key file is the fallback");
    QCOMPARE(readFile(path).toHex(), lines.at(1));
    QByteArray stored;
    QString error;
    QCOMPARE(SystemKeychain(QStringLiteral("Callvia"), QStringLiteral("probe-key")).read(&stored, &error),
        Keychain::Status::NotFound);
}

void tst_SystemKeychain::cleanupTestCase()
{
    // gnome-keyring-daemon also leaves when its bus goes, but is not left to chance.
    if (m_keyringPid > 0)
        ::kill(pid_t(m_keyringPid), SIGTERM);
    if (m_busPid > 0)
        ::kill(pid_t(m_busPid), SIGTERM);
}

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (qEnvironmentVariableIsSet(probeVariable))
        return runProbe(qEnvironmentVariable(probeVariable));
    tst_SystemKeychain test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_systemkeychain.moc"
