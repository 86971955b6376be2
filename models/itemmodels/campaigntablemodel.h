#pragma once

#include <models/records.h>

#include <QAbstractTableModel>
#include <QHash>
#include <QList>

namespace Callvia::Models {

class CampaignRepository;
class ClientRepository;

// Campaigns with their lead statistics, for the campaigns view.
class CampaignTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CampaignTableModel)
public:
    enum Column { NameColumn, ClientColumn, StatusColumn, LeadsColumn, NewColumn, ContactedColumn, BookedColumn,
                  ShownColumn, NoShowColumn, ShowRateColumn, DncColumn, ColumnCount };
    enum Role { RecordIdRole = Qt::UserRole + 1, StatusRole };

    CampaignTableModel(const CampaignRepository &campaigns, const ClientRepository &clients,
                       QObject *parent = nullptr);

    // What one refresh reads: load() runs on any thread (the view's reader thread: the statistics
    // count every lead of the campaigns, 0.2 s at 1,000,000 leads), apply() on the model's thread.
    struct Snapshot
    {
        QList<CampaignRecord> campaigns;
        QHash<qint64, CampaignStats> stats;
        QHash<qint64, QString> clientNames;
        QString error; // empty on success
    };
    static Snapshot load(const CampaignRepository &campaigns, const ClientRepository &clients, qint64 clientId,
                         bool includeArchived);
    void apply(const Snapshot &snapshot); // keeps the rows shown when the snapshot holds an error

    QString refresh(qint64 clientId, bool includeArchived); // load + apply here; error message, empty on success
    CampaignRecord record(int row) const { return m_campaigns.value(row); }
    CampaignStats stats(qint64 campaignId) const { return m_stats.value(campaignId); }
    int rowOf(qint64 id) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    const CampaignRepository &m_repository;
    const ClientRepository &m_clientRepository;
    QList<CampaignRecord> m_campaigns;
    QHash<qint64, CampaignStats> m_stats;
    QHash<qint64, QString> m_clientNames;
};

} // namespace Callvia::Models
