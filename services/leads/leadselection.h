#pragma once

#include <models/dberror.h>
#include <models/repositories/leadrepository.h>

#include <QJsonObject>

#include <algorithm>

namespace Callvia::Services {

// What a bulk action or an export applies to: the leads of a selection (query.ids) or all that
// match the filter (the other fields of query), walked a page at a time so a million matches are
// never in memory at once. Shared by LeadExport and LeadBulkService.
namespace LeadSelection {

// The filter or selection for an audit entry (never the rows themselves).
inline QJsonObject describe(const Models::LeadQuery &query)
{
    QJsonObject filter;
    if (!query.ids.isEmpty()) {
        filter.insert(QStringLiteral("selected"), qint64(query.ids.size()));
        return filter;
    }
    if (query.clientId)
        filter.insert(QStringLiteral("client_id"), query.clientId);
    if (query.campaignId)
        filter.insert(QStringLiteral("campaign_id"), query.campaignId);
    if (!query.status.isEmpty())
        filter.insert(QStringLiteral("status"), query.status);
    if (!query.search.isEmpty())
        filter.insert(QStringLiteral("search"), query.search);
    if (!query.phoneE164.isEmpty())
        filter.insert(QStringLiteral("phone"), query.phoneE164);
    return filter;
}

// Calls read(pageQuery) for each page (pageQuery: the selection's next chunk of ids, or the filter
// after the last id read) and consume(rows) with its rows until the rows run out or consume
// returns false. Rows need an `id`. The first failure of read is returned.
template<typename Read, typename Consume>
Models::DbError forEachPage(Models::LeadQuery selection, int pageSize, Read read, Consume consume)
{
    selection.offset = 0;
    selection.sort = Models::LeadQuery::ById; // pages by id: a bulk action or an export need no other order
    if (!selection.ids.isEmpty()) {
        QList<qint64> ids = selection.ids;
        std::sort(ids.begin(), ids.end());
        ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
        const int chunk = std::min(pageSize, int(Models::LeadRepository::BulkChunk));
        for (qsizetype at = 0; at < ids.size(); at += chunk) {
            Models::LeadQuery page = selection;
            page.ids = ids.mid(at, chunk);
            page.afterId = 0;
            page.limit = chunk;
            auto rows = read(page);
            if (!rows.ok())
                return rows.error();
            if (!consume(rows.value()))
                return {};
        }
        return {};
    }
    selection.afterId = 0;
    selection.limit = pageSize;
    for (;;) {
        auto rows = read(selection);
        if (!rows.ok())
            return rows.error();
        if (rows.value().isEmpty() || !consume(rows.value()))
            return {};
        if (rows.value().size() < pageSize)
            return {};
        selection.afterId = rows.value().last().id;
    }
}

} // namespace LeadSelection

} // namespace Callvia::Services
