#include "replyprocessor.h"

#include "messagetemplates.h"

#include <models/repositories/clientrepository.h>
#include <models/clock.h>
#include <models/database.h>
#include <models/repositories/leadrepository.h>
#include <models/repositories/messagerepository.h>
#include <models/repositories/optoutrepository.h>
#include <models/repositories/outboxrepository.h>
#include <models/repositories/reminderrepository.h>
#include <models/repositories/templaterepository.h>

#include <QLoggingCategory>
#include <QSet>

Q_DECLARE_LOGGING_CATEGORY(lcReminders)

namespace Callvia::Services {

using namespace Models;

ReplyProcessor::ReplyProcessor(Database &database, const Clock &clock) : m_database(database), m_clock(clock) { }

QString ReplyProcessor::normalize(const QString &text)
{
    const QString decomposed = text.normalized(QString::NormalizationForm_D);
    QString out;
    out.reserve(decomposed.size());
    for (QChar c : decomposed) {
        if (c.category() == QChar::Mark_NonSpacing)
            continue; // the accent of a decomposed letter
        out += c.isLetterOrNumber() ? c.toUpper() : QChar(QLatin1Char(' '));
    }
    return out.simplified();
}

ReplyProcessor::Intent ReplyProcessor::classify(const QString &text)
{
    static const QSet<QString> confirm { QStringLiteral("YES"),        QStringLiteral("Y"),
                                         QStringLiteral("CONFIRM"),    QStringLiteral("CONFIRMED"),
                                         QStringLiteral("JA"),         QStringLiteral("BESTATIGEN"),
                                         QStringLiteral("BESTATIGT"),  QStringLiteral("BESTAETIGEN"),
                                         QStringLiteral("SI"),         QStringLiteral("CONFIRMAR"),
                                         QStringLiteral("CONFIRMO") };
    static const QSet<QString> stop { QStringLiteral("STOP"),        QStringLiteral("STOPALL"),
                                      QStringLiteral("UNSUBSCRIBE"), QStringLiteral("CANCEL"),
                                      QStringLiteral("END"),         QStringLiteral("QUIT"),
                                      QStringLiteral("REVOKE"),      QStringLiteral("OPT OUT") };
    const QString word = normalize(text);
    if (stop.contains(word))
        return Intent::OptOut;
    if (confirm.contains(word))
        return Intent::Confirm;
    return Intent::None;
}

DbError ReplyProcessor::onInboundSms(const QString &phone, const QString &body, const QString &providerMessageId) const
{
    if (phone.isEmpty())
        return {};
    switch (classify(body)) {
    case Intent::Confirm:
        return confirm(phone);
    case Intent::OptOut:
        return queueOptOutConfirmation(phone, providerMessageId);
    case Intent::None:
        break;
    }
    return {};
}

DbError ReplyProcessor::confirm(const QString &phone) const
{
    ReminderRepository reminders(m_database, m_clock, TenantScope::agency());
    DbResult<qint64> appointment = reminders.appointmentAwaitingReply(phone, m_clock.nowMs());
    if (!appointment.ok())
        return appointment.error();
    if (appointment.value() == 0)
        return {}; // nothing of ours is waiting for a yes from this number
    DbResult<bool> confirmed = reminders.confirmByLead(appointment.value());
    return confirmed.ok() ? DbError() : confirmed.error();
}

DbError ReplyProcessor::queueOptOutConfirmation(const QString &phone, const QString &providerMessageId) const
{
    qint64 clientId = 0;
    qint64 leadId = 0;
    QString language;
    DbResult<QList<LeadRecord>> leads = LeadRepository(m_database, m_clock, TenantScope::agency()).findByPhone(phone);
    if (!leads.ok())
        return leads.error();
    if (!leads.value().isEmpty()) {
        clientId = leads.value().first().clientId;
        leadId = leads.value().first().id;
        DbResult<QString> lang = TemplateRepository(m_database, m_clock, TenantScope::agency()).languageOfLead(leadId);
        if (!lang.ok())
            return lang.error();
        language = lang.value();
    }
    // Opted out already (agency-wide or for this client): that STOP had its confirmation.
    DbResult<bool> before = OptOutRepository(m_database, m_clock, TenantScope::agency()).isOptedOut(phone, QStringLiteral("sms"), clientId);
    if (!before.ok())
        return before.error();
    if (before.value())
        return {};
    QString clientName;
    if (clientId != 0) {
        DbResult<ClientRecord> client = ClientRepository(m_database, m_clock, TenantScope::agency()).find(clientId);
        if (client.ok())
            clientName = client.value().name;
    }
    MessageRecord message;
    message.clientId = clientId;
    message.leadId = leadId;
    message.channel = QStringLiteral("sms");
    message.toAddress = phone;
    message.body = MessageTemplates::optOutConfirmation(language, clientName);
    message.templateName = QStringLiteral("opt_out_confirmation");
    message.provider = QStringLiteral("messagebird");
    MessageRepository messages(m_database, m_clock, TenantScope::agency());
    DbResult<qint64> messageId = messages.insert(message);
    if (!messageId.ok())
        return messageId.error();
    OutboxItem item;
    item.kind = QStringLiteral("sms");
    item.clientId = clientId;
    item.idempotencyKey = QStringLiteral("optout-confirmation:") + (providerMessageId.isEmpty() ? phone : providerMessageId);
    item.dueAt = m_clock.nowMs();
    item.payload.insert(QStringLiteral("to"), phone);
    item.payload.insert(QStringLiteral("body"), message.body);
    item.payload.insert(QStringLiteral("message_id"), messageId.value());
    // The number is opted out by the time this goes: the dispatcher must let this one text through.
    item.payload.insert(QStringLiteral("opt_out_confirmation"), true);
    DbResult<qint64> outboxId = OutboxRepository(m_database, m_clock, TenantScope::agency()).enqueue(item);
    if (!outboxId.ok())
        return outboxId.error();
    return messages.setOutboxId(messageId.value(), outboxId.value());
}

DbError ReplyProcessor::onEmailEvent(const QString &status, const QString &email, const QString &reason) const
{
    if (status != QLatin1String("bounced") || email.isEmpty())
        return {};
    OptOutRecord optOut;
    optOut.email = email.trimmed().toLower();
    optOut.channel = QStringLiteral("email");
    optOut.source = QStringLiteral("email_unsubscribe"); // the closest source the schema allows
    optOut.reason = reason.isEmpty() ? QStringLiteral("bounce") : QStringLiteral("bounce: ") + reason.left(200);
    DbResult<bool> added = OptOutRepository(m_database, m_clock, TenantScope::agency()).add(optOut);
    return added.ok() ? DbError() : added.error();
}

} // namespace Callvia::Services
