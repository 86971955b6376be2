#pragma once

#include <models/dberror.h>

#include <QHash>
#include <QString>

namespace Callvia::Models {

class Clock;
class Database;

// Key/value settings. Values of secret keys are stored already encrypted by the caller
// (services' secret store); this repository never sees plain secrets.
class SettingsRepository final
{
public:
    SettingsRepository(Database &database, const Clock &clock);

    DbResult<QString> value(const QString &key, const QString &fallback = {}) const;
    DbResult<bool> isSecret(const QString &key) const;
    DbError setValue(const QString &key, const QString &value, bool secret = false) const;
    DbError remove(const QString &key) const;
    DbResult<QHash<QString, QString>> all() const;
    DbResult<QHash<QString, QString>> secrets() const; // the stored (encrypted) values of secret keys

private:
    DbResult<QHash<QString, QString>> pairs(const QString &sql) const; // key, value rows

    Database &m_database;
    const Clock &m_clock;
};

} // namespace Callvia::Models
