#pragma once

#include "options.h"

#include <models/dberror.h>

#include <QObject>

#include <memory>

namespace Callvia::Models {
class Clock;
class Database;
class SettingsRepository;
}

namespace Callvia::Services {
class ProviderConfig;
class SecretCipher;
}

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
    Models::DbError openDatabase();
    // Starts the listener and background services (GUI and headless modes).
    QString startServices();
    void stopServices();

    const Options &options() const { return m_options; }
    const Models::Clock &clock() const { return *m_clock; }
    Models::Database &database() const { return *m_database; }
    Services::ProviderConfig &providerConfig() const { return *m_providerConfig; }
    Services::SecretCipher *secretCipher() const { return m_cipher.get(); } // null without a key (issue 6)

private:
    Options m_options;
    std::unique_ptr<Models::Clock> m_clock;
    std::unique_ptr<Models::Database> m_database;
    std::unique_ptr<Models::SettingsRepository> m_settings;
    std::unique_ptr<Services::SecretCipher> m_cipher;
    std::unique_ptr<Services::ProviderConfig> m_providerConfig;

    // --- appcontext: webhooks (issue 3) ---

    // --- end webhooks ---
};

} // namespace Callvia::App
