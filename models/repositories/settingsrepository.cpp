#include "settingsrepository.h"

#include <models/clock.h>
#include <models/database.h>
#include <models/sqlhelpers.h>

namespace Callvia::Models {

SettingsRepository::SettingsRepository(Database &database, const Clock &clock)
    : m_database(database), m_clock(clock)
{
}

DbResult<QString> SettingsRepository::value(const QString &key, const QString &fallback) const
{
    DbResult<QSqlQuery> q = Sql::exec(m_database, QStringLiteral("SELECT value FROM settings WHERE key = ?"), { key });
    if (!q.ok())
        return q.error();
    if (!q.value().next())
        return fallback;
    return q.value().value(0).toString();
}

DbResult<bool> SettingsRepository::isSecret(const QString &key) const
{
    DbResult<QSqlQuery> q =
            Sql::exec(m_database, QStringLiteral("SELECT is_secret FROM settings WHERE key = ?"), { key });
    if (!q.ok())
        return q.error();
    return q.value().next() && q.value().value(0).toInt() == 1;
}

DbError SettingsRepository::setValue(const QString &key, const QString &value, bool secret) const
{
    DbResult<QSqlQuery> q = Sql::exec(
            m_database,
            QStringLiteral("INSERT INTO settings (key, value, is_secret, updated_at) VALUES (?, ?, ?, ?) "
                           "ON CONFLICT (key) DO UPDATE SET value = excluded.value, is_secret = excluded.is_secret, "
                           "updated_at = excluded.updated_at"),
            { key, value, secret ? 1 : 0, m_clock.nowMs() });
    return q.ok() ? DbError() : q.error();
}

DbError SettingsRepository::remove(const QString &key) const
{
    DbResult<int> n = Sql::execAffected(m_database, QStringLiteral("DELETE FROM settings WHERE key = ?"), { key });
    return n.ok() ? DbError() : n.error();
}

DbResult<QHash<QString, QString>> SettingsRepository::secrets() const
{
    return pairs(QStringLiteral("SELECT key, value FROM settings WHERE is_secret = 1"));
}

DbResult<QHash<QString, QString>> SettingsRepository::all() const
{
    return pairs(QStringLiteral("SELECT key, value FROM settings ORDER BY key"));
}

DbResult<QHash<QString, QString>> SettingsRepository::pairs(const QString &sql) const
{
    DbResult<QSqlQuery> q = Sql::exec(m_database, sql);
    if (!q.ok())
        return q.error();
    QHash<QString, QString> values;
    while (q.value().next())
        values.insert(q.value().value(0).toString(), q.value().value(1).toString());
    return values;
}

} // namespace Callvia::Models
