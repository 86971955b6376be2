#pragma once

#include <models/records.h>
#include <services/auth/session.h>

#include <QGroupBox>

#include <memory>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTableView;
class QTimer;

namespace Callvia::Models {
class Clock;
class Database;
class EventRepository;
class EventTableModel;
struct EventFilter;
} // namespace Callvia::Models

namespace Callvia::Services {
class ServiceThread;
}

namespace Callvia::Ui {

// The Admin console's webhook journal: every stored event, filtered by provider, event type,
// state (pending, applied, failed, ignored, or unattributed: mapped to no client, so it changed
// nothing) and time received; the selected event's raw body pretty-printed with secret-looking
// values masked, how its signature was verified and its processing error; replay of a failed,
// ignored or unattributed event (audited; the processor applies it again, idempotently).
// Agency sessions see every event; a client user sees the events applied for that client
// (migration 028), never unattributed ones. Only administrators replay. Reads on the reader
// thread when one is set. Owns its repository and model.
class EventsBox final : public QGroupBox
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventsBox)
public:
    EventsBox(Models::Database &database, const Models::Clock &clock, Services::Session session,
              QWidget *parent = nullptr);
    ~EventsBox() override;

    // Reads the list and the selected event there from now on (nullptr: on the GUI thread).
    void setReader(Services::ServiceThread *reader);
    // State filter: "" (all), "pending", "applied", "failed", "ignored", "unattributed".
    void setFilter(const QString &filter);
    void setProviderFilter(const QString &provider); // "" = all
    void setTypeFilter(const QString &type); // "" = all
    // Time filter in hours back from now (0 = any time); the combo offers 1, 24, 168, 720.
    void setHoursBack(int hours);
    void reload();
    // Reloads within a second, once however often it is called (new events arriving).
    void scheduleReload();
    // Replays the selected event; empty on success, else the message shown.
    QString replaySelected();
    void selectEvent(qint64 id);

    QTableView *table() const { return m_table; }
    Models::EventTableModel *model() const { return m_model; }
    QString detailsText() const; // the summary above the body (verification, error)
    QString bodyText() const;

Q_SIGNALS:
    void loaded(); // a reload's rows are shown (tests wait for this with a reader)
    void detailsShown(qint64 id);
    void replayed(qint64 id); // after the replay and its audit entry were committed

private:
    Models::EventFilter currentFilter() const;
    void applyLoaded(quint64 generation, const QList<Models::EventRecord> &events, const QStringList &types,
                     const QString &error);
    void showSelected();
    void showDetails(const Models::EventRecord &event, const QString &error);
    void updateButtons();

    Models::Database &m_database;
    const Models::Clock &m_clock;
    Services::Session m_session;
    Services::ServiceThread *m_reader = nullptr;
    std::unique_ptr<Models::EventRepository> m_repository;
    Models::EventTableModel *m_model;
    QComboBox *m_provider;
    QComboBox *m_type;
    QComboBox *m_filter;
    QComboBox *m_time;
    QTableView *m_table;
    QPushButton *m_replay;
    QLabel *m_status;
    QLabel *m_details;
    QPlainTextEdit *m_body;
    QTimer *m_reloadTimer;
    quint64 m_generation = 0;
    qint64 m_selectAfterLoad = 0;
};

} // namespace Callvia::Ui
