#pragma once

#include <services/auth/session.h>

#include <QObject>

#include <functional>

class QMenu;
class QWidget;

namespace Callvia::Services {
class BackupService;
}

namespace Callvia::Ui {

// File-menu actions for SQLite backups: back up now, choose the backup folder, restore.
// Restoring needs the app to close the database first, so it is handed to a callback that the
// composition root provides (it stops the services, restores and restarts the app).
class BackupActions final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BackupActions)
public:
    using RestoreFunction = std::function<QString(const QString &backupPath)>; // error message or empty
    using FolderChanged = std::function<void(const QString &folder)>;

    // actor: the signed-in user, as whom "Back up now" is audited.
    BackupActions(Services::BackupService &service, Services::Session actor, RestoreFunction restore,
                  FolderChanged folderChanged, QMenu *menu, QWidget *window);

private:
    void backUpNow();
    void chooseFolder();
    void restoreFromBackup();

    Services::BackupService &m_service;
    Services::Session m_actor;
    RestoreFunction m_restore;
    FolderChanged m_folderChanged;
    QWidget *m_window;
};

} // namespace Callvia::Ui
