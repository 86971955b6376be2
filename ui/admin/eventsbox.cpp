#include "eventsbox.h"

#include <models/repositories/eventrepository.h>
#include <models/itemmodels/eventtablemodel.h>
#include <services/auth/auditlog.h>

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonObject>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace Callvia::Ui {

EventsBox::EventsBox(Models::Database &database, const Models::Clock &clock, Services::Session session,
                     QWidget *parent)
    : QGroupBox(tr("Webhook events (latest 500)"), parent),
      m_database(database),
      m_clock(clock),
      m_session(std::move(session)),
      m_repository(std::make_unique<Models::EventRepository>(database)),
      m_model(new Models::EventTableModel(*m_repository, this)),
      m_filter(new QComboBox(this)),
      m_table(new QTableView(this)),
      m_replay(new QPushButton(tr("&Replay"), this)),
      m_status(new QLabel(this))
{
    m_filter->setObjectName(QStringLiteral("eventFilter"));
    m_filter->addItem(tr("All"), QString());
    m_filter->addItem(tr("Pending"), QStringLiteral("pending"));
    m_filter->addItem(tr("Processed"), QStringLiteral("processed"));
    m_filter->addItem(tr("Failed"), QStringLiteral("failed"));
    m_filter->addItem(tr("Unattributed (no client)"), QStringLiteral("unattributed"));
    m_filter->setToolTip(tr("Unattributed events carry no id mapped to a client (Retell agent or number, "
                            "Cal.com event type or organizer, MessageBird number): they were stored and changed "
                            "nothing. Add the id to the client, then replay the event."));
    m_table->setObjectName(QStringLiteral("events"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_replay->setObjectName(QStringLiteral("replayEvent"));
    m_status->setObjectName(QStringLiteral("eventsStatus"));
    auto *refresh = new QPushButton(tr("Re&fresh"), this);
    auto *bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Show:"), this));
    bar->addWidget(m_filter);
    bar->addWidget(refresh);
    bar->addWidget(m_replay);
    bar->addWidget(m_status, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_table);
    connect(m_filter, &QComboBox::currentIndexChanged, this, &EventsBox::reload);
    connect(refresh, &QPushButton::clicked, this, &EventsBox::reload);
    connect(m_replay, &QPushButton::clicked, this, [this] {
        const QString error = replaySelected();
        m_status->setText(error.isEmpty() ? tr("Queued again.") : error);
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &EventsBox::updateButtons);
    reload();
}

EventsBox::~EventsBox() = default;

void EventsBox::setFilter(const QString &filter)
{
    const int index = m_filter->findData(filter);
    if (index >= 0)
        m_filter->setCurrentIndex(index); // reloads
}

void EventsBox::reload()
{
    const QString filter = m_filter->currentData().toString();
    Models::EventFilter query;
    if (filter == QLatin1String("unattributed"))
        query.unattributedOnly = true;
    else
        query.status = filter;
    const QString error = m_model->refresh(query);
    m_status->setText(error.isEmpty() ? QString() : tr("Could not load events: %1").arg(error));
    m_table->resizeColumnsToContents();
    updateButtons();
}

QString EventsBox::replaySelected()
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return tr("Select an event first.");
    const Models::EventRecord event = m_model->record(rows.first().row());
    if (const Models::DbError error = m_repository->replay(event.id))
        return error.message();
    Services::AuditLog(m_database, m_clock)
            .record(&m_session, QStringLiteral("event.replay"), QStringLiteral("event"), QString::number(event.id),
                    { { QStringLiteral("status"), event.unattributed ? QStringLiteral("unattributed") : event.status } },
                    { { QStringLiteral("status"), QStringLiteral("pending") } });
    reload();
    return {};
}

void EventsBox::updateButtons()
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    const Models::EventRecord event = rows.isEmpty() ? Models::EventRecord() : m_model->record(rows.first().row());
    m_replay->setEnabled(!rows.isEmpty()
                         && (event.unattributed || event.status == QLatin1String("failed")
                             || event.status == QLatin1String("ignored")));
}

} // namespace Callvia::Ui
