#pragma once

#include <models/repositories/appointmentrepository.h>
#include <models/records.h>
#include <services/auth/session.h>

#include <QDate>
#include <QJsonObject>
#include <functional>
#include <QHash>
#include <QList>
#include <QTimeZone>
#include <QWidget>

class QCalendarWidget;
class QComboBox;
class QGroupBox;
class QLabel;
class QTableWidget;
class QTimer;

namespace Callvia::Models {
class Clock;
class Database;
}
namespace Callvia::Services {
class ServiceThread;
}

namespace Callvia::Ui {

class MessageList;

// What the detail pane of one appointment shows, read together on the reader thread.
struct AppointmentDetail
{
    Models::AppointmentRecord appointment;
    Models::LeadRecord lead; // id 0 when the booking has no lead
    QString clientName;
    QList<Models::ReminderRecord> reminders;
    QList<Models::MessageRecord> messages; // of this appointment
    QList<Models::MessageRecord> leadMessages; // every message to or from the lead
    // The verdict with its evidence (appointment_verdicts), when one was made.
    bool hasVerdict = false;
    QString verdictRule;
    QString verdictValue;
    QString verdictSource;
    QString verdictBy;
    qint64 verdictAt = 0;
    QString verdictReason;
    QJsonObject evidence;
    int corrections = 0; // earlier verdicts of this appointment
    QString error;
};

// Appointments: a month calendar (days with appointments in bold, with their count) beside the
// selected day's appointments, in the viewer's time zone with the lead's own local time too,
// filtered by client and status; the selected appointment's details, its reminders, and its
// messages and the lead's with their delivery state. Everything is read on a reader thread
// (the composition root's ServiceThread) through repositories in the session's scope, so a
// month of a large agency never blocks the window; late answers of an older query are dropped.
class AppointmentsView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AppointmentsView)
public:
    enum DayColumn { TimeColumn, LeadTimeColumn, LeadColumn, ClientColumn, StatusColumn, VerificationColumn, DayColumnCount };

    // Records a staff verdict (shown or no-show with a reason) as `actor`; runs on the reader
    // thread. The composition root gives one (VerificationService::setManualVerdict).
    using ManualVerdict = std::function<Models::DbError(const Services::Session &actor, qint64 appointmentId, bool shown,
                                                        const QString &reason)>;

    AppointmentsView(Models::Database &database, const Models::Clock &clock, Services::Session session,
                     Services::ServiceThread &reader, QTimeZone viewerZone = QTimeZone::systemTimeZone(),
                     QWidget *parent = nullptr, ManualVerdict manualVerdict = {});

    // The actions behind "Mark shown…" / "Mark no-show…" (the buttons ask for the reason).
    // Asynchronous: the detail reloads when it is written; the error (if any) in verdictError().
    void markVerdict(bool shown, const QString &reason);
    // "Book for lead…" on an appointment with a lead (shown to staff when set): opens the
    // composition root's BookForLeadDialog for that lead.
    void setBookForLead(std::function<void(qint64 leadId)> bookForLead);
    // A panel under the calendar and details (the composition root's unmatched bookings list).
    void addPanel(QWidget *panel);
    QString verdictError() const { return m_verdictError; }
    ~AppointmentsView() override;

    // Shows the month of `date` and selects that day.
    void showDate(const QDate &date);
    void setFilter(qint64 clientId, const QString &status);
    // Re-reads the month and the selected appointment (new bookings, delivery reports).
    void reload();
    // Soon (coalesced over 2 s): messages or bookings changed somewhere.
    void scheduleReload();
    void selectAppointment(qint64 appointmentId);

    // For tests and screenshots: true while a read is outstanding.
    bool isLoading() const { return m_pendingMonth != 0 || m_pendingDetail != 0 || m_pendingVerdict != 0; }
    int appointmentCountOn(const QDate &day) const { return int(m_byDay.value(day).size()); }
    QTableWidget *dayTable() const { return m_day; }
    MessageList *messageList() const { return m_messages; }
    MessageList *leadMessageList() const { return m_leadMessages; }
    QTableWidget *reminderTable() const { return m_reminders; }
    QString detailText() const;
    QString monthError() const { return m_monthError; }

private:
    void loadMonth();
    void applyMonth(quint64 generation, const Models::DbResult<QList<Models::AppointmentListRow>> &rows);
    void showDay();
    void loadDetail(qint64 appointmentId);
    void applyDetail(quint64 generation, const AppointmentDetail &detail);
    QDate dayOf(qint64 ms) const;
    QString verdictText(const AppointmentDetail &detail) const;

    Models::Database &m_database;
    const Models::Clock &m_clock;
    Services::Session m_session;
    Services::ServiceThread &m_reader;
    QTimeZone m_zone;

    QComboBox *m_client;
    QComboBox *m_status;
    QCalendarWidget *m_calendar;
    QLabel *m_dayTitle;
    QTableWidget *m_day;
    QLabel *m_summary;
    QGroupBox *m_verdictBox;
    QLabel *m_verdict;
    QWidget *m_verdictButtons;
    ManualVerdict m_manualVerdict;
    std::function<void(qint64 leadId)> m_bookForLead;
    QWidget *m_bookLead = nullptr;
    qint64 m_detailLeadId = 0;
    QString m_verdictError;
    quint64 m_pendingVerdict = 0;
    QTableWidget *m_reminders;
    MessageList *m_messages;
    MessageList *m_leadMessages;
    QTimer *m_reloadTimer;

    QHash<QDate, QList<Models::AppointmentListRow>> m_byDay;
    QList<QDate> m_formatted; // days given a bold format, cleared on the next month
    QString m_monthError;
    quint64 m_generation = 0;
    quint64 m_pendingMonth = 0;
    quint64 m_pendingDetail = 0;
    qint64 m_selectedId = 0;
};

} // namespace Callvia::Ui
