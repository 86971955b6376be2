#pragma once

#include <models/repositories/leadrepository.h>

#include <QString>

namespace Callvia::Services {

// What the leads view's search box means. A phone number typed in any format ("(415) 555-0134",
// "+1 415 555 0134", "4155550134") is normalized to E.164 with the import's libphonenumber code
// (LeadNormalizer::normalizePhone) and looked up exactly; anything else is a prefix of a name (any
// case), a phone or an e-mail address.
class LeadSearch final
{
public:
    explicit LeadSearch(QString defaultRegion = QStringLiteral("US"));
    // `query` with the search of `text` applied (search and phone fields replaced).
    Models::LeadQuery apply(Models::LeadQuery query, const QString &text) const;
    // The E.164 form of a typed phone number, or empty when `text` is not one.
    QString phoneOf(const QString &text) const;

private:
    QString m_region;
};

} // namespace Callvia::Services
