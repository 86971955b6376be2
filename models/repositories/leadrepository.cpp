#include "leadrepository.h"

#include <models/clock.h>
#include <models/database.h>
#include <models/sqlhelpers.h>

namespace Callvia::Models {

namespace {

const QString selectColumns = QStringLiteral(
        "SELECT id, client_id, campaign_id, first_name, last_name, phone_e164, phone_extension, email, company, "
        "time_zone, region, notes, custom_fields, status, callback_at, call_attempts, last_contacted_at, "
        "consent_type, consent_at, consent_source, created_at, updated_at FROM leads ");

LeadRecord readLead(const QSqlQuery &q)
{
    LeadRecord r;
    r.id = q.value(0).toLongLong();
    r.clientId = q.value(1).toLongLong();
    r.campaignId = q.value(2).toLongLong();
    r.firstName = q.value(3).toString();
    r.lastName = q.value(4).toString();
    r.phoneE164 = q.value(5).toString();
    r.phoneExtension = q.value(6).toString();
    r.email = q.value(7).toString();
    r.company = q.value(8).toString();
    r.timeZone = q.value(9).toString();
    r.region = q.value(10).toString();
    r.notes = q.value(11).toString();
    r.customFieldsJson = q.value(12).toString();
    r.status = q.value(13).toString();
    r.callbackAt = q.value(14).toLongLong();
    r.callAttempts = q.value(15).toInt();
    r.lastContactedAt = q.value(16).toLongLong();
    r.consentType = q.value(17).toString();
    r.consentAt = q.value(18).toLongLong();
    r.consentSource = q.value(19).toString();
    r.createdAt = q.value(20).toLongLong();
    r.updatedAt = q.value(21).toLongLong();
    return r;
}

DbResult<QList<LeadRecord>> readAll(DbResult<QSqlQuery> q)
{
    if (!q.ok())
        return q.error();
    QList<LeadRecord> leads;
    while (q.value().next())
        leads << readLead(q.value());
    return leads;
}

} // namespace

LeadRepository::LeadRepository(Database &database, const Clock &clock, TenantScope scope)
    : m_database(database), m_clock(clock), m_scope(scope)
{
}

DbResult<qint64> LeadRepository::insert(const LeadRecord &r) const
{
    if (!m_scope.allows(r.clientId))
        return Sql::outOfScope();
    const qint64 now = m_clock.nowMs();
    return Sql::insertReturningId(
            m_database,
            QStringLiteral("INSERT INTO leads (client_id, campaign_id, first_name, last_name, phone_e164, "
                           "phone_extension, email, company, time_zone, region, notes, custom_fields, status, "
                           "callback_at, call_attempts, last_contacted_at, consent_type, consent_at, consent_source, "
                           "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                           "?, ?) RETURNING id"),
            { r.clientId, r.campaignId, Sql::nullIfEmpty(r.firstName), Sql::nullIfEmpty(r.lastName),
              Sql::nullIfEmpty(r.phoneE164), Sql::nullIfEmpty(r.phoneExtension), Sql::nullIfEmpty(r.email),
              Sql::nullIfEmpty(r.company), Sql::nullIfEmpty(r.timeZone), Sql::nullIfEmpty(r.region),
              Sql::nullIfEmpty(r.notes), Sql::nullIfEmpty(r.customFieldsJson), r.status, Sql::nullIfZero(r.callbackAt),
              r.callAttempts, Sql::nullIfZero(r.lastContactedAt), Sql::nullIfEmpty(r.consentType),
              Sql::nullIfZero(r.consentAt), Sql::nullIfEmpty(r.consentSource), r.createdAt ? r.createdAt : now, now });
}

DbError LeadRepository::update(const LeadRecord &r) const
{
    DbResult<int> n = Sql::execAffected(
            m_database,
            QStringLiteral("UPDATE leads SET campaign_id = ?, first_name = ?, last_name = ?, phone_e164 = ?, "
                           "phone_extension = ?, email = ?, company = ?, time_zone = ?, region = ?, notes = ?, "
                           "custom_fields = ?, status = ?, callback_at = ?, call_attempts = ?, last_contacted_at = ?, "
                           "consent_type = ?, consent_at = ?, consent_source = ?, updated_at = ? WHERE id = ? "
                           // a lead may only move to a campaign of its own client (issue 6)
                           "AND ? IN (SELECT id FROM campaigns WHERE client_id = leads.client_id)")
                    + Sql::scopeClause(m_scope),
            { r.campaignId, Sql::nullIfEmpty(r.firstName), Sql::nullIfEmpty(r.lastName), Sql::nullIfEmpty(r.phoneE164),
              Sql::nullIfEmpty(r.phoneExtension), Sql::nullIfEmpty(r.email), Sql::nullIfEmpty(r.company),
              Sql::nullIfEmpty(r.timeZone), Sql::nullIfEmpty(r.region), Sql::nullIfEmpty(r.notes),
              Sql::nullIfEmpty(r.customFieldsJson), r.status, Sql::nullIfZero(r.callbackAt), r.callAttempts,
              Sql::nullIfZero(r.lastContactedAt), Sql::nullIfEmpty(r.consentType), Sql::nullIfZero(r.consentAt),
              Sql::nullIfEmpty(r.consentSource), m_clock.nowMs(), r.id, r.campaignId });
    if (!n.ok())
        return n.error();
    return n.value() == 1 ? DbError() : Sql::outOfScope();
}

DbResult<LeadRecord> LeadRepository::find(qint64 id) const
{
    DbResult<QList<LeadRecord>> leads = readAll(
            Sql::exec(m_database, selectColumns + QStringLiteral("WHERE id = ?") + Sql::scopeClause(m_scope), { id }));
    if (!leads.ok())
        return leads.error();
    if (leads.value().isEmpty())
        return Sql::outOfScope();
    return leads.value().first();
}

DbResult<QList<LeadRecord>> LeadRepository::findByPhone(const QString &phoneE164, qint64 clientId) const
{
    QString sql = selectColumns + QStringLiteral("WHERE phone_e164 = ?") + Sql::scopeClause(m_scope);
    QVariantList binds { phoneE164 };
    if (clientId != 0) {
        sql += QStringLiteral(" AND client_id = ?");
        binds << clientId;
    }
    return readAll(Sql::exec(m_database, sql + QStringLiteral(" ORDER BY created_at DESC, id DESC"), binds));
}

DbResult<QList<LeadRecord>> LeadRepository::findByEmail(const QString &email, qint64 clientId) const
{
    QString sql = selectColumns + QStringLiteral("WHERE email = ?") + Sql::scopeClause(m_scope);
    QVariantList binds { email.toLower() };
    if (clientId != 0) {
        sql += QStringLiteral(" AND client_id = ?");
        binds << clientId;
    }
    return readAll(Sql::exec(m_database, sql + QStringLiteral(" ORDER BY created_at DESC, id DESC"), binds));
}

DbError LeadRepository::setStatus(qint64 id, const QString &status, qint64 callbackAt) const
{
    DbResult<int> n = Sql::execAffected(
            m_database,
            QStringLiteral("UPDATE leads SET status = ?, callback_at = ?, updated_at = ? WHERE id = ?")
                    + Sql::scopeClause(m_scope),
            { status, Sql::nullIfZero(callbackAt), m_clock.nowMs(), id });
    if (!n.ok())
        return n.error();
    return n.value() == 1 ? DbError() : Sql::outOfScope();
}

namespace {

// The four index ranges a search text covers: a prefix of the phone or e-mail (range conditions
// instead of LIKE, so the indexes serve them), and of either name in any case through the
// lower(...) expression indexes: migration 015's for the last name, the name sort's
// COALESCE(lower(first_name), '') of 022 for the first (025 dropped the second first-name index).
struct SearchRange
{
    QString column;
    QString from;
    QString to;
};

QList<SearchRange> searchRanges(const QString &search)
{
    const QString text = search.trimmed();
    const QString lower = text.toLower();
    const QChar last(0xFFFF);
    return { { QStringLiteral("phone_e164"), text, text + last },
             { QStringLiteral("email"), lower, lower + last },
             { QStringLiteral("lower(last_name)"), lower, lower + last },
             { LeadRepository::sortExpression(LeadQuery::ByName), lower, lower + last } };
}

QVariantList bindIds(const QList<qint64> &ids)
{
    QVariantList binds;
    binds.reserve(ids.size());
    for (const qint64 id : ids)
        binds << id;
    return binds;
}

} // namespace

QString LeadRepository::whereClause(const LeadQuery &query, QVariantList &binds, bool united) const
{
    QString where = QStringLiteral("WHERE 1 = 1") + Sql::scopeClause(m_scope);
    if (query.clientId != 0) {
        where += QStringLiteral(" AND client_id = ?");
        binds << query.clientId;
    }
    if (query.campaignId != 0) {
        where += QStringLiteral(" AND campaign_id = ?");
        binds << query.campaignId;
    }
    if (!query.status.isEmpty()) {
        where += QStringLiteral(" AND status = ?");
        binds << query.status;
    }
    if (!query.statuses.isEmpty()) {
        where += QStringLiteral(" AND status IN (") + Sql::placeholders(int(query.statuses.size())) + QLatin1Char(')');
        for (const QString &status : query.statuses)
            binds << status;
    }
    auto range = [&](const char *column, qint64 from, qint64 to) {
        if (from > 0) {
            where += QStringLiteral(" AND %1 >= ?").arg(QLatin1String(column));
            binds << from;
        }
        if (to > 0) {
            where += QStringLiteral(" AND %1 < ?").arg(QLatin1String(column));
            binds << to;
        }
    };
    range("created_at", query.createdFrom, query.createdTo);
    range("last_contacted_at", query.contactedFrom, query.contactedTo);
    if (!query.timeZone.isEmpty()) {
        where += QStringLiteral(" AND time_zone = ?");
        binds << query.timeZone;
    }
    if (query.contact != LeadQuery::AnyContact) {
        // The opt-out list as the senders read it: the lead's client's entries and agency-wide ones.
        const QString optedOut = QStringLiteral(
                "(status = 'dnc' OR EXISTS (SELECT 1 FROM opt_outs o WHERE o.phone_e164 = leads.phone_e164 "
                "AND o.removed_at IS NULL AND (o.client_id IS NULL OR o.client_id = leads.client_id)) OR EXISTS "
                "(SELECT 1 FROM opt_outs o WHERE o.email = leads.email AND o.removed_at IS NULL "
                "AND (o.client_id IS NULL OR o.client_id = leads.client_id)))");
        where += query.contact == LeadQuery::DoNotContact ? QStringLiteral(" AND ") + optedOut
                                                          : QStringLiteral(" AND NOT ") + optedOut;
    }
    if (!query.search.isEmpty()) {
        const QList<SearchRange> ranges = searchRanges(query.search);
        QStringList parts;
        for (const SearchRange &range : ranges) {
            if (united) {
                parts << QStringLiteral("SELECT id FROM leads WHERE %1 >= ? AND %1 < ?").arg(range.column);
            } else {
                // For a common term: "|| ''" keeps the planner off the four indexes, so it walks the
                // table in id order and meets a page of matches soon instead of collecting and
                // sorting every match (bench_leadsview: 0.8 s for "mar" over 1,000,000 leads before).
                parts << QStringLiteral("(%1 || '' >= ? AND %1 || '' < ?)").arg(range.column);
            }
            binds << range.from << range.to;
        }
        // united: one index range per branch, for a rare or absent term (bench_leadsview).
        where += united ? QStringLiteral(" AND id IN (") + parts.join(QStringLiteral(" UNION ")) + QLatin1Char(')')
                        : QStringLiteral(" AND (") + parts.join(QStringLiteral(" OR ")) + QLatin1Char(')');
    }
    if (!query.phoneE164.isEmpty()) {
        where += QStringLiteral(" AND phone_e164 = ?");
        binds << query.phoneE164;
    }
    if (!query.ids.isEmpty()) {
        where += QStringLiteral(" AND id IN (") + Sql::placeholders(int(query.ids.size())) + QLatin1Char(')');
        for (const qint64 id : query.ids)
            binds << id;
    }
    if (query.afterId > 0 && query.sort != LeadQuery::ById && query.afterKey.isValid()) {
        // (key, id) past the last row, spelled so that the first term is a range on the sort's
        // index: SQLite uses no index range for a row value over an expression index
        // (bench_leadsview's EXPLAIN QUERY PLAN: SCAN, not SEARCH, for the name sort).
        const QString key = sortExpression(query.sort);
        where += query.descending ? QStringLiteral(" AND %1 <= ? AND (%1 < ? OR id < ?)").arg(key)
                                  : QStringLiteral(" AND %1 >= ? AND (%1 > ? OR id > ?)").arg(key);
        binds << query.afterKey << query.afterKey << query.afterId;
    } else if (query.afterId > 0) {
        where += query.descending ? QStringLiteral(" AND id < ?") : QStringLiteral(" AND id > ?");
        binds << query.afterId;
    }
    return where;
}

DbResult<QList<LeadRecord>> LeadRepository::page(const LeadQuery &query) const
{
    bool united = true;
    if (!query.search.trimmed().isEmpty()) {
        // How common is the term? Each index range counted up to CommonTerm.
        const DbResult<qint64> matches = largestBranch(query, CommonTerm);
        if (!matches.ok())
            return matches.error();
        united = matches.value() < CommonTerm;
    }
    const DbResult<bool> sorter = sortMatches(query);
    if (!sorter.ok())
        return sorter.error();
    QVariantList binds;
    const QString direction = query.descending ? QStringLiteral(" DESC") : QString();
    // "|| ''" / "+": the same order, but no index can give it, so the planner takes the filter's
    // index and sorts what it found.
    const QString key = !sorter.value() ? sortExpression(query.sort)
            : query.sort == LeadQuery::ByCreated ? QStringLiteral("+created_at")
                                                 : sortExpression(query.sort) + QStringLiteral(" || ''");
    const QString order = query.sort == LeadQuery::ById
            ? QStringLiteral(" ORDER BY id") + direction
            : QStringLiteral(" ORDER BY %1%2, id%2").arg(key, direction);
    const QString sql = selectColumns + whereClause(query, binds, united) + order + QStringLiteral(" LIMIT ? OFFSET ?");
    binds << query.limit << (query.afterId > 0 ? 0 : query.offset);
    return readAll(Sql::exec(m_database, sql, binds));
}

DbResult<bool> LeadRepository::sortMatches(const LeadQuery &query) const
{
    // Only an indexed equality or range can make the matches few; the DNC filter and a search
    // alone walk the sort's index.
    const bool indexed = query.clientId || query.campaignId || !query.status.isEmpty() || !query.statuses.isEmpty()
            || !query.timeZone.isEmpty() || query.createdFrom || query.createdTo || !query.ids.isEmpty();
    if (query.sort == LeadQuery::ById || !indexed || !query.search.isEmpty())
        return false;
    LeadQuery filters = query;
    filters.afterId = 0;
    filters.contact = LeadQuery::AnyContact;
    QVariantList binds;
    const QString sql = QStringLiteral("SELECT COUNT(*) FROM (SELECT 1 FROM leads ") + whereClause(filters, binds, true)
            + QStringLiteral(" LIMIT ?) capped");
    binds << SortWalkCap;
    DbResult<QSqlQuery> q = Sql::exec(m_database, sql, binds);
    if (!q.ok())
        return q.error();
    q.value().next();
    return q.value().value(0).toLongLong() < SortWalkCap;
}

QString LeadRepository::sortExpression(LeadQuery::Sort sort)
{
    switch (sort) {
    case LeadQuery::ByName:
        return QStringLiteral("COALESCE(lower(first_name), '')"); // leads_first_name_sort (022)
    case LeadQuery::ByCreated:
        return QStringLiteral("created_at"); // leads_created_at (015; with id on PostgreSQL, 022)
    case LeadQuery::ByStatus:
        return QStringLiteral("status"); // leads_status (022)
    case LeadQuery::ById:
        break;
    }
    return QStringLiteral("id");
}

QVariant LeadRepository::sortValue(LeadQuery::Sort sort, const LeadRecord &lead) const
{
    switch (sort) {
    case LeadQuery::ByName: {
        // COALESCE(…, ''): an empty, never a null, string (a null would bind as NULL).
        QString key = lead.firstName.isNull() ? QString(QLatin1String("")) : lead.firstName;
        if (!m_database.isSqlite())
            return key.toLower();
        // SQLite's lower() folds ASCII letters only
        for (QChar &c : key)
            if (c >= QLatin1Char('A') && c <= QLatin1Char('Z'))
                c = QChar(c.unicode() + 32);
        return key;
    }
    case LeadQuery::ByCreated:
        return lead.createdAt;
    case LeadQuery::ByStatus:
        return lead.status;
    case LeadQuery::ById:
        break;
    }
    return lead.id;
}

DbResult<qint64> LeadRepository::count(const LeadQuery &query) const
{
    QVariantList binds;
    DbResult<QSqlQuery> q =
            Sql::exec(m_database, QStringLiteral("SELECT COUNT(*) FROM leads ") + whereClause(query, binds, true), binds);
    if (!q.ok())
        return q.error();
    q.value().next();
    return q.value().value(0).toLongLong();
}

DbResult<qint64> LeadRepository::largestBranch(const LeadQuery &query, qint64 cap) const
{
    LeadQuery filters = query;
    filters.search.clear();
    filters.afterId = 0;
    qint64 largest = 0;
    for (const SearchRange &range : searchRanges(query.search)) {
        QVariantList binds;
        const QString sql = QStringLiteral("SELECT COUNT(*) FROM (SELECT 1 FROM leads ") + whereClause(filters, binds, true)
                + QStringLiteral(" AND %1 >= ? AND %1 < ? LIMIT ?) capped").arg(range.column);
        binds << range.from << range.to << cap;
        DbResult<QSqlQuery> q = Sql::exec(m_database, sql, binds);
        if (!q.ok())
            return q.error();
        q.value().next();
        largest = std::max(largest, q.value().value(0).toLongLong());
        if (largest >= cap)
            break;
    }
    return largest;
}

DbResult<qint64> LeadRepository::countUpTo(const LeadQuery &query, qint64 cap) const
{
    if (!query.search.trimmed().isEmpty()) {
        // One branch alone past the cap: no need to unite (and sort) every match.
        const DbResult<qint64> largest = largestBranch(query, cap);
        if (!largest.ok() || largest.value() >= cap)
            return largest;
    }
    LeadQuery all = query;
    all.afterId = 0;
    QVariantList binds;
    const QString sql = QStringLiteral("SELECT COUNT(*) FROM (SELECT 1 FROM leads ") + whereClause(all, binds, true)
            + QStringLiteral(" LIMIT ?) capped");
    binds << cap;
    DbResult<QSqlQuery> q = Sql::exec(m_database, sql, binds);
    if (!q.ok())
        return q.error();
    q.value().next();
    return q.value().value(0).toLongLong();
}

DbResult<QList<LeadKey>> LeadRepository::keys(const LeadQuery &query) const
{
    bool united = true;
    if (!query.search.trimmed().isEmpty()) {
        const DbResult<qint64> matches = largestBranch(query, CommonTerm);
        if (!matches.ok())
            return matches.error();
        united = matches.value() < CommonTerm;
    }
    QVariantList binds;
    const QString sql = QStringLiteral("SELECT id, client_id, phone_e164, email FROM leads ")
            + whereClause(query, binds, united) + QStringLiteral(" ORDER BY id LIMIT ?");
    binds << query.limit;
    DbResult<QSqlQuery> q = Sql::exec(m_database, sql, binds);
    if (!q.ok())
        return q.error();
    QList<LeadKey> keys;
    while (q.value().next())
        keys.append({ q.value().value(0).toLongLong(), q.value().value(1).toLongLong(), q.value().value(2).toString(),
                      q.value().value(3).toString() });
    return keys;
}

DbResult<int> LeadRepository::setStatusOf(const QList<qint64> &ids, const QString &status, const QStringList &from) const
{
    if (ids.isEmpty() || from.isEmpty())
        return 0;
    QVariantList binds { status, m_clock.nowMs() };
    binds << bindIds(ids);
    for (const QString &s : from)
        binds << s;
    return Sql::execAffected(m_database,
                             QStringLiteral("UPDATE leads SET status = ?, callback_at = NULL, updated_at = ? WHERE id IN (")
                                     + Sql::placeholders(int(ids.size())) + QStringLiteral(") AND status IN (")
                                     + Sql::placeholders(int(from.size())) + QLatin1Char(')') + Sql::scopeClause(m_scope),
                             binds);
}

DbResult<int> LeadRepository::moveToCampaign(const QList<qint64> &ids, qint64 campaignId) const
{
    if (ids.isEmpty())
        return 0;
    QVariantList binds { campaignId, m_clock.nowMs() };
    binds << bindIds(ids) << campaignId;
    // Only to a campaign of the lead's own client (issue 6), as update() does.
    return Sql::execAffected(m_database,
                             QStringLiteral("UPDATE leads SET campaign_id = ?, updated_at = ? WHERE id IN (")
                                     + Sql::placeholders(int(ids.size()))
                                     + QStringLiteral(") AND client_id = (SELECT client_id FROM campaigns WHERE id = ?)")
                                     + Sql::scopeClause(m_scope),
                             binds);
}

DbResult<int> LeadRepository::remove(const QList<qint64> &ids) const
{
    if (ids.isEmpty())
        return 0;
    return Sql::execAffected(m_database,
                             QStringLiteral("DELETE FROM leads WHERE id IN (") + Sql::placeholders(int(ids.size()))
                                     + QLatin1Char(')') + Sql::scopeClause(m_scope),
                             bindIds(ids));
}

} // namespace Callvia::Models
