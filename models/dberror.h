#pragma once

#include <QString>

#include <optional>
#include <utility>

class QSqlError;

namespace Callvia::Models {

// What went wrong with a database call, classified so callers can pick the right answer:
// a constraint violation is the caller's bad input (400 / a dialog), Unavailable is a fault of
// the store (disk full, locked, server down: 503, retry later), NotFound is a missing row.
class DbError
{
public:
    enum Kind { None, NotFound, Constraint, Unavailable, Invalid, Other };

    DbError() = default;
    DbError(Kind kind, QString message) : m_kind(kind), m_message(std::move(message)) { }
    static DbError fromSql(const QSqlError &error);

    Kind kind() const { return m_kind; }
    const QString &message() const { return m_message; }
    bool isError() const { return m_kind != None; }
    explicit operator bool() const { return isError(); }

private:
    Kind m_kind = None;
    QString m_message;
};

// A value or a DbError: the return type of every repository call that can fail.
template <typename T>
class DbResult
{
public:
    DbResult(T value) : m_value(std::move(value)) { } // NOLINT: implicit by design
    DbResult(DbError error) : m_error(std::move(error)) { } // NOLINT
    bool ok() const { return !m_error.isError(); }
    const T &value() const { return *m_value; }
    T &value() { return *m_value; }
    T valueOr(T fallback) const { return ok() ? *m_value : std::move(fallback); }
    const DbError &error() const { return m_error; }

private:
    std::optional<T> m_value;
    DbError m_error;
};

} // namespace Callvia::Models
