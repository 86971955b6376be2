#include "clienttablemodel.h"

#include <models/repositories/clientrepository.h>

namespace Callvia::Models {

QString formatCents(qint64 cents, const QString &currency)
{
    const QString sign = cents < 0 ? QStringLiteral("-") : QString();
    const qint64 magnitude = cents < 0 ? -cents : cents;
    const QString symbol = currency.compare(QLatin1String("usd"), Qt::CaseInsensitive) == 0
            ? QStringLiteral("$")
            : currency.toUpper() + QLatin1Char(' ');
    QString whole = QString::number(magnitude / 100);
    for (int i = whole.size() - 3; i > 0; i -= 3)
        whole.insert(i, QLatin1Char(','));
    return sign + symbol + whole + QLatin1Char('.') + QStringLiteral("%1").arg(magnitude % 100, 2, 10, QLatin1Char('0'));
}

ClientTableModel::ClientTableModel(const ClientRepository &repository, QObject *parent)
    : QAbstractTableModel(parent), m_repository(repository)
{
}

QString ClientTableModel::refresh(bool includeArchived)
{
    DbResult<QList<ClientRecord>> result = m_repository.list(includeArchived);
    if (!result.ok())
        return result.error().message();
    beginResetModel();
    m_clients = result.value();
    endResetModel();
    return {};
}

int ClientTableModel::rowOf(qint64 id) const
{
    for (int row = 0; row < m_clients.size(); ++row) {
        if (m_clients.at(row).id == id)
            return row;
    }
    return -1;
}

int ClientTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_clients.size());
}

int ClientTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ClientTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ClientRecord &c = m_clients.at(index.row());
    if (role == RecordIdRole)
        return c.id;
    if (role == ArchivedRole)
        return c.status == QLatin1String("archived");
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case NameColumn:
        return c.name;
    case EmailColumn:
        return c.contactEmail;
    case TimeZoneColumn:
        return c.timeZone;
    case RateColumn:
        return tr("%1/min").arg(formatCents(c.perMinuteRateCents, c.currency));
    case MilestoneColumn:
        return tr("%1 per %2 shows").arg(formatCents(c.milestoneAmountCents, c.currency)).arg(c.milestoneSize);
    case StripeColumn:
        return c.stripeCustomerId;
    case StatusColumn:
        return c.status;
    default:
        return {};
    }
}

QVariant ClientTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Client");
    case EmailColumn:
        return tr("Contact e-mail");
    case TimeZoneColumn:
        return tr("Time zone");
    case RateColumn:
        return tr("Rate");
    case MilestoneColumn:
        return tr("Milestone");
    case StripeColumn:
        return tr("Stripe customer");
    case StatusColumn:
        return tr("Status");
    default:
        return {};
    }
}

} // namespace Callvia::Models
