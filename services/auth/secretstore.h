#pragma once

#include <models/dberror.h>

#include <QString>
#include <QStringList>

#include <memory>

namespace Callvia::Models {
class Clock;
class Database;
class SettingsRepository;
}

namespace Callvia::Services {

class AuditLog;
class Keychain;
class SecretCipher;
class Session;

// Secret settings (API keys, webhook secrets): stored only encrypted (is_secret = 1), read back
// decrypted for the services, shown masked to people, and audited by key name only.
// Only a session that canSeeSecrets may set or read them.
class SecretStore final
{
public:
    SecretStore(Models::Database &database, const Models::Clock &clock, const SecretCipher &cipher);
    ~SecretStore();

    Models::DbError set(const Session &actor, const QString &key, const QString &plain) const;
    Models::DbError remove(const Session &actor, const QString &key) const;
    Models::DbResult<QString> value(const Session &actor, const QString &key) const;
    Models::DbResult<QStringList> keys() const; // names of the stored secrets
    static QString masked(const QString &plain); // "••••wxyz"

    // The secrets key for this database (SecretKeyStore::load), guarded against a second key:
    // while secrets are stored, no new key is started (they were saved with a key this run
    // cannot find, e.g. in the desktop user's keychain while this is a server run), and a key
    // that does not decrypt them is refused. An empty key and *error when either happens.
    static QByteArray loadKey(Models::Database &database, const Models::Clock &clock, const QString &keyFilePath,
        QString *error, QString *source = nullptr, Keychain *keychain = nullptr);

private:
    Models::DbError requireAccess(const Session &actor) const;

    const SecretCipher &m_cipher;
    std::unique_ptr<Models::SettingsRepository> m_settings;
    std::unique_ptr<AuditLog> m_audit;
};

} // namespace Callvia::Services
