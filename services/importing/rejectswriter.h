#pragma once

#include <QFile>
#include <QStringList>

namespace Callvia::Services {

// Writes rejected rows as CSV (UTF-8, comma, RFC 4180 quoting): the original columns, then
// the source line and the reason. Rows go to the file as they are found (the import flushes
// after each batch), so no rejected row is kept in memory. A cell that starts with = + - @,
// a tab or a carriage return gets a leading ' so a spreadsheet shows it as text. Owns its file.
class RejectsWriter final
{
    Q_DISABLE_COPY_MOVE(RejectsWriter)
public:
    RejectsWriter() = default;
    bool open(const QString &path, const QStringList &headers, QString *error);
    void write(const QStringList &fields, qint64 line, const QString &reason);
    bool flush(); // hands what was written to the operating system
    bool close(QString *error);
    bool isOpen() const { return m_file.isOpen(); }

    static QByteArray csvLine(const QStringList &fields);

private:
    QFile m_file;
    qsizetype m_columns = 0;
};

} // namespace Callvia::Services
