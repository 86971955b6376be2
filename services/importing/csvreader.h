#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QStringList>

class QIODevice;

namespace Callvia::Services {

enum class TextEncoding { Auto, Utf8, Windows1252 };

// One CSV record: decoded fields, the physical line it starts on, and why it is unusable
// (empty when fine). A rejected record's fields are whatever fitted within the limits.
struct CsvRecord
{
    QStringList fields;
    qint64 line = 0;
    QString error;
};

// Streaming RFC 4180 reader over a QIODevice: reads fixed-size chunks (never the whole file),
// quoted fields with delimiters, quotes and newlines inside, CRLF/LF/CR line ends, an optional
// UTF-8 BOM, the delimiter (comma, semicolon, tab) detected from the header line, and
// per-field UTF-8 with a Windows-1252 fallback (Auto). Field, record and column counts are
// bounded, so any byte sequence ends in records or rejections, never a crash or a hang.
// The device is not owned.
class CsvReader final
{
public:
    static constexpr int MaxFieldBytes = 1 << 20;
    static constexpr int MaxRecordBytes = 4 << 20;
    static constexpr int MaxFields = 1024;
    static constexpr int ChunkBytes = 256 * 1024;

    explicit CsvReader(QIODevice *device, TextEncoding encoding = TextEncoding::Auto, char delimiter = 0);

    // Reads the next non-blank record; false at the end of the data.
    bool next(CsvRecord *record);

    qint64 bytesRead() const { return m_consumed + m_pos; }
    char delimiter() const { return m_delimiter; }
    // True once a field was decoded as Windows-1252 (Auto mode) or when selected.
    bool sawWindows1252() const { return m_saw1252; }
    // Non-empty when the data cannot be CSV at all (e.g. NUL bytes: a binary file).
    QString fatalError() const { return m_fatal; }

    static QString decode(QByteArrayView bytes, TextEncoding encoding, bool *usedFallback = nullptr);
    static char detectDelimiter(const QByteArray &head);

private:
    bool fill();
    void prepare();
    void finishField();
    bool finishRecord(CsvRecord *record);
    void appendByte(char c);

    QIODevice *m_device;
    TextEncoding m_encoding;
    char m_delimiter;
    QByteArray m_buffer;
    qsizetype m_pos = 0;
    qint64 m_consumed = 0;
    bool m_prepared = false;
    bool m_eof = false;
    bool m_saw1252 = false;
    QString m_fatal;

    // Current record state: the unquoted bytes of all its fields back to back (one buffer that
    // keeps its capacity from record to record) and where each finished field ends.
    QByteArray m_recordData;
    QList<qsizetype> m_fieldEnds;
    qsizetype m_fieldStart = 0;
    QString m_error;
    qint64 m_recordBytes = 0;
    qint64 m_line = 1;
    qint64 m_recordLine = 1;
    bool m_inQuotes = false;
    bool m_fieldQuoted = false;
    bool m_quotePending = false; // saw '"' inside quotes: either an escaped quote or the closing one
    bool m_recordOpen = false;
    bool m_skipLf = false;
};

} // namespace Callvia::Services
