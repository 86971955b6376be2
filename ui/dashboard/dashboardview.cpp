#include "dashboardview.h"

#include <models/repositories/clientrepository.h>
#include <models/clock.h>
#include <models/database.h>
#include <services/servicethread.h>

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDateEdit>
#include <QDateTimeAxis>
#include <QDateTime>
#include <QFrame>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHorizontalBarSeries>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QLabel>
#include <QLineSeries>
#include <QPushButton>
#include <QValueAxis>
#include <QVBoxLayout>

namespace Callvia::Ui {

namespace {

// Integer cents shown with the locale's grouping and decimal point; never through a double.
QString money(qint64 cents, const QString &currency)
{
    const QLocale locale;
    const QString symbol = currency.compare(QLatin1String("usd"), Qt::CaseInsensitive) == 0
            ? QStringLiteral("$")
            : currency.toUpper() + QLatin1Char(' ');
    const qint64 magnitude = cents < 0 ? -cents : cents;
    const qint64 units = magnitude / 100;
    const qint64 rest = magnitude % 100;
    return (cents < 0 ? QStringLiteral("-") : QString()) + symbol + locale.toString(units) + locale.decimalPoint()
            + QStringLiteral("%1").arg(rest, 2, 10, QLatin1Char('0'));
}

QString moneyList(const QHash<QString, qint64> &byCurrency)
{
    if (byCurrency.isEmpty())
        return money(0, QStringLiteral("usd"));
    QStringList currencies = byCurrency.keys();
    currencies.sort();
    QStringList parts;
    for (const QString &currency : currencies)
        parts << money(byCurrency.value(currency), currency);
    return parts.join(QStringLiteral(" + "));
}

// Per mille, so rates compare without floating point; -1 when there is nothing to divide by.
qint64 perMille(qint64 part, qint64 whole)
{
    return whole > 0 ? (part * 1000 + whole / 2) / whole : -1;
}

QString percent(qint64 perMilleValue)
{
    if (perMilleValue < 0)
        return QStringLiteral("–");
    return QLocale().toString(double(perMilleValue) / 10.0, 'f', 1) + QStringLiteral(" %");
}

QString countChange(qint64 now, qint64 before)
{
    const qint64 diff = now - before;
    QString text = (diff > 0 ? QStringLiteral("+") : QString()) + QLocale().toString(diff);
    if (before > 0)
        text += QStringLiteral(" (%1%2 %)").arg(diff >= 0 ? QStringLiteral("+") : QString(),
                                               QLocale().toString(double(diff) * 100.0 / double(before), 'f', 0));
    return DashboardView::tr("%1 vs previous period").arg(text);
}

QString rateChange(qint64 now, qint64 before)
{
    if (now < 0 || before < 0)
        return DashboardView::tr("no comparison");
    const qint64 diff = now - before;
    return DashboardView::tr("%1%2 pts vs previous period")
            .arg(diff >= 0 ? QStringLiteral("+") : QString(), QLocale().toString(double(diff) / 10.0, 'f', 1));
}

qint64 total(const QHash<QString, qint64> &byCurrency)
{
    qint64 sum = 0;
    for (qint64 v : byCurrency)
        sum += v;
    return sum;
}

} // namespace

DashboardView::DashboardView(Models::Database &database, const Models::Clock &clock, Services::Session session,
                             Services::ServiceThread &reader, QTimeZone viewerZone, QWidget *parent)
    : QWidget(parent),
      m_database(database),
      m_clock(clock),
      m_session(std::move(session)),
      m_reader(reader),
      m_zone(viewerZone.isValid() ? viewerZone : QTimeZone::utc())
{
    m_period = new QComboBox(this);
    m_period->setObjectName(QStringLiteral("periodFilter"));
    m_period->addItems({ tr("Today"), tr("Last 7 days"), tr("Last 30 days"), tr("This month"), tr("Last month"),
                         tr("Custom") });
    m_period->setCurrentIndex(Last30Days);
    m_from = new QDateEdit(this);
    m_to = new QDateEdit(this);
    for (QDateEdit *edit : { m_from, m_to }) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
        edit->setEnabled(false);
    }
    m_client = new QComboBox(this);
    m_client->setObjectName(QStringLiteral("clientFilter"));
    m_client->addItem(tr("All clients"), qint64(0));
    auto *refresh = new QPushButton(tr("Refresh"), this);
    m_status = new QLabel(this);

    auto *filters = new QHBoxLayout;
    filters->addWidget(new QLabel(tr("Period:"), this));
    filters->addWidget(m_period);
    filters->addWidget(m_from);
    filters->addWidget(new QLabel(QStringLiteral("–"), this));
    filters->addWidget(m_to);
    auto *clientLabel = new QLabel(tr("Client:"), this);
    filters->addWidget(clientLabel);
    filters->addWidget(m_client);
    filters->addWidget(refresh);
    filters->addStretch(1);
    filters->addWidget(m_status);
    if (!m_session.scope().isAgency()) {
        clientLabel->hide();
        m_client->hide();
    }

    const QString titles[CardCount] = { tr("Leads added"),         tr("Calls placed"), tr("Connect rate"),
                                        tr("Appointments booked"), tr("Show rate"),    tr("Revenue invoiced") };
    const char *names[CardCount] = { "leads", "calls", "connect", "booked", "showRate", "revenue" };
    auto *cards = new QGridLayout;
    for (int c = 0; c < CardCount; ++c) {
        auto *card = new QFrame(this);
        card->setObjectName(QStringLiteral("card_") + QString::fromLatin1(names[c]));
        card->setFrameShape(QFrame::StyledPanel);
        card->setCursor(Qt::PointingHandCursor);
        card->setFocusPolicy(Qt::StrongFocus);
        card->setAccessibleName(titles[c]);
        card->setToolTip(tr("Open the matching list"));
        card->installEventFilter(this);
        m_cards[c] = card;
        card->setStyleSheet(QStringLiteral("QFrame#%1 { background: palette(base); border-radius: 6px; }"
                                           "QFrame#%1:focus { border: 2px solid palette(highlight); }")
                                    .arg(card->objectName()));
        auto *layout = new QVBoxLayout(card);
        auto *title = new QLabel(titles[c], card);
        title->setStyleSheet(QStringLiteral("color: palette(mid); font-weight: bold;"));
        m_values[c] = new QLabel(QStringLiteral("…"), card);
        m_values[c]->setObjectName(QStringLiteral("value"));
        m_values[c]->setStyleSheet(QStringLiteral("font-size: 20pt;"));
        m_values[c]->setAccessibleName(titles[c]);
        m_changes[c] = new QLabel(card);
        m_changes[c]->setWordWrap(true);
        layout->addWidget(title);
        layout->addWidget(m_values[c]);
        layout->addWidget(m_changes[c]);
        cards->addWidget(card, c / 3, c % 3);
    }

    m_activityChart = new QChartView(this);
    m_activityChart->setObjectName(QStringLiteral("activityChart"));
    m_activityChart->setRenderHint(QPainter::Antialiasing);
    m_activityChart->setMinimumHeight(220);
    m_funnelChart = new QChartView(this);
    m_funnelChart->setObjectName(QStringLiteral("funnelChart"));
    m_funnelChart->setRenderHint(QPainter::Antialiasing);
    m_funnelChart->setMinimumHeight(220);
    auto *charts = new QHBoxLayout;
    charts->addWidget(m_activityChart, 3);
    charts->addWidget(m_funnelChart, 2);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(filters);
    layout->addLayout(cards);
    layout->addLayout(charts, 1);

    connect(m_period, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_from->setEnabled(index == Custom);
        m_to->setEnabled(index == Custom);
        load();
    });
    connect(m_from, &QDateEdit::dateChanged, this, [this] {
        if (m_period->currentIndex() == Custom)
            load();
    });
    connect(m_to, &QDateEdit::dateChanged, this, [this] {
        if (m_period->currentIndex() == Custom)
            load();
    });
    connect(m_client, &QComboBox::currentIndexChanged, this, [this] { load(); });
    connect(refresh, &QPushButton::clicked, this, &DashboardView::reload);

    const QDate today = QDateTime::fromMSecsSinceEpoch(m_clock.nowMs(), m_zone).date();
    {
        const QSignalBlocker a(m_from), b(m_to);
        m_from->setDate(today.addDays(-29));
        m_to->setDate(today);
    }
    if (m_session.scope().isAgency()) {
        Models::Database *db = &m_database;
        const Models::Clock *clk = &m_clock;
        const Models::TenantScope scope = m_session.scope();
        m_reader.post([this, db, clk, scope] {
            const auto clients = Models::ClientRepository(*db, *clk, scope).list(true);
            QMetaObject::invokeMethod(this, [this, clients] {
                if (!clients.ok())
                    return;
                const QSignalBlocker block(m_client);
                for (const Models::ClientRecord &client : clients.value())
                    m_client->addItem(client.name, client.id);
            }, Qt::QueuedConnection);
        });
    }
    load();
}

DashboardView::~DashboardView()
{
    if (m_reader.isRunning())
        m_reader.run([] {}); // a query still running answers before we go (see AppointmentsView)
}

void DashboardView::setPeriod(Period period, QDate customFrom, QDate customTo)
{
    {
        const QSignalBlocker a(m_period), b(m_from), c(m_to);
        m_period->setCurrentIndex(period);
        m_from->setEnabled(period == Custom);
        m_to->setEnabled(period == Custom);
        if (customFrom.isValid())
            m_from->setDate(customFrom);
        if (customTo.isValid())
            m_to->setDate(customTo);
    }
    load();
}

void DashboardView::setClient(qint64 clientId)
{
    const QSignalBlocker block(m_client);
    const int index = m_client->findData(clientId);
    m_client->setCurrentIndex(index < 0 ? 0 : index);
    load();
}

void DashboardView::reload()
{
    load();
}

void DashboardView::computeRange()
{
    const QDate today = QDateTime::fromMSecsSinceEpoch(m_clock.nowMs(), m_zone).date();
    QDate first = today, last = today;
    switch (m_period->currentIndex()) {
    case Today:
        break;
    case Last7Days:
        first = today.addDays(-6);
        break;
    case Last30Days:
        first = today.addDays(-29);
        break;
    case ThisMonth:
        first = QDate(today.year(), today.month(), 1);
        last = first.addMonths(1).addDays(-1);
        break;
    case LastMonth:
        first = QDate(today.year(), today.month(), 1).addMonths(-1);
        last = QDate(today.year(), today.month(), 1).addDays(-1);
        break;
    default:
        first = m_from->date();
        last = std::max(m_from->date(), m_to->date());
        break;
    }
    m_firstDay = first;
    m_lastDay = last;
    m_fromMs = QDateTime(first, QTime(0, 0), m_zone).toMSecsSinceEpoch();
    m_toMs = QDateTime(last.addDays(1), QTime(0, 0), m_zone).toMSecsSinceEpoch();
}

void DashboardView::load()
{
    computeRange();
    const quint64 generation = ++m_generation;
    m_pending = generation;
    m_status->setText(tr("Loading…"));
    const qint64 from = m_fromMs, to = m_toMs, length = m_toMs - m_fromMs;
    const qint64 clientId = m_client->currentData().toLongLong();
    Models::Database *db = &m_database;
    const Models::Clock *clk = &m_clock;
    const Models::TenantScope scope = m_session.scope();
    m_reader.post([this, db, clk, scope, from, to, length, clientId, generation] {
        Loaded loaded;
        const Models::DashboardRepository repository(*db, *clk, scope);
        const auto current = repository.figures(from, to, clientId);
        const auto previous = repository.figures(from - length, from, clientId);
        const auto timeline = repository.timeline(from, to, clientId);
        if (!current.ok())
            loaded.error = current.error().message();
        else if (!previous.ok())
            loaded.error = previous.error().message();
        else if (!timeline.ok())
            loaded.error = timeline.error().message();
        else {
            loaded.current = current.value();
            loaded.previous = previous.value();
            loaded.timeline = timeline.value();
        }
        QMetaObject::invokeMethod(this, [this, generation, loaded] { apply(generation, loaded); }, Qt::QueuedConnection);
    });
}

void DashboardView::apply(quint64 generation, const Loaded &loaded)
{
    if (generation != m_pending)
        return;
    m_pending = 0;
    m_error = loaded.error;
    if (!m_error.isEmpty()) {
        m_status->setText(tr("Could not read the figures: %1").arg(m_error));
        return;
    }
    const QLocale locale;
    m_status->setText(tr("%1 to %2 (%3)")
                              .arg(locale.toString(m_firstDay, QLocale::ShortFormat),
                                   locale.toString(m_lastDay, QLocale::ShortFormat), QString::fromUtf8(m_zone.id())));
    m_current = loaded.current;
    m_previous = loaded.previous;
    const Models::DashboardFigures &c = m_current, &p = m_previous;
    m_values[LeadsCard]->setText(locale.toString(c.leadsAdded));
    m_changes[LeadsCard]->setText(countChange(c.leadsAdded, p.leadsAdded));
    m_values[CallsCard]->setText(locale.toString(c.callsPlaced));
    m_changes[CallsCard]->setText(countChange(c.callsPlaced, p.callsPlaced));
    m_values[ConnectCard]->setText(percent(perMille(c.callsConnected, c.callsPlaced)));
    m_changes[ConnectCard]->setText(rateChange(perMille(c.callsConnected, c.callsPlaced), perMille(p.callsConnected, p.callsPlaced)));
    m_values[BookedCard]->setText(locale.toString(c.appointmentsBooked));
    m_changes[BookedCard]->setText(countChange(c.appointmentsBooked, p.appointmentsBooked));
    m_values[ShowRateCard]->setText(percent(perMille(c.shown, c.shown + c.noShow)));
    m_changes[ShowRateCard]->setText(tr("%1 shown, %2 no-show; ").arg(c.shown).arg(c.noShow)
                                     + rateChange(perMille(c.shown, c.shown + c.noShow), perMille(p.shown, p.shown + p.noShow)));
    m_values[RevenueCard]->setText(moneyList(c.invoicedCents));
    const qint64 revenueDiff = total(c.invoicedCents) - total(p.invoicedCents);
    m_changes[RevenueCard]->setText(tr("paid in the period: %1; %2%3 vs previous period")
                                            .arg(moneyList(c.paidCents), revenueDiff > 0 ? QStringLiteral("+") : QString(),
                                                 money(revenueDiff, QStringLiteral("usd"))));

    // Days of the viewer's zone, each quarter-hour bucket into the day it falls on.
    m_days.clear();
    for (QDate d = m_firstDay; d <= m_lastDay; d = d.addDays(1))
        m_days.append({ d, 0, 0 });
    auto add = [this](const QList<QPair<qint64, qint64>> &buckets, bool calls) {
        for (const auto &bucket : buckets) {
            const qint64 index = m_firstDay.daysTo(QDateTime::fromMSecsSinceEpoch(bucket.first, m_zone).date());
            if (index < 0 || index >= m_days.size())
                continue;
            (calls ? m_days[int(index)].calls : m_days[int(index)].appointments) += bucket.second;
        }
    };
    add(loaded.timeline.calls, true);
    add(loaded.timeline.appointments, false);
    showCharts();
}

void DashboardView::showCharts()
{
    // Lines over a date axis: one point per day of the viewer's zone (at its noon), so any period
    // length keeps readable date labels.
    auto *calls = new QLineSeries;
    calls->setName(tr("Calls"));
    auto *appointments = new QLineSeries;
    appointments->setName(tr("Appointments booked"));
    qint64 highest = 1;
    for (const Day &day : std::as_const(m_days)) {
        const qreal x = qreal(QDateTime(day.date, QTime(12, 0), m_zone).toMSecsSinceEpoch());
        calls->append(x, qreal(day.calls));
        appointments->append(x, qreal(day.appointments));
        highest = std::max({ highest, day.calls, day.appointments });
    }
    for (QLineSeries *series : { calls, appointments })
        series->setPointsVisible(m_days.size() <= 31);
    auto *chart = new QChart;
    chart->addSeries(calls);
    chart->addSeries(appointments);
    chart->setTitle(tr("Calls and appointments booked per day"));
    auto *x = new QDateTimeAxis;
    x->setFormat(QStringLiteral("MMM d"));
    x->setTickCount(int(std::min<qsizetype>(8, std::max<qsizetype>(2, m_days.size()))));
    if (!m_days.isEmpty())
        x->setRange(QDateTime(m_days.first().date, QTime(12, 0), m_zone), QDateTime(m_days.last().date, QTime(12, 0), m_zone));
    chart->addAxis(x, Qt::AlignBottom);
    auto *y = new QValueAxis;
    y->setRange(0, double(highest));
    y->setLabelFormat(QStringLiteral("%d"));
    chart->addAxis(y, Qt::AlignLeft);
    for (QLineSeries *series : { calls, appointments }) {
        series->attachAxis(x);
        series->attachAxis(y);
        // A click on the line opens the appointments of the day under it (points sit at noon, so
        // anything within half a day of a point is on that point's day).
        connect(series, &QLineSeries::clicked, this, [this](const QPointF &point) {
            Q_EMIT listRequested(requestForDay(QDateTime::fromMSecsSinceEpoch(qint64(point.x()), m_zone).date()));
        });
    }
    chart->legend()->setAlignment(Qt::AlignBottom);
    QChart *old = m_activityChart->chart();
    m_activityChart->setChart(chart);
    delete old;

    const Models::DashboardFigures &c = m_current;
    auto *funnel = new QBarSet(tr("Leads"));
    *funnel << double(c.funnelShown) << double(c.funnelBooked) << double(c.funnelContacted) << double(c.funnelNew);
    auto *funnelSeries = new QHorizontalBarSeries;
    funnelSeries->append(funnel);
    funnelSeries->setLabelsVisible(true);
    connect(funnelSeries, &QHorizontalBarSeries::clicked, this,
            [this](int index, QBarSet *) { Q_EMIT listRequested(requestForStage(index)); });
    auto *funnelChart = new QChart;
    funnelChart->addSeries(funnelSeries);
    funnelChart->setTitle(tr("Funnel of the leads added in the period"));
    auto *stages = new QBarCategoryAxis;
    stages->append({ tr("Shown"), tr("Booked"), tr("Contacted"), tr("New") });
    funnelChart->addAxis(stages, Qt::AlignLeft);
    funnelSeries->attachAxis(stages);
    auto *counts = new QValueAxis;
    counts->setRange(0, double(std::max<qint64>(1, c.funnelNew)));
    counts->setLabelFormat(QStringLiteral("%d"));
    funnelChart->addAxis(counts, Qt::AlignBottom);
    funnelSeries->attachAxis(counts);
    funnelChart->legend()->hide();
    old = m_funnelChart->chart();
    m_funnelChart->setChart(funnelChart);
    delete old;
}

ListRequest DashboardView::requestForCard(Card card) const
{
    ListRequest request;
    request.clientId = m_client->currentData().toLongLong();
    request.fromMs = m_fromMs;
    request.toMs = m_toMs;
    switch (card) {
    case LeadsCard:
        request.caption = tr("Leads added");
        break;
    case CallsCard:
    case ConnectCard:
        // The leads the period's calls reached (their last call fell in the period).
        request.leadTime = ListRequest::ContactedInPeriod;
        request.caption = tr("Leads called");
        break;
    case BookedCard:
    case ShowRateCard:
        request.target = ListRequest::Appointments;
        request.day = m_lastDay;
        if (card == ShowRateCard)
            request.statuses = QStringList { QStringLiteral("shown") };
        request.caption = card == BookedCard ? tr("Appointments booked") : tr("Shown appointments");
        break;
    case RevenueCard: {
        request.target = ListRequest::Invoices;
        const QDate today = QDateTime::fromMSecsSinceEpoch(m_clock.nowMs(), m_zone).date();
        const QDate month(today.year(), today.month(), 1);
        if (m_period->currentIndex() == LastMonth)
            request.invoicePeriod = ListRequest::LastMonth;
        else if (m_firstDay >= month)
            request.invoicePeriod = ListRequest::ThisMonth;
        else if (m_firstDay >= month.addMonths(-2))
            request.invoicePeriod = ListRequest::Last3Months;
        else if (m_firstDay >= month.addMonths(-11))
            request.invoicePeriod = ListRequest::Last12Months;
        request.caption = tr("Revenue invoiced");
        break;
    }
    case CardCount:
        break;
    }
    return request;
}

ListRequest DashboardView::requestForDay(const QDate &day) const
{
    ListRequest request = requestForCard(BookedCard);
    request.day = day;
    return request;
}

ListRequest DashboardView::requestForStage(int stage) const
{
    // The funnel counts the period's leads by how far they got (DashboardRepository::figures).
    ListRequest request = requestForCard(LeadsCard);
    switch (stage) {
    case 0:
        request.statuses = QStringList { QStringLiteral("shown") };
        break;
    case 1:
        request.statuses = QStringList { QStringLiteral("booked"), QStringLiteral("shown"), QStringLiteral("no_show") };
        break;
    case 2:
        request.statuses = QStringList { QStringLiteral("contacted"), QStringLiteral("callback"), QStringLiteral("booked"),
                                         QStringLiteral("shown"), QStringLiteral("no_show"),
                                         QStringLiteral("not_interested"), QStringLiteral("dnc") };
        break;
    default:
        break;
    }
    return request;
}

bool DashboardView::eventFilter(QObject *watched, QEvent *event)
{
    for (int c = 0; c < CardCount; ++c) {
        if (watched != m_cards[c])
            continue;
        const bool clicked = event->type() == QEvent::MouseButtonRelease
                && static_cast<QMouseEvent *>(event)->button() == Qt::LeftButton;
        const bool pressed = event->type() == QEvent::KeyPress
                && (static_cast<QKeyEvent *>(event)->key() == Qt::Key_Return
                    || static_cast<QKeyEvent *>(event)->key() == Qt::Key_Enter
                    || static_cast<QKeyEvent *>(event)->key() == Qt::Key_Space);
        if (clicked || pressed) {
            Q_EMIT listRequested(requestForCard(Card(c)));
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

QString DashboardView::cardValue(Card card) const
{
    return m_values[card]->text();
}

QString DashboardView::cardChange(Card card) const
{
    return m_changes[card]->text();
}

} // namespace Callvia::Ui
