#include "campaignsview.h"

#include "campaigndialog.h"
#include "dialerlivepanel.h"

#include <models/repositories/campaignrepository.h>
#include <models/itemmodels/campaigntablemodel.h>
#include <models/repositories/clientrepository.h>
#include <services/management/campaignservice.h>
#include <services/servicethread.h>

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

#include <utility>

namespace Callvia::Ui {

CampaignsView::CampaignsView(const Models::CampaignRepository &campaigns, const Models::ClientRepository &clients,
                             const Services::CampaignService &service, Services::Session session, QWidget *parent)
    : QWidget(parent),
      m_campaigns(campaigns),
      m_clients(clients),
      m_service(service),
      m_session(std::move(session)),
      m_model(new Models::CampaignTableModel(campaigns, clients, this)),
      m_table(new QTableView(this)),
      m_clientFilter(new QComboBox(this)),
      m_showArchived(new QCheckBox(tr("Show archived"), this)),
      m_new(new QPushButton(tr("&New campaign…"), this)),
      m_edit(new QPushButton(tr("&Edit…"), this)),
      m_pause(new QPushButton(tr("&Pause"), this)),
      m_archive(new QPushButton(tr("&Archive"), this)),
      m_toolbar(new QHBoxLayout),
      m_canEdit(false)
{
    m_table->setObjectName(QStringLiteral("campaignsTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(false);
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_clientFilter->setObjectName(QStringLiteral("clientFilter"));
    setSession(m_session);

    m_toolbar->addWidget(new QLabel(tr("Client:"), this));
    m_toolbar->addWidget(m_clientFilter);
    m_toolbar->addWidget(m_new);
    m_toolbar->addWidget(m_edit);
    m_toolbar->addWidget(m_pause);
    m_toolbar->addWidget(m_archive);
    m_toolbar->addStretch();
    m_toolbar->addWidget(m_showArchived);
    m_layout = new QVBoxLayout(this);
    m_layout->addLayout(m_toolbar);
    m_layout->addWidget(m_table, 1);

    connect(m_new, &QPushButton::clicked, this, &CampaignsView::createCampaign);
    connect(m_edit, &QPushButton::clicked, this, &CampaignsView::editSelected);
    connect(m_pause, &QPushButton::clicked, this, &CampaignsView::togglePauseSelected);
    connect(m_archive, &QPushButton::clicked, this, &CampaignsView::archiveSelected);
    connect(m_table, &QTableView::doubleClicked, this, &CampaignsView::editSelected);
    connect(m_showArchived, &QCheckBox::toggled, this, &CampaignsView::refresh);
    connect(m_clientFilter, &QComboBox::currentIndexChanged, this, &CampaignsView::refresh);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        updateButtons();
        if (m_dialer)
            m_dialer->setCampaign(selectedCampaign().id);
        Q_EMIT selectionChanged();
    });
    reloadClients();
}

void CampaignsView::setSession(const Services::Session &session)
{
    m_session = session;
    m_canEdit = session.canEdit() && session.scope().isAgency();
    for (QPushButton *button : { m_new, m_edit, m_pause, m_archive })
        button->setVisible(m_canEdit);
    if (m_dialer)
        m_dialer->setSession(session);
}

void CampaignsView::setDialerPanel(DialerLivePanel *panel)
{
    m_dialer = panel;
    panel->setParent(this);
    m_layout->setStretch(m_layout->indexOf(m_table), 3);
    m_layout->addWidget(panel, 2);
    panel->setSession(m_session);
    panel->setReader(m_reader);
    panel->setCampaign(selectedCampaign().id);
}

void CampaignsView::reloadClients()
{
    const qint64 current = m_clientFilter->currentData().toLongLong();
    const QSignalBlocker blocker(m_clientFilter);
    m_clientFilter->clear();
    m_clientFilter->addItem(tr("All clients"), qint64(0));
    const Models::DbResult<QList<Models::ClientRecord>> clients = m_clients.list();
    if (clients.ok()) {
        for (const Models::ClientRecord &client : clients.value())
            m_clientFilter->addItem(client.name, client.id);
    }
    m_clientFilter->setCurrentIndex(qMax(0, m_clientFilter->findData(current)));
    refresh();
}

CampaignsView::~CampaignsView()
{
    // A read still running captured `this`: let it finish (its answer is then dropped with us).
    if (m_reader && m_reader->isRunning() && m_pending != 0)
        m_reader->run([] {});
}

void CampaignsView::setReader(Services::ServiceThread *reader)
{
    m_reader = reader;
    if (m_dialer)
        m_dialer->setReader(reader);
    refresh();
}

void CampaignsView::refresh()
{
    const qint64 selected = selectedCampaign().id;
    if (m_selectAfterLoad == 0)
        m_selectAfterLoad = selected;
    const qint64 clientId = m_clientFilter->currentData().toLongLong();
    const bool archived = m_showArchived->isChecked();
    const quint64 generation = ++m_generation;
    if (!m_reader) {
        m_pending = generation;
        applyLoaded(generation, m_model->refresh(clientId, archived));
        return;
    }
    m_pending = generation;
    m_reader->post([this, clientId, archived, generation] {
        const Models::CampaignTableModel::Snapshot snapshot =
                Models::CampaignTableModel::load(m_campaigns, m_clients, clientId, archived);
        QMetaObject::invokeMethod(
                this,
                [this, generation, snapshot] {
                    if (generation != m_pending)
                        return; // a newer refresh was asked for meanwhile
                    m_model->apply(snapshot);
                    applyLoaded(generation, snapshot.error);
                },
                Qt::QueuedConnection);
    });
}

void CampaignsView::applyLoaded(quint64 generation, const QString &error)
{
    if (generation != m_pending)
        return;
    m_pending = 0;
    if (!error.isEmpty())
        QMessageBox::warning(this, tr("Campaigns"), tr("Could not load campaigns: %1").arg(error));
    m_table->resizeColumnsToContents();
    const qint64 select = std::exchange(m_selectAfterLoad, 0);
    if (select != 0 && m_model->rowOf(select) >= 0)
        m_table->selectRow(m_model->rowOf(select));
    updateButtons();
}

int CampaignsView::selectedRow() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? -1 : rows.first().row();
}

Models::CampaignRecord CampaignsView::selectedCampaign() const
{
    const int row = selectedRow();
    return row < 0 ? Models::CampaignRecord {} : m_model->record(row);
}

void CampaignsView::updateButtons()
{
    const Models::CampaignRecord campaign = selectedCampaign();
    const bool any = campaign.id != 0;
    m_edit->setEnabled(any);
    m_archive->setEnabled(any && campaign.status != QLatin1String("archived"));
    m_pause->setEnabled(any && campaign.status != QLatin1String("archived"));
    m_pause->setText(campaign.status == QLatin1String("active") ? tr("&Pause") : tr("&Resume"));
}

void CampaignsView::createCampaign()
{
    const Models::DbResult<QList<Models::ClientRecord>> clients = m_clients.list();
    if (!clients.ok() || clients.value().isEmpty()) {
        QMessageBox::information(this, tr("New campaign"), tr("Create a client first: every campaign belongs to one."));
        return;
    }
    Models::CampaignRecord fresh;
    fresh.clientId = m_clientFilter->currentData().toLongLong();
    CampaignDialog dialog(fresh, clients.value(), this);
    while (dialog.exec() == QDialog::Accepted) {
        const Models::DbResult<qint64> id = m_service.create(m_session, dialog.record());
        if (id.ok()) {
            Models::CampaignCallingSettings calling = dialog.callingSettings();
            calling.campaignId = id.value();
            if (const Models::DbError error = m_service.saveCallingSettings(m_session, calling))
                QMessageBox::warning(this, tr("New campaign"), error.message()); // created with the defaults
            m_selectAfterLoad = id.value(); // selected when the new list arrives
            refresh();
            return;
        }
        QMessageBox::warning(this, tr("New campaign"),
                             id.error().kind() == Models::DbError::Constraint
                                     ? tr("Name: this client already has a campaign with that name.")
                                     : id.error().message());
    }
}

void CampaignsView::editSelected()
{
    const Models::CampaignRecord campaign = selectedCampaign();
    if (campaign.id == 0 || !m_canEdit)
        return;
    const Models::DbResult<QList<Models::ClientRecord>> clients = m_clients.list(true);
    const Models::DbResult<Models::CampaignCallingSettings> calling = m_service.callingSettings(m_session, campaign.id);
    CampaignDialog dialog(campaign, clients.ok() ? clients.value() : QList<Models::ClientRecord> {},
                          calling.ok() ? calling.value() : Models::CampaignCallingSettings {}, this);
    while (dialog.exec() == QDialog::Accepted) {
        Models::DbError error = m_service.update(m_session, dialog.record());
        if (!error) {
            Models::CampaignCallingSettings settings = dialog.callingSettings();
            settings.campaignId = campaign.id;
            error = m_service.saveCallingSettings(m_session, settings);
        }
        if (!error) {
            refresh();
            return;
        }
        QMessageBox::warning(this, tr("Edit campaign"),
                             error.kind() == Models::DbError::Constraint
                                     ? tr("Name: this client already has a campaign with that name.")
                                     : error.message());
    }
}

void CampaignsView::togglePauseSelected()
{
    const Models::CampaignRecord campaign = selectedCampaign();
    if (campaign.id == 0)
        return;
    const bool pause = campaign.status == QLatin1String("active");
    if (const Models::DbError error
        = pause ? m_service.pause(m_session, campaign.id) : m_service.resume(m_session, campaign.id))
        QMessageBox::warning(this, tr("Campaign"), error.message());
    refresh();
}

void CampaignsView::archiveSelected()
{
    const Models::CampaignRecord campaign = selectedCampaign();
    if (campaign.id == 0)
        return;
    if (QMessageBox::question(this, tr("Archive campaign"),
                              tr("Archive %1? It stops calling; its leads and history are kept.").arg(campaign.name))
        != QMessageBox::Yes)
        return;
    if (const Models::DbError error = m_service.archive(m_session, campaign.id))
        QMessageBox::warning(this, tr("Archive campaign"), error.message());
    refresh();
}

} // namespace Callvia::Ui
