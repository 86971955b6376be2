#pragma once

#include <QObject>

class QSocketNotifier;

namespace Callvia::App {

// Turns SIGTERM and SIGINT into a Qt signal on the event loop (self-pipe trick), so the
// headless server stops cleanly: the handler only writes a byte; the loop does the rest.
// SIGHUP becomes reloadRequested (issue 26: `systemctl reload callvia-headless`).
class SignalWatcher final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SignalWatcher)
public:
    explicit SignalWatcher(QObject *parent = nullptr);
    ~SignalWatcher() override;

Q_SIGNALS:
    void terminationRequested(int signal);
    void reloadRequested();

private:
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace Callvia::App
