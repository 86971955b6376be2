#pragma once

#include <models/dberror.h>
#include <models/records.h>
#include <models/tenantscope.h>

#include <QList>

namespace Callvia::Models {

class Clock;
class Database;

// SMS and e-mail messages, outbound (written by the sender) and inbound (replies). Delivery
// reports go through applyDeliveryStatus(), which only moves a message forward (see
// statusRank), so a late `deferred` never undoes `delivered`.
class MessageRepository final
{
public:
    MessageRepository(Database &database, const Clock &clock, TenantScope scope);

    // queued 0 < sent 1 < buffered | deferred 2 < delivered 3 < bounced | dropped | failed | expired 4
    // < opened 5 < clicked 6 < spam | unsubscribed 7; received (inbound) 0; -1 unknown.
    static int statusRank(const QString &status);

    DbResult<qint64> insert(const MessageRecord &record) const;
    DbResult<MessageRecord> find(qint64 id) const;
    // Newest first; several rows may share an id only for the same provider request.
    DbResult<QList<MessageRecord>> findByProviderId(const QString &provider, const QString &providerMessageId) const;
    // Advances every message with this provider id to `status` when it outranks the current one;
    // sets delivered_at / sent_at once and error when given. Returns the number of rows changed.
    DbResult<int> applyDeliveryStatus(const QString &provider, const QString &providerMessageId, const QString &status,
                                      qint64 atMs, const QString &error = {}) const;

    // Issue 21: what an appointment or lead detail shows (newest first), and the link from a
    // queued message to the outbox row that sends it.
    DbResult<QList<MessageRecord>> listForAppointment(qint64 appointmentId) const;
    DbResult<QList<MessageRecord>> listForLead(qint64 leadId) const;
    DbError setOutboxId(qint64 messageId, qint64 outboxId) const;

private:
    DbResult<QList<MessageRecord>> select(const QString &where, const QVariantList &binds) const;

    Database &m_database;
    const Clock &m_clock;
    TenantScope m_scope;
};

} // namespace Callvia::Models
