#include "leaddetaildialog.h"

#include "leadsview.h"

#include <models/clock.h>
#include <models/database.h>
#include <services/servicethread.h>

#include <QComboBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Callvia::Ui {

LeadDetailDialog::LeadDetailDialog(Models::Database &database, const Models::Clock &clock, Services::Session session,
                                   Services::ServiceThread &reader, const Models::LeadRecord &lead,
                                   const QList<QPair<QString, qint64>> &campaigns, QTimeZone viewerZone, QWidget *parent)
    : QDialog(parent),
      m_database(database),
      m_clock(clock),
      m_session(std::move(session)),
      m_reader(reader),
      m_lead(lead),
      m_zone(viewerZone.isValid() ? viewerZone : QTimeZone::utc())
{
    setWindowTitle(tr("Lead %1").arg(QString(lead.firstName + QLatin1Char(' ') + lead.lastName).trimmed()));
    m_form = new QFormLayout;
    addLine("firstName", tr("&First name:"), lead.firstName);
    addLine("lastName", tr("&Last name:"), lead.lastName);
    QLineEdit *phone = addLine("phone", tr("&Phone:"), lead.phoneE164);
    phone->setPlaceholderText(tr("Any format, e.g. (415) 555-0134"));
    addLine("extension", tr("E&xtension:"), lead.phoneExtension);
    addLine("email", tr("&E-mail:"), lead.email);
    addLine("company", tr("Compan&y:"), lead.company);
    m_campaign = new QComboBox(this);
    m_campaign->setObjectName(QStringLiteral("campaign"));
    for (const auto &[name, id] : campaigns)
        m_campaign->addItem(name, id);
    if (m_campaign->findData(lead.campaignId) < 0)
        m_campaign->addItem(tr("Campaign %1").arg(lead.campaignId), lead.campaignId);
    m_campaign->setCurrentIndex(m_campaign->findData(lead.campaignId));
    m_form->addRow(tr("C&ampaign:"), m_campaign);
    m_status = new QComboBox(this);
    m_status->setObjectName(QStringLiteral("status"));
    for (const QString &status : Services::LeadEditService::statusTargets(lead.status))
        m_status->addItem(LeadsView::statusText(status), status);
    m_status->setCurrentIndex(m_status->findData(lead.status));
    m_form->addRow(tr("&Status:"), m_status);
    m_callback = new QDateTimeEdit(this);
    m_callback->setObjectName(QStringLiteral("callbackAt"));
    // The wall clock of the viewer's zone (Qt 6.4's QDateTimeEdit has no zone of its own: it
    // holds the zone's date and time as UTC, and record() reads them back in the zone).
    m_callback->setTimeSpec(Qt::UTC);
    m_callback->setCalendarPopup(true);
    m_callback->setDisplayFormat(QLocale().dateTimeFormat(QLocale::ShortFormat));
    const QDateTime callback = QDateTime::fromMSecsSinceEpoch(lead.callbackAt > 0 ? lead.callbackAt : m_clock.nowMs() + 86'400'000, m_zone);
    m_callback->setDateTime(QDateTime(callback.date(), callback.time(), Qt::UTC));
    m_form->addRow(tr("Call &back at:"), m_callback);
    addLine("timeZone", tr("&Time zone:"), lead.timeZone)->setPlaceholderText(tr("IANA name, e.g. America/Chicago"));
    addLine("region", tr("State/&region:"), lead.region);
    m_consent = new QComboBox(this);
    m_consent->setObjectName(QStringLiteral("consentType"));
    m_consent->addItem(tr("Not recorded"), QString());
    m_consent->addItem(tr("Written"), QStringLiteral("written"));
    m_consent->addItem(tr("Verbal"), QStringLiteral("verbal"));
    m_consent->addItem(tr("None"), QStringLiteral("none"));
    m_consent->setCurrentIndex(std::max(0, m_consent->findData(lead.consentType)));
    m_form->addRow(tr("Co&nsent:"), m_consent);
    addLine("consentSource", tr("Consent so&urce:"), lead.consentSource);
    m_notes = new QPlainTextEdit(lead.notes, this);
    m_notes->setObjectName(QStringLiteral("notes"));
    m_notes->setTabChangesFocus(true);
    m_notes->setMaximumHeight(80);
    m_form->addRow(tr("N&otes:"), m_notes);

    m_history = new QListWidget(this);
    m_history->setObjectName(QStringLiteral("statusHistory"));
    m_history->setAccessibleName(tr("Status history"));
    m_history->setMaximumHeight(100);
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("error"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b3261e;"));
    m_error->hide();
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    const bool editable = m_session.canEdit();
    if (!editable) {
        m_buttons->setStandardButtons(QDialogButtonBox::Close);
        for (QWidget *w : findChildren<QWidget *>())
            if (qobject_cast<QLineEdit *>(w) || qobject_cast<QComboBox *>(w) || qobject_cast<QDateTimeEdit *>(w))
                w->setEnabled(false);
        m_notes->setReadOnly(true);
    }

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(m_form);
    layout->addWidget(new QLabel(tr("Status history"), this));
    layout->addWidget(m_history);
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);

    auto followStatus = [this, editable] {
        m_callback->setEnabled(editable && m_status->currentData().toString() == QLatin1String("callback"));
    };
    followStatus();
    connect(m_status, &QComboBox::currentIndexChanged, this, followStatus);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &LeadDetailDialog::save);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    loadHistory();
}

LeadDetailDialog::~LeadDetailDialog()
{
    if (m_reader.isRunning())
        m_reader.run([] {}); // a save or read still running answers before we go (see LeadsView)
}

QLineEdit *LeadDetailDialog::addLine(const char *name, const QString &label, const QString &text)
{
    auto *edit = new QLineEdit(text, this);
    edit->setObjectName(QString::fromLatin1(name));
    m_form->addRow(label, edit);
    return edit;
}

QLineEdit *LeadDetailDialog::field(const char *objectName) const
{
    return findChild<QLineEdit *>(QString::fromLatin1(objectName));
}

Models::LeadRecord LeadDetailDialog::record() const
{
    Models::LeadRecord r = m_lead;
    r.firstName = field("firstName")->text();
    r.lastName = field("lastName")->text();
    r.phoneExtension = field("extension")->text();
    r.email = field("email")->text();
    r.company = field("company")->text();
    r.campaignId = m_campaign->currentData().toLongLong();
    r.status = m_status->currentData().toString();
    const QDateTime callback(m_callback->date(), m_callback->time(), m_zone);
    r.callbackAt = r.status == QLatin1String("callback") ? callback.toMSecsSinceEpoch() : 0;
    r.timeZone = field("timeZone")->text();
    r.region = field("region")->text();
    r.consentType = m_consent->currentData().toString();
    r.consentSource = field("consentSource")->text();
    r.notes = m_notes->toPlainText();
    return r;
}

QString LeadDetailDialog::phoneText() const
{
    return field("phone")->text();
}

void LeadDetailDialog::save()
{
    if (m_busy || !m_session.canEdit())
        return;
    m_busy = true;
    m_buttons->setEnabled(false);
    m_error->hide();
    Models::Database *db = &m_database;
    const Models::Clock *clk = &m_clock;
    const Services::Session session = m_session;
    const Models::LeadRecord lead = record();
    const QString phone = phoneText();
    m_reader.post([this, db, clk, session, lead, phone] {
        const auto result = Services::LeadEditService(*db, *clk).save(session, lead, phone);
        QMetaObject::invokeMethod(this, [this, result] { showResult(result); }, Qt::QueuedConnection);
    });
}

void LeadDetailDialog::showResult(const Models::DbResult<Services::LeadEditService::Outcome> &result)
{
    m_busy = false;
    m_buttons->setEnabled(true);
    if (result.ok()) {
        m_lead = result.value().lead;
        Q_EMIT saved(m_lead, result.value().unknownAreaCode);
        accept();
        return;
    }
    const QString message = result.error().message();
    m_error->setText(message);
    m_error->show();
    // The service names the field first ("Phone: ..."): put the cursor there.
    static const QList<QPair<QString, const char *>> fields {
        { QStringLiteral("Phone:"), "phone" }, { QStringLiteral("E-mail:"), "email" },
        { QStringLiteral("Time zone:"), "timeZone" },
    };
    for (const auto &[prefix, name] : fields)
        if (message.startsWith(prefix))
            field(name)->setFocus();
    if (message.startsWith(QLatin1String("Status:")) || message.startsWith(QLatin1String("Call back at:")))
        m_status->setFocus();
}

QString LeadDetailDialog::error() const
{
    return m_error->isVisible() || !m_error->text().isEmpty() ? m_error->text() : QString();
}

void LeadDetailDialog::loadHistory()
{
    Models::Database *db = &m_database;
    const Models::Clock *clk = &m_clock;
    const Services::Session session = m_session;
    const qint64 id = m_lead.id;
    m_reader.post([this, db, clk, session, id] {
        const auto history = Services::LeadEditService(*db, *clk).statusHistory(session, id);
        QMetaObject::invokeMethod(this, [this, history] {
            m_history->clear();
            if (!history.ok()) {
                m_history->addItem(tr("Could not read the history: %1").arg(history.error().message()));
                return;
            }
            const QLocale locale;
            for (const auto &change : history.value())
                m_history->addItem(tr("%1: %2 → %3 by %4")
                                           .arg(locale.toString(QDateTime::fromMSecsSinceEpoch(change.at, m_zone), QLocale::ShortFormat),
                                                LeadsView::statusText(change.from), LeadsView::statusText(change.to),
                                                change.username));
            if (history.value().isEmpty())
                m_history->addItem(tr("No status change recorded yet."));
        }, Qt::QueuedConnection);
    });
}

QStringList LeadDetailDialog::historyLines() const
{
    QStringList lines;
    for (int i = 0; i < m_history->count(); ++i)
        lines << m_history->item(i)->text();
    return lines;
}

} // namespace Callvia::Ui
