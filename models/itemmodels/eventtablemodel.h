#pragma once

#include <models/repositories/eventrepository.h>
#include <models/records.h>

#include <QAbstractTableModel>
#include <QList>

namespace Callvia::Models {

// Admin list of received webhook events with their processing status and last error;
// reloads from the repository on refresh(). Read-only: replay goes through the repository.
class EventTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventTableModel)
public:
    enum Column { IdColumn, ProviderColumn, TypeColumn, ReceivedColumn, StatusColumn, AttemptsColumn,
                  ErrorColumn, ColumnCount };
    enum Role { RecordIdRole = Qt::UserRole + 1, StatusRole };

    explicit EventTableModel(const EventRepository &repository, QObject *parent = nullptr);

    QString refresh(const EventFilter &filter); // returns an error message, empty on success
    void setEvents(const QList<EventRecord> &events); // rows read elsewhere (the reader thread)
    EventRecord record(int row) const { return m_events.value(row); }
    int rowOf(qint64 id) const;
    // The state as the journal names it: processed = "applied", translated.
    static QString stateName(const QString &status);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant display(const EventRecord &event, int column) const;

    const EventRepository &m_repository;
    QList<EventRecord> m_events;
};

} // namespace Callvia::Models
