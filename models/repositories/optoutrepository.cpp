#include "optoutrepository.h"

#include <models/clock.h>
#include <models/database.h>
#include <models/sqlhelpers.h>

#include <QCryptographicHash>
#include <QRegularExpression>

#include <algorithm>

namespace Callvia::Models {

OptOutRepository::OptOutRepository(Database &database, const Clock &clock, TenantScope scope)
    : m_database(database), m_clock(clock), m_scope(scope)
{
}

QString OptOutRepository::addressHash(const QString &address)
{
    QString value = address.trimmed();
    if (value.contains(QLatin1Char('@')))
        value = value.toLower();
    if (value.isEmpty())
        return {};
    return QString::fromLatin1(QCryptographicHash::hash(value.toUtf8(), QCryptographicHash::Sha256).toHex());
}

DbResult<bool> OptOutRepository::add(const OptOutRecord &r) const
{
    if (r.clientId != 0 && !m_scope.allows(r.clientId))
        return Sql::outOfScope();
    if (r.phoneE164.isEmpty() && r.email.isEmpty())
        return DbError(DbError::Invalid, QStringLiteral("opt-out needs a phone number or an e-mail"));
    const QString email = r.email.trimmed().toLower();
    const QString phoneHash = addressHash(r.phoneE164);
    const QString emailHash = addressHash(email);
    // The same entry, still in force, whether its address is in clear or only hashed (an erased
    // person's). The rows of the address are found through its two indexes first ("id IN"):
    // given the whole condition at once, SQLite walked the client_id index over every
    // agency-wide row instead, and an import of 20,000 numbers took minutes.
    const bool byPhone = !r.phoneE164.isEmpty();
    QString where = QStringLiteral("WHERE id IN (SELECT id FROM opt_outs WHERE %1 = ? UNION SELECT id FROM opt_outs "
                                   "WHERE %2 = ?) AND channel = ? AND removed_at IS NULL")
                            .arg(byPhone ? QStringLiteral("phone_e164") : QStringLiteral("email"),
                                 byPhone ? QStringLiteral("phone_sha256") : QStringLiteral("email_sha256"));
    QVariantList binds { byPhone ? r.phoneE164 : email, byPhone ? phoneHash : emailHash, r.channel };
    if (r.clientId == 0) {
        where += QStringLiteral(" AND client_id IS NULL");
    } else {
        where += QStringLiteral(" AND client_id = ?");
        binds << r.clientId;
    }
    // NULL-safe equality spelled out: SQLite has no IS NOT DISTINCT FROM before 3.39.
    auto match = [&](const QString &column, const QString &hashColumn, const QString &value, const QString &hash) {
        if (value.isEmpty()) {
            where += QStringLiteral(" AND %1 IS NULL AND %2 IS NULL").arg(column, hashColumn);
        } else {
            where += QStringLiteral(" AND (%1 = ? OR %2 = ?)").arg(column, hashColumn);
            binds << value << hash;
        }
    };
    match(QStringLiteral("phone_e164"), QStringLiteral("phone_sha256"), r.phoneE164, phoneHash);
    match(QStringLiteral("email"), QStringLiteral("email_sha256"), email, emailHash);
    // A kept statement (few distinct texts): an import asks this once per row.
    const DbResult<QVariant> existing
            = Sql::firstValue(m_database, QStringLiteral("SELECT COUNT(*) FROM opt_outs ") + where, binds);
    if (!existing.ok())
        return existing.error();
    if (existing.value().toLongLong() > 0)
        return false;
    DbResult<qint64> id = Sql::insertReturningId(
            m_database,
            QStringLiteral("INSERT INTO opt_outs (client_id, phone_e164, email, channel, source, reason, created_at, "
                           "phone_sha256, email_sha256, added_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"),
            { Sql::nullIfZero(r.clientId), Sql::nullIfEmpty(r.phoneE164), Sql::nullIfEmpty(email), r.channel, r.source,
              Sql::nullIfEmpty(r.reason), r.createdAt ? r.createdAt : m_clock.nowMs(), Sql::nullIfEmpty(phoneHash),
              Sql::nullIfEmpty(emailHash), Sql::nullIfEmpty(m_addedBy) });
    if (!id.ok())
        return id.error();
    return true;
}

DbResult<bool> OptOutRepository::isOptedOut(const QString &address, const QString &channel, qint64 clientId) const
{
    const bool isEmail = address.contains(QLatin1Char('@'));
    const QString value = isEmail ? address.trimmed().toLower() : address.trimmed();
    if (value.isEmpty())
        return false;
    // PostgreSQL: a client user's role cannot read agency-wide opt-outs (other clients' contacts);
    // the SECURITY DEFINER check answers yes or no for its own client (030_dnc_retention.sql).
    // An erased person's rows match by the hash alone; removed entries (added by mistake) do not.
    const QString column = isEmail ? QStringLiteral("email") : QStringLiteral("phone_e164");
    const QString hashColumn = isEmail ? QStringLiteral("email_sha256") : QStringLiteral("phone_sha256");
    DbResult<QSqlQuery> q = m_database.isSqlite()
            ? Sql::exec(m_database,
                        QStringLiteral("SELECT COUNT(*) FROM opt_outs WHERE id IN (SELECT id FROM opt_outs WHERE %1 = ? "
                                       "UNION SELECT id FROM opt_outs WHERE %2 = ?) AND removed_at IS NULL "
                                       "AND (channel = 'all' OR channel = ?) AND (client_id IS NULL OR client_id = ?)")
                                .arg(column, hashColumn),
                        { value, addressHash(value), channel, clientId })
            : Sql::exec(m_database, QStringLiteral("SELECT CASE WHEN callvia_is_opted_out(?, ?, ?) THEN 1 ELSE 0 END"),
                        { value, channel, clientId });
    if (!q.ok())
        return q.error();
    q.value().next();
    return q.value().value(0).toLongLong() > 0;
}

DbResult<QList<OptOutRecord>> OptOutRepository::list() const
{
    // A client user sees its own opt-outs and the agency-wide ones that bind it.
    QString sql = QStringLiteral("SELECT id, client_id, phone_e164, email, channel, source, reason, created_at "
                                 "FROM opt_outs WHERE removed_at IS NULL");
    if (!m_scope.isAgency())
        sql += QStringLiteral(" AND (client_id IS NULL OR client_id = %1)").arg(m_scope.clientId());
    DbResult<QSqlQuery> q = Sql::exec(m_database, sql + QStringLiteral(" ORDER BY id"));
    if (!q.ok())
        return q.error();
    QList<OptOutRecord> rows;
    while (q.value().next()) {
        const QSqlQuery &s = q.value();
        OptOutRecord r;
        r.id = s.value(0).toLongLong();
        r.clientId = s.value(1).toLongLong();
        r.phoneE164 = s.value(2).toString();
        r.email = s.value(3).toString();
        r.channel = s.value(4).toString();
        r.source = s.value(5).toString();
        r.reason = s.value(6).toString();
        r.createdAt = s.value(7).toLongLong();
        rows << r;
    }
    return rows;
}

QString OptOutRepository::entryWhere(const DncQuery &query, QVariantList *binds) const
{
    QStringList conditions;
    if (!m_scope.isAgency()) {
        conditions << QStringLiteral("client_id = ?");
        *binds << m_scope.clientId();
    }
    if (!query.includeRemoved)
        conditions << QStringLiteral("removed_at IS NULL");
    const QString search = query.search.trimmed().toLower();
    if (!search.isEmpty()) {
        // A number typed as digits finds its E.164 form; the hash of a whole address finds an
        // erased person's rows.
        QString digits = search;
        digits.remove(QRegularExpression(QStringLiteral("[^0-9]")));
        QString pattern = QStringLiteral("%") + search + QStringLiteral("%");
        conditions << QStringLiteral("(phone_e164 LIKE ? OR lower(email) LIKE ? OR lower(reason) LIKE ? OR phone_e164 LIKE ? "
                                     "OR phone_sha256 = ? OR email_sha256 = ?)");
        *binds << pattern << pattern << pattern
               << (digits.isEmpty() ? QStringLiteral("-") : QStringLiteral("%") + digits + QStringLiteral("%"))
               << addressHash(search) << addressHash(search);
    }
    return conditions.isEmpty() ? QString() : QStringLiteral(" WHERE ") + conditions.join(QStringLiteral(" AND "));
}

DbResult<QList<DncEntry>> OptOutRepository::entries(const DncQuery &query) const
{
    QVariantList binds;
    const QString sql = QStringLiteral("SELECT id, client_id, phone_e164, email, channel, source, reason, created_at, "
                                       "phone_sha256, email_sha256, added_by, erased_at, removed_at, removed_by, "
                                       "removed_reason FROM opt_outs")
            + entryWhere(query, &binds) + QStringLiteral(" ORDER BY created_at DESC, id DESC LIMIT %1 OFFSET %2")
                                                  .arg(std::max(1, query.limit))
                                                  .arg(std::max(0, query.offset));
    DbResult<QSqlQuery> q = Sql::exec(m_database, sql, binds);
    if (!q.ok())
        return q.error();
    QList<DncEntry> rows;
    while (q.value().next()) {
        const QSqlQuery &s = q.value();
        DncEntry e;
        e.optOut.id = s.value(0).toLongLong();
        e.optOut.clientId = s.value(1).toLongLong();
        e.optOut.phoneE164 = s.value(2).toString();
        e.optOut.email = s.value(3).toString();
        e.optOut.channel = s.value(4).toString();
        e.optOut.source = s.value(5).toString();
        e.optOut.reason = s.value(6).toString();
        e.optOut.createdAt = s.value(7).toLongLong();
        e.phoneSha256 = s.value(8).toString();
        e.emailSha256 = s.value(9).toString();
        e.addedBy = s.value(10).toString();
        e.erasedAt = s.value(11).toLongLong();
        e.removedAt = s.value(12).toLongLong();
        e.removedBy = s.value(13).toString();
        e.removedReason = s.value(14).toString();
        rows << e;
    }
    return rows;
}

DbResult<qint64> OptOutRepository::countEntries(const DncQuery &query) const
{
    QVariantList binds;
    DbResult<QVariant> n = Sql::firstValue(m_database, QStringLiteral("SELECT COUNT(*) FROM opt_outs") + entryWhere(query, &binds), binds);
    if (!n.ok())
        return n.error();
    return n.value().toLongLong();
}

DbResult<DncEntry> OptOutRepository::markRemoved(qint64 id, const QString &by, const QString &reason) const
{
    if (reason.trimmed().isEmpty())
        return DbError(DbError::Invalid, QStringLiteral("reason: say why the entry was added by mistake"));
    DncQuery all;
    all.includeRemoved = true;
    all.limit = 1;
    QVariantList binds;
    QString where = entryWhere(all, &binds);
    where += (where.isEmpty() ? QStringLiteral(" WHERE ") : QStringLiteral(" AND ")) + QStringLiteral("id = ?");
    binds << id;
    DbResult<QVariant> found = Sql::firstValue(m_database, QStringLiteral("SELECT source FROM opt_outs") + where, binds);
    if (!found.ok())
        return found.error();
    if (!found.value().isValid())
        return Sql::outOfScope();
    const QString source = found.value().toString();
    if (source != QLatin1String("manual") && source != QLatin1String("import"))
        return DbError(DbError::Invalid, QStringLiteral("this entry is the contact's own opt-out (%1): it keeps blocking "
                                                        "and cannot be removed").arg(source));
    DbResult<QSqlQuery> q = Sql::exec(m_database,
                                      QStringLiteral("SELECT id FROM opt_outs WHERE id = ? AND removed_at IS NULL"), { id });
    if (!q.ok())
        return q.error();
    if (!q.value().next())
        return DbError(DbError::Invalid, QStringLiteral("the entry was already removed"));
    DbResult<int> n = Sql::execAffected(
            m_database,
            QStringLiteral("UPDATE opt_outs SET removed_at = ?, removed_by = ?, removed_reason = ? WHERE id = ? AND removed_at IS NULL"),
            { m_clock.nowMs(), Sql::nullIfEmpty(by), reason.trimmed(), id });
    if (!n.ok())
        return n.error();
    DncEntry entry;
    entry.optOut.id = id;
    entry.optOut.source = source;
    entry.removedReason = reason.trimmed();
    entry.removedBy = by;
    return entry;
}

DbResult<int> OptOutRepository::eraseAddresses(const QString &phoneE164, const QString &email) const
{
    if (!m_scope.isAgency())
        return Sql::outOfScope();
    int changed = 0;
    const qint64 now = m_clock.nowMs();
    // The reason goes too: a person's words ("my husband says stop") are personal data.
    auto erase = [&](const QString &column, const QString &hashColumn, const QString &value) -> DbError {
        const QString clear = column == QLatin1String("email") ? value.trimmed().toLower() : value.trimmed();
        if (clear.isEmpty())
            return {};
        DbResult<int> n = Sql::execAffected(
                m_database,
                QStringLiteral("UPDATE opt_outs SET %1 = ?, %2 = NULL, reason = NULL, erased_at = ? WHERE %2 = ?")
                        .arg(hashColumn, column),
                { addressHash(clear), now, clear });
        if (!n.ok())
            return n.error();
        changed += n.value();
        return {};
    };
    if (DbError error = erase(QStringLiteral("phone_e164"), QStringLiteral("phone_sha256"), phoneE164))
        return error;
    if (DbError error = erase(QStringLiteral("email"), QStringLiteral("email_sha256"), email))
        return error;
    return changed;
}

} // namespace Callvia::Models
