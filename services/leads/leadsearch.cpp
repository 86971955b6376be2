#include "leadsearch.h"

#include <services/importing/leadnormalizer.h>

#include <QRegularExpression>

namespace Callvia::Services {

LeadSearch::LeadSearch(QString defaultRegion) : m_region(std::move(defaultRegion)) { }

QString LeadSearch::phoneOf(const QString &text) const
{
    static const QRegularExpression phoneShape(QStringLiteral(R"(^\+?[0-9 ()./-]+$)"));
    const QString trimmed = text.trimmed();
    qsizetype digits = 0;
    for (QChar c : trimmed)
        digits += c.isDigit() ? 1 : 0;
    if (digits < 7 || !phoneShape.match(trimmed).hasMatch())
        return {};
    NormalizeSettings settings;
    settings.defaultRegion = m_region;
    settings.geocodeRegion = false;
    const LeadNormalizer normalizer(ColumnMapping(), settings);
    const LeadNormalizer::Phone phone = normalizer.normalizePhone(trimmed, false);
    return phone.reason.isEmpty() ? phone.e164 : QString();
}

Models::LeadQuery LeadSearch::apply(Models::LeadQuery query, const QString &text) const
{
    query.search.clear();
    query.phoneE164.clear();
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return query;
    const QString phone = phoneOf(trimmed);
    if (!phone.isEmpty())
        query.phoneE164 = phone;
    else
        query.search = trimmed;
    return query;
}

} // namespace Callvia::Services
