#pragma once

#include "options.h"

#include <models/database.h>
#include <models/dberror.h>
#include <services/auth/session.h>

#include <QObject>

#include <memory>
#include <optional>

namespace Callvia::Models {
class Clock;
class Database;
class SettingsRepository;
class TenantScope; // issue 26
}

namespace Callvia::Services {
class BackupService;
class DatabaseHealthMonitor;
class EventProcessor;
class HandlerRegistry;
class OutboxDispatcher;
class OutboxWaker;
class ProviderConfig;
class SecretCipher;
class ServiceThread;
class WebhookListener;
class Scheduler; // issue 21
class ReminderService; // issue 21
class VerificationService; // issue 22
class RebookService; // issue 22
class LeaderElection; // issue 26
class InstanceLock; // issue 26
class ChangeListener; // issue 26
}

class QThread;

namespace Callvia::App {

// The composition root: builds the clock, the database, the services and (in GUI mode, from
// main) the window, and wires them. Nothing else constructs services.
class AppContext final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AppContext)
public:
    explicit AppContext(Options options, QObject *parent = nullptr);
    ~AppContext() override;

    // Opens the database and applies migrations. The message names the file or server.
    // With Options::check (callvia --check): opens it only, without the instance lock or the
    // migrations, and builds nothing beyond the settings repository (app/configcheck.cpp reads on).
    Models::DbError openDatabase();
    // The database URL from --database, $CALLVIA_DATABASE or the SQLite default, with the
    // password typed at start-up or from CALLVIA_DATABASE_PASSWORD_FILE; nullopt with *error.
    std::optional<Models::DatabaseUrl> databaseUrl(QString *error) const;
    // After openDatabase(): the settings (null before, or when it failed).
    const Models::SettingsRepository *settings() const { return m_settings.get(); }
    // PostgreSQL: the password of the URL's login, typed at start-up (a user's own login role).
    void setDatabasePassword(const QString &password) { m_databasePassword = password; }
    // Starts the listener and background services (GUI and headless modes).
    QString startServices();
    void stopServices();

    const Options &options() const { return m_options; }
    const Models::Clock &clock() const { return *m_clock; }
    Models::Database &database() const { return *m_database; }
    Services::ProviderConfig &providerConfig() const { return *m_providerConfig; }
    // SQLite only (nullptr on PostgreSQL, which is backed up with pg_dump).
    Services::BackupService *backupService() const { return m_backupService; }
    void setBackupFolder(const QString &folder);
    // Stops the services, closes the database, restores the backup over the SQLite file and
    // restarts the process. Returns an error message (and restarts the services) on failure.
    QString restoreAndRestart(const QString &backupPath);
    Services::SecretCipher *secretCipher() const { return m_cipher.get(); } // null without a key (issue 6)
    // The thread the views read on (queries over large tables never run on the GUI thread);
    // created on first use, stopped when the context goes.
    Services::ServiceThread &viewReader();

private:
    Options m_options;
    QString m_databasePassword;
    std::unique_ptr<Models::Clock> m_clock;
    std::unique_ptr<Models::Database> m_database;
    std::unique_ptr<Models::SettingsRepository> m_settings;
    std::unique_ptr<Services::SecretCipher> m_cipher;
    std::unique_ptr<Services::ProviderConfig> m_providerConfig;
    // Probes the database while Database::health() reports a fault, so the window's banner clears
    // by itself. Declared after m_database: destroyed (and its probe thread's connection closed) first.
    std::unique_ptr<Services::DatabaseHealthMonitor> m_healthMonitor;
    Services::BackupService *m_backupService = nullptr; // child QObject
    Services::ServiceThread *m_viewReader = nullptr; // child of this

    // --- appcontext: webhooks (issue 3) ---
public:
    Services::HandlerRegistry &handlers() const { return *m_handlers; }
    // Lives on the service thread (not the GUI's): connect to its signals; of its functions
    // only port() may be called from another thread.
    Services::WebhookListener *listener() const { return m_listener; }

private:
    // The five provider handlers (Retell, Cal.com, Stripe, SendGrid, MessageBird), registered
    // when the database is opened; the listener identifies events with them, the processor applies.
    std::unique_ptr<Services::HandlerRegistry> m_handlers;
    Services::WebhookListener *m_listener = nullptr; // on m_serviceThread, no parent; stopServices() deletes it there
    QThread *m_processorThread = nullptr; // child of this; runs m_processor
    Services::EventProcessor *m_processor = nullptr; // lives on m_processorThread; stopServices() deletes it
    // Issue 20: the listener lives on m_serviceThread, the backup schedule on m_backupThread.
    Services::ServiceThread *m_serviceThread = nullptr; // child of this
    Services::ServiceThread *m_backupThread = nullptr; // child of this

    // --- end webhooks ---

    // --- appcontext: outbox (issue 21) ---
public:
    // The dispatcher lives on its own thread; connect to its rowsChanged() (queued) to refresh a view.
    Services::OutboxDispatcher *outboxDispatcher() const { return m_outboxDispatcher; }
    // A row was enqueued or retried: run a pass now instead of at the next timer.
    void wakeOutbox();

Q_SIGNALS:
    // The dispatcher committed outcomes (relayed from its thread): outbox views refresh.
    void outboxRowsChanged();
    // The event processor applied a stored webhook event (relayed from its thread), issue 24.
    void webhookEventApplied();
    // The dialer paused a campaign by itself (Retell refused a call, abandonment above 3 %),
    // relayed from the scheduler's thread: the window raises an alert. Issue 25.
    void dialerPaused(qint64 campaignId, const QString &message);

private:
    QThread *m_outboxThread = nullptr; // child of this; runs m_outboxDispatcher and its waker
    Services::OutboxDispatcher *m_outboxDispatcher = nullptr; // owns m_outboxWaker; deleted by stopServices()
    Services::OutboxWaker *m_outboxWaker = nullptr;
    // --- end outbox ---
    // --- appcontext: scheduler and reminders (issue 21) ---
public:
    // The one timer of the timed services; other jobs (outbox dispatcher) may addJob() before
    // startServices() starts its thread. Null before openDatabase().
    Services::Scheduler *scheduler() const { return m_scheduler; }

private:
    void createScheduler();
    void addBillingJobs(); // issue 22
    void addDialerJob(); // issue 25
    void startScheduler();
    void followProcessor();
    void stopScheduler();
    QThread *m_schedulerThread = nullptr; // child of this; runs m_scheduler
    Services::Scheduler *m_scheduler = nullptr; // owns m_reminders; lives on m_schedulerThread once started
    Services::ReminderService *m_reminders = nullptr;
    // --- end scheduler ---
    // --- appcontext: show verification and rebook (issue 22) ---
public:
    // On the scheduler's thread once started (children of m_scheduler); null before openDatabase().
    Services::VerificationService *verification() const { return m_verification; }
    Services::RebookService *rebook() const { return m_rebook; }

private:
    void ensureLinkKey(const QByteArray &secretsKey);
    QByteArray m_linkKey; // the show-check links' fallback key
    void addVerificationJobs();
    Services::VerificationService *m_verification = nullptr;
    Services::RebookService *m_rebook = nullptr;
    // --- end verification ---

    // --- appcontext: team deployment (issue 26) ---
public:
    // PostgreSQL: the election that decides whether this instance runs the scheduled services
    // (lives on its own thread once the services start; null otherwise). Its isLeader() may be read
    // from any thread.
    const Services::LeaderElection *leaderElection() const { return m_election; }

    // SIGHUP in --headless: the listener reads the provider secrets, public URL and trusted
    // proxies again (settings edited in the admin console apply at once), and the Qt logging
    // rules are read again from the file $QT_LOGGING_CONF names, if any. Logs what now applies.
    void reloadConfiguration();

    // PostgreSQL desktops: the change notices of every instance (calls, appointments, invoices,
    // messages), filtered to `scope`, on their own thread and connection. Each one is relayed as
    // rowChanged and webhookEventApplied (the views' reload hook); a reconnect after the database
    // was away reloads too. No effect on SQLite (one instance per file).
    void startLiveUpdates(const Models::TenantScope &scope);

Q_SIGNALS:
    void leadershipChanged(bool leader);
    void rowChanged(const QString &table, qint64 clientId, qint64 rowId);

private:
    void stopLiveUpdates();
    QThread *m_liveThread = nullptr; // child of this
    Services::ChangeListener *m_changeListener = nullptr; // on m_liveThread; stopLiveUpdates() deletes it
    void startElection();
    void stopElection();
    QThread *m_electionThread = nullptr; // child of this
    Services::LeaderElection *m_election = nullptr; // on m_electionThread; stopElection() deletes it
    std::unique_ptr<Services::InstanceLock> m_instanceLock; // SQLite: one instance per file
    // --- end team deployment ---

    // --- appcontext: signed-in user of a sub-command (issue 6) ---
public:
    // Whom a sub-command acts as: the operator (Session::system) unless `--user NAME` signed in.
    const Services::Session &session() const { return m_session; }
    void setSession(const Services::Session &session) { m_session = session; }

private:
    Services::Session m_session = Services::Session::system();
    // --- end signed-in user ---
};

} // namespace Callvia::App
