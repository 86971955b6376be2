#pragma once

#include <models/records.h>
#include <models/repositories/callingsettingsrepository.h>

#include <QDialog>
#include <QList>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSpinBox;

namespace Callvia::Ui {

class CallingSettingsForm;

// Create or edit a campaign and its calling settings (a second page); validates on accept and
// names the bad field.
class CampaignDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CampaignDialog)
public:
    CampaignDialog(const Models::CampaignRecord &record, const QList<Models::ClientRecord> &clients,
                   QWidget *parent = nullptr);
    CampaignDialog(const Models::CampaignRecord &record, const QList<Models::ClientRecord> &clients,
                   const Models::CampaignCallingSettings &calling, QWidget *parent = nullptr);

    Models::CampaignRecord record() const;
    Models::CampaignCallingSettings callingSettings() const;
    QString validate();
    void accept() override;

private:
    Models::CampaignRecord m_record;
    QComboBox *m_client;
    QLineEdit *m_name;
    QPlainTextEdit *m_description;
    QComboBox *m_status;
    QLineEdit *m_region;
    QLineEdit *m_agent;
    QLineEdit *m_fromNumber;
    QSpinBox *m_dailyLimit;
    QLabel *m_error;
    CallingSettingsForm *m_calling;
};

} // namespace Callvia::Ui
