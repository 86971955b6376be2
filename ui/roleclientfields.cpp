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
    if (clients.isEmpty())
        m_client->addItem(tr("(no clients yet)"), qint64(0));
    for (const Models::ClientRecord &client : clients) {
        const QString label = client.status == QLatin1String("archived")
            ? tr("%1 (archived)").arg(client.name)
            : client.name;
        m_client->addItem(label, client.id);
    }
    // Captures the combos, not this helper: the dialog may delete the helper before its children.
    QObject::connect(m_role, &QComboBox::currentIndexChanged, m_client, [role = m_role, client = m_client] {
        client->setEnabled(role->currentData().toString() == QLatin1String("client"));
    });
    roleChanged();
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
    const int clientIndex = m_client->findData(clientId);
    if (clientIndex >= 0)
        m_client->setCurrentIndex(clientIndex);
    roleChanged();
}

void RoleClientFields::roleChanged() { m_client->setEnabled(role() == QLatin1String("client")); }

} // namespace Callvia::Ui
