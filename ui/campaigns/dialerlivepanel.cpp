#include "dialerlivepanel.h"

#include <models/clock.h>
#include <models/database.h>
#include <services/compliance/callingrules.h>
#include <services/dialer/dialerservice.h>
#include <services/servicethread.h>

#include <QDateTime>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <utility>

namespace Callvia::Ui {

namespace {

constexpr int RefreshMs = 3000;
constexpr int NextInLine = 12;

QLabel *figure(QWidget *parent)
{
    auto *label = new QLabel(QStringLiteral("–"), parent);
    QFont font = label->font();
    font.setPointSizeF(font.pointSizeF() * 1.4);
    font.setBold(true);
    label->setFont(font);
    return label;
}

QString when(qint64 ms)
{
    if (ms <= 0)
        return {};
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms).toLocalTime(), QLocale::ShortFormat);
}

} // namespace

DialerLivePanel::DialerLivePanel(Models::Database &database, const Models::Clock &clock, Services::Session session,
                                 QWidget *parent)
    : QWidget(parent),
      m_database(database),
      m_clock(clock),
      m_session(std::move(session)),
      m_state(new QLabel(this)),
      m_inProgress(figure(this)),
      m_placed(figure(this)),
      m_connectRate(figure(this)),
      m_bookings(figure(this)),
      m_abandoned(figure(this)),
      m_body(new QWidget(this)),
      m_start(new QPushButton(tr("Start dialing"), this)),
      m_pause(new QPushButton(tr("Pause dialing"), this)),
      m_stop(new QPushButton(tr("Stop dialing"), this)),
      m_next(new QTableWidget(0, 4, this)),
      m_why(new QLabel(this)),
      m_timer(new QTimer(this))
{
    setObjectName(QStringLiteral("dialerPanel"));
    m_state->setObjectName(QStringLiteral("dialerState"));
    m_state->setWordWrap(true);
    m_why->setObjectName(QStringLiteral("dialerWhy"));
    m_why->setWordWrap(true);
    m_why->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_next->setObjectName(QStringLiteral("dialerNext"));
    m_next->setHorizontalHeaderLabels({ tr("Lead"), tr("Phone"), tr("Next look"), tr("Reason at the last look") });
    m_next->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_next->setSelectionMode(QAbstractItemView::SingleSelection);
    m_next->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_next->verticalHeader()->hide();
    m_next->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_next->horizontalHeader()->setStretchLastSection(true);
    // The line takes what the campaigns table leaves (CampaignsView gives them 3:2), at least a few rows.
    m_next->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Ignored);
    m_next->setMinimumHeight(m_next->horizontalHeader()->sizeHint().height() + 4 * m_next->verticalHeader()->defaultSectionSize());

    auto *box = new QGroupBox(tr("Dialer"), this);
    auto *controls = new QHBoxLayout;
    controls->addWidget(m_state, 1);
    controls->addWidget(m_start);
    controls->addWidget(m_pause);
    controls->addWidget(m_stop);
    auto *figures = new QGridLayout;
    const std::pair<QString, QLabel *> cells[] = { { tr("Calls in progress"), m_inProgress },
                                                   { tr("Placed today"), m_placed },
                                                   { tr("Connect rate"), m_connectRate },
                                                   { tr("Bookings today"), m_bookings },
                                                   { tr("Abandoned, 30 days"), m_abandoned } };
    int column = 0;
    for (const auto &[title, value] : cells) {
        figures->addWidget(new QLabel(title, box), 0, column);
        figures->addWidget(value, 1, column++);
    }
    m_abandoned->setObjectName(QStringLiteral("dialerAbandoned"));
    m_abandoned->setToolTip(tr("Calls a person answered that the agent dropped before speaking, against all "
                               "live answers of the campaign in the last 30 days. Above 3 % the dialer pauses."));
    auto *inner = new QVBoxLayout(box);
    inner->addLayout(controls);
    auto *body = new QVBoxLayout(m_body);
    body->setContentsMargins(0, 0, 0, 0);
    body->addLayout(figures);
    body->addWidget(new QLabel(tr("Next in line (select a lead to see why it is not callable now):"), m_body));
    body->addWidget(m_next, 1);
    body->addWidget(m_why);
    inner->addWidget(m_body, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(box);

    connect(m_start, &QPushButton::clicked, this, [this] { control(QStringLiteral("start")); });
    connect(m_pause, &QPushButton::clicked, this, [this] { control(QStringLiteral("pause")); });
    connect(m_stop, &QPushButton::clicked, this, [this] { control(QStringLiteral("stop")); });
    connect(m_next, &QTableWidget::itemSelectionChanged, this, &DialerLivePanel::explainSelected);
    connect(m_timer, &QTimer::timeout, this, [this] {
        if (isVisible())
            refresh();
    });
    m_timer->start(RefreshMs);
    setSession(m_session);
    setCampaign(0);
}

DialerLivePanel::~DialerLivePanel()
{
    // Work still queued captured `this`: let it run first (its answer is dropped with us).
    if (m_reader && m_reader->isRunning() && m_pending != 0)
        m_reader->run([] {});
}

void DialerLivePanel::setReader(Services::ServiceThread *reader)
{
    m_reader = reader;
    refresh();
}

void DialerLivePanel::setSession(const Services::Session &session)
{
    m_session = session;
    const bool canControl = session.canEdit() && session.scope().isAgency();
    for (QPushButton *button : { m_start, m_pause, m_stop })
        button->setVisible(canControl);
}

void DialerLivePanel::setCampaign(qint64 campaignId)
{
    m_campaignId = campaignId;
    m_next->setRowCount(0);
    m_why->clear();
    m_abandonmentReadAt = 0;
    m_abandoned->setText(QStringLiteral("–"));
    setEnabled(campaignId != 0);
    // With no campaign selected the panel is one line, leaving the height to the campaigns.
    m_body->setVisible(campaignId != 0);
    setSizePolicy(QSizePolicy::Preferred, campaignId != 0 ? QSizePolicy::Preferred : QSizePolicy::Maximum);
    if (campaignId == 0)
        m_state->setText(tr("Select a campaign to see its dialer."));
    refresh();
}

template<typename Work>
void DialerLivePanel::onReader(Work &&work)
{
    if (!m_reader) {
        std::forward<Work>(work)();
        return;
    }
    ++m_pending;
    m_reader->post([this, work = std::forward<Work>(work)]() mutable {
        work();
        QMetaObject::invokeMethod(this, [this] { --m_pending; }, Qt::QueuedConnection);
    });
}

DialerLivePanel::Snapshot DialerLivePanel::load(Models::Database &database, const Models::Clock &clock,
                                                Models::TenantScope scope, qint64 campaignId, bool withAbandonment)
{
    Snapshot snapshot;
    snapshot.campaignId = campaignId;
    const Models::DialerRepository repo(database, clock, scope);
    const Models::DbResult<Models::DialerCampaignState> state = repo.state(campaignId);
    if (!state.ok()) {
        snapshot.error = state.error().message();
        return snapshot;
    }
    snapshot.state = state.value();
    const QDateTime now = QDateTime::fromMSecsSinceEpoch(clock.nowMs()).toLocalTime();
    const Models::DbResult<Models::DialerPanel> counts = repo.panel(campaignId, now.date().startOfDay().toMSecsSinceEpoch());
    const Models::DbResult<QList<Models::DialerCandidate>> next = repo.nextInLine(campaignId, NextInLine);
    if (!counts.ok() || !next.ok()) {
        snapshot.error = (counts.ok() ? next.error() : counts.error()).message();
        return snapshot;
    }
    snapshot.counts = counts.value();
    snapshot.next = next.value();
    if (withAbandonment) {
        const Models::DbResult<Models::DialerAbandonment> abandonment =
                repo.abandonment(campaignId, clock.nowMs() - Services::DialerService::AbandonmentPeriodMs);
        if (!abandonment.ok()) {
            snapshot.error = abandonment.error().message();
            return snapshot;
        }
        snapshot.hasAbandonment = true;
        snapshot.abandonment = abandonment.value();
    }
    return snapshot;
}

void DialerLivePanel::refresh()
{
    if (m_campaignId == 0)
        return;
    const qint64 campaignId = m_campaignId;
    const Models::TenantScope scope = m_session.scope();
    const bool withAbandonment = m_abandonmentReadAt == 0 || m_clock.nowMs() - m_abandonmentReadAt >= 60'000;
    if (withAbandonment)
        m_abandonmentReadAt = m_clock.nowMs();
    onReader([this, campaignId, scope, withAbandonment] {
        const Snapshot snapshot = load(m_database, m_clock, scope, campaignId, withAbandonment);
        QMetaObject::invokeMethod(this, [this, snapshot] { apply(snapshot); }, Qt::QueuedConnection);
    });
}

void DialerLivePanel::apply(const Snapshot &snapshot)
{
    if (snapshot.campaignId != m_campaignId)
        return; // another campaign was selected meanwhile
    if (!snapshot.error.isEmpty()) {
        m_state->setText(tr("Could not read the dialer: %1").arg(snapshot.error));
        return;
    }
    const QString state = snapshot.state.state;
    if (state == QLatin1String("running"))
        m_state->setText(tr("<b>Dialing</b> since %1").arg(when(snapshot.state.changedAt)));
    else if (state == QLatin1String("paused"))
        m_state->setText(snapshot.state.message.isEmpty()
                                 ? tr("<b>Paused</b>")
                                 : tr("<b>Paused:</b> %1").arg(snapshot.state.message.toHtmlEscaped()));
    else
        m_state->setText(tr("<b>Stopped</b>"));
    m_start->setEnabled(state != QLatin1String("running"));
    m_pause->setEnabled(state == QLatin1String("running"));
    m_stop->setEnabled(state != QLatin1String("stopped"));
    const Models::DialerPanel &c = snapshot.counts;
    m_inProgress->setText(QLocale().toString(c.inProgress));
    m_placed->setText(QLocale().toString(c.placedToday));
    m_connectRate->setText(c.endedToday > 0 ? QStringLiteral("%1 %").arg(QLocale().toString(100.0 * c.connectsToday / c.endedToday, 'f', 1))
                                            : QStringLiteral("–"));
    m_bookings->setText(QLocale().toString(c.bookingsToday));
    if (snapshot.hasAbandonment) {
        const Models::DialerAbandonment &a = snapshot.abandonment;
        m_abandoned->setText(a.liveAnswers > 0 ? QStringLiteral("%1 %").arg(QLocale().toString(a.percent(), 'f', 1))
                                               : QStringLiteral("–"));
        m_abandoned->setStyleSheet(a.overLimit() ? QStringLiteral("color: #b00020;") : QString());
        m_abandoned->setToolTip(tr("%1 of %2 live answers abandoned in the last 30 days. Above 3 % the dialer pauses.")
                                        .arg(a.abandoned)
                                        .arg(a.liveAnswers));
    }

    const qint64 selected = m_next->currentRow() >= 0 && m_next->item(m_next->currentRow(), 0)
            ? m_next->item(m_next->currentRow(), 0)->data(Qt::UserRole).toLongLong()
            : 0;
    const QSignalBlocker blocker(m_next);
    m_next->clearSelection(); // the rows are other leads now: keep only the same lead selected
    m_next->setRowCount(int(snapshot.next.size()));
    bool stillListed = false;
    for (int row = 0; row < snapshot.next.size(); ++row) {
        const Models::DialerCandidate &lead = snapshot.next.at(row);
        auto *name = new QTableWidgetItem(lead.name.isEmpty() ? tr("Lead %1").arg(lead.leadId) : lead.name);
        name->setData(Qt::UserRole, lead.leadId);
        m_next->setItem(row, 0, name);
        m_next->setItem(row, 1, new QTableWidgetItem(lead.phoneE164));
        m_next->setItem(row, 2, new QTableWidgetItem(lead.nextCheckAt > m_clock.nowMs() ? when(lead.nextCheckAt) : tr("due now")));
        m_next->setItem(row, 3, new QTableWidgetItem(lead.reason.isEmpty() ? tr("not looked at yet") : lead.reason));
        if (lead.leadId == selected) {
            m_next->selectRow(row);
            stillListed = true;
        }
    }
    if (selected != 0 && !stillListed)
        m_why->clear(); // the lead left the head of the line (called or deferred)
}

void DialerLivePanel::explainSelected()
{
    const int row = m_next->currentRow();
    if (row < 0 || !m_next->item(row, 0))
        return;
    const qint64 leadId = m_next->item(row, 0)->data(Qt::UserRole).toLongLong();
    const QString name = m_next->item(row, 0)->text();
    const Models::TenantScope scope = m_session.scope();
    onReader([this, leadId, name, scope] {
        const Models::DbResult<Services::Compliance::Verdict> verdict =
                Services::DialerService::explain(m_database, m_clock, scope, leadId);
        QString text;
        if (!verdict.ok())
            text = tr("Could not check %1: %2").arg(name, verdict.error().message());
        else if (verdict.value().callable)
            text = tr("%1 is callable now.").arg(name);
        else if (verdict.value().nextCallableAtMs > 0)
            text = tr("%1 is not callable now: %2. Callable from %3.")
                           .arg(name, verdict.value().text, when(verdict.value().nextCallableAtMs));
        else
            text = tr("%1 is not callable: %2.").arg(name, verdict.value().text);
        QMetaObject::invokeMethod(this, [this, text] { m_why->setText(text); }, Qt::QueuedConnection);
    });
}

void DialerLivePanel::control(const QString &action)
{
    const qint64 campaignId = m_campaignId;
    if (campaignId == 0)
        return;
    onReader([this, action, campaignId] {
        // The service's controls write the state and cancel what still waits in the outbox; the
        // leader's dialer pass picks the state up.
        Services::DialerService dialer(m_database, m_clock, Services::DialerService::Options());
        const Models::DbError error = action == QLatin1String("start") ? dialer.start(campaignId)
                : action == QLatin1String("pause")                     ? dialer.pause(campaignId)
                                                                       : dialer.stop(campaignId);
        const QString message = error ? error.message() : QString();
        QMetaObject::invokeMethod(
                this,
                [this, message] {
                    if (!message.isEmpty())
                        QMessageBox::warning(this, tr("Dialer"), message);
                    refresh();
                },
                Qt::QueuedConnection);
    });
}

} // namespace Callvia::Ui
