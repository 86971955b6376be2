#pragma once

#include "appsettings.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace Callvia::Ui {

// Edits AppSettings: language and display time zone (applied at the next start), the listener's
// address, the backup folder and how many backups to keep, and the defaults for new clients
// (shows per milestone, milestone amount as money, rate per minute, verification wait). Takes
// settings in and gives settings out; on accept it validates and names the bad field (the dialog
// stays open, the field gets the focus). The caller saves and applies.
class SettingsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsDialog)
public:
    explicit SettingsDialog(const AppSettings &settings, QWidget *parent = nullptr);

    AppSettings settings() const; // what the fields say now
    QString errorText() const; // the last validation message shown, empty when valid
    void accept() override;

private:
    QWidget *fieldFor(AppSettings::Field field) const;

    AppSettings m_original;
    QComboBox *m_language;
    QComboBox *m_timeZone;
    QLineEdit *m_listen;
    QLineEdit *m_backupFolder;
    QSpinBox *m_backupKeep;
    QSpinBox *m_milestoneSize;
    QLineEdit *m_milestoneAmount;
    QSpinBox *m_rate;
    QSpinBox *m_verificationHours;
    QLabel *m_error;
};

} // namespace Callvia::Ui
