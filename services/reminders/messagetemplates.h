#pragma once

#include "smsencoding.h"

#include <models/dberror.h>

#include <QHash>
#include <QString>
#include <QStringList>

namespace Callvia::Models {
class Clock;
class Database;
struct MessageTemplateRecord;
} // namespace Callvia::Models

namespace Callvia::Services {

// The reminder, rebook and receipt texts. Defaults ship in resources/templates/<language>.json
// (English, German, Spanish); a client may override any of them (message_templates table).
// Placeholders are written {{name}}: first_name, appointment_time (in the lead's time zone),
// location (address or meeting link), reschedule_link, client_name. A template naming any
// other placeholder is refused when saved, with that name in the error.
// Every SMS ends with the language's opt-out wording (appended when the text lacks it), is
// folded to GSM-7 when only accents stand in the way (160 characters a segment, not 70), and
// is refused when it renders empty or takes more than 10 segments.
class MessageTemplates final
{
public:
    static constexpr int MaxSmsSegments = 10;

    struct Text
    {
        QString subject; // e-mail only
        QString body;
    };
    struct Rendered
    {
        QString subject;
        QString body;
        SmsCount sms; // SMS only
        QString error; // set when the message must not go (empty, too long)
    };

    MessageTemplates(Models::Database &database, const Models::Clock &clock);

    static const QStringList &placeholders();
    static const QStringList &names(); // reminder_24h, reminder_2h, reminder_15m, rebook, receipt
    static const QStringList &languages(); // en, de, es (the first is the fallback)
    // "en" unless `language` (any case, "de-AT" counts as "de") is one we have texts for.
    static QString pickLanguage(const QString &language);
    // "" when every {{placeholder}} is known and closed; else the problem, naming the placeholder.
    static QString validate(const QString &text);
    static QString substitute(const QString &text, const QHash<QString, QString> &values);
    // The default text; an empty Text when there is none for (name, channel).
    static Text defaultText(const QString &name, const QString &channel, const QString &language);
    static QString optOutWording(const QString &language);
    // The one text answering a STOP (no marketing, no opt-out line).
    static QString optOutConfirmation(const QString &language, const QString &clientName);
    // The appointment time as leads read it: their zone, their language ("Tue, Mar 12, 2:30 PM EST").
    static QString formatTime(qint64 utcMs, const QString &timeZone, const QString &language);

    static Rendered renderSms(const QString &body, const QHash<QString, QString> &values, const QString &language);
    static Rendered renderEmail(const Text &text, const QHash<QString, QString> &values);

    // The client's override, else the default; `language` as given by pickLanguage.
    Models::DbResult<Text> resolve(qint64 clientId, const QString &name, const QString &channel,
                                   const QString &language) const;
    // Validates (known name, channel, language; placeholders of subject and body) and stores.
    // Invalid with the reason when refused.
    Models::DbResult<qint64> save(const Models::MessageTemplateRecord &record) const;

private:
    Models::Database &m_database;
    const Models::Clock &m_clock;
};

} // namespace Callvia::Services
