#pragma once

#include "dberror.h"

#include <QHash>
#include <QMutex>
#include <QSqlDatabase>
#include <QString>

#include <atomic>
#include <optional>

namespace Callvia::Models {

enum class Dialect { Sqlite, PostgreSql };

// Where the data lives: a SQLite file path or a postgresql:// URL.
struct DatabaseUrl
{
    Dialect dialect = Dialect::Sqlite;
    QString path; // SQLite file
    QString host;
    int port = 5432;
    QString user;
    QString password;
    QString name;
    QString options; // PostgreSQL connect options (query string of the URL)

    static std::optional<DatabaseUrl> parse(const QString &text, QString *error);
    static QString defaultSqlitePath();
    QString displayName() const; // never contains the password
};

// Owns the connection settings and hands each thread its own QSqlDatabase connection
// (Qt connections may only be used in the thread that opened them). Applies migrations.
class Database final
{
    Q_DISABLE_COPY_MOVE(Database)
public:
    static constexpr int LatestSchemaVersion = 3;

    explicit Database(DatabaseUrl url);
    ~Database();

    // Opens (or reuses) this thread's connection. Unavailable when the store cannot be opened.
    DbError open();
    // Brings the schema to LatestSchemaVersion, each migration in its own transaction.
    // A database written by a newer Callvia is refused and left untouched.
    DbError migrate();
    DbResult<int> schemaVersion();

    QSqlDatabase connection();
    void releaseThreadConnection();
    // Closes every thread's connection (before a restore replaces the file). Only when no other
    // thread uses the database any more; a later connection() opens afresh.
    void closeAllConnections();
    Dialect dialect() const { return m_url.dialect; }
    bool isSqlite() const { return m_url.dialect == Dialect::Sqlite; }
    const DatabaseUrl &url() const { return m_url; }

    // A cheap liveness probe (SELECT 1); reconnects a dropped PostgreSQL connection.
    DbError ping();

    // SQLite only: a consistent online copy of the database into `path` (VACUUM INTO), safe
    // while other connections write. `path` must not exist.
    DbError backupTo(const QString &path);
    // SQLite only: "ok" or the problems PRAGMA integrity_check reports.
    DbResult<QString> integrityCheck();
    // The signed-in client user's id (0 = agency). On PostgreSQL every thread's connection runs
    // set_config('callvia.client_id', ...) before its next statement, so the row-level security
    // policies of 002_rls.sql confine it to that client. No effect on SQLite.
    void setSessionClient(qint64 clientId);
    qint64 sessionClient() const { return m_sessionClient.load(); }

private:
    DbError openConnection(QSqlDatabase &db);
    DbError applyMigration(int version, const QString &resource);
    DbError applySessionClient(QSqlDatabase &db);

    DatabaseUrl m_url;
    QString m_prefix;
    QMutex m_mutex;
    QHash<Qt::HANDLE, QString> m_connections;
    std::atomic<qint64> m_sessionClient { 0 };
    std::atomic<int> m_sessionGeneration { 0 };
    QHash<QString, int> m_appliedGeneration; // connection name -> generation applied (under m_mutex)
};

// RAII transaction on the current thread's connection: rolls back unless committed.
class Transaction final
{
    Q_DISABLE_COPY_MOVE(Transaction)
public:
    explicit Transaction(Database &database);
    ~Transaction();
    bool isActive() const { return m_active; }
    const DbError &beginError() const { return m_beginError; }
    DbError commit();

private:
    QSqlDatabase m_db;
    bool m_active = false;
    DbError m_beginError;
};

} // namespace Callvia::Models
