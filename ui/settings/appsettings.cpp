#include "appsettings.h"

#include <ui/widgets/translations.h>

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QHostAddress>
#include <QLocale>
#include <QSettings>

namespace Callvia::Ui {

namespace {

const QString TimeZoneKey = QStringLiteral("ui/timeZone");
const QString ListenKey = QStringLiteral("listener/address");
const QString BackupFolderKey = QStringLiteral("backup/folder");
const QString BackupKeepKey = QStringLiteral("backup/keep");
const QString MilestoneSizeKey = QStringLiteral("clients/milestoneSize");
const QString MilestoneAmountKey = QStringLiteral("clients/milestoneAmountCents");
const QString RateKey = QStringLiteral("clients/perMinuteRateCents");
const QString VerificationKey = QStringLiteral("clients/verificationDelayMinutes");

} // namespace

AppSettings AppSettings::load(const QSettings &settings)
{
    AppSettings s;
    s.language = settings.value(QLatin1String(LanguageSettingKey)).toString();
    s.displayTimeZone = settings.value(TimeZoneKey).toString();
    s.listenAddress = settings.value(ListenKey).toString();
    s.backupFolder = settings.value(BackupFolderKey).toString();
    s.backupKeep = settings.value(BackupKeepKey, s.backupKeep).toInt();
    s.milestoneSize = settings.value(MilestoneSizeKey, s.milestoneSize).toInt();
    s.milestoneAmountCents = settings.value(MilestoneAmountKey, s.milestoneAmountCents).toLongLong();
    s.perMinuteRateCents = settings.value(RateKey, s.perMinuteRateCents).toLongLong();
    s.verificationDelayMinutes = settings.value(VerificationKey, s.verificationDelayMinutes).toInt();
    return s;
}

void AppSettings::save(QSettings &settings) const
{
    settings.setValue(QLatin1String(LanguageSettingKey), language);
    settings.setValue(TimeZoneKey, displayTimeZone);
    settings.setValue(ListenKey, listenAddress);
    settings.setValue(BackupFolderKey, backupFolder);
    settings.setValue(BackupKeepKey, backupKeep);
    settings.setValue(MilestoneSizeKey, milestoneSize);
    settings.setValue(MilestoneAmountKey, milestoneAmountCents);
    settings.setValue(RateKey, perMinuteRateCents);
    settings.setValue(VerificationKey, verificationDelayMinutes);
    settings.sync();
}

bool AppSettings::parseListenAddress(const QString &text, QString *host, quint16 *port, QString *error)
{
    const QString trimmed = text.trimmed();
    const qsizetype colon = trimmed.lastIndexOf(QLatin1Char(':'));
    QString hostPart = colon > 0 ? trimmed.left(colon) : QString();
    if (hostPart.startsWith(QLatin1Char('[')) && hostPart.endsWith(QLatin1Char(']')))
        hostPart = hostPart.mid(1, hostPart.size() - 2);
    bool numeric = false;
    const uint number = colon > 0 ? trimmed.mid(colon + 1).toUInt(&numeric) : 0;
    const bool hostOk = !hostPart.isEmpty()
            && (!QHostAddress(hostPart).isNull() || hostPart == QLatin1String("localhost"));
    if (!numeric || number < 1 || number > 65535 || !hostOk) {
        if (error)
            *error = tr("Listener address: \"%1\" is not HOST:PORT with an IP address and a port from 1 to 65535, "
                        "for example 127.0.0.1:8787.")
                             .arg(trimmed);
        return false;
    }
    if (host)
        *host = hostPart;
    if (port)
        *port = quint16(number);
    return true;
}

qint64 AppSettings::parseMoney(const QString &text, const QLocale &locale)
{
    QString digits = text.trimmed();
    while (!digits.isEmpty() && !digits.front().isDigit()) {
        if (digits.startsWith(QLatin1Char('-')) || digits.startsWith(locale.negativeSign()))
            return -1; // an amount is never negative
        digits.remove(0, 1); // "$ 2,000.00"
    }
    digits.remove(locale.groupSeparator());
    QString whole = digits, fraction;
    const qsizetype point = digits.indexOf(locale.decimalPoint());
    if (point >= 0) {
        whole = digits.left(point);
        fraction = digits.mid(point + locale.decimalPoint().size());
    }
    if (whole.isEmpty() || whole.size() > 12 || fraction.size() > 2)
        return -1;
    for (const QChar c : QString(whole + fraction)) {
        if (!c.isDigit() || c.unicode() > 127)
            return -1;
    }
    while (fraction.size() < 2)
        fraction += QLatin1Char('0');
    return whole.toLongLong() * 100 + fraction.toLongLong();
}

QString AppSettings::formatMoney(qint64 cents, const QLocale &locale)
{
    return locale.toString(cents / 100) + locale.decimalPoint()
            + QStringLiteral("%1").arg(cents % 100, 2, 10, QLatin1Char('0'));
}

QString AppSettings::validate(Field *field) const
{
    auto fail = [field](Field which, const QString &message) {
        if (field)
            *field = which;
        return message;
    };
    if (field)
        *field = NoField;
    if (!language.isEmpty() && !availableLanguages().contains(language))
        return fail(LanguageField, tr("Language: \"%1\" is not one of English, German or Spanish.").arg(language));
    if (!displayTimeZone.isEmpty() && !QTimeZone::isTimeZoneIdAvailable(displayTimeZone.toUtf8()))
        return fail(TimeZoneField, tr("Display time zone: \"%1\" is not a known time zone (use an IANA name such as "
                                      "America/New_York).")
                                           .arg(displayTimeZone));
    QString error;
    if (!listenAddress.isEmpty() && !parseListenAddress(listenAddress, nullptr, nullptr, &error))
        return fail(ListenField, error);
    if (!backupFolder.isEmpty() && QDir::isRelativePath(backupFolder))
        return fail(BackupFolderField, tr("Backup folder: give a full path, such as %1.")
                                               .arg(QDir::homePath() + QStringLiteral("/Backups")));
    if (!backupFolder.isEmpty() && QFileInfo::exists(backupFolder) && !QFileInfo(backupFolder).isDir())
        return fail(BackupFolderField, tr("Backup folder: %1 is a file, not a folder.").arg(backupFolder));
    if (backupKeep < 1 || backupKeep > 365)
        return fail(BackupKeepField, tr("Backups to keep: enter a number from 1 to 365."));
    if (milestoneSize < 1 || milestoneSize > 10000)
        return fail(MilestoneSizeField, tr("Shows per milestone: enter a number from 1 to 10,000."));
    if (milestoneAmountCents < 0)
        return fail(MilestoneAmountField, tr("Milestone amount: enter an amount of money such as 2000 or 2000.00."));
    if (perMinuteRateCents < 0 || perMinuteRateCents > 100000)
        return fail(RateField, tr("Rate per minute: enter cents from 0 to 100,000."));
    if (verificationDelayMinutes < 0 || verificationDelayMinutes > 30 * 24 * 60)
        return fail(VerificationField, tr("Verification wait: enter from 0 to 720 hours."));
    return {};
}

QTimeZone AppSettings::timeZone() const
{
    const QTimeZone zone(displayTimeZone.toUtf8());
    return !displayTimeZone.isEmpty() && zone.isValid() ? zone : QTimeZone::systemTimeZone();
}

Models::ClientRecord AppSettings::newClient() const
{
    Models::ClientRecord record;
    record.milestoneSize = milestoneSize;
    record.milestoneAmountCents = milestoneAmountCents;
    record.perMinuteRateCents = perMinuteRateCents;
    return record;
}

} // namespace Callvia::Ui
