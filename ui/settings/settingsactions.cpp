#include "settingsactions.h"

#include "settingsdialog.h"

#include <QAction>
#include <QMainWindow>
#include <QMenu>
#include <QSettings>
#include <QStatusBar>

namespace Callvia::Ui {

SettingsActions::SettingsActions(Applied applied, QMenu *menu, QWidget *window)
    : QObject(window), m_applied(std::move(applied)), m_window(window)
{
    m_action = new QAction(tr("&Settings…"), this);
    m_action->setObjectName(QStringLiteral("settingsAction"));
    m_action->setMenuRole(QAction::PreferencesRole);
    m_action->setShortcut(QKeySequence::Preferences);
    const QList<QAction *> actions = menu->actions();
    menu->insertAction(actions.isEmpty() ? nullptr : actions.constLast(), m_action); // above "Quit"
    connect(m_action, &QAction::triggered, this, &SettingsActions::open);
}

void SettingsActions::open()
{
    QSettings stored;
    SettingsDialog dialog(AppSettings::load(stored), m_window);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const QString note = save(dialog.settings());
    if (auto *main = qobject_cast<QMainWindow *>(m_window))
        main->statusBar()->showMessage(note, 15000);
}

QString SettingsActions::save(const AppSettings &settings)
{
    QSettings stored;
    const AppSettings before = AppSettings::load(stored);
    settings.save(stored);
    if (m_applied)
        m_applied(settings);
    const bool restart = before.language != settings.language || before.displayTimeZone != settings.displayTimeZone
            || before.listenAddress != settings.listenAddress;
    return restart ? tr("Settings saved. Language, time zone and listener address apply when Callvia starts again.")
                   : tr("Settings saved.");
}

} // namespace Callvia::Ui
