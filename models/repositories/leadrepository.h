#pragma once

#include <models/dberror.h>
#include <models/records.h>
#include <models/tenantscope.h>

#include <QList>
#include <QVariant>

namespace Callvia::Models {

class Clock;
class Database;

// Filter and page for the leads table view; sorted and filtered in indexed SQL.
struct LeadQuery
{
    qint64 clientId = 0; // 0 = any the scope allows
    qint64 campaignId = 0;
    QString status; // empty = any
    QStringList statuses; // non-empty: any of these (a dashboard funnel stage: "booked or later")
    qint64 createdFrom = 0; // created_at in [createdFrom, createdTo) UTC ms; 0 = open end
    qint64 createdTo = 0;
    qint64 contactedFrom = 0; // last_contacted_at in [contactedFrom, contactedTo) UTC ms; 0 = open end
    qint64 contactedTo = 0;
    QString timeZone; // IANA name; empty = any
    enum Contact { AnyContact, DoNotContact, Contactable };
    // DoNotContact: status dnc or the phone or e-mail on the client's (or the agency's) opt-out list.
    Contact contact = AnyContact;
    // The list's order, each with id as the tiebreak (indexes in migrations 015 and 022).
    enum Sort { ById, ByName, ByCreated, ByStatus };
    Sort sort = ById;
    bool descending = false;
    QVariant afterKey; // keyset paging on another sort: the last row's sort value (with afterId)
    QString search; // prefix of name (any case), phone or email
    QString phoneE164; // exact phone (a number typed in any format, normalized by the caller)
    QList<qint64> ids; // non-empty: only these leads (a selection; at most BulkChunk of them per call)
    qint64 afterId = 0; // keyset paging: rows with a larger id (replaces offset when set)
    int offset = 0;
    int limit = 200;
};

// A lead's id and owner, for bulk actions that read only which rows a filter matches.
struct LeadKey
{
    qint64 id = 0;
    qint64 clientId = 0;
    QString phoneE164;
    QString email;
};

// Leads. Lookups by E.164 phone and e-mail are per client (unique indexes back them).
class LeadRepository final
{
public:
    LeadRepository(Database &database, const Clock &clock, TenantScope scope);

    DbResult<qint64> insert(const LeadRecord &record) const;
    DbError update(const LeadRecord &record) const;
    DbResult<LeadRecord> find(qint64 id) const;
    // clientId 0 = any client (newest lead first).
    DbResult<QList<LeadRecord>> findByPhone(const QString &phoneE164, qint64 clientId = 0) const;
    DbResult<QList<LeadRecord>> findByEmail(const QString &email, qint64 clientId = 0) const;
    DbError setStatus(qint64 id, const QString &status, qint64 callbackAt = 0) const;
    DbResult<QList<LeadRecord>> page(const LeadQuery &query) const;
    DbResult<qint64> count(const LeadQuery &query) const;
    // COUNT(*) of at most `cap` matching rows: the list says "1,000+" instead of counting a
    // million rows on every keystroke.
    DbResult<qint64> countUpTo(const LeadQuery &query, qint64 cap) const;

    // Bulk actions (issue 23 item 4), set-based over at most BulkChunk ids a call so a caller can
    // commit chunk by chunk and never hold SQLite's write lock for long. All apply the scope.
    static constexpr int BulkChunk = 500;
    // The keys of the next query.limit rows after query.afterId, in id order.
    DbResult<QList<LeadKey>> keys(const LeadQuery &query) const;
    // status of those of `ids` whose status is one of `from`; returns the rows changed.
    DbResult<int> setStatusOf(const QList<qint64> &ids, const QString &status, const QStringList &from) const;
    // campaign of those of `ids` owned by the campaign's client; returns the rows moved.
    DbResult<int> moveToCampaign(const QList<qint64> &ids, qint64 campaignId) const;
    DbResult<int> remove(const QList<qint64> &ids) const;

private:
    // united: a search as a UNION of index ranges (rare terms) or as one OR (common terms).
    QString whereClause(const LeadQuery &query, QVariantList &binds, bool united) const;
    static constexpr qint64 CommonTerm = 10000; // bench_leadsview: the break-even near 1,000,000 leads
    // A sorted list whose indexed filters match fewer rows than this sorts the matches instead of
    // walking the sort's index (bench_leadsview: a 1 % time zone sorted by name took 2.2 s).
    static constexpr qint64 SortWalkCap = 20000;
    DbResult<bool> sortMatches(const LeadQuery &query) const;
    // The most matches of the search's four index ranges (with the other filters), up to cap.
    DbResult<qint64> largestBranch(const LeadQuery &query, qint64 cap) const;
public:
    // The SQL expression a sort orders by (matches the index), and a row's value of it.
    static QString sortExpression(LeadQuery::Sort sort);
    QVariant sortValue(LeadQuery::Sort sort, const LeadRecord &lead) const;

private:

    Database &m_database;
    const Clock &m_clock;
    TenantScope m_scope;
};

} // namespace Callvia::Models
