#pragma once

#include <models/dberror.h>
#include <models/repositories/optoutrepository.h>

#include <QList>
#include <QString>

#include <atomic>
#include <functional>

namespace Callvia::Models {
class Clock;
class Database;
}

namespace Callvia::Services {

class Session;

// The internal do-not-call list as people edit it (issue 25 item 3): one entry added by hand, a
// CSV file imported, an entry added by mistake removed. Admin and staff edit; client users only
// read their own client's entries. Phones go through the import's LeadNormalizer (E.164 with
// libphonenumber). Nothing is ever deleted: a removal marks the row, which stops blocking but
// stays (five years and more), and only for entries a person added (manual, import), never for a
// contact's own opt-out. Every change writes the audit log, without the address itself (an erased
// person's number must not outlive the erasure there). Blocking: run it off the GUI thread.
class DncService final
{
    Q_DISABLE_COPY_MOVE(DncService)
public:
    // One unusable line of an imported file.
    struct RowError
    {
        qint64 row = 0; // the file's line number (the header is line 1)
        QString field; // phone | email | (empty: the whole row)
        QString message;
    };
    struct ImportResult
    {
        qint64 rows = 0; // data rows read
        qint64 added = 0;
        qint64 duplicates = 0; // already on the list (or earlier in the file): counted, not doubled
        QList<RowError> errors;
        QString fatal; // the file could not be used at all; nothing was written
        bool cancelled = false;
        bool ok() const { return fatal.isEmpty(); }
        QString summary() const;
    };
    // rows read so far; return false to stop (rows written until then stay).
    using Progress = std::function<bool(qint64 rows)>;

    DncService(
        Models::Database &database, const Models::Clock &clock, QString defaultRegion = QStringLiteral("US"));

    static bool canEdit(const Session &actor);
    // phoneText in any format, or empty; email or empty; clientId 0 = all clients. Returns
    // whether a row was written (false: already on the list). A bad field: DbError::Invalid
    // naming it.
    Models::DbResult<bool> add(const Session &actor, const QString &phoneText, const QString &email,
        const QString &reason, qint64 clientId) const;
    // A CSV with a header naming a phone and/or an e-mail column (optional reason column).
    ImportResult importCsv(
        const Session &actor, const QString &path, qint64 clientId, const Progress &progress = {}) const;
    // Administrators only; reason required.
    Models::DbError remove(const Session &actor, qint64 id, const QString &reason) const;
    Models::DbResult<QList<Models::DncEntry>> entries(
        const Session &actor, const Models::DncQuery &query) const;

private:
    Models::DbError checkEditor(const Session &actor, qint64 clientId, const QString &action) const;

    Models::Database &m_database;
    const Models::Clock &m_clock;
    QString m_region;
};

} // namespace Callvia::Services
