#include "bookforleaddialog.h"

#include <models/clock.h>
#include <services/servicethread.h>
#include <services/reminders/messagetemplates.h>

#include <QDialogButtonBox>
#include <QFutureWatcher>
#include <QLabel>
#include <QListWidget>
#include <QPointer>
#include <QPushButton>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace Callvia::Ui {

namespace {
constexpr qint64 windowMs = 14LL * 24 * 3600 * 1000;
}

BookForLeadDialog::BookForLeadDialog(Models::Database &database, const Models::Clock &clock,
                                     const Services::ProviderConfig &config, Services::Session session,
                                     Services::ServiceThread &reader, qint64 leadId, QWidget *parent)
    : QDialog(parent), m_database(database), m_clock(clock), m_config(config), m_session(std::move(session)),
      m_reader(reader), m_status(new QLabel(this)), m_slots(new QListWidget(this)),
      m_buttons(new QDialogButtonBox(this))
{
    setWindowTitle(tr("Book for lead"));
    m_status->setObjectName(QStringLiteral("status"));
    m_status->setWordWrap(true);
    m_slots->setObjectName(QStringLiteral("slots"));
    QPushButton *book = m_buttons->addButton(tr("Book this slot"), QDialogButtonBox::AcceptRole);
    book->setObjectName(QStringLiteral("book"));
    book->setEnabled(false);
    m_buttons->addButton(QDialogButtonBox::Close);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_status);
    layout->addWidget(m_slots, 1);
    layout->addWidget(m_buttons);
    connect(m_slots, &QListWidget::currentRowChanged, this, [this, book](int row) { book->setEnabled(row >= 0 && !m_busy); });
    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] { bookRow(m_slots->currentRow()); });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    m_busy = true;
    m_status->setText(tr("Loading the lead's free slots from Cal.com…"));
    Models::Database *db = &m_database;
    const Models::Clock *clk = &m_clock;
    const Services::ProviderConfig *cfg = &m_config;
    const Services::Session actor = m_session;
    QPointer<BookForLeadDialog> self(this);
    m_reader.post([self, db, clk, cfg, actor, leadId] {
        const Services::LeadBooking::Plan plan = Services::LeadBooking::plan(actor, *db, *clk, *cfg, leadId);
        if (self)
            QMetaObject::invokeMethod(self.data(), [self, plan] { if (self) self->planned(plan); }, Qt::QueuedConnection);
    });
}

QStringList BookForLeadDialog::slotTexts() const
{
    QStringList texts;
    for (int i = 0; i < m_slots->count(); ++i)
        texts << m_slots->item(i)->text();
    return texts;
}

QString BookForLeadDialog::statusText() const
{
    return m_status->text();
}

void BookForLeadDialog::planned(const Services::LeadBooking::Plan &plan)
{
    m_plan = plan;
    if (!plan.error.isEmpty()) {
        m_busy = false;
        m_status->setText(tr("Cannot book this lead: %1").arg(plan.error));
        Q_EMIT slotsLoaded();
        return;
    }
    const qint64 from = m_clock.nowMs();
    auto *watcher = new QFutureWatcher<Services::CalcomClient::Slots>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        showSlots(watcher->result());
        watcher->deleteLater();
    });
    watcher->setFuture(QtConcurrent::run([plan, from] { return Services::LeadBooking::freeSlots(plan, from, from + windowMs); }));
}

void BookForLeadDialog::showSlots(const Services::CalcomClient::Slots &found)
{
    m_busy = false;
    m_slots->clear();
    m_starts = found.startsMs;
    if (!found.error.isEmpty()) {
        m_status->setText(tr("Could not load slots: %1").arg(found.error));
    } else if (m_starts.isEmpty()) {
        m_status->setText(tr("Cal.com has no free slot for %1 in the next 14 days.").arg(m_plan.leadName));
    } else {
        m_status->setText(tr("Free slots for %1, in the lead's time zone (%2):").arg(m_plan.leadName, m_plan.leadZone));
        for (qint64 ms : std::as_const(m_starts))
            m_slots->addItem(Services::MessageTemplates::formatTime(ms, m_plan.leadZone, QStringLiteral("en")));
    }
    Q_EMIT slotsLoaded();
}

void BookForLeadDialog::bookRow(int row)
{
    if (m_busy || row < 0 || row >= m_starts.size())
        return;
    m_busy = true;
    const qint64 startMs = m_starts.at(row);
    m_status->setText(tr("Booking %1…").arg(m_slots->item(row)->text()));
    auto *watcher = new QFutureWatcher<Services::CalcomClient::Booking>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, startMs] {
        booked(startMs, watcher->result());
        watcher->deleteLater();
    });
    const Services::LeadBooking::Plan plan = m_plan;
    watcher->setFuture(QtConcurrent::run([plan, startMs] { return Services::LeadBooking::book(plan, startMs); }));
}

void BookForLeadDialog::booked(qint64 startMs, const Services::CalcomClient::Booking &booking)
{
    m_busy = false;
    m_status->setText(booking.error.isEmpty()
                              ? tr("Booked (Cal.com booking %1). The appointment appears when Cal.com's webhook arrives.")
                                        .arg(booking.uid)
                              : tr("Booking failed: %1").arg(booking.error));
    // The audit row, success or failure, on the reader thread (it owns that connection).
    Models::Database *db = &m_database;
    const Models::Clock *clk = &m_clock;
    const Services::Session actor = m_session;
    const Services::LeadBooking::Plan plan = m_plan;
    QPointer<BookForLeadDialog> self(this);
    m_reader.post([self, db, clk, actor, plan, startMs, booking] {
        const Models::DbError error = Services::LeadBooking::recordBooking(actor, *db, *clk, plan, startMs, booking);
        if (error && self) {
            const QString message = error.message();
            QMetaObject::invokeMethod(self.data(), [self, message] {
                if (self)
                    self->m_status->setText(self->m_status->text() + QLatin1Char('\n')
                                            + tr("The audit entry could not be written: %1").arg(message));
            }, Qt::QueuedConnection);
        }
    });
    Q_EMIT bookingFinished(booking.error.isEmpty());
}

} // namespace Callvia::Ui
