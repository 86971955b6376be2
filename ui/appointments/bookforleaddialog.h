#pragma once

#include <services/auth/session.h>
#include <services/providers/calcom/leadbooking.h>

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QListWidget;

namespace Callvia::Models {
class Clock;
class Database;
} // namespace Callvia::Models
namespace Callvia::Services {
class ProviderConfig;
class ServiceThread;
} // namespace Callvia::Services

namespace Callvia::Ui {

// "Book for lead" (issue 24 item 1): the lead's free Cal.com slots for the next 14 days, shown
// in the lead's zone; staff pick one and it is booked through Cal.com (audited). The lead and the
// client's Cal.com settings are read on the reader thread, Cal.com is called on a pool thread,
// so the window never waits on the network. The BOOKING_CREATED webhook then adds the
// appointment, linked to the lead. Borrows everything it is given.
class BookForLeadDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BookForLeadDialog)
public:
    BookForLeadDialog(Models::Database &database, const Models::Clock &clock, const Services::ProviderConfig &config,
                      Services::Session session, Services::ServiceThread &reader, qint64 leadId,
                      QWidget *parent = nullptr);

    // For tests: the slot texts shown, the status line, and whether work is outstanding.
    QStringList slotTexts() const;
    QString statusText() const;
    bool isBusy() const { return m_busy; }
    void bookRow(int row);

Q_SIGNALS:
    void slotsLoaded();
    void bookingFinished(bool ok);

private:
    void planned(const Services::LeadBooking::Plan &plan);
    void showSlots(const Services::CalcomClient::Slots &found);
    void booked(qint64 startMs, const Services::CalcomClient::Booking &booking);

    Models::Database &m_database;
    const Models::Clock &m_clock;
    const Services::ProviderConfig &m_config;
    Services::Session m_session;
    Services::ServiceThread &m_reader;
    Services::LeadBooking::Plan m_plan;
    QList<qint64> m_starts;
    bool m_busy = false;
    QLabel *m_status;
    QListWidget *m_slots;
    QDialogButtonBox *m_buttons;
};

} // namespace Callvia::Ui
