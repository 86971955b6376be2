#include "appcontext.h"

#include <models/clock.h>
#include <models/database.h>
#include <models/settingsrepository.h>
#include <services/providerconfig.h>
#include <services/auth/aesgcmcipher.h>
#include <services/secretcipher.h>

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcApp, "callvia.app")

namespace Callvia::App {

AppContext::AppContext(Options options, QObject *parent)
    : QObject(parent), m_options(std::move(options)), m_clock(std::make_unique<Models::SystemClock>())
{
}

AppContext::~AppContext()
{
    stopServices();
}

Models::DbError AppContext::openDatabase()
{
    QString error;
    const QString text =
            m_options.databaseUrl.isEmpty() ? Models::DatabaseUrl::defaultSqlitePath() : m_options.databaseUrl;
    const std::optional<Models::DatabaseUrl> url = Models::DatabaseUrl::parse(text, &error);
    if (!url)
        return { Models::DbError::Invalid, QStringLiteral("--database: %1").arg(error) };
    m_database = std::make_unique<Models::Database>(*url);
    if (Models::DbError openError = m_database->open())
        return openError;
    if (Models::DbError migrateError = m_database->migrate())
        return migrateError;
    m_settings = std::make_unique<Models::SettingsRepository>(*m_database, *m_clock);
    // --- appcontext: secret cipher (issue 6) ---
    QString keyError;
    QString keySource;
    const QByteArray key =
            Services::SecretKeyStore::load(Services::SecretKeyStore::defaultKeyFilePath(), &keyError, &keySource);
    if (key.isEmpty())
        qCWarning(lcApp).noquote() << "stored secrets unavailable:" << keyError;
    else
        m_cipher = std::make_unique<Services::AesGcmCipher>(key);
    qCInfo(lcApp).noquote() << "secrets key from" << keySource; // where, never what

    // --- end secret cipher ---
    m_providerConfig = std::make_unique<Services::ProviderConfig>(m_settings.get(), m_cipher.get());
    qCInfo(lcApp) << "database ready:" << m_database->url().displayName();
    return {};
}

QString AppContext::startServices()
{
    // --- appcontext: start webhooks (issue 3) ---

    // --- end start webhooks ---
    return {};
}

void AppContext::stopServices()
{
    // --- appcontext: stop webhooks (issue 3) ---

    // --- end stop webhooks ---
}

} // namespace Callvia::App
