#include "campaigndialog.h"

#include "callingsettingsform.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QSpinBox>
#include <QTabWidget>
#include <QVBoxLayout>

namespace Callvia::Ui {

CampaignDialog::CampaignDialog(const Models::CampaignRecord &record, const QList<Models::ClientRecord> &clients,
                               QWidget *parent)
    : CampaignDialog(record, clients, Models::CampaignCallingSettings {}, parent)
{
}

CampaignDialog::CampaignDialog(const Models::CampaignRecord &record, const QList<Models::ClientRecord> &clients,
                               const Models::CampaignCallingSettings &calling, QWidget *parent)
    : QDialog(parent),
      m_record(record),
      m_client(new QComboBox(this)),
      m_name(new QLineEdit(record.name, this)),
      m_description(new QPlainTextEdit(record.description, this)),
      m_status(new QComboBox(this)),
      m_region(new QLineEdit(record.defaultRegion, this)),
      m_agent(new QLineEdit(record.retellAgentId, this)),
      m_fromNumber(new QLineEdit(record.fromNumber, this)),
      m_dailyLimit(new QSpinBox(this)),
      m_error(new QLabel(this)),
      m_calling(new CallingSettingsForm(calling, this))
{
    setWindowTitle(record.id ? tr("Edit campaign") : tr("New campaign"));
    m_client->setObjectName(QStringLiteral("client"));
    for (const Models::ClientRecord &client : clients)
        m_client->addItem(client.name, client.id);
    const int clientRow = m_client->findData(record.clientId);
    m_client->setCurrentIndex(clientRow >= 0 ? clientRow : (m_client->count() > 0 ? 0 : -1));
    m_client->setEnabled(record.id == 0); // a campaign's leads belong to its client: no moving
    m_name->setObjectName(QStringLiteral("name"));
    m_description->setMaximumHeight(70);
    m_status->setObjectName(QStringLiteral("status"));
    m_status->addItem(tr("Draft"), QStringLiteral("draft"));
    m_status->addItem(tr("Active"), QStringLiteral("active"));
    m_status->addItem(tr("Paused"), QStringLiteral("paused"));
    m_status->addItem(tr("Archived"), QStringLiteral("archived"));
    m_status->setCurrentIndex(qMax(0, m_status->findData(record.status)));
    m_region->setObjectName(QStringLiteral("region"));
    m_region->setMaxLength(2);
    m_region->setToolTip(tr("Two-letter region used for phone numbers written without a country code"));
    m_agent->setObjectName(QStringLiteral("agent"));
    m_agent->setPlaceholderText(QStringLiteral("agent_…"));
    m_fromNumber->setObjectName(QStringLiteral("fromNumber"));
    m_fromNumber->setPlaceholderText(QStringLiteral("+14155550100"));
    m_dailyLimit->setObjectName(QStringLiteral("dailyLimit"));
    m_dailyLimit->setRange(0, 1000000);
    m_dailyLimit->setSpecialValueText(tr("no limit"));
    m_dailyLimit->setValue(qMax(0, record.dailyCallLimit));
    m_error->setObjectName(QStringLiteral("error"));
    m_error->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_error->setWordWrap(true);
    m_error->hide();

    auto *form = new QFormLayout;
    form->addRow(tr("&Client:"), m_client);
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Description:"), m_description);
    form->addRow(tr("&Status:"), m_status);
    form->addRow(tr("Default &region:"), m_region);
    form->addRow(tr("Retell &agent id:"), m_agent);
    form->addRow(tr("Caller &number:"), m_fromNumber);
    form->addRow(tr("Daily call &limit:"), m_dailyLimit);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &CampaignDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &CampaignDialog::reject);
    auto *tabs = new QTabWidget(this);
    auto *campaignPage = new QWidget(tabs);
    campaignPage->setLayout(form);
    tabs->addTab(campaignPage, tr("Campaign"));
    tabs->addTab(m_calling, tr("Calling"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(tabs);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
}

Models::CampaignRecord CampaignDialog::record() const
{
    Models::CampaignRecord r = m_record;
    r.clientId = m_client->currentData().toLongLong();
    r.name = m_name->text().trimmed();
    r.description = m_description->toPlainText().trimmed();
    r.status = m_status->currentData().toString();
    r.defaultRegion = m_region->text().trimmed().toUpper();
    r.retellAgentId = m_agent->text().trimmed();
    r.fromNumber = m_fromNumber->text().trimmed();
    r.dailyCallLimit = m_dailyLimit->value() == 0 ? -1 : m_dailyLimit->value();
    return r;
}

Models::CampaignCallingSettings CampaignDialog::callingSettings() const
{
    return m_calling->settings();
}

QString CampaignDialog::validate()
{
    static const QRegularExpression e164(QStringLiteral("^\\+[1-9]\\d{6,14}$"));
    static const QRegularExpression regionShape(QStringLiteral("^[A-Z]{2}$"));
    const Models::CampaignRecord r = record();
    auto fail = [this](QWidget *field, const QString &message) {
        field->setFocus();
        m_error->setText(message);
        m_error->show();
        return message;
    };
    if (r.clientId == 0)
        return fail(m_client, tr("Client: choose the client this campaign works for (create one first)."));
    if (r.name.isEmpty())
        return fail(m_name, tr("Name: a campaign needs a name."));
    if (r.name.size() > 120)
        return fail(m_name, tr("Name: at most 120 characters."));
    if (!regionShape.match(r.defaultRegion).hasMatch()
        || QLocale::codeToTerritory(r.defaultRegion) == QLocale::AnyTerritory)
        return fail(m_region, tr("Default region: \"%1\" is not a two-letter country code such as US or GB.")
                                      .arg(r.defaultRegion));
    if (!r.fromNumber.isEmpty() && !e164.match(r.fromNumber).hasMatch())
        return fail(m_fromNumber, tr("Caller number: write it in E.164 form, such as +14155550100."));
    if (!r.retellAgentId.isEmpty() && r.retellAgentId.contains(QLatin1Char(' ')))
        return fail(m_agent, tr("Retell agent id: an id has no spaces."));
    if (const QString message = m_calling->validate(QDate()); !message.isEmpty()) {
        if (auto *tabs = findChild<QTabWidget *>())
            tabs->setCurrentWidget(m_calling); // the bad field's page first, so it can take focus
        QWidget *field = m_calling->fieldFor(message);
        return fail(field ? field : m_calling, message);
    }
    m_error->hide();
    return {};
}

void CampaignDialog::accept()
{
    if (validate().isEmpty())
        QDialog::accept();
}

} // namespace Callvia::Ui
