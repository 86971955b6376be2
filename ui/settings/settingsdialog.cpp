#include "settingsdialog.h"

#include <ui/widgets/translations.h>

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>
#include <QTimeZone>
#include <QVBoxLayout>

namespace Callvia::Ui {

namespace {

QString languageName(const QString &code)
{
    const QLocale locale(code);
    const QString native = locale.nativeLanguageName();
    return native.isEmpty() ? code : native.left(1).toUpper() + native.mid(1);
}

} // namespace

SettingsDialog::SettingsDialog(const AppSettings &settings, QWidget *parent)
    : QDialog(parent),
      m_original(settings),
      m_language(new QComboBox(this)),
      m_timeZone(new QComboBox(this)),
      m_listen(new QLineEdit(settings.listenAddress, this)),
      m_backupFolder(new QLineEdit(settings.backupFolder, this)),
      m_backupKeep(new QSpinBox(this)),
      m_milestoneSize(new QSpinBox(this)),
      m_milestoneAmount(new QLineEdit(AppSettings::formatMoney(settings.milestoneAmountCents, QLocale()), this)),
      m_rate(new QSpinBox(this)),
      m_verificationHours(new QSpinBox(this)),
      m_error(new QLabel(this))
{
    setWindowTitle(tr("Settings"));
    m_language->setObjectName(QStringLiteral("language"));
    m_language->addItem(tr("System default"), QString());
    for (const QString &code : availableLanguages())
        m_language->addItem(languageName(code), code);
    m_language->setCurrentIndex(qMax(0, m_language->findData(settings.language)));
    m_timeZone->setObjectName(QStringLiteral("timeZone"));
    m_timeZone->setEditable(true);
    m_timeZone->setInsertPolicy(QComboBox::NoInsert);
    m_timeZone->addItem(tr("System (%1)").arg(QString::fromUtf8(QTimeZone::systemTimeZoneId())), QString());
    for (const QByteArray &id : QTimeZone::availableTimeZoneIds())
        m_timeZone->addItem(QString::fromUtf8(id), QString::fromUtf8(id));
    if (settings.displayTimeZone.isEmpty())
        m_timeZone->setCurrentIndex(0);
    else
        m_timeZone->setCurrentText(settings.displayTimeZone);
    m_listen->setObjectName(QStringLiteral("listenAddress"));
    m_listen->setPlaceholderText(QStringLiteral("127.0.0.1:8787"));
    m_backupFolder->setObjectName(QStringLiteral("backupFolder"));
    m_backupFolder->setPlaceholderText(tr("the default folder"));
    m_backupKeep->setObjectName(QStringLiteral("backupKeep"));
    m_backupKeep->setRange(1, 365);
    m_backupKeep->setSuffix(tr(" newest backups"));
    m_backupKeep->setValue(settings.backupKeep);
    m_milestoneSize->setObjectName(QStringLiteral("milestoneSize"));
    m_milestoneSize->setRange(1, 10000);
    m_milestoneSize->setSuffix(tr(" shown appointments"));
    m_milestoneSize->setValue(settings.milestoneSize);
    m_milestoneAmount->setObjectName(QStringLiteral("milestoneAmount"));
    m_rate->setObjectName(QStringLiteral("rate"));
    m_rate->setRange(0, 100000);
    m_rate->setSuffix(tr(" ¢ per minute"));
    m_rate->setValue(int(settings.perMinuteRateCents));
    m_verificationHours->setObjectName(QStringLiteral("verificationWait"));
    m_verificationHours->setRange(0, 720);
    m_verificationHours->setSuffix(tr(" hours after the appointment ends"));
    m_verificationHours->setValue(settings.verificationDelayMinutes / 60);
    m_error->setObjectName(QStringLiteral("error"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b00020"));
    m_error->hide();

    auto *general = new QGroupBox(tr("This computer"), this);
    auto *generalForm = new QFormLayout(general);
    generalForm->addRow(tr("&Language:"), m_language);
    generalForm->addRow(tr("Display &time zone:"), m_timeZone);
    auto *restart = new QLabel(tr("Language and time zone apply the next time Callvia starts."), general);
    restart->setWordWrap(true);
    generalForm->addRow(QString(), restart);
    generalForm->addRow(tr("Listener &address:"), m_listen);
    auto *folderRow = new QHBoxLayout;
    folderRow->addWidget(m_backupFolder, 1);
    auto *browse = new QPushButton(tr("&Browse…"), general);
    folderRow->addWidget(browse);
    auto *folderLabel = new QLabel(tr("Backup &folder:"), general);
    folderLabel->setBuddy(m_backupFolder); // a row of a layout has no buddy of its own
    generalForm->addRow(folderLabel, folderRow);
    generalForm->addRow(tr("&Keep:"), m_backupKeep);

    auto *defaults = new QGroupBox(tr("Defaults for new clients"), this);
    auto *defaultsForm = new QFormLayout(defaults);
    defaultsForm->addRow(tr("&Shows per milestone:"), m_milestoneSize);
    defaultsForm->addRow(tr("Milestone a&mount ($):"), m_milestoneAmount);
    defaultsForm->addRow(tr("&Rate per minute:"), m_rate);
    defaultsForm->addRow(tr("&Verification wait:"), m_verificationHours);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(general);
    layout->addWidget(defaults);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString folder = QFileDialog::getExistingDirectory(this, tr("Backup folder"), m_backupFolder->text());
        if (!folder.isEmpty())
            m_backupFolder->setText(folder);
    });
}

AppSettings SettingsDialog::settings() const
{
    AppSettings s = m_original;
    s.language = m_language->currentData().toString();
    const QString zone = m_timeZone->currentText().trimmed();
    s.displayTimeZone = m_timeZone->currentIndex() == 0 && zone == m_timeZone->itemText(0) ? QString() : zone;
    s.listenAddress = m_listen->text().trimmed();
    s.backupFolder = m_backupFolder->text().trimmed();
    s.backupKeep = m_backupKeep->value();
    s.milestoneSize = m_milestoneSize->value();
    s.milestoneAmountCents = AppSettings::parseMoney(m_milestoneAmount->text(), QLocale());
    s.perMinuteRateCents = m_rate->value();
    s.verificationDelayMinutes = m_verificationHours->value() * 60;
    return s;
}

QString SettingsDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

QWidget *SettingsDialog::fieldFor(AppSettings::Field field) const
{
    switch (field) {
    case AppSettings::LanguageField:
        return m_language;
    case AppSettings::TimeZoneField:
        return m_timeZone;
    case AppSettings::ListenField:
        return m_listen;
    case AppSettings::BackupFolderField:
        return m_backupFolder;
    case AppSettings::BackupKeepField:
        return m_backupKeep;
    case AppSettings::MilestoneSizeField:
        return m_milestoneSize;
    case AppSettings::MilestoneAmountField:
        return m_milestoneAmount;
    case AppSettings::RateField:
        return m_rate;
    case AppSettings::VerificationField:
        return m_verificationHours;
    case AppSettings::NoField:
        break;
    }
    return nullptr;
}

void SettingsDialog::accept()
{
    AppSettings::Field field = AppSettings::NoField;
    const QString error = settings().validate(&field);
    if (error.isEmpty()) {
        m_error->clear();
        m_error->hide();
        QDialog::accept();
        return;
    }
    m_error->setText(error);
    m_error->show();
    adjustSize(); // room for the message, without squeezing the wrapped note above it
    if (QWidget *widget = fieldFor(field))
        widget->setFocus();
}

} // namespace Callvia::Ui
