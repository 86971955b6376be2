#include "columnmapping.h"

#include <QHash>

namespace Callvia::Services {

namespace {

QString squeeze(const QString &header)
{
    QString out;
    out.reserve(header.size());
    for (const QChar c : header) {
        if (c.isLetterOrNumber())
            out.append(c.toLower());
    }
    return out;
}

const QHash<QString, LeadField> &synonyms()
{
    static const QHash<QString, LeadField> table = [] {
        QHash<QString, LeadField> t;
        auto add = [&t](LeadField field, std::initializer_list<const char *> names) {
            for (const char *name : names)
                t.insert(QLatin1String(name), field);
        };
        add(LeadField::FirstName, { "firstname", "fname", "first", "givenname", "forename", "vorname", "prenom" });
        add(LeadField::LastName, { "lastname", "lname", "last", "surname", "familyname", "nachname", "nom" });
        add(LeadField::FullName, { "name", "fullname", "contactname", "contact", "leadname", "customername" });
        add(LeadField::Phone, { "phone", "phonenumber", "mobile", "mobilephone", "mobilenumber", "cell",
                                "cellphone", "telephone", "tel", "phone1", "primaryphone", "number", "handy",
                                "telefon", "contactnumber", "workphone", "homephone", "phonee164" });
        add(LeadField::PhoneExtension, { "ext", "extension", "phoneext", "phoneextension" });
        add(LeadField::Email, { "email", "emailaddress", "mail", "email1", "primaryemail", "emailid" });
        add(LeadField::Company, { "company", "companyname", "organisation", "organization", "org", "business",
                                  "businessname", "employer", "firma", "account", "accountname" });
        add(LeadField::TimeZone, { "tz", "timezone", "zone", "tzid", "olsontimezone" });
        add(LeadField::Notes, { "notes", "note", "comment", "comments", "remarks", "description" });
        add(LeadField::Region, { "state", "region", "province", "stateprovince", "county", "bundesland" });
        add(LeadField::ConsentType, { "consent", "consenttype", "optin", "optintype" });
        add(LeadField::ConsentAt, { "consentat", "consentdate", "consenttime", "optindate", "optinat" });
        add(LeadField::ConsentSource, { "consentsource", "optinsource", "leadsource", "source" });
        return t;
    }();
    return table;
}

} // namespace

LeadField ColumnMapping::guessField(const QString &header)
{
    return synonyms().value(squeeze(header), LeadField::Ignore);
}

ColumnMapping ColumnMapping::guess(const QStringList &headers, bool keepUnmappedAsCustom)
{
    ColumnMapping mapping;
    mapping.headers = headers;
    QList<LeadField> taken;
    for (const QString &header : headers) {
        LeadField field = guessField(header);
        // A second column for the same field (e.g. "Phone" and "Mobile") keeps its data as custom.
        if (field != LeadField::Ignore && taken.contains(field))
            field = LeadField::Ignore;
        if (field != LeadField::Ignore)
            taken.append(field);
        if (field == LeadField::Ignore && keepUnmappedAsCustom && !header.trimmed().isEmpty())
            field = LeadField::Custom;
        mapping.fields.append(field);
    }
    return mapping;
}

bool ColumnMapping::isUsable() const
{
    return columnOf(LeadField::Phone) >= 0 || columnOf(LeadField::Email) >= 0;
}

int ColumnMapping::columnOf(LeadField field) const
{
    return int(fields.indexOf(field));
}

QList<LeadField> ColumnMapping::allFields()
{
    QList<LeadField> all;
    for (int i = int(LeadField::Ignore); i <= int(LeadField::Custom); ++i)
        all.append(LeadField(i));
    return all;
}

QString ColumnMapping::fieldName(LeadField field)
{
    static const char *const names[] = { "ignore", "first_name", "last_name", "full_name", "phone",
                                         "phone_extension", "email", "company", "time_zone", "notes",
                                         "region", "consent_type", "consent_at", "consent_source", "custom" };
    return QLatin1String(names[int(field)]);
}

QString ColumnMapping::fieldLabel(LeadField field)
{
    static const char *const labels[] = { "(ignore)", "First name", "Last name", "Full name", "Phone",
                                          "Phone extension", "E-mail", "Company", "Time zone", "Notes",
                                          "State / region", "Consent type", "Consent date", "Consent source",
                                          "Custom field" };
    return QLatin1String(labels[int(field)]);
}

LeadField ColumnMapping::fieldFromName(const QString &name)
{
    for (LeadField field : allFields()) {
        if (fieldName(field) == name)
            return field;
    }
    return LeadField::Ignore;
}

} // namespace Callvia::Services
