#include "providerconfig.h"

#include "secretcipher.h"

#include <models/repositories/settingsrepository.h>

namespace Callvia::Services {

ProviderConfig::ProviderConfig(const Models::SettingsRepository *settings, const SecretCipher *cipher,
                               QProcessEnvironment environment)
    : m_settings(settings), m_cipher(cipher), m_environment(std::move(environment))
{
}

QString ProviderConfig::environmentName(const QString &provider, const QString &what)
{
    return QStringLiteral("CALLVIA_") + provider.toUpper() + QLatin1Char('_') + what.toUpper();
}

QString ProviderConfig::settingsKey(const QString &provider, const QString &what)
{
    return provider.toLower() + QLatin1Char('.') + what.toLower();
}

QString ProviderConfig::value(const QString &provider, const QString &what, const QString &fallback) const
{
    // A value of only whitespace counts as not set: a secret of " " would be a key anyone can
    // guess, and "configured" must not hinge on an invisible character.
    const QString env = environmentName(provider, what);
    if (m_environment.contains(env) && !m_environment.value(env).trimmed().isEmpty())
        return m_environment.value(env);
    if (!m_settings)
        return fallback;
    const QString key = settingsKey(provider, what);
    const auto stored = m_settings->value(key);
    if (!stored.ok() || stored.value().trimmed().isEmpty())
        return fallback;
    const auto secret = m_settings->isSecret(key);
    if (secret.ok() && secret.value()) {
        if (!m_cipher)
            return fallback;
        bool ok = false;
        const QString plain = m_cipher->decrypt(stored.value(), &ok);
        return ok && !plain.trimmed().isEmpty() ? plain : fallback;
    }
    return stored.value();
}

} // namespace Callvia::Services
