#include "mainwindow.h"

#include <ui/appointments/appointmentsview.h>
#include <ui/billing/billingview.h>
#include <ui/campaigns/campaignsview.h>
#include <ui/campaigns/dialerlivepanel.h>
#include <ui/clients/clientsview.h>
#include <ui/dashboard/dashboardview.h>
#include <ui/leads/leadsview.h>
#include <ui/import/importcontroller.h>
#include "placeholderview.h"

#include <models/repositories/campaignrepository.h>
#include <models/repositories/clientprovideridrepository.h>
#include <models/repositories/clientrepository.h>
#include <models/database.h>
#include <models/databasehealth.h>
#include <services/auth/session.h>
#include <services/management/campaignservice.h>
#include <services/management/clientservice.h>

#include <QAction>
#include <QApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QStackedWidget>
#include <QStatusBar>
#include <QVBoxLayout>

namespace Callvia::Ui {

MainWindow::MainWindow(Models::Database &database, const Models::Clock &clock, const Services::Session &session,
                       QWidget *parent)
    : QMainWindow(parent),
      m_clientRepository(std::make_unique<Models::ClientRepository>(database, clock, session.scope())),
      m_clientProviderIds(std::make_unique<Models::ClientProviderIdRepository>(database, clock, session.scope())),
      m_campaignRepository(std::make_unique<Models::CampaignRepository>(database, clock, session.scope())),
      m_clientService(std::make_unique<Services::ClientService>(database, clock)),
      m_campaignService(std::make_unique<Services::CampaignService>(database, clock)),
      m_navigation(new QListWidget(this)),
      m_stack(new QStackedWidget(this)),
      m_status(new QLabel(this)),
      m_databaseBanner(new QLabel(this)),
      m_campaignsView(new CampaignsView(*m_campaignRepository, *m_clientRepository, *m_campaignService, session, this)),
      m_clientsView(new ClientsView(*m_clientRepository, *m_clientService, session, this, m_clientProviderIds.get()))
{
    setWindowTitle(tr("Callvia"));
    resize(1200, 760);
    m_navigation->setObjectName(QStringLiteral("navigation"));
    m_navigation->setFixedWidth(180);
    m_navigation->setSpacing(2);
    const QString names[SectionCount] = { tr("Dashboard"), tr("Campaigns"), tr("Leads"), tr("Appointments"),
                                          tr("Billing"),   tr("Clients"),   tr("Admin") };
    for (const QString &name : names)
        m_navigation->addItem(name);

    auto notBuilt = [this](const QString &title, const QString &what) {
        return new PlaceholderView(title, tr("Not built yet: %1").arg(what), this);
    };
    m_stack->addWidget(notBuilt(tr("Dashboard"), tr("KPI cards and charts of calls, bookings, shows and revenue.")));
    m_stack->addWidget(m_campaignsView);
    m_stack->addWidget(notBuilt(tr("Leads"), tr("the paged lead list with search and filters.")));
    m_stack->addWidget(notBuilt(tr("Appointments"), tr("the calendar and the show verification controls.")));
    m_stack->addWidget(notBuilt(tr("Billing"), tr("usage, milestones and Stripe invoices.")));
    m_stack->addWidget(m_clientsView);
    m_stack->addWidget(notBuilt(tr("Admin"), tr("users, settings, secrets, the webhook event log and the audit log.")));

    m_databaseBanner->setObjectName(QStringLiteral("databaseBanner"));
    m_databaseBanner->setWordWrap(true);
    m_databaseBanner->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_databaseBanner->setStyleSheet(QStringLiteral("QLabel { background: #b3261e; color: white; padding: 8px; "
                                                   "font-weight: bold; }"));
    m_databaseBanner->hide();
    auto *central = new QWidget(this);
    auto *outer = new QVBoxLayout(central);
    outer->addWidget(m_databaseBanner);
    auto *layout = new QHBoxLayout;
    layout->addWidget(m_navigation);
    layout->addWidget(m_stack, 1);
    outer->addLayout(layout, 1);
    setCentralWidget(central);
    statusBar()->addWidget(m_status, 1);
    setStatusText(tr("Database: %1").arg(database.url().displayName()));

    m_fileMenu = menuBar()->addMenu(tr("&File"));
    m_fileMenu->addSeparator();
    QAction *quit = m_fileMenu->addAction(tr("&Quit"));
    quit->setShortcut(QKeySequence::Quit);
    connect(quit, &QAction::triggered, qApp, &QApplication::quit);
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    connect(help->addAction(tr("&About Callvia")), &QAction::triggered, this, [this] {
        QMessageBox::about(this, tr("About Callvia"),
                           tr("Callvia %1\nAI voice appointment-setting campaigns for agencies.")
                                   .arg(QStringLiteral(CALLVIA_VERSION)));
    });

    connect(m_navigation, &QListWidget::currentRowChanged, m_stack, &QStackedWidget::setCurrentIndex);
    connect(m_clientsView, &ClientsView::clientsChanged, m_campaignsView, &CampaignsView::reloadClients);
    m_navigation->setCurrentRow(Campaigns);
    m_campaignsView->setDialerPanel(new DialerLivePanel(database, clock, session)); // issue 25
    if (session.canEdit()) {
        m_importController = new ImportController(database, clock, m_campaignsView, this); // lead import (issue 9)
        m_importController->setActor(session);
    }
}

MainWindow::~MainWindow() = default;

void MainWindow::setSession(const Services::Session &session)
{
    m_campaignsView->setSession(session);
    m_clientsView->setSession(session);
    if (m_importController)
        m_importController->setActor(session); // imports are checked and audited as this user
}

void MainWindow::setNewClientDefaults(const Models::ClientRecord &defaults, int verificationDelayMinutes)
{
    m_clientService->setNewClientDefaults(defaults, verificationDelayMinutes);
    m_clientsView->setNewClientTemplate(defaults);
}

void MainWindow::setSectionWidget(Section section, QWidget *widget)
{
    QWidget *old = m_stack->widget(section);
    m_stack->insertWidget(section, widget);
    m_stack->removeWidget(old);
    if (old != m_campaignsView && old != m_clientsView)
        old->deleteLater();
    m_stack->setCurrentIndex(m_navigation->currentRow());
    if (auto *dashboard = qobject_cast<DashboardView *>(widget))
        connect(dashboard, &DashboardView::listRequested, this, &MainWindow::openList);
}

void MainWindow::setSectionTitle(Section section, const QString &title)
{
    if (QListWidgetItem *item = m_navigation->item(section))
        item->setText(title);
}

void MainWindow::openList(const ListRequest &request)
{
    switch (request.target) {
    case ListRequest::Leads:
        if (auto *leads = qobject_cast<LeadsView *>(sectionWidget(Leads))) {
            LeadsView::Filter filter;
            filter.clientId = request.clientId;
            filter.statuses = request.statuses;
            filter.caption = request.caption;
            (request.leadTime == ListRequest::CreatedInPeriod ? filter.createdFrom : filter.contactedFrom) = request.fromMs;
            (request.leadTime == ListRequest::CreatedInPeriod ? filter.createdTo : filter.contactedTo) = request.toMs;
            leads->applyFilter(filter);
        }
        showSection(Leads);
        break;
    case ListRequest::Appointments:
        if (auto *appointments = qobject_cast<AppointmentsView *>(sectionWidget(Appointments))) {
            appointments->setFilter(request.clientId, request.statuses.value(0));
            if (request.day.isValid())
                appointments->showDate(request.day);
        }
        showSection(Appointments);
        break;
    case ListRequest::Invoices:
        if (auto *billing = qobject_cast<BillingView *>(sectionWidget(Billing)))
            billing->setFilter(request.clientId, QString(), BillingView::Period(request.invoicePeriod));
        showSection(Billing);
        break;
    }
}

QWidget *MainWindow::sectionWidget(Section section) const
{
    return m_stack->widget(section);
}

void MainWindow::showSection(Section section)
{
    m_navigation->setCurrentRow(section);
}

MainWindow::Section MainWindow::currentSection() const
{
    return Section(m_navigation->currentRow());
}

void MainWindow::setStatusText(const QString &text)
{
    m_status->setText(text);
}

void MainWindow::showAlert(const QString &text)
{
    statusBar()->showMessage(text);
    QApplication::alert(this);
}

void MainWindow::showDatabaseHealth(bool healthy, const QString &error)
{
    if (healthy) {
        m_databaseBanner->hide();
        m_databaseBanner->clear();
        statusBar()->showMessage(tr("Database works again"), 10000);
        return;
    }
    m_databaseBanner->setText(tr("Database problem: %1\nChanges cannot be saved and lists may be out of date; "
                                 "incoming webhooks are answered 503 so the providers retry them, and nothing stored "
                                 "is lost. This message clears by itself when the database works again.")
                                      .arg(error));
    m_databaseBanner->show();
}

void MainWindow::watchDatabaseHealth(const Models::DatabaseHealth &health)
{
    connect(&health, &Models::DatabaseHealth::healthChanged, this, &MainWindow::showDatabaseHealth);
    if (!health.isHealthy())
        showDatabaseHealth(false, health.lastError());
}

} // namespace Callvia::Ui
