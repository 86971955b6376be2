#pragma once

#include "columnmapping.h"
#include "csvreader.h"

#include <models/repositories/leadimportstore.h>
#include <models/records.h>

#include <QString>

#include <optional>

namespace Callvia::Services {

// What the import needs to know to normalize a row.
struct NormalizeSettings
{
    QString defaultRegion = QStringLiteral("US"); // for national numbers
    QString fallbackTimeZone = QStringLiteral("UTC"); // the client's zone
    bool geocodeRegion = true; // state/province from libphonenumber's offline geocoder
};

// One row after normalization: a lead ready to write, or a rejection reason. The reason is a
// short category ("phone: TOO_SHORT") so rejections can be counted by reason.
struct NormalizedRow
{
    Models::LeadRecord lead;
    QString reason; // empty = valid
    QString detail; // the offending value, for the rejects file
    qint64 line = 0;
    bool unknownAreaCode = false; // kept, but its NANP area code is in no phone data we have
    QStringList raw; // the original fields, kept only for rejected rows
    qint64 phoneKey = 0; // Models::ImportKeys of the lead's phone and e-mail (0 = none),
    quint64 emailKey = 0; // computed by the worker that normalized the row
    Models::EncodedLead encoded; // the lead's texts as UTF-8 for the SQLite writer, ditto
    // Set by the import's duplicate check, in file order, before the row reaches the writer:
    bool duplicateInFile = false; // an earlier row of the file has its phone or e-mail
    bool optedOut = false; // on the client's or the agency's opt-out list
    qint64 existingId = -1; // > 0: the client's existing lead with its phone or e-mail
};

// Turns a CSV record into a lead: phone to E.164 with libphonenumber (extension kept, vanity
// letters as libphonenumber converts them), e-mail shape check and lower case, time zone from
// the column (QTimeZone) or the number (generated prefix table) or the client, state from the
// offline geocoder. Stateless and thread-safe: parallel workers share one instance.
class LeadNormalizer final
{
public:
    LeadNormalizer(ColumnMapping mapping, NormalizeSettings settings);

    NormalizedRow normalize(const CsvRecord &record) const;

    // A phone number checked by libphonenumber; reason is empty when valid.
    struct Phone
    {
        QString reason;
        QString e164;
        QString extension;
        QString regionCode; // ISO 3166 code of the number
        QString state; // from the offline geocoder, when enabled
        QString timeZone; // from the table of area codes newer than the library (NewAreaCodes)
        bool unknownAreaCode = false; // see UnknownAreaCodeNote
    };
    // A NANP number of a possible shape (NPA and NXX [2-9]XX, neither N11, the NPA not
    // reserved) whose area code the library has no data for (Debian 12's libphonenumber
    // carries 2022 metadata) is kept, not rejected: with the region, state and zone of the
    // NewAreaCodes table when the code is there, otherwise flagged unknownAreaCode (no region,
    // state or zone; the import takes the zone from the lead's column or the client). Every
    // phone normalized in the app (import, webhooks) goes through normalizePhone, so one rule.
    static QString unknownAreaCodeNote();
    // allowFastPath: NANP numbers in plain formats skip libphonenumber's parser and reuse a
    // process-wide verdict for their first six digits (see nanpfastpath.cpp); false forces the
    // full path (the tests compare both). Texts libphonenumber rejected are remembered per
    // thread.
    Phone normalizePhone(const QString &text, bool allowFastPath = true) const;
    static bool isPlausibleEmail(const QString &email);
    static QString canonicalTimeZone(const QString &text); // "" when not a known zone
    // The fast path alone: nullopt when the text needs libphonenumber's parser.
    std::optional<Phone> fastNanpPhone(const QString &text) const;
    // libphonenumber's rejection reason for a text whose verdict is certain from its shape
    // alone (default region US or CA): no digit at all, plain digits of a length no North
    // American number has, "+" and a country code that does not exist. nullopt: the parser
    // decides (see nanpfastpath.cpp; the tests compare it with the parser on generated texts).
    std::optional<QString> certainRejection(const QString &text) const;

private:
    Phone parsePhone(const QString &text) const; // libphonenumber's parser, no shortcut
    Phone verdictForNanp(QStringView nationalNumber) const;
    Phone computeNanpVerdict(QStringView nationalNumber) const;
    // The verdict for a NANP number libphonenumber called invalid (see unknownAreaCodeNote):
    // nullopt when the rejection stands.
    static std::optional<Phone> staleDataVerdict(quint64 nationalNumber);
    // Whether libphonenumber has data for the NANP area code (200-999), asked once per code.
    // Where it has none, none of the code's numbers is valid to it (checked for all 365 such
    // codes of 8.12.57 and every exchange when written; the tests sample it).
    static bool libraryKnowsAreaCode(int areaCode);
    // The NANP region (ISO code) of the area code's valid numbers, found once per code;
    // nullptr when a sample of its exchanges has no valid number.
    static const char *regionOfAreaCode(int areaCode);
    QString applyFields(const QStringList &fields, NormalizedRow &row) const;
    void applyTimeZone(const QString &column, const Phone &phone, Models::LeadRecord &lead) const;
    QString applyContact(const QString &phone, const QString &extension, const QString &email,
                         Models::LeadRecord &lead, Phone *parsed, QString *detail) const;
    QString applyConsent(const QString &type, const QString &at, Models::LeadRecord &lead, QString *detail) const;

    ColumnMapping m_mapping;
    NormalizeSettings m_settings;
    bool m_defaultRegionIsNanp = false;
    bool m_shapeRejectionsExact = false; // certainRejection applies (default region US or CA)
};

} // namespace Callvia::Services
