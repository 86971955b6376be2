#include "callingsettingsform.h"

#include <ui/widgets/durationspinbox.h>

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QHash>
#include <QLocale>
#include <QSpinBox>
#include <QTimeEdit>

namespace Callvia::Ui {

namespace {

QSpinBox *minutes(qint64 seconds, const QString &name, QWidget *parent)
{
    auto *box = new DurationSpinBox(parent); // "1 day", not "1440 min"
    box->setObjectName(name);
    box->setRange(-1, 30 * 24 * 60 + 1); // out-of-range values reach validate(), which names them
    box->setValue(int(seconds / 60));
    return box;
}

QSpinBox *count(int value, const QString &name, QWidget *parent)
{
    auto *box = new QSpinBox(parent);
    box->setObjectName(name);
    box->setRange(0, 100000);
    box->setValue(value);
    return box;
}

QTimeEdit *time(int minute, const QString &name, QWidget *parent)
{
    auto *edit = new QTimeEdit(QTime(0, 0).addSecs(minute * 60), parent);
    edit->setObjectName(name);
    edit->setDisplayFormat(QStringLiteral("HH:mm"));
    return edit;
}

// The lead statuses as the Leads view names them.
const char *statusName(const QString &status)
{
    static const QHash<QString, const char *> names {
        { QStringLiteral("new"), QT_TRANSLATE_NOOP("Callvia::Ui::CallingSettingsForm", "New") },
        { QStringLiteral("contacted"), QT_TRANSLATE_NOOP("Callvia::Ui::CallingSettingsForm", "Contacted") },
        { QStringLiteral("callback"), QT_TRANSLATE_NOOP("Callvia::Ui::CallingSettingsForm", "Call back") },
        { QStringLiteral("booked"), QT_TRANSLATE_NOOP("Callvia::Ui::CallingSettingsForm", "Booked") },
        { QStringLiteral("shown"), QT_TRANSLATE_NOOP("Callvia::Ui::CallingSettingsForm", "Shown") },
        { QStringLiteral("no_show"), QT_TRANSLATE_NOOP("Callvia::Ui::CallingSettingsForm", "No-show") },
    };
    return names.value(status, nullptr);
}

int minuteOf(const QTimeEdit *edit)
{
    return edit->time().msecsSinceStartOfDay() / 60000;
}

} // namespace

CallingSettingsForm::CallingSettingsForm(const Models::CampaignCallingSettings &settings, QWidget *parent)
    : QWidget(parent),
      m_settings(settings),
      m_start(time(settings.windowStartMinute, QStringLiteral("windowStart"), this)),
      m_end(time(settings.windowEndMinute, QStringLiteral("windowEnd"), this)),
      m_concurrent(count(settings.maxConcurrentCalls, QStringLiteral("maxConcurrentCalls"), this)),
      m_perMinute(count(settings.callsPerMinute, QStringLiteral("callsPerMinute"), this)),
      m_attempts(count(settings.maxAttempts, QStringLiteral("maxAttempts"), this)),
      m_retryNoAnswer(minutes(settings.retryNoAnswerSeconds, QStringLiteral("retryNoAnswer"), this)),
      m_retryVoicemail(minutes(settings.retryVoicemailSeconds, QStringLiteral("retryVoicemail"), this)),
      m_retryBusy(minutes(settings.retryBusySeconds, QStringLiteral("retryBusy"), this)),
      m_retryFailed(minutes(settings.retryFailedSeconds, QStringLiteral("retryFailed"), this)),
      m_consent(new QComboBox(this)),
      m_telemarketing(new QCheckBox(tr("Sales or appointment setting (telemarketing)"), this)),
      m_snapshot(new QLineEdit(settings.nationalDncSnapshot.toString(Qt::ISODate), this))
{
    auto *days = new QHBoxLayout;
    for (int day = 1; day <= 7; ++day) {
        auto *box = new QCheckBox(QLocale().dayName(day, QLocale::ShortFormat), this);
        box->setObjectName(QStringLiteral("day%1").arg(day));
        box->setChecked(settings.callingDays & (1 << (day - 1)));
        m_days << box;
        days->addWidget(box);
    }
    auto *window = new QHBoxLayout;
    window->addWidget(m_start);
    window->addWidget(m_end);
    m_start->setToolTip(tr("Local time of the lead; state rules narrow it further. Never before 08:00."));
    m_end->setToolTip(tr("Local time of the lead; never after 21:00."));
    auto *statuses = new QHBoxLayout;
    for (const QString &status : Models::CallingSettingsRepository::allowedStatuses()) {
        const char *name = statusName(status);
        auto *box = new QCheckBox(name ? tr(name) : status, this);
        box->setObjectName(QStringLiteral("status_") + status);
        box->setProperty("status", status);
        box->setChecked(settings.callableStatuses.contains(status));
        m_statuses << box;
        statuses->addWidget(box);
    }
    m_consent->setObjectName(QStringLiteral("consentRequired"));
    m_consent->addItem(tr("Written (sales, appointment setting)"), QStringLiteral("written"));
    m_consent->addItem(tr("Express (written or verbal)"), QStringLiteral("express"));
    m_consent->setCurrentIndex(qMax(0, m_consent->findData(settings.consentRequired)));
    m_telemarketing->setObjectName(QStringLiteral("telemarketing"));
    m_telemarketing->setChecked(settings.telemarketing);
    m_snapshot->setObjectName(QStringLiteral("nationalDncSnapshot"));
    m_snapshot->setPlaceholderText(QStringLiteral("YYYY-MM-DD"));

    auto *form = new QFormLayout(this);
    // Rows holding a layout get a label whose mnemonic goes to the row's first field.
    const auto label = [this](const QString &text, QWidget *buddy) {
        auto *l = new QLabel(text, this);
        l->setBuddy(buddy);
        return l;
    };
    form->addRow(label(tr("Calling &days:"), m_days.value(0)), days);
    form->addRow(label(tr("Calling &window:"), m_start), window);
    form->addRow(tr("Max &concurrent calls:"), m_concurrent);
    form->addRow(tr("Calls per &minute:"), m_perMinute);
    form->addRow(tr("Max &attempts per lead:"), m_attempts);
    form->addRow(tr("Retry after no answer:"), m_retryNoAnswer);
    form->addRow(tr("Retry after voicemail:"), m_retryVoicemail);
    form->addRow(tr("Retry after busy:"), m_retryBusy);
    form->addRow(tr("Retry after failed call:"), m_retryFailed);
    form->addRow(label(tr("Callable &statuses:"), m_statuses.value(0)), statuses);
    form->addRow(tr("Consent &required:"), m_consent);
    form->addRow(QString(), m_telemarketing);
    form->addRow(tr("National DNC s&napshot:"), m_snapshot);
}

Models::CampaignCallingSettings CallingSettingsForm::settings() const
{
    Models::CampaignCallingSettings s = m_settings;
    s.callingDays = 0;
    for (int i = 0; i < m_days.size(); ++i)
        s.callingDays |= m_days.at(i)->isChecked() ? (1 << i) : 0;
    s.windowStartMinute = minuteOf(m_start);
    s.windowEndMinute = minuteOf(m_end);
    s.maxConcurrentCalls = m_concurrent->value();
    s.callsPerMinute = m_perMinute->value();
    s.maxAttempts = m_attempts->value();
    s.retryNoAnswerSeconds = qint64(m_retryNoAnswer->value()) * 60;
    s.retryVoicemailSeconds = qint64(m_retryVoicemail->value()) * 60;
    s.retryBusySeconds = qint64(m_retryBusy->value()) * 60;
    s.retryFailedSeconds = qint64(m_retryFailed->value()) * 60;
    s.callableStatuses.clear();
    for (const QCheckBox *box : m_statuses) {
        if (box->isChecked())
            s.callableStatuses << box->property("status").toString();
    }
    s.consentRequired = m_consent->currentData().toString();
    s.telemarketing = m_telemarketing->isChecked();
    s.nationalDncSnapshot = QDate::fromString(m_snapshot->text().trimmed(), Qt::ISODate);
    return s;
}

QString CallingSettingsForm::validate(QDate today) const
{
    const QString text = m_snapshot->text().trimmed();
    if (!text.isEmpty() && !QDate::fromString(text, Qt::ISODate).isValid())
        return tr("National DNC snapshot date: \"%1\" is not a date (YYYY-MM-DD).").arg(text);
    return Models::CallingSettingsRepository::validate(settings(), today);
}

QWidget *CallingSettingsForm::fieldFor(const QString &message) const
{
    const std::pair<const char *, QWidget *> fields[] = {
        { "Calling days", m_days.value(0) }, { "Calling window start", m_start }, { "Calling window end", m_end },
        { "Maximum concurrent", m_concurrent }, { "Calls per minute", m_perMinute },
        { "Maximum attempts", m_attempts }, { "Retry after no answer", m_retryNoAnswer },
        { "Retry after voicemail", m_retryVoicemail }, { "Retry after busy", m_retryBusy },
        { "Retry after failed", m_retryFailed }, { "Callable lead statuses", m_statuses.value(0) },
        { "Consent required", m_consent }, { "National DNC", m_snapshot },
    };
    for (const auto &[prefix, widget] : fields) {
        if (message.startsWith(QLatin1String(prefix)))
            return widget;
    }
    return nullptr;
}

} // namespace Callvia::Ui
