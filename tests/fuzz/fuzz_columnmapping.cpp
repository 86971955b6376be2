// Fuzzes the CSV header -> lead field mapper: the first line of the input is split with the
// detected delimiter and mapped; every column gets a field and names round-trip.
#include <services/importing/columnmapping.h>
#include <services/importing/csvreader.h>

#include "fuzzsupport.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace Callvia::Services;
    const QByteArray line = Callvia::Fuzz::splitLine(Callvia::Fuzz::bytes(data, size)).first;
    const char delimiter = CsvReader::detectDelimiter(line);
    const QStringList headers = CsvReader::decode(line, TextEncoding::Auto).split(QLatin1Char(delimiter ? delimiter : ','));
    for (const bool keep : { true, false }) {
        const ColumnMapping mapping = ColumnMapping::guess(headers, keep);
        if (mapping.fields.size() != headers.size() || mapping.headers != headers)
            __builtin_trap();
        (void)mapping.isUsable();
        for (const LeadField field : ColumnMapping::allFields()) {
            const int column = mapping.columnOf(field);
            if (column >= headers.size() || (column >= 0 && mapping.fields.at(column) != field))
                __builtin_trap();
        }
    }
    for (const QString &header : headers) {
        const LeadField field = ColumnMapping::guessField(header);
        if (ColumnMapping::fieldFromName(ColumnMapping::fieldName(field)) != field)
            __builtin_trap();
        (void)ColumnMapping::fieldLabel(field);
    }
    return 0;
}
