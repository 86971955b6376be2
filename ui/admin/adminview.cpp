#include "adminview.h"

#include "adduserdialog.h"
#include "auditlogview.h"
#include "eventsbox.h"
#include "resetpassworddialog.h"
#include "userroledialog.h"

#include <models/repositories/clientrepository.h>
#include <models/clock.h>
#include <services/auth/authservice.h>
#include <services/auth/secretstore.h>

#include <QDateTime>
#include <QGroupBox>
#include <QTabWidget>
#include <QHash>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <utility>

namespace Callvia::Ui {

namespace {

QTableWidget *table(const QStringList &headers, QWidget *parent)
{
    auto *widget = new QTableWidget(0, int(headers.size()), parent);
    widget->setHorizontalHeaderLabels(headers);
    widget->setEditTriggers(QAbstractItemView::NoEditTriggers);
    widget->setSelectionBehavior(QAbstractItemView::SelectRows);
    widget->setSelectionMode(QAbstractItemView::SingleSelection);
    widget->horizontalHeader()->setStretchLastSection(true);
    widget->verticalHeader()->hide();
    return widget;
}

void setRow(QTableWidget *widget, int row, const QStringList &cells)
{
    for (int column = 0; column < cells.size(); ++column)
        widget->setItem(row, column, new QTableWidgetItem(cells.at(column)));
}

QPushButton *button(const QString &text, const QString &name, QWidget *parent, QLayout *layout)
{
    auto *b = new QPushButton(text, parent);
    b->setObjectName(name);
    layout->addWidget(b);
    return b;
}

QString utcTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

} // namespace

AdminView::AdminView(Models::Database &database, const Models::Clock &clock,
    const Services::SecretCipher *cipher, Services::Session session, QWidget *parent, int hashIterations)
    : QWidget(parent)
    , m_database(database)
    , m_clock(clock)
    , m_session(std::move(session))
    , m_auth(std::make_unique<Services::AuthService>(database, clock, hashIterations))
{
    if (cipher)
        m_store = std::make_unique<Services::SecretStore>(database, clock, *cipher);
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("message"));
    m_message->setWordWrap(true);
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    layout->addWidget(m_message); // above the users' buttons, where the last action was
    layout->addWidget(buildUsersBox(), 3);
    layout->addWidget(buildSecretsBox(), 1);
    m_events = new EventsBox(database, clock, m_session, this);
    m_auditLog = new AuditLogView(database, clock, m_session, this);
    connect(m_events, &EventsBox::replayed, m_auditLog, &AuditLogView::reload);
    m_sections = new QTabWidget(this);
    m_sections->setObjectName(QStringLiteral("adminSections"));
    m_sections->addTab(page, tr("Users and secrets"));
    m_sections->addTab(m_events, tr("Webhook journal"));
    m_sections->addTab(m_auditLog, tr("Audit log"));
    (new QVBoxLayout(this))->addWidget(m_sections);
    reload();
}

AdminView::~AdminView() = default;

void AdminView::addSection(QWidget *section, const QString &title)
{
    m_sections->addTab(section, title);
}

QWidget *AdminView::buildUsersBox()
{
    auto *box = new QGroupBox(tr("Users"), this);
    m_users = table({ tr("User name"), tr("Full name"), tr("Role"), tr("Client"), tr("Disabled"),
                        tr("Locked until (UTC)"), tr("Must change password"), tr("Last sign-in (UTC)") },
        box);
    m_users->setObjectName(QStringLiteral("users"));
    m_users->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    connect(m_users, &QTableWidget::itemSelectionChanged, this, &AdminView::selectionChanged);
    auto *buttons = new QHBoxLayout;
    connect(button(tr("Add user…"), QStringLiteral("addUser"), box, buttons), &QPushButton::clicked, this,
        &AdminView::askAdd);
    m_role = button(tr("Change role/client…"), QStringLiteral("changeRole"), box, buttons);
    connect(m_role, &QPushButton::clicked, this, &AdminView::askRole);
    m_toggle = button(tr("Disable"), QStringLiteral("toggleDisabled"), box, buttons);
    connect(m_toggle, &QPushButton::clicked, this, &AdminView::askToggle);
    m_reset = button(tr("Reset password…"), QStringLiteral("resetPassword"), box, buttons);
    connect(m_reset, &QPushButton::clicked, this, &AdminView::askReset);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(box);
    layout->addWidget(m_users);
    layout->addLayout(buttons);
    return box;
}

QWidget *AdminView::buildSecretsBox()
{
    auto *box = new QGroupBox(tr("Provider secrets (stored encrypted, never shown)"), this);
    m_secrets = table({ tr("Key"), tr("Value") }, box);
    m_secrets->setMaximumHeight(140);
    auto *buttons = new QHBoxLayout;
    QPushButton *set = button(tr("Set secret…"), QStringLiteral("setSecret"), box, buttons);
    set->setEnabled(m_store != nullptr);
    connect(set, &QPushButton::clicked, this, &AdminView::askSecret);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(box);
    layout->addWidget(m_secrets);
    layout->addLayout(buttons);
    return box;
}

void AdminView::reloadUsers()
{
    const QString selected = selectedUser();
    const auto clients = Models::ClientRepository(m_database, m_clock, m_session.scope()).list(true);
    m_clients = clients.ok() ? clients.value() : QList<Models::ClientRecord>();
    QHash<qint64, QString> clientNames;
    for (const Models::ClientRecord &client : std::as_const(m_clients))
        clientNames.insert(client.id, client.name);
    const auto users = m_auth->listUsers(m_session);
    m_userRecords = users.ok() ? users.value() : QList<Models::UserRecord>();
    if (!users.ok()) {
        m_message->setStyleSheet(QStringLiteral("color: #b00020"));
        m_message->setText(users.error().message());
    }
    m_users->setRowCount(int(m_userRecords.size()));
    const qint64 now = m_clock.nowMs();
    for (int row = 0; row < m_userRecords.size(); ++row) {
        const Models::UserRecord &u = m_userRecords.at(row);
        const QString yes = tr("yes");
        setRow(m_users, row,
            { u.username, u.displayName, u.role,
                u.clientId ? clientNames.value(u.clientId, tr("client %1").arg(u.clientId)) : QString(),
                u.disabled ? yes : QString(), u.lockedUntil > now ? utcTime(u.lockedUntil) : QString(),
                u.mustChangePassword ? yes : QString(), u.lastLoginAt ? utcTime(u.lastLoginAt) : tr("never") });
    }
    selectUser(selected);
    selectionChanged();
}

void AdminView::reload()
{
    reloadUsers();
    const auto keys = m_store ? m_store->keys() : Models::DbResult<QStringList>(QStringList());
    m_secrets->setRowCount(keys.ok() ? int(keys.value().size()) : 0);
    for (int row = 0; keys.ok() && row < keys.value().size(); ++row)
        setRow(m_secrets, row, { keys.value().at(row), QString(8, QChar(0x2022)) });
    if (m_auditLog)
        m_auditLog->reload();
}

void AdminView::setReader(Services::ServiceThread *reader)
{
    m_events->setReader(reader);
    m_auditLog->setReader(reader);
}

QTableWidget *AdminView::auditTable() const
{
    return m_auditLog->table();
}

QString AdminView::report(const QString &message)
{
    reload();
    m_message->setStyleSheet(message.isEmpty() ? QString() : QStringLiteral("color: #b00020"));
    m_message->setText(message.isEmpty() ? tr("Done.") : message);
    return message;
}

void AdminView::notify(const QString &text)
{
    reload();
    m_message->setStyleSheet(QString());
    m_message->setText(text);
}

QString AdminView::messageText() const { return m_message->text(); }

QString AdminView::setSecret(const QString &key, const QString &value)
{
    if (!m_store)
        return report(tr("No secrets key is available (see the log)."));
    const Models::DbError error = m_store->set(m_session, key.trimmed(), value);
    return report(error ? error.message() : QString());
}

QString AdminView::toggleDisabled(const QString &username)
{
    const auto found = std::find_if(m_userRecords.cbegin(), m_userRecords.cend(),
        [&username](const Models::UserRecord &u) { return u.username.compare(username, Qt::CaseInsensitive) == 0; });
    if (found == m_userRecords.cend())
        return report(tr("No such user: %1").arg(username));
    const Models::DbError error = m_auth->setDisabled(m_session, found->username, !found->disabled);
    return report(error ? error.message() : QString());
}

QString AdminView::resetPassword(const QString &username, const QString &temporary)
{
    const Models::DbError error = m_auth->resetPassword(m_session, username, temporary, true);
    return report(error ? error.message() : QString());
}

QString AdminView::selectedUser() const
{
    const Models::UserRecord *user = selectedRecord();
    return user ? user->username : QString();
}

const Models::UserRecord *AdminView::selectedRecord() const
{
    const QList<QTableWidgetItem *> items = m_users->selectedItems();
    const int row = items.isEmpty() ? -1 : items.constFirst()->row();
    return row >= 0 && row < m_userRecords.size() ? &m_userRecords.at(row) : nullptr;
}

void AdminView::selectUser(const QString &username)
{
    for (int row = 0; row < m_userRecords.size(); ++row) {
        if (m_userRecords.at(row).username == username) {
            m_users->selectRow(row);
            return;
        }
    }
    m_users->clearSelection();
}

void AdminView::selectionChanged()
{
    const Models::UserRecord *user = selectedRecord();
    m_toggle->setText(user && user->disabled ? tr("Enable") : tr("Disable"));
    for (QPushButton *b : { m_toggle, m_role, m_reset })
        b->setEnabled(user != nullptr);
}

void AdminView::askAdd()
{
    AddUserDialog dialog(*m_auth, m_session, m_clients, this);
    if (dialog.exec() == QDialog::Accepted) {
        notify(tr("User %1 added.").arg(dialog.username()));
        selectUser(dialog.username());
    }
}

void AdminView::askRole()
{
    const Models::UserRecord *user = selectedRecord();
    if (!user)
        return void(report(tr("Select a user first.")));
    const QString username = user->username;
    UserRoleDialog dialog(*m_auth, m_session, *user, m_clients, this);
    if (dialog.exec() == QDialog::Accepted)
        notify(tr("Role of %1 changed.").arg(username));
}

void AdminView::askSecret()
{
    bool ok = false;
    const QString key = QInputDialog::getText(
        this, tr("Set secret"), tr("Key (e.g. stripe.api_key):"), QLineEdit::Normal, {}, &ok);
    if (!ok || key.isEmpty())
        return;
    const QString value = QInputDialog::getText(
        this, tr("Set secret"), tr("Value of %1:").arg(key), QLineEdit::Password, {}, &ok);
    if (ok)
        setSecret(key, value);
}

void AdminView::askReset()
{
    const QString username = selectedUser();
    if (username.isEmpty())
        return void(report(tr("Select a user first.")));
    ResetPasswordDialog dialog(*m_auth, m_session, username, this);
    if (dialog.exec() == QDialog::Accepted)
        notify(tr("Password of %1 reset; it must be changed at the next sign-in.").arg(username));
}

void AdminView::askToggle()
{
    const QString username = selectedUser();
    if (username.isEmpty())
        return void(report(tr("Select a user first.")));
    toggleDisabled(username);
}

} // namespace Callvia::Ui
