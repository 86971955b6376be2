#pragma once

#include <models/dberror.h>
#include <models/repositories/leadrepository.h>

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>

namespace Callvia::Models {
class Clock;
class Database;
}

namespace Callvia::Services {

class AuditLog;
class Session;

// Writes leads to a CSV file (RFC 4180: UTF-8, a header row, CRLF line ends, a field with a comma,
// quote, CR or LF quoted and its quotes doubled; a cell that starts with =, +, -, @, tab or CR is
// prefixed with ' so a spreadsheet never runs it as a formula). Streams the selection or every lead
// that matches the filter from the repository a page at a time, in the session's scope (a client
// user can only ever export their own client's leads), through a QSaveFile: a cancelled or failed
// export leaves no file behind. Blocking: run it on a worker thread. Owns its AuditLog.
class LeadExport final
{
    Q_DISABLE_COPY_MOVE(LeadExport)
public:
    static constexpr int PageSize = 1000;

    struct Result
    {
        qint64 rows = 0;
        bool cancelled = false;
        Models::DbError error; // also a file that could not be written
    };
    // Called after the count and after every page; returning false cancels the export.
    using Progress = std::function<bool(qint64 written, qint64 total)>;

    LeadExport(Models::Database &database, const Models::Clock &clock);
    ~LeadExport();

    Result write(const Session &actor, const Models::LeadQuery &selection, const QString &path,
                 const Progress &progress = {}) const;

    static QStringList header();
    static QStringList fields(const Models::LeadRecord &lead);
    // One CSV field: neutralized, then quoted when it must be.
    static QByteArray field(const QString &value);
    // A record: fields joined by commas, ended by CRLF.
    static QByteArray row(const QStringList &fields);

private:
    Models::Database &m_database;
    const Models::Clock &m_clock;
    std::unique_ptr<AuditLog> m_audit;
};

} // namespace Callvia::Services
