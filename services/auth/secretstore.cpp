#include "secretstore.h"

#include "../secretcipher.h"
#include "auditlog.h"
#include "session.h"

#include <models/settingsrepository.h>

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
