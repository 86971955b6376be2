// Fuzzes phone normalization: the first byte picks the default region (US, GB, DE, CA, FR),
// the rest is the number text. The NANP fast path must agree with libphonenumber's full path
// on every number it accepts; then the text goes through normalize() as a whole CSV record.
#include <services/importing/leadnormalizer.h>

#include "fuzzsupport.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace Callvia::Services;
    if (size < 1)
        return 0;
    static const char *const regions[] = { "US", "GB", "DE", "CA", "FR" };
    const QByteArray rest = Callvia::Fuzz::bytes(data + 1, size - 1);
    const QString text = CsvReader::decode(rest, TextEncoding::Auto);

    NormalizeSettings settings;
    settings.defaultRegion = QLatin1String(regions[data[0] % 5]);
    settings.geocodeRegion = (data[0] / 5) % 2 == 0;
    const QStringList headers { QStringLiteral("phone"), QStringLiteral("email"), QStringLiteral("time zone"),
                                QStringLiteral("consent type"), QStringLiteral("consent at"), QStringLiteral("name") };
    const LeadNormalizer normalizer(ColumnMapping::guess(headers), settings);

    const LeadNormalizer::Phone fast = normalizer.normalizePhone(text, true);
    const LeadNormalizer::Phone full = normalizer.normalizePhone(text, false);
    if (fast.reason.isEmpty() != full.reason.isEmpty() || fast.e164 != full.e164 || fast.extension != full.extension
        || fast.unknownAreaCode != full.unknownAreaCode || fast.timeZone != full.timeZone)
        __builtin_trap(); // the fast path changed a verdict
    if (fast.reason.isEmpty() && !fast.e164.startsWith(QLatin1Char('+')))
        __builtin_trap();

    CsvRecord record;
    record.line = 2;
    record.fields = text.split(QLatin1Char(','));
    if (!record.fields.isEmpty())
        record.fields.first() = text; // the whole text as the phone column too
    const NormalizedRow row = normalizer.normalize(record);
    if (row.reason.isEmpty() && row.lead.phoneE164.isEmpty() && row.lead.email.isEmpty())
        __builtin_trap(); // a valid lead without a contact
    return 0;
}
