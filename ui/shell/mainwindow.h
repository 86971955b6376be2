#pragma once

#include <models/tenantscope.h>

#include <QMainWindow>

#include <memory>

class QLabel;
class QListWidget;
class QMenu;
class QStackedWidget;

namespace Callvia::Services {
class CampaignService;
class ClientService;
class Session;
}

namespace Callvia::Models {
class CampaignRepository;
class ClientProviderIdRepository;
class ClientRepository;
struct ClientRecord;
class Clock;
class Database;
class DatabaseHealth;
}

namespace Callvia::Ui {

class CampaignsView;
class ClientsView;
class ImportController;
struct ListRequest;

// The main window: a navigation list on the left and one view per section on the right.
// Owns the repositories its views read, built for the signed-in user's tenant scope, and the
// services its views change clients and campaigns through (checked and audited as that user).
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)
public:
    enum Section { Dashboard, Campaigns, Leads, Appointments, Billing, Clients, Admin, SectionCount };

    MainWindow(Models::Database &database, const Models::Clock &clock, const Services::Session &session,
               QWidget *parent = nullptr);
    ~MainWindow() override;

    // Replaces a section's view (the composition root plugs in views as features land).
    void setSectionWidget(Section section, QWidget *widget);
    // Renames a section's navigation entry (a non-administrator's "Admin" holds only the journal).
    void setSectionTitle(Section section, const QString &title);
    // The signed-in user, for what the window's controllers do on its behalf.
    void setSession(const Services::Session &session);
    QWidget *sectionWidget(Section section) const;
    void showSection(Section section);
    // Switches to the list a dashboard click asks for and applies its filter there (a section
    // whose view is still a placeholder is only shown). Connected to every DashboardView given
    // to setSectionWidget.
    void openList(const ListRequest &request);
    Section currentSection() const;
    void setStatusText(const QString &text);
    // Something staff must act on (the dialer paused a campaign by itself): shown in the status
    // bar until another message replaces it, and the window asks for attention.
    void showAlert(const QString &text);
    // A red banner above the views while the database cannot store data (`error` names the file
    // and what failed); hidden again when `healthy`. Connected to WebhookListener::databaseHealthChanged.
    void showDatabaseHealth(bool healthy, const QString &error);
    // Follows `health` (every failed database call of any thread) with the banner, starting with
    // its current state. The composition root's DatabaseHealthMonitor reports the recovery.
    void watchDatabaseHealth(const Models::DatabaseHealth &health);

    QMenu *fileMenu() const { return m_fileMenu; }
    CampaignsView *campaignsView() const { return m_campaignsView; }
    ImportController *importController() const { return m_importController; }
    ClientsView *clientsView() const { return m_clientsView; }
    // The agency's defaults for new clients (from the settings): the dialog's start and what
    // staff must keep.
    void setNewClientDefaults(const Models::ClientRecord &defaults, int verificationDelayMinutes);

private:
    std::unique_ptr<Models::ClientRepository> m_clientRepository;
    std::unique_ptr<Models::ClientProviderIdRepository> m_clientProviderIds;
    std::unique_ptr<Models::CampaignRepository> m_campaignRepository;
    std::unique_ptr<Services::ClientService> m_clientService;
    std::unique_ptr<Services::CampaignService> m_campaignService;
    QListWidget *m_navigation;
    QStackedWidget *m_stack;
    QLabel *m_status;
    QLabel *m_databaseBanner;
    QMenu *m_fileMenu = nullptr;
    CampaignsView *m_campaignsView;
    ImportController *m_importController = nullptr;
    ClientsView *m_clientsView;
};

} // namespace Callvia::Ui
