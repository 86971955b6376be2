#include "secretstore.h"

#include "../secretcipher.h"
#include "aesgcmcipher.h"
#include "auditlog.h"
#include "session.h"

#include <models/repositories/settingsrepository.h>

#include <QJsonObject>
#include <QRegularExpression>

namespace Callvia::Services {

using Models::DbError;
using Models::DbResult;

SecretStore::SecretStore(Models::Database &database, const Models::Clock &clock, const SecretCipher &cipher)
    : m_cipher(cipher)
    , m_settings(std::make_unique<Models::SettingsRepository>(database, clock))
    , m_audit(std::make_unique<AuditLog>(database, clock))
{
}

SecretStore::~SecretStore() = default;

QByteArray SecretStore::loadKey(Models::Database &database, const Models::Clock &clock, const QString &keyFilePath,
    QString *error, QString *source, Keychain *keychain)
{
    const DbResult<QHash<QString, QString>> stored = Models::SettingsRepository(database, clock).secrets();
    if (!stored.ok()) {
        *error = stored.error().message();
        return {};
    }
    const qsizetype count = stored.value().size();
    const QString hint = QStringLiteral(
        "set CALLVIA_SECRET_KEY to the base64 of the key that saved them (on the desktop that "
        "saved them: secret-tool lookup user secrets-key server Callvia; else its secret.key file)");
    const QByteArray key = SecretKeyStore::load(keyFilePath, error, source, keychain, count == 0);
    if (key.isEmpty()) {
        if (count > 0)
            *error = QStringLiteral("%1; %2 secrets are stored encrypted with another key: %3")
                         .arg(*error).arg(count).arg(hint);
        return {};
    }
    const AesGcmCipher cipher(key);
    for (auto it = stored.value().cbegin(); it != stored.value().cend(); ++it) {
        bool ok = false;
        cipher.decrypt(it.value(), &ok);
        if (!ok) {
            *error = QStringLiteral("the secrets key from %1 does not decrypt the stored secret %2 (saved with "
                                    "another key); %3")
                         .arg(source ? *source : keyFilePath, it.key(), hint);
            return {};
        }
    }
    return key;
}

DbError SecretStore::requireAccess(const Session &actor) const
{
    if (actor.canSeeSecrets())
        return {};
    return { DbError::Invalid,
        QStringLiteral("Permission denied: only an administrator may manage secrets.") };
}

DbError SecretStore::set(const Session &actor, const QString &key, const QString &plain) const
{
    if (const DbError error = requireAccess(actor))
        return error;
    static const QRegularExpression keyPattern(QStringLiteral("^[a-z0-9_]+\\.[a-z0-9_.]+$"));
    if (!keyPattern.match(key).hasMatch())
        return { DbError::Invalid, QStringLiteral("Key: expected provider.what, e.g. stripe.api_key") };
    if (plain.isEmpty())
        return { DbError::Invalid, QStringLiteral("Value: must not be empty") };
    const QString stored = m_cipher.encrypt(plain);
    if (stored.isEmpty())
        return { DbError::Other, QStringLiteral("the secret could not be encrypted") };
    const DbResult<bool> existed = m_settings->isSecret(key);
    if (const DbError error = m_settings->setValue(key, stored, true))
        return error;
    m_audit->record(&actor, QStringLiteral("secret.set"), QStringLiteral("setting"), key, {},
        { { QStringLiteral("key"), key }, { QStringLiteral("replaced"), existed.ok() && existed.value() } });
    return {};
}

DbError SecretStore::remove(const Session &actor, const QString &key) const
{
    if (const DbError error = requireAccess(actor))
        return error;
    if (const DbError error = m_settings->remove(key))
        return error;
    m_audit->record(&actor, QStringLiteral("secret.remove"), QStringLiteral("setting"), key);
    return {};
}

DbResult<QString> SecretStore::value(const Session &actor, const QString &key) const
{
    if (const DbError error = requireAccess(actor))
        return error;
    const DbResult<QString> stored = m_settings->value(key);
    if (!stored.ok())
        return stored.error();
    bool ok = false;
    const QString plain = m_cipher.decrypt(stored.value(), &ok);
    if (!ok)
        return DbError(DbError::Invalid, QStringLiteral("%1 cannot be decrypted with this key").arg(key));
    return plain;
}

DbResult<QStringList> SecretStore::keys() const
{
    const DbResult<QHash<QString, QString>> all = m_settings->all();
    if (!all.ok())
        return all.error();
    QStringList names;
    for (auto it = all.value().cbegin(); it != all.value().cend(); ++it) {
        const DbResult<bool> secret = m_settings->isSecret(it.key());
        if (secret.ok() && secret.value())
            names << it.key();
    }
    names.sort();
    return names;
}

QString SecretStore::masked(const QString &plain)
{
    if (plain.size() <= 8)
        return QString(8, QChar(0x2022));
    return QString(8, QChar(0x2022)) + plain.right(4);
}

} // namespace Callvia::Services
