#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace Callvia::Services {

enum class LeadField {
    Ignore,
    FirstName,
    LastName,
    FullName,
    Phone,
    PhoneExtension,
    Email,
    Company,
    TimeZone,
    Notes,
    Region,
    ConsentType,
    ConsentAt,
    ConsentSource,
    Custom, // kept in custom_fields JSON under the header's name
};

// Which lead field each CSV column feeds. guess() matches headers (case, spaces, dashes and
// underscores ignored) against field names and common synonyms; unmatched columns become
// Custom or Ignore. A mapping is usable only with a phone or an e-mail column.
struct ColumnMapping
{
    QStringList headers;
    QList<LeadField> fields;

    static ColumnMapping guess(const QStringList &headers, bool keepUnmappedAsCustom = true);
    static LeadField guessField(const QString &header);
    bool isUsable() const;
    int columnOf(LeadField field) const; // first column mapped to it, -1 when none

    static QList<LeadField> allFields();
    static QString fieldName(LeadField field); // stable identifier, e.g. "first_name"
    static QString fieldLabel(LeadField field); // for people, e.g. "First name"
    static LeadField fieldFromName(const QString &name);
};

} // namespace Callvia::Services
