#include "dberror.h"

#include <QSqlError>

namespace Callvia::Models {

namespace {

// SQLite primary result codes (the driver may report extended codes; the low byte is primary).
constexpr int SqliteBusy = 5, SqliteLocked = 6, SqliteReadOnly = 8, SqliteIoErr = 10, SqliteCorrupt = 11,
              SqliteFull = 13, SqliteCantOpen = 14, SqliteConstraint = 19, SqliteNotADb = 26;

DbError::Kind classifySqlite(int code)
{
    switch (code & 0xff) {
    case SqliteConstraint:
        return DbError::Constraint;
    case SqliteBusy:
    case SqliteLocked:
    case SqliteReadOnly:
    case SqliteIoErr:
    case SqliteCorrupt:
    case SqliteFull:
    case SqliteCantOpen:
    case SqliteNotADb:
        return DbError::Unavailable;
    default:
        return DbError::Other;
    }
}

DbError::Kind classifyPostgres(const QString &sqlState)
{
    if (sqlState.startsWith(QLatin1String("23")))
        return DbError::Constraint;
    if (sqlState.startsWith(QLatin1String("08")) || sqlState.startsWith(QLatin1String("57P"))
        || sqlState.startsWith(QLatin1String("53")) || sqlState == QLatin1String("40001")
        || sqlState == QLatin1String("40P01"))
        return DbError::Unavailable;
    // A kept prepared statement the server no longer knows: the session behind the connection
    // changed (the server restarted). Renewing the connection and its statements cures it
    // (tst_teamload's restart under load saw it); until then it is not the caller's fault.
    if (sqlState == QLatin1String("26000"))
        return DbError::Unavailable;
    if (sqlState == QLatin1String("42501")) // insufficient privilege, row-level security
        return DbError::Invalid;
    return DbError::Other;
}

} // namespace

DbError DbError::fromSql(const QSqlError &error)
{
    if (error.type() == QSqlError::NoError)
        return {};
    const QString native = error.nativeErrorCode();
    QString text = error.databaseText().isEmpty() ? error.text() : error.databaseText();
    bool numeric = false;
    const int code = native.toInt(&numeric);
    Kind kind = Other;
    if (numeric && native.size() < 5)
        kind = classifySqlite(code);
    else if (native.size() == 5)
        kind = classifyPostgres(native);
    // The SQLite driver reports failed steps as ConnectionError, so the type is only a fallback.
    if (kind == Other
        && ((native.isEmpty() && error.type() == QSqlError::ConnectionError) || text.contains(QLatin1String("server closed the connection"))
            || text.contains(QLatin1String("no connection to the server"))))
        kind = Unavailable;
    return { kind, text.trimmed() };
}

} // namespace Callvia::Models
