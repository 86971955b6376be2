#include "billingview.h"

#include "../widgets/moneyformat.h"

#include <models/repositories/clientrepository.h>
#include <models/clock.h>
#include <models/database.h>
#include <services/servicethread.h>

#include <QColor>
#include <QComboBox>
#include <QDateTime>
#include <QDesktopServices>
#include <QFont>
#include <QPalette>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QTimer>
#include <QUrl>
#include <QVBoxLayout>

#include <tuple>

namespace Callvia::Ui {

namespace {

QString invoiceStatusWords(const QString &status)
{
    static const QHash<QString, const char *> words {
        { QStringLiteral("draft"), QT_TRANSLATE_NOOP("Callvia::Ui::BillingView", "Draft") },
        { QStringLiteral("open"), QT_TRANSLATE_NOOP("Callvia::Ui::BillingView", "Open") },
        { QStringLiteral("paid"), QT_TRANSLATE_NOOP("Callvia::Ui::BillingView", "Paid") },
        { QStringLiteral("void"), QT_TRANSLATE_NOOP("Callvia::Ui::BillingView", "Void") },
        { QStringLiteral("uncollectible"), QT_TRANSLATE_NOOP("Callvia::Ui::BillingView", "Uncollectible") },
        { QStringLiteral("failed"), QT_TRANSLATE_NOOP("Callvia::Ui::BillingView", "Failed") },
        { QStringLiteral("held"), QT_TRANSLATE_NOOP("Callvia::Ui::BillingView", "Held") },
    };
    const auto it = words.constFind(status);
    return it == words.constEnd() ? status : BillingView::tr(it.value());
}

QString milestoneStatusWords(const QString &status)
{
    static const QHash<QString, const char *> words {
        { QStringLiteral("reached"), QT_TRANSLATE_NOOP("Callvia::Ui::BillingView", "Reached") },
        { QStringLiteral("invoiced"), QT_TRANSLATE_NOOP("Callvia::Ui::BillingView", "Invoiced") },
        { QStringLiteral("paid"), QT_TRANSLATE_NOOP("Callvia::Ui::BillingView", "Paid") },
        { QStringLiteral("void"), QT_TRANSLATE_NOOP("Callvia::Ui::BillingView", "Void") },
    };
    const auto it = words.constFind(status);
    return it == words.constEnd() ? status : BillingView::tr(it.value());
}

// Only Stripe's own https pages become links (the URL came from a webhook body).
bool isHostedPage(const QString &url)
{
    const QUrl u(url);
    return u.isValid() && u.scheme() == QLatin1String("https") && !u.host().isEmpty();
}

QTableWidget *makeTable(int columns, const QStringList &headers, const QString &name, QWidget *parent)
{
    auto *table = new QTableWidget(0, columns, parent);
    table->setObjectName(name);
    table->setAccessibleName(name);
    table->setHorizontalHeaderLabels(headers);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);
    table->setWordWrap(true);
    return table;
}

} // namespace

BillingView::BillingView(Models::Database &database, const Models::Clock &clock, Services::Session session,
                         Services::ServiceThread &reader, Actions actions, QTimeZone viewerZone, QWidget *parent)
    : QWidget(parent),
      m_database(database),
      m_clock(clock),
      m_session(std::move(session)),
      m_reader(reader),
      m_actions(std::move(actions)),
      m_zone(viewerZone.isValid() ? viewerZone : QTimeZone::utc())
{
    m_client = new QComboBox(this);
    m_client->setObjectName(QStringLiteral("clientFilter"));
    m_client->setAccessibleName(tr("Client"));
    if (m_session.scope().isAgency())
        m_client->addItem(tr("All clients"), qint64(0));
    else
        m_client->addItem(tr("My billing"), m_session.clientId());
    m_status = new QComboBox(this);
    m_status->setObjectName(QStringLiteral("statusFilter"));
    m_status->setAccessibleName(tr("Invoice status"));
    m_status->addItem(tr("Any status"), QString());
    for (const char *status : { "open", "paid", "failed", "held", "draft", "void", "uncollectible" })
        m_status->addItem(invoiceStatusWords(QString::fromLatin1(status)), QString::fromLatin1(status));
    m_period = new QComboBox(this);
    m_period->setObjectName(QStringLiteral("periodFilter"));
    m_period->setAccessibleName(tr("Invoices created in"));
    m_period->addItem(tr("All time"), int(AllTime));
    m_period->addItem(tr("This month"), int(ThisMonth));
    m_period->addItem(tr("Last month"), int(LastMonth));
    m_period->addItem(tr("Last 3 months"), int(Last3Months));
    m_period->addItem(tr("Last 12 months"), int(Last12Months));
    auto *refresh = new QPushButton(tr("Refresh"), this);

    auto *filters = new QHBoxLayout;
    auto *clientLabel = new QLabel(tr("&Client:"), this);
    clientLabel->setBuddy(m_client);
    filters->addWidget(clientLabel);
    filters->addWidget(m_client);
    auto *statusLabel = new QLabel(tr("&Status:"), this);
    statusLabel->setBuddy(m_status);
    filters->addWidget(statusLabel);
    filters->addWidget(m_status);
    auto *periodLabel = new QLabel(tr("&Created:"), this);
    periodLabel->setBuddy(m_period);
    filters->addWidget(periodLabel);
    filters->addWidget(m_period);
    filters->addWidget(refresh);
    filters->addStretch(1);
    filters->addWidget(new QLabel(tr("Dates in %1").arg(QString::fromUtf8(m_zone.id())), this));
    if (!m_session.scope().isAgency()) {
        clientLabel->hide(); // a client user sees only their own billing
        m_client->hide();
    }

    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(buildMilestones());
    split->addWidget(buildInvoices());
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(filters);
    layout->addWidget(buildSummary());
    layout->addWidget(split, 1);

    m_reloadTimer = new QTimer(this);
    m_reloadTimer->setSingleShot(true);
    m_reloadTimer->setInterval(2000);
    connect(m_reloadTimer, &QTimer::timeout, this, &BillingView::reload);
    connect(refresh, &QPushButton::clicked, this, &BillingView::reload);
    connect(m_client, &QComboBox::activated, this, [this] { m_clientChosen = true; });
    connect(m_client, &QComboBox::currentIndexChanged, this, [this] { load(); });
    connect(m_status, &QComboBox::currentIndexChanged, this, [this] { load(); });
    connect(m_period, &QComboBox::currentIndexChanged, this, [this] { load(); });
    setTabOrder(m_client, m_status);
    setTabOrder(m_status, m_period);
    setTabOrder(m_period, refresh);
    setTabOrder(refresh, m_milestones);
    setTabOrder(m_milestones, m_clearFlag);
    setTabOrder(m_clearFlag, m_invoices);
    setTabOrder(m_invoices, m_retry);

    loadClients();
    load();
}

BillingView::~BillingView()
{
    // The reader may still run a query for this view: wait for it, so its queued answer is
    // posted before we are gone (and then dropped with us), never to a dangling pointer.
    if (m_reader.isRunning())
        m_reader.run([] {});
}

QWidget *BillingView::buildSummary()
{
    m_summaryBox = new QGroupBox(tr("This client"), this);
    m_progressTitle = new QLabel(tr("Toward the next milestone"), m_summaryBox);
    m_progress = new QProgressBar(m_summaryBox);
    m_progress->setObjectName(QStringLiteral("milestoneProgress"));
    m_progress->setAccessibleName(tr("Shows toward the next milestone"));
    m_progress->setMinimumWidth(260);
    m_progress->setMinimumHeight(24);
    m_milestoneCount = new QLabel(m_summaryBox);
    m_milestoneCount->setObjectName(QStringLiteral("milestoneCount"));
    m_usage = new QLabel(m_summaryBox);
    m_usage->setObjectName(QStringLiteral("monthUsage"));
    m_usage->setWordWrap(true);
    m_customer = new QLabel(m_summaryBox);
    m_customer->setObjectName(QStringLiteral("stripeCustomer"));
    m_customer->setWordWrap(true);
    m_customer->setTextInteractionFlags(Qt::TextSelectableByMouse);
    for (QLabel *label : { m_usage, m_customer })
        label->setAlignment(Qt::AlignTop | Qt::AlignLeft);

    auto *progressColumn = new QVBoxLayout;
    progressColumn->addWidget(m_progressTitle);
    progressColumn->addWidget(m_progress);
    progressColumn->addWidget(m_milestoneCount);
    auto *layout = new QHBoxLayout(m_summaryBox);
    layout->addLayout(progressColumn, 2);
    layout->addSpacing(16);
    layout->addWidget(m_usage, 3);
    layout->addSpacing(16);
    layout->addWidget(m_customer, 3);
    return m_summaryBox;
}

QWidget *BillingView::buildMilestones()
{
    auto *box = new QWidget(this);
    m_milestones = makeTable(MilestoneColumnCount,
                             { tr("Milestone"), tr("Client"), tr("Shows still shown"), tr("Amount"), tr("Status"),
                               tr("Reached"), tr("Flag") },
                             QStringLiteral("milestoneTable"), box);
    m_flagInfo = new QLabel(box);
    m_flagInfo->setObjectName(QStringLiteral("flagInfo"));
    m_flagInfo->setWordWrap(true);
    m_flagInfo->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_flagInfo->setStyleSheet(QStringLiteral("QLabel { background: #fff4e5; border: 1px solid #f0b429; padding: 6px; }"));
    m_clearFlag = new QPushButton(tr("Clear flag…"), box);
    m_clearFlag->setObjectName(QStringLiteral("clearFlag"));
    m_clearFlag->setToolTip(tr("After issuing the credit note in Stripe: clear the flag, with a note for the audit log"));
    m_clearFlag->setVisible(bool(m_actions.clearMilestoneFlag) && m_session.canEditBilling());
    auto *head = new QHBoxLayout;
    head->addWidget(new QLabel(tr("<b>Milestones</b>"), box));
    head->addStretch(1);
    head->addWidget(m_clearFlag);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(head);
    layout->addWidget(m_flagInfo);
    layout->addWidget(m_milestones, 1);
    connect(m_milestones, &QTableWidget::itemSelectionChanged, this, &BillingView::updateButtons);
    connect(m_clearFlag, &QPushButton::clicked, this, &BillingView::askClearFlag);
    return box;
}

QWidget *BillingView::buildInvoices()
{
    auto *box = new QWidget(this);
    m_invoices = makeTable(InvoiceColumnCount,
                           { tr("Number"), tr("Kind"), tr("Client"), tr("Status"), tr("Amount"), tr("Created"),
                             tr("Sent"), tr("Paid"), tr("Stripe"), tr("Last error") },
                           QStringLiteral("invoiceTable"), box);
    m_empty = new QLabel(box);
    m_empty->setObjectName(QStringLiteral("emptyState"));
    m_empty->setWordWrap(true);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->hide();
    m_retry = new QPushButton(tr("Retry failed invoice"), box);
    m_retry->setObjectName(QStringLiteral("retryInvoice"));
    m_retry->setToolTip(tr("Send the failed Stripe request of this invoice again; the invoice then continues"));
    m_retry->setVisible(bool(m_actions.retryInvoice) && m_session.canManageOutbox());
    auto *head = new QHBoxLayout;
    head->addWidget(new QLabel(tr("<b>Invoices</b>"), box));
    head->addStretch(1);
    head->addWidget(m_retry);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(head);
    layout->addWidget(m_invoices, 1);
    layout->addWidget(m_empty, 1);
    connect(m_invoices, &QTableWidget::itemSelectionChanged, this, &BillingView::updateButtons);
    auto openPage = [](QTableWidgetItem *item) {
        const QString url = item ? item->data(HostedUrlRole).toString() : QString();
        if (!url.isEmpty())
            QDesktopServices::openUrl(QUrl(url));
    };
    connect(m_invoices, &QTableWidget::itemClicked, this, openPage);
    connect(m_invoices, &QTableWidget::itemActivated, this, openPage);
    connect(m_retry, &QPushButton::clicked, this, [this] {
        const QList<QTableWidgetItem *> items = m_invoices->selectedItems();
        if (!items.isEmpty())
            retryInvoice(items.first()->data(Qt::UserRole).toLongLong());
    });
    return box;
}

void BillingView::loadClients()
{
    if (!m_session.scope().isAgency())
        return;
    const Models::TenantScope scope = m_session.scope();
    Models::Database *db = &m_database;
    const Models::Clock *clk = &m_clock;
    m_reader.post([this, db, clk, scope] {
        const auto clients = Models::ClientRepository(*db, *clk, scope).list(true);
        QMetaObject::invokeMethod(this, [this, clients] {
            if (!clients.ok())
                return;
            const QSignalBlocker block(m_client);
            for (const Models::ClientRecord &client : clients.value()) {
                const int known = m_client->findData(client.id); // set by setFilter before the list came
                if (known > 0)
                    m_client->setItemText(known, client.name);
                else
                    m_client->addItem(client.name, client.id);
            }
            // Billing is read per client: start with the first one unless one was chosen.
            if (!m_clientChosen && m_client->count() > 1) {
                m_client->setCurrentIndex(1);
                load();
            }
        }, Qt::QueuedConnection);
    });
}

void BillingView::setFilter(qint64 clientId, const QString &status, Period period)
{
    m_clientChosen = true;
    const QSignalBlocker a(m_client), b(m_status), c(m_period);
    if (m_session.scope().isAgency()) {
        int index = m_client->findData(clientId);
        if (index < 0) { // the list has not arrived yet: keep the id so the read uses it
            m_client->addItem(tr("Client %1").arg(clientId), clientId);
            index = m_client->count() - 1;
        }
        m_client->setCurrentIndex(clientId == 0 ? 0 : index);
    }
    const int s = m_status->findData(status);
    m_status->setCurrentIndex(s < 0 ? 0 : s);
    const int p = m_period->findData(int(period));
    m_period->setCurrentIndex(p < 0 ? 0 : p);
    load();
}

void BillingView::reload()
{
    load();
}

void BillingView::scheduleReload()
{
    if (!m_reloadTimer->isActive())
        m_reloadTimer->start();
}

std::pair<qint64, qint64> BillingView::periodBounds() const
{
    const QDate today = QDateTime::fromMSecsSinceEpoch(m_clock.nowMs(), m_zone).date();
    const QDate first(today.year(), today.month(), 1);
    auto at = [this](const QDate &day) { return QDateTime(day, QTime(0, 0), m_zone).toMSecsSinceEpoch(); };
    switch (Period(m_period->currentData().toInt())) {
    case ThisMonth:
        return { at(first), at(first.addMonths(1)) };
    case LastMonth:
        return { at(first.addMonths(-1)), at(first) };
    case Last3Months:
        return { at(first.addMonths(-2)), at(first.addMonths(1)) };
    case Last12Months:
        return { at(first.addMonths(-11)), at(first.addMonths(1)) };
    case AllTime:
        break;
    }
    return { 0, 0 };
}

void BillingView::load()
{
    Models::InvoiceFilter filter;
    filter.clientId = m_client->currentData().toLongLong();
    filter.status = m_status->currentData().toString();
    std::tie(filter.fromMs, filter.toMs) = periodBounds();
    const quint64 generation = ++m_generation;
    m_pendingRead = generation;
    Models::Database *db = &m_database;
    const Models::Clock *clk = &m_clock;
    const Models::TenantScope scope = m_session.scope();
    m_reader.post([this, db, clk, scope, filter, generation] {
        const Services::BillingSnapshot snapshot = Services::BillingOverview::read(*db, *clk, scope, filter);
        QMetaObject::invokeMethod(this, [this, generation, snapshot] { apply(generation, snapshot); },
                                  Qt::QueuedConnection);
    });
}

void BillingView::apply(quint64 generation, const Services::BillingSnapshot &snapshot)
{
    if (generation != m_pendingRead)
        return; // an older read answered late
    m_pendingRead = 0;
    m_snapshot = snapshot;
    showSummary();
    fillMilestones();
    fillInvoices();
    updateButtons();
}

QString BillingView::clientName(qint64 clientId) const
{
    const int index = m_client->findData(clientId);
    return index > 0 ? m_client->itemText(index) : QString::number(clientId);
}

QString BillingView::dateText(qint64 ms) const
{
    if (ms <= 0)
        return {};
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms, m_zone).date(), QLocale::ShortFormat);
}

QString BillingView::dateTimeText(qint64 ms) const
{
    if (ms <= 0)
        return {};
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms, m_zone), QLocale::LongFormat);
}

void BillingView::showSummary()
{
    const Services::BillingSnapshot &s = m_snapshot;
    m_summaryBox->setVisible(s.hasClient);
    if (!s.hasClient)
        return;
    const Models::BillingClient &c = s.client;
    const QLocale locale;
    m_summaryBox->setTitle(c.name);
    const int size = qMax(1, c.milestoneSize);
    m_progress->setRange(0, size);
    m_progress->setValue(int(qMin<qint64>(s.showsTowardNext, size)));
    m_progress->setFormat(tr("%1 of %2 shows").arg(locale.toString(s.showsTowardNext), locale.toString(size)));
    m_progressTitle->setText(tr("Toward milestone %1 (%2)")
                                     .arg(s.milestonesReached + 1)
                                     .arg(formatMoney(c.milestoneAmountCents, c.currency)));
    m_milestoneCount->setText(tr("Milestones so far: %1").arg(locale.toString(s.milestonesReached)));
    const QTimeZone clientZone(c.timeZone.toUtf8());
    const QDateTime monthStart = QDateTime::fromMSecsSinceEpoch(s.monthStartMs, clientZone.isValid() ? clientZone
                                                                                                      : QTimeZone::utc());
    const qint64 tenths = (s.monthSeconds * 10 + 30) / 60; // minutes to one decimal, half up
    const QString calls = tr("%Ln call(s)", nullptr, int(s.monthCalls));
    m_usage->setText(tr("<b>Call minutes this month</b><br>%1 in %2<br>%3 min, %4<br><b>%5</b> so far at %6/min")
                             .arg(locale.toString(monthStart.date(), QStringLiteral("MMMM yyyy")),
                                  QString::fromUtf8(monthStart.timeZone().id()).toHtmlEscaped(),
                                  locale.toString(double(tenths) / 10.0, 'f', 1), calls,
                                  formatMoney(s.monthCostCents, c.currency),
                                  formatMoney(c.perMinuteRateCents, c.currency)));
    QString customer = c.stripeCustomerId.isEmpty()
            ? tr("<b>Stripe customer:</b> none yet (created with the first invoice from the billing e-mail %1)")
                      .arg(c.contactEmail.isEmpty() ? tr("— not set") : c.contactEmail.toHtmlEscaped())
            : tr("<b>Stripe customer:</b> %1").arg(c.stripeCustomerId.toHtmlEscaped());
    // Nothing in the database records the customer's payment method yet (the Stripe handler
    // stores invoice events only): say so rather than guess.
    customer += QStringLiteral("<br>") + tr("<b>Payment method:</b> not known to Callvia (see the customer in Stripe)");
    if (!c.contactEmail.isEmpty())
        customer += QStringLiteral("<br>") + tr("Billing e-mail: %1").arg(c.contactEmail.toHtmlEscaped());
    m_customer->setText(customer);
}

void BillingView::fillMilestones()
{
    const QList<Models::MilestoneOverview> &rows = m_snapshot.milestones;
    const QSignalBlocker block(m_milestones);
    m_milestones->setRowCount(0);
    m_milestones->setRowCount(int(rows.size()));
    m_milestones->setColumnHidden(MilestoneClientColumn, m_snapshot.hasClient);
    QStringList flags;
    int firstFlagged = -1;
    for (int r = 0; r < rows.size(); ++r) {
        const Models::MilestoneOverview &row = rows[r];
        const Models::MilestoneRecord &m = row.milestone;
        QString status = milestoneStatusWords(m.status);
        if (!row.paymentError.isEmpty())
            status += tr(" — %1").arg(row.paymentError);
        const bool flagged = row.flag == QLatin1String("credit_note_needed");
        const QString cells[MilestoneColumnCount] = {
            tr("Milestone %1").arg(m.sequence),
            clientName(m.clientId),
            tr("%1 of %2").arg(row.showsStillShown).arg(m.showsRequired),
            formatMoney(m.amountCents, m.currency),
            status,
            dateText(m.reachedAt),
            flagged ? tr("Credit note needed") : row.flag,
        };
        for (int c = 0; c < MilestoneColumnCount; ++c) {
            auto *item = new QTableWidgetItem(cells[c]);
            item->setData(Qt::UserRole, m.id);
            item->setToolTip(c == ReachedColumn ? dateTimeText(m.reachedAt) : QString());
            if (flagged) {
                item->setToolTip(row.flagReason);
                item->setBackground(QColor(0xff, 0xf4, 0xe5));
            }
            m_milestones->setItem(r, c, item);
        }
        if (flagged) {
            firstFlagged = firstFlagged < 0 ? r : firstFlagged;
            flags << tr("<b>Milestone %1%2: credit note needed</b> (flagged %3). %4")
                             .arg(m.sequence)
                             .arg(m_snapshot.hasClient ? QString() : QStringLiteral(", ") + clientName(m.clientId).toHtmlEscaped())
                             .arg(dateText(row.flaggedAt), row.flagReason.toHtmlEscaped());
        }
    }
    m_milestones->resizeColumnsToContents();
    m_milestones->horizontalHeader()->setSectionResizeMode(FlagColumn, QHeaderView::Stretch);
    m_flagInfo->setText(flags.join(QStringLiteral("<br>")));
    m_flagInfo->setVisible(!flags.isEmpty());
    if (firstFlagged >= 0)
        m_milestones->selectRow(firstFlagged);
}

void BillingView::fillInvoices()
{
    const QList<Models::InvoiceOverview> &rows = m_snapshot.invoices;
    const QLocale locale;
    const QSignalBlocker block(m_invoices);
    m_invoices->setRowCount(0);
    m_invoices->setRowCount(int(rows.size()));
    m_invoices->setColumnHidden(ClientColumn, m_snapshot.hasClient);
    for (int r = 0; r < rows.size(); ++r) {
        const Models::InvoiceOverview &row = rows[r];
        const Models::InvoiceRecord &i = row.invoice;
        const bool stepFailed = row.stepOutboxStatus == QLatin1String("failed");
        QString kind = i.kind == QLatin1String("milestone") ? tr("Milestone %1").arg(row.milestoneSequence)
                : i.kind == QLatin1String("usage")          ? tr("Call minutes")
                                                            : tr("Manual");
        if (i.kind == QLatin1String("usage") && row.billingRef.count(QLatin1Char(':')) == 2)
            kind += QLatin1Char(' ') + row.billingRef.section(QLatin1Char(':'), 2); // the client's month, YYYY-MM
        QString status = invoiceStatusWords(i.status);
        if (stepFailed)
            status = tr("Failed at Stripe (%1 step)").arg(row.stripeStep);
        else if (row.stripeStep == QLatin1String("held"))
            status = tr("Held: %1").arg(row.holdReason);
        else if (!row.stripeStep.isEmpty() && row.stripeStep != QLatin1String("done"))
            status = tr("%1, sending to Stripe (%2 step)").arg(status, row.stripeStep);
        const QString error = !i.lastError.isEmpty() ? i.lastError : row.stepOutboxError;
        const QString cells[InvoiceColumnCount] = {
            i.number.isEmpty() ? tr("—") : i.number,
            kind,
            clientName(i.clientId),
            status,
            formatMoney(i.amountCents, i.currency),
            dateText(i.createdAt),
            dateText(i.sentAt),
            dateText(i.paidAt),
            QString(),
            error,
        };
        for (int c = 0; c < InvoiceColumnCount; ++c) {
            auto *item = new QTableWidgetItem(cells[c]);
            item->setData(Qt::UserRole, i.id);
            item->setData(Qt::UserRole + 1, stepFailed);
            m_invoices->setItem(r, c, item);
        }
        m_invoices->item(r, KindColumn)->setToolTip(i.description);
        m_invoices->item(r, CreatedColumn)->setToolTip(dateTimeText(i.createdAt));
        m_invoices->item(r, SentColumn)->setToolTip(dateTimeText(i.sentAt));
        m_invoices->item(r, PaidColumn)->setToolTip(dateTimeText(i.paidAt));
        m_invoices->item(r, ErrorColumn)->setToolTip(error);
        m_invoices->item(r, AmountColumn)->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        if (stepFailed || (!i.lastError.isEmpty() && i.status != QLatin1String("paid")))
            m_invoices->item(r, StatusColumn)->setForeground(QColor(0xb3, 0x26, 0x1e));
        if (isHostedPage(i.hostedUrl)) {
            // Drawn as a link; a click or Enter opens it (see buildInvoices).
            QTableWidgetItem *link = m_invoices->item(r, StripeColumn);
            link->setText(tr("Invoice page"));
            link->setData(HostedUrlRole, i.hostedUrl);
            link->setToolTip(i.hostedUrl);
            link->setForeground(palette().color(QPalette::Link));
            QFont underlined = link->font();
            underlined.setUnderline(true);
            link->setFont(underlined);
        } else if (!i.stripeInvoiceId.isEmpty()) {
            m_invoices->item(r, StripeColumn)->setText(i.stripeInvoiceId);
        }
    }
    m_invoices->resizeColumnsToContents();
    m_invoices->setColumnWidth(StripeColumn, qMin(m_invoices->columnWidth(StripeColumn), 110));
    m_invoices->setColumnWidth(KindColumn, qMin(m_invoices->columnWidth(KindColumn), 180));
    m_invoices->setColumnWidth(StatusColumn, qMin(m_invoices->columnWidth(StatusColumn), 170));
    // The last error reads in full: the stretched last column wraps it, the row grows (rows
    // follow their contents as the columns change; at most `limit` rows).
    m_invoices->horizontalHeader()->setSectionResizeMode(ErrorColumn, QHeaderView::Stretch);
    m_invoices->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_invoices->verticalHeader()->setMinimumSectionSize(m_milestones->verticalHeader()->defaultSectionSize());

    const bool empty = rows.isEmpty();
    m_invoices->setVisible(!empty);
    m_empty->setVisible(empty);
    if (!m_snapshot.error.isEmpty()) {
        m_empty->setText(tr("Could not read billing: %1").arg(m_snapshot.error));
        m_empty->setVisible(true);
        m_invoices->setVisible(false);
    } else if (empty && (!m_status->currentData().toString().isEmpty() || m_period->currentIndex() != 0)) {
        m_empty->setText(tr("No invoices match this status and period. Choose \"Any status\" and \"All time\" to see "
                            "every invoice."));
    } else if (empty) {
        const int size = m_snapshot.hasClient ? m_snapshot.client.milestoneSize : 25;
        m_empty->setText(tr("No invoices yet. A milestone invoice is raised each time %1 shown appointments are "
                            "verified, and a usage invoice on the first day of each month for the month before. "
                            "Give the client a billing e-mail (Clients) so Stripe can send them.")
                                 .arg(size)
                         + (m_snapshot.hasClient || !m_session.scope().isAgency()
                                    ? QString()
                                    : QLatin1Char(' ') + tr("Choose a client to see its progress.")));
    }
}

void BillingView::updateButtons()
{
    const QList<QTableWidgetItem *> invoice = m_invoices->selectedItems();
    m_retry->setEnabled(!isLoading() && !invoice.isEmpty() && invoice.first()->data(Qt::UserRole + 1).toBool());
    bool flagged = false;
    const QList<QTableWidgetItem *> milestone = m_milestones->selectedItems();
    if (!milestone.isEmpty())
        flagged = !m_milestones->item(milestone.first()->row(), FlagColumn)->text().isEmpty();
    m_clearFlag->setEnabled(!isLoading() && flagged);
}

void BillingView::askClearFlag()
{
    const QList<QTableWidgetItem *> items = m_milestones->selectedItems();
    if (items.isEmpty())
        return;
    const qint64 id = items.first()->data(Qt::UserRole).toLongLong();
    bool ok = false;
    const QString note = QInputDialog::getText(this, tr("Clear the credit note flag"),
                                               tr("Note for the audit log (e.g. the credit note's number):"),
                                               QLineEdit::Normal, QString(), &ok);
    if (!ok)
        return;
    if (note.trimmed().isEmpty()) {
        QMessageBox::warning(this, tr("Clear the credit note flag"), tr("A note is required."));
        return;
    }
    clearMilestoneFlag(id, note.trimmed());
}

void BillingView::retryInvoice(qint64 invoiceId)
{
    if (!m_actions.retryInvoice)
        return;
    const auto action = m_actions.retryInvoice;
    const Services::Session actor = m_session;
    runAction([action, actor, invoiceId] { return action(actor, invoiceId); }, true);
}

void BillingView::clearMilestoneFlag(qint64 milestoneId, const QString &note)
{
    if (!m_actions.clearMilestoneFlag)
        return;
    const auto action = m_actions.clearMilestoneFlag;
    const Services::Session actor = m_session;
    runAction([action, actor, milestoneId, note] { return action(actor, milestoneId, note); }, false);
}

void BillingView::runAction(std::function<Models::DbError()> action, bool retried)
{
    const quint64 generation = ++m_generation;
    m_pendingAction = generation;
    m_actionError.clear();
    updateButtons();
    m_reader.post([this, action, generation, retried] {
        const Models::DbError error = action();
        const QString message = error ? error.message() : QString();
        QMetaObject::invokeMethod(this, [this, generation, message, retried] {
            if (generation != m_pendingAction)
                return;
            m_pendingAction = 0;
            m_actionError = message;
            if (!message.isEmpty() && isVisible())
                QMessageBox::warning(this, tr("Billing"), message);
            if (message.isEmpty() && retried)
                Q_EMIT invoiceRetried();
            reload();
        }, Qt::QueuedConnection);
    });
}

QString BillingView::summaryText() const
{
    if (!m_snapshot.hasClient)
        return {};
    return m_progress->text() + QLatin1Char('\n') + m_milestoneCount->text() + QLatin1Char('\n') + m_usage->text()
            + QLatin1Char('\n') + m_customer->text() + QLatin1Char('\n') + m_flagInfo->text();
}

QString BillingView::emptyText() const
{
    return m_empty->isHidden() ? QString() : m_empty->text();
}

} // namespace Callvia::Ui
