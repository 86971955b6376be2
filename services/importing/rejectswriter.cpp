#include "rejectswriter.h"

#include <cstring>

namespace Callvia::Services {

namespace {

// One cell, appended to the line: no temporary copies beyond the cell's UTF-8 (a half-bad file
// has hundreds of thousands of rejects, written by the import's single writer thread).
void appendCell(QByteArray &line, const QString &text)
{
    const QByteArray field = text.toUtf8();
    // A spreadsheet opening the file would run a cell that starts like a formula
    // (CSV injection): a leading apostrophe makes it text.
    const bool formula = !field.isEmpty() && std::memchr("=+-@\t\r", field.at(0), 6);
    const bool quoted = field.contains(',') || field.contains('"') || field.contains('\n') || field.contains('\r');
    if (quoted)
        line += '"';
    if (formula)
        line += '\'';
    if (quoted && field.contains('"')) {
        for (const char c : field) {
            if (c == '"')
                line += '"';
            line += c;
        }
    } else {
        line += field;
    }
    if (quoted)
        line += '"';
}

} // namespace

QByteArray RejectsWriter::csvLine(const QStringList &fields)
{
    QByteArray line;
    line.reserve(256);
    for (qsizetype i = 0; i < fields.size(); ++i) {
        if (i)
            line += ',';
        appendCell(line, fields.at(i));
    }
    return line + "\r\n";
}

bool RejectsWriter::open(const QString &path, const QStringList &headers, QString *error)
{
    m_file.setFileName(path);
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        *error = QStringLiteral("cannot write %1: %2").arg(path, m_file.errorString());
        return false;
    }
    m_columns = headers.size();
    m_file.write(csvLine(headers + QStringList { QStringLiteral("line"), QStringLiteral("reject_reason") }));
    return true;
}

void RejectsWriter::write(const QStringList &fields, qint64 line, const QString &reason)
{
    QByteArray text;
    text.reserve(256);
    const qsizetype cells = std::max(m_columns, fields.size()); // short rows padded to the header
    for (qsizetype i = 0; i < cells; ++i) {
        if (i)
            text += ',';
        if (i < fields.size())
            appendCell(text, fields.at(i));
    }
    if (cells > 0)
        text += ',';
    if (line < 0)
        appendCell(text, QString::number(line)); // "-" would get the formula guard
    else
        text += QByteArray::number(line);
    text += ',';
    appendCell(text, reason);
    text += "\r\n";
    m_file.write(text);
}

bool RejectsWriter::flush()
{
    return !m_file.isOpen() || m_file.flush();
}

bool RejectsWriter::close(QString *error)
{
    if (!m_file.isOpen())
        return true;
    const bool ok = m_file.flush() && m_file.error() == QFileDevice::NoError;
    if (!ok)
        *error = QStringLiteral("cannot write %1: %2").arg(m_file.fileName(), m_file.errorString());
    m_file.close();
    return ok;
}

} // namespace Callvia::Services
