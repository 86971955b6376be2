#include "roleclientfields.h"

#include <QComboBox>

namespace Callvia::Ui {

RoleClientFields::RoleClientFields(const QList<Models::ClientRecord> &clients, QWidget *parent)
    : m_role(new QComboBox(parent))
    , m_client(new QComboBox(parent))
{
    m_role->setObjectName(QStringLiteral("role"));
    m_client->setObjectName(QStringLiteral("client"));
    m_role->addItem(tr("Staff: every client's operational data"), QStringLiteral("staff"));
    m_role->addItem(tr("Client user: one client's data, read-mostly"), QStringLiteral("client"));
    m_role->addItem(tr("Administrator: everything, incl. users and secrets"), QStringLiteral("admin"));
    m_client->setPlaceholderText(clients.isEmpty() ? tr("(no clients yet)") : tr("only for client users"));
    for (const Models::ClientRecord &client : clients) {
        const QString label = client.status == QLatin1String("archived")
            ? tr("%1 (archived)").arg(client.name)
            : client.name;
        m_client->addItem(label, client.id);
    }
    // Captures the combos, not this helper: the dialog may delete the helper before its children.
    QObject::connect(m_role, &QComboBox::currentIndexChanged, m_client,
        [role = m_role, client = m_client] { roleChanged(role, client); });
    roleChanged(m_role, m_client);
}

QString RoleClientFields::role() const { return m_role->currentData().toString(); }

qint64 RoleClientFields::clientId() const
{
    return role() == QLatin1String("client") ? m_client->currentData().toLongLong() : 0;
}

void RoleClientFields::set(const QString &role, qint64 clientId)
{
    const int roleIndex = m_role->findData(role);
    if (roleIndex >= 0)
        m_role->setCurrentIndex(roleIndex);
    m_client->setCurrentIndex(m_client->findData(clientId)); // -1 (none) for agency users
    roleChanged(m_role, m_client);
}

void RoleClientFields::roleChanged(QComboBox *role, QComboBox *client)
{
    // A disabled combo showing a client would suggest a staff user belongs to it: show none.
    const bool isClient = role->currentData().toString() == QLatin1String("client");
    client->setEnabled(isClient);
    if (!isClient)
        client->setCurrentIndex(-1);
    else if (client->currentIndex() < 0 && client->count() > 0)
        client->setCurrentIndex(0);
}

} // namespace Callvia::Ui
