#include "campaigntablemodel.h"

#include <models/repositories/campaignrepository.h>
#include <models/repositories/clientrepository.h>

#include <QLocale>

namespace Callvia::Models {

CampaignTableModel::CampaignTableModel(const CampaignRepository &campaigns, const ClientRepository &clients,
                                       QObject *parent)
    : QAbstractTableModel(parent), m_repository(campaigns), m_clientRepository(clients)
{
}

CampaignTableModel::Snapshot CampaignTableModel::load(const CampaignRepository &campaigns, const ClientRepository &clients,
                                                      qint64 clientId, bool includeArchived)
{
    Snapshot snapshot;
    DbResult<QList<CampaignRecord>> list = campaigns.list(clientId, includeArchived);
    if (!list.ok()) {
        snapshot.error = list.error().message();
        return snapshot;
    }
    DbResult<QHash<qint64, CampaignStats>> stats = campaigns.stats(clientId);
    if (!stats.ok()) {
        snapshot.error = stats.error().message();
        return snapshot;
    }
    DbResult<QList<ClientRecord>> names = clients.list(true);
    if (!names.ok()) {
        snapshot.error = names.error().message();
        return snapshot;
    }
    snapshot.campaigns = list.value();
    snapshot.stats = stats.value();
    for (const ClientRecord &client : names.value())
        snapshot.clientNames.insert(client.id, client.name);
    return snapshot;
}

void CampaignTableModel::apply(const Snapshot &snapshot)
{
    if (!snapshot.error.isEmpty())
        return;
    beginResetModel();
    m_campaigns = snapshot.campaigns;
    m_stats = snapshot.stats;
    m_clientNames = snapshot.clientNames;
    endResetModel();
}

QString CampaignTableModel::refresh(qint64 clientId, bool includeArchived)
{
    const Snapshot snapshot = load(m_repository, m_clientRepository, clientId, includeArchived);
    apply(snapshot);
    return snapshot.error;
}

int CampaignTableModel::rowOf(qint64 id) const
{
    for (int row = 0; row < m_campaigns.size(); ++row) {
        if (m_campaigns.at(row).id == id)
            return row;
    }
    return -1;
}

int CampaignTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_campaigns.size());
}

int CampaignTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CampaignTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const CampaignRecord &c = m_campaigns.at(index.row());
    const CampaignStats s = m_stats.value(c.id);
    if (role == RecordIdRole)
        return c.id;
    if (role == StatusRole)
        return c.status;
    if (role == Qt::TextAlignmentRole && index.column() >= LeadsColumn)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case NameColumn:
        return c.name;
    case ClientColumn:
        return m_clientNames.value(c.clientId);
    case StatusColumn:
        if (c.status == QLatin1String("draft"))
            return tr("Draft");
        if (c.status == QLatin1String("active"))
            return tr("Active");
        if (c.status == QLatin1String("paused"))
            return tr("Paused");
        if (c.status == QLatin1String("archived"))
            return tr("Archived");
        return c.status;
    case LeadsColumn:
        return s.leadsTotal;
    case NewColumn:
        return s.fresh;
    case ContactedColumn:
        return s.contacted;
    case BookedColumn:
        return s.booked;
    case ShownColumn:
        return s.shown;
    case NoShowColumn:
        return s.noShow;
    case ShowRateColumn: // shown of the verdicts so far; blank before the first verdict
        return s.shown + s.noShow == 0 ? QVariant()
                                       : QVariant(QLocale().toString(100.0 * double(s.shown) / double(s.shown + s.noShow), 'f', 0)
                                                  + QLocale().percent());
    case DncColumn:
        return s.dnc;
    default:
        return {};
    }
}

QVariant CampaignTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    static const char *const titles[ColumnCount] = { QT_TR_NOOP("Campaign"), QT_TR_NOOP("Client"),
                                                     QT_TR_NOOP("Status"),   QT_TR_NOOP("Leads"),
                                                     QT_TR_NOOP("New"),      QT_TR_NOOP("Contacted"),
                                                     QT_TR_NOOP("Booked"),   QT_TR_NOOP("Shown"),
                                                     QT_TR_NOOP("No-show"),  QT_TR_NOOP("Show rate"),
                                                     QT_TR_NOOP("DNC") };
    if (section < 0 || section >= ColumnCount)
        return {};
    return tr(titles[section]);
}

} // namespace Callvia::Models
