#include "appcontext.h"

#include <models/clock.h>
#include <models/database.h>
#include <models/repositories/settingsrepository.h>
#include <services/backup/backupservice.h>
#include <services/databasehealthmonitor.h>
#include <services/providerconfig.h>
#include <services/servicethread.h>
#include <services/auth/aesgcmcipher.h>
#include <services/auth/secretstore.h>
#include <services/auth/systemkeychain.h>
#include <services/secretcipher.h>

#include <QCoreApplication>
#include <QFile>
#include <QLoggingCategory>
#include <QProcess>
#include <QUrl>

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
#include <QTimer>
// --- end webhooks includes ---

// --- appcontext: outbox includes (issue 21) ---
#include <services/outbox/outboxdispatcher.h>
#include <services/outbox/outboxwaker.h>
// --- end outbox includes ---
// --- appcontext: scheduler and reminders includes (issue 21) ---
#include <services/billing/milestoneservice.h> // issue 22
#include <services/billing/stripeinvoiceflow.h>
#include <services/billing/usageinvoiceservice.h>
#include <services/reminders/reminderservice.h>
#include <services/dialer/dialerservice.h> // issue 25
#include <services/scheduling/scheduler.h>
// --- end scheduler includes ---
// --- appcontext: verification includes (issue 22) ---
#include <services/auth/session.h>
#include <services/providers/calcom/calcomslotsource.h>
#include <services/rebooking/rebookservice.h>
#include <services/verification/verificationservice.h>

#include <QMessageAuthenticationCode>
// --- end verification includes ---
// --- appcontext: team deployment includes (issue 26) ---
#include <services/team/changelistener.h>
#include <services/team/instancelock.h>
#include <services/team/leaderelection.h>
// --- end team deployment includes ---

Q_LOGGING_CATEGORY(lcApp, "callvia.app")

namespace Callvia::App {

// The system clock, or with CALLVIA_CLOCK_OFFSET_SECONDS (a test/demo aid) the system clock moved
// by that offset, said once in the log.
static std::unique_ptr<Models::Clock> makeClock(const Options &options)
{
    if (!options.clockOffsetSeconds)
        return std::make_unique<Models::SystemClock>();
    const qint64 seconds = *options.clockOffsetSeconds;
    qCWarning(lcApp).noquote() << QStringLiteral("clock offset active: %1%2 s").arg(seconds >= 0 ? QLatin1String("+") : QLatin1String()).arg(seconds);
    return std::make_unique<Models::OffsetClock>(seconds * 1000);
}

AppContext::AppContext(Options options, QObject *parent)
    : QObject(parent), m_options(std::move(options)), m_clock(makeClock(m_options)),
      m_handlers(std::make_unique<Services::HandlerRegistry>()) // webhooks (issue 3)
{
}

AppContext::~AppContext()
{
    stopLiveUpdates(); // issue 26
    stopServices();
    if (m_viewReader)
        m_viewReader->stop(); // before m_database goes: it closes the thread's connection
}

Services::ServiceThread &AppContext::viewReader()
{
    if (!m_viewReader)
        m_viewReader = new Services::ServiceThread(QStringLiteral("callvia-views"), *m_database, this);
    return *m_viewReader;
}

namespace {

// CALLVIA_DATABASE_PASSWORD_FILE: the first line of that file is the password (systemd's
// LoadCredential=, a secret mounted by an orchestrator). Refused when others may read it.
QString readPasswordFile(Models::DatabaseUrl *url)
{
    const QString path = qEnvironmentVariable("CALLVIA_DATABASE_PASSWORD_FILE");
    if (path.isEmpty() || !url->password.isEmpty())
        return {};
    QFile file(path);
    if (file.permissions() & (QFileDevice::ReadOther | QFileDevice::ReadGroup | QFileDevice::WriteOther))
        return QStringLiteral("CALLVIA_DATABASE_PASSWORD_FILE %1 may be read by other users: chmod 600 it").arg(path);
    if (!file.open(QIODevice::ReadOnly))
        return QStringLiteral("CALLVIA_DATABASE_PASSWORD_FILE %1: %2").arg(path, file.errorString());
    url->password = QString::fromUtf8(file.readLine()).trimmed();
    return {};
}

} // namespace

std::optional<Models::DatabaseUrl> AppContext::databaseUrl(QString *error) const
{
    // The service environment may name the database (a systemd EnvironmentFile), so a password in
    // it never shows in the process's arguments.
    QString text = m_options.databaseUrl.isEmpty() ? qEnvironmentVariable("CALLVIA_DATABASE") : m_options.databaseUrl;
    if (text.isEmpty())
        text = Models::DatabaseUrl::defaultSqlitePath();
    QString parseError;
    std::optional<Models::DatabaseUrl> url = Models::DatabaseUrl::parse(text, &parseError);
    if (!url) {
        *error = QStringLiteral("--database: %1").arg(parseError);
        return std::nullopt;
    }
    if (url->dialect == Models::Dialect::PostgreSql) {
        if (!m_databasePassword.isEmpty())
            url->password = m_databasePassword;
        if (const QString refused = readPasswordFile(&*url); !refused.isEmpty()) {
            *error = refused;
            return std::nullopt;
        }
    }
    return url;
}

Models::DbError AppContext::openDatabase()
{
    QString error;
    std::optional<Models::DatabaseUrl> url = databaseUrl(&error);
    if (!url)
        return { Models::DbError::Invalid, error };
    if (url->dialect == Models::Dialect::PostgreSql && !m_options.databaseUrl.isEmpty()
        && QUrl(m_options.databaseUrl).password().size() > 0)
        qCWarning(lcApp) << "the --database URL holds a password, which other local users can read in the "
                            "process list: use PGPASSWORD, PGPASSFILE or CALLVIA_DATABASE_PASSWORD_FILE";
    m_database = std::make_unique<Models::Database>(*url);
    if (Models::DbError openError = m_database->open())
        return openError;
    // Issue 26: one desktop or headless instance per SQLite file (sub-commands may run beside it).
    // After open(), which creates the file's folder on a first start.
    // --check may run beside the service it checks.
    if (url->dialect == Models::Dialect::Sqlite && m_options.command.isEmpty() && !m_options.check) {
        if (!m_instanceLock)
            m_instanceLock = std::make_unique<Services::InstanceLock>(url->path);
        if (const QString refused = m_instanceLock->acquire(); !refused.isEmpty())
            return { Models::DbError::Invalid, refused };
    }
    // Row-level security does not bind a superuser or a BYPASSRLS role: refuse to serve client
    // users through one unless asked to (set-up by the owner, tests).
    const Models::DbResult<bool> bypasses = m_database->bypassesRowSecurity();
    if (!bypasses.ok())
        return bypasses.error();
    if (bypasses.value() && !m_options.allowSuperuser)
        return { Models::DbError::Invalid,
                 QStringLiteral("%1: the PostgreSQL login %2 is a superuser or has BYPASSRLS, so row-level "
                                "security would not apply. Connect as a Callvia login role (README, \"Using "
                                "PostgreSQL\"), or pass --allow-superuser for set-up.")
                         .arg(m_database->url().displayName(), m_database->url().user) };
    if (m_options.check) { // callvia --check: look, change nothing (no migration, no key file)
        m_settings = std::make_unique<Models::SettingsRepository>(*m_database, *m_clock);
        return {};
    }
    if (Models::DbError migrateError = m_database->migrate())
        return migrateError;
    m_settings = std::make_unique<Models::SettingsRepository>(*m_database, *m_clock);
    m_healthMonitor = std::make_unique<Services::DatabaseHealthMonitor>(*m_database);
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
    m_handlers->add(std::make_unique<Services::StripeHandler>(*m_database, *m_clock, m_providerConfig.get()));
    m_handlers->add(std::make_unique<Services::SendGridHandler>(*m_database, *m_clock));
    m_handlers->add(std::make_unique<Services::MessageBirdHandler>(*m_database, *m_clock));
    if (m_database->isSqlite()) {
        const auto folder = m_settings->value(QStringLiteral("backup.folder"), Services::BackupService::defaultFolder());
        m_backupService = new Services::BackupService(
                *m_database, *m_clock, folder.ok() ? folder.value() : Services::BackupService::defaultFolder(), this);
    }
    ensureLinkKey(key); // issue 22
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
    if (m_viewReader && m_viewReader->isRunning())
        m_viewReader->run([this] { m_database->releaseThreadConnection(); });
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
    // The new process gets no password in its arguments (others can read those): it goes in the
    // environment, which only the same user can read.
    QString password;
    QProcess respawn;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    respawn.setProgram(QCoreApplication::applicationFilePath());
    respawn.setArguments(Models::DatabaseUrl::argumentsWithoutPassword(QCoreApplication::arguments().mid(1), &password));
    if (!password.isEmpty())
        environment.insert(QStringLiteral("PGPASSWORD"), password);
    respawn.setProcessEnvironment(environment);
    if (m_instanceLock)
        m_instanceLock->release(); // issue 26: the new process takes it
    respawn.startDetached();
    QCoreApplication::quit();
    return {};
}

QString AppContext::startServices()
{
    // --- appcontext: service threads (issue 20) ---
    // The listener (with /healthz's database ping) and the scheduled backups each run on a thread
    // with its own connection: a busy window never delays a webhook, a flood never freezes it,
    // and a long backup delays neither.
    if (!m_serviceThread && m_database)
        m_serviceThread = new Services::ServiceThread(QStringLiteral("callvia-listener"), *m_database, this);
    if (m_backupService && !m_backupThread) {
        m_backupThread = new Services::ServiceThread(QStringLiteral("callvia-backup"), *m_database, this);
        m_backupThread->post([context = m_backupThread->context(), backups = m_backupService] {
            auto *schedule = new QTimer(context);
            connect(schedule, &QTimer::timeout, context, [backups] { backups->runIfDue(); });
            schedule->start(15 * 60 * 1000);
            backups->runIfDue();
        });
    }
    // --- end service threads ---
    startScheduler(); // issue 21: reminders run even when the listener cannot start
    // --- appcontext: start webhooks (issue 3) ---
    if (!m_listener && m_database) {
        Services::WebhookListener::Options listenerOptions;
        // CALLVIA_LISTENER_RATE_LIMIT, _VERIFIED_RATE_LIMIT, _MAX_CONNECTIONS (see ListenerLimits)
        listenerOptions.limits = Services::ListenerLimits::fromConfig(*m_providerConfig);
        listenerOptions.linkKey = m_linkKey; // issue 22
        const qint64 files = Services::raiseOpenFileLimit();
        if (files >= 0 && files < listenerOptions.limits.maxConnections + 256)
            qCWarning(lcApp).noquote() << "only" << files << "open files allowed for up to"
                                       << listenerOptions.limits.maxConnections << "connections (raise LimitNOFILE)";
        QString error;
        m_serviceThread->run([&] {
            auto *listener = new Services::WebhookListener(*m_database, *m_clock, *m_providerConfig, *m_handlers,
                                                           listenerOptions);
            error = listener->listen(QHostAddress(m_options.listenHost), m_options.listenPort);
            if (error.isEmpty())
                m_listener = listener;
            else
                delete listener;
        });
        if (!error.isEmpty())
            return error;
        qCInfo(lcApp).noquote() << QStringLiteral("listening on %1:%2").arg(m_options.listenHost).arg(m_listener->port());
        m_processorThread = new QThread(this);
        m_processor = new Services::EventProcessor(*m_database, *m_clock, *m_handlers,
                                                   Services::EventProcessor::Options());
        m_processor->moveToThread(m_processorThread);
        connect(m_processorThread, &QThread::started, m_processor, &Services::EventProcessor::start);
        connect(m_listener, &Services::WebhookListener::eventsStored, m_processor,
                &Services::EventProcessor::notifyStored, Qt::QueuedConnection);
        // Views that show what webhooks change (billing: invoice.paid) refresh (issue 24).
        connect(m_processor, &Services::EventProcessor::eventProcessed, this, &AppContext::webhookEventApplied,
                Qt::QueuedConnection);
        m_processorThread->start();
    }

    // --- end start webhooks ---

    // --- appcontext: start outbox (issue 21) ---
    if (!m_outboxThread && m_database) {
        m_outboxThread = new QThread(this);
        m_outboxThread->setObjectName(QStringLiteral("outbox"));
        m_outboxDispatcher = new Services::OutboxDispatcher(*m_database, *m_clock, *m_providerConfig, {});
        m_outboxWaker = new Services::OutboxWaker(*m_outboxDispatcher, *m_clock, m_outboxDispatcher);
        m_outboxDispatcher->moveToThread(m_outboxThread); // with its network manager and the waker
        connect(m_outboxThread, &QThread::started, m_outboxWaker, &Services::OutboxWaker::start);
        connect(m_outboxDispatcher, &Services::OutboxDispatcher::rowsChanged, this, &AppContext::outboxRowsChanged,
                Qt::QueuedConnection);
        m_outboxThread->start();
    }
    // --- end start outbox ---
    followProcessor(); // issue 21
    return {};
}

void AppContext::stopServices()
{
    stopScheduler(); // issue 21: first, so no pass starts while the rest goes down
    // --- appcontext: stop webhooks (issue 3) ---
    if (m_listener) {
        // On its thread: stops accepting, answers what is queued before the database goes away.
        m_serviceThread->run([listener = m_listener] {
            listener->stop();
            delete listener;
        });
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
    // --- appcontext: stop service threads (issue 20) ---
    delete m_serviceThread; // ends the thread after closing its database connection
    m_serviceThread = nullptr;
    delete m_backupThread; // waits for a backup in progress
    m_backupThread = nullptr;
    // --- end stop service threads ---

    // --- appcontext: stop outbox (issue 21) ---
    if (m_outboxThread) {
        // Requests in flight finish and their outcomes commit; nothing new is claimed.
        QMetaObject::invokeMethod(
                m_outboxDispatcher,
                [this] {
                    m_outboxWaker->stop();
                    m_outboxDispatcher->stop();
                    m_database->releaseThreadConnection();
                },
                Qt::BlockingQueuedConnection);
        m_outboxThread->quit();
        m_outboxThread->wait();
        delete m_outboxDispatcher; // and its waker
        m_outboxDispatcher = nullptr;
        m_outboxWaker = nullptr;
        delete m_outboxThread;
        m_outboxThread = nullptr;
    }
    // --- end stop outbox ---
}

void AppContext::wakeOutbox()
{
    if (m_outboxWaker)
        QMetaObject::invokeMethod(m_outboxWaker, &Services::OutboxWaker::wake, Qt::QueuedConnection);
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
    addVerificationJobs(); // issue 22
    addBillingJobs(); // issue 22
    addDialerJob(); // issue 25
}

// --- appcontext: the dialer (issue 25): a scheduler job like the others, so it runs only on the
// leader and stops with the scheduler (quit, SIGTERM, leadership lost) between two passes ---
void AppContext::addDialerJob()
{
    auto *dialer = new Services::DialerService(*m_database, *m_clock, Services::DialerService::Options(), m_scheduler);
    m_scheduler->addJob({ QStringLiteral("dialer"), [dialer] { return dialer->nextDueAt(); },
                          [dialer](qint64) -> Models::DbResult<bool> {
                              const auto pass = dialer->runDue();
                              if (!pass.ok())
                                  return pass.error();
                              return pass.value().more;
                          } });
    // A queued call is an outbox row: send it now, not at the waker's next look.
    connect(dialer, &Services::DialerService::callsQueued, this, &AppContext::wakeOutbox);
    connect(dialer, &Services::DialerService::campaignPaused, this, &AppContext::dialerPaused);
}
// --- end dialer ---

// --- appcontext: billing jobs (issue 22): milestones -> usage invoices -> Stripe steps, after the
// reminders (the verification job goes before them) ---
void AppContext::addBillingJobs()
{
    auto *milestones = new Services::MilestoneService(*m_database, *m_clock, m_scheduler);
    auto *usage = new Services::UsageInvoiceService(*m_database, *m_clock, m_scheduler);
    auto *stripe = new Services::StripeInvoiceFlow(*m_database, *m_clock, m_scheduler);
    m_scheduler->addJob({ QStringLiteral("milestones"), [milestones] { return milestones->nextDueAt(); },
                          [milestones](qint64 now) { return milestones->runDue(now); } });
    m_scheduler->addJob({ QStringLiteral("usage_invoices"), [usage] { return usage->nextDueAt(); },
                          [usage](qint64 now) { return usage->runDue(now); } });
    m_scheduler->addJob({ QStringLiteral("stripe_invoices"), [stripe] { return stripe->nextDueAt(); },
                          [stripe](qint64 now) { return stripe->runDue(now); } });
    // A new invoice step is an outbox row: send it now rather than at the waker's next look.
    connect(milestones, &Services::MilestoneService::outboxQueued, this, &AppContext::wakeOutbox);
    connect(usage, &Services::UsageInvoiceService::outboxQueued, this, &AppContext::wakeOutbox);
    connect(stripe, &Services::StripeInvoiceFlow::outboxQueued, this, &AppContext::wakeOutbox);
}
// --- end billing jobs ---

void AppContext::startScheduler()
{
    if (m_schedulerThread || !m_database)
        return;
    createScheduler(); // again after a stopServices()
    m_schedulerThread = new QThread(this);
    m_schedulerThread->setObjectName(QStringLiteral("scheduler"));
    m_scheduler->moveToThread(m_schedulerThread);
    // Issue 26: on PostgreSQL the scheduled services run only while this instance is the leader.
    if (m_database->isSqlite())
        connect(m_schedulerThread, &QThread::started, m_scheduler, &Services::Scheduler::start);
    m_schedulerThread->start();
    if (!m_database->isSqlite())
        startElection();
}

void AppContext::followProcessor()
{
    // A booking may have created a reminder due before the scheduler's next wake.
    if (m_processor && m_scheduler)
        connect(m_processor, &Services::EventProcessor::eventProcessed, m_scheduler, &Services::Scheduler::reschedule,
                Qt::ConnectionType(Qt::QueuedConnection | Qt::UniqueConnection));
    // issue 22: a Stripe step answered (outbox row sent or failed) lets its invoice take the next step.
    if (m_outboxDispatcher && m_scheduler)
        connect(m_outboxDispatcher, &Services::OutboxDispatcher::rowsChanged, m_scheduler,
                &Services::Scheduler::reschedule, Qt::ConnectionType(Qt::QueuedConnection | Qt::UniqueConnection));
}

void AppContext::stopScheduler()
{
    stopElection(); // issue 26: while the scheduler's thread still runs (the step-down stops it there)
    if (!m_schedulerThread) {
        delete m_scheduler; // created but never started (a sub-command)
        m_scheduler = nullptr;
        m_reminders = nullptr;
        m_verification = nullptr; // issue 22
        m_rebook = nullptr;
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
    m_verification = nullptr; // issue 22: children of the scheduler
    m_rebook = nullptr;
    delete m_schedulerThread;
    m_schedulerThread = nullptr;
}
// --- end scheduler ---

// --- appcontext: team deployment (issue 26) ---
void AppContext::startElection()
{
    if (m_electionThread)
        return;
    m_electionThread = new QThread(this);
    m_electionThread->setObjectName(QStringLiteral("election"));
    Services::LeaderElection::Options options;
    if (const int ms = qEnvironmentVariableIntValue("CALLVIA_LEADER_CHECK_MS"); ms > 0)
        options.checkIntervalMs = ms;
    m_election = new Services::LeaderElection(m_database->url(), options);
    m_election->moveToThread(m_electionThread);
    Services::Scheduler *scheduler = m_scheduler;
    Models::Database *database = m_database.get();
    // Runs on the election's thread and returns once no pass runs any more (a pass is one
    // transaction): only then is the lock let go.
    m_election->setStepDown([scheduler, database] {
        QMetaObject::invokeMethod(
                scheduler,
                [scheduler, database] {
                    scheduler->stop();
                    database->releaseThreadConnection();
                },
                Qt::BlockingQueuedConnection);
    });
    connect(m_election, &Services::LeaderElection::leadershipAcquired, m_scheduler, &Services::Scheduler::start);
    connect(m_election, &Services::LeaderElection::leadershipAcquired, this, [this] { Q_EMIT leadershipChanged(true); });
    connect(m_election, &Services::LeaderElection::leadershipLost, this, [this] { Q_EMIT leadershipChanged(false); });
    connect(m_electionThread, &QThread::started, m_election, &Services::LeaderElection::start);
    m_electionThread->start();
}

void AppContext::stopElection()
{
    if (!m_electionThread)
        return;
    QMetaObject::invokeMethod(m_election, &Services::LeaderElection::stop, Qt::BlockingQueuedConnection);
    m_electionThread->quit();
    m_electionThread->wait();
    delete m_election;
    m_election = nullptr;
    delete m_electionThread;
    m_electionThread = nullptr;
}
void AppContext::startLiveUpdates(const Models::TenantScope &scope)
{
    if (m_liveThread || !m_database || m_database->isSqlite())
        return;
    m_liveThread = new QThread(this);
    m_liveThread->setObjectName(QStringLiteral("live-updates"));
    // The URL of the session's own login (a user's role): the listener sees what they may see.
    m_changeListener = new Services::ChangeListener(m_database->url(), scope, {});
    m_changeListener->moveToThread(m_liveThread);
    connect(m_changeListener, &Services::ChangeListener::changed, this, [this](const Models::ChangeNotice &notice) {
        Q_EMIT rowChanged(notice.table, notice.clientId, notice.rowId);
        Q_EMIT webhookEventApplied();
    });
    connect(m_changeListener, &Services::ChangeListener::reconnected, this, &AppContext::webhookEventApplied);
    connect(m_liveThread, &QThread::started, m_changeListener, &Services::ChangeListener::start);
    m_liveThread->start();
}

void AppContext::stopLiveUpdates()
{
    if (!m_liveThread)
        return;
    QMetaObject::invokeMethod(m_changeListener, &Services::ChangeListener::stop, Qt::BlockingQueuedConnection);
    m_changeListener->deleteLater(); // on its thread (which opened its connection), as the thread ends
    m_changeListener = nullptr;
    m_liveThread->quit();
    m_liveThread->wait();
    delete m_liveThread;
    m_liveThread = nullptr;
}

void AppContext::reloadConfiguration()
{
    // The log level: a QT_LOGGING_CONF file (e.g. /etc/callvia/logging.ini) edited, then SIGHUP.
    const QString rulesFile = qEnvironmentVariable("QT_LOGGING_CONF");
    if (!rulesFile.isEmpty()) {
        QFile file(rulesFile);
        if (file.open(QIODevice::ReadOnly | QIODevice::Text)) {
            QString rules = QString::fromUtf8(file.readAll());
            rules.remove(QStringLiteral("[Rules]"));
            QLoggingCategory::setFilterRules(rules.trimmed());
            qCInfo(lcApp).noquote() << "logging rules read again from" << rulesFile;
        } else {
            qCWarning(lcApp).noquote() << "QT_LOGGING_CONF" << rulesFile << "unreadable:" << file.errorString();
        }
    }
    if (!m_listener || !m_serviceThread) {
        qCInfo(lcApp) << "configuration reloaded (no listener running)";
        return;
    }
    QString summary;
    Services::WebhookListener *listener = m_listener;
    m_serviceThread->run([&summary, listener] { summary = listener->reloadConfiguration(); });
    qCInfo(lcApp).noquote() << "configuration reloaded:" << summary;
}

// --- end team deployment ---

// --- appcontext: show verification and rebook (issue 22) ---
// The show-check links are signed with verification.link_key (a secret setting, or
// CALLVIA_VERIFICATION_LINK_KEY); without one, with a key derived from the secrets key
// (HMAC-SHA256 over a fixed label), so no new secret is written into a database on start.
void AppContext::ensureLinkKey(const QByteArray &secretsKey)
{
    m_linkKey = secretsKey.isEmpty()
            ? QByteArray()
            : QMessageAuthenticationCode::hash(QByteArrayLiteral("callvia verification link key v1"), secretsKey,
                                               QCryptographicHash::Sha256)
                      .toBase64();
}

// Verification before the rebook sequence it starts (and before billing, which the billing
// helper registers after these); each a Scheduler job on the scheduler's thread.
void AppContext::addVerificationJobs()
{
    Services::VerificationService::Options options;
    options.linkKey = m_linkKey;
    m_verification = new Services::VerificationService(*m_database, *m_clock, m_providerConfig.get(), options, m_scheduler);
    m_rebook = new Services::RebookService(*m_database, *m_clock, Services::RebookService::Options(), m_scheduler);
    // Rebook messages offer the client's next free Cal.com slots where its key and event type are set.
    m_rebook->setSlotSource(Services::calcomSlotSource(*m_providerConfig, *m_database, *m_clock));
    Services::VerificationService *verification = m_verification;
    Services::RebookService *rebook = m_rebook;
    m_scheduler->addJob({ QStringLiteral("verification"), [verification] { return verification->nextDueAt(); },
                          [verification](qint64 nowMs) { return verification->runDue(nowMs); } });
    m_scheduler->addJob({ QStringLiteral("rebook"), [rebook] { return rebook->nextDueAt(); },
                          [rebook](qint64 nowMs) { return rebook->runDue(nowMs); } });
    // Confirmation e-mails and rebook messages go out at once rather than at the outbox's next timer.
    connect(m_verification, &Services::VerificationService::confirmationsQueued, this, &AppContext::wakeOutbox);
    connect(m_rebook, &Services::RebookService::messagesQueued, this, &AppContext::wakeOutbox);
}
// --- end verification ---

} // namespace Callvia::App
