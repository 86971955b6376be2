#include "testdatabase.h"

#include <models/sqlhelpers.h>

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QUrl>
#include <QUuid>

namespace Callvia::Tests {

namespace {

bool adminExec(const QString &adminUrl, const QString &sql, QString *error)
{
    QString parseError;
    const auto url = Models::DatabaseUrl::parse(adminUrl, &parseError);
    if (!url) {
        *error = parseError;
        return false;
    }
    const QString name = QStringLiteral("callvia-test-admin-") + QUuid::createUuid().toString(QUuid::Id128);
    bool ok = false;
    {
        QSqlDatabase db = url->addConnection(name);
        if (!db.open()) {
            *error = QStringLiteral("cannot reach PostgreSQL at %1: %2").arg(url->displayName(), db.lastError().text());
        } else {
            QSqlQuery query(db);
            ok = query.exec(sql);
            if (!ok)
                *error = query.lastError().text();
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

} // namespace

void TestDatabase::addBackendRows()
{
    QTest::addColumn<QString>("backend");
    QTest::newRow("sqlite") << QStringLiteral("sqlite");
    QTest::newRow("postgresql") << QStringLiteral("postgresql");
}

std::unique_ptr<TestDatabase> TestDatabase::create(const QString &backend, QString *skipReason, QString *error,
                                                   bool migrate)
{
    std::unique_ptr<TestDatabase> test(new TestDatabase);
    if (backend == QLatin1String("sqlite")) {
        if (!test->m_dir.isValid()) {
            *error = QStringLiteral("no temporary folder");
            return nullptr;
        }
        test->m_url = test->m_dir.filePath(QStringLiteral("callvia-test.sqlite"));
    } else {
        const QString base = qEnvironmentVariable("CALLVIA_TEST_PG_URL");
        if (base.isEmpty()) {
            *skipReason = QStringLiteral("PostgreSQL half skipped: set CALLVIA_TEST_PG_URL "
                                         "(postgresql://user@host:port/db) to run it; .ci/run does");
            return nullptr;
        }
        test->m_pgAdminUrl = base;
        test->m_pgName = QStringLiteral("callvia_t_") + QUuid::createUuid().toString(QUuid::Id128).left(16);
        if (!adminExec(base, QStringLiteral("CREATE DATABASE ") + test->m_pgName, error))
            return nullptr;
        QUrl url(base);
        url.setPath(QLatin1Char('/') + test->m_pgName);
        test->m_url = url.toString();
    }
    QString parseError;
    const auto url = Models::DatabaseUrl::parse(test->m_url, &parseError);
    test->m_database = std::make_unique<Models::Database>(*url);
    if (migrate) {
        if (const Models::DbError dbError = test->m_database->migrate()) {
            *error = dbError.message();
            return nullptr;
        }
    }
    return test;
}

TestDatabase::~TestDatabase()
{
    m_database.reset();
    if (!m_pgName.isEmpty()) {
        QString error;
        adminExec(m_pgAdminUrl, QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(m_pgName), &error);
        // Login roles are the cluster's, not the database's: drop the ones Callvia made for it.
        adminExec(m_pgAdminUrl,
                  QStringLiteral("DO $$ DECLARE r TEXT; BEGIN FOR r IN SELECT rolname FROM pg_roles WHERE rolname "
                                 "LIKE '%1.%' LOOP EXECUTE format('DROP ROLE %I', r); END LOOP; END $$")
                          .arg(m_pgName),
                  &error);
    }
}

QString TestDatabase::loginUrl(const QString &role, const QString &password) const
{
    QUrl url(m_url);
    url.setUserName(role);
    url.setPassword(password);
    return url.toString();
}

QString TestDatabase::sqlitePath() const
{
    return m_pgName.isEmpty() ? m_url : QString();
}

QString TestDatabase::injectInsertFault(Models::Database &db, const QString &table, const QString &column, qint64 value)
{
    const QStringList statements = db.isSqlite()
            ? QStringList { QStringLiteral("CREATE TRIGGER injected_fault_%1 BEFORE INSERT ON %1 WHEN NEW.%2 = %3 "
                                           "BEGIN SELECT RAISE(ABORT, 'injected fault'); END")
                                    .arg(table, column)
                                    .arg(value) }
            : QStringList { QStringLiteral("CREATE FUNCTION injected_fault_%1() RETURNS trigger LANGUAGE plpgsql AS $f$ "
                                           "BEGIN IF NEW.%2 = %3 THEN RAISE EXCEPTION 'injected fault'; END IF; "
                                           "RETURN NEW; END $f$")
                                    .arg(table, column)
                                    .arg(value),
                            QStringLiteral("CREATE TRIGGER injected_fault_%1 BEFORE INSERT ON %1 FOR EACH ROW "
                                           "EXECUTE FUNCTION injected_fault_%1()")
                                    .arg(table) };
    for (const QString &sql : statements)
        if (Models::DbError error = Models::Sql::execUnprepared(db, sql))
            return error.message();
    return {};
}

QString TestDatabase::removeInsertFault(Models::Database &db, const QString &table)
{
    const QStringList statements = db.isSqlite()
            ? QStringList { QStringLiteral("DROP TRIGGER injected_fault_%1").arg(table) }
            : QStringList { QStringLiteral("DROP TRIGGER injected_fault_%1 ON %1").arg(table),
                            QStringLiteral("DROP FUNCTION injected_fault_%1()").arg(table) };
    for (const QString &sql : statements)
        if (Models::DbError error = Models::Sql::execUnprepared(db, sql))
            return error.message();
    return {};
}

} // namespace Callvia::Tests
