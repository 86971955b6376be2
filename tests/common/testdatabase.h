#pragma once

#include <models/database.h>

#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace Callvia::Tests {

// A fresh, migrated database for one test: a SQLite file in a temporary folder, or a new
// PostgreSQL database (created on the server named by CALLVIA_TEST_PG_URL, dropped afterwards).
class TestDatabase final
{
    Q_DISABLE_COPY_MOVE(TestDatabase)
public:
    // backend: "sqlite" or "postgresql". Returns nullptr and sets *skipReason when PostgreSQL
    // is not configured, *error when it is but fails.
    static std::unique_ptr<TestDatabase> create(const QString &backend, QString *skipReason, QString *error,
                                                bool migrate = true);
    ~TestDatabase();

    Models::Database &database() { return *m_database; }
    QString url() const { return m_url; }
    QString sqlitePath() const;
    // PostgreSQL: this database's URL with another login (a Callvia user's login role).
    QString loginUrl(const QString &role, const QString &password) const;

    // Adds a "backend" column with one row per backend to a data-driven test.
    static void addBackendRows();

    // A fault inside a transaction: every INSERT into `table` whose `column` equals `value` fails
    // (a trigger raising an error, on either dialect) until removeInsertFault. Names are the
    // test's own literals, never user input.
    static QString injectInsertFault(Models::Database &db, const QString &table, const QString &column, qint64 value);
    static QString removeInsertFault(Models::Database &db, const QString &table);

private:
    TestDatabase() = default;

    QTemporaryDir m_dir;
    QString m_url;
    QString m_pgName;
    QString m_pgAdminUrl;
    std::unique_ptr<Models::Database> m_database;
};

} // namespace Callvia::Tests

// In a data-driven test: creates `var` for the current row's backend or QSKIPs with the reason.
#define CALLVIA_TEST_DATABASE(var)                                                                          \
    QFETCH(QString, backend);                                                                               \
    QString var##Skip, var##Error;                                                                          \
    auto var##Holder = Callvia::Tests::TestDatabase::create(backend, &var##Skip, &var##Error);              \
    if (!var##Holder && !var##Skip.isEmpty())                                                               \
        QSKIP(qPrintable(var##Skip));                                                                       \
    QVERIFY2(var##Holder, qPrintable(var##Error));                                                          \
    Callvia::Models::Database &var = var##Holder->database()
