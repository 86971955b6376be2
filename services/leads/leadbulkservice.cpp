#include "leadbulkservice.h"

#include "leadselection.h"

#include <models/repositories/campaignrepository.h>
#include <models/clock.h>
#include <models/database.h>
#include <models/repositories/optoutrepository.h>
#include <services/auth/auditlog.h>
#include <services/auth/session.h>
#include <services/management/writeguard.h>

#include <QJsonObject>

namespace Callvia::Services {

using Models::DbError;
using Models::DbResult;
using Models::LeadKey;
using Models::LeadQuery;

namespace {

const QString entity = QStringLiteral("lead");

QList<qint64> idsOf(const QList<LeadKey> &keys)
{
    QList<qint64> ids;
    ids.reserve(keys.size());
    for (const LeadKey &key : keys)
        ids << key.id;
    return ids;
}

} // namespace

LeadBulkService::LeadBulkService(Models::Database &database, const Models::Clock &clock)
    : m_database(database), m_clock(clock), m_audit(std::make_unique<AuditLog>(database, clock))
{
}

LeadBulkService::~LeadBulkService() = default;

QStringList LeadBulkService::statusTargets()
{
    return { QStringLiteral("new"), QStringLiteral("contacted"), QStringLiteral("not_interested") };
}

QStringList LeadBulkService::sourcesFor(const QString &status)
{
    // A DNC lead stays DNC (compliance.md: opt-outs are honoured); booked and shown leads change
    // with their appointments, not by hand in bulk. A no-show may be re-queued.
    QStringList from { QStringLiteral("new"), QStringLiteral("contacted"), QStringLiteral("callback"),
                       QStringLiteral("not_interested"), QStringLiteral("no_show") };
    from.removeAll(status);
    return statusTargets().contains(status) ? from : QStringList();
}

DbResult<LeadBulkService::Matched> LeadBulkService::match(const Session &actor, const LeadQuery &selection) const
{
    const Models::LeadRepository leads(m_database, m_clock, actor.scope());
    Matched matched;
    bool first = true;
    const DbError error = LeadSelection::forEachPage(
            selection, Models::LeadRepository::BulkChunk * 4, [&](const LeadQuery &page) { return leads.keys(page); },
            [&](const QList<LeadKey> &keys) {
                for (const LeadKey &key : keys) {
                    matched.clientId = first || matched.clientId == key.clientId ? key.clientId : 0;
                    first = false;
                }
                matched.keys << keys;
                return true;
            });
    if (error)
        return error;
    return matched;
}

template<typename Write>
DbError LeadBulkService::inChunks(const QList<LeadKey> &keys, Write write) const
{
    for (qsizetype at = 0; at < keys.size(); at += Models::LeadRepository::BulkChunk) {
        const QList<LeadKey> chunk = keys.mid(at, Models::LeadRepository::BulkChunk);
        const Models::WriteGate gate(m_database); // other writers get their turn between chunks
        Models::Transaction transaction(m_database, Models::Transaction::Mode::Immediate);
        if (!transaction.isActive())
            return transaction.beginError();
        if (const DbError error = write(chunk))
            return error;
        if (const DbError error = transaction.commit())
            return error;
    }
    return {};
}

DbError LeadBulkService::refuse(const Session &actor, const QString &action, const LeadQuery &selection,
                                const QString &what) const
{
    return WriteGuard::refuse(*m_audit, actor, action, entity, 0, selection.clientId, what);
}

void LeadBulkService::audit(const Session &actor, const QString &action, const LeadQuery &selection,
                            const Matched &matched, const Outcome &outcome, QJsonObject after,
                            const DbError &error) const
{
    after.insert(QStringLiteral("filter"), LeadSelection::describe(selection));
    after.insert(QStringLiteral("matched"), outcome.matched);
    after.insert(QStringLiteral("changed"), outcome.changed);
    if (error)
        after.insert(QStringLiteral("error"), error.message()); // stopped at a chunk boundary
    m_audit->record(&actor, action, entity, QString(), {}, after, matched.clientId); // logs its own failure
}

DbResult<LeadBulkService::Outcome> LeadBulkService::changeStatus(const Session &actor, const LeadQuery &selection,
                                                                 const QString &status) const
{
    const QString action = QStringLiteral("lead.bulk_status");
    if (!actor.canEdit())
        return refuse(actor, action, selection, QStringLiteral("change leads in bulk"));
    const QStringList from = sourcesFor(status);
    if (from.isEmpty())
        return DbError(DbError::Invalid,
                       QStringLiteral("Leads cannot be set to \"%1\" in bulk (allowed: %2). Nothing was changed.")
                               .arg(status, statusTargets().join(QStringLiteral(", "))));
    const DbResult<Matched> matched = match(actor, selection);
    if (!matched.ok())
        return matched.error();
    Outcome outcome;
    outcome.matched = matched.value().keys.size();
    const Models::LeadRepository leads(m_database, m_clock, actor.scope());
    const DbError error = inChunks(matched.value().keys, [&](const QList<LeadKey> &chunk) -> DbError {
        const DbResult<int> n = leads.setStatusOf(idsOf(chunk), status, from);
        if (!n.ok())
            return n.error();
        outcome.changed += n.value();
        return {};
    });
    audit(actor, action, selection, matched.value(), outcome, { { QStringLiteral("status"), status } }, error);
    if (error)
        return error;
    return outcome;
}

DbResult<LeadBulkService::Outcome> LeadBulkService::markDnc(const Session &actor, const LeadQuery &selection) const
{
    const QString action = QStringLiteral("lead.bulk_dnc");
    if (!actor.canEdit())
        return refuse(actor, action, selection, QStringLiteral("mark leads do-not-contact in bulk"));
    const DbResult<Matched> matched = match(actor, selection);
    if (!matched.ok())
        return matched.error();
    Outcome outcome;
    outcome.matched = matched.value().keys.size();
    const Models::LeadRepository leads(m_database, m_clock, actor.scope());
    const Models::OptOutRepository optOuts(m_database, m_clock, actor.scope());
    QStringList from { QStringLiteral("new"), QStringLiteral("contacted"), QStringLiteral("callback"),
                       QStringLiteral("booked"), QStringLiteral("shown"), QStringLiteral("no_show"),
                       QStringLiteral("not_interested") };
    const DbError error = inChunks(matched.value().keys, [&](const QList<LeadKey> &chunk) -> DbError {
        // The opt-out list is what the senders check (every channel, this lead's client); the
        // status only shows it in the views.
        for (const LeadKey &key : chunk) {
            Models::OptOutRecord entry;
            entry.clientId = key.clientId;
            entry.phoneE164 = key.phoneE164;
            entry.email = key.email;
            entry.channel = QStringLiteral("all");
            entry.source = QStringLiteral("manual");
            entry.reason = QStringLiteral("bulk action by %1").arg(actor.username());
            const DbResult<bool> added = optOuts.add(entry);
            if (!added.ok())
                return added.error();
            outcome.optOuts += added.value() ? 1 : 0;
        }
        const DbResult<int> n = leads.setStatusOf(idsOf(chunk), QStringLiteral("dnc"), from);
        if (!n.ok())
            return n.error();
        outcome.changed += n.value();
        return {};
    });
    audit(actor, action, selection, matched.value(), outcome, { { QStringLiteral("opt_outs"), outcome.optOuts } },
          error);
    if (error)
        return error;
    return outcome;
}

DbResult<LeadBulkService::Outcome> LeadBulkService::moveToCampaign(const Session &actor, const LeadQuery &selection,
                                                                   qint64 campaignId) const
{
    const QString action = QStringLiteral("lead.bulk_move");
    if (!actor.canEdit())
        return refuse(actor, action, selection, QStringLiteral("move leads in bulk"));
    const DbResult<Models::CampaignRecord> campaign =
            Models::CampaignRepository(m_database, m_clock, actor.scope()).find(campaignId);
    if (!campaign.ok())
        return campaign.error();
    if (campaign.value().status == QLatin1String("archived"))
        return DbError(DbError::Invalid,
                       QStringLiteral("Campaign %1 is archived: leads cannot move to it. Nothing was changed.")
                               .arg(campaign.value().name));
    const DbResult<Matched> matched = match(actor, selection);
    if (!matched.ok())
        return matched.error();
    qint64 foreign = 0;
    for (const LeadKey &key : matched.value().keys)
        foreign += key.clientId != campaign.value().clientId ? 1 : 0;
    if (foreign > 0)
        return DbError(DbError::Invalid,
                       QStringLiteral("%1 of the %2 leads belong to another client than campaign %3: leads move only "
                                      "between campaigns of their own client. Nothing was changed.")
                               .arg(foreign)
                               .arg(matched.value().keys.size())
                               .arg(campaign.value().name));
    Outcome outcome;
    outcome.matched = matched.value().keys.size();
    const Models::LeadRepository leads(m_database, m_clock, actor.scope());
    const DbError error = inChunks(matched.value().keys, [&](const QList<LeadKey> &chunk) -> DbError {
        const DbResult<int> n = leads.moveToCampaign(idsOf(chunk), campaignId);
        if (!n.ok())
            return n.error();
        outcome.changed += n.value();
        return {};
    });
    audit(actor, action, selection, matched.value(), outcome, { { QStringLiteral("campaign_id"), campaignId } }, error);
    if (error)
        return error;
    return outcome;
}

DbResult<LeadBulkService::Outcome> LeadBulkService::remove(const Session &actor, const LeadQuery &selection) const
{
    const QString action = QStringLiteral("lead.bulk_delete");
    if (!actor.canEdit() || actor.role() != Session::Role::Admin)
        return refuse(actor, action, selection, QStringLiteral("delete leads"));
    const DbResult<Matched> matched = match(actor, selection);
    if (!matched.ok())
        return matched.error();
    Outcome outcome;
    outcome.matched = matched.value().keys.size();
    const Models::LeadRepository leads(m_database, m_clock, actor.scope());
    const DbError error = inChunks(matched.value().keys, [&](const QList<LeadKey> &chunk) -> DbError {
        const DbResult<int> n = leads.remove(idsOf(chunk));
        if (!n.ok())
            return n.error();
        outcome.changed += n.value();
        return {};
    });
    audit(actor, action, selection, matched.value(), outcome, {}, error);
    if (error)
        return error;
    return outcome;
}

DbResult<LeadBulkService::Outcome> LeadBulkService::erase(const Session &actor, const LeadQuery &selection) const
{
    const QString action = QStringLiteral("lead.erase");
    if (!actor.canEdit() || actor.role() != Session::Role::Admin)
        return refuse(actor, action, selection, QStringLiteral("erase leads"));
    if (selection.ids.isEmpty()) // a privacy request names its person: never "all that match"
        return DbError(DbError::Invalid, QStringLiteral("Select the leads to erase; nothing was changed."));
    const DbResult<Matched> matched = match(actor, selection);
    if (!matched.ok())
        return matched.error();
    Outcome outcome;
    outcome.matched = matched.value().keys.size();
    const Models::LeadRepository leads(m_database, m_clock, actor.scope());
    const Models::OptOutRepository optOuts(m_database, m_clock, actor.scope());
    const DbError error = inChunks(matched.value().keys, [&](const QList<LeadKey> &chunk) -> DbError {
        for (const LeadKey &key : chunk) {
            if (key.phoneE164.isEmpty() && key.email.isEmpty())
                continue;
            // A person who asks to be forgotten is not to be contacted again (GDPR: the
            // suppression entry survives the erasure, compliance.md section 4).
            Models::OptOutRecord entry;
            entry.clientId = key.clientId;
            entry.phoneE164 = key.phoneE164;
            entry.email = key.email;
            entry.source = QStringLiteral("manual");
            const DbResult<bool> added = optOuts.add(entry);
            if (!added.ok())
                return added.error();
            const DbResult<int> hashed = optOuts.eraseAddresses(key.phoneE164, key.email);
            if (!hashed.ok())
                return hashed.error();
            outcome.optOuts += hashed.value();
        }
        const DbResult<int> n = leads.remove(idsOf(chunk));
        if (!n.ok())
            return n.error();
        outcome.changed += n.value();
        return {};
    });
    // The entry names the lead ids and counts only, never the erased address.
    audit(actor, action, selection, matched.value(), outcome, { { QStringLiteral("opt_outs_hashed"), outcome.optOuts } },
          error);
    if (error)
        return error;
    return outcome;
}

} // namespace Callvia::Services
