#pragma once

#include "../secretcipher.h"
#include "keychain.h"

#include <QByteArray>
#include <QString>

namespace Callvia::Services {

// SecretCipher with AES-256-GCM (OpenSSL): a random 96-bit nonce per value, the 128-bit tag
// checked on decrypt. Stored text: "enc:v1:" + base64(nonce | ciphertext | tag), so a later
// format can be told apart. The 32-byte key comes from SecretKeyStore.
class AesGcmCipher final : public SecretCipher
{
public:
    static constexpr int KeyBytes = 32;
    explicit AesGcmCipher(QByteArray key);
    ~AesGcmCipher() override;

    bool isValid() const { return m_key.size() == KeyBytes; }
    QString encrypt(const QString &plain) const override;
    QString decrypt(const QString &stored, bool *ok = nullptr) const override;
    static bool isEncrypted(const QString &stored);

private:
    QByteArray m_key;
};

// Where the secrets key lives: CALLVIA_SECRET_KEY (base64 of 32 bytes) when set, else the OS
// keychain when the caller passes one (desktop runs), else a key file (created with 0600
// permissions and random bytes on first use) in the app data folder. A key file found while the
// keychain is empty moves into the keychain (written, read back, then the file is removed).
class SecretKeyStore final
{
public:
    static QString defaultKeyFilePath();
    // An empty key and *error set when no source works. *source names the source used, and
    // why the keychain was passed over when it was ("<file> (OS keychain unavailable: ...)").
    // mayCreate = false: when no source holds a key, fail instead of starting a new one.
    static QByteArray load(const QString &keyFilePath, QString *error, QString *source = nullptr,
        Keychain *keychain = nullptr, bool mayCreate = true);
    static QByteArray fromEnvironment(const QByteArray &base64, QString *error);
};

} // namespace Callvia::Services
