#pragma once

#include <models/records.h>

#include <QCoreApplication>
#include <QString>
#include <QTimeZone>

class QLocale;
class QSettings;

namespace Callvia::Ui {

// The desktop's own settings, kept with QSettings in the native format (the registry, a plist,
// ~/.config/Callvia/Callvia.conf): interface language and display time zone (applied at the next
// start), the listener's address when --listen is not given, the backup folder and how many
// backups to keep, and the agency's defaults for new clients. Read and applied by the
// composition root; edited in SettingsDialog. Empty strings mean "the built-in default".
struct AppSettings
{
    Q_DECLARE_TR_FUNCTIONS(AppSettings)
public:
    QString language; // "" = the system's; else "en", "de" or "es" (ui/language)
    QString displayTimeZone; // "" = the system's; else an IANA id
    QString listenAddress; // "" = 127.0.0.1:8787; else HOST:PORT
    QString backupFolder; // "" = BackupService's default
    int backupKeep = 7; // newest backups kept
    int milestoneSize = 25; // shows per milestone
    qint64 milestoneAmountCents = 200000;
    qint64 perMinuteRateCents = 20;
    int verificationDelayMinutes = 2880; // verdict this long after the appointment's end

    static AppSettings load(const QSettings &settings);
    void save(QSettings &settings) const;

    enum Field { NoField, LanguageField, TimeZoneField, ListenField, BackupFolderField, BackupKeepField,
                 MilestoneSizeField, MilestoneAmountField, RateField, VerificationField };
    // Empty when every field is valid; else one sentence that names the first bad field (and
    // *field says which).
    QString validate(Field *field = nullptr) const;
    // HOST:PORT with a port 1-65535 (IPv6 in brackets: [::1]:8787); false and a message naming the
    // field otherwise.
    static bool parseListenAddress(const QString &text, QString *host, quint16 *port, QString *error = nullptr);
    // "2,000.00", "2000", "2000.5" in `locale` (a leading currency symbol is allowed): cents, or -1.
    static qint64 parseMoney(const QString &text, const QLocale &locale);
    static QString formatMoney(qint64 cents, const QLocale &locale); // "2,000.00"

    QTimeZone timeZone() const; // the display zone (the system's when unset or unknown)
    // A new client with these defaults (the Clients view's "New…" and ClientService's check);
    // the verification wait goes to ClientService beside it.
    Models::ClientRecord newClient() const;
};

} // namespace Callvia::Ui
