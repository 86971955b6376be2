#include "eventtablemodel.h"

#include <QDateTime>
#include <QLocale>

namespace Callvia::Models {

EventTableModel::EventTableModel(const EventRepository &repository, QObject *parent)
    : QAbstractTableModel(parent), m_repository(repository)
{
}

QString EventTableModel::refresh(const EventFilter &filter)
{
    DbResult<QList<EventRecord>> result = m_repository.list(filter);
    if (!result.ok())
        return result.error().message();
    beginResetModel();
    m_events = result.value();
    endResetModel();
    return {};
}

void EventTableModel::setEvents(const QList<EventRecord> &events)
{
    beginResetModel();
    m_events = events;
    endResetModel();
}

int EventTableModel::rowOf(qint64 id) const
{
    for (int row = 0; row < m_events.size(); ++row) {
        if (m_events.at(row).id == id)
            return row;
    }
    return -1;
}

int EventTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_events.size());
}

int EventTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EventTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const EventRecord &event = m_events.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return display(event, index.column());
    case Qt::ToolTipRole:
        return index.column() == ErrorColumn ? QVariant(event.lastError) : QVariant();
    case RecordIdRole:
        return event.id;
    case StatusRole:
        return event.unattributed ? QStringLiteral("unattributed") : event.status;
    default:
        return {};
    }
}

QVariant EventTableModel::display(const EventRecord &event, int column) const
{
    switch (column) {
    case IdColumn:
        return event.id;
    case ProviderColumn:
        return event.provider;
    case TypeColumn:
        return event.eventType;
    case ReceivedColumn: {
        // The locale's date with seconds (a journal orders by the second); the header says UTC.
        const QDateTime at = QDateTime::fromMSecsSinceEpoch(event.receivedAt, Qt::UTC);
        return QString(QLocale().toString(at.date(), QLocale::ShortFormat) + QLatin1Char(' ')
                       + QLocale().toString(at.time(), QStringLiteral("HH:mm:ss")));
    }
    case StatusColumn:
        // Processed without effect because no client maps the event's trusted ids.
        if (event.unattributed)
            return tr("unattributed");
        // The admin console's "Send test event" (issue 26): stored, never applied.
        if (event.status == QLatin1String("processed") && event.providerEventId.contains(QLatin1String("callvia-test-")))
            return tr("test, not applied");
        return stateName(event.status);
    case AttemptsColumn:
        return event.attempts;
    case ErrorColumn:
        return event.lastError;
    default:
        return {};
    }
}

QString EventTableModel::stateName(const QString &status)
{
    if (status == QLatin1String("processed"))
        return tr("applied");
    if (status == QLatin1String("pending"))
        return tr("pending");
    if (status == QLatin1String("failed"))
        return tr("failed");
    if (status == QLatin1String("ignored"))
        return tr("ignored");
    return status;
}

QVariant EventTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case IdColumn:
        return tr("Id");
    case ProviderColumn:
        return tr("Provider");
    case TypeColumn:
        return tr("Type");
    case ReceivedColumn:
        return tr("Received (UTC)");
    case StatusColumn:
        return tr("Status");
    case AttemptsColumn:
        return tr("Attempts");
    case ErrorColumn:
        return tr("Last error");
    default:
        return {};
    }
}

} // namespace Callvia::Models
