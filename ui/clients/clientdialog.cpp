#include "clientdialog.h"

#include <services/webhooks/clientattribution.h>

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpression>
#include <QSpinBox>
#include <QTimeZone>
#include <QVBoxLayout>

#include <tuple>

namespace Callvia::Ui {

ClientDialog::ClientDialog(const Models::ClientRecord &record, QWidget *parent)
    : QDialog(parent),
      m_record(record),
      m_name(new QLineEdit(record.name, this)),
      m_email(new QLineEdit(record.contactEmail, this)),
      m_phone(new QLineEdit(record.phone, this)),
      m_stripeCustomer(new QLineEdit(record.stripeCustomerId, this)),
      m_timeZone(new QComboBox(this)),
      m_rate(new QSpinBox(this)),
      m_milestoneSize(new QSpinBox(this)),
      m_milestoneAmount(new QLineEdit(this)),
      m_error(new QLabel(this))
{
    setWindowTitle(record.id ? tr("Edit client") : tr("New client"));
    m_name->setObjectName(QStringLiteral("name"));
    m_email->setObjectName(QStringLiteral("contactEmail"));
    m_stripeCustomer->setObjectName(QStringLiteral("stripeCustomerId"));
    m_stripeCustomer->setPlaceholderText(QStringLiteral("cus_…"));
    m_timeZone->setObjectName(QStringLiteral("timeZone"));
    m_timeZone->setEditable(true);
    const QList<QByteArray> zones = QTimeZone::availableTimeZoneIds();
    for (const QByteArray &zone : zones)
        m_timeZone->addItem(QString::fromUtf8(zone));
    m_timeZone->setCurrentText(record.timeZone);
    m_rate->setObjectName(QStringLiteral("rate"));
    m_rate->setRange(0, 100000);
    m_rate->setSuffix(tr(" ¢ per minute"));
    m_rate->setValue(int(record.perMinuteRateCents));
    m_milestoneSize->setObjectName(QStringLiteral("milestoneSize"));
    m_milestoneSize->setRange(1, 10000);
    m_milestoneSize->setSuffix(tr(" shown appointments"));
    m_milestoneSize->setValue(record.milestoneSize);
    m_milestoneAmount->setObjectName(QStringLiteral("milestoneAmount"));
    m_milestoneAmount->setText(QStringLiteral("%1.%2")
                                       .arg(record.milestoneAmountCents / 100)
                                       .arg(record.milestoneAmountCents % 100, 2, 10, QLatin1Char('0')));
    m_error->setObjectName(QStringLiteral("error"));
    m_error->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_error->setWordWrap(true);
    m_error->hide();

    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("Contact &e-mail:"), m_email);
    form->addRow(tr("&Phone:"), m_phone);
    form->addRow(tr("&Stripe customer id:"), m_stripeCustomer);
    form->addRow(tr("&Time zone:"), m_timeZone);
    form->addRow(tr("Per-minute &rate:"), m_rate);
    form->addRow(tr("Milestone &size:"), m_milestoneSize);
    form->addRow(tr("Milestone &amount ($):"), m_milestoneAmount);
    // What providers vouch for: webhook events find their client from these (issue 20).
    const QList<std::tuple<const char *, const char *, QString, QString>> idFields {
        { "retell", "agent_id", tr("Retell agent ids"), QStringLiteral("agent_…") },
        { "retell", "number", tr("Retell phone numbers"), QStringLiteral("+14155550100") },
        { "calcom", "event_type_id", tr("Cal.com event type ids"), QStringLiteral("1234") },
        { "calcom", "organizer", tr("Cal.com organizers"), tr("e-mail or username") },
        { "messagebird", "number", tr("MessageBird numbers"), QStringLiteral("+14155550100") },
    };
    for (const auto &[provider, kind, label, placeholder] : idFields) {
        auto *edit = new QLineEdit(this);
        edit->setObjectName(QLatin1String(provider) + QLatin1Char('_') + QLatin1String(kind));
        edit->setPlaceholderText(placeholder);
        edit->setToolTip(tr("Separate several with commas. Webhook events carrying one of these belong to this "
                            "client; events that match no client change nothing."));
        form->addRow(label + QLatin1Char(':'), edit);
        m_providerIds.append({ QLatin1String(provider), QLatin1String(kind), label, edit });
    }
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &ClientDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &ClientDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
}

qint64 ClientDialog::parseCents(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("^\\$?\\s*(\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.(\\d{1,2}))?$"));
    const QRegularExpressionMatch match = pattern.match(text.trimmed());
    if (!match.hasMatch())
        return -1;
    const QString whole = match.captured(1).remove(QLatin1Char(','));
    if (whole.size() > 12)
        return -1;
    QString fraction = match.captured(2);
    while (fraction.size() < 2)
        fraction += QLatin1Char('0');
    return whole.toLongLong() * 100 + fraction.toLongLong();
}

Models::ClientRecord ClientDialog::record() const
{
    Models::ClientRecord r = m_record;
    r.name = m_name->text().trimmed();
    r.contactEmail = m_email->text().trimmed().toLower();
    r.phone = m_phone->text().trimmed();
    r.stripeCustomerId = m_stripeCustomer->text().trimmed();
    r.timeZone = m_timeZone->currentText().trimmed();
    r.perMinuteRateCents = m_rate->value();
    r.milestoneSize = m_milestoneSize->value();
    r.milestoneAmountCents = parseCents(m_milestoneAmount->text());
    return r;
}

namespace {

// A list typed into one provider id field: separated by commas (or semicolons); ids other than
// phone numbers (which are often typed with spaces) may also be separated by spaces.
QStringList splitIds(const QString &text, bool allowSpaces)
{
    static const QRegularExpression listSeparators(QStringLiteral("[,;\\n]+"));
    static const QRegularExpression anySeparators(QStringLiteral("[,;\\s]+"));
    QStringList parts = text.split(allowSpaces ? anySeparators : listSeparators, Qt::SkipEmptyParts);
    for (QString &part : parts)
        part = part.trimmed();
    parts.removeAll(QString());
    return parts;
}

} // namespace

void ClientDialog::setProviderIds(const QList<Models::ClientProviderId> &ids)
{
    for (ProviderIdField &field : m_providerIds) {
        QStringList values;
        for (const Models::ClientProviderId &id : ids) {
            if (id.provider == field.provider && id.kind == field.kind)
                values << id.value;
        }
        field.edit->setText(values.join(QStringLiteral(", ")));
    }
}

QList<Models::ClientProviderId> ClientDialog::providerIds() const
{
    QList<Models::ClientProviderId> ids;
    for (const ProviderIdField &field : m_providerIds) {
        const QStringList values = splitIds(field.edit->text(), field.kind != QLatin1String("number"));
        for (const QString &raw : values) {
            QString error;
            const QString value = Services::ClientAttribution::normalize(field.provider, field.kind, raw, &error);
            const Models::ClientProviderId id { m_record.id, field.provider, field.kind, value.isEmpty() ? raw : value };
            if (!ids.contains(id))
                ids.append(id);
        }
    }
    return ids;
}

void ClientDialog::setBillingEditable(bool editable)
{
    const QString tip = editable ? QString() : tr("Only an administrator may change billing terms.");
    for (QWidget *field : std::initializer_list<QWidget *> { m_stripeCustomer, m_rate, m_milestoneSize, m_milestoneAmount }) {
        field->setEnabled(editable);
        field->setToolTip(tip);
    }
}

QString ClientDialog::validate()
{
    static const QRegularExpression emailShape(QStringLiteral("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$"));
    const Models::ClientRecord r = record();
    auto fail = [this](QWidget *field, const QString &message) {
        field->setFocus();
        m_error->setText(message);
        m_error->show();
        return message;
    };
    if (r.name.isEmpty())
        return fail(m_name, tr("Name: a client needs a name."));
    if (!r.contactEmail.isEmpty() && !emailShape.match(r.contactEmail).hasMatch())
        return fail(m_email, tr("Contact e-mail: \"%1\" is not an e-mail address.").arg(r.contactEmail));
    if (!r.stripeCustomerId.isEmpty() && !r.stripeCustomerId.startsWith(QLatin1String("cus_")))
        return fail(m_stripeCustomer, tr("Stripe customer id: it starts with \"cus_\"."));
    if (!QTimeZone(r.timeZone.toUtf8()).isValid())
        return fail(m_timeZone, tr("Time zone: \"%1\" is not an IANA time zone such as America/New_York.")
                                        .arg(r.timeZone));
    if (r.milestoneAmountCents < 0)
        return fail(m_milestoneAmount, tr("Milestone amount: enter dollars and cents, such as 2000 or 2000.00."));
    for (const ProviderIdField &field : std::as_const(m_providerIds)) {
        const QStringList values = splitIds(field.edit->text(), field.kind != QLatin1String("number"));
        for (const QString &raw : values) {
            QString error;
            if (Services::ClientAttribution::normalize(field.provider, field.kind, raw, &error).isEmpty())
                return fail(field.edit, QStringLiteral("%1: %2.").arg(field.label, error));
        }
    }
    m_error->hide();
    return {};
}

void ClientDialog::accept()
{
    if (validate().isEmpty())
        QDialog::accept();
}

} // namespace Callvia::Ui
