#include "appointmentsview.h"

#include "../widgets/messagelist.h"

#include <models/repositories/clientrepository.h>
#include <models/clock.h>
#include <models/database.h>
#include <models/repositories/leadrepository.h>
#include <models/repositories/messagerepository.h>
#include <models/repositories/reminderrepository.h>
#include <models/repositories/verificationrepository.h>
#include <services/servicethread.h>

#include <QCalendarWidget>
#include <QComboBox>
#include <QDateTime>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMessageBox>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QTextCharFormat>
#include <QTimer>
#include <QVBoxLayout>

namespace Callvia::Ui {

namespace {

QString statusWords(const QString &status)
{
    static const QHash<QString, const char *> words {
        // The context is AppointmentsView's (the words are looked up with its tr()), not QObject's.
        { QStringLiteral("pending"), QT_TRANSLATE_NOOP("Callvia::Ui::AppointmentsView", "Pending") },
        { QStringLiteral("scheduled"), QT_TRANSLATE_NOOP("Callvia::Ui::AppointmentsView", "Scheduled") },
        { QStringLiteral("cancelled"), QT_TRANSLATE_NOOP("Callvia::Ui::AppointmentsView", "Cancelled") },
        { QStringLiteral("rejected"), QT_TRANSLATE_NOOP("Callvia::Ui::AppointmentsView", "Rejected") },
        { QStringLiteral("shown"), QT_TRANSLATE_NOOP("Callvia::Ui::AppointmentsView", "Shown") },
        { QStringLiteral("no_show"), QT_TRANSLATE_NOOP("Callvia::Ui::AppointmentsView", "No-show") },
    };
    const auto it = words.constFind(status);
    return it == words.constEnd() ? status : AppointmentsView::tr(it.value());
}

QString verificationWords(const QString &verification)
{
    static const QHash<QString, const char *> words {
        { QStringLiteral("pending"), QT_TRANSLATE_NOOP("Callvia::Ui::AppointmentsView", "Awaiting verdict") },
        { QStringLiteral("client_confirmed"), QT_TRANSLATE_NOOP("Callvia::Ui::AppointmentsView", "Client confirmed") },
        { QStringLiteral("lead_confirmed"), QT_TRANSLATE_NOOP("Callvia::Ui::AppointmentsView", "Lead confirmed") },
        { QStringLiteral("call_verified"), QT_TRANSLATE_NOOP("Callvia::Ui::AppointmentsView", "Call verified") },
        { QStringLiteral("no_show"), QT_TRANSLATE_NOOP("Callvia::Ui::AppointmentsView", "No-show") },
        { QStringLiteral("not_applicable"), QT_TRANSLATE_NOOP("Callvia::Ui::AppointmentsView", "Not applicable") },
    };
    const auto it = words.constFind(verification);
    return it == words.constEnd() ? verification : AppointmentsView::tr(it.value());
}

QString reminderWhen(int offsetMinutes)
{
    if (offsetMinutes % 60 == 0)
        return AppointmentsView::tr("%n hour(s) before", nullptr, offsetMinutes / 60);
    return AppointmentsView::tr("%n minute(s) before", nullptr, offsetMinutes);
}

} // namespace

AppointmentsView::AppointmentsView(Models::Database &database, const Models::Clock &clock, Services::Session session,
                                   Services::ServiceThread &reader, QTimeZone viewerZone, QWidget *parent,
                                   ManualVerdict manualVerdict)
    : QWidget(parent),
      m_database(database),
      m_clock(clock),
      m_session(std::move(session)),
      m_reader(reader),
      m_zone(viewerZone.isValid() ? viewerZone : QTimeZone::utc()),
      m_manualVerdict(std::move(manualVerdict))
{
    m_client = new QComboBox(this);
    m_client->setObjectName(QStringLiteral("clientFilter"));
    m_client->addItem(tr("All clients"), qint64(0));
    m_status = new QComboBox(this);
    m_status->setObjectName(QStringLiteral("statusFilter"));
    m_status->addItem(tr("Any status"), QString());
    for (const char *status : { "scheduled", "pending", "cancelled", "shown", "no_show" })
        m_status->addItem(statusWords(QString::fromLatin1(status)), QString::fromLatin1(status));
    m_status->addItem(tr("Awaiting verdict"), QStringLiteral("awaiting"));
    auto *refresh = new QPushButton(tr("Refresh"), this);
    auto *zone = new QLabel(tr("Times in %1").arg(QString::fromUtf8(m_zone.id())), this);

    auto *filters = new QHBoxLayout;
    filters->addWidget(new QLabel(tr("Client:"), this));
    filters->addWidget(m_client);
    filters->addWidget(new QLabel(tr("Status:"), this));
    filters->addWidget(m_status);
    filters->addWidget(refresh);
    filters->addStretch(1);
    filters->addWidget(zone);
    if (!m_session.scope().isAgency()) {
        m_client->hide(); // a client user sees only their own client
        filters->itemAt(0)->widget()->hide();
    }

    m_calendar = new QCalendarWidget(this);
    m_calendar->setObjectName(QStringLiteral("calendar"));
    m_calendar->setGridVisible(true);
    m_calendar->setVerticalHeaderFormat(QCalendarWidget::NoVerticalHeader);
    m_calendar->setFirstDayOfWeek(Qt::Monday);

    m_dayTitle = new QLabel(this);
    m_dayTitle->setObjectName(QStringLiteral("dayTitle"));
    m_day = new QTableWidget(0, DayColumnCount, this);
    m_day->setObjectName(QStringLiteral("dayTable"));
    m_day->setHorizontalHeaderLabels(
            { tr("Time"), tr("Lead's time"), tr("Lead"), tr("Client"), tr("Status"), tr("Verdict") });
    m_day->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_day->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_day->setSelectionMode(QAbstractItemView::SingleSelection);
    m_day->verticalHeader()->hide();
    m_day->horizontalHeader()->setStretchLastSection(true);

    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("appointmentSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_verdictBox = new QGroupBox(tr("Show verification"), this);
    m_verdict = new QLabel(m_verdictBox);
    m_verdict->setObjectName(QStringLiteral("verdict"));
    m_verdict->setWordWrap(true);
    m_verdict->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *verdictLayout = new QVBoxLayout(m_verdictBox);
    verdictLayout->addWidget(m_verdict);
    m_verdictButtons = new QWidget(m_verdictBox);
    auto *buttons = new QHBoxLayout(m_verdictButtons);
    buttons->setContentsMargins(0, 0, 0, 0);
    auto *markShown = new QPushButton(tr("Mark shown…"), m_verdictButtons);
    markShown->setObjectName(QStringLiteral("markShown"));
    auto *markNoShow = new QPushButton(tr("Mark no-show…"), m_verdictButtons);
    markNoShow->setObjectName(QStringLiteral("markNoShow"));
    buttons->addWidget(markShown);
    buttons->addWidget(markNoShow);
    auto *bookLead = new QPushButton(tr("Book for lead…"), m_verdictBox);
    bookLead->setObjectName(QStringLiteral("bookForLead"));
    bookLead->setToolTip(tr("Pick one of the lead's free Cal.com slots and book it"));
    bookLead->hide();
    m_bookLead = bookLead;
    connect(bookLead, &QPushButton::clicked, this, [this] {
        if (m_bookForLead && m_detailLeadId)
            m_bookForLead(m_detailLeadId);
    });
    buttons->addStretch(1);
    verdictLayout->addWidget(m_verdictButtons);
    verdictLayout->addWidget(bookLead, 0, Qt::AlignLeft);
    // Staff and admins decide by hand (VerificationService refuses client users too).
    m_verdictButtons->setVisible(bool(m_manualVerdict) && m_session.canEdit());
    auto ask = [this](bool shown) {
        bool ok = false;
        const QString reason = QInputDialog::getText(this, shown ? tr("Mark shown") : tr("Mark no-show"),
                                                     tr("Reason (kept with the verdict and in the audit log):"),
                                                     QLineEdit::Normal, QString(), &ok);
        if (!ok)
            return;
        if (reason.trimmed().isEmpty()) {
            QMessageBox::warning(this, tr("Verdict"), tr("A reason is required."));
            return;
        }
        markVerdict(shown, reason.trimmed());
    };
    connect(markShown, &QPushButton::clicked, this, [ask] { ask(true); });
    connect(markNoShow, &QPushButton::clicked, this, [ask] { ask(false); });
    m_reminders = new QTableWidget(0, 4, this);
    m_reminders->setObjectName(QStringLiteral("reminderTable"));
    m_reminders->setHorizontalHeaderLabels({ tr("Reminder"), tr("Due"), tr("State"), tr("Reason") });
    m_reminders->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_reminders->verticalHeader()->hide();
    m_reminders->horizontalHeader()->setStretchLastSection(true);
    m_messages = new MessageList(this);
    m_messages->setObjectName(QStringLiteral("appointmentMessages"));
    m_leadMessages = new MessageList(this);
    m_leadMessages->setObjectName(QStringLiteral("leadMessages"));

    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_calendar);
    leftLayout->addWidget(m_dayTitle);
    leftLayout->addWidget(m_day, 1);

    auto *right = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(m_summary);
    rightLayout->addWidget(m_verdictBox);
    rightLayout->addWidget(new QLabel(tr("Reminders"), this));
    rightLayout->addWidget(m_reminders, 1);
    rightLayout->addWidget(new QLabel(tr("Messages of this appointment"), this));
    rightLayout->addWidget(m_messages, 1);
    rightLayout->addWidget(new QLabel(tr("All messages with this lead"), this));
    rightLayout->addWidget(m_leadMessages, 1);

    auto *split = new QSplitter(this);
    split->addWidget(left);
    split->addWidget(right);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    m_reminders->setMaximumHeight(150);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(filters);
    layout->addWidget(split, 1);

    connect(m_calendar, &QCalendarWidget::currentPageChanged, this, [this] { loadMonth(); });
    connect(m_calendar, &QCalendarWidget::selectionChanged, this, [this] {
        const QDate day = m_calendar->selectedDate();
        if (day.year() != m_calendar->yearShown() || day.month() != m_calendar->monthShown())
            return; // the page change that follows reloads
        showDay();
    });
    connect(m_client, &QComboBox::currentIndexChanged, this, [this] { loadMonth(); });
    connect(m_status, &QComboBox::currentIndexChanged, this, [this] { loadMonth(); });
    connect(refresh, &QPushButton::clicked, this, &AppointmentsView::reload);
    m_reloadTimer = new QTimer(this);
    m_reloadTimer->setSingleShot(true);
    m_reloadTimer->setInterval(2000);
    connect(m_reloadTimer, &QTimer::timeout, this, &AppointmentsView::reload);
    connect(m_day, &QTableWidget::itemSelectionChanged, this, [this] {
        const QList<QTableWidgetItem *> items = m_day->selectedItems();
        if (!items.isEmpty())
            loadDetail(items.first()->data(Qt::UserRole).toLongLong());
    });

    m_summary->setText(tr("Select an appointment to see its lead, reminders and messages."));
    m_verdictBox->hide();

    // Clients for the filter, then the current month.
    if (m_session.scope().isAgency()) {
        const Models::TenantScope scope = m_session.scope();
        Models::Database *db = &m_database;
        const Models::Clock *clk = &m_clock;
        m_reader.post([this, db, clk, scope] {
            const auto clients = Models::ClientRepository(*db, *clk, scope).list(true);
            QMetaObject::invokeMethod(this, [this, clients] {
                if (!clients.ok())
                    return;
                for (const Models::ClientRecord &client : clients.value())
                    m_client->addItem(client.name, client.id);
            }, Qt::QueuedConnection);
        });
    }
    const QDate today = QDateTime::fromMSecsSinceEpoch(m_clock.nowMs(), m_zone).date();
    m_calendar->setSelectedDate(today);
    loadMonth();
}

AppointmentsView::~AppointmentsView()
{
    // The reader may still run a query for this view: wait for it, so its queued answer is
    // posted before we are gone (and then dropped with us), never to a dangling pointer.
    if (m_reader.isRunning())
        m_reader.run([] {});
}

QDate AppointmentsView::dayOf(qint64 ms) const
{
    return QDateTime::fromMSecsSinceEpoch(ms, m_zone).date();
}

void AppointmentsView::showDate(const QDate &date)
{
    m_calendar->setSelectedDate(date);
    m_calendar->setCurrentPage(date.year(), date.month());
    loadMonth();
}

void AppointmentsView::setFilter(qint64 clientId, const QString &status)
{
    const QSignalBlocker a(m_client), b(m_status);
    const int client = m_client->findData(clientId);
    m_client->setCurrentIndex(client < 0 ? 0 : client);
    const int s = m_status->findData(status);
    m_status->setCurrentIndex(s < 0 ? 0 : s);
    loadMonth();
}

void AppointmentsView::reload()
{
    loadMonth();
    if (m_selectedId)
        loadDetail(m_selectedId);
}

void AppointmentsView::scheduleReload()
{
    if (!m_reloadTimer->isActive())
        m_reloadTimer->start();
}

void AppointmentsView::loadMonth()
{
    const QDate first(m_calendar->yearShown(), m_calendar->monthShown(), 1);
    // The weeks of the neighbouring months the calendar shows too.
    const qint64 from = QDateTime(first.addDays(-7), QTime(0, 0), m_zone).toMSecsSinceEpoch();
    const qint64 to = QDateTime(first.addMonths(1).addDays(14), QTime(0, 0), m_zone).toMSecsSinceEpoch();
    Models::AppointmentFilter filter;
    filter.clientId = m_client->currentData().toLongLong();
    filter.status = m_status->currentData().toString();
    const quint64 generation = ++m_generation;
    m_pendingMonth = generation;
    const qint64 now = m_clock.nowMs();
    Models::Database *db = &m_database;
    const Models::Clock *clk = &m_clock;
    const Models::TenantScope scope = m_session.scope();
    m_reader.post([this, db, clk, scope, from, to, filter, now, generation] {
        const auto rows = Models::AppointmentRepository(*db, *clk, scope).listBetween(from, to, filter, now);
        QMetaObject::invokeMethod(this, [this, generation, rows] { applyMonth(generation, rows); }, Qt::QueuedConnection);
    });
}

void AppointmentsView::applyMonth(quint64 generation, const Models::DbResult<QList<Models::AppointmentListRow>> &rows)
{
    if (generation != m_pendingMonth)
        return; // an older query answered late
    m_pendingMonth = 0;
    for (const QDate &day : std::as_const(m_formatted))
        m_calendar->setDateTextFormat(day, QTextCharFormat());
    m_formatted.clear();
    m_byDay.clear();
    m_monthError = rows.ok() ? QString() : rows.error().message();
    if (rows.ok()) {
        for (const Models::AppointmentListRow &row : rows.value())
            m_byDay[dayOf(row.appointment.startsAt)] << row;
    }
    QTextCharFormat busy;
    busy.setFontWeight(QFont::Bold);
    busy.setBackground(QColor(0xd7, 0xe8, 0xfb));
    for (auto it = m_byDay.constBegin(); it != m_byDay.constEnd(); ++it) {
        QTextCharFormat format = busy;
        format.setToolTip(tr("%n appointment(s)", nullptr, int(it.value().size())));
        m_calendar->setDateTextFormat(it.key(), format);
        m_formatted << it.key();
    }
    showDay();
}

void AppointmentsView::showDay()
{
    const QDate day = m_calendar->selectedDate();
    const QList<Models::AppointmentListRow> rows = m_byDay.value(day);
    if (!m_monthError.isEmpty())
        m_dayTitle->setText(tr("Could not read the appointments: %1").arg(m_monthError));
    else
        m_dayTitle->setText(tr("%1: %n appointment(s)", nullptr, int(rows.size()))
                                    .arg(QLocale().toString(day, QLocale::LongFormat)));
    const QSignalBlocker block(m_day);
    m_day->setRowCount(0);
    m_day->setRowCount(int(rows.size()));
    int selectRow = -1;
    for (int r = 0; r < rows.size(); ++r) {
        const Models::AppointmentListRow &row = rows[r];
        const Models::AppointmentRecord &a = row.appointment;
        const QDateTime start = QDateTime::fromMSecsSinceEpoch(a.startsAt, m_zone);
        const QString leadZoneId = !row.leadTimeZone.isEmpty() ? row.leadTimeZone : a.attendeeTimeZone;
        const QTimeZone leadZone(leadZoneId.toUtf8());
        QString leadTime;
        if (leadZone.isValid()) {
            const QDateTime local = QDateTime::fromMSecsSinceEpoch(a.startsAt, leadZone);
            leadTime = local.toString(QStringLiteral("HH:mm ")) + leadZone.abbreviation(local);
        }
        const QString name = !row.leadName.isEmpty() ? row.leadName
                : !a.attendeeName.isEmpty()          ? tr("%1 (no lead)").arg(a.attendeeName)
                                                     : tr("(unknown)");
        const bool awaiting = (a.status == QLatin1String("scheduled") || a.status == QLatin1String("pending"))
                && a.endsAt <= m_clock.nowMs();
        const QString cells[DayColumnCount] = {
            start.toString(QStringLiteral("HH:mm")) + QLatin1Char('-')
                    + QDateTime::fromMSecsSinceEpoch(a.endsAt, m_zone).toString(QStringLiteral("HH:mm")),
            leadTime,
            name,
            row.clientName.isEmpty() ? tr("(unattributed)") : row.clientName,
            statusWords(a.status),
            awaiting ? tr("Awaiting verdict") : (a.verification == QLatin1String("pending") ? QString()
                                                                                              : verificationWords(a.verification)),
        };
        for (int c = 0; c < DayColumnCount; ++c) {
            auto *item = new QTableWidgetItem(cells[c]);
            item->setData(Qt::UserRole, a.id);
            m_day->setItem(r, c, item);
        }
        if (a.id == m_selectedId)
            selectRow = r;
    }
    m_day->resizeColumnsToContents();
    if (selectRow >= 0)
        m_day->selectRow(selectRow);
}

void AppointmentsView::setBookForLead(std::function<void(qint64 leadId)> bookForLead)
{
    m_bookForLead = std::move(bookForLead);
    m_bookLead->setVisible(bool(m_bookForLead) && m_session.canEdit());
}

void AppointmentsView::addPanel(QWidget *panel)
{
    layout()->addWidget(panel);
}

void AppointmentsView::selectAppointment(qint64 appointmentId)
{
    for (int r = 0; r < m_day->rowCount(); ++r) {
        if (m_day->item(r, 0)->data(Qt::UserRole).toLongLong() == appointmentId) {
            m_day->selectRow(r);
            return;
        }
    }
    loadDetail(appointmentId);
}

void AppointmentsView::loadDetail(qint64 appointmentId)
{
    m_selectedId = appointmentId;
    const quint64 generation = ++m_generation;
    m_pendingDetail = generation;
    Models::Database *db = &m_database;
    const Models::Clock *clk = &m_clock;
    const Models::TenantScope scope = m_session.scope();
    m_reader.post([this, db, clk, scope, appointmentId, generation] {
        AppointmentDetail detail;
        const auto appointment = Models::AppointmentRepository(*db, *clk, scope).find(appointmentId);
        if (!appointment.ok()) {
            detail.error = appointment.error().message();
        } else {
            detail.appointment = appointment.value();
            if (detail.appointment.leadId) {
                const auto lead = Models::LeadRepository(*db, *clk, scope).find(detail.appointment.leadId);
                if (lead.ok())
                    detail.lead = lead.value();
            }
            if (detail.appointment.clientId) {
                const auto client = Models::ClientRepository(*db, *clk, scope).find(detail.appointment.clientId);
                if (client.ok())
                    detail.clientName = client.value().name;
            }
            const auto reminders = Models::ReminderRepository(*db, *clk, scope).listForAppointment(appointmentId);
            if (reminders.ok())
                detail.reminders = reminders.value();
            const Models::MessageRepository messages(*db, *clk, scope);
            const auto own = messages.listForAppointment(appointmentId);
            if (own.ok())
                detail.messages = own.value();
            else
                detail.error = own.error().message();
            if (detail.lead.id) {
                const auto all = messages.listForLead(detail.lead.id);
                if (all.ok())
                    detail.leadMessages = all.value();
            }
            const Models::VerificationRepository verdicts(*db, *clk, scope);
            const auto history = verdicts.verdictHistory(appointmentId);
            if (history.ok() && !history.value().isEmpty()) {
                const Models::VerdictRecord &v = history.value().last();
                detail.hasVerdict = true;
                detail.verdictRule = v.rule;
                detail.verdictValue = v.verdict;
                detail.verdictSource = v.source;
                detail.verdictBy = v.decidedByName;
                detail.verdictAt = v.decidedAt;
                detail.verdictReason = v.reason;
                detail.evidence = v.evidence;
                detail.corrections = int(history.value().size()) - 1;
            }
        }
        QMetaObject::invokeMethod(this, [this, generation, detail] { applyDetail(generation, detail); },
                                  Qt::QueuedConnection);
    });
}

void AppointmentsView::applyDetail(quint64 generation, const AppointmentDetail &detail)
{
    if (generation != m_pendingDetail)
        return;
    m_pendingDetail = 0;
    if (!detail.error.isEmpty() && detail.appointment.id == 0) {
        m_summary->setText(tr("Could not read the appointment: %1").arg(detail.error.toHtmlEscaped()));
        m_verdictBox->hide();
        m_reminders->setRowCount(0);
        m_messages->setMessages({}, m_zone);
        m_leadMessages->setMessages({}, m_zone);
        return;
    }
    const Models::AppointmentRecord &a = detail.appointment;
    m_detailLeadId = detail.lead.id;
    m_bookLead->setEnabled(m_detailLeadId != 0);
    const QLocale locale;
    const QDateTime start = QDateTime::fromMSecsSinceEpoch(a.startsAt, m_zone);
    QString leadLine;
    if (detail.lead.id) {
        leadLine = tr("Lead: %1 %2, %3, %4")
                           .arg(detail.lead.firstName.toHtmlEscaped(), detail.lead.lastName.toHtmlEscaped(),
                                detail.lead.phoneE164.toHtmlEscaped(), detail.lead.email.toHtmlEscaped());
    } else {
        leadLine = tr("No lead matched: attendee %1, %2, %3")
                           .arg(a.attendeeName.toHtmlEscaped(), a.attendeePhone.toHtmlEscaped(),
                                a.attendeeEmail.toHtmlEscaped());
    }
    QString text = QStringLiteral("<b>%1</b><br>").arg((a.title.isEmpty() ? tr("Appointment") : a.title).toHtmlEscaped());
    text += tr("%1 to %2 (%3)")
                    .arg(locale.toString(start, QLocale::LongFormat),
                         QDateTime::fromMSecsSinceEpoch(a.endsAt, m_zone).toString(QStringLiteral("HH:mm")),
                         QString::fromUtf8(m_zone.id()))
            + QStringLiteral("<br>");
    const QTimeZone leadZone((detail.lead.timeZone.isEmpty() ? a.attendeeTimeZone : detail.lead.timeZone).toUtf8());
    if (leadZone.isValid()) {
        const QDateTime local = QDateTime::fromMSecsSinceEpoch(a.startsAt, leadZone);
        text += tr("Lead's local time: %1 %2").arg(local.toString(QStringLiteral("yyyy-MM-dd HH:mm")),
                                                  leadZone.abbreviation(local))
                + QStringLiteral("<br>");
    }
    text += leadLine + QStringLiteral("<br>");
    text += tr("Client: %1").arg(detail.clientName.isEmpty() ? tr("(unattributed)") : detail.clientName.toHtmlEscaped())
            + QStringLiteral("<br>");
    if (!a.location.isEmpty())
        text += tr("Location: %1").arg(a.location.toHtmlEscaped()) + QStringLiteral("<br>");
    text += tr("Status: %1").arg(statusWords(a.status));
    if (!a.cancellationReason.isEmpty())
        text += QStringLiteral(" (%1)").arg(a.cancellationReason.toHtmlEscaped());
    text += QStringLiteral("<br>") + tr("Booking: %1").arg(a.bookingUid.toHtmlEscaped());
    if (!detail.error.isEmpty())
        text += QStringLiteral("<br><span style='color:#b3261e'>%1</span>").arg(detail.error.toHtmlEscaped());
    m_summary->setText(text);

    m_verdictBox->show();
    if (detail.hasVerdict) {
        m_verdict->setText(verdictText(detail));
    } else if (a.verification == QLatin1String("pending")
        && (a.status == QLatin1String("shown") || a.status == QLatin1String("no_show"))) {
        m_verdict->setText(tr("Verdict: %1 (no rule or evidence recorded).").arg(statusWords(a.status)));
    } else if (a.verification == QLatin1String("pending")) {
        m_verdict->setText(a.status == QLatin1String("cancelled") || a.status == QLatin1String("rejected")
                                   ? tr("No verdict: the appointment was %1.").arg(statusWords(a.status).toLower())
                                   : a.endsAt > m_clock.nowMs()
                                   ? tr("Awaiting verdict: decided automatically 48 hours after the end (the client's setting) "
                                        "unless the client or staff decide first.")
                                   : tr("Awaiting verdict: the automatic pass decides once the client's wait after the end "
                                        "(48 hours by default) is over."));
    } else {
        QString verdict = tr("Verdict: %1").arg(verificationWords(a.verification));
        if (a.verifiedAt)
            verdict += tr(", decided %1").arg(locale.toString(QDateTime::fromMSecsSinceEpoch(a.verifiedAt, m_zone),
                                                             QLocale::ShortFormat));
        m_verdict->setText(verdict);
    }

    m_reminders->setRowCount(0);
    m_reminders->setRowCount(int(detail.reminders.size()));
    for (int r = 0; r < detail.reminders.size(); ++r) {
        const Models::ReminderRecord &reminder = detail.reminders[r];
        const QString cells[4] = {
            reminderWhen(reminder.offsetMinutes) + QLatin1Char(' ')
                    + (reminder.channel == QLatin1String("email") ? tr("(e-mail)") : tr("(SMS)")),
            QDateTime::fromMSecsSinceEpoch(reminder.dueAt, m_zone).toString(QStringLiteral("yyyy-MM-dd HH:mm")),
            reminder.status,
            reminder.reason,
        };
        for (int c = 0; c < 4; ++c)
            m_reminders->setItem(r, c, new QTableWidgetItem(cells[c]));
    }
    m_reminders->resizeColumnsToContents();
    m_messages->setMessages(detail.messages, m_zone);
    m_leadMessages->setMessages(detail.leadMessages, m_zone);
}

QString AppointmentsView::verdictText(const AppointmentDetail &d) const
{
    const QLocale locale;
    static const QHash<QString, const char *> rules {
        { QStringLiteral("client_confirmed"), QT_TR_NOOP("the client confirmed") },
        { QStringLiteral("lead_confirmed"), QT_TR_NOOP("the lead replied yes to a reminder") },
        { QStringLiteral("call_verified"), QT_TR_NOOP("a call with the lead in the appointment's window") },
        { QStringLiteral("no_show"), QT_TR_NOOP("no confirmation and no qualifying call") },
        { QStringLiteral("manual"), QT_TR_NOOP("decided by staff") },
    };
    const auto rule = rules.constFind(d.verdictRule);
    QString text = QStringLiteral("<b>%1</b> — %2<br>")
                           .arg(d.verdictValue == QLatin1String("shown") ? tr("Shown") : tr("No-show"),
                                rule == rules.constEnd() ? d.verdictRule.toHtmlEscaped() : tr(rule.value()));
    text += tr("Decided %1 by %2").arg(locale.toString(QDateTime::fromMSecsSinceEpoch(d.verdictAt, m_zone), QLocale::ShortFormat),
                                      d.verdictBy.isEmpty() ? (d.verdictSource == QLatin1String("client") ? tr("the client's link")
                                                                                                          : tr("the automatic pass"))
                                                            : d.verdictBy.toHtmlEscaped());
    if (!d.verdictReason.isEmpty())
        text += QStringLiteral("<br>") + tr("Reason: %1").arg(d.verdictReason.toHtmlEscaped());
    if (d.corrections > 0)
        text += QStringLiteral("<br>") + tr("Corrected: %n earlier verdict(s) in the audit log", nullptr, d.corrections);
    if (!d.evidence.isEmpty()) {
        text += QStringLiteral("<br>") + tr("Evidence:") + QStringLiteral("<ul style='margin:0'>");
        for (auto it = d.evidence.constBegin(); it != d.evidence.constEnd(); ++it) {
            const QJsonValue value = it.value();
            QString shown = value.isObject() ? QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact))
                    : value.isArray()        ? QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact))
                                             : value.toVariant().toString();
            text += QStringLiteral("<li>%1: %2</li>").arg(it.key().toHtmlEscaped(), shown.left(300).toHtmlEscaped());
        }
        text += QStringLiteral("</ul>");
    }
    return text;
}

void AppointmentsView::markVerdict(bool shown, const QString &reason)
{
    if (!m_manualVerdict || m_selectedId == 0)
        return;
    const quint64 generation = ++m_generation;
    m_pendingVerdict = generation;
    m_verdictError.clear();
    const qint64 appointmentId = m_selectedId;
    const Services::Session actor = m_session;
    const ManualVerdict write = m_manualVerdict;
    m_reader.post([this, write, actor, appointmentId, shown, reason, generation] {
        const Models::DbError error = write(actor, appointmentId, shown, reason);
        const QString message = error ? error.message() : QString();
        QMetaObject::invokeMethod(this, [this, generation, message] {
            if (generation != m_pendingVerdict)
                return;
            m_pendingVerdict = 0;
            m_verdictError = message;
            if (!message.isEmpty() && isVisible())
                QMessageBox::warning(this, tr("Verdict"), message);
            reload();
        }, Qt::QueuedConnection);
    });
}

QString AppointmentsView::detailText() const
{
    return m_summary->text() + QLatin1Char('\n') + m_verdict->text();
}

} // namespace Callvia::Ui
