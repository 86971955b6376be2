#include "rejectswriter.h"

#include <cstring>

namespace Callvia::Services {

QByteArray RejectsWriter::csvLine(const QStringList &fields)
{
    QByteArray line;
    for (qsizetype i = 0; i < fields.size(); ++i) {
        QByteArray field = fields.at(i).toUtf8();
        // A spreadsheet opening the file would run a cell that starts like a formula
        // (CSV injection): a leading apostrophe makes it text.
        if (!field.isEmpty() && std::memchr("=+-@\t\r", field.at(0), 6))
            field.prepend('\'');
        if (field.contains(',') || field.contains('"') || field.contains('\n') || field.contains('\r'))
            field = '"' + field.replace("\"", "\"\"") + '"';
        line += (i ? QByteArray(",") : QByteArray()) + field;
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
    QStringList row = fields;
    row.resize(std::max(m_columns, fields.size()));
    m_file.write(csvLine(row + QStringList { QString::number(line), reason }));
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
