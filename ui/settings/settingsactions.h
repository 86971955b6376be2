#pragma once

#include "appsettings.h"

#include <QObject>

#include <functional>

class QAction;
class QMenu;
class QWidget;

namespace Callvia::Ui {

// The "Settings…" menu action: opens SettingsDialog over the QSettings values, saves what was
// accepted and hands it to the composition root's callback, which applies what takes effect at
// once (defaults for new clients, backup folder and count). Language, time zone and the
// listener's address are read at start; the window's status bar says so when they changed.
class SettingsActions final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsActions)
public:
    using Applied = std::function<void(const AppSettings &settings)>;

    SettingsActions(Applied applied, QMenu *menu, QWidget *window);

    QAction *action() const { return m_action; }
    // Saves `settings` and applies them; returns the note for the user (restart needed or not).
    QString save(const AppSettings &settings);

private:
    void open();

    Applied m_applied;
    QWidget *m_window;
    QAction *m_action;
};

} // namespace Callvia::Ui
