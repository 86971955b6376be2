#include "messagetemplates.h"

#include <models/repositories/templaterepository.h>

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QMutex>
#include <QRegularExpression>
#include <QTimeZone>

namespace Callvia::Services {

using namespace Models;

namespace {

const QString open = QStringLiteral("{{");
const QString close = QStringLiteral("}}");

QJsonObject defaultsFor(const QString &language)
{
    static QHash<QString, QJsonObject> cache; // read-only after the first call per language
    static QMutex mutex;
    QMutexLocker lock(&mutex);
    auto it = cache.constFind(language);
    if (it != cache.constEnd())
        return it.value();
    QFile file(QStringLiteral(":/templates/%1.json").arg(language));
    QJsonObject object;
    if (file.open(QIODevice::ReadOnly))
        object = QJsonDocument::fromJson(file.readAll()).object();
    cache.insert(language, object);
    return object;
}

// Whitespace left by an empty placeholder: "Hi ," -> "Hi,", double spaces, blank ends.
QString tidy(QString text)
{
    static const QRegularExpression spaceBeforePunctuation(QStringLiteral("[ \\t]+([,.;:!?)])"));
    static const QRegularExpression spaces(QStringLiteral("[ \\t]{2,}"));
    static const QRegularExpression emptyLabel(QStringLiteral("(^|[ \\n])[A-Za-zÀ-ÿ]+: *(?=\\n|$)"));
    text.replace(spaceBeforePunctuation, QStringLiteral("\\1"));
    text.replace(spaces, QStringLiteral(" "));
    text.replace(emptyLabel, QStringLiteral("\\1"));
    return text.trimmed();
}

} // namespace

MessageTemplates::MessageTemplates(Database &database, const Clock &clock) : m_database(database), m_clock(clock) { }

const QStringList &MessageTemplates::placeholders()
{
    static const QStringList list { QStringLiteral("first_name"), QStringLiteral("appointment_time"),
                                    QStringLiteral("location"), QStringLiteral("reschedule_link"),
                                    QStringLiteral("client_name") };
    return list;
}

const QStringList &MessageTemplates::names()
{
    static const QStringList list { QStringLiteral("reminder_24h"), QStringLiteral("reminder_2h"),
                                    QStringLiteral("reminder_15m"), QStringLiteral("rebook"), QStringLiteral("receipt") };
    return list;
}

const QStringList &MessageTemplates::languages()
{
    static const QStringList list { QStringLiteral("en"), QStringLiteral("de"), QStringLiteral("es") };
    return list;
}

QString MessageTemplates::pickLanguage(const QString &language)
{
    const QString code = language.trimmed().left(2).toLower();
    return languages().contains(code) ? code : languages().first();
}

QString MessageTemplates::validate(const QString &text)
{
    qsizetype from = 0;
    while (true) {
        const qsizetype start = text.indexOf(open, from);
        if (start < 0)
            break;
        const qsizetype end = text.indexOf(close, start + open.size());
        if (end < 0)
            return QStringLiteral("placeholder opened at character %1 is not closed with }}").arg(start + 1);
        const QString name = text.mid(start + open.size(), end - start - open.size()).trimmed();
        if (!placeholders().contains(name))
            return QStringLiteral("unknown placeholder {{%1}} (known: %2)").arg(name, placeholders().join(QStringLiteral(", ")));
        from = end + close.size();
    }
    if (text.indexOf(close, from) >= 0)
        return QStringLiteral("}} at character %1 closes no placeholder").arg(text.indexOf(close, from) + 1);
    return {};
}

QString MessageTemplates::substitute(const QString &text, const QHash<QString, QString> &values)
{
    QString out;
    qsizetype from = 0;
    while (true) {
        const qsizetype start = text.indexOf(open, from);
        const qsizetype end = start < 0 ? -1 : text.indexOf(close, start + open.size());
        if (end < 0) {
            out += QStringView(text).mid(from);
            return out;
        }
        out += QStringView(text).mid(from, start - from);
        out += values.value(text.mid(start + open.size(), end - start - open.size()).trimmed());
        from = end + close.size();
    }
}

MessageTemplates::Text MessageTemplates::defaultText(const QString &name, const QString &channel, const QString &language)
{
    const QJsonObject entry = defaultsFor(pickLanguage(language))
                                      .value(QLatin1String("templates")).toObject()
                                      .value(name).toObject()
                                      .value(channel).toObject();
    return { entry.value(QLatin1String("subject")).toString(), entry.value(QLatin1String("body")).toString() };
}

QString MessageTemplates::optOutWording(const QString &language)
{
    return defaultsFor(pickLanguage(language)).value(QLatin1String("opt_out")).toString();
}

QString MessageTemplates::optOutConfirmation(const QString &language, const QString &clientName)
{
    const QString text = defaultsFor(pickLanguage(language)).value(QLatin1String("opt_out_confirmation")).toString();
    const QString client = clientName.isEmpty() ? QStringLiteral("our") : clientName;
    return SmsEncoding::foldToGsm7(tidy(substitute(text, { { QStringLiteral("client_name"), client } })));
}

QString MessageTemplates::formatTime(qint64 utcMs, const QString &timeZone, const QString &language)
{
    QTimeZone zone(timeZone.toUtf8());
    if (!zone.isValid())
        zone = QTimeZone::utc();
    const QDateTime local = QDateTime::fromMSecsSinceEpoch(utcMs, Qt::UTC).toTimeZone(zone);
    const QString lang = pickLanguage(language);
    QString text;
    if (lang == QLatin1String("de"))
        text = QLocale(QLocale::German, QLocale::Germany).toString(local, QStringLiteral("ddd d. MMM, HH:mm"));
    else if (lang == QLatin1String("es"))
        text = QLocale(QLocale::Spanish, QLocale::Spain).toString(local, QStringLiteral("ddd d MMM, HH:mm"));
    else
        text = QLocale(QLocale::English, QLocale::UnitedStates).toString(local, QStringLiteral("ddd, MMM d, h:mm AP"));
    const QString abbreviation = zone.abbreviation(local);
    return abbreviation.isEmpty() ? text : text + QLatin1Char(' ') + abbreviation;
}

MessageTemplates::Rendered MessageTemplates::renderSms(const QString &body, const QHash<QString, QString> &values,
                                                       const QString &language)
{
    Rendered r;
    QString text = tidy(substitute(body, values));
    if (text.isEmpty()) {
        r.error = QStringLiteral("the SMS renders empty");
        return r;
    }
    const QString optOut = optOutWording(language);
    if (!text.contains(optOut, Qt::CaseInsensitive))
        text += QLatin1Char(' ') + optOut;
    r.body = SmsEncoding::foldToGsm7(text);
    r.sms = SmsEncoding::count(r.body);
    if (r.sms.segments > MaxSmsSegments)
        r.error = QStringLiteral("the SMS takes %1 segments (%2 %3), more than %4")
                          .arg(r.sms.segments)
                          .arg(r.sms.units)
                          .arg(r.sms.gsm7 ? QStringLiteral("GSM-7 characters") : QStringLiteral("UCS-2 characters"))
                          .arg(MaxSmsSegments);
    return r;
}

MessageTemplates::Rendered MessageTemplates::renderEmail(const Text &text, const QHash<QString, QString> &values)
{
    Rendered r;
    r.subject = tidy(substitute(text.subject, values));
    r.body = substitute(text.body, values).trimmed();
    if (r.body.isEmpty())
        r.error = QStringLiteral("the e-mail renders empty");
    else if (r.subject.isEmpty())
        r.error = QStringLiteral("the e-mail subject renders empty");
    return r;
}

DbResult<MessageTemplates::Text> MessageTemplates::resolve(qint64 clientId, const QString &name, const QString &channel,
                                                           const QString &language) const
{
    if (clientId != 0) {
        DbResult<MessageTemplateRecord> own = TemplateRepository(m_database, m_clock, TenantScope::agency()).find(clientId, name, channel, language);
        if (own.ok())
            return Text { own.value().subject, own.value().body };
        if (own.error().kind() != DbError::NotFound)
            return own.error();
    }
    return defaultText(name, channel, language);
}

DbResult<qint64> MessageTemplates::save(const MessageTemplateRecord &record) const
{
    auto invalid = [](const QString &message) { return DbError(DbError::Invalid, message); };
    if (!names().contains(record.name))
        return invalid(QStringLiteral("unknown template %1 (known: %2)").arg(record.name, names().join(QStringLiteral(", "))));
    if (record.channel != QLatin1String("sms") && record.channel != QLatin1String("email"))
        return invalid(QStringLiteral("unknown channel %1 (sms or email)").arg(record.channel));
    if (!languages().contains(record.language))
        return invalid(QStringLiteral("unknown language %1 (known: %2)").arg(record.language, languages().join(QStringLiteral(", "))));
    if (record.body.trimmed().isEmpty())
        return invalid(QStringLiteral("body: empty"));
    if (const QString problem = validate(record.body); !problem.isEmpty())
        return invalid(QStringLiteral("body: ") + problem);
    if (record.channel == QLatin1String("email")) {
        if (record.subject.trimmed().isEmpty())
            return invalid(QStringLiteral("subject: empty"));
        if (const QString problem = validate(record.subject); !problem.isEmpty())
            return invalid(QStringLiteral("subject: ") + problem);
    }
    return TemplateRepository(m_database, m_clock, TenantScope::agency()).save(record);
}

} // namespace Callvia::Services
