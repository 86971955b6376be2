#pragma once

#include <models/changechannel.h>
#include <models/tenantscope.h>

#include <QObject>

class QTimer;

namespace Callvia::Services {

// Live updates for a desktop on PostgreSQL (issue 26): listens for the change notices of every
// instance (calls, appointments, invoices, messages) on its own connection and emits changed()
// for each one the session may see: a desktop bound to one client drops notices about other
// clients (and about rows of no client). A lost connection (database restarted, session killed)
// is found by a ping every checkIntervalMs and opened again; reconnected() then says notices may
// have been missed, so views reload. Lives on one thread (the composition root gives it its own).
class ChangeListener final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChangeListener)
public:
    struct Options
    {
        int checkIntervalMs = 2000;
    };

    ChangeListener(const Models::DatabaseUrl &url, Models::TenantScope scope, Options options,
                   QObject *parent = nullptr);
    ~ChangeListener() override;

    // Opens the channel (or keeps trying) and starts the connection check.
    void start();
    void stop();
    // One connection check: pings, and on failure closes and opens again. The timer calls it;
    // tests call it directly.
    void checkConnection();

    bool isListening() const;
    // The server process id of the listening session (tests terminate it); 0 when closed.
    int backendPid();

Q_SIGNALS:
    void changed(const Callvia::Models::ChangeNotice &notice);
    // The connection was lost and is back: notices in between are lost, reload what is shown.
    void reconnected();

private:
    void onNotice(const Models::ChangeNotice &notice);

    Models::DatabaseUrl m_url;
    Models::TenantScope m_scope;
    Options m_options;
    Models::ChangeChannel *m_channel = nullptr; // child, created on this object's thread by the first check
    QTimer *m_timer; // child
    bool m_wasOpen = false;
    bool m_reportedDown = false;
};

} // namespace Callvia::Services
