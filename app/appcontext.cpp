#include "appcontext.h"

#include <models/clock.h>
#include <models/database.h>
#include <models/settingsrepository.h>
#include <services/backup/backupservice.h>
#include <services/providerconfig.h>
#include <services/auth/aesgcmcipher.h>
#include <services/auth/secretstore.h>
#include <services/auth/systemkeychain.h>
#include <services/secretcipher.h>

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QProcess>

// --- appcontext: webhooks includes (issue 3) ---
#include <services/webhooks/eventprocessor.h>
#include <services/webhooks/calcomhandler.h>
#include <services/webhooks/handlerregistry.h>
#include <services/webhooks/messagebirdhandler.h>
#include <services/webhooks/retellhandler.h>
#include <services/webhooks/sendgridhandler.h>
#include <services/webhooks/stripehandler.h>
#include <services/webhooks/webhooklistener.h>

#include <QHostAddress>
#include <QThread>
// --- end webhooks includes ---

// --- appcontext: scheduler and reminders includes (issue 21) ---
#include <services/reminders/reminderservice.h>
#include <services/scheduling/scheduler.h>
// --- end scheduler includes ---

Q_LOGGING_CATEGORY(lcApp, "callvia.app")

namespace Callvia::App {

AppContext::AppContext(Options options, QObject *parent)
    : QObject(parent), m_options(std::move(options)), m_clock(std::make_unique<Models::SystemClock>()),
      m_handlers(std::make_unique<Services::HandlerRegistry>()) // webhooks (issue 3)
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
    // The OS keychain only for desktop runs: --headless servers and sub-commands assume no
    // desktop session (no unlocked Secret Service) and use CALLVIA_SECRET_KEY or the key file.
    const bool desktop = m_options.command.isEmpty() && !m_options.headless;
    Services::SystemKeychain keychain;
    const QByteArray key = Services::SecretStore::loadKey(*m_database, *m_clock,
            Services::SecretKeyStore::defaultKeyFilePath(), &keyError, &keySource, desktop ? &keychain : nullptr);
    if (key.isEmpty())
        qCWarning(lcApp).noquote() << "stored secrets unavailable:" << keyError;
    else
        m_cipher = std::make_unique<Services::AesGcmCipher>(key);
    qCInfo(lcApp).noquote() << "secrets key from" << keySource; // where, never what

    // --- end secret cipher ---
    m_providerConfig = std::make_unique<Services::ProviderConfig>(m_settings.get(), m_cipher.get());
    m_handlers->add(std::make_unique<Services::RetellHandler>(*m_database, *m_clock));
    m_handlers->add(std::make_unique<Services::CalcomHandler>(*m_database, *m_clock));
    m_handlers->add(std::make_unique<Services::StripeHandler>(*m_database, *m_clock));
    m_handlers->add(std::make_unique<Services::SendGridHandler>(*m_database, *m_clock));
    m_handlers->add(std::make_unique<Services::MessageBirdHandler>(*m_database, *m_clock));
    if (m_database->isSqlite()) {
        const auto folder = m_settings->value(QStringLiteral("backup.folder"), Services::BackupService::defaultFolder());
        m_backupService = new Services::BackupService(
                *m_database, *m_clock, folder.ok() ? folder.value() : Services::BackupService::defaultFolder(), this);
    }
    createScheduler(); // issue 21
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
    if (!m_database->open()) // recorded in the restored database, as the signed-in user
        Services::BackupService::audit(*m_database, *m_clock, &m_session, QStringLiteral("database.restore"),
                                       { { QStringLiteral("from"), backupPath },
                                         { QStringLiteral("replaced_kept_as"), aside.value() } });
    m_database->closeAllConnections();
    QProcess::startDetached(QCoreApplication::applicationFilePath(), QCoreApplication::arguments().mid(1));
    QCoreApplication::quit();
    return {};
}

QString AppContext::startServices()
{
    if (m_backupService)
        m_backupService->start();
    startScheduler(); // issue 21: reminders run even when the listener cannot start
    // --- appcontext: start webhooks (issue 3) ---
    if (!m_listener && m_database) {
        Services::WebhookListener::Options listenerOptions;
        // CALLVIA_LISTENER_RATE_LIMIT="<per second>[,<burst>]" per source address; 0 turns it off
        // (behind a tunnel every request comes from the tunnel's address).
        const QStringList rate = m_providerConfig->value(QStringLiteral("listener"), QStringLiteral("rate_limit"))
                                         .split(QLatin1Char(','));
        if (!rate.first().trimmed().isEmpty()) {
            listenerOptions.limits.ratePerSecond = rate.first().toDouble();
            listenerOptions.limits.rateBurst = rate.size() > 1 ? rate.at(1).toDouble() : 2 * rate.first().toDouble();
        }
        m_listener = new Services::WebhookListener(*m_database, *m_clock, *m_providerConfig, *m_handlers,
                                                   listenerOptions, this);
        const QString error = m_listener->listen(QHostAddress(m_options.listenHost), m_options.listenPort);
        if (!error.isEmpty()) {
            delete m_listener;
            m_listener = nullptr;
            return error;
        }
        qCInfo(lcApp).noquote() << QStringLiteral("listening on %1:%2").arg(m_options.listenHost).arg(m_listener->port());
        m_processorThread = new QThread(this);
        m_processor = new Services::EventProcessor(*m_database, *m_clock, *m_handlers,
                                                   Services::EventProcessor::Options());
        m_processor->moveToThread(m_processorThread);
        connect(m_processorThread, &QThread::started, m_processor, &Services::EventProcessor::start);
        connect(m_listener, &Services::WebhookListener::eventsStored, m_processor,
                &Services::EventProcessor::notifyStored, Qt::QueuedConnection);
        m_processorThread->start();
    }

    // --- end start webhooks ---
    followProcessor(); // issue 21
    return {};
}

void AppContext::stopServices()
{
    stopScheduler(); // issue 21: first, so no pass starts while the rest goes down
    // --- appcontext: stop webhooks (issue 3) ---
    if (m_listener) {
        m_listener->stop(); // answers what is queued before the database goes away
        delete m_listener;
        m_listener = nullptr;
    }
    if (m_processorThread) {
        QMetaObject::invokeMethod(m_processor, &Services::EventProcessor::stop, Qt::BlockingQueuedConnection);
        m_processorThread->quit();
        m_processorThread->wait();
        delete m_processor; // the thread's event loop is gone, so deleteLater would not run
        m_processor = nullptr;
        delete m_processorThread;
        m_processorThread = nullptr;
    }

    // --- end stop webhooks ---
}

// --- appcontext: scheduler and reminders (issue 21) ---
void AppContext::createScheduler()
{
    if (m_scheduler)
        return;
    m_scheduler = new Services::Scheduler(*m_clock, Services::Scheduler::Options());
    m_reminders = new Services::ReminderService(*m_database, *m_clock, Services::ReminderService::Options(), m_scheduler);
    Services::ReminderService *reminders = m_reminders;
    m_scheduler->addJob({ QStringLiteral("reminders"), [reminders] { return reminders->nextDueAt(); },
                          [reminders](qint64) -> Models::DbResult<bool> {
                              const auto pass = reminders->runDue();
                              if (!pass.ok())
                                  return pass.error();
                              return pass.value().total() > 0; // a full or partial batch: look again at once
                          } });
}

void AppContext::startScheduler()
{
    if (m_schedulerThread || !m_database)
        return;
    createScheduler(); // again after a stopServices()
    m_schedulerThread = new QThread(this);
    m_schedulerThread->setObjectName(QStringLiteral("scheduler"));
    m_scheduler->moveToThread(m_schedulerThread);
    connect(m_schedulerThread, &QThread::started, m_scheduler, &Services::Scheduler::start);
    m_schedulerThread->start();
}

void AppContext::followProcessor()
{
    // A booking may have created a reminder due before the scheduler's next wake.
    if (m_processor && m_scheduler)
        connect(m_processor, &Services::EventProcessor::eventProcessed, m_scheduler, &Services::Scheduler::reschedule,
                Qt::ConnectionType(Qt::QueuedConnection | Qt::UniqueConnection));
}

void AppContext::stopScheduler()
{
    if (!m_schedulerThread) {
        delete m_scheduler; // created but never started (a sub-command)
        m_scheduler = nullptr;
        m_reminders = nullptr;
        return;
    }
    // Runs between two passes (each one transaction): nothing is left half-written.
    QMetaObject::invokeMethod(
            m_scheduler,
            [this] {
                m_scheduler->stop();
                m_database->releaseThreadConnection();
            },
            Qt::BlockingQueuedConnection);
    m_schedulerThread->quit();
    m_schedulerThread->wait();
    delete m_scheduler; // its thread's event loop is gone; deletes m_reminders too
    m_scheduler = nullptr;
    m_reminders = nullptr;
    delete m_schedulerThread;
    m_schedulerThread = nullptr;
}
// --- end scheduler ---

} // namespace Callvia::App
