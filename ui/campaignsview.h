#pragma once

#include <models/records.h>

#include <QWidget>

class QCheckBox;
class QComboBox;
class QHBoxLayout;
class QPushButton;
class QTableView;

namespace Callvia::Models {
class CampaignRepository;
class CampaignTableModel;
class ClientRepository;
}

namespace Callvia::Ui {

// The campaigns section: campaigns with their lead statistics; create, edit, pause/resume, archive.
class CampaignsView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CampaignsView)
public:
    CampaignsView(const Models::CampaignRepository &campaigns, const Models::ClientRepository &clients,
                  bool canEdit, QWidget *parent = nullptr);

    void refresh();
    void reloadClients();
    Models::CampaignTableModel *model() const { return m_model; }
    // The campaign selected in the table, id 0 when none.
    Models::CampaignRecord selectedCampaign() const;
    // Lets other features (lead import) add their buttons to the toolbar.
    QHBoxLayout *toolbar() const { return m_toolbar; }

Q_SIGNALS:
    void selectionChanged();

private:
    void createCampaign();
    void editSelected();
    void togglePauseSelected();
    void archiveSelected();
    void updateButtons();
    int selectedRow() const;

    const Models::CampaignRepository &m_campaigns;
    const Models::ClientRepository &m_clients;
    Models::CampaignTableModel *m_model;
    QTableView *m_table;
    QComboBox *m_clientFilter;
    QCheckBox *m_showArchived;
    QPushButton *m_new;
    QPushButton *m_edit;
    QPushButton *m_pause;
    QPushButton *m_archive;
    QHBoxLayout *m_toolbar;
    bool m_canEdit;
};

} // namespace Callvia::Ui
