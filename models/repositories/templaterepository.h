#pragma once

#include <models/dberror.h>
#include <models/tenantscope.h>

#include <QList>
#include <QString>

namespace Callvia::Models {

class Clock;
class Database;

// A client's own wording of one message template (name + channel + language); without one the
// defaults shipped in resources/templates/ apply (services/reminders/messagetemplates).
struct MessageTemplateRecord
{
    qint64 id = 0;
    qint64 clientId = 0;
    QString name; // reminder_24h | reminder_2h | reminder_15m | rebook | receipt
    QString channel; // sms | email
    QString language; // en | de | es
    QString subject; // e-mail only
    QString body;
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
};

// SQL of the message_templates table (migration 011). Validation of the text (placeholders)
// is the service's: this stores what it is given.
class TemplateRepository final
{
public:
    TemplateRepository(Database &database, const Clock &clock, TenantScope scope);

    // NotFound when the client has no override for this template.
    DbResult<MessageTemplateRecord> find(qint64 clientId, const QString &name, const QString &channel,
                                         const QString &language) const;
    // Inserts or replaces the client's override; returns its id.
    DbResult<qint64> save(const MessageTemplateRecord &record) const;
    DbResult<int> remove(qint64 clientId, const QString &name, const QString &channel, const QString &language) const;
    DbResult<QList<MessageTemplateRecord>> listForClient(qint64 clientId) const;
    // The lead's language column (migration 011); "" when unknown.
    DbResult<QString> languageOfLead(qint64 leadId) const;

private:
    Database &m_database;
    const Clock &m_clock;
    TenantScope m_scope;
};

} // namespace Callvia::Models
