#include <common/testdatabase.h>

#include <models/repositories/auditrepository.h>
#include <models/clock.h>
#include <models/repositories/settingsrepository.h>
#include <services/auth/aesgcmcipher.h>
#include <services/auth/authservice.h>
#include <services/auth/secretstore.h>
#include <services/providerconfig.h>

#include <QDirIterator>
#include <QFile>
#include <QMutex>
#include <QTemporaryDir>
#include <QtTest>

using namespace Callvia;
using namespace Callvia::Models;
using namespace Callvia::Services;

// AES-256-GCM secrets: format, tamper and wrong-key detection, the key file and environment
// key, the secret store's permissions and audit, and that neither a secret nor a password
// reaches the SQLite file or the log.
class tst_Secrets : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void cipherRoundTripWithFreshNonces();
    void tamperedOrForeignTextIsRejected();
    void keyFileIsCreatedPrivateAndReused();
    void environmentKeyMustBe32Bytes();
    void keychainGetsANewKeyAndNoFile();
    void keyFileMovesIntoTheKeychainOnce();
    void keyFileStaysWhenTheKeychainDoesNotKeepIt();
    void unavailableKeychainFallsBackToTheKeyFile();
    void environmentKeyWinsOverTheKeychain();
    void damagedKeychainKeyIsAnErrorNotReplaced();
    void storeEncryptsAuditsAndChecksPermission();
    void storedSecretsGuardAgainstASecondKey();
    void neitherSecretNorPasswordReachesFileOrLog();

private:
    TestClock m_clock { 1'750'000'000'000 };
};

Q_LOGGING_CATEGORY(lcTest, "callvia.test")

namespace {

QByteArray key(char fill) { return QByteArray(AesGcmCipher::KeyBytes, fill); }

QMutex logMutex;
QByteArray capturedLog;

void captureMessage(QtMsgType, const QMessageLogContext &context, const QString &message)
{
    QMutexLocker lock(&logMutex);
    capturedLog += QByteArray(context.category ? context.category : "") + ' ' + message.toUtf8() + '\n';
}

QByteArray folderBytes(const QString &folder)
{
    QByteArray all;
    QDirIterator it(folder, QDir::Files);
    while (it.hasNext()) {
        QFile file(it.next());
        if (file.open(QIODevice::ReadOnly))
            all += file.readAll();
    }
    return all;
}

} // namespace

void tst_Secrets::cipherRoundTripWithFreshNonces()
{
    const AesGcmCipher cipher(key('k'));
    QVERIFY(cipher.isValid());
    const QString plain = QStringLiteral("sk_live_51Hx-ünïcode");
    const QString a = cipher.encrypt(plain);
    const QString b = cipher.encrypt(plain);
    QVERIFY(a.startsWith(QStringLiteral("enc:v1:")));
    QVERIFY2(a != b, "a random nonce per value");
    QVERIFY(!a.contains(QStringLiteral("sk_live")));
    bool ok = false;
    QCOMPARE(cipher.decrypt(a, &ok), plain);
    QVERIFY(ok);
    QCOMPARE(cipher.decrypt(b), plain);
    QCOMPARE(QByteArray::fromBase64(a.mid(7).toLatin1()).size(), 12 + plain.toUtf8().size() + 16);
    QCOMPARE(cipher.decrypt(cipher.encrypt(QString()), &ok), QString());
    QVERIFY(ok);
    QVERIFY(!AesGcmCipher(QByteArray(16, 'x')).isValid());
    QVERIFY(AesGcmCipher(QByteArray(16, 'x')).encrypt(plain).isEmpty());
}

void tst_Secrets::tamperedOrForeignTextIsRejected()
{
    const AesGcmCipher cipher(key('k'));
    const QString stored = cipher.encrypt(QStringLiteral("whsec_abcdef"));
    QByteArray raw = QByteArray::fromBase64(stored.mid(7).toLatin1());
    bool ok = true;
    for (int position : { 0, 14, int(raw.size()) - 1 }) { // nonce, ciphertext, tag
        QByteArray changed = raw;
        changed[position] = char(changed.at(position) ^ 0x01);
        const QString text = QStringLiteral("enc:v1:") + QString::fromLatin1(changed.toBase64());
        QCOMPARE(cipher.decrypt(text, &ok), QString());
        QVERIFY(!ok);
    }
    QCOMPARE(AesGcmCipher(key('w')).decrypt(stored, &ok), QString());
    QVERIFY2(!ok, "a different key fails the tag");
    QCOMPARE(cipher.decrypt(QStringLiteral("whsec_abcdef"), &ok), QString());
    QVERIFY(!ok);
    QCOMPARE(cipher.decrypt(QStringLiteral("enc:v1:AAAA"), &ok), QString());
    QVERIFY(!ok);
}

void tst_Secrets::keyFileIsCreatedPrivateAndReused()
{
    qunsetenv("CALLVIA_SECRET_KEY");
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("sub/secret.key"));
    QString error, source;
    const QByteArray first = SecretKeyStore::load(path, &error, &source);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(first.size(), 32);
    QCOMPARE(source, path);
    const QFileDevice::Permissions allowed
        = QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadUser | QFileDevice::WriteUser;
    QCOMPARE(QFile::permissions(path) & ~allowed, QFileDevice::Permissions()); // 0600
    QVERIFY(QFile::permissions(path) & QFileDevice::ReadOwner);
    QCOMPARE(SecretKeyStore::load(path, &error), first);
    QVERIFY(SecretKeyStore::load(dir.filePath(QStringLiteral("other.key")), &error) != first);
    QFile damaged(path);
    QVERIFY(damaged.open(QIODevice::WriteOnly | QIODevice::Truncate));
    damaged.write("short");
    damaged.close();
    QVERIFY(SecretKeyStore::load(path, &error).isEmpty());
    QVERIFY(error.contains(QStringLiteral("damaged")));
}

void tst_Secrets::environmentKeyMustBe32Bytes()
{
    QTemporaryDir dir;
    const QByteArray wanted = key('e');
    qputenv("CALLVIA_SECRET_KEY", wanted.toBase64());
    QString error, source;
    QCOMPARE(SecretKeyStore::load(dir.filePath(QStringLiteral("unused.key")), &error, &source), wanted);
    QCOMPARE(source, QStringLiteral("CALLVIA_SECRET_KEY"));
    QVERIFY2(!QFile::exists(dir.filePath(QStringLiteral("unused.key"))),
        "no key file when the environment has one");
    qputenv("CALLVIA_SECRET_KEY", QByteArray(16, 'x').toBase64());
    QVERIFY(SecretKeyStore::load(dir.filePath(QStringLiteral("unused.key")), &error).isEmpty());
    QVERIFY(error.startsWith(QStringLiteral("CALLVIA_SECRET_KEY")));
    qunsetenv("CALLVIA_SECRET_KEY");
}

namespace {

// An in-memory keychain that can be switched off or made to lose writes.
class MemoryKeychain final : public Keychain
{
public:
    bool available = true;
    bool losesWrites = false;
    bool holds = false;
    QByteArray stored;
    int reads = 0;
    int writes = 0;

    Status read(QByteArray *data, QString *error) override
    {
        ++reads;
        if (!available) {
            *error = QStringLiteral("no Secret Service on the session bus");
            return Status::Unavailable;
        }
        if (!holds)
            return Status::NotFound;
        *data = stored;
        return Status::Found;
    }
    Status write(const QByteArray &data, QString *error) override
    {
        ++writes;
        if (!available) {
            *error = QStringLiteral("no Secret Service on the session bus");
            return Status::Unavailable;
        }
        if (!losesWrites) {
            stored = data;
            holds = true;
        }
        return Status::Found;
    }
    QString describe() const override { return QStringLiteral("memory keychain"); }
};

void writeFile(const QString &path, const QByteArray &data)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(file.write(data), data.size());
}

} // namespace

void tst_Secrets::keychainGetsANewKeyAndNoFile()
{
    qunsetenv("CALLVIA_SECRET_KEY");
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("secret.key"));
    MemoryKeychain keychain;
    QString error, source;
    const QByteArray first = SecretKeyStore::load(path, &error, &source, &keychain);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(first.size(), 32);
    QCOMPARE(keychain.stored, first);
    QCOMPARE(source, QStringLiteral("memory keychain"));
    QVERIFY2(!QFile::exists(path), "the keychain holds the key: no key file");
    QCOMPARE(SecretKeyStore::load(path, &error, &source, &keychain), first);
    QCOMPARE(source, QStringLiteral("memory keychain"));
    QCOMPARE(keychain.writes, 1);
    QVERIFY(!QFile::exists(path));
}

void tst_Secrets::keyFileMovesIntoTheKeychainOnce()
{
    qunsetenv("CALLVIA_SECRET_KEY");
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("secret.key"));
    writeFile(path, key('f'));
    MemoryKeychain keychain;
    QString error, source;
    QCOMPARE(SecretKeyStore::load(path, &error, &source, &keychain), key('f'));
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(keychain.stored, key('f'));
    QVERIFY2(keychain.reads >= 2, "written, then read back before the file goes");
    QVERIFY2(!QFile::exists(path), "moved, not copied");
    QCOMPARE(source, QStringLiteral("memory keychain, moved from %1").arg(path));
    QCOMPARE(SecretKeyStore::load(path, &error, &source, &keychain), key('f'));
    QCOMPARE(source, QStringLiteral("memory keychain"));
    QCOMPARE(keychain.writes, 1);
}

void tst_Secrets::keyFileStaysWhenTheKeychainDoesNotKeepIt()
{
    qunsetenv("CALLVIA_SECRET_KEY");
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("secret.key"));
    writeFile(path, key('g'));
    MemoryKeychain keychain;
    keychain.losesWrites = true; // the write "succeeds" but the read-back finds nothing
    QString error, source;
    QCOMPARE(SecretKeyStore::load(path, &error, &source, &keychain), key('g'));
    QVERIFY2(QFile::exists(path), "the only copy of the key must not be removed");
    QVERIFY2(source.startsWith(path) && source.contains(QStringLiteral("OS keychain unavailable")),
        qPrintable(source));
    // A new key that the keychain loses is kept in a new key file instead.
    QTemporaryDir other;
    const QString fresh = other.filePath(QStringLiteral("secret.key"));
    const QByteArray created = SecretKeyStore::load(fresh, &error, &source, &keychain);
    QCOMPARE(created.size(), 32);
    QFile file(fresh);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), created);
}

void tst_Secrets::unavailableKeychainFallsBackToTheKeyFile()
{
    qunsetenv("CALLVIA_SECRET_KEY");
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("secret.key"));
    MemoryKeychain keychain;
    keychain.available = false;
    QString error, source;
    const QByteArray first = SecretKeyStore::load(path, &error, &source, &keychain);
    QCOMPARE(first.size(), 32);
    QCOMPARE(source,
        QStringLiteral("%1 (OS keychain unavailable: no Secret Service on the session bus)").arg(path));
    QVERIFY(QFile::exists(path));
    QCOMPARE(keychain.writes, 0);
    // Once the keychain works (the user logged in to a desktop), the file moves into it.
    keychain.available = true;
    QCOMPARE(SecretKeyStore::load(path, &error, &source, &keychain), first);
    QCOMPARE(keychain.stored, first);
    QVERIFY(!QFile::exists(path));
}

void tst_Secrets::environmentKeyWinsOverTheKeychain()
{
    QTemporaryDir dir;
    MemoryKeychain keychain;
    keychain.holds = true;
    keychain.stored = key('k');
    qputenv("CALLVIA_SECRET_KEY", key('e').toBase64());
    QString error, source;
    QCOMPARE(SecretKeyStore::load(dir.filePath(QStringLiteral("unused.key")), &error, &source, &keychain),
        key('e'));
    QCOMPARE(source, QStringLiteral("CALLVIA_SECRET_KEY"));
    QCOMPARE(keychain.reads, 0);
    qunsetenv("CALLVIA_SECRET_KEY");
}

void tst_Secrets::damagedKeychainKeyIsAnErrorNotReplaced()
{
    qunsetenv("CALLVIA_SECRET_KEY");
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("secret.key"));
    MemoryKeychain keychain;
    keychain.holds = true;
    keychain.stored = "short";
    QString error, source;
    QVERIFY(SecretKeyStore::load(path, &error, &source, &keychain).isEmpty());
    QVERIFY2(error.contains(QStringLiteral("damaged")), qPrintable(error));
    QCOMPARE(keychain.stored, QByteArray("short"));
    QCOMPARE(keychain.writes, 0);
    QVERIFY(!QFile::exists(path));
}

void tst_Secrets::storedSecretsGuardAgainstASecondKey()
{
    // A server run (no keychain) beside a desktop whose key lives in its keychain must not
    // start a second key file, and a wrong key must not be used (secrets saved with it would
    // be unreadable by the desktop, and the stored ones by it).
    QString skip, error, source;
    auto test = Tests::TestDatabase::create(QStringLiteral("sqlite"), &skip, &error);
    QVERIFY2(test, qPrintable(error));
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("secret.key"));
    QVERIFY(!qEnvironmentVariableIsSet("CALLVIA_SECRET_KEY"));

    // No secrets yet: a key is created as before.
    const QByteArray first = SecretStore::loadKey(test->database(), m_clock, path, &error, &source);
    QCOMPARE(first.size(), AesGcmCipher::KeyBytes);
    const AesGcmCipher cipher(first);
    QVERIFY(!SecretStore(test->database(), m_clock, cipher)
                 .set(Session::system(), QStringLiteral("stripe.api_key"), QStringLiteral("sk_test_1")));
    QCOMPARE(SecretStore::loadKey(test->database(), m_clock, path, &error, &source), first);

    // The key went elsewhere (the desktop's keychain): no new file, a clear error.
    QVERIFY(QFile::remove(path));
    error.clear();
    QVERIFY(SecretStore::loadKey(test->database(), m_clock, path, &error, &source).isEmpty());
    QVERIFY2(error.contains(QLatin1String("1 secrets are stored encrypted with another key"))
                 && error.contains(QLatin1String("CALLVIA_SECRET_KEY")),
             qPrintable(error));
    QVERIFY(!QFile::exists(path));
    MemoryKeychain emptyKeychain;
    QVERIFY(SecretStore::loadKey(test->database(), m_clock, path, &error, &source, &emptyKeychain).isEmpty());
    QCOMPARE(emptyKeychain.writes, 0);
    QVERIFY(!QFile::exists(path));

    // Another key is refused, naming the secret it cannot open.
    QFile other(path);
    QVERIFY(other.open(QIODevice::WriteOnly) && other.write(key('z')) == AesGcmCipher::KeyBytes);
    other.close();
    error.clear();
    QVERIFY(SecretStore::loadKey(test->database(), m_clock, path, &error, &source).isEmpty());
    QVERIFY2(error.contains(QLatin1String("does not decrypt the stored secret stripe.api_key")), qPrintable(error));

    // The right key from the environment opens them.
    qputenv("CALLVIA_SECRET_KEY", first.toBase64());
    const QByteArray fromEnvironment = SecretStore::loadKey(test->database(), m_clock, path, &error, &source);
    qunsetenv("CALLVIA_SECRET_KEY");
    QCOMPARE(fromEnvironment, first);
}

void tst_Secrets::storeEncryptsAuditsAndChecksPermission()
{
    QString skip, error;
    auto test = Tests::TestDatabase::create(QStringLiteral("sqlite"), &skip, &error);
    QVERIFY2(test, qPrintable(error));
    const AesGcmCipher cipher(key('k'));
    SecretStore store(test->database(), m_clock, cipher);
    const Session staff(2, QStringLiteral("bob"), Session::Role::Staff, 0);
    QVERIFY(store.set(staff, QStringLiteral("stripe.api_key"), QStringLiteral("sk_test_1"))
                .message()
                .contains(QStringLiteral("Permission denied")));
    QVERIFY(!store.value(staff, QStringLiteral("stripe.api_key")).ok());
    QVERIFY(store.set(Session::system(), QStringLiteral("Stripe key"), QStringLiteral("x"))
                .message()
                .startsWith(QStringLiteral("Key")));
    QVERIFY(!store.set(Session::system(), QStringLiteral("stripe.api_key"), QStringLiteral("sk_test_1")));
    SettingsRepository settings(test->database(), m_clock);
    QVERIFY(settings.value(QStringLiteral("stripe.api_key")).value().startsWith(QStringLiteral("enc:v1:")));
    QVERIFY(settings.isSecret(QStringLiteral("stripe.api_key")).value());
    QCOMPARE(store.value(Session::system(), QStringLiteral("stripe.api_key")).value(),
        QStringLiteral("sk_test_1"));
    QCOMPARE(store.keys().value(), QStringList { QStringLiteral("stripe.api_key") });
    QVERIFY(!SecretStore::masked(QStringLiteral("sk_test_1234567")).contains(QStringLiteral("sk_test")));
    // The services read it decrypted through ProviderConfig.
    ProviderConfig config(&settings, &cipher, QProcessEnvironment());
    QCOMPARE(config.value(QStringLiteral("stripe"), QStringLiteral("api_key")), QStringLiteral("sk_test_1"));
    const auto audit = AuditRepository(test->database(), TenantScope::agency()).list(QStringLiteral("secret.set")).value();
    QCOMPARE(audit.size(), 1);
    QCOMPARE(audit.first().entityId, QStringLiteral("stripe.api_key"));
    QVERIFY(!audit.first().afterJson.contains(QStringLiteral("sk_test_1")));
}

void tst_Secrets::neitherSecretNorPasswordReachesFileOrLog()
{
    QString skip, error;
    auto test = Tests::TestDatabase::create(QStringLiteral("sqlite"), &skip, &error);
    QVERIFY2(test, qPrintable(error));
    const QString secret = QStringLiteral("sk_live_SENTINEL_7f3a9c");
    const QString password = QStringLiteral("Hunter-SENTINEL-4242x");
    capturedLog.clear();
    QLoggingCategory::setFilterRules(QStringLiteral("callvia.*=true"));
    const QtMessageHandler previous = qInstallMessageHandler(captureMessage);
    {
        const AesGcmCipher cipher(key('k'));
        SecretStore store(test->database(), m_clock, cipher);
        QVERIFY(!store.set(Session::system(), QStringLiteral("retell.api_key"), secret));
        AuthService auth(test->database(), m_clock, 1000);
        QVERIFY(auth.createFirstAdmin(QStringLiteral("alice"), password).ok());
        QCOMPARE(auth.signIn(QStringLiteral("alice"), password).status, SignInResult::Ok);
        QCOMPARE(auth.signIn(QStringLiteral("alice"), password + QLatin1Char('x')).status,
            SignInResult::WrongCredentials);
        QCOMPARE(auth.signIn(QStringLiteral("nobody"), password).status, SignInResult::WrongCredentials);
        QCOMPARE(store.value(Session::system(), QStringLiteral("retell.api_key")).value(), secret);
        qCInfo(lcTest) << "log capture works";
    }
    qInstallMessageHandler(previous);
    test->database().releaseThreadConnection(); // flush WAL state; the -wal file is read too
    const QByteArray bytes = folderBytes(QFileInfo(test->sqlitePath()).absolutePath());
    QVERIFY(bytes.size() > 4096);
    QVERIFY2(bytes.contains("retell.api_key"), "the key name is stored, so the search can find text");
    for (const QString &sentinel : { secret, password }) {
        QVERIFY2(!bytes.contains(sentinel.toUtf8()), qPrintable(sentinel));
        QVERIFY2(!bytes.contains(sentinel.toUtf8().toBase64()), qPrintable(sentinel));
        QVERIFY2(!capturedLog.contains(sentinel.toUtf8()), capturedLog.constData());
    }
    QVERIFY2(capturedLog.contains("log capture works"), capturedLog.constData());
}

QTEST_GUILESS_MAIN(tst_Secrets)
#include "tst_secrets.moc"
