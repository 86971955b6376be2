#include "leadnormalizer.h"

#include "areacodezones.h"
#include "nanpstates.h"

#include <QDateTime>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QTimeZone>

#include <phonenumbers/geocoding/phonenumber_offline_geocoder.h>
#include <phonenumbers/phonenumberutil.h>

namespace Callvia::Services {

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

namespace {

QString parseErrorName(PhoneNumberUtil::ErrorType error)
{
    switch (error) {
    case PhoneNumberUtil::INVALID_COUNTRY_CODE_ERROR: return QStringLiteral("INVALID_COUNTRY_CODE");
    case PhoneNumberUtil::NOT_A_NUMBER: return QStringLiteral("NOT_A_NUMBER");
    case PhoneNumberUtil::TOO_SHORT_AFTER_IDD: return QStringLiteral("TOO_SHORT_AFTER_IDD");
    case PhoneNumberUtil::TOO_SHORT_NSN: return QStringLiteral("TOO_SHORT_NSN");
    case PhoneNumberUtil::TOO_LONG_NSN: return QStringLiteral("TOO_LONG");
    case PhoneNumberUtil::NO_PARSING_ERROR: break;
    }
    return {};
}

QString possibilityName(PhoneNumberUtil::ValidationResult result)
{
    switch (result) {
    case PhoneNumberUtil::INVALID_COUNTRY_CODE: return QStringLiteral("INVALID_COUNTRY_CODE");
    case PhoneNumberUtil::TOO_SHORT: return QStringLiteral("TOO_SHORT");
    case PhoneNumberUtil::TOO_LONG: return QStringLiteral("TOO_LONG");
    case PhoneNumberUtil::INVALID_LENGTH: return QStringLiteral("INVALID_LENGTH");
    case PhoneNumberUtil::IS_POSSIBLE_LOCAL_ONLY: return QStringLiteral("IS_POSSIBLE_LOCAL_ONLY");
    case PhoneNumberUtil::IS_POSSIBLE: break;
    }
    return {};
}

const i18n::phonenumbers::PhoneNumberOfflineGeocoder &geocoder()
{
    // Loads its prefix files lazily under its own mutex, so threads may share it.
    static const i18n::phonenumbers::PhoneNumberOfflineGeocoder instance;
    return instance;
}

QString stateFromDescription(const std::string &description)
{
    const QString text = QString::fromStdString(description);
    if (text == QLatin1String("United States") || text == QLatin1String("Canada"))
        return {};
    return NanpStates::codeForDescription(text);
}

qint64 parseInstant(const QString &text)
{
    QDateTime at = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!at.isValid())
        at = QDateTime::fromString(text, Qt::ISODate);
    if (!at.isValid()) {
        const QDate date = QDate::fromString(text, Qt::ISODate);
        if (date.isValid())
            at = date.startOfDay(Qt::UTC);
    }
    return at.isValid() ? at.toMSecsSinceEpoch() : -1;
}

struct RowText
{
    QString phone, extension, email, timeZone, fullName, consentType, consentAt;
    QJsonObject custom;
};

} // namespace

LeadNormalizer::LeadNormalizer(ColumnMapping mapping, NormalizeSettings settings)
    : m_mapping(std::move(mapping)), m_settings(std::move(settings))
{
    m_defaultRegionIsNanp =
            PhoneNumberUtil::GetInstance()->GetCountryCodeForRegion(m_settings.defaultRegion.toStdString()) == 1;
    m_shapeRejectionsExact =
            m_settings.defaultRegion == QLatin1String("US") || m_settings.defaultRegion == QLatin1String("CA");
}

LeadNormalizer::Phone LeadNormalizer::normalizePhone(const QString &text, bool allowFastPath) const
{
    if (!allowFastPath)
        return parsePhone(text);
    if (std::optional<Phone> fast = fastNanpPhone(text))
        return *fast;
    if (std::optional<QString> reason = certainRejection(text)) {
        Phone phone;
        phone.reason = std::move(*reason);
        return phone;
    }
    // The same unusable text comes back again and again in a big file ("N/A", "call me
    // later", "555-12"): each thread remembers the last few thousand texts libphonenumber
    // rejected (a rejection depends only on the text and the default region).
    thread_local QHash<QString, QString> rejected;
    const QString key = m_settings.defaultRegion + QLatin1Char('\n') + text;
    if (const auto hit = rejected.constFind(key); hit != rejected.constEnd()) {
        Phone phone;
        phone.reason = *hit;
        return phone;
    }
    Phone phone = parsePhone(text);
    if (!phone.reason.isEmpty()) {
        if (rejected.size() >= 4096)
            rejected.clear();
        rejected.insert(key, phone.reason);
    }
    return phone;
}

LeadNormalizer::Phone LeadNormalizer::parsePhone(const QString &text) const
{
    const PhoneNumberUtil &util = *PhoneNumberUtil::GetInstance();
    PhoneNumber number;
    Phone phone;
    const PhoneNumberUtil::ErrorType error =
            util.Parse(text.toStdString(), m_settings.defaultRegion.toStdString(), &number);
    if (error != PhoneNumberUtil::NO_PARSING_ERROR) {
        phone.reason = parseErrorName(error);
        return phone;
    }
    phone.reason = possibilityName(util.IsPossibleNumberWithReason(number));
    if (!phone.reason.isEmpty())
        return phone;
    std::optional<Phone> kept;
    // Exactly IsValidNumber(), which is GetRegionCodeForNumber() then IsValidNumberForRegion();
    // the region is kept for the lead instead of being looked up a second time below.
    std::string region;
    util.GetRegionCodeForNumber(number, &region);
    const bool valid = util.IsValidNumberForRegion(number, region);
    if (!valid && number.country_code() == 1 && !number.italian_leading_zero())
        kept = staleDataVerdict(number.national_number());
    if (kept) {
        phone = *kept;
        if (!m_settings.geocodeRegion)
            phone.state.clear();
    } else if (!valid) {
        std::string expected;
        util.GetRegionCodeForCountryCode(number.country_code(), &expected);
        phone.reason = QStringLiteral("not a valid number for region %1").arg(QString::fromStdString(expected));
        return phone;
    }
    std::string formatted;
    util.Format(number, PhoneNumberUtil::E164, &formatted);
    phone.e164 = QString::fromStdString(formatted);
    phone.extension = QString::fromStdString(number.extension());
    if (kept)
        return phone; // region and state from NewAreaCodes, or none
    phone.regionCode = QString::fromStdString(region);
    // States and provinces only (NANP): elsewhere the geocoder names cities, and for numbers
    // without a place (toll-free) it names the country. The number is valid: see
    // computeNanpVerdict for why GetDescriptionForValidNumber is the same answer, cheaper.
    if (m_settings.geocodeRegion && number.country_code() == 1)
        phone.state = stateFromDescription(geocoder().GetDescriptionForValidNumber(number, icu::Locale::getEnglish()));
    return phone;
}

bool LeadNormalizer::isPlausibleEmail(const QString &email)
{
    const qsizetype at = email.indexOf(QLatin1Char('@'));
    if (at <= 0 || at != email.lastIndexOf(QLatin1Char('@')) || email.size() > 254)
        return false;
    const QStringView domain = QStringView(email).mid(at + 1);
    if (domain.size() < 3 || !domain.contains(QLatin1Char('.')) || domain.startsWith(QLatin1Char('.'))
        || domain.endsWith(QLatin1Char('.')) || domain.contains(QLatin1String("..")))
        return false;
    for (const QChar c : email) {
        if (c.isSpace() || c == QLatin1Char(',') || c == QLatin1Char(';') || c == QLatin1Char('<')
            || c == QLatin1Char('>') || c.category() == QChar::Other_Control)
            return false;
    }
    return true;
}

QString LeadNormalizer::canonicalTimeZone(const QString &text)
{
    static const QHash<QString, QString> abbreviations = {
        { QStringLiteral("EST"), QStringLiteral("America/New_York") },
        { QStringLiteral("EDT"), QStringLiteral("America/New_York") },
        { QStringLiteral("ET"), QStringLiteral("America/New_York") },
        { QStringLiteral("CST"), QStringLiteral("America/Chicago") },
        { QStringLiteral("CDT"), QStringLiteral("America/Chicago") },
        { QStringLiteral("CT"), QStringLiteral("America/Chicago") },
        { QStringLiteral("MST"), QStringLiteral("America/Denver") },
        { QStringLiteral("MDT"), QStringLiteral("America/Denver") },
        { QStringLiteral("MT"), QStringLiteral("America/Denver") },
        { QStringLiteral("PST"), QStringLiteral("America/Los_Angeles") },
        { QStringLiteral("PDT"), QStringLiteral("America/Los_Angeles") },
        { QStringLiteral("PT"), QStringLiteral("America/Los_Angeles") },
    };
    const QString key = text.trimmed();
    if (key.isEmpty())
        return {};
    const auto abbreviation = abbreviations.constFind(key.toUpper());
    if (abbreviation != abbreviations.constEnd())
        return *abbreviation;
    // The zone column usually holds a handful of distinct values: remember each verdict.
    static QMutex mutex;
    static QHash<QString, bool> known;
    QMutexLocker lock(&mutex);
    auto it = known.constFind(key);
    if (it == known.constEnd())
        it = known.insert(key, key.size() < 64 && QTimeZone::isTimeZoneIdAvailable(key.toUtf8()));
    return *it ? key : QString();
}

NormalizedRow LeadNormalizer::normalize(const CsvRecord &record) const
{
    NormalizedRow row;
    row.line = record.line;
    row.reason = record.error.isEmpty() ? applyFields(record.fields, row)
                                        : QStringLiteral("malformed: ") + record.error;
    if (!row.reason.isEmpty())
        row.raw = record.fields;
    return row;
}

QString LeadNormalizer::applyFields(const QStringList &fields, NormalizedRow &row) const
{
    Models::LeadRecord &lead = row.lead;
    QString *detail = &row.detail;
    RowText text;
    const qsizetype columns = std::min(fields.size(), m_mapping.fields.size());
    for (qsizetype i = 0; i < columns; ++i) {
        const QString value = fields.at(i).trimmed();
        if (value.isEmpty())
            continue;
        switch (m_mapping.fields.at(i)) {
        case LeadField::FirstName: lead.firstName = value; break;
        case LeadField::LastName: lead.lastName = value; break;
        case LeadField::FullName: text.fullName = value; break;
        case LeadField::Phone: text.phone = value; break;
        case LeadField::PhoneExtension: text.extension = value; break;
        case LeadField::Email: text.email = value; break;
        case LeadField::Company: lead.company = value; break;
        case LeadField::TimeZone: text.timeZone = value; break;
        case LeadField::Notes: lead.notes = value; break;
        case LeadField::Region: lead.region = value; break;
        case LeadField::ConsentType: text.consentType = value; break;
        case LeadField::ConsentAt: text.consentAt = value; break;
        case LeadField::ConsentSource: lead.consentSource = value; break;
        case LeadField::Custom: text.custom.insert(m_mapping.headers.value(i), value); break;
        case LeadField::Ignore: break;
        }
    }
    if (!text.fullName.isEmpty() && lead.firstName.isEmpty() && lead.lastName.isEmpty()) {
        const qsizetype space = text.fullName.lastIndexOf(QLatin1Char(' '));
        lead.firstName = space < 0 ? text.fullName : text.fullName.left(space).trimmed();
        lead.lastName = space < 0 ? QString() : text.fullName.mid(space + 1);
    }
    if (QString reason = applyConsent(text.consentType, text.consentAt, lead, detail); !reason.isEmpty())
        return reason;
    Phone phone;
    if (QString reason = applyContact(text.phone, text.extension, text.email, lead, &phone, detail); !reason.isEmpty())
        return reason;
    applyTimeZone(text.timeZone, phone, lead);
    row.unknownAreaCode = phone.unknownAreaCode;
    if (phone.unknownAreaCode) // on the lead too, where staff see it
        text.custom.insert(QStringLiteral("phone_warning"), unknownAreaCodeNote());
    if (!text.custom.isEmpty())
        lead.customFieldsJson = QString::fromUtf8(QJsonDocument(text.custom).toJson(QJsonDocument::Compact));
    return {};
}

QString LeadNormalizer::applyContact(const QString &phoneText, const QString &extension, const QString &email,
                                     Models::LeadRecord &lead, Phone *phone, QString *detail) const
{
    if (phoneText.isEmpty() && email.isEmpty())
        return QStringLiteral("no phone or e-mail");
    if (!phoneText.isEmpty()) {
        *phone = normalizePhone(phoneText);
        if (!phone->reason.isEmpty()) {
            *detail = phoneText;
            return QStringLiteral("phone: ") + phone->reason;
        }
        lead.phoneE164 = phone->e164;
        lead.phoneExtension = phone->extension.isEmpty() ? extension : phone->extension;
        if (lead.region.isEmpty())
            lead.region = phone->state;
    }
    if (!email.isEmpty()) {
        lead.email = email.isLower() ? email : email.toLower(); // most are: no copy
        if (!isPlausibleEmail(lead.email)) {
            *detail = email;
            return QStringLiteral("email: invalid address");
        }
    }
    return {};
}

void LeadNormalizer::applyTimeZone(const QString &column, const Phone &phone, Models::LeadRecord &lead) const
{
    lead.timeZone = canonicalTimeZone(column);
    if (lead.timeZone.isEmpty())
        lead.timeZone = phone.timeZone;
    // An unknown area code says nothing of the zone: "+1" alone is not one zone, and a prefix
    // of it must not pass for one.
    if (lead.timeZone.isEmpty() && !phone.e164.isEmpty() && !phone.unknownAreaCode)
        lead.timeZone = AreaCodeZones::zoneForNumber(phone.e164);
    if (lead.timeZone.isEmpty())
        lead.timeZone = m_settings.fallbackTimeZone;
}

QString LeadNormalizer::applyConsent(const QString &type, const QString &at, Models::LeadRecord &lead,
                                     QString *detail) const
{
    if (!type.isEmpty()) {
        const QString lower = type.toLower();
        if (lower == QLatin1String("written") || lower == QLatin1String("verbal") || lower == QLatin1String("none")) {
            lead.consentType = lower;
        } else {
            *detail = type;
            return QStringLiteral("consent_type: not written, verbal or none");
        }
    }
    if (!at.isEmpty()) {
        lead.consentAt = parseInstant(at);
        if (lead.consentAt < 0) {
            *detail = at;
            return QStringLiteral("consent_at: not an ISO 8601 date");
        }
    }
    return {};
}

} // namespace Callvia::Services
