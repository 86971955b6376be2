#include "eventsbox.h"

#include "readerjob.h"

#include <models/repositories/eventrepository.h>
#include <models/itemmodels/eventtablemodel.h>
#include <models/clock.h>
#include <models/database.h>
#include <services/auth/auditlog.h>
#include <services/outbox/payloadmask.h>

#include <QComboBox>
#include <QDateTime>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonObject>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include <utility>

namespace Callvia::Ui {

namespace {

constexpr qint64 HourMs = 3'600'000;
constexpr int MaxBodyShown = 256 * 1024;

struct Loaded
{
    QList<Models::EventRecord> events;
    QStringList types;
    QString error;
};

struct OneEvent
{
    Models::EventRecord event;
    QString error;
};

} // namespace

EventsBox::EventsBox(Models::Database &database, const Models::Clock &clock, Services::Session session,
                     QWidget *parent)
    : QGroupBox(tr("Webhook journal (latest 500 matching)"), parent),
      m_database(database),
      m_clock(clock),
      m_session(std::move(session)),
      m_repository(std::make_unique<Models::EventRepository>(database, m_session.scope())),
      m_model(new Models::EventTableModel(*m_repository, this)),
      m_provider(new QComboBox(this)),
      m_type(new QComboBox(this)),
      m_filter(new QComboBox(this)),
      m_time(new QComboBox(this)),
      m_table(new QTableView(this)),
      m_replay(new QPushButton(tr("&Replay"), this)),
      m_status(new QLabel(this)),
      m_details(new QLabel(this)),
      m_body(new QPlainTextEdit(this)),
      m_reloadTimer(new QTimer(this))
{
    m_reloadTimer->setSingleShot(true);
    m_reloadTimer->setInterval(1000);
    connect(m_reloadTimer, &QTimer::timeout, this, &EventsBox::reload);
    m_provider->setObjectName(QStringLiteral("eventProvider"));
    m_provider->addItem(tr("All providers"), QString());
    for (const char *provider : { "retell", "calcom", "stripe", "sendgrid", "messagebird" })
        m_provider->addItem(QString::fromLatin1(provider), QString::fromLatin1(provider));
    m_type->setObjectName(QStringLiteral("eventType"));
    m_type->addItem(tr("All types"), QString());
    m_type->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_filter->setObjectName(QStringLiteral("eventFilter"));
    m_filter->addItem(tr("All states"), QString());
    m_filter->addItem(tr("Pending"), QStringLiteral("pending"));
    m_filter->addItem(tr("Applied"), QStringLiteral("applied"));
    m_filter->addItem(tr("Failed"), QStringLiteral("failed"));
    m_filter->addItem(tr("Ignored"), QStringLiteral("ignored"));
    if (m_session.scope().isAgency()) // a client's journal holds only events attributed to it
        m_filter->addItem(tr("Unattributed (no client)"), QStringLiteral("unattributed"));
    m_filter->setToolTip(tr("Unattributed events carry no id mapped to a client (Retell agent or number, "
                            "Cal.com event type or organizer, MessageBird number): they were stored and changed "
                            "nothing. Add the id to the client, then replay the event."));
    m_time->setObjectName(QStringLiteral("eventTime"));
    m_time->addItem(tr("Any time"), 0);
    m_time->addItem(tr("Last hour"), 1);
    m_time->addItem(tr("Last 24 hours"), 24);
    m_time->addItem(tr("Last 7 days"), 24 * 7);
    m_time->addItem(tr("Last 30 days"), 24 * 30);
    m_table->setObjectName(QStringLiteral("events"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setWordWrap(false);
    m_replay->setObjectName(QStringLiteral("replayEvent"));
    m_status->setObjectName(QStringLiteral("eventsStatus"));
    m_details->setObjectName(QStringLiteral("eventDetails"));
    m_details->setWordWrap(true);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_details->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_body->setObjectName(QStringLiteral("eventBody"));
    m_body->setReadOnly(true);
    m_body->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_body->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_body->setPlaceholderText(tr("Select an event to see its raw body."));

    auto *refresh = new QPushButton(tr("Re&fresh"), this);
    auto *bar = new QHBoxLayout;
    for (QWidget *widget : std::initializer_list<QWidget *> { m_provider, m_type, m_filter, m_time, refresh, m_replay })
        bar->addWidget(widget);
    bar->addWidget(m_status, 1);
    auto *detail = new QWidget(this);
    auto *detailLayout = new QVBoxLayout(detail);
    detailLayout->setContentsMargins(0, 0, 0, 0);
    detailLayout->addWidget(m_details);
    detailLayout->addWidget(m_body, 1);
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_table);
    splitter->addWidget(detail);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(splitter, 1);

    for (QComboBox *combo : { m_provider, m_type, m_filter, m_time })
        connect(combo, &QComboBox::currentIndexChanged, this, &EventsBox::reload);
    connect(refresh, &QPushButton::clicked, this, &EventsBox::reload);
    connect(m_replay, &QPushButton::clicked, this, [this] {
        const QString error = replaySelected();
        m_status->setText(error.isEmpty() ? tr("Queued again.") : error);
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        updateButtons();
        showSelected();
    });
    if (!m_session.canManageUsers())
        m_replay->hide(); // replay is an administrator's action; everyone else reads
    reload();
}

EventsBox::~EventsBox()
{
    // A read still queued captured `this`: let it finish (its answer is dropped with us).
    if (m_reader && m_reader->isRunning())
        m_reader->run([] {});
}

void EventsBox::setReader(Services::ServiceThread *reader)
{
    m_reader = reader;
    reload();
}

void EventsBox::scheduleReload()
{
    if (!m_reloadTimer->isActive())
        m_reloadTimer->start();
}

void EventsBox::setFilter(const QString &filter)
{
    const int index = m_filter->findData(filter);
    if (index >= 0)
        m_filter->setCurrentIndex(index); // reloads
}

void EventsBox::setProviderFilter(const QString &provider)
{
    m_provider->setCurrentIndex(qMax(0, m_provider->findData(provider)));
}

void EventsBox::setTypeFilter(const QString &type)
{
    if (m_type->findData(type) < 0)
        m_type->addItem(type, type);
    m_type->setCurrentIndex(m_type->findData(type));
}

void EventsBox::setHoursBack(int hours)
{
    m_time->setCurrentIndex(qMax(0, m_time->findData(hours)));
}

Models::EventFilter EventsBox::currentFilter() const
{
    Models::EventFilter query;
    const QString state = m_filter->currentData().toString();
    if (state == QLatin1String("unattributed"))
        query.unattributedOnly = true;
    else if (state == QLatin1String("applied"))
        query.appliedOnly = true;
    else
        query.status = state;
    query.provider = m_provider->currentData().toString();
    query.eventType = m_type->currentData().toString();
    const int hours = m_time->currentData().toInt();
    if (hours > 0)
        query.receivedFrom = m_clock.nowMs() - hours * HourMs;
    query.withBody = false; // the selected event's body is read on its own
    return query;
}

void EventsBox::reload()
{
    const quint64 generation = ++m_generation;
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (m_selectAfterLoad == 0 && !rows.isEmpty())
        m_selectAfterLoad = m_model->record(rows.first().row()).id;
    const Models::EventFilter filter = currentFilter();
    Models::Database *database = &m_database;
    const Models::TenantScope scope = m_session.scope();
    readThen(
            m_reader, this,
            [database, filter, scope] {
                const Models::EventRepository repository(*database, scope);
                Loaded loaded;
                const auto events = repository.list(filter);
                const auto types = repository.eventTypes(filter.provider);
                loaded.events = events.valueOr({});
                loaded.types = types.valueOr({});
                loaded.error = !events.ok() ? events.error().message()
                                            : (!types.ok() ? types.error().message() : QString());
                return loaded;
            },
            [this, generation](const Loaded &loaded) {
                applyLoaded(generation, loaded.events, loaded.types, loaded.error);
            });
}

void EventsBox::applyLoaded(quint64 generation, const QList<Models::EventRecord> &events, const QStringList &types,
                            const QString &error)
{
    if (generation != m_generation)
        return; // a newer reload was asked for meanwhile
    const QString type = m_type->currentData().toString();
    {
        const QSignalBlocker blocker(m_type);
        m_type->clear();
        m_type->addItem(tr("All types"), QString());
        for (const QString &each : types)
            m_type->addItem(each, each);
        if (!type.isEmpty() && m_type->findData(type) < 0)
            m_type->addItem(type, type);
        m_type->setCurrentIndex(qMax(0, m_type->findData(type)));
    }
    m_model->setEvents(events);
    m_status->setText(error.isEmpty() ? tr("%n event(s)", nullptr, int(events.size()))
                                          : tr("Could not load events: %1").arg(error));
    // The error column takes what is left (its full text is the tooltip and the details).
    for (int column = 0; column < Models::EventTableModel::ErrorColumn; ++column)
        m_table->resizeColumnToContents(column);
    const qint64 select = std::exchange(m_selectAfterLoad, 0);
    if (select != 0 && m_model->rowOf(select) >= 0)
        m_table->selectRow(m_model->rowOf(select));
    else
        showSelected();
    updateButtons();
    Q_EMIT loaded();
}

void EventsBox::selectEvent(qint64 id)
{
    const int row = m_model->rowOf(id);
    if (row >= 0)
        m_table->selectRow(row);
}

void EventsBox::showSelected()
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty()) {
        m_details->clear();
        m_body->clear();
        return;
    }
    const qint64 id = m_model->record(rows.first().row()).id;
    Models::Database *database = &m_database;
    const Models::TenantScope scope = m_session.scope();
    readThen(
            m_reader, this,
            [database, id, scope] {
                const auto found = Models::EventRepository(*database, scope).byId(id);
                return OneEvent { found.valueOr({}), found.ok() ? QString() : found.error().message() };
            },
            [this, id](const OneEvent &one) {
                const QModelIndexList now = m_table->selectionModel()->selectedRows();
                if (now.isEmpty() || m_model->record(now.first().row()).id != id)
                    return; // the selection moved on meanwhile
                showDetails(one.event, one.error);
                Q_EMIT detailsShown(id);
            });
}

namespace {

QString verificationScheme(const QString &provider)
{
    if (provider == QLatin1String("retell"))
        return EventsBox::tr("X-Retell-Signature, HMAC-SHA256 with the API key, timestamp within 5 minutes");
    if (provider == QLatin1String("calcom"))
        return EventsBox::tr("X-Cal-Signature-256, HMAC-SHA256 with the webhook secret");
    if (provider == QLatin1String("stripe"))
        return EventsBox::tr("Stripe-Signature, HMAC-SHA256 with the signing secret, timestamp within 5 minutes");
    if (provider == QLatin1String("sendgrid"))
        return EventsBox::tr("SendGrid signed event webhook, ECDSA P-256 with the verification key");
    if (provider == QLatin1String("messagebird"))
        return EventsBox::tr("MessageBird-Signature-JWT, HMAC with the signing key over the URL and body");
    return provider;
}

} // namespace

void EventsBox::showDetails(const Models::EventRecord &event, const QString &error)
{
    if (!error.isEmpty()) {
        m_details->setText(tr("Could not read event: %1").arg(error));
        m_body->clear();
        return;
    }
    const QString received = QLocale().toString(QDateTime::fromMSecsSinceEpoch(event.receivedAt, Qt::UTC),
                                                 QLocale::ShortFormat);
    const QString state = event.unattributed ? tr("unattributed") : Models::EventTableModel::stateName(event.status);
    QStringList lines;
    lines << tr("Event %1 · %2 · %3 · %4").arg(QString::number(event.id), event.provider, event.eventType,
                                              event.providerEventId);
    lines << tr("Received %1 UTC · %2 · attempts: %3").arg(received, state).arg(event.attempts);
    lines << tr("Signature: verified on receipt (%1). A request whose signature fails is answered 401 and "
                "never stored.")
                     .arg(verificationScheme(event.provider));
    lines << (event.lastError.isEmpty() ? tr("Processing error: none")
                                        : tr("Processing error: %1").arg(event.lastError));
    m_details->setText(lines.join(QLatin1Char('\n')));
    QString body = Services::maskedJsonText(QString::fromUtf8(event.rawBody.left(MaxBodyShown)));
    if (event.rawBody.size() > MaxBodyShown)
        body += QLatin1Char('\n') + tr("… (%1 bytes in all; the first %2 shown)").arg(event.rawBody.size()).arg(MaxBodyShown);
    m_body->setPlainText(body);
}

QString EventsBox::detailsText() const { return m_details->text(); }

QString EventsBox::bodyText() const { return m_body->toPlainText(); }

QString EventsBox::replaySelected()
{
    if (!m_session.canManageUsers())
        return tr("Only administrators can replay events.");
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return tr("Select an event first.");
    const Models::EventRecord event = m_model->record(rows.first().row());
    // The replay and its audit entry together or not at all.
    Models::Transaction transaction(m_database, Models::Transaction::Mode::Immediate);
    if (!transaction.isActive())
        return transaction.beginError().message();
    if (const Models::DbError error = m_repository->replay(event.id))
        return error.message();
    if (const Models::DbError error = Services::AuditLog(m_database, m_clock)
                .record(&m_session, QStringLiteral("event.replay"), QStringLiteral("event"), QString::number(event.id),
                        { { QStringLiteral("status"),
                            event.unattributed ? QStringLiteral("unattributed") : event.status } },
                        { { QStringLiteral("status"), QStringLiteral("pending") } }))
        return error.message();
    if (const Models::DbError error = transaction.commit())
        return error.message();
    m_selectAfterLoad = event.id;
    reload();
    Q_EMIT replayed(event.id);
    return {};
}

void EventsBox::updateButtons()
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    const Models::EventRecord event = rows.isEmpty() ? Models::EventRecord() : m_model->record(rows.first().row());
    m_replay->setEnabled(m_session.canManageUsers() && !rows.isEmpty()
                         && (event.unattributed || event.status == QLatin1String("failed")
                             || event.status == QLatin1String("ignored")));
}

} // namespace Callvia::Ui
