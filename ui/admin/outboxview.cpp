#include "outboxview.h"

#include <models/repositories/clientrepository.h>
#include <models/clock.h>
#include <models/database.h>
#include <models/repositories/outboxrepository.h>
#include <services/management/outboxactions.h>
#include <services/outbox/payloadmask.h>

#include <QComboBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace Callvia::Ui {

namespace {

QString utc(qint64 ms)
{
    return ms ? QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) : QString();
}

const QStringList &statuses()
{
    static const QStringList list { QStringLiteral("pending"), QStringLiteral("in_flight"), QStringLiteral("failed"),
                                    QStringLiteral("unknown"), QStringLiteral("sent"), QStringLiteral("cancelled") };
    return list;
}

} // namespace

OutboxView::OutboxView(Models::Database &database, const Models::Clock &clock, Services::Session session,
                       QWidget *parent)
    : QWidget(parent), m_database(database), m_clock(clock), m_session(std::move(session)),
      m_actions(std::make_unique<Services::OutboxActions>(database, clock))
{
    m_status = new QComboBox(this);
    m_status->setObjectName(QStringLiteral("statusFilter"));
    m_status->addItem(tr("Any state"), QString());
    for (const QString &status : statuses())
        m_status->addItem(status, status);
    m_kind = new QComboBox(this);
    m_kind->setObjectName(QStringLiteral("kindFilter"));
    m_kind->addItem(tr("Any kind"), QString());
    for (const char *kind : { "sms", "email", "stripe", "retell_call" })
        m_kind->addItem(QString::fromLatin1(kind), QString::fromLatin1(kind));
    m_client = new QComboBox(this);
    m_client->setObjectName(QStringLiteral("clientFilter"));
    m_client->addItem(tr("Any client"), qint64(0));
    const auto clients = Models::ClientRepository(database, clock, m_session.scope()).list(true);
    if (clients.ok()) {
        for (const Models::ClientRecord &client : clients.value())
            m_client->addItem(client.name, client.id);
    }
    m_counts = new QLabel(this);
    m_counts->setObjectName(QStringLiteral("counts"));
    auto *filters = new QHBoxLayout;
    filters->addWidget(new QLabel(tr("Show:"), this));
    filters->addWidget(m_status);
    filters->addWidget(m_kind);
    filters->addWidget(m_client);
    filters->addWidget(m_counts, 1);
    auto *refresh = new QPushButton(tr("Refresh"), this);
    filters->addWidget(refresh);

    m_table = new QTableWidget(0, ColumnCount, this);
    m_table->setObjectName(QStringLiteral("outboxTable"));
    m_table->setHorizontalHeaderLabels({ tr("Id"), tr("Kind"), tr("Client"), tr("State"), tr("Attempts"),
                                         tr("Due (UTC)"), tr("Next try"), tr("Provider"), tr("HTTP"),
                                         tr("Provider ref"), tr("Last error") });
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    for (int column = 0; column < ErrorColumn; ++column)
        m_table->horizontalHeader()->setSectionResizeMode(column, QHeaderView::ResizeToContents);
    m_detail = new QPlainTextEdit(this);
    m_detail->setObjectName(QStringLiteral("detail"));
    m_detail->setReadOnly(true);
    m_detail->setPlaceholderText(tr("Select a row to see its payload (secrets masked) and the provider's answer."));
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_table);
    splitter->addWidget(m_detail);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    m_retry = new QPushButton(tr("Retry"), this);
    m_retry->setObjectName(QStringLiteral("retry"));
    m_retry->setToolTip(tr("Send this failed row again (attempts start from zero)"));
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setObjectName(QStringLiteral("cancel"));
    m_cancel->setToolTip(tr("Never send this failed row"));
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("message"));
    auto *actions = new QHBoxLayout;
    actions->addWidget(m_retry);
    actions->addWidget(m_cancel);
    actions->addWidget(m_message, 1);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(filters);
    layout->addWidget(splitter, 1);
    layout->addLayout(actions);

    m_reloadTimer = new QTimer(this);
    m_reloadTimer->setSingleShot(true);
    m_reloadTimer->setInterval(500);
    connect(m_reloadTimer, &QTimer::timeout, this, &OutboxView::reload);
    for (QComboBox *box : { m_status, m_kind, m_client })
        connect(box, &QComboBox::currentIndexChanged, this, &OutboxView::reload);
    connect(refresh, &QPushButton::clicked, this, &OutboxView::reload);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &OutboxView::selectionChanged);
    // A refused action (the session's role) also gets a message box, as in the other views.
    auto show = [this](const QString &message) {
        m_message->setText(message);
        if (message.contains(QLatin1String("Permission denied")))
            QMessageBox::warning(this, tr("Outbox"), message);
    };
    connect(m_retry, &QPushButton::clicked, this, [this, show] { show(retrySelected()); });
    connect(m_cancel, &QPushButton::clicked, this, [this, show] { show(cancelSelected()); });
    reload();
}

void OutboxView::scheduleReload()
{
    if (!m_reloadTimer->isActive())
        m_reloadTimer->start();
}

void OutboxView::setFilter(const QString &status, const QString &kind, qint64 clientId)
{
    const QSignalBlocker a(m_status), b(m_kind), c(m_client);
    m_status->setCurrentIndex(std::max(0, m_status->findData(status)));
    m_kind->setCurrentIndex(std::max(0, m_kind->findData(kind)));
    m_client->setCurrentIndex(std::max(0, m_client->findData(clientId)));
    reload();
}

void OutboxView::reload()
{
    const qint64 keep = selected() ? selected()->id : 0;
    const Models::OutboxRepository outbox(m_database, m_clock, m_session.scope());
    Models::OutboxFilter filter;
    filter.status = m_status->currentData().toString();
    filter.kind = m_kind->currentData().toString();
    filter.clientId = m_client->currentData().toLongLong();
    const auto rows = outbox.list(filter);
    m_rows = rows.ok() ? rows.value() : QList<Models::OutboxRecord>();
    if (!rows.ok())
        m_message->setText(tr("Cannot read the outbox: %1").arg(rows.error().message()));
    const QSignalBlocker blocker(m_table);
    m_table->clearSelection();
    m_table->setRowCount(int(m_rows.size()));
    for (int row = 0; row < m_rows.size(); ++row) {
        const Models::OutboxRecord &r = m_rows.at(row);
        const QString client = r.clientId ? m_client->itemText(m_client->findData(r.clientId)) : tr("agency");
        const QStringList cells { QString::number(r.id), r.kind, client, r.status, QString::number(r.attempts),
                                  utc(r.dueAt), r.status == QLatin1String("pending") ? utc(r.nextAttemptAt) : QString(),
                                  r.provider, r.httpStatus ? QString::number(r.httpStatus) : QString(), r.providerRef,
                                  r.lastError };
        for (int column = 0; column < cells.size(); ++column)
            m_table->setItem(row, column, new QTableWidgetItem(cells.at(column)));
        m_table->item(row, ErrorColumn)->setToolTip(r.lastError);
    }
    const auto counts = outbox.countsByStatus();
    QStringList parts;
    for (const QString &status : statuses())
        parts << QStringLiteral("%1 %2").arg(status).arg(counts.ok() ? counts.value().value(status) : 0);
    m_counts->setText(parts.join(QStringLiteral(" · ")));
    selectRow(keep);
    selectionChanged();
}

void OutboxView::selectRow(qint64 outboxId)
{
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows.at(row).id == outboxId)
            m_table->selectRow(row);
    }
}

const Models::OutboxRecord *OutboxView::selected() const
{
    const QList<QTableWidgetItem *> items = m_table ? m_table->selectedItems() : QList<QTableWidgetItem *>();
    if (items.isEmpty() || items.first()->row() >= m_rows.size())
        return nullptr;
    return &m_rows.at(items.first()->row());
}

void OutboxView::selectionChanged()
{
    const Models::OutboxRecord *r = selected();
    const bool failed = r && r->status == QLatin1String("failed");
    m_retry->setEnabled(failed);
    m_cancel->setEnabled(failed);
    if (!r) {
        m_detail->clear();
        return;
    }
    QString text = tr("Outbox row %1 (%2), idempotency key %3\n").arg(r->id).arg(r->kind, r->idempotencyKey);
    text += tr("State %1 after %n attempt(s); due %2 UTC; sent %3\n", nullptr, int(r->attempts))
                    .arg(r->status)
                    .arg(utc(r->dueAt), r->sentAt ? utc(r->sentAt) + QStringLiteral(" UTC") : tr("no"));
    if (!r->lastError.isEmpty())
        text += tr("Last error: %1\n").arg(r->lastError);
    text += tr("\nPayload (secrets masked):\n%1\n").arg(Services::maskedJsonText(r->payloadJson));
    text += tr("\nProvider's answer%1:\n%2")
                    .arg(r->httpStatus ? tr(" (HTTP %1 from %2)").arg(r->httpStatus).arg(r->provider) : QString(),
                         r->response.isEmpty() ? tr("(none)") : Services::maskedJsonText(r->response));
    m_detail->setPlainText(text);
}

QString OutboxView::detailText() const
{
    return m_detail->toPlainText();
}

QString OutboxView::countsText() const
{
    return m_counts->text();
}

OutboxView::~OutboxView() = default;

QString OutboxView::retrySelected()
{
    return change(QStringLiteral("retry"));
}

QString OutboxView::cancelSelected()
{
    return change(QStringLiteral("cancel"));
}

QString OutboxView::change(const QString &action)
{
    const Models::OutboxRecord *r = selected();
    if (!r)
        return tr("Select a row first.");
    const Models::OutboxRecord before = *r;
    if (before.status != QLatin1String("failed"))
        return tr("Not changed: only a failed row can be retried or cancelled here (row %1 is %2).")
                .arg(before.id)
                .arg(before.status);
    const Models::DbError error = action == QLatin1String("retry") ? m_actions->retry(m_session, before.id)
                                                                    : m_actions->cancel(m_session, before.id);
    if (error)
        return tr("Not changed: %1").arg(error.message());
    reload();
    if (action == QLatin1String("retry"))
        emit retried();
    return action == QLatin1String("retry") ? tr("Row %1 will be sent again.").arg(before.id)
                                            : tr("Row %1 cancelled.").arg(before.id);
}

} // namespace Callvia::Ui
