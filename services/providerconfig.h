#pragma once

#include <QProcessEnvironment>
#include <QString>

namespace Callvia::Models {
class SettingsRepository;
}

namespace Callvia::Services {

class SecretCipher;

// Provider settings (API keys, webhook secrets, base URLs). An environment variable
// CALLVIA_<PROVIDER>_<WHAT> (e.g. CALLVIA_STRIPE_WEBHOOK_SECRET) overrides the stored
// setting "<provider>.<what>" (e.g. stripe.webhook_secret), so tests can point every provider
// at a local fake. Secret settings are decrypted with the given cipher; never logged.
class ProviderConfig final
{
public:
    ProviderConfig(const Models::SettingsRepository *settings, const SecretCipher *cipher,
                   QProcessEnvironment environment = QProcessEnvironment::systemEnvironment());

    QString value(const QString &provider, const QString &what, const QString &fallback = {}) const;
    static QString environmentName(const QString &provider, const QString &what);
    static QString settingsKey(const QString &provider, const QString &what);

private:
    const Models::SettingsRepository *m_settings;
    const SecretCipher *m_cipher;
    QProcessEnvironment m_environment;
};

} // namespace Callvia::Services
