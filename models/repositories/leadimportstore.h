#pragma once

#include <models/dberror.h>
#include <models/records.h>

#include <QHash>
#include <QList>
#include <QSet>
#include <QVariantList>

#include <array>
#include <memory>
#include <vector>

class QSqlQuery;
struct sqlite3;
struct sqlite3_stmt;

namespace Callvia::Models {

class Clock;
class Database;

// The keys an import checks every row against, kept compact so a million leads fit in a few
// tens of MB: phones as their E.164 digits in an integer, e-mails as a 64-bit FNV-1a hash
// (a collision, about 1 in 10^7 for a million addresses, would report a false duplicate).
struct ImportKeys
{
    QHash<qint64, qint64> phones; // key -> lead id (0 = added by this import)
    QHash<quint64, qint64> emails;
    QSet<qint64> optOutPhones;
    QSet<quint64> optOutEmails;
    // An erased person's opt-outs keep only SHA-256 hex hashes (migration 030); usually empty, so
    // rows are hashed only when there is something to compare with.
    QSet<QString> optOutHashes;

    static qint64 phoneKey(const QString &e164);
    static quint64 emailKey(const QString &email);
};

// A lead's text values (all but its status) as UTF-8 in one buffer, laid out for
// LeadImportStore::insert on SQLite. encode() is thread-safe: the import's normalization workers
// build it, so the single writer thread copies one buffer instead of converting 13 strings.
struct EncodedLead
{
    static constexpr int Texts = 12;
    QByteArray utf8;
    std::array<int, Texts + 1> offsets {}; // start of each value in utf8, then the end
    bool ready = false;
    static EncodedLead encode(const LeadRecord &lead);
};

// Bulk lead writing for the import (issue 9): loads a client's existing phone/e-mail keys and
// opt-outs once, then inserts inside caller-driven transactions on the calling thread's
// connection. One store per writer thread. Inserts are buffered and written by one prepared
// multi-row statement: on SQLite straight on the driver's sqlite3 handle with UTF-8 binds
// (QSqlQuery's per-value bookkeeping costs more than the inserts themselves), on PostgreSQL
// through QSqlQuery. Updates go through QSqlQuery, after the buffered rows.
class LeadImportStore final
{
    Q_DISABLE_COPY_MOVE(LeadImportStore)
public:
    static constexpr int RowsPerStatement = 50;

    LeadImportStore(Database &database, const Clock &clock);
    ~LeadImportStore();

    // Phones and e-mails of the client's leads, and opt-outs of the client or the agency
    // (channel all/call for phones, all/email for e-mails).
    DbError loadKeys(qint64 clientId, ImportKeys *keys);

    DbError begin();
    DbError commit(); // flushes buffered rows first
    void rollback(); // drops buffered rows too

    // Buffers the row; written by a multi-row statement once RowsPerStatement rows are there,
    // the rest by commit() or flush().
    // encoded: the same lead's EncodedLead when the caller has it (saves the conversion).
    DbError insert(const LeadRecord &lead, const EncodedLead *encoded = nullptr);
    DbError flush();
    // Fills the lead's empty fields from `lead` (never its phone or e-mail unless empty and
    // given), moves it to `lead.campaignId` and sets status dnc when lead.status is dnc.
    DbError update(qint64 id, const LeadRecord &lead);

private:
    DbError execute(QSqlQuery &query, int rows);
    void bindRow(QSqlQuery &query, int row, const LeadRecord &lead, qint64 now) const;
    DbError prepareNative();
    DbError insertNative(const LeadRecord &lead, const EncodedLead &encoded);
    DbError stepNative(sqlite3_stmt *statement, size_t first, int rows);
    DbError flushNative();
    void dropBuffered(); // the buffered native rows and their texts
    DbError nativeError() const;
    void finalizeNative();

    Database &m_database;
    const Clock &m_clock;
    std::unique_ptr<QSqlQuery> m_multi;
    std::unique_ptr<QSqlQuery> m_single;
    std::unique_ptr<QSqlQuery> m_update;
    QList<LeadRecord> m_pending;
    bool m_tuned = false;
    sqlite3 *m_handle = nullptr; // the SQLite connection of this thread, when native
    static constexpr int NativeTexts = 13;
    struct NativeRow
    {
        qint64 clientId, campaignId, consentAt;
        std::array<qsizetype, NativeTexts> starts, lengths; // of each text value in m_utf8
    };
    sqlite3_stmt *m_native = nullptr; // single-row INSERT on m_handle (the rest at a flush)
    sqlite3_stmt *m_nativeMulti = nullptr; // RowsPerStatement-row INSERT on m_handle
    std::vector<NativeRow> m_nativeRows; // buffered rows, written when RowsPerStatement are there
    QByteArray m_utf8; // their text values, bound without a copy
};

} // namespace Callvia::Models
