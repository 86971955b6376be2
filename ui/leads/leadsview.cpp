#include "leadsview.h"

#include "../widgets/messagelist.h"

#include <models/appointmentrepository.h>
#include <models/calllogrepository.h>
#include <models/campaignrepository.h>
#include <models/clientrepository.h>
#include <models/clock.h>
#include <models/database.h>
#include <models/messagerepository.h>
#include <services/leads/leadbulkservice.h>
#include <services/leads/leadexport.h>
#include <services/servicethread.h>

#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QFileDialog>
#include <QInputDialog>
#include <QMenu>
#include <QMessageBox>
#include <QProgressDialog>
#include <QPushButton>
#include <QToolButton>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QScrollBar>
#include <QSet>
#include <QSplitter>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <limits>

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
        m_status->addItem(QString::fromLatin1(status), QString::fromLatin1(status));
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

    auto *actions = new QHBoxLayout;
    m_target = new QComboBox(this);
    m_target->setObjectName(QStringLiteral("bulkTarget"));
    m_target->setAccessibleName(tr("Apply export and bulk actions to"));
    m_target->addItem(tr("Selected leads"), int(Target::Selection));
    m_target->addItem(tr("All that match the filter"), int(Target::Filter));
    m_export = new QPushButton(tr("Export…"), this);
    m_export->setObjectName(QStringLiteral("exportButton"));
    m_bulk = new QToolButton(this);
    m_bulk->setObjectName(QStringLiteral("bulkButton"));
    m_bulk->setText(tr("Bulk actions"));
    m_bulk->setPopupMode(QToolButton::InstantPopup);
    auto *menu = new QMenu(m_bulk);
    for (const QString &status : Services::LeadBulkService::statusTargets())
        menu->addAction(tr("Set status: %1").arg(status), this, [this, status] { bulkChangeStatus(status); });
    menu->addSeparator();
    menu->addAction(tr("Mark do-not-contact…"), this, &LeadsView::bulkMarkDnc);
    menu->addAction(tr("Move to campaign…"), this, &LeadsView::bulkMove);
    if (m_session.role() == Services::Session::Role::Admin)
        menu->addAction(tr("Delete…"), this, &LeadsView::bulkDelete);
    m_bulk->setMenu(menu);
    m_bulk->setVisible(m_session.canEdit()); // client users make no bulk writes
    m_notice = new QLabel(this);
    m_notice->setObjectName(QStringLiteral("bulkNotice"));
    m_notice->setWordWrap(true);
    actions->addWidget(new QLabel(tr("Apply to:"), this));
    actions->addWidget(m_target);
    actions->addWidget(m_export);
    actions->addWidget(m_bulk);
    actions->addWidget(m_notice, 1);
    connect(m_export, &QPushButton::clicked, this, &LeadsView::exportLeads);

    m_choosePath = [](QWidget *parent) {
        return QFileDialog::getSaveFileName(parent, tr("Export leads"), QStringLiteral("leads.csv"), tr("CSV files (*.csv)"));
    };
    m_confirm = [](QWidget *parent, const QString &question) {
        return QMessageBox::question(parent, tr("Leads"), question) == QMessageBox::Yes;
    };
    m_chooseCampaign = [](QWidget *parent, const QList<QPair<QString, qint64>> &campaigns) -> qint64 {
        QStringList names;
        for (const auto &campaign : campaigns)
            names << campaign.first;
        bool ok = false;
        const QString name = QInputDialog::getItem(parent, tr("Move leads"), tr("To campaign:"), names, 0, false, &ok);
        const qsizetype at = names.indexOf(name);
        return ok && at >= 0 ? campaigns[at].second : 0;
    };

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(filters);
    layout->addLayout(actions);
    layout->addWidget(split, 1);

    connect(m_searchBox, &QLineEdit::textChanged, m_debounce, qOverload<>(&QTimer::start));
    connect(m_debounce, &QTimer::timeout, this, &LeadsView::reload);
    connect(m_status, &QComboBox::currentIndexChanged, this, &LeadsView::reload);
    connect(m_campaign, &QComboBox::currentIndexChanged, this, &LeadsView::reload);
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

void LeadsView::reload()
{
    Models::LeadQuery query;
    query.clientId = m_client->currentData().toLongLong();
    query.campaignId = m_campaign->currentData().toLongLong();
    query.status = m_status->currentData().toString();
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
            lead.status,
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
        m_lastId = std::max(m_lastId, lead.id);
        ++row;
    }
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
    return m_total == 1 ? tr("1 lead") : tr("%1 leads").arg(QLocale().toString(m_total));
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
    m_reader.post([this, db, clk, scope, leadId, generation] {
        Detail detail;
        const auto lead = Models::LeadRepository(*db, *clk, scope).find(leadId);
        if (!lead.ok()) {
            detail.error = lead.error().message();
        } else {
            detail.lead = lead.value();
            const auto calls = Models::CallLogRepository(*db, *clk, scope).listForLead(leadId);
            const auto appointments = Models::AppointmentRepository(*db, *clk, scope).listForLead(leadId);
            const auto messages = Models::MessageRepository(*db, *clk, scope).listForLead(leadId);
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
    text += tr("Status: %1; calls: %2").arg(l.status.toHtmlEscaped()).arg(l.callAttempts) + QStringLiteral("<br>");
    text += tr("Time zone: %1%2").arg(l.timeZone.toHtmlEscaped(), l.region.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(l.region.toHtmlEscaped()));
    if (!l.consentType.isEmpty())
        text += QStringLiteral("<br>") + tr("Consent: %1 from %2").arg(l.consentType.toHtmlEscaped(), l.consentSource.toHtmlEscaped());
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

QString LeadsView::detailText() const
{
    return m_detail->text();
}

void LeadsView::setTarget(Target target)
{
    m_target->setCurrentIndex(m_target->findData(int(target)));
}

QString LeadsView::noticeText() const
{
    return m_notice->text();
}

bool LeadsView::targetQuery(Models::LeadQuery *query)
{
    if (Target(m_target->currentData().toInt()) == Target::Filter) {
        *query = m_query;
        query->afterId = 0;
        query->offset = 0;
        return true;
    }
    *query = Models::LeadQuery();
    QSet<qint64> seen;
    for (const QModelIndex &index : m_table->selectionModel()->selectedRows()) {
        const qint64 id = index.data(Qt::UserRole).toLongLong();
        if (!seen.contains(id)) {
            seen.insert(id);
            query->ids << id;
        }
    }
    if (query->ids.isEmpty()) {
        m_notice->setText(tr("Select leads first, or apply to all that match the filter."));
        return false;
    }
    return true;
}

void LeadsView::exportLeads()
{
    Models::LeadQuery query;
    if (m_busy || !targetQuery(&query))
        return;
    const QString path = m_choosePath(this);
    if (path.isEmpty())
        return;
    m_busy = true;
    m_cancel = std::make_shared<std::atomic_bool>(false);
    m_progress = new QProgressDialog(tr("Exporting leads…"), tr("Cancel"), 0, 0, this);
    m_progress->setObjectName(QStringLiteral("exportProgress"));
    m_progress->setWindowModality(Qt::WindowModal);
    m_progress->setMinimumDuration(0);
    m_progress->setAutoClose(false);
    m_progress->setAutoReset(false);
    const std::shared_ptr<std::atomic_bool> cancel = m_cancel;
    connect(m_progress, &QProgressDialog::canceled, this, [cancel] { cancel->store(true); });
    m_progress->show();

    Models::Database *db = &m_database;
    const Models::Clock *clk = &m_clock;
    const Services::Session session = m_session;
    m_reader.post([this, db, clk, session, query, path, cancel] {
        const Services::LeadExport exporter(*db, *clk);
        const auto result = exporter.write(session, query, path, [this, cancel](qint64 written, qint64 total) {
            QMetaObject::invokeMethod(this, [this, written, total] {
                if (!m_progress)
                    return;
                m_progress->setMaximum(int(std::min<qint64>(total, std::numeric_limits<int>::max())));
                m_progress->setValue(int(std::min<qint64>(written, std::numeric_limits<int>::max())));
                m_progress->setLabelText(tr("Exporting leads: %1 of %2").arg(QLocale().toString(written), QLocale().toString(total)));
            }, Qt::QueuedConnection);
            return !cancel->load();
        });
        QMetaObject::invokeMethod(this, [this, result, path] {
            finishExport(result.rows, result.cancelled, result.error.message(), path);
        }, Qt::QueuedConnection);
    });
}

void LeadsView::finishExport(qint64 rows, bool cancelled, const QString &error, const QString &path)
{
    m_busy = false;
    if (m_progress) {
        m_progress->close();
        m_progress->deleteLater();
        m_progress = nullptr;
    }
    if (cancelled)
        m_notice->setText(tr("Export cancelled; no file was written."));
    else if (!error.isEmpty())
        m_notice->setText(tr("Export failed: %1").arg(error));
    else
        m_notice->setText(tr("Exported %1 leads to %2.").arg(QLocale().toString(rows), QDir::toNativeSeparators(path)));
    Q_EMIT exportFinished(rows, cancelled, error);
}

template<typename Action>
void LeadsView::runBulk(const QString &what, Action action)
{
    m_busy = true;
    m_notice->setText(tr("%1…").arg(what));
    Models::Database *db = &m_database;
    const Models::Clock *clk = &m_clock;
    const Services::Session session = m_session;
    m_reader.post([this, db, clk, session, what, action] {
        const Services::LeadBulkService service(*db, *clk);
        const auto outcome = action(service, session);
        const QString message = outcome.ok()
                ? tr("%1: %2 of %3 leads changed.")
                          .arg(what, QLocale().toString(outcome.value().changed), QLocale().toString(outcome.value().matched))
                : tr("%1 failed: %2").arg(what, outcome.error().message());
        QMetaObject::invokeMethod(this, [this, message] {
            m_busy = false;
            m_notice->setText(message);
            reload();
            Q_EMIT bulkFinished(message);
        }, Qt::QueuedConnection);
    });
}

void LeadsView::bulkChangeStatus(const QString &status)
{
    Models::LeadQuery query;
    if (m_busy || !targetQuery(&query))
        return;
    runBulk(tr("Set status to %1").arg(status), [query, status](const Services::LeadBulkService &service, const Services::Session &session) {
        return service.changeStatus(session, query, status);
    });
}

void LeadsView::bulkMarkDnc()
{
    Models::LeadQuery query;
    if (m_busy || !targetQuery(&query))
        return;
    if (!m_confirm(this, tr("Mark these leads do-not-contact? Their numbers and e-mail addresses go on the opt-out list.")))
        return;
    runBulk(tr("Mark do-not-contact"), [query](const Services::LeadBulkService &service, const Services::Session &session) {
        return service.markDnc(session, query);
    });
}

void LeadsView::bulkMove()
{
    Models::LeadQuery query;
    if (m_busy || !targetQuery(&query))
        return;
    QList<QPair<QString, qint64>> campaigns;
    for (int i = 1; i < m_campaign->count(); ++i)
        campaigns.append({ m_campaign->itemText(i), m_campaign->itemData(i).toLongLong() });
    const qint64 campaignId = m_chooseCampaign(this, campaigns);
    if (campaignId == 0)
        return;
    runBulk(tr("Move to another campaign"), [query, campaignId](const Services::LeadBulkService &service, const Services::Session &session) {
        return service.moveToCampaign(session, query, campaignId);
    });
}

void LeadsView::bulkDelete()
{
    Models::LeadQuery query;
    if (m_busy || !targetQuery(&query))
        return;
    const QString question = query.ids.isEmpty()
            ? tr("Delete every lead that matches the filter? This cannot be undone.")
            : tr("Delete the %1 selected leads? This cannot be undone.").arg(query.ids.size());
    if (!m_confirm(this, question))
        return;
    runBulk(tr("Delete"), [query](const Services::LeadBulkService &service, const Services::Session &session) {
        return service.remove(session, query);
    });
}

} // namespace Callvia::Ui
