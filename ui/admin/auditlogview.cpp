#include "auditlogview.h"

#include "auditdetails.h"
#include "readerjob.h"

#include <models/repositories/clientrepository.h>

#include <QComboBox>
#include <QDateEdit>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QTimeZone>
#include <QVBoxLayout>

namespace Callvia::Ui {

namespace {

const QDate AnyDate(2000, 1, 1); // the date edits' minimum, shown as "any"

QDateEdit *dateEdit(const QString &name, QWidget *parent)
{
    auto *edit = new QDateEdit(parent);
    edit->setObjectName(name);
    edit->setCalendarPopup(true);
    edit->setMinimumDate(AnyDate);
    edit->setSpecialValueText(AuditLogView::tr("any"));
    edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    edit->setDate(AnyDate);
    return edit;
}

qint64 utcStartOf(const QDate &date)
{
    return QDateTime(date, QTime(0, 0), QTimeZone::utc()).toMSecsSinceEpoch();
}

} // namespace

AuditLogView::AuditLogView(Models::Database &database, const Models::Clock &clock, Services::Session session,
                           QWidget *parent)
    : QWidget(parent),
      m_database(database),
      m_clock(clock),
      m_session(std::move(session)),
      m_user(new QComboBox(this)),
      m_action(new QComboBox(this)),
      m_client(new QComboBox(this)),
      m_from(dateEdit(QStringLiteral("auditFrom"), this)),
      m_to(dateEdit(QStringLiteral("auditTo"), this)),
      m_table(new QTableWidget(0, ColumnCount, this)),
      m_newer(new QPushButton(tr("◀ &Newer"), this)),
      m_older(new QPushButton(tr("&Older ▶"), this)),
      m_page(new QLabel(this)),
      m_details(new QLabel(this))
{
    m_user->setObjectName(QStringLiteral("auditUser"));
    m_action->setObjectName(QStringLiteral("auditAction"));
    m_client->setObjectName(QStringLiteral("auditClient"));
    refill(m_user, tr("All users"), {});
    refill(m_action, tr("All actions"), {});
    m_client->addItem(tr("All clients"), 0);
    const auto clients = Models::ClientRepository(database, clock, m_session.scope()).list(true);
    for (const Models::ClientRecord &client : clients.valueOr({})) {
        m_client->addItem(client.name, client.id);
        m_clientNames.insert(client.id, client.name);
    }
    m_client->setVisible(m_session.scope().isAgency()); // a client user's log is their client's anyway
    m_table->setObjectName(QStringLiteral("audit"));
    m_table->setHorizontalHeaderLabels({ tr("When (UTC)"), tr("User"), tr("Client"), tr("Action"), tr("Entity"),
                                         tr("Id"), tr("Details") });
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    for (int column = 0; column < DetailsColumn; ++column)
        m_table->horizontalHeader()->setSectionResizeMode(column, QHeaderView::ResizeToContents);
    m_newer->setObjectName(QStringLiteral("auditNewer"));
    m_older->setObjectName(QStringLiteral("auditOlder"));
    m_page->setObjectName(QStringLiteral("auditPage"));
    m_details->setObjectName(QStringLiteral("auditDetails"));
    m_details->setWordWrap(true);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_user);
    bar->addWidget(m_action);
    bar->addWidget(m_client);
    bar->addWidget(new QLabel(tr("From:"), this));
    bar->addWidget(m_from);
    bar->addWidget(new QLabel(tr("To:"), this));
    bar->addWidget(m_to);
    bar->addStretch();
    bar->addWidget(m_newer);
    bar->addWidget(m_page);
    bar->addWidget(m_older);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_details);

    for (QComboBox *combo : { m_user, m_action, m_client })
        connect(combo, &QComboBox::currentIndexChanged, this, &AuditLogView::reload);
    for (QDateEdit *edit : { m_from, m_to })
        connect(edit, &QDateEdit::dateChanged, this, &AuditLogView::reload);
    connect(m_newer, &QPushButton::clicked, this, &AuditLogView::previousPage);
    connect(m_older, &QPushButton::clicked, this, &AuditLogView::nextPage);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &AuditLogView::showSelected);
    reload();
}

AuditLogView::~AuditLogView()
{
    // A read still queued captured `this`: let it finish (its answer is dropped with us).
    if (m_reader && m_reader->isRunning())
        m_reader->run([] {});
}

void AuditLogView::setReader(Services::ServiceThread *reader)
{
    m_reader = reader;
    reload();
}

void AuditLogView::setUserFilter(const QString &username)
{
    if (m_user->findData(username) < 0)
        m_user->addItem(username, username);
    m_user->setCurrentIndex(m_user->findData(username));
}

void AuditLogView::setActionFilter(const QString &action)
{
    if (m_action->findData(action) < 0)
        m_action->addItem(action, action);
    m_action->setCurrentIndex(m_action->findData(action));
}

void AuditLogView::setClientFilter(qint64 clientId)
{
    m_client->setCurrentIndex(qMax(0, m_client->findData(clientId)));
}

void AuditLogView::setDateRange(const QDate &from, const QDate &to)
{
    m_from->setDate(from.isValid() ? from : AnyDate);
    m_to->setDate(to.isValid() ? to : AnyDate);
}

Models::AuditFilter AuditLogView::currentFilter() const
{
    Models::AuditFilter filter;
    filter.username = m_user->currentData().toString();
    filter.action = m_action->currentData().toString();
    filter.clientId = m_client->currentData().toLongLong();
    if (m_from->date() > AnyDate)
        filter.from = utcStartOf(m_from->date());
    if (m_to->date() > AnyDate)
        filter.to = utcStartOf(m_to->date().addDays(1)); // the "to" day is included
    filter.limit = PageSize;
    filter.offset = m_offset;
    return filter;
}

void AuditLogView::reload()
{
    m_offset = 0;
    load();
}

void AuditLogView::nextPage()
{
    if (m_offset + PageSize >= m_total)
        return;
    m_offset += PageSize;
    load();
}

void AuditLogView::previousPage()
{
    if (m_offset == 0)
        return;
    m_offset = qMax(0, m_offset - PageSize);
    load();
}

void AuditLogView::load()
{
    const quint64 generation = ++m_generation;
    const Models::AuditFilter filter = currentFilter();
    Models::Database *database = &m_database;
    const Models::TenantScope scope = m_session.scope();
    readThen(
            m_reader, this,
            [database, scope, filter] {
                const Models::AuditRepository repository(*database, scope);
                Page page;
                const auto entries = repository.page(filter);
                const auto total = repository.count(filter);
                page.entries = entries.valueOr({});
                page.total = total.valueOr(0);
                page.users = repository.usernames().valueOr({});
                page.actions = repository.actions().valueOr({});
                page.error = !entries.ok() ? entries.error().message()
                                           : (!total.ok() ? total.error().message() : QString());
                return page;
            },
            [this, generation](const Page &page) { applyLoaded(generation, page); });
}

void AuditLogView::refill(QComboBox *combo, const QString &allText, const QStringList &values)
{
    const QString current = combo->currentData().toString();
    const QSignalBlocker blocker(combo);
    combo->clear();
    combo->addItem(allText, QString());
    for (const QString &value : values)
        combo->addItem(value, value);
    if (!current.isEmpty() && combo->findData(current) < 0)
        combo->addItem(current, current);
    combo->setCurrentIndex(qMax(0, combo->findData(current)));
}

void AuditLogView::applyLoaded(quint64 generation, const Page &page)
{
    if (generation != m_generation)
        return; // a newer load was asked for meanwhile
    refill(m_user, tr("All users"), page.users);
    refill(m_action, tr("All actions"), page.actions);
    m_entries = page.entries;
    m_total = page.total;
    m_table->clearSelection();
    m_table->setRowCount(int(m_entries.size()));
    for (int row = 0; row < m_entries.size(); ++row) {
        const Models::AuditRecord &e = m_entries.at(row);
        const QString details = auditDetails(e);
        const QStringList cells {
            QDateTime::fromMSecsSinceEpoch(e.at, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")),
            e.username,
            e.clientId ? m_clientNames.value(e.clientId, tr("client %1").arg(e.clientId)) : QString(),
            e.action,
            e.entity,
            e.entityId,
            details
        };
        for (int column = 0; column < cells.size(); ++column)
            m_table->setItem(row, column, new QTableWidgetItem(cells.at(column)));
        m_table->item(row, DetailsColumn)->setToolTip(details);
    }
    m_page->setText(page.error.isEmpty() ? pageText() : tr("Could not load the audit log: %1").arg(page.error));
    m_newer->setEnabled(m_offset > 0);
    m_older->setEnabled(m_offset + PageSize < m_total);
    showSelected();
    Q_EMIT loaded();
}

QString AuditLogView::pageText() const
{
    if (m_total == 0)
        return tr("No entries");
    const QLocale locale;
    return tr("%1–%2 of %3")
            .arg(locale.toString(m_offset + 1), locale.toString(qMin<qint64>(m_offset + PageSize, m_total)),
                 locale.toString(m_total));
}

void AuditLogView::showSelected()
{
    const QList<QTableWidgetItem *> items = m_table->selectedItems();
    const int row = items.isEmpty() ? -1 : items.constFirst()->row();
    if (row < 0 || row >= m_entries.size()) {
        m_details->setText(tr("Select an entry to read what it changed."));
        return;
    }
    const Models::AuditRecord &e = m_entries.at(row);
    const QString details = auditDetails(e);
    m_details->setText(tr("%1 by %2 on %3 %4: %5")
                               .arg(e.action, e.username.isEmpty() ? tr("the system") : e.username, e.entity,
                                    e.entityId, details.isEmpty() ? tr("no field changed") : details));
}

QString AuditLogView::selectedDetails() const
{
    return m_details->text();
}

} // namespace Callvia::Ui
