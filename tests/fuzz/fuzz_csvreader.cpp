// libFuzzer target for the streaming CSV reader: any bytes, with any encoding and delimiter
// choice, must end in records or rejections without a crash, a hang or unbounded memory.
// Built by the `fuzz` preset (tests/fuzz/run.sh); the first byte picks the encoding and delimiter.
#include <services/importing/csvreader.h>

#include <QBuffer>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace Callvia::Services;
    if (size < 1)
        return 0;
    const TextEncoding encodings[] = { TextEncoding::Auto, TextEncoding::Utf8, TextEncoding::Windows1252 };
    const char delimiters[] = { 0, ',', ';', '\t' };
    const uint8_t selector = data[0];
    QBuffer buffer;
    buffer.setData(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));
    buffer.open(QIODevice::ReadOnly);
    CsvReader reader(&buffer, encodings[selector % 3], delimiters[(selector / 3) % 4]);
    CsvRecord record;
    qint64 records = 0;
    while (reader.next(&record)) {
        if (++records > qint64(size) + 1)
            __builtin_trap(); // more records than bytes: the reader is not advancing
        if (record.fields.size() > CsvReader::MaxFields)
            __builtin_trap();
    }
    return 0;
}
