#include "clientsview.h"

#include "clientdialog.h"

#include <models/repositories/clientprovideridrepository.h>
#include <models/repositories/clientrepository.h>
#include <models/itemmodels/clienttablemodel.h>
#include <services/management/clientservice.h>

#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QMessageBox>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace Callvia::Ui {

ClientsView::ClientsView(const Models::ClientRepository &repository, const Services::ClientService &service,
                         Services::Session session, QWidget *parent,
                         const Models::ClientProviderIdRepository *providerIds)
    : QWidget(parent),
      m_repository(repository),
      m_service(service),
      m_session(std::move(session)),
      m_providerIds(providerIds),
      m_model(new Models::ClientTableModel(repository, this)),
      m_table(new QTableView(this)),
      m_showArchived(new QCheckBox(tr("Show archived"), this)),
      m_new(new QPushButton(tr("&New client…"), this)),
      m_edit(new QPushButton(tr("&Edit…"), this)),
      m_archive(new QPushButton(tr("&Archive"), this)),
      m_canEdit(false)
{
    m_table->setObjectName(QStringLiteral("clientsTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(false);
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    setSession(m_session);

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_new);
    bar->addWidget(m_edit);
    bar->addWidget(m_archive);
    bar->addStretch();
    bar->addWidget(m_showArchived);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_table);

    connect(m_new, &QPushButton::clicked, this, &ClientsView::createClient);
    connect(m_edit, &QPushButton::clicked, this, &ClientsView::editSelected);
    connect(m_archive, &QPushButton::clicked, this, &ClientsView::toggleArchiveSelected);
    connect(m_table, &QTableView::doubleClicked, this, &ClientsView::editSelected);
    connect(m_showArchived, &QCheckBox::toggled, this, &ClientsView::refresh);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &ClientsView::updateButtons);
    refresh();
}

void ClientsView::setSession(const Services::Session &session)
{
    m_session = session;
    m_canEdit = session.canEdit() && session.scope().isAgency();
    m_new->setVisible(m_canEdit);
    m_edit->setVisible(m_canEdit);
    m_archive->setVisible(m_canEdit);
}

void ClientsView::refresh()
{
    const QString error = m_model->refresh(m_showArchived->isChecked());
    if (!error.isEmpty())
        QMessageBox::warning(this, tr("Clients"), tr("Could not load clients: %1").arg(error));
    m_table->resizeColumnsToContents();
    updateButtons();
}

int ClientsView::selectedRow() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? -1 : rows.first().row();
}

void ClientsView::updateButtons()
{
    const int row = selectedRow();
    m_edit->setEnabled(row >= 0);
    m_archive->setEnabled(row >= 0);
    const bool archived = row >= 0 && m_model->record(row).status == QLatin1String("archived");
    m_archive->setText(archived ? tr("&Restore") : tr("&Archive"));
}

void ClientsView::createClient()
{
    ClientDialog dialog(m_newClient, this);
    dialog.setBillingEditable(m_session.canEditBilling());
    while (dialog.exec() == QDialog::Accepted) {
        const QList<Models::ClientProviderId> ids = dialog.providerIds();
        const Models::DbResult<qint64> id
                = m_service.create(m_session, dialog.record(), m_providerIds ? &ids : nullptr);
        if (id.ok()) {
            refresh();
            m_table->selectRow(m_model->rowOf(id.value()));
            Q_EMIT clientsChanged();
            return;
        }
        const QString message = id.error().kind() == Models::DbError::Constraint
                ? tr("Name or Stripe customer id: another client already uses it.")
                : id.error().message();
        QMessageBox::warning(this, tr("New client"), message);
    }
}

void ClientsView::editSelected()
{
    const int row = selectedRow();
    if (row < 0 || !m_canEdit)
        return;
    const Models::ClientRecord client = m_model->record(row);
    ClientDialog dialog(client, this);
    dialog.setBillingEditable(m_session.canEditBilling());
    if (m_providerIds) {
        const Models::DbResult<QList<Models::ClientProviderId>> ids = m_providerIds->forClient(client.id);
        if (!ids.ok()) {
            QMessageBox::warning(this, tr("Edit client"), ids.error().message());
            return;
        }
        dialog.setProviderIds(ids.value());
    }
    while (dialog.exec() == QDialog::Accepted) {
        const QList<Models::ClientProviderId> ids = dialog.providerIds();
        const Models::DbError error = m_service.update(m_session, dialog.record(), m_providerIds ? &ids : nullptr);
        if (!error) {
            refresh();
            Q_EMIT clientsChanged();
            return;
        }
        QMessageBox::warning(this, tr("Edit client"),
                             error.kind() == Models::DbError::Constraint
                                     ? tr("Name, Stripe customer id or a provider id: another client already uses "
                                          "it. %1")
                                               .arg(error.message())
                                     : error.message());
    }
}

void ClientsView::toggleArchiveSelected()
{
    const int row = selectedRow();
    if (row < 0)
        return;
    const Models::ClientRecord client = m_model->record(row);
    const bool archived = client.status == QLatin1String("archived");
    if (!archived
        && QMessageBox::question(this, tr("Archive client"),
                                 tr("Archive %1? Its campaigns stop showing in lists; nothing is deleted.")
                                         .arg(client.name))
                != QMessageBox::Yes)
        return;
    const Models::DbError error = m_service.setArchived(m_session, client.id, !archived);
    if (error)
        QMessageBox::warning(this, tr("Archive client"), error.message());
    refresh();
    Q_EMIT clientsChanged();
}

} // namespace Callvia::Ui
