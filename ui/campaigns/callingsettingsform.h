#pragma once

#include <models/repositories/callingsettingsrepository.h>

#include <QList>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLineEdit;
class QSpinBox;
class QTimeEdit;

namespace Callvia::Ui {

// The "Calling" page of the campaign dialog (issue 25 item 1): days, window (only narrower than
// the legal 08:00-21:00), pacing, attempts, retry delays, callable statuses, consent, national
// DNC snapshot. Settings in, settings out; validate() names the bad field and focuses it.
class CallingSettingsForm final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CallingSettingsForm)
public:
    explicit CallingSettingsForm(const Models::CampaignCallingSettings &settings, QWidget *parent = nullptr);

    Models::CampaignCallingSettings settings() const;
    // "" when valid; else the message naming the field. An invalid `today` skips the check
    // that the snapshot date is not in the future (the repository makes it on save).
    QString validate(QDate today) const;
    QWidget *fieldFor(const QString &message) const; // the widget a validate() message names

private:

    Models::CampaignCallingSettings m_settings;
    QList<QCheckBox *> m_days;
    QTimeEdit *m_start;
    QTimeEdit *m_end;
    QSpinBox *m_concurrent;
    QSpinBox *m_perMinute;
    QSpinBox *m_attempts;
    QSpinBox *m_retryNoAnswer;
    QSpinBox *m_retryVoicemail;
    QSpinBox *m_retryBusy;
    QSpinBox *m_retryFailed;
    QList<QCheckBox *> m_statuses;
    QComboBox *m_consent;
    QCheckBox *m_telemarketing;
    QLineEdit *m_snapshot;
};

} // namespace Callvia::Ui
