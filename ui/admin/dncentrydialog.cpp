#include "dncentrydialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

namespace Callvia::Ui {

DncEntryDialog::DncEntryDialog(
    const QList<Models::ClientRecord> &clients, qint64 fixedClient, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Add to the do-not-call list"));
    m_phone = new QLineEdit(this);
    m_phone->setObjectName(QStringLiteral("dncPhone"));
    m_phone->setPlaceholderText(tr("e.g. (415) 555-0134 or +44 20 7946 0958"));
    m_email = new QLineEdit(this);
    m_email->setObjectName(QStringLiteral("dncEmail"));
    m_reason = new QLineEdit(this);
    m_reason->setObjectName(QStringLiteral("dncReason"));
    m_reason->setPlaceholderText(tr("e.g. asked by phone on 3 March"));
    m_client = new QComboBox(this);
    m_client->setObjectName(QStringLiteral("dncClient"));
    if (fixedClient == 0)
        m_client->addItem(tr("All clients"), qint64(0));
    for (const Models::ClientRecord &client : clients)
        m_client->addItem(client.name, client.id);
    if (fixedClient != 0 && m_client->count() == 0)
        m_client->addItem(tr("client %1").arg(fixedClient), fixedClient);
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("dncError"));
    m_error->setStyleSheet(QStringLiteral("color: #b00020"));
    m_error->setWordWrap(true);
    m_error->hide();
    auto *form = new QFormLayout;
    form->addRow(tr("Phone:"), m_phone);
    form->addRow(tr("E-mail:"), m_email);
    form->addRow(tr("Reason:"), m_reason);
    form->addRow(tr("Applies to:"), m_client);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    setMinimumWidth(420);
}

QString DncEntryDialog::phone() const { return m_phone->text(); }
QString DncEntryDialog::email() const { return m_email->text(); }
QString DncEntryDialog::reason() const { return m_reason->text(); }
qint64 DncEntryDialog::clientId() const { return m_client->currentData().toLongLong(); }

void DncEntryDialog::showError(const QString &message)
{
    m_error->setText(message);
    m_error->show();
}

} // namespace Callvia::Ui
