#include "passwordhasher.h"

#include <QByteArray>
#include <QStringList>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>
#include <openssl/rand.h>

namespace Callvia::Services {

namespace {

const QString scheme = QStringLiteral("pbkdf2-sha256");
constexpr int saltBytes = 16;
constexpr int keyBytes = 32;

QByteArray pbkdf2(const QByteArray &password, const QByteArray &salt, int iterations)
{
    QByteArray out(keyBytes, Qt::Uninitialized);
    const int ok = PKCS5_PBKDF2_HMAC(password.constData(), int(password.size()),
        reinterpret_cast<const unsigned char *>(salt.constData()), int(salt.size()), iterations, EVP_sha256(),
        keyBytes, reinterpret_cast<unsigned char *>(out.data()));
    return ok == 1 ? out : QByteArray();
}

struct Parsed
{
    int iterations = 0;
    QByteArray salt;
    QByteArray hash;
};

bool parse(const QString &stored, Parsed *parsed)
{
    const QStringList parts = stored.split(QLatin1Char('$'));
    if (parts.size() != 4 || parts.at(0) != scheme)
        return false;
    bool ok = false;
    parsed->iterations = parts.at(1).toInt(&ok);
    parsed->salt = QByteArray::fromBase64(parts.at(2).toLatin1());
    parsed->hash = QByteArray::fromBase64(parts.at(3).toLatin1());
    return ok && parsed->iterations >= PasswordHasher::MinimumIterations && parsed->salt.size() >= 8
        && parsed->hash.size() == keyBytes;
}

} // namespace

QString PasswordHasher::scramVerifier(const QString &password, int iterations)
{
    QByteArray salt(saltBytes, Qt::Uninitialized);
    if (RAND_bytes(reinterpret_cast<unsigned char *>(salt.data()), saltBytes) != 1)
        qFatal("RAND_bytes failed: no entropy for a password salt");
    // PostgreSQL SASLpreps the password; NFKC is that normalization for every printable password.
    const QByteArray salted = pbkdf2(password.normalized(QString::NormalizationForm_KC).toUtf8(), salt, iterations);
    const auto hmac = [&salted](const char *text) {
        unsigned char out[SHA256_DIGEST_LENGTH];
        unsigned int length = 0;
        HMAC(EVP_sha256(), salted.constData(), int(salted.size()), reinterpret_cast<const unsigned char *>(text),
            qstrlen(text), out, &length);
        return QByteArray(reinterpret_cast<const char *>(out), int(length));
    };
    const QByteArray clientKey = hmac("Client Key");
    unsigned char stored[SHA256_DIGEST_LENGTH];
    SHA256(reinterpret_cast<const unsigned char *>(clientKey.constData()), size_t(clientKey.size()), stored);
    return QStringLiteral("SCRAM-SHA-256$%1:%2$%3:%4")
        .arg(iterations)
        .arg(QString::fromLatin1(salt.toBase64()),
            QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(stored), SHA256_DIGEST_LENGTH).toBase64()),
            QString::fromLatin1(hmac("Server Key").toBase64()));
}

PasswordHasher::PasswordHasher(int iterations)
    : m_iterations(qMax(iterations, MinimumIterations))
{
}

QString PasswordHasher::hash(const QString &password) const
{
    QByteArray salt(saltBytes, Qt::Uninitialized);
    if (RAND_bytes(reinterpret_cast<unsigned char *>(salt.data()), saltBytes) != 1)
        qFatal("RAND_bytes failed: no entropy for a password salt");
    const QByteArray derived = pbkdf2(password.toUtf8(), salt, m_iterations);
    return scheme + QLatin1Char('$') + QString::number(m_iterations) + QLatin1Char('$')
        + QString::fromLatin1(salt.toBase64()) + QLatin1Char('$') + QString::fromLatin1(derived.toBase64());
}

bool PasswordHasher::verify(const QString &password, const QString &stored) const
{
    Parsed parsed;
    if (!parse(stored, &parsed))
        return false;
    const QByteArray derived = pbkdf2(password.toUtf8(), parsed.salt, parsed.iterations);
    return derived.size() == keyBytes
        && CRYPTO_memcmp(derived.constData(), parsed.hash.constData(), keyBytes) == 0;
}

bool PasswordHasher::needsRehash(const QString &stored) const
{
    Parsed parsed;
    return !parse(stored, &parsed) || parsed.iterations < m_iterations;
}

QString PasswordPolicy::check(const QString &username, const QString &password)
{
    if (password.size() < MinimumLength)
        return QStringLiteral("Password: use at least %1 characters.").arg(MinimumLength);
    if (password.size() > 1024)
        return QStringLiteral("Password: use at most 1024 characters.");
    const QString name = username.trimmed();
    if (!name.isEmpty() && password.contains(name, Qt::CaseInsensitive))
        return QStringLiteral("Password: must not contain the user name.");
    if (password.count(password.at(0)) == password.size())
        return QStringLiteral("Password: must not repeat a single character.");
    static const QStringList common
        = { QStringLiteral("password"), QStringLiteral("123456789"), QStringLiteral("qwertyuiop"),
              QStringLiteral("callvia"), QStringLiteral("letmein"), QStringLiteral("abcdefgh") };
    for (const QString &word : common) {
        if (password.contains(word, Qt::CaseInsensitive))
            return QStringLiteral("Password: too easy to guess (contains \"%1\").").arg(word);
    }
    return {};
}

void PasswordHasher::releaseThreadState()
{
    OPENSSL_thread_stop();
}

} // namespace Callvia::Services
