#include "unmatchedbookingsbox.h"

#include "leadpickerdialog.h"

#include <services/appointments/appointmentlinker.h>
#include <services/servicethread.h>

#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPointer>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace Callvia::Ui {

namespace {
constexpr int ClientIdRole = Qt::UserRole + 1;
constexpr int SearchRole = Qt::UserRole + 2;
} // namespace

UnmatchedBookingsBox::UnmatchedBookingsBox(Models::Database &database, const Models::Clock &clock,
                                           Services::Session session, Services::ServiceThread &reader,
                                           QTimeZone viewerZone, QWidget *parent)
    : QGroupBox(tr("Bookings without a lead (Cal.com)"), parent), m_database(database), m_clock(clock),
      m_session(std::move(session)), m_reader(reader), m_zone(std::move(viewerZone)),
      m_table(new QTableWidget(0, 5, this)), m_status(new QLabel(this))
{
    setObjectName(QStringLiteral("unmatchedBookings"));
    m_table->setHorizontalHeaderLabels({ tr("Start"), tr("Attendee"), tr("E-mail"), tr("Phone"), tr("Booking") });
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setMaximumHeight(140);
    auto *linkButton = new QPushButton(tr("Link to lead…"), this);
    linkButton->setObjectName(QStringLiteral("linkToLead"));
    auto *refresh = new QPushButton(tr("Refresh"), this);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(linkButton);
    buttons->addWidget(refresh);
    buttons->addWidget(m_status, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_table);
    layout->addLayout(buttons);
    connect(refresh, &QPushButton::clicked, this, &UnmatchedBookingsBox::reload);
    connect(linkButton, &QPushButton::clicked, this, [this] {
        const QList<QTableWidgetItem *> items = m_table->selectedItems();
        if (items.isEmpty()) {
            m_status->setText(tr("Select a booking first."));
            return;
        }
        const qint64 appointmentId = items.first()->data(Qt::UserRole).toLongLong();
        auto *picker = new LeadPickerDialog(m_database, m_clock, m_session.scope(), m_reader,
                                            items.first()->data(ClientIdRole).toLongLong(),
                                            items.first()->data(SearchRole).toString(), this);
        picker->setAttribute(Qt::WA_DeleteOnClose);
        connect(picker, &QDialog::accepted, this, [this, picker, appointmentId] {
            if (const qint64 leadId = picker->selectedLeadId())
                link(appointmentId, leadId);
        });
        picker->open();
    });
    // Shown to agency staff, and only while some booking waits for a lead (it took half the
    // Appointments view when empty).
    setVisible(false);
    reload();
}

QString UnmatchedBookingsBox::statusText() const
{
    return m_status->text();
}

void UnmatchedBookingsBox::reload()
{
    Models::Database *db = &m_database;
    const Models::Clock *clk = &m_clock;
    const Services::Session actor = m_session;
    QPointer<UnmatchedBookingsBox> self(this);
    m_reader.post([self, db, clk, actor] {
        const auto rows = Services::AppointmentLinker(*db, *clk).unmatched(actor);
        const QList<Models::AppointmentRecord> list = rows.ok() ? rows.value() : QList<Models::AppointmentRecord>();
        const QString error = rows.ok() ? QString() : rows.error().message();
        QMetaObject::invokeMethod(self.data(), [self, list, error] {
            if (self)
                self->display(list, error);
        }, Qt::QueuedConnection);
    });
}

void UnmatchedBookingsBox::display(const QList<Models::AppointmentRecord> &rows, const QString &error)
{
    m_table->setRowCount(int(rows.size()));
    for (int r = 0; r < rows.size(); ++r) {
        const Models::AppointmentRecord &a = rows.at(r);
        const QStringList cells { QDateTime::fromMSecsSinceEpoch(a.startsAt, m_zone).toString(QStringLiteral("yyyy-MM-dd HH:mm")),
                                  a.attendeeName, a.attendeeEmail, a.attendeePhone, a.bookingUid };
        for (int c = 0; c < cells.size(); ++c) {
            auto *item = new QTableWidgetItem(cells.at(c));
            item->setData(Qt::UserRole, a.id);
            item->setData(ClientIdRole, a.clientId);
            // The picker starts with what the booking says about the attendee.
            item->setData(SearchRole, !a.attendeeEmail.isEmpty() ? a.attendeeEmail
                                      : (!a.attendeePhone.isEmpty() ? a.attendeePhone : a.attendeeName));
            m_table->setItem(r, c, item);
        }
    }
    m_table->resizeColumnsToContents();
    if (!error.isEmpty())
        m_status->setText(tr("Could not read the bookings: %1").arg(error));
    setVisible(m_session.canEdit() && m_session.scope().isAgency() && (!rows.isEmpty() || !error.isEmpty()));
    Q_EMIT loaded();
}

void UnmatchedBookingsBox::link(qint64 appointmentId, qint64 leadId)
{
    Models::Database *db = &m_database;
    const Models::Clock *clk = &m_clock;
    const Services::Session actor = m_session;
    QPointer<UnmatchedBookingsBox> self(this);
    m_reader.post([self, db, clk, actor, appointmentId, leadId] {
        const Models::DbError error = Services::AppointmentLinker(*db, *clk).link(actor, appointmentId, leadId);
        const QString message = error ? error.message() : QString();
        QMetaObject::invokeMethod(self.data(), [self, message, leadId] {
            if (!self)
                return;
            self->m_status->setText(message.isEmpty() ? tr("Linked to lead %1.").arg(leadId)
                                                      : tr("Not linked: %1").arg(message));
            self->reload();
            Q_EMIT self->linkFinished(message.isEmpty());
        }, Qt::QueuedConnection);
    });
}

} // namespace Callvia::Ui
