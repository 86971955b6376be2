#include "dncbox.h"

#include "dncentrydialog.h"
#include "readerjob.h"

#include <models/clock.h>
#include <models/database.h>
#include <models/repositories/clientrepository.h>

#include <QCheckBox>
#include <QDateTime>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QTableWidget>
#include <QThread>
#include <QVBoxLayout>

namespace Callvia::Ui {

namespace {

QString sourceText(const QString &source)
{
    if (source == QLatin1String("sms_reply"))
        return DncBox::tr("SMS reply (STOP)");
    if (source == QLatin1String("call_outcome"))
        return DncBox::tr("Call (asked not to be called)");
    if (source == QLatin1String("email_unsubscribe"))
        return DncBox::tr("E-mail unsubscribe");
    if (source == QLatin1String("import"))
        return DncBox::tr("Imported list");
    return DncBox::tr("Added by hand");
}

QString channelText(const QString &channel)
{
    if (channel == QLatin1String("sms"))
        return DncBox::tr("SMS");
    if (channel == QLatin1String("call"))
        return DncBox::tr("Calls");
    if (channel == QLatin1String("email"))
        return DncBox::tr("E-mail");
    return DncBox::tr("All channels");
}

QString addressText(const Models::DncEntry &e)
{
    QStringList parts;
    if (!e.optOut.phoneE164.isEmpty())
        parts << e.optOut.phoneE164;
    if (!e.optOut.email.isEmpty())
        parts << e.optOut.email;
    if (parts.isEmpty()) // an erased person: only the hash is left
        return DncBox::tr("erased, hash %1…")
            .arg((e.phoneSha256.isEmpty() ? e.emailSha256 : e.phoneSha256).left(12));
    return parts.join(QStringLiteral(", "));
}

} // namespace

DncBox::DncBox(
    Models::Database &database, const Models::Clock &clock, Services::Session session, QWidget *parent)
    : QWidget(parent)
    , m_database(database)
    , m_clock(clock)
    , m_session(std::move(session))
    , m_service(database, clock)
{
    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("dncSearch"));
    m_search->setPlaceholderText(tr("Search phone, e-mail or reason"));
    m_search->setClearButtonEnabled(true);
    m_showRemoved = new QCheckBox(tr("Show removed entries"), this);
    m_showRemoved->setObjectName(QStringLiteral("dncShowRemoved"));
    m_table = new QTableWidget(0, ColumnCount, this);
    m_table->setObjectName(QStringLiteral("dncTable"));
    m_table->setHorizontalHeaderLabels({ tr("Phone or e-mail"), tr("Channel"), tr("Source"), tr("Reason"),
        tr("Added (UTC)"), tr("Client"), tr("State") });
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(ReasonColumn, QHeaderView::Stretch);
    m_count = new QLabel(this);
    m_count->setObjectName(QStringLiteral("dncCount"));
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("dncMessage"));
    m_message->setWordWrap(true);
    m_add = new QPushButton(tr("Add…"), this);
    m_add->setObjectName(QStringLiteral("dncAdd"));
    m_import = new QPushButton(tr("Import CSV…"), this);
    m_import->setObjectName(QStringLiteral("dncImport"));
    m_remove = new QPushButton(tr("Remove (added by mistake)…"), this);
    m_remove->setObjectName(QStringLiteral("dncRemove"));
    m_remove->setToolTip(
        tr("Only entries a person added or imported; the entry is kept, marked removed, "
           "and the audit log records who and why. A contact's own opt-out cannot be removed."));
    const bool editor = Services::DncService::canEdit(m_session);
    m_add->setVisible(editor);
    m_import->setVisible(editor);
    m_remove->setVisible(m_session.role() == Services::Session::Role::Admin);

    auto *top = new QHBoxLayout;
    top->addWidget(m_search, 1);
    top->addWidget(m_showRemoved);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_add);
    buttons->addWidget(m_import);
    buttons->addWidget(m_remove);
    buttons->addWidget(m_count, 1, Qt::AlignRight);
    auto *note
        = new QLabel(tr("Every entry blocks calls, texts or e-mail at once and is kept at least five years. "
                        "An erased lead's entries keep only a hash of the number or address."),
            this);
    note->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(note);
    layout->addLayout(top);
    layout->addWidget(m_table, 1);
    layout->addLayout(buttons);
    layout->addWidget(m_message);

    m_chooseFile = [](QWidget *parent) {
        return QFileDialog::getOpenFileName(
            parent, tr("Import do-not-call list"), QString(), tr("CSV files (*.csv *.txt)"));
    };
    m_showReport = [](QWidget *parent, const QString &summary, const QString &details) {
        QMessageBox box(QMessageBox::Warning, tr("Do-not-call import"), summary, QMessageBox::Ok, parent);
        box.setDetailedText(details);
        box.exec();
    };
    connect(m_search, &QLineEdit::textChanged, this, &DncBox::reload);
    connect(m_showRemoved, &QCheckBox::toggled, this, &DncBox::reload);
    connect(m_add, &QPushButton::clicked, this, &DncBox::askAdd);
    connect(m_import, &QPushButton::clicked, this, &DncBox::askImport);
    connect(m_remove, &QPushButton::clicked, this, &DncBox::askRemove);

    const auto clients = Models::ClientRepository(m_database, m_clock, m_session.scope()).list(true);
    m_clients = clients.ok() ? clients.value() : QList<Models::ClientRecord>();
    reload();
}

DncBox::~DncBox()
{
    if (m_importThread) {
        m_cancel->store(true); // stops after the current chunk; what was written stays
        m_importThread->wait();
    }
    if (m_reader)
        m_reader->run([] {}); // no read outlives this box (readerjob.h)
}

void DncBox::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    reload();
}

void DncBox::setSearch(const QString &text) { m_search->setText(text); }

void DncBox::reload()
{
    Models::DncQuery query;
    query.search = m_search->text();
    query.includeRemoved = m_showRemoved->isChecked();
    Models::Database *database = &m_database;
    const Models::Clock *clock = &m_clock;
    const Models::TenantScope scope = m_session.scope();
    struct Page
    {
        QList<Models::DncEntry> rows;
        qint64 total = 0;
        QString error;
    };
    readThen(
        m_reader, this,
        [database, clock, scope, query] {
            const Models::OptOutRepository repository(*database, *clock, scope);
            Page page;
            const auto rows = repository.entries(query);
            const auto total = repository.countEntries(query);
            page.rows = rows.valueOr({});
            page.total = total.valueOr(0);
            page.error = !rows.ok() ? rows.error().message()
                : !total.ok()       ? total.error().message()
                                    : QString();
            return page;
        },
        [this](Page page) { show(page.rows, page.total, page.error); });
}

void DncBox::show(const QList<Models::DncEntry> &rows, qint64 total, const QString &error)
{
    m_rows = rows;
    m_table->setRowCount(int(rows.size()));
    for (int row = 0; row < rows.size(); ++row) {
        const Models::DncEntry &e = rows.at(row);
        QString state = tr("blocking");
        if (e.removedAt)
            state = tr("removed %1 by %2: %3")
                        .arg(QDateTime::fromMSecsSinceEpoch(e.removedAt, Qt::UTC)
                                 .toString(QStringLiteral("yyyy-MM-dd")),
                            e.removedBy, e.removedReason);
        else if (e.erasedAt)
            state = tr("blocking (lead erased)");
        const QStringList cells { addressText(e), channelText(e.optOut.channel), sourceText(e.optOut.source),
            e.optOut.reason,
            QDateTime::fromMSecsSinceEpoch(e.optOut.createdAt, Qt::UTC)
                .toString(QStringLiteral("yyyy-MM-dd HH:mm")),
            e.optOut.clientId ? clientName(e.optOut.clientId) : tr("all clients"), state };
        for (int column = 0; column < cells.size(); ++column) {
            auto *item = new QTableWidgetItem(cells.at(column));
            if (column == AddressColumn)
                item->setData(Qt::UserRole, e.optOut.id);
            if (e.removedAt)
                item->setForeground(palette().color(QPalette::Disabled, QPalette::Text));
            m_table->setItem(row, column, item);
        }
    }
    m_count->setText(total > rows.size()
            ? tr("%1 of %2 entries").arg(QLocale().toString(rows.size()), QLocale().toString(total))
            : tr("%Ln entries", nullptr, int(total)));
    if (!error.isEmpty())
        setMessage(error, true);
    Q_EMIT reloaded();
}

QString DncBox::clientName(qint64 clientId) const
{
    for (const Models::ClientRecord &client : m_clients) {
        if (client.id == clientId)
            return client.name;
    }
    return tr("client %1").arg(clientId);
}

void DncBox::setMessage(const QString &text, bool error)
{
    m_message->setStyleSheet(error ? QStringLiteral("color: #b00020") : QString());
    m_message->setText(text);
}

QString DncBox::messageText() const { return m_message->text(); }

QString DncBox::addEntry(const QString &phone, const QString &email, const QString &reason, qint64 clientId)
{
    const Models::DbResult<bool> added = m_service.add(m_session, phone, email, reason, clientId);
    if (!added.ok()) {
        setMessage(added.error().message(), true);
        return added.error().message();
    }
    setMessage(
        added.value() ? tr("Added to the do-not-call list.") : tr("Already on the do-not-call list."), false);
    reload();
    return {};
}

void DncBox::askAdd()
{
    DncEntryDialog dialog(m_clients, m_session.clientId(), this);
    while (dialog.exec() == QDialog::Accepted) {
        const QString error = addEntry(dialog.phone(), dialog.email(), dialog.reason(), dialog.clientId());
        if (error.isEmpty())
            return;
        dialog.showError(error);
    }
}

QString DncBox::removeEntry(qint64 id, const QString &reason)
{
    const Models::DbError error = m_service.remove(m_session, id, reason);
    setMessage(error ? error.message() : tr("Entry marked removed; it no longer blocks and stays on record."),
        bool(error));
    reload();
    return error ? error.message() : QString();
}

void DncBox::askRemove()
{
    const QList<QTableWidgetItem *> selected = m_table->selectedItems();
    if (selected.isEmpty())
        return setMessage(tr("Select an entry first."), true);
    const qint64 id
        = m_table->item(selected.constFirst()->row(), AddressColumn)->data(Qt::UserRole).toLongLong();
    bool ok = false;
    const QString reason = QInputDialog::getText(this, tr("Remove do-not-call entry"),
        tr("Why was this entry added by mistake? (kept in the audit log)"), QLineEdit::Normal, QString(),
        &ok);
    if (ok)
        removeEntry(id, reason);
}

void DncBox::askImport()
{
    const QString path = m_chooseFile(this);
    if (path.isEmpty())
        return;
    qint64 clientId = m_session.clientId() > 0 ? m_session.clientId() : 0;
    if (m_session.scope().isAgency() && !m_clients.isEmpty()) {
        QStringList names { tr("All clients") };
        for (const Models::ClientRecord &client : std::as_const(m_clients))
            names << client.name;
        bool ok = false;
        const QString name = QInputDialog::getItem(
            this, tr("Import do-not-call list"), tr("The entries apply to:"), names, 0, false, &ok);
        if (!ok)
            return;
        const qsizetype at = names.indexOf(name);
        clientId = at > 0 ? m_clients.at(at - 1).id : 0;
    }
    startImport(path, clientId);
}

bool DncBox::startImport(const QString &path, qint64 clientId)
{
    if (m_importThread)
        return false;
    m_add->setEnabled(false);
    m_import->setEnabled(false);
    setMessage(tr("Importing %1…").arg(path), false);
    m_cancel = std::make_shared<std::atomic_bool>(false);
    const std::shared_ptr<std::atomic_bool> cancel = m_cancel;
    Models::Database *database = &m_database;
    const Models::Clock *clock = &m_clock;
    const Services::Session session = m_session;
    m_importThread = QThread::create([this, database, clock, session, path, clientId, cancel] {
        const Services::DncService service(*database, *clock);
        const Services::DncService::ImportResult result
            = service.importCsv(session, path, clientId, [this, cancel](qint64 rows) {
                  QMetaObject::invokeMethod(
                      this,
                      [this, rows] {
                          setMessage(tr("Importing… %1 rows read").arg(QLocale().toString(rows)), false);
                      },
                      Qt::QueuedConnection);
                  return !cancel->load();
              });
        database->releaseThreadConnection();
        QMetaObject::invokeMethod(
            this, [this, result] { finishImport(result); }, Qt::QueuedConnection);
    });
    m_importThread->start();
    return true;
}

void DncBox::finishImport(const Services::DncService::ImportResult &result)
{
    m_importThread->wait();
    delete m_importThread;
    m_importThread = nullptr;
    m_add->setEnabled(true);
    m_import->setEnabled(true);
    QString summary = result.ok()
        ? tr("%1 rows read: %2 added, %3 already on the list, %4 rejected.")
              .arg(QLocale().toString(result.rows), QLocale().toString(result.added),
                  QLocale().toString(result.duplicates), QLocale().toString(result.errors.size()))
        : tr("Import failed: %1").arg(result.fatal);
    setMessage(summary, !result.ok() || !result.errors.isEmpty());
    reload();
    if (!result.errors.isEmpty()) {
        QStringList lines;
        for (const Services::DncService::RowError &e : result.errors)
            lines << (e.field.isEmpty() ? tr("Row %1: %2").arg(e.row).arg(e.message)
                                        : tr("Row %1, %2: %3").arg(e.row).arg(e.field, e.message));
        m_showReport(this,
            summary + QLatin1Char('\n') + tr("The good rows were kept. Rejected rows:") + QLatin1Char('\n')
                + QStringList(lines.mid(0, 20)).join(QLatin1Char('\n'))
                + (lines.size() > 20 ? tr("\n… and %1 more (see the details)").arg(lines.size() - 20)
                                     : QString()),
            lines.join(QLatin1Char('\n')));
    }
    Q_EMIT importFinished(result);
}

} // namespace Callvia::Ui
