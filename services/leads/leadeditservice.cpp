#include "leadeditservice.h"

#include <models/clock.h>
#include <models/database.h>
#include <models/repositories/auditrepository.h>
#include <models/repositories/campaignrepository.h>
#include <models/repositories/leadrepository.h>
#include <models/repositories/optoutrepository.h>
#include <services/auth/auditlog.h>
#include <services/auth/session.h>
#include <services/importing/leadnormalizer.h>
#include <services/management/writeguard.h>

#include <QJsonDocument>
#include <QJsonObject>

namespace Callvia::Services {

using Models::DbError;
using Models::DbResult;
using Models::LeadRecord;

namespace {

const QString entity = QStringLiteral("lead");
const QString action = QStringLiteral("lead.update");

DbError invalid(const QString &field, const QString &what)
{
    return { DbError::Invalid, QStringLiteral("%1: %2. Nothing was changed.").arg(field, what) };
}

// The fields a person edits, as the audit row keeps them.
QJsonObject describe(const LeadRecord &l)
{
    return { { QStringLiteral("campaign_id"), l.campaignId },   { QStringLiteral("first_name"), l.firstName },
             { QStringLiteral("last_name"), l.lastName },       { QStringLiteral("phone"), l.phoneE164 },
             { QStringLiteral("extension"), l.phoneExtension }, { QStringLiteral("email"), l.email },
             { QStringLiteral("company"), l.company },          { QStringLiteral("time_zone"), l.timeZone },
             { QStringLiteral("region"), l.region },            { QStringLiteral("notes"), l.notes },
             { QStringLiteral("status"), l.status },            { QStringLiteral("callback_at"), l.callbackAt },
             { QStringLiteral("consent_type"), l.consentType }, { QStringLiteral("consent_source"), l.consentSource },
             { QStringLiteral("custom_fields"), l.customFieldsJson } };
}

} // namespace

LeadEditService::LeadEditService(Models::Database &database, const Models::Clock &clock, QString defaultRegion)
    : m_database(database),
      m_clock(clock),
      m_region(std::move(defaultRegion)),
      m_audit(std::make_unique<AuditLog>(database, clock))
{
}

LeadEditService::~LeadEditService() = default;

QStringList LeadEditService::statusTargets(const QString &from)
{
    if (from == QLatin1String("dnc"))
        return { from };
    if (from == QLatin1String("booked") || from == QLatin1String("shown"))
        return { from, QStringLiteral("dnc") };
    QStringList targets { QStringLiteral("new"), QStringLiteral("contacted"), QStringLiteral("callback"),
                          QStringLiteral("not_interested"), QStringLiteral("dnc") };
    if (!targets.contains(from))
        targets.prepend(from); // no_show: may be re-queued, stays as it is otherwise
    return targets;
}

DbError LeadEditService::validate(const LeadRecord &before, LeadRecord &edited, const QString &phoneText,
                                  const Session &actor, bool *unknownAreaCode) const
{
    // What no one sets by hand stays as stored.
    edited.clientId = before.clientId;
    edited.callAttempts = before.callAttempts;
    edited.lastContactedAt = before.lastContactedAt;
    edited.createdAt = before.createdAt;
    edited.customFieldsJson = before.customFieldsJson;
    edited.consentAt = edited.consentType == before.consentType ? before.consentAt
                                                                : (edited.consentType.isEmpty() ? 0 : m_clock.nowMs());
    edited.firstName = edited.firstName.trimmed();
    edited.lastName = edited.lastName.trimmed();
    edited.company = edited.company.trimmed();

    edited.phoneE164.clear();
    if (!phoneText.trimmed().isEmpty()) {
        NormalizeSettings settings;
        settings.defaultRegion = m_region;
        settings.geocodeRegion = false;
        const LeadNormalizer normalizer(ColumnMapping(), settings);
        const LeadNormalizer::Phone phone = normalizer.normalizePhone(phoneText.trimmed());
        if (!phone.reason.isEmpty())
            return invalid(QStringLiteral("Phone"), QStringLiteral("\"%1\" is not a valid number (%2)")
                                                            .arg(phoneText.trimmed(), phone.reason));
        edited.phoneE164 = phone.e164;
        if (!phone.extension.isEmpty())
            edited.phoneExtension = phone.extension;
        *unknownAreaCode = phone.unknownAreaCode;
        // Flagged as the import flags it (a note in the custom fields), cleared with a known number.
        QJsonObject custom = QJsonDocument::fromJson(edited.customFieldsJson.toUtf8()).object();
        if (phone.unknownAreaCode)
            custom.insert(QStringLiteral("phone_warning"), LeadNormalizer::unknownAreaCodeNote());
        else
            custom.remove(QStringLiteral("phone_warning"));
        edited.customFieldsJson = custom.isEmpty() ? QString()
                                                   : QString::fromUtf8(QJsonDocument(custom).toJson(QJsonDocument::Compact));
        if (edited.timeZone.trimmed().isEmpty() && !phone.timeZone.isEmpty())
            edited.timeZone = phone.timeZone;
    }
    edited.phoneExtension = edited.phoneExtension.trimmed();
    if (edited.phoneE164.isEmpty())
        edited.phoneExtension.clear();
    edited.email = edited.email.trimmed().toLower();
    if (!edited.email.isEmpty() && !LeadNormalizer::isPlausibleEmail(edited.email))
        return invalid(QStringLiteral("E-mail"), QStringLiteral("\"%1\" is not an e-mail address").arg(edited.email));
    if (edited.phoneE164.isEmpty() && edited.email.isEmpty())
        return invalid(QStringLiteral("Phone"), QStringLiteral("a lead needs a phone number or an e-mail address"));
    if (!edited.timeZone.trimmed().isEmpty()) {
        const QString zone = LeadNormalizer::canonicalTimeZone(edited.timeZone.trimmed());
        if (zone.isEmpty())
            return invalid(QStringLiteral("Time zone"),
                           QStringLiteral("\"%1\" is not a known time zone (e.g. America/Chicago)").arg(edited.timeZone));
        edited.timeZone = zone;
    }
    if (!statusTargets(before.status).contains(edited.status))
        return invalid(QStringLiteral("Status"), QStringLiteral("a lead cannot go from \"%1\" to \"%2\" by hand (allowed: %3)")
                                                         .arg(before.status, edited.status,
                                                              statusTargets(before.status).join(QStringLiteral(", "))));
    if (edited.status == QLatin1String("callback")) {
        if (edited.callbackAt <= 0)
            return invalid(QStringLiteral("Call back at"), QStringLiteral("a call-back needs a time"));
    } else {
        edited.callbackAt = 0;
    }
    if (!edited.consentType.isEmpty() && edited.consentType != QLatin1String("written")
        && edited.consentType != QLatin1String("verbal") && edited.consentType != QLatin1String("none"))
        return invalid(QStringLiteral("Consent"), QStringLiteral("\"%1\" is not written, verbal or none").arg(edited.consentType));
    if (edited.campaignId != before.campaignId) {
        const auto campaign = Models::CampaignRepository(m_database, m_clock, actor.scope()).find(edited.campaignId);
        if (!campaign.ok() || campaign.value().clientId != before.clientId)
            return invalid(QStringLiteral("Campaign"), QStringLiteral("a lead may only move to a campaign of its own client"));
    }
    return checkUnique(actor, edited);
}

DbError LeadEditService::checkUnique(const Session &actor, const LeadRecord &lead) const
{
    const Models::LeadRepository leads(m_database, m_clock, actor.scope());
    if (!lead.phoneE164.isEmpty()) {
        const auto same = leads.findByPhone(lead.phoneE164, lead.clientId);
        if (!same.ok())
            return same.error();
        for (const LeadRecord &other : same.value())
            if (other.id != lead.id)
                return invalid(QStringLiteral("Phone"), QStringLiteral("lead #%1 of this client has %2").arg(other.id).arg(lead.phoneE164));
    }
    if (!lead.email.isEmpty()) {
        const auto same = leads.findByEmail(lead.email, lead.clientId);
        if (!same.ok())
            return same.error();
        for (const LeadRecord &other : same.value())
            if (other.id != lead.id)
                return invalid(QStringLiteral("E-mail"), QStringLiteral("lead #%1 of this client has %2").arg(other.id).arg(lead.email));
    }
    return {};
}

DbError LeadEditService::optOut(const Session &actor, const LeadRecord &lead) const
{
    // As LeadBulkService::markDnc: the opt-out list is what the senders check.
    Models::OptOutRecord entry;
    entry.clientId = lead.clientId;
    entry.phoneE164 = lead.phoneE164;
    entry.email = lead.email;
    entry.channel = QStringLiteral("all");
    entry.source = QStringLiteral("manual");
    entry.reason = QStringLiteral("lead edited by %1").arg(actor.username());
    const DbResult<bool> added = Models::OptOutRepository(m_database, m_clock, actor.scope()).add(entry);
    return added.ok() ? DbError() : added.error();
}

DbResult<LeadEditService::Outcome> LeadEditService::save(const Session &actor, LeadRecord edited,
                                                         const QString &phoneText) const
{
    if (!actor.canEdit()) {
        const auto owner = Models::LeadRepository(m_database, m_clock, actor.scope()).find(edited.id);
        return WriteGuard::refuse(*m_audit, actor, action, entity, edited.id, owner.ok() ? owner.value().clientId : 0,
                                  QStringLiteral("edit leads"));
    }
    const Models::WriteGate gate(m_database);
    Models::Transaction transaction(m_database, Models::Transaction::Mode::Immediate);
    if (!transaction.isActive())
        return transaction.beginError();
    const Models::LeadRepository leads(m_database, m_clock, actor.scope());
    const DbResult<LeadRecord> before = leads.find(edited.id);
    if (!before.ok())
        return before.error();
    Outcome outcome;
    if (const DbError error = validate(before.value(), edited, phoneText, actor, &outcome.unknownAreaCode))
        return error;
    const QJsonObject was = describe(before.value()), now = describe(edited);
    if (was == now) {
        outcome.lead = before.value();
        return outcome;
    }
    if (const DbError error = leads.update(edited))
        return error;
    if (edited.status == QLatin1String("dnc") && before.value().status != QLatin1String("dnc"))
        if (const DbError error = optOut(actor, edited))
            return error;
    QJsonObject after = now;
    if (outcome.unknownAreaCode)
        after.insert(QStringLiteral("unknown_area_code"), true);
    if (const DbError error = m_audit->record(&actor, action, entity, QString::number(edited.id), was, after,
                                              before.value().clientId))
        return error;
    if (const DbError error = transaction.commit())
        return error;
    const DbResult<LeadRecord> stored = leads.find(edited.id);
    if (!stored.ok())
        return stored.error();
    outcome.lead = stored.value();
    outcome.changed = true;
    return outcome;
}

DbResult<QList<LeadEditService::StatusChange>> LeadEditService::statusHistory(const Session &actor, qint64 leadId) const
{
    const auto entries = Models::AuditRepository(m_database, actor.scope()).listFor(entity, QString::number(leadId), action);
    if (!entries.ok())
        return entries.error();
    QList<StatusChange> changes;
    for (const Models::AuditRecord &entry : entries.value()) {
        const QString from = QJsonDocument::fromJson(entry.beforeJson.toUtf8()).object().value(QStringLiteral("status")).toString();
        const QString to = QJsonDocument::fromJson(entry.afterJson.toUtf8()).object().value(QStringLiteral("status")).toString();
        if (from != to)
            changes.append({ entry.at, from, to, entry.username });
    }
    return changes;
}

} // namespace Callvia::Services
