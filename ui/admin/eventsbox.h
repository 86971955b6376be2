#pragma once

#include <services/auth/session.h>

#include <QGroupBox>

#include <memory>

class QComboBox;
class QLabel;
class QPushButton;
class QTableView;

namespace Callvia::Models {
class Clock;
class Database;
class EventRepository;
class EventTableModel;
} // namespace Callvia::Models

namespace Callvia::Ui {

// The Admin console's list of received webhook events: filter by state (pending, processed,
// failed, or unattributed: mapped to no client, so they changed nothing), see the last error or
// the attribution reason, and replay a failed or unattributed event (after adding the missing
// client mapping), which is audited. Owns its repository and model; borrows the database.
class EventsBox final : public QGroupBox
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventsBox)
public:
    EventsBox(Models::Database &database, const Models::Clock &clock, Services::Session session,
              QWidget *parent = nullptr);
    ~EventsBox() override;

    // Filter rows: "" (all), "pending", "processed", "failed", "unattributed".
    void setFilter(const QString &filter);
    void reload();
    // Replays the selected event; empty on success, else the message shown.
    QString replaySelected();

    QTableView *table() const { return m_table; }
    Models::EventTableModel *model() const { return m_model; }

private:
    void updateButtons();

    Models::Database &m_database;
    const Models::Clock &m_clock;
    Services::Session m_session;
    std::unique_ptr<Models::EventRepository> m_repository;
    Models::EventTableModel *m_model;
    QComboBox *m_filter;
    QTableView *m_table;
    QPushButton *m_replay;
    QLabel *m_status;
};

} // namespace Callvia::Ui
