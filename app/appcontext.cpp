#include "appcontext.h"

#include <models/clock.h>
#include <models/database.h>
#include <models/settingsrepository.h>
#include <services/backup/backupservice.h>
#include <services/providerconfig.h>
#include <services/secretcipher.h>

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QProcess>

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

    // --- end secret cipher ---
    m_providerConfig = std::make_unique<Services::ProviderConfig>(m_settings.get(), m_cipher.get());
    if (m_database->isSqlite()) {
        const auto folder = m_settings->value(QStringLiteral("backup.folder"), Services::BackupService::defaultFolder());
        m_backupService = new Services::BackupService(
                *m_database, *m_clock, folder.ok() ? folder.value() : Services::BackupService::defaultFolder(), this);
    }
    qCInfo(lcApp) << "database ready:" << m_database->url().displayName();
    return {};
}

void AppContext::setBackupFolder(const QString &folder)
{
    if (m_backupService)
        m_backupService->setFolder(folder);
    if (m_settings)
        m_settings->setValue(QStringLiteral("backup.folder"), folder);
}

QString AppContext::restoreAndRestart(const QString &backupPath)
{
    if (!m_database || !m_database->isSqlite())
        return tr("restore is for the SQLite database; use pg_restore for PostgreSQL");
    stopServices();
    m_database->closeAllConnections();
    const Models::DbResult<QString> aside =
            Services::BackupService::restore(backupPath, m_database->url().path, *m_clock);
    if (!aside.ok()) {
        startServices();
        return aside.error().message();
    }
    qCInfo(lcApp).noquote() << "restored" << m_database->url().path << "from" << backupPath << "; replaced file kept as"
                            << aside.value();
    QProcess::startDetached(QCoreApplication::applicationFilePath(), QCoreApplication::arguments().mid(1));
    QCoreApplication::quit();
    return {};
}

QString AppContext::startServices()
{
    if (m_backupService)
        m_backupService->start();
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
