#include "backupactions.h"

#include <services/backup/backupservice.h>

#include <QAction>
#include <QApplication>
#include <QFileDialog>
#include <QMenu>
#include <QMessageBox>

namespace Callvia::Ui {

BackupActions::BackupActions(Services::BackupService &service, Services::Session actor, RestoreFunction restore,
                             FolderChanged folderChanged, QMenu *menu, QWidget *window)
    : QObject(window), m_service(service), m_actor(std::move(actor)), m_restore(std::move(restore)),
      m_folderChanged(std::move(folderChanged)), m_window(window)
{
    QAction *first = menu->actions().value(0);
    auto *backUp = new QAction(tr("&Back up now"), this);
    auto *folder = new QAction(tr("Backup &folder…"), this);
    auto *restoreAction = new QAction(tr("&Restore from backup…"), this);
    menu->insertActions(first, { backUp, folder, restoreAction });
    connect(backUp, &QAction::triggered, this, &BackupActions::backUpNow);
    connect(folder, &QAction::triggered, this, &BackupActions::chooseFolder);
    connect(restoreAction, &QAction::triggered, this, &BackupActions::restoreFromBackup);
}

void BackupActions::backUpNow()
{
    QApplication::setOverrideCursor(Qt::WaitCursor);
    const Models::DbResult<QString> path = m_service.backupNow(&m_actor);
    QApplication::restoreOverrideCursor();
    if (path.ok())
        QMessageBox::information(m_window, tr("Backup"), tr("Backed up to %1").arg(path.value()));
    else
        QMessageBox::warning(m_window, tr("Backup"), tr("The backup failed: %1").arg(path.error().message()));
}

void BackupActions::chooseFolder()
{
    const QString folder = QFileDialog::getExistingDirectory(m_window, tr("Backup folder"), m_service.folder());
    if (folder.isEmpty())
        return;
    m_service.setFolder(folder);
    m_folderChanged(folder);
}

void BackupActions::restoreFromBackup()
{
    const QString file = QFileDialog::getOpenFileName(m_window, tr("Restore from backup"), m_service.folder(),
                                                      tr("Callvia backups (*.sqlite)"));
    if (file.isEmpty())
        return;
    if (QMessageBox::question(m_window, tr("Restore"),
                              tr("Replace the current database by %1? The current file is kept beside it, and "
                                 "Callvia restarts.")
                                      .arg(file))
        != QMessageBox::Yes)
        return;
    const QString error = m_restore(file);
    if (!error.isEmpty())
        QMessageBox::warning(m_window, tr("Restore"), tr("Not restored: %1").arg(error));
}

} // namespace Callvia::Ui
