#include "leadimportstore.h"

#include <models/clock.h>
#include <models/database.h>
#include <models/sqlhelpers.h>

#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringEncoder>

#ifdef CALLVIA_SQLITE_NATIVE_INSERT
#include <sqlite3.h>
#endif

#include <iterator>

namespace Callvia::Models {

namespace {

constexpr int Columns = 19;

QString insertSql(int rows)
{
    QString sql = QStringLiteral("INSERT INTO leads (client_id, campaign_id, first_name, last_name, phone_e164, "
                                 "phone_extension, email, company, time_zone, region, notes, custom_fields, status, "
                                 "consent_type, consent_at, consent_source, call_attempts, created_at, updated_at) "
                                 "VALUES ");
    const QString row = QStringLiteral("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    for (int i = 0; i < rows; ++i)
        sql += (i ? QStringLiteral(", ") : QString()) + row;
    return sql;
}

} // namespace

qint64 ImportKeys::phoneKey(const QString &e164)
{
    qint64 key = 0;
    for (const QChar c : e164) {
        if (c.isDigit())
            key = key * 10 + c.digitValue(); // E.164 has at most 15 digits: fits in 63 bits
    }
    return key;
}

quint64 ImportKeys::emailKey(const QString &email)
{
    quint64 hash = 14695981039346656037ULL;
    for (const QChar c : email) {
        hash = (hash ^ c.unicode()) * 1099511628211ULL;
    }
    return hash;
}

EncodedLead EncodedLead::encode(const LeadRecord &r)
{
    const QString *texts[Texts] = { &r.firstName, &r.lastName, &r.phoneE164, &r.phoneExtension, &r.email, &r.company,
                                    &r.timeZone,  &r.region,   &r.notes,     &r.customFieldsJson, &r.consentType,
                                    &r.consentSource };
    // Qt's UTF-8 encoder into this thread's scratch buffer sized for the worst case, then one
    // exact copy: a row keeps only the bytes it needs (a million rows are queued in batches).
    thread_local QByteArray scratch;
    QStringEncoder toUtf8(QStringEncoder::Utf8);
    qsizetype worst = 0;
    for (const QString *text : texts)
        worst += toUtf8.requiredSpace(text->size());
    if (scratch.size() < worst)
        scratch.resize(worst);
    char *const begin = scratch.data();
    char *out = begin;
    EncodedLead e;
    for (int i = 0; i < Texts; ++i) {
        e.offsets[i] = int(out - begin);
        out = toUtf8.appendToBuffer(out, *texts[i]);
    }
    e.offsets[Texts] = int(out - begin);
    e.utf8 = QByteArray(begin, e.offsets[Texts]);
    e.ready = true;
    return e;
}

LeadImportStore::LeadImportStore(Database &database, const Clock &clock) : m_database(database), m_clock(clock) { }

LeadImportStore::~LeadImportStore()
{
    finalizeNative();
}

#ifdef CALLVIA_SQLITE_NATIVE_INSERT
void LeadImportStore::finalizeNative()
{
    // Before the connection closes: sqlite3_close refuses a handle with live statements.
    sqlite3_finalize(m_native);
    sqlite3_finalize(m_nativeMulti);
    m_native = m_nativeMulti = nullptr;
    dropBuffered();
}

DbError LeadImportStore::nativeError() const
{
    // Through QSqlError, so the kind is classified exactly as for the driver's own errors.
    const int code = sqlite3_extended_errcode(m_handle);
    return DbError::fromSql(QSqlError(QString(), QString::fromUtf8(sqlite3_errmsg(m_handle)),
                                      QSqlError::StatementError, QString::number(code)));
}

DbError LeadImportStore::prepareNative()
{
    if (m_native)
        return {};
    const QByteArray single = insertSql(1).toUtf8(), multi = insertSql(RowsPerStatement).toUtf8();
    if (sqlite3_prepare_v3(m_handle, single.constData(), int(single.size()), SQLITE_PREPARE_PERSISTENT, &m_native,
                           nullptr)
                != SQLITE_OK
        || sqlite3_prepare_v3(m_handle, multi.constData(), int(multi.size()), SQLITE_PREPARE_PERSISTENT,
                              &m_nativeMulti, nullptr)
                != SQLITE_OK) {
        const DbError error = nativeError();
        finalizeNative();
        return error;
    }
    return {};
}

DbError LeadImportStore::insertNative(const LeadRecord &r, const EncodedLead &encoded)
{
    // Buffered until RowsPerStatement rows are there: one multi-row INSERT opens the table's
    // and indexes' cursors once for all of them (measured: a quarter less CPU per row than a
    // single-row statement). Text goes in as UTF-8 appended to one reused buffer (bound as
    // UTF-16, SQLite would allocate and convert each value); empty strings and a zero consent
    // time are NULL, as Sql::nullIfEmpty/-Zero.
    NativeRow row { r.clientId, r.campaignId, r.consentAt, {}, {} };
    const qsizetype base = m_utf8.size();
    m_utf8.append(encoded.utf8);
    // The encoded values in column order, the status (decided by the writer) in between.
    constexpr int StatusText = 10;
    for (int i = 0; i < EncodedLead::Texts; ++i) {
        const int text = i < StatusText ? i : i + 1;
        row.starts[text] = base + encoded.offsets[i];
        row.lengths[text] = encoded.offsets[i + 1] - encoded.offsets[i];
    }
    row.starts[StatusText] = m_utf8.size();
    row.lengths[StatusText] = r.status.size();
    for (const QChar c : r.status) // one of the schema's ASCII status words
        m_utf8.append(char(c.unicode()));
    m_nativeRows.push_back(row);
    if (m_nativeRows.size() < size_t(RowsPerStatement))
        return {};
    const DbError error = stepNative(m_nativeMulti, 0, RowsPerStatement);
    dropBuffered();
    return error;
}

DbError LeadImportStore::stepNative(sqlite3_stmt *statement, size_t first, int rows)
{
    constexpr int TextColumns[NativeTexts] = { 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 16 };
    const qint64 now = m_clock.nowMs();
    int rc = SQLITE_OK;
    for (int n = 0; n < rows && rc == SQLITE_OK; ++n) {
        const NativeRow &row = m_nativeRows[first + size_t(n)];
        const int base = n * Columns;
        rc = sqlite3_bind_int64(statement, base + 1, row.clientId);
        rc = rc ? rc : sqlite3_bind_int64(statement, base + 2, row.campaignId);
        for (int i = 0; i < NativeTexts && rc == SQLITE_OK; ++i) {
            const qsizetype from = row.starts[i], length = row.lengths[i];
            rc = length == 0 ? sqlite3_bind_null(statement, base + TextColumns[i])
                             : sqlite3_bind_text(statement, base + TextColumns[i], m_utf8.constData() + from,
                                                 int(length), SQLITE_STATIC);
        }
        rc = rc ? rc
                : (row.consentAt == 0 ? sqlite3_bind_null(statement, base + 15)
                                      : sqlite3_bind_int64(statement, base + 15, row.consentAt));
        rc = rc ? rc : sqlite3_bind_int64(statement, base + 17, 0);
        rc = rc ? rc : sqlite3_bind_int64(statement, base + 18, now);
        rc = rc ? rc : sqlite3_bind_int64(statement, base + 19, now);
    }
    if (rc == SQLITE_OK)
        rc = sqlite3_step(statement);
    const DbError error = rc == SQLITE_DONE ? DbError() : nativeError();
    sqlite3_reset(statement); // every parameter is bound again before the next step
    return error;
}

DbError LeadImportStore::flushNative()
{
    DbError error;
    for (size_t i = 0; i < m_nativeRows.size() && !error; ++i)
        error = stepNative(m_native, i, 1);
    dropBuffered();
    return error;
}
#else
// This platform's Qt SQLite driver may carry its own SQLite copy: never touch its handle.
void LeadImportStore::finalizeNative() { }
DbError LeadImportStore::nativeError() const { return {}; }
DbError LeadImportStore::prepareNative() { return {}; }
DbError LeadImportStore::insertNative(const LeadRecord &, const EncodedLead &) { return {}; }
DbError LeadImportStore::stepNative(sqlite3_stmt *, size_t, int) { return {}; }
DbError LeadImportStore::flushNative() { return {}; }
#endif

DbError LeadImportStore::loadKeys(qint64 clientId, ImportKeys *keys)
{
    DbResult<QSqlQuery> leads = Sql::exec(
            m_database, QStringLiteral("SELECT id, phone_e164, email FROM leads WHERE client_id = ?"), { clientId });
    if (!leads.ok())
        return leads.error();
    for (QSqlQuery &q = leads.value(); q.next();) {
        if (!q.isNull(1))
            keys->phones.insert(ImportKeys::phoneKey(q.value(1).toString()), q.value(0).toLongLong());
        if (!q.isNull(2))
            keys->emails.insert(ImportKeys::emailKey(q.value(2).toString()), q.value(0).toLongLong());
    }
    DbResult<QSqlQuery> optOuts = Sql::exec(
            m_database,
            QStringLiteral("SELECT phone_e164, email, channel, phone_sha256, email_sha256 FROM opt_outs "
                           "WHERE removed_at IS NULL AND (client_id = ? OR client_id IS NULL)"),
            { clientId });
    if (!optOuts.ok())
        return optOuts.error();
    for (QSqlQuery &q = optOuts.value(); q.next();) {
        const QString channel = q.value(2).toString();
        const bool phoneChannel = channel != QLatin1String("email") && channel != QLatin1String("sms");
        const bool emailChannel = channel == QLatin1String("all") || channel == QLatin1String("email");
        if (!q.isNull(0) && phoneChannel)
            keys->optOutPhones.insert(ImportKeys::phoneKey(q.value(0).toString()));
        if (!q.isNull(1) && emailChannel)
            keys->optOutEmails.insert(ImportKeys::emailKey(q.value(1).toString().toLower()));
        if (q.isNull(0) && !q.isNull(3) && phoneChannel)
            keys->optOutHashes.insert(q.value(3).toString());
        if (q.isNull(1) && !q.isNull(4) && emailChannel)
            keys->optOutHashes.insert(q.value(4).toString());
    }
    return {};
}

DbError LeadImportStore::begin()
{
    QSqlDatabase db = m_database.connection();
    if (!db.isOpen()) {
        if (DbError error = m_database.open())
            return error;
        db = m_database.connection();
    }
    if (m_database.isSqlite() && !m_tuned) {
        // A bigger page cache for this connection only (closed when the import ends): the
        // random phone/e-mail index inserts of a large import otherwise re-read pages.
        m_tuned = true;
        QSqlQuery(db).exec(QStringLiteral("PRAGMA cache_size = -32768"));
#ifdef CALLVIA_SQLITE_NATIVE_INSERT
        const QVariant handle = db.driver()->handle();
        if (handle.isValid() && qstrcmp(handle.typeName(), "sqlite3*") == 0)
            m_handle = *static_cast<sqlite3 *const *>(handle.constData());
#endif
    }
    if (!db.transaction())
        return DbError::fromSql(db.lastError());
    return {};
}

DbError LeadImportStore::commit()
{
    if (DbError error = flush())
        return error;
    QSqlDatabase db = m_database.connection();
    if (!db.commit())
        return DbError::fromSql(db.lastError());
    return {};
}

void LeadImportStore::dropBuffered()
{
    m_nativeRows.clear();
    m_utf8.resize(0); // keeps its capacity
}

void LeadImportStore::rollback()
{
    m_pending.clear();
    dropBuffered();
    m_database.connection().rollback();
}

void LeadImportStore::bindRow(QSqlQuery &query, int row, const LeadRecord &r, qint64 now) const
{
    const int base = row * Columns;
    const QVariant values[Columns] = {
        r.clientId, r.campaignId, Sql::nullIfEmpty(r.firstName), Sql::nullIfEmpty(r.lastName),
        Sql::nullIfEmpty(r.phoneE164), Sql::nullIfEmpty(r.phoneExtension), Sql::nullIfEmpty(r.email),
        Sql::nullIfEmpty(r.company), Sql::nullIfEmpty(r.timeZone), Sql::nullIfEmpty(r.region),
        Sql::nullIfEmpty(r.notes), Sql::nullIfEmpty(r.customFieldsJson), r.status, Sql::nullIfEmpty(r.consentType),
        Sql::nullIfZero(r.consentAt), Sql::nullIfEmpty(r.consentSource), 0, now, now,
    };
    for (int i = 0; i < Columns; ++i)
        query.bindValue(base + i, values[i]);
}

DbError LeadImportStore::execute(QSqlQuery &query, int rows)
{
    const qint64 now = m_clock.nowMs();
    for (int i = 0; i < rows; ++i)
        bindRow(query, i, m_pending.at(i), now);
    if (!query.exec())
        return DbError::fromSql(query.lastError());
    m_pending.remove(0, rows);
    return {};
}

DbError LeadImportStore::insert(const LeadRecord &lead, const EncodedLead *encoded)
{
    if (m_handle) {
        if (DbError error = prepareNative())
            return error;
        if (encoded && encoded->ready)
            return insertNative(lead, *encoded);
        return insertNative(lead, EncodedLead::encode(lead));
    }
    m_pending.append(lead);
    if (m_pending.size() < RowsPerStatement)
        return {};
    if (!m_multi) {
        m_multi = std::make_unique<QSqlQuery>(m_database.connection());
        if (!m_multi->prepare(insertSql(RowsPerStatement)))
            return DbError::fromSql(m_multi->lastError());
    }
    return execute(*m_multi, RowsPerStatement);
}

DbError LeadImportStore::flush()
{
    if (DbError error = flushNative())
        return error;
    if (!m_single && !m_pending.isEmpty()) {
        m_single = std::make_unique<QSqlQuery>(m_database.connection());
        if (!m_single->prepare(insertSql(1)))
            return DbError::fromSql(m_single->lastError());
    }
    while (!m_pending.isEmpty()) {
        if (DbError error = execute(*m_single, 1))
            return error;
    }
    return {};
}

DbError LeadImportStore::update(qint64 id, const LeadRecord &r)
{
    if (DbError error = flush()) // statements run in the order the rows came
        return error;
    if (!m_update) {
        m_update = std::make_unique<QSqlQuery>(m_database.connection());
        const QString sql = QStringLiteral(
                "UPDATE leads SET campaign_id = ?, first_name = COALESCE(?, first_name), "
                "last_name = COALESCE(?, last_name), phone_e164 = COALESCE(phone_e164, ?), "
                "phone_extension = COALESCE(?, phone_extension), email = COALESCE(email, ?), "
                "company = COALESCE(?, company), time_zone = COALESCE(?, time_zone), region = COALESCE(?, region), "
                "notes = COALESCE(?, notes), custom_fields = COALESCE(?, custom_fields), "
                "status = CASE WHEN ? = 'dnc' THEN 'dnc' ELSE status END, "
                "consent_type = COALESCE(?, consent_type), consent_at = COALESCE(?, consent_at), "
                "consent_source = COALESCE(?, consent_source), updated_at = ? WHERE id = ?");
        if (!m_update->prepare(sql))
            return DbError::fromSql(m_update->lastError());
    }
    const QVariant values[] = {
        r.campaignId, Sql::nullIfEmpty(r.firstName), Sql::nullIfEmpty(r.lastName), Sql::nullIfEmpty(r.phoneE164),
        Sql::nullIfEmpty(r.phoneExtension), Sql::nullIfEmpty(r.email), Sql::nullIfEmpty(r.company),
        Sql::nullIfEmpty(r.timeZone), Sql::nullIfEmpty(r.region), Sql::nullIfEmpty(r.notes),
        Sql::nullIfEmpty(r.customFieldsJson), r.status, Sql::nullIfEmpty(r.consentType), Sql::nullIfZero(r.consentAt),
        Sql::nullIfEmpty(r.consentSource), m_clock.nowMs(), id,
    };
    for (int i = 0; i < int(std::size(values)); ++i)
        m_update->bindValue(i, values[i]);
    if (!m_update->exec())
        return DbError::fromSql(m_update->lastError());
    return {};
}

} // namespace Callvia::Models
