#include "adminview.h"

#include <models/auditrepository.h>
#include <models/clock.h>
#include <models/userrepository.h>
#include <services/auth/authservice.h>
#include <services/auth/secretstore.h>

#include <QDateTime>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

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

QPushButton *button(const QString &text, QWidget *parent, QLayout *layout)
{
    auto *b = new QPushButton(text, parent);
    layout->addWidget(b);
    return b;
}

} // namespace

AdminView::AdminView(Models::Database &database, const Models::Clock &clock,
    const Services::SecretCipher *cipher, Services::Session session, QWidget *parent)
    : QWidget(parent)
    , m_database(database)
    , m_clock(clock)
    , m_session(std::move(session))
    , m_auth(std::make_unique<Services::AuthService>(database, clock))
{
    if (cipher)
        m_store = std::make_unique<Services::SecretStore>(database, clock, *cipher);
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("message"));
    m_audit = table({ tr("When (UTC)"), tr("User"), tr("Action"), tr("Entity"), tr("Id") }, this);
    auto *auditBox = new QGroupBox(tr("Audit log (latest 100)"), this);
    (new QVBoxLayout(auditBox))->addWidget(m_audit);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(buildUsersBox());
    layout->addWidget(buildSecretsBox());
    layout->addWidget(auditBox, 1);
    layout->addWidget(m_message);
    reload();
}

AdminView::~AdminView() = default;

QWidget *AdminView::buildUsersBox()
{
    auto *box = new QGroupBox(tr("Users"), this);
    m_users = table({ tr("User name"), tr("Role"), tr("Client"), tr("State") }, box);
    auto *buttons = new QHBoxLayout;
    connect(button(tr("Disable / enable"), box, buttons), &QPushButton::clicked, this, &AdminView::askToggle);
    connect(button(tr("Reset password…"), box, buttons), &QPushButton::clicked, this, &AdminView::askReset);
    buttons->addStretch();
    buttons->addWidget(new QLabel(tr("Add users with: callvia user add NAME --role ROLE"), box));
    auto *layout = new QVBoxLayout(box);
    layout->addWidget(m_users);
    layout->addLayout(buttons);
    return box;
}

QWidget *AdminView::buildSecretsBox()
{
    auto *box = new QGroupBox(tr("Provider secrets (stored encrypted, never shown)"), this);
    m_secrets = table({ tr("Key"), tr("Value") }, box);
    auto *buttons = new QHBoxLayout;
    QPushButton *set = button(tr("Set secret…"), box, buttons);
    set->setEnabled(m_store != nullptr);
    connect(set, &QPushButton::clicked, this, &AdminView::askSecret);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(box);
    layout->addWidget(m_secrets);
    layout->addLayout(buttons);
    return box;
}

void AdminView::reload()
{
    const auto users = Models::UserRepository(m_database, m_clock).list();
    m_users->setRowCount(users.ok() ? int(users.value().size()) : 0);
    for (int row = 0; users.ok() && row < users.value().size(); ++row) {
        const Models::UserRecord &u = users.value().at(row);
        setRow(m_users, row,
            { u.username, u.role, u.clientId ? QString::number(u.clientId) : QString(),
                u.disabled ? tr("disabled")
                           : (u.lockedUntil > m_clock.nowMs() ? tr("locked") : tr("active")) });
    }
    const auto keys = m_store ? m_store->keys() : Models::DbResult<QStringList>(QStringList());
    m_secrets->setRowCount(keys.ok() ? int(keys.value().size()) : 0);
    for (int row = 0; keys.ok() && row < keys.value().size(); ++row)
        setRow(m_secrets, row, { keys.value().at(row), QString(8, QChar(0x2022)) });
    const auto entries = Models::AuditRepository(m_database, m_session.scope()).list({}, 100);
    m_audit->setRowCount(entries.ok() ? int(entries.value().size()) : 0);
    for (int row = 0; entries.ok() && row < entries.value().size(); ++row) {
        const Models::AuditRecord &e = entries.value().at(row);
        setRow(m_audit, row,
            { QDateTime::fromMSecsSinceEpoch(e.at, Qt::UTC).toString(Qt::ISODate), e.username, e.action,
                e.entity, e.entityId });
    }
}

QString AdminView::report(const QString &message)
{
    m_message->setText(message.isEmpty() ? tr("Done.") : message);
    reload();
    return message;
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
    const auto user = Models::UserRepository(m_database, m_clock).findByUsername(username);
    if (!user.ok())
        return report(user.error().message());
    if (user.value().id == m_session.userId())
        return report(tr("You cannot disable yourself."));
    const Models::DbError error = m_auth->setDisabled(m_session, username, !user.value().disabled);
    return report(error ? error.message() : QString());
}

QString AdminView::resetPassword(const QString &username, const QString &temporary)
{
    const Models::DbError error = m_auth->resetPassword(m_session, username, temporary, true);
    return report(error ? error.message() : QString());
}

QString AdminView::selectedUser() const
{
    const int row = m_users->currentRow();
    return row < 0 || !m_users->item(row, 0) ? QString() : m_users->item(row, 0)->text();
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
    bool ok = false;
    const QString temporary = QInputDialog::getText(this, tr("Reset password"),
        tr("Temporary password for %1 (changed at next sign-in):").arg(username), QLineEdit::Password, {},
        &ok);
    if (ok)
        resetPassword(username, temporary);
}

void AdminView::askToggle()
{
    const QString username = selectedUser();
    if (username.isEmpty())
        return void(report(tr("Select a user first.")));
    toggleDisabled(username);
}

} // namespace Callvia::Ui
