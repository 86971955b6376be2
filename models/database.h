#pragma once

#include "dberror.h"

#include <QHash>
#include <QMutex>
#include <QSet>
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
    // A new, unopened Qt connection named connectionName with these settings (driver, file or
    // server, SQLite busy timeout, PostgreSQL connect options).
    QSqlDatabase addConnection(const QString &connectionName) const;
};

// Owns the connection settings and hands each thread its own QSqlDatabase connection
// (Qt connections may only be used in the thread that opened them). Applies migrations.
class Database final
{
    Q_DISABLE_COPY_MOVE(Database)
public:
    static constexpr int LatestSchemaVersion = 11;

    explicit Database(DatabaseUrl url);
    ~Database();

    // Opens (or reuses) this thread's connection. Unavailable when the store cannot be opened.
    DbError open();
    // Brings the schema to LatestSchemaVersion (or only up to `upTo`, for tests of a later
    // migration over an older database), each migration in its own transaction.
    // A database written by a newer Callvia is refused and left untouched.
    DbError migrate(int upTo = LatestSchemaVersion);
    DbResult<int> schemaVersion();

    QSqlDatabase connection();
    void releaseThreadConnection();
    // Closes every thread's connection (before a restore replaces the file). Only when no other
    // thread uses the database any more; a later connection() opens afresh.
    void closeAllConnections();
    Dialect dialect() const { return m_url.dialect; }
    bool isSqlite() const { return m_url.dialect == Dialect::Sqlite; }
    const DatabaseUrl &url() const { return m_url; }

    // A cheap liveness probe that reads the schema page; reopens the connection once when it fails
    // (a restarted PostgreSQL server, a SQLite file that was read-only or locked).
    DbError ping();
    // Records a failed statement on this thread's connection. After an Unavailable error (server
    // gone, file read-only, full, locked or corrupt) the connection is closed and reopened by the
    // next connection() call outside a transaction, so work resumes by itself when the fault clears.
    void noteFailure(const DbError &error);

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

    // SQLite allows one writer at a time and makes a blocked writer sleep in its busy handler
    // (1, 2, 5, 10 … ms). Writers of this process that run often (webhook intake, the event
    // processor) take this in-process gate instead, so they queue on a mutex and are woken the
    // moment it is free; an urgent writer (intake, a client is waiting for its answer) is
    // announced so a long-running writer can yield early. No-ops on PostgreSQL.
    void lockWriteGate(bool urgent);
    void unlockWriteGate();
    bool urgentWriterWaiting() const { return m_urgentWriters.load(std::memory_order_relaxed) > 0; }
    // Whether an urgent writer took the gate within the last `ms` milliseconds (a burst of
    // webhooks is on): long-running writers then keep their transactions minimal.
    bool urgentWriterRecent(int ms) const;

private:
    DbError openConnection(QSqlDatabase &db);
    DbError applyMigration(int version, const QString &resource);
    DbError runMigration(int version, const QString &resource, const QStringList &statements,
                         bool checkForeignKeys);
    DbError applySessionClient(QSqlDatabase &db);

    DatabaseUrl m_url;
    QString m_prefix;
    QMutex m_mutex;
    QHash<Qt::HANDLE, QString> m_connections;
    std::atomic<qint64> m_sessionClient { 0 };
    std::atomic<int> m_sessionGeneration { 0 };
    QHash<QString, int> m_appliedGeneration; // connection name -> generation applied (under m_mutex)
    QMutex m_writeGate;
    std::atomic<int> m_urgentWriters { 0 };
    std::atomic<qint64> m_lastUrgentNs { 0 }; // steady clock, for scheduling only
    QSet<QString> m_stale; // connections to reopen after an Unavailable error (under m_mutex)
};

// RAII transaction on the current thread's connection: rolls back unless committed.
class Transaction final
{
    Q_DISABLE_COPY_MOVE(Transaction)
public:
    // Immediate: on SQLite BEGIN IMMEDIATE, which takes the database's write lock at once (waiting
    // up to the busy timeout) instead of at the first write, so rows read first cannot change
    // before the transaction writes. On PostgreSQL a plain BEGIN: lock rows with FOR UPDATE there.
    enum class Mode { Deferred, Immediate };
    explicit Transaction(Database &database, Mode mode = Mode::Deferred);
    ~Transaction();
    bool isActive() const { return m_active; }
    const DbError &beginError() const { return m_beginError; }
    DbError commit();

private:
    Database &m_database;
    QSqlDatabase m_db;
    bool m_active = false;
    DbError m_beginError;
};

// RAII for Database::lockWriteGate (SQLite only; see there).
class WriteGate final
{
    Q_DISABLE_COPY_MOVE(WriteGate)
public:
    enum class Priority { Normal, Urgent };
    explicit WriteGate(Database &database, Priority priority = Priority::Normal);
    ~WriteGate();

private:
    Database &m_database;
};

// A SAVEPOINT inside the current thread's open transaction (SQLite and PostgreSQL): rollback()
// undoes only the work done since it was set and keeps the transaction usable; release() keeps
// it. Used to apply several events in one transaction while isolating each one's failure.
class Savepoint final
{
    Q_DISABLE_COPY_MOVE(Savepoint)
public:
    explicit Savepoint(Database &database);
    const DbError &beginError() const { return m_beginError; }
    DbError release();
    DbError rollback(); // ROLLBACK TO + RELEASE

private:
    QSqlDatabase m_db;
    DbError m_beginError;
};

} // namespace Callvia::Models
