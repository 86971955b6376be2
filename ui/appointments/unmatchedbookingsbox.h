#pragma once

#include <models/records.h>
#include <services/auth/session.h>

#include <QGroupBox>
#include <QTimeZone>

class QLabel;
class QTableWidget;

namespace Callvia::Models {
class Clock;
class Database;
} // namespace Callvia::Models
namespace Callvia::Services {
class ServiceThread;
} // namespace Callvia::Services

namespace Callvia::Ui {

// Cal.com bookings that matched no lead, under the Appointments view, for agency staff to link
// each to a lead of its client (Services::AppointmentLinker: audited). Reads and links run on the
// reader thread. Borrows the database, clock and reader.
class UnmatchedBookingsBox final : public QGroupBox
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UnmatchedBookingsBox)
public:
    UnmatchedBookingsBox(Models::Database &database, const Models::Clock &clock, Services::Session session,
                         Services::ServiceThread &reader, QTimeZone viewerZone, QWidget *parent = nullptr);

    void reload();
    // Links the appointment to the lead (asynchronous; linkFinished tells how it went).
    void link(qint64 appointmentId, qint64 leadId);
    QTableWidget *table() const { return m_table; }
    QString statusText() const;

Q_SIGNALS:
    void loaded();
    void linkFinished(bool ok);

private:
    void display(const QList<Models::AppointmentRecord> &rows, const QString &error);

    Models::Database &m_database;
    const Models::Clock &m_clock;
    Services::Session m_session;
    Services::ServiceThread &m_reader;
    QTimeZone m_zone;
    QTableWidget *m_table;
    QLabel *m_status;
};

} // namespace Callvia::Ui
