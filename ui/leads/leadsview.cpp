#include "leadsview.h"

#include "leaddetaildialog.h"

#include "../widgets/messagelist.h"

#include <models/repositories/appointmentrepository.h>
#include <models/repositories/calllogrepository.h>
#include <models/repositories/campaignrepository.h>
#include <models/repositories/clientrepository.h>
#include <models/clock.h>
#include <models/database.h>
#include <models/repositories/messagerepository.h>
#include <services/leads/leadeditservice.h>
#include <services/servicethread.h>

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHash>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSplitter>
#include <QTableWidget>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace Callvia::Ui {

namespace {

QTableWidget *smallTable(const QStringList &headers, QWidget *parent)
{
    auto *table = new QTableWidget(0, int(headers.size()), parent);
    table->setHorizontalHeaderLabels(headers);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);
    return table;
}

QString minutesSeconds(qint64 ms)
{
    if (ms < 0)
        return QString();
    const qint64 s = (ms + 500) / 1000;
    return QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}

} // namespace

QString LeadsView::statusText(const QString &status)
{
    static const QHash<QString, const char *> words {
        { QStringLiteral("new"), QT_TR_NOOP("New") },
        { QStringLiteral("contacted"), QT_TR_NOOP("Contacted") },
        { QStringLiteral("callback"), QT_TR_NOOP("Call back") },
        { QStringLiteral("booked"), QT_TR_NOOP("Booked") },
        { QStringLiteral("shown"), QT_TR_NOOP("Shown") },
        { QStringLiteral("no_show"), QT_TR_NOOP("No-show") },
        { QStringLiteral("not_interested"), QT_TR_NOOP("Not interested") },
        { QStringLiteral("dnc"), QT_TR_NOOP("Do not contact") },
    };
    const auto it = words.constFind(status);
    return it == words.constEnd() ? status : tr(it.value());
}

LeadsView::LeadsView(Models::Database &database, const Models::Clock &clock, Services::Session session,
                     Services::ServiceThread &reader, QTimeZone viewerZone, QWidget *parent)
    : QWidget(parent),
      m_database(database),
      m_clock(clock),
      m_session(std::move(session)),
      m_reader(reader),
      m_zone(viewerZone.isValid() ? viewerZone : QTimeZone::utc())
{
    m_client = new QComboBox(this);
    m_client->setObjectName(QStringLiteral("clientFilter"));
    m_client->addItem(tr("All clients"), qint64(0));
    m_campaign = new QComboBox(this);
    m_campaign->setObjectName(QStringLiteral("campaignFilter"));
    m_campaign->addItem(tr("All campaigns"), qint64(0));
    m_status = new QComboBox(this);
    m_status->setObjectName(QStringLiteral("statusFilter"));
    m_status->addItem(tr("Any status"), QString());
    for (const char *status : { "new", "contacted", "callback", "booked", "shown", "no_show", "not_interested", "dnc" })
        m_status->addItem(statusText(QString::fromLatin1(status)), QString::fromLatin1(status));
    // The dashboard funnel's stages past "new" (DashboardRepository::figures counts them so).
    m_status->addItem(tr("Contacted or further"),
                      QStringList { QStringLiteral("contacted"), QStringLiteral("callback"), QStringLiteral("booked"),
                                    QStringLiteral("shown"), QStringLiteral("no_show"),
                                    QStringLiteral("not_interested"), QStringLiteral("dnc") });
    m_status->addItem(tr("Booked or further"),
                      QStringList { QStringLiteral("booked"), QStringLiteral("shown"), QStringLiteral("no_show") });
    m_timeZone = new QComboBox(this);
    m_timeZone->setObjectName(QStringLiteral("timeZoneFilter"));
    m_timeZone->setAccessibleName(tr("Time zone"));
    m_timeZone->addItem(tr("Any time zone"), QString());
    for (const char *zone : { "America/New_York", "America/Chicago", "America/Denver", "America/Phoenix",
                              "America/Los_Angeles", "America/Anchorage", "Pacific/Honolulu", "America/Puerto_Rico",
                              "America/Halifax", "America/Toronto", "America/Vancouver", "Europe/London", "UTC" })
        m_timeZone->addItem(QString::fromLatin1(zone), QString::fromLatin1(zone));
    m_contact = new QComboBox(this);
    m_contact->setObjectName(QStringLiteral("contactFilter"));
    m_contact->setAccessibleName(tr("Do not contact"));
    m_contact->addItem(tr("Contactable or not"), int(Models::LeadQuery::AnyContact));
    m_contact->addItem(tr("DNC or opted out"), int(Models::LeadQuery::DoNotContact));
    m_contact->addItem(tr("Contactable"), int(Models::LeadQuery::Contactable));
    m_createdOn = new QCheckBox(tr("Added"), this);
    m_createdOn->setObjectName(QStringLiteral("createdFilter"));
    m_createdFrom = new QDateEdit(this);
    m_createdFrom->setObjectName(QStringLiteral("createdFrom"));
    m_createdFrom->setAccessibleName(tr("Added from"));
    m_createdTo = new QDateEdit(this);
    m_createdTo->setObjectName(QStringLiteral("createdTo"));
    m_createdTo->setAccessibleName(tr("Added until"));
    {
        const QDate today = QDateTime::fromMSecsSinceEpoch(m_clock.nowMs(), m_zone).date();
        m_createdFrom->setDate(today.addDays(-29));
        m_createdTo->setDate(today);
    }
    for (QDateEdit *edit : { m_createdFrom, m_createdTo }) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(QLocale().dateFormat(QLocale::ShortFormat));
        edit->setEnabled(false);
    }
    m_caption = new QLabel(this);
    m_caption->setObjectName(QStringLiteral("filterCaption"));
    m_caption->hide();
    m_clearCaption = new QToolButton(this);
    m_clearCaption->setText(tr("Clear"));
    m_clearCaption->setAccessibleName(tr("Clear the called-in-period filter"));
    m_clearCaption->hide();
    m_searchBox = new QLineEdit(this);
    m_searchBox->setObjectName(QStringLiteral("search"));
    m_searchBox->setPlaceholderText(tr("Search: name, phone in any format, or e-mail"));
    m_searchBox->setClearButtonEnabled(true);
    m_searchBox->setMinimumWidth(280);
    for (QComboBox *box : { m_client, m_campaign }) {
        box->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        box->setMinimumContentsLength(16);
    }
    m_searchBox->setAccessibleName(tr("Search leads"));
    m_debounce = new QTimer(this);
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(250);
    m_rowRefresh = new QTimer(this);
    m_rowRefresh->setSingleShot(true);
    m_rowRefresh->setInterval(200);
    connect(m_rowRefresh, &QTimer::timeout, this, &LeadsView::refreshNoted);
    m_count = new QLabel(this);
    m_count->setObjectName(QStringLiteral("count"));

    auto *filters = new QHBoxLayout;
    auto *clientLabel = new QLabel(tr("Client:"), this);
    filters->addWidget(clientLabel);
    filters->addWidget(m_client);
    filters->addWidget(new QLabel(tr("Campaign:"), this));
    filters->addWidget(m_campaign);
    filters->addWidget(new QLabel(tr("Status:"), this));
    filters->addWidget(m_status);
    filters->addWidget(m_searchBox, 1);
    filters->addWidget(m_count);
    if (!m_session.scope().isAgency()) {
        clientLabel->hide();
        m_client->hide();
    }

    m_table = new QTableWidget(0, ColumnCount, this);
    m_table->setObjectName(QStringLiteral("leadTable"));
    m_table->setHorizontalHeaderLabels({ tr("Name"), tr("Phone"), tr("E-mail"), tr("Status"), tr("Client"), tr("Added") });
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);

    m_detail = new QLabel(tr("Select a lead to see its calls, appointments and messages."), this);
    m_detail->setObjectName(QStringLiteral("leadDetail"));
    m_detail->setWordWrap(true);
    m_detail->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_detail->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_edit = new QPushButton(m_session.canEdit() ? tr("&Edit lead…") : tr("&Open lead…"), this);
    m_edit->setObjectName(QStringLiteral("editLead"));
    m_edit->setEnabled(false);
    m_calls = smallTable({ tr("Started"), tr("Duration"), tr("Outcome"), tr("Summary") }, this);
    m_calls->setObjectName(QStringLiteral("callTable"));
    m_appointments = smallTable({ tr("Starts"), tr("Status"), tr("Verdict"), tr("Title") }, this);
    m_appointments->setObjectName(QStringLiteral("appointmentTable"));
    m_messages = new MessageList(this);
    m_messages->setObjectName(QStringLiteral("leadMessages"));

    auto *right = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(m_detail);
    rightLayout->addWidget(m_edit, 0, Qt::AlignLeft);
    rightLayout->addWidget(new QLabel(tr("Calls"), this));
    rightLayout->addWidget(m_calls, 1);
    rightLayout->addWidget(new QLabel(tr("Appointments"), this));
    rightLayout->addWidget(m_appointments, 1);
    rightLayout->addWidget(new QLabel(tr("Messages"), this));
    rightLayout->addWidget(m_messages, 1);
    auto *split = new QSplitter(this);
    split->addWidget(m_table);
    split->addWidget(right);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(filters);
    // A second row, so the bar fits a 1,280-pixel window: time zone, DNC, the added range, and
    // what a dashboard click filtered by.
    auto *captionBar = new QHBoxLayout;
    captionBar->addWidget(new QLabel(tr("Time zone:"), this));
    captionBar->addWidget(m_timeZone);
    captionBar->addWidget(m_contact);
    captionBar->addWidget(m_createdOn);
    captionBar->addWidget(m_createdFrom);
    captionBar->addWidget(new QLabel(QStringLiteral("–"), this));
    captionBar->addWidget(m_createdTo);
    captionBar->addSpacing(12);
    captionBar->addWidget(m_caption);
    captionBar->addWidget(m_clearCaption);
    captionBar->addStretch(1);
    layout->addLayout(captionBar);
    layout->addLayout(createActionBar());
    layout->addWidget(split, 1);

    connect(m_searchBox, &QLineEdit::textChanged, m_debounce, qOverload<>(&QTimer::start));
    connect(m_debounce, &QTimer::timeout, this, &LeadsView::reload);
    connect(m_status, &QComboBox::currentIndexChanged, this, &LeadsView::reload);
    connect(m_campaign, &QComboBox::currentIndexChanged, this, &LeadsView::reload);
    connect(m_timeZone, &QComboBox::currentIndexChanged, this, &LeadsView::reload);
    connect(m_contact, &QComboBox::currentIndexChanged, this, &LeadsView::reload);
    m_table->horizontalHeader()->setSortIndicatorShown(true);
    m_table->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    m_table->horizontalHeader()->setSectionsClickable(true);
    // A header click sorts; it does not select the column (QTableView's default).
    disconnect(m_table->horizontalHeader(), &QHeaderView::sectionPressed, m_table, &QTableView::selectColumn);
    connect(m_table->horizontalHeader(), &QHeaderView::sectionClicked, this, [this](int section) {
        const bool same = (section == NameColumn && m_sort == Models::LeadQuery::ByName)
                || (section == StatusColumn && m_sort == Models::LeadQuery::ByStatus)
                || (section == CreatedColumn && m_sort == Models::LeadQuery::ByCreated);
        setSort(Column(section), same && !m_descending);
    });
    connect(m_createdOn, &QCheckBox::toggled, this, [this](bool on) {
        m_createdFrom->setEnabled(on);
        m_createdTo->setEnabled(on);
        reload();
    });
    for (QDateEdit *edit : { m_createdFrom, m_createdTo })
        connect(edit, &QDateEdit::dateChanged, this, [this] {
            if (m_createdOn->isChecked())
                reload();
        });
    connect(m_clearCaption, &QToolButton::clicked, this, [this] {
        m_contactedFrom = m_contactedTo = 0;
        m_caption->hide();
        m_clearCaption->hide();
        reload();
    });
    connect(m_client, &QComboBox::currentIndexChanged, this, [this] {
        // The campaign list follows the client.
        const qint64 clientId = m_client->currentData().toLongLong();
        const QSignalBlocker block(m_campaign);
        m_campaign->setCurrentIndex(0);
        for (int i = 1; i < m_campaign->count(); ++i) {
            const bool fits = clientId == 0 || m_campaign->itemData(i, Qt::UserRole + 1).toLongLong() == clientId;
            m_campaign->setItemData(i, fits ? QVariant() : QVariant(0), Qt::UserRole - 1); // enabled / disabled
        }
        reload();
    });
    connect(m_table->verticalScrollBar(), &QScrollBar::valueChanged, this, [this](int value) {
        if (value >= m_table->verticalScrollBar()->maximum() - 20)
            loadMore();
    });
    connect(m_edit, &QPushButton::clicked, this, &LeadsView::openEditor);
    connect(m_table, &QTableWidget::itemDoubleClicked, this, [this] {
        if (m_pendingDetail == 0)
            openEditor();
    });
    connect(m_table, &QTableWidget::itemSelectionChanged, this, [this] {
        const QList<QTableWidgetItem *> items = m_table->selectedItems();
        if (!items.isEmpty())
            loadDetail(items.first()->data(Qt::UserRole).toLongLong());
    });

    // Clients and campaigns for the filters, then the first page.
    Models::Database *db = &m_database;
    const Models::Clock *clk = &m_clock;
    const Models::TenantScope scope = m_session.scope();
    m_reader.post([this, db, clk, scope] {
        const auto clients = Models::ClientRepository(*db, *clk, scope).list(true);
        const auto campaigns = Models::CampaignRepository(*db, *clk, scope).list(0, true);
        QMetaObject::invokeMethod(this, [this, clients, campaigns] {
            const QSignalBlocker a(m_client), b(m_campaign);
            if (clients.ok()) {
                for (const Models::ClientRecord &client : clients.value()) {
                    m_clientNames.insert(client.id, client.name);
                    if (m_session.scope().isAgency())
                        m_client->addItem(client.name, client.id);
                }
            }
            if (campaigns.ok()) {
                for (const Models::CampaignRecord &campaign : campaigns.value()) {
                    const QString name = m_session.scope().isAgency()
                            ? QStringLiteral("%1 (%2)").arg(campaign.name, m_clientNames.value(campaign.clientId))
                            : campaign.name;
                    m_campaign->addItem(name, campaign.id);
                    m_campaign->setItemData(m_campaign->count() - 1, campaign.clientId, Qt::UserRole + 1);
                }
            }
            for (int r = 0; r < m_table->rowCount(); ++r) {
                QTableWidgetItem *item = m_table->item(r, ClientColumn);
                item->setText(m_clientNames.value(item->data(Qt::UserRole + 1).toLongLong()));
            }
        }, Qt::QueuedConnection);
    });
    reload();
}

LeadsView::~LeadsView()
{
    m_cancel->store(true); // an export in progress stops at its next page
    if (m_reader.isRunning())
        m_reader.run([] {}); // see AppointmentsView: the last answer is posted before we go
}

void LeadsView::setSearch(const QString &text)
{
    const QSignalBlocker block(m_searchBox);
    m_searchBox->setText(text);
    m_debounce->stop();
    reload();
}

void LeadsView::setFilter(qint64 clientId, qint64 campaignId, const QString &status)
{
    const QSignalBlocker a(m_client), b(m_campaign), c(m_status);
    m_client->setCurrentIndex(std::max(0, m_client->findData(clientId)));
    m_campaign->setCurrentIndex(std::max(0, m_campaign->findData(campaignId)));
    m_status->setCurrentIndex(std::max(0, m_status->findData(status)));
    reload();
}

void LeadsView::setSort(Column column, bool descending)
{
    switch (column) {
    case NameColumn:
        m_sort = Models::LeadQuery::ByName;
        break;
    case StatusColumn:
        m_sort = Models::LeadQuery::ByStatus;
        break;
    case CreatedColumn:
        m_sort = Models::LeadQuery::ByCreated;
        break;
    default:
        m_sort = Models::LeadQuery::ById; // phone, e-mail and client have no index to order by
        break;
    }
    m_descending = descending && m_sort != Models::LeadQuery::ById;
    m_table->horizontalHeader()->setSortIndicator(m_sort == Models::LeadQuery::ById ? -1 : column,
                                                  m_descending ? Qt::DescendingOrder : Qt::AscendingOrder);
    reload();
}

void LeadsView::applyFilter(const Filter &filter)
{
    {
        const QSignalBlocker a(m_client), b(m_campaign), c(m_status), d(m_createdOn), e(m_createdFrom), f(m_createdTo);
        m_client->setCurrentIndex(std::max(0, m_client->findData(filter.clientId)));
        m_campaign->setCurrentIndex(std::max(0, m_campaign->findData(filter.campaignId)));
        const QVariant statuses = filter.statuses.size() == 1 ? QVariant(filter.statuses.first()) : QVariant(filter.statuses);
        m_status->setCurrentIndex(filter.statuses.isEmpty() ? 0 : std::max(0, m_status->findData(statuses)));
        const bool created = filter.createdFrom > 0 || filter.createdTo > 0;
        m_createdOn->setChecked(created);
        m_createdFrom->setEnabled(created);
        m_createdTo->setEnabled(created);
        // Days of the viewer's zone: [from, to) covers the days from's day to (to - 1 ms)'s day.
        if (filter.createdFrom > 0)
            m_createdFrom->setDate(QDateTime::fromMSecsSinceEpoch(filter.createdFrom, m_zone).date());
        if (filter.createdTo > 0)
            m_createdTo->setDate(QDateTime::fromMSecsSinceEpoch(filter.createdTo - 1, m_zone).date());
    }
    m_contactedFrom = filter.contactedFrom;
    m_contactedTo = filter.contactedTo;
    const bool contacted = m_contactedFrom > 0 || m_contactedTo > 0;
    if (contacted) {
        const QLocale locale;
        const QDate first = QDateTime::fromMSecsSinceEpoch(m_contactedFrom, m_zone).date();
        const QDate last = QDateTime::fromMSecsSinceEpoch(std::max(m_contactedFrom, m_contactedTo - 1), m_zone).date();
        m_caption->setText(tr("%1: last called from %2 to %3")
                                   .arg(filter.caption.isEmpty() ? tr("Leads called") : filter.caption,
                                        locale.toString(first, QLocale::ShortFormat),
                                        locale.toString(last, QLocale::ShortFormat)));
    }
    m_caption->setVisible(contacted);
    m_clearCaption->setVisible(contacted);
    reload();
}

QString LeadsView::filterCaption() const
{
    return m_caption->isVisible() ? m_caption->text() : QString();
}

void LeadsView::reload()
{
    Models::LeadQuery query;
    query.clientId = m_client->currentData().toLongLong();
    query.campaignId = m_campaign->currentData().toLongLong();
    const QVariant status = m_status->currentData();
    if (status.typeId() == QMetaType::QStringList)
        query.statuses = status.toStringList();
    else
        query.status = status.toString();
    if (m_createdOn->isChecked()) {
        const QDate first = std::min(m_createdFrom->date(), m_createdTo->date());
        const QDate last = std::max(m_createdFrom->date(), m_createdTo->date());
        query.createdFrom = QDateTime(first, QTime(0, 0), m_zone).toMSecsSinceEpoch();
        query.createdTo = QDateTime(last.addDays(1), QTime(0, 0), m_zone).toMSecsSinceEpoch();
    }
    query.timeZone = m_timeZone->currentData().toString();
    query.contact = Models::LeadQuery::Contact(m_contact->currentData().toInt());
    query.sort = m_sort;
    query.descending = m_descending;
    query.contactedFrom = m_contactedFrom;
    query.contactedTo = m_contactedTo;
    query.limit = PageSize;
    m_query = m_search.apply(query, m_searchBox->text());
    requestPage(true);
}

void LeadsView::loadMore()
{
    if (m_atEnd || m_pendingPage != 0)
        return;
    requestPage(false);
}

void LeadsView::requestPage(bool first)
{
    const quint64 generation = ++m_generation;
    m_pendingPage = generation;
    Models::LeadQuery query = m_query;
    query.afterId = first ? 0 : m_lastId;
    query.afterKey = first ? QVariant() : m_lastKey;
    Models::Database *db = &m_database;
    const Models::Clock *clk = &m_clock;
    const Models::TenantScope scope = m_session.scope();
    m_reader.post([this, db, clk, scope, query, first, generation] {
        Page page;
        const Models::LeadRepository leads(*db, *clk, scope);
        const auto rows = leads.page(query);
        if (!rows.ok()) {
            page.error = rows.error().message();
        } else {
            page.rows = rows.value();
            if (!page.rows.isEmpty())
                page.lastKey = leads.sortValue(query.sort, page.rows.last());
            if (first) {
                const auto count = leads.countUpTo(query, CountCap + 1);
                page.count = count.ok() ? count.value() : -1;
            }
        }
        QMetaObject::invokeMethod(this, [this, generation, first, page] { applyPage(generation, first, page); },
                                  Qt::QueuedConnection);
    });
}

void LeadsView::applyPage(quint64 generation, bool first, const Page &page)
{
    if (generation != m_pendingPage)
        return; // a newer search or filter answered first
    m_pendingPage = 0;
    if (!page.error.isEmpty()) {
        m_count->setText(tr("Could not read the leads: %1").arg(page.error));
        return;
    }
    const QSignalBlocker block(m_table);
    if (first) {
        m_table->setRowCount(0);
        m_total = page.count;
        m_lastId = 0;
    }
    m_atEnd = page.rows.size() < PageSize;
    const QLocale locale;
    int row = m_table->rowCount();
    m_table->setRowCount(row + int(page.rows.size()));
    int selectRow = -1;
    for (const Models::LeadRecord &lead : page.rows) {
        const QString cells[ColumnCount] = {
            QString(lead.firstName + QLatin1Char(' ') + lead.lastName).trimmed(),
            lead.phoneE164,
            lead.email,
            statusText(lead.status),
            m_clientNames.value(lead.clientId),
            locale.toString(QDateTime::fromMSecsSinceEpoch(lead.createdAt, m_zone).date(), QLocale::ShortFormat),
        };
        for (int c = 0; c < ColumnCount; ++c) {
            auto *item = new QTableWidgetItem(cells[c]);
            item->setData(Qt::UserRole, lead.id);
            item->setData(Qt::UserRole + 1, lead.clientId);
            m_table->setItem(row, c, item);
        }
        if (lead.id == m_selectedId)
            selectRow = row;
        m_lastId = lead.id; // keyset: the last row in the list's order
        ++row;
    }
    m_lastKey = page.lastKey;
    if (first)
        m_table->resizeColumnsToContents();
    if (selectRow >= 0)
        m_table->selectRow(selectRow);
    if (m_table->rowCount() == 0)
        m_count->setText(m_query.search.isEmpty() && m_query.phoneE164.isEmpty() ? tr("No leads yet: import a CSV from Campaigns.")
                                                                                  : tr("No lead matches."));
    else
        m_count->setText(countText());
}

QString LeadsView::countText() const
{
    if (m_total < 0)
        return tr("%1 shown").arg(QLocale().toString(m_table->rowCount()));
    if (m_total > CountCap)
        return tr("%1+ leads").arg(QLocale().toString(CountCap));
    return tr("%Ln lead(s)", nullptr, int(m_total));
}

void LeadsView::selectLead(qint64 leadId)
{
    for (int r = 0; r < m_table->rowCount(); ++r) {
        if (m_table->item(r, 0)->data(Qt::UserRole).toLongLong() == leadId) {
            m_table->selectRow(r);
            return;
        }
    }
    loadDetail(leadId);
}

void LeadsView::loadDetail(qint64 leadId)
{
    m_selectedId = leadId;
    const quint64 generation = ++m_generation;
    m_pendingDetail = generation;
    Models::Database *db = &m_database;
    const Models::Clock *clk = &m_clock;
    const Models::TenantScope scope = m_session.scope();
    const Services::Session session = m_session;
    const QTimeZone zone = m_zone;
    m_reader.post([this, db, clk, scope, session, zone, leadId, generation] {
        Detail detail;
        const auto lead = Models::LeadRepository(*db, *clk, scope).find(leadId);
        if (!lead.ok()) {
            detail.error = lead.error().message();
        } else {
            detail.lead = lead.value();
            const auto calls = Models::CallLogRepository(*db, *clk, scope).listForLead(leadId);
            const auto appointments = Models::AppointmentRepository(*db, *clk, scope).listForLead(leadId);
            const auto messages = Models::MessageRepository(*db, *clk, scope).listForLead(leadId);
            const auto history = Services::LeadEditService(*db, *clk).statusHistory(session, leadId);
            if (history.ok()) {
                const QLocale locale;
                for (const auto &change : history.value())
                    detail.history << tr("%1: %2 → %3 (%4)")
                                              .arg(locale.toString(QDateTime::fromMSecsSinceEpoch(change.at, zone), QLocale::ShortFormat),
                                                   statusText(change.from), statusText(change.to), change.username);
            }
            if (calls.ok())
                detail.calls = calls.value();
            if (appointments.ok())
                detail.appointments = appointments.value();
            if (messages.ok())
                detail.messages = messages.value();
            if (!calls.ok() || !appointments.ok() || !messages.ok())
                detail.error = (!calls.ok() ? calls.error() : !appointments.ok() ? appointments.error() : messages.error()).message();
        }
        QMetaObject::invokeMethod(this, [this, generation, detail] { applyDetail(generation, detail); }, Qt::QueuedConnection);
    });
}

void LeadsView::applyDetail(quint64 generation, const Detail &detail)
{
    if (generation != m_pendingDetail)
        return;
    m_pendingDetail = 0;
    m_calls->setRowCount(0);
    m_appointments->setRowCount(0);
    m_shownLead = detail.lead;
    m_edit->setEnabled(detail.lead.id != 0);
    if (detail.lead.id == 0) {
        m_detail->setText(tr("Could not read the lead: %1").arg(detail.error.toHtmlEscaped()));
        m_messages->setMessages({}, m_zone);
        return;
    }
    const Models::LeadRecord &l = detail.lead;
    const QLocale locale;
    QString text = QStringLiteral("<b>%1</b><br>").arg(QString(l.firstName + QLatin1Char(' ') + l.lastName).trimmed().toHtmlEscaped());
    text += tr("Phone: %1%2").arg(l.phoneE164.toHtmlEscaped(),
                                  l.phoneExtension.isEmpty() ? QString() : tr(" ext. %1").arg(l.phoneExtension.toHtmlEscaped()))
            + QStringLiteral("<br>");
    text += tr("E-mail: %1").arg(l.email.toHtmlEscaped()) + QStringLiteral("<br>");
    if (!l.company.isEmpty())
        text += tr("Company: %1").arg(l.company.toHtmlEscaped()) + QStringLiteral("<br>");
    text += tr("Client: %1").arg(m_clientNames.value(l.clientId).toHtmlEscaped()) + QStringLiteral("<br>");
    text += tr("Status: %1; calls: %2").arg(statusText(l.status).toHtmlEscaped()).arg(l.callAttempts) + QStringLiteral("<br>");
    text += tr("Time zone: %1%2").arg(l.timeZone.toHtmlEscaped(), l.region.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(l.region.toHtmlEscaped()));
    if (!l.consentType.isEmpty())
        text += QStringLiteral("<br>") + tr("Consent: %1 from %2").arg(l.consentType.toHtmlEscaped(), l.consentSource.toHtmlEscaped());
    if (!detail.history.isEmpty()) {
        text += QStringLiteral("<br>") + tr("Status history:");
        for (const QString &line : detail.history)
            text += QStringLiteral("<br>&nbsp;&nbsp;") + line.toHtmlEscaped();
    }
    if (!detail.error.isEmpty())
        text += QStringLiteral("<br><span style='color:#b3261e'>%1</span>").arg(detail.error.toHtmlEscaped());
    m_detail->setText(text);

    m_calls->setRowCount(int(detail.calls.size()));
    for (int r = 0; r < detail.calls.size(); ++r) {
        const Models::CallLogRecord &c = detail.calls[r];
        const QString cells[4] = {
            c.startedAt ? QDateTime::fromMSecsSinceEpoch(c.startedAt, m_zone).toString(QStringLiteral("yyyy-MM-dd HH:mm")) : QString(),
            minutesSeconds(c.durationMs),
            c.outcome,
            c.summary,
        };
        for (int col = 0; col < 4; ++col) {
            auto *item = new QTableWidgetItem(cells[col]);
            item->setToolTip(c.transcript.left(4000));
            m_calls->setItem(r, col, item);
        }
    }
    m_calls->resizeColumnsToContents();
    m_appointments->setRowCount(int(detail.appointments.size()));
    for (int r = 0; r < detail.appointments.size(); ++r) {
        const Models::AppointmentRecord &a = detail.appointments[r];
        const QString cells[4] = {
            QDateTime::fromMSecsSinceEpoch(a.startsAt, m_zone).toString(QStringLiteral("yyyy-MM-dd HH:mm")),
            a.status,
            a.verification,
            a.title,
        };
        for (int col = 0; col < 4; ++col)
            m_appointments->setItem(r, col, new QTableWidgetItem(cells[col]));
    }
    m_appointments->resizeColumnsToContents();
    m_messages->setMessages(detail.messages, m_zone);
}

LeadDetailDialog *LeadsView::openEditor()
{
    if (m_shownLead.id == 0 || m_shownLead.id != m_selectedId)
        return nullptr;
    QList<QPair<QString, qint64>> campaigns;
    for (int i = 1; i < m_campaign->count(); ++i)
        if (m_campaign->itemData(i, Qt::UserRole + 1).toLongLong() == m_shownLead.clientId)
            campaigns.append({ m_campaign->itemText(i), m_campaign->itemData(i).toLongLong() });
    auto *dialog = new LeadDetailDialog(m_database, m_clock, m_session, m_reader, m_shownLead, campaigns, m_zone, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &LeadDetailDialog::saved, this, [this](const Models::LeadRecord &lead, bool unknownAreaCode) {
        updateRow(lead);
        loadDetail(lead.id);
        m_notice->setText(unknownAreaCode ? tr("Lead saved. Its area code is in no phone data we have: check the number.")
                                          : tr("Lead saved."));
    });
    dialog->open();
    return dialog;
}

void LeadsView::updateRow(const Models::LeadRecord &lead)
{
    for (int r = 0; r < m_table->rowCount(); ++r) {
        if (m_table->item(r, 0)->data(Qt::UserRole).toLongLong() != lead.id)
            continue;
        m_table->item(r, NameColumn)->setText(QString(lead.firstName + QLatin1Char(' ') + lead.lastName).trimmed());
        m_table->item(r, PhoneColumn)->setText(lead.phoneE164);
        m_table->item(r, EmailColumn)->setText(lead.email);
        m_table->item(r, StatusColumn)->setText(statusText(lead.status));
        return;
    }
}

void LeadsView::noteLeadChanged(qint64 leadId)
{
    m_changedLeads.insert(leadId);
    if (!m_rowRefresh->isActive())
        m_rowRefresh->start();
}

void LeadsView::refreshNoted()
{
    QList<qint64> loaded;
    for (int r = 0; r < m_table->rowCount(); ++r) {
        const qint64 id = m_table->item(r, 0)->data(Qt::UserRole).toLongLong();
        if (m_changedLeads.contains(id))
            loaded << id;
    }
    m_changedLeads.clear();
    if (loaded.isEmpty())
        return; // none of them is on screen: nothing to read
    Models::LeadQuery query = m_query; // the view's filters: a lead that left them leaves the list
    query.ids = loaded;
    query.afterId = 0;
    query.afterKey = QVariant();
    query.offset = 0;
    query.limit = int(loaded.size());
    Models::Database *db = &m_database;
    const Models::Clock *clk = &m_clock;
    const Models::TenantScope scope = m_session.scope();
    m_reader.post([this, db, clk, scope, query, loaded] {
        const auto rows = Models::LeadRepository(*db, *clk, scope).page(query);
        if (!rows.ok())
            return; // the next reload shows the truth; a failed refresh changes nothing
        const QList<Models::LeadRecord> found = rows.value();
        QMetaObject::invokeMethod(this, [this, loaded, found] { applyRefreshed(loaded, found); }, Qt::QueuedConnection);
    });
}

void LeadsView::applyRefreshed(const QList<qint64> &asked, const QList<Models::LeadRecord> &found)
{
    QSet<qint64> present;
    for (const Models::LeadRecord &lead : found) {
        present.insert(lead.id);
        updateRow(lead);
        if (lead.id == m_selectedId)
            loadDetail(lead.id);
    }
    int removed = 0;
    for (int r = m_table->rowCount() - 1; r >= 0; --r) {
        const qint64 id = m_table->item(r, 0)->data(Qt::UserRole).toLongLong();
        if (asked.contains(id) && !present.contains(id)) {
            m_table->removeRow(r);
            ++removed;
        }
    }
    Q_EMIT rowsRefreshed(int(found.size()), removed);
}

QString LeadsView::detailText() const
{
    return m_detail->text();
}

} // namespace Callvia::Ui
