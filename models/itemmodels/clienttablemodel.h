#pragma once

#include <models/records.h>

#include <QAbstractTableModel>
#include <QList>

namespace Callvia::Models {

class ClientRepository;

// Table of clients for the clients view; reloads from its repository on refresh().
class ClientTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ClientTableModel)
public:
    enum Column { NameColumn, EmailColumn, TimeZoneColumn, RateColumn, MilestoneColumn, StripeColumn, StatusColumn,
                  ColumnCount };
    enum Role { RecordIdRole = Qt::UserRole + 1, ArchivedRole };

    explicit ClientTableModel(const ClientRepository &repository, QObject *parent = nullptr);

    QString refresh(bool includeArchived); // returns an error message, empty on success
    ClientRecord record(int row) const { return m_clients.value(row); }
    int rowOf(qint64 id) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    const ClientRepository &m_repository;
    QList<ClientRecord> m_clients;
};

QString formatCents(qint64 cents, const QString &currency);

} // namespace Callvia::Models
