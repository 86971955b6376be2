#include "aesgcmcipher.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStandardPaths>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <memory>

namespace Callvia::Services {

namespace {

const QString prefix = QStringLiteral("enc:v1:");
constexpr int nonceBytes = 12;
constexpr int tagBytes = 16;

using CipherContext = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

unsigned char *bytes(QByteArray &array) { return reinterpret_cast<unsigned char *>(array.data()); }
const unsigned char *bytes(const QByteArray &array)
{
    return reinterpret_cast<const unsigned char *>(array.constData());
}

} // namespace

AesGcmCipher::AesGcmCipher(QByteArray key)
    : m_key(std::move(key))
{
}

AesGcmCipher::~AesGcmCipher() { OPENSSL_cleanse(m_key.data(), size_t(m_key.size())); }

bool AesGcmCipher::isEncrypted(const QString &stored) { return stored.startsWith(prefix); }

QString AesGcmCipher::encrypt(const QString &plain) const
{
    if (!isValid())
        return {};
    const QByteArray input = plain.toUtf8();
    QByteArray out(nonceBytes + input.size() + tagBytes, Qt::Uninitialized);
    if (RAND_bytes(bytes(out), nonceBytes) != 1)
        return {};
    CipherContext ctx(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
    int length = 0;
    int finalLength = 0;
    const bool ok = ctx
        && EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, bytes(m_key), bytes(out)) == 1
        && EVP_EncryptUpdate(ctx.get(), bytes(out) + nonceBytes, &length, bytes(input), int(input.size()))
            == 1
        && EVP_EncryptFinal_ex(ctx.get(), bytes(out) + nonceBytes + length, &finalLength) == 1
        && EVP_CIPHER_CTX_ctrl(
               ctx.get(), EVP_CTRL_GCM_GET_TAG, tagBytes, bytes(out) + nonceBytes + length + finalLength)
            == 1;
    if (!ok)
        return {};
    return prefix + QString::fromLatin1(out.toBase64());
}

QString AesGcmCipher::decrypt(const QString &stored, bool *ok) const
{
    if (ok)
        *ok = false;
    if (!isValid() || !isEncrypted(stored))
        return {};
    QByteArray data = QByteArray::fromBase64(stored.mid(prefix.size()).toLatin1());
    if (data.size() < nonceBytes + tagBytes)
        return {};
    const int cipherLength = int(data.size()) - nonceBytes - tagBytes;
    QByteArray plain(cipherLength, Qt::Uninitialized);
    CipherContext ctx(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
    int length = 0;
    int finalLength = 0;
    const bool good = ctx
        && EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, bytes(m_key), bytes(data)) == 1
        && EVP_DecryptUpdate(ctx.get(), bytes(plain), &length, bytes(data) + nonceBytes, cipherLength) == 1
        && EVP_CIPHER_CTX_ctrl(
               ctx.get(), EVP_CTRL_GCM_SET_TAG, tagBytes, bytes(data) + nonceBytes + cipherLength)
            == 1
        && EVP_DecryptFinal_ex(ctx.get(), bytes(plain) + length, &finalLength) == 1; // checks the tag
    if (!good)
        return {};
    if (ok)
        *ok = true;
    return QString::fromUtf8(plain.left(length + finalLength));
}

QString SecretKeyStore::defaultKeyFilePath()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    return QDir(dir.isEmpty() ? QDir::homePath() : dir).filePath(QStringLiteral("secret.key"));
}

QByteArray SecretKeyStore::fromEnvironment(const QByteArray &base64, QString *error)
{
    const QByteArray key = QByteArray::fromBase64(base64.trimmed());
    if (key.size() != AesGcmCipher::KeyBytes) {
        *error = QStringLiteral(
            "CALLVIA_SECRET_KEY: must be the base64 of 32 random bytes (openssl rand -base64 32)");
        return {};
    }
    return key;
}

namespace {

QByteArray readKeyFile(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read the secrets key %1").arg(path);
        return {};
    }
    const QByteArray key = file.readAll();
    if (key.size() != AesGcmCipher::KeyBytes) {
        *error = QStringLiteral("the secrets key %1 is damaged (not 32 bytes)").arg(path);
        return {};
    }
    return key;
}

bool writeKeyFile(const QString &path, const QByteArray &key, QString *error)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QSaveFile out(path);
    // Permissions are set before any key byte is written, so the key is never world-readable.
    if (!out.open(QIODevice::WriteOnly) || !out.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)
        || out.write(key) != key.size() || !out.commit()) {
        *error = QStringLiteral("cannot create the secrets key %1").arg(path);
        return false;
    }
    return true;
}

QByteArray randomKey(QString *error)
{
    QByteArray key(AesGcmCipher::KeyBytes, Qt::Uninitialized);
    if (RAND_bytes(bytes(key), AesGcmCipher::KeyBytes) != 1) {
        *error = QStringLiteral("cannot generate a secrets key (no randomness)");
        return {};
    }
    return key;
}

QString noKeyError(const QString &where)
{
    return QStringLiteral("no secrets key in %1, and a new one must not be created here").arg(where);
}

// The key file alone: read it, or create it with a fresh key.
QByteArray loadKeyFile(const QString &path, QString *error, bool mayCreate)
{
    if (QFile::exists(path))
        return readKeyFile(path, error);
    if (!mayCreate) {
        *error = noKeyError(path);
        return {};
    }
    const QByteArray key = randomKey(error);
    return !key.isEmpty() && writeKeyFile(path, key, error) ? key : QByteArray();
}

// Stores key in the keychain and reads it back: true only when the keychain now holds exactly it.
bool storeAndConfirm(Keychain &keychain, const QByteArray &key, QString *why)
{
    if (keychain.write(key, why) != Keychain::Status::Found)
        return false;
    QByteArray back;
    const Keychain::Status status = keychain.read(&back, why);
    if (status == Keychain::Status::Found && back == key)
        return true;
    if (status != Keychain::Status::Unavailable)
        *why = QStringLiteral("the key read back differs from the key written");
    return false;
}

} // namespace

QByteArray SecretKeyStore::load(const QString &keyFilePath, QString *error, QString *source, Keychain *keychain,
    bool mayCreate)
{
    QString ignored;
    QString &used = source ? *source : ignored;
    if (qEnvironmentVariableIsSet("CALLVIA_SECRET_KEY")) {
        used = QStringLiteral("CALLVIA_SECRET_KEY");
        return fromEnvironment(qgetenv("CALLVIA_SECRET_KEY"), error);
    }
    used = keyFilePath;
    if (!keychain)
        return loadKeyFile(keyFilePath, error, mayCreate);

    QByteArray key;
    QString why;
    switch (keychain->read(&key, &why)) {
    case Keychain::Status::Found:
        used = keychain->describe();
        if (key.size() != AesGcmCipher::KeyBytes) {
            // Never replaced automatically: secrets encrypted with the real key would be lost.
            *error = QStringLiteral("the secrets key in the %1 is damaged (not 32 bytes)").arg(used);
            return {};
        }
        return key;
    case Keychain::Status::Unavailable:
        used = QStringLiteral("%1 (OS keychain unavailable: %2)").arg(keyFilePath, why);
        return loadKeyFile(keyFilePath, error, mayCreate);
    case Keychain::Status::NotFound:
        break;
    }

    // The keychain works and is empty: move an existing key file into it, or start a new key.
    const bool fromFile = QFile::exists(keyFilePath);
    if (!fromFile && !mayCreate) {
        *error = noKeyError(QStringLiteral("the %1 or %2").arg(keychain->describe(), keyFilePath));
        return {};
    }
    key = fromFile ? readKeyFile(keyFilePath, error) : randomKey(error);
    if (key.isEmpty())
        return {};
    if (!storeAndConfirm(*keychain, key, &why)) {
        used = QStringLiteral("%1 (OS keychain unavailable: %2)").arg(keyFilePath, why);
        return fromFile || writeKeyFile(keyFilePath, key, error) ? key : QByteArray();
    }
    if (!fromFile) {
        used = keychain->describe();
        return key;
    }
    // Only now, with the key confirmed in the keychain, may the file go.
    used = QFile::remove(keyFilePath)
        ? QStringLiteral("%1, moved from %2").arg(keychain->describe(), keyFilePath)
        : QStringLiteral("%1, copied from %2 (could not remove the file)").arg(keychain->describe(), keyFilePath);
    return key;
}

} // namespace Callvia::Services
