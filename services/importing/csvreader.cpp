#include "csvreader.h"

#include <QIODevice>
#include <QStringDecoder>

#include <algorithm>

namespace Callvia::Services {

namespace {

// Windows-1252 differs from Latin-1 only in 0x80-0x9F; undefined codes map to U+FFFD.
constexpr char16_t Cp1252High[32] = {
    0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
};

QString decodeCp1252(QByteArrayView bytes)
{
    QString out(bytes.size(), Qt::Uninitialized);
    QChar *dst = out.data();
    for (const char c : bytes) {
        const auto b = static_cast<unsigned char>(c);
        *dst++ = (b >= 0x80 && b < 0xA0) ? QChar(Cp1252High[b - 0x80]) : QChar(b);
    }
    return out;
}

bool isAscii(QByteArrayView bytes)
{
    for (const char c : bytes) {
        if (static_cast<unsigned char>(c) >= 0x80)
            return false;
    }
    return true;
}

} // namespace

CsvReader::CsvReader(QIODevice *device, TextEncoding encoding, char delimiter)
    : m_device(device), m_encoding(encoding), m_delimiter(delimiter)
{
}

QString CsvReader::decode(QByteArrayView bytes, TextEncoding encoding, bool *usedFallback)
{
    if (isAscii(bytes))
        return QString::fromLatin1(bytes.data(), bytes.size());
    if (encoding == TextEncoding::Windows1252)
        return decodeCp1252(bytes);
    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString text = utf8(bytes);
    if (!utf8.hasError() || encoding == TextEncoding::Utf8)
        return text;
    if (usedFallback)
        *usedFallback = true;
    return decodeCp1252(bytes);
}

char CsvReader::detectDelimiter(const QByteArray &head)
{
    // Count candidates on the first line outside quotes; the most frequent wins, comma on a tie.
    int comma = 0, semicolon = 0, tab = 0;
    bool quoted = false;
    for (const char c : head) {
        if (c == '"')
            quoted = !quoted;
        else if (!quoted && (c == '\n' || c == '\r'))
            break;
        else if (!quoted)
            comma += c == ',', semicolon += c == ';', tab += c == '\t';
    }
    if (semicolon > comma && semicolon >= tab)
        return ';';
    if (tab > comma && tab > semicolon)
        return '\t';
    return ',';
}

bool CsvReader::fill()
{
    if (m_eof || !m_device)
        return false;
    m_consumed += m_pos;
    m_pos = 0;
    // One buffer for the whole file: resizing within its capacity allocates nothing.
    m_buffer.resize(ChunkBytes);
    const qint64 got = m_device->read(m_buffer.data(), ChunkBytes);
    m_buffer.resize(std::max<qint64>(0, got));
    if (m_buffer.isEmpty()) {
        m_eof = true;
        return false;
    }
    return true;
}

void CsvReader::prepare()
{
    m_prepared = true;
    if (!fill())
        return;
    if (m_buffer.startsWith("\xEF\xBB\xBF")) {
        m_pos = 3;
        if (m_encoding == TextEncoding::Auto)
            m_encoding = TextEncoding::Utf8;
    }
    if (m_buffer.contains('\0'))
        m_fatal = QStringLiteral("the file contains NUL bytes: it is binary, not CSV text");
    if (m_delimiter == 0)
        m_delimiter = detectDelimiter(m_buffer.mid(m_pos));
}

void CsvReader::appendByte(char c)
{
    ++m_recordBytes;
    if (!m_error.isEmpty())
        return;
    if (m_recordData.size() - m_fieldStart >= MaxFieldBytes)
        m_error = QStringLiteral("field longer than %1 bytes").arg(MaxFieldBytes);
    else if (m_recordBytes > MaxRecordBytes)
        m_error = QStringLiteral("record longer than %1 bytes").arg(MaxRecordBytes);
    else
        m_recordData.append(c);
}

void CsvReader::finishField()
{
    if (m_error.isEmpty() && m_fieldEnds.size() >= MaxFields)
        m_error = QStringLiteral("more than %1 columns").arg(MaxFields);
    if (m_error.isEmpty())
        m_fieldEnds.append(m_recordData.size());
    else
        m_recordData.truncate(m_fieldStart); // a rejected record keeps only the fields that fitted
    m_fieldStart = m_recordData.size();
    m_fieldQuoted = false;
    m_quotePending = false;
}

bool CsvReader::finishRecord(CsvRecord *record)
{
    finishField();
    const bool blank = m_error.isEmpty() && m_fieldEnds.size() == 1 && m_fieldEnds.first() == 0;
    record->fields.clear();
    record->fields.reserve(m_fieldEnds.size());
    record->line = m_recordLine;
    record->error = m_error;
    const bool ascii = isAscii(m_recordData); // the common case: one check for the whole record
    qsizetype from = 0;
    for (const qsizetype end : std::as_const(m_fieldEnds)) {
        const QByteArrayView bytes(m_recordData.constData() + from, end - from);
        from = end;
        if (ascii) {
            record->fields.append(QString::fromLatin1(bytes.data(), bytes.size()));
            continue;
        }
        bool fallback = false;
        record->fields.append(decode(bytes, m_encoding, &fallback));
        m_saw1252 = m_saw1252 || fallback || (m_encoding == TextEncoding::Windows1252 && !isAscii(bytes));
    }
    m_recordData.truncate(0); // keeps the buffer's capacity
    m_fieldEnds.clear();
    m_fieldStart = 0;
    m_error.clear();
    m_recordBytes = 0;
    m_recordOpen = false;
    m_inQuotes = false;
    return !blank;
}

bool CsvReader::next(CsvRecord *record)
{
    if (!m_prepared)
        prepare();
    if (!m_fatal.isEmpty())
        return false;
    for (;;) {
        if (m_pos >= m_buffer.size() && !fill()) {
            if (!m_recordOpen)
                return false;
            if (m_inQuotes && !m_quotePending && m_error.isEmpty())
                m_error = QStringLiteral("unterminated quoted field");
            if (finishRecord(record))
                return true;
            continue;
        }
        const char *data = m_buffer.constData();
        const qsizetype size = m_buffer.size();
        while (m_pos < size) {
            const char c = data[m_pos++];
            if (m_skipLf) {
                m_skipLf = false;
                if (c == '\n')
                    continue; // the LF of a CRLF, possibly in the next chunk
            }
            if (!m_recordOpen) {
                m_recordOpen = true;
                m_recordLine = m_line;
            }
            if (c == '\n' || (c == '\r' && !m_inQuotes))
                ++m_line;
            if (m_inQuotes) {
                if (m_quotePending) {
                    m_quotePending = false;
                    if (c == '"') {
                        appendByte('"');
                        continue;
                    }
                    m_inQuotes = false; // the quote closed the field; handle c below
                } else if (c == '"') {
                    m_quotePending = true;
                    continue;
                } else {
                    appendByte(c);
                    continue;
                }
            }
            if (c == m_delimiter) {
                finishField();
            } else if (c == '\n' || c == '\r') {
                m_skipLf = c == '\r';
                if (finishRecord(record))
                    return true;
            } else if (c == '"' && m_recordData.size() == m_fieldStart && !m_fieldQuoted) {
                m_inQuotes = true;
                m_fieldQuoted = true;
            } else {
                appendByte(c); // lenient: a stray quote inside an unquoted field is kept as text
            }
        }
    }
}

} // namespace Callvia::Services
