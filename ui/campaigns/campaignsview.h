#pragma once

#include <models/records.h>
#include <services/auth/session.h>

#include <QWidget>

class QCheckBox;
class QComboBox;
class QHBoxLayout;
class QPushButton;
class QTableView;
class QVBoxLayout;

namespace Callvia::Models {
class CampaignRepository;
class CampaignTableModel;
class ClientRepository;
}

namespace Callvia::Services {
class CampaignService;
class ServiceThread;
}

namespace Callvia::Ui {

class DialerLivePanel;

// The campaigns section: campaigns with their lead statistics; create, edit, pause/resume, archive.
// Reads through the repositories (the session's scope); changes go through the CampaignService as
// the session's user, which checks the role and audits; a refusal is shown in a message box.
// With a reader thread (setReader; the composition root gives the app's), the list and its
// statistics are read there and the newest answer wins; without one (tests of other features) they
// are read in place.
class CampaignsView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CampaignsView)
public:
    CampaignsView(const Models::CampaignRepository &campaigns, const Models::ClientRepository &clients,
                  const Services::CampaignService &service, Services::Session session, QWidget *parent = nullptr);
    ~CampaignsView() override;
    // Reads on `reader` from now on (it must outlive this view or be stopped first).
    void setReader(Services::ServiceThread *reader);
    bool isLoading() const { return m_pending != 0; }
    // The signed-in user the changes are made as (and what the buttons offer).
    void setSession(const Services::Session &session);

    void refresh();
    void reloadClients();
    Models::CampaignTableModel *model() const { return m_model; }
    // The campaign selected in the table, id 0 when none.
    Models::CampaignRecord selectedCampaign() const;
    // Lets other features (lead import) add their buttons to the toolbar.
    QHBoxLayout *toolbar() const { return m_toolbar; }
    // Issue 25: the dialer's controls and live panel under the table, following the selection
    // (reparented to this view).
    void setDialerPanel(DialerLivePanel *panel);

Q_SIGNALS:
    void selectionChanged();

private:
    void createCampaign();
    void editSelected();
    void togglePauseSelected();
    void archiveSelected();
    void updateButtons();
    int selectedRow() const;
    void applyLoaded(quint64 generation, const QString &error);

    const Models::CampaignRepository &m_campaigns;
    const Models::ClientRepository &m_clients;
    const Services::CampaignService &m_service;
    Services::Session m_session;
    Models::CampaignTableModel *m_model;
    QTableView *m_table;
    QComboBox *m_clientFilter;
    QCheckBox *m_showArchived;
    QPushButton *m_new;
    QPushButton *m_edit;
    QPushButton *m_pause;
    QPushButton *m_archive;
    QHBoxLayout *m_toolbar;
    QVBoxLayout *m_layout = nullptr;
    DialerLivePanel *m_dialer = nullptr;
    bool m_canEdit;
    Services::ServiceThread *m_reader = nullptr;
    quint64 m_generation = 0;
    quint64 m_pending = 0; // the generation whose answer is awaited, 0 = none
    qint64 m_selectAfterLoad = 0; // keeps (or moves to) this campaign when the rows arrive
};

} // namespace Callvia::Ui
