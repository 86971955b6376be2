#include "reminderservice.h"

#include "messagetemplates.h"

#include <models/clock.h>
#include <models/database.h>
#include <models/repositories/messagerepository.h>
#include <models/repositories/optoutrepository.h>
#include <models/repositories/outboxrepository.h>
#include <models/repositories/reminderrepository.h>

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcReminders, "callvia.reminders")

namespace Callvia::Services {

using namespace Models;

namespace {

constexpr qint64 minuteMs = 60'000;

// The next reminder's offset after `offsetMinutes` (0: the start itself).
int nextOffset(int offsetMinutes)
{
    if (offsetMinutes > 120)
        return 120;
    if (offsetMinutes > 15)
        return 15;
    return 0;
}

QString offsetLabel(int offsetMinutes)
{
    return offsetMinutes >= 60 ? QStringLiteral("%1 h").arg(offsetMinutes / 60) : QStringLiteral("%1 min").arg(offsetMinutes);
}

QString firstOf(const QString &a, const QString &b, const QString &c = {})
{
    return !a.isEmpty() ? a : !b.isEmpty() ? b : c;
}

} // namespace

ReminderService::ReminderService(Database &database, const Clock &clock, Options options, QObject *parent)
    : QObject(parent), m_database(database), m_clock(clock), m_options(std::move(options))
{
}

ReminderService::Decision ReminderService::decide(int offsetMinutes, qint64 startsAt, qint64 nowMs)
{
    if (nowMs >= startsAt)
        return { false, QStringLiteral("appointment already started") };
    const int next = nextOffset(offsetMinutes);
    if (next > 0 && nowMs >= startsAt - next * minuteMs)
        return { false, QStringLiteral("missed its moment: the %1 reminder is due").arg(offsetLabel(next)) };
    return { true, {} };
}

QString ReminderService::templateName(int offsetMinutes)
{
    if (offsetMinutes >= 1440)
        return QStringLiteral("reminder_24h");
    if (offsetMinutes >= 120)
        return QStringLiteral("reminder_2h");
    return QStringLiteral("reminder_15m");
}

DbResult<qint64> ReminderService::nextDueAt() const
{
    return ReminderRepository(m_database, m_clock, TenantScope::agency()).nextDueAt();
}

DbResult<ReminderService::PassResult> ReminderService::runDue()
{
    const qint64 now = m_clock.nowMs();
    PassResult result;
    {
        const WriteGate gate(m_database);
        Transaction transaction(m_database, Transaction::Mode::Immediate);
        if (transaction.beginError())
            return transaction.beginError();
        DbResult<QList<DueReminder>> due = ReminderRepository(m_database, m_clock, TenantScope::agency()).dueWithContext(now, m_options.batchSize);
        if (!due.ok())
            return due.error();
        for (const DueReminder &reminder : due.value()) {
            if (DbError error = handle(reminder, now, &result))
                return error; // rolls the whole pass back: nothing half-written
        }
        if (DbError error = transaction.commit())
            return error;
    }
    if (result.total() > 0)
        qCInfo(lcReminders) << "reminders: queued" << result.queued << "skipped" << result.skipped << "failed"
                            << result.failed << "cancelled" << result.cancelled;
    if (result.queued > 0)
        Q_EMIT remindersQueued(result.queued);
    return result;
}

DbError ReminderService::finish(const DueReminder &due, const QString &status, const QString &reason,
                                PassResult *result) const
{
    DbResult<bool> n = ReminderRepository(m_database, m_clock, TenantScope::agency()).settle(due.reminder.id, status, reason);
    if (!n.ok())
        return n.error();
    if (status == QLatin1String("skipped"))
        ++result->skipped;
    else if (status == QLatin1String("failed"))
        ++result->failed;
    else
        ++result->cancelled;
    return {};
}

DbError ReminderService::handle(const DueReminder &due, qint64 now, PassResult *result) const
{
    const ReminderRecord &r = due.reminder;
    if (due.appointmentStatus != QLatin1String("scheduled"))
        return finish(due, QStringLiteral("cancelled"), QStringLiteral("appointment %1").arg(due.appointmentStatus), result);
    if (r.clientId == 0)
        return finish(due, QStringLiteral("skipped"), QStringLiteral("booking not matched to a client"), result);
    const Decision decision = decide(r.offsetMinutes, due.startsAt, now);
    if (!decision.send)
        return finish(due, QStringLiteral("skipped"), decision.reason, result);
    const QString phone = firstOf(due.leadPhone, due.attendeePhone);
    const QString email = firstOf(due.leadEmail, due.attendeeEmail).toLower();
    if (phone.isEmpty() && email.isEmpty())
        return finish(due, QStringLiteral("skipped"), QStringLiteral("lead has no phone and no e-mail"), result);
    const bool sms = r.channel == QLatin1String("sms");
    const QString address = sms ? phone : email;
    if (address.isEmpty())
        return finish(due, QStringLiteral("skipped"), sms ? QStringLiteral("no phone number") : QStringLiteral("no e-mail address"),
                      result);
    DbResult<bool> optedOut = OptOutRepository(m_database, m_clock, TenantScope::agency()).isOptedOut(address, r.channel, r.clientId);
    if (!optedOut.ok())
        return optedOut.error();
    if (optedOut.value())
        return finish(due, QStringLiteral("skipped"),
                      sms ? QStringLiteral("number opted out") : QStringLiteral("address suppressed (bounced or unsubscribed)"),
                      result);
    return queue(due, address, result);
}

DbError ReminderService::queue(const DueReminder &due, const QString &address, PassResult *result) const
{
    const ReminderRecord &r = due.reminder;
    const bool sms = r.channel == QLatin1String("sms");
    const QString language = MessageTemplates::pickLanguage(due.leadLanguage);
    const QString zone = firstOf(due.leadTimeZone, due.attendeeTimeZone, firstOf(due.clientTimeZone, QStringLiteral("UTC")));
    const QString firstName = firstOf(due.leadFirstName, due.attendeeName.section(QLatin1Char(' '), 0, 0));
    const QHash<QString, QString> values {
        { QStringLiteral("first_name"), firstName },
        { QStringLiteral("appointment_time"), MessageTemplates::formatTime(due.startsAt, zone, language) },
        { QStringLiteral("location"), due.location },
        { QStringLiteral("reschedule_link"),
          due.bookingUid.isEmpty() ? QString() : m_options.rescheduleUrl.arg(due.bookingUid) },
        { QStringLiteral("client_name"), due.clientName },
    };
    const QString name = templateName(r.offsetMinutes);
    MessageTemplates templates(m_database, m_clock);
    DbResult<MessageTemplates::Text> text = templates.resolve(r.clientId, name, r.channel, language);
    if (!text.ok())
        return text.error();
    const MessageTemplates::Rendered rendered = sms ? MessageTemplates::renderSms(text.value().body, values, language)
                                                    : MessageTemplates::renderEmail(text.value(), values);
    if (!rendered.error.isEmpty())
        return finish(due, QStringLiteral("failed"), rendered.error, result);

    MessageRecord message;
    message.clientId = r.clientId;
    message.leadId = due.leadId;
    message.appointmentId = r.appointmentId;
    message.channel = r.channel;
    message.toAddress = address;
    message.subject = rendered.subject;
    message.body = rendered.body;
    message.templateName = name;
    message.provider = sms ? QStringLiteral("messagebird") : QStringLiteral("sendgrid");
    MessageRepository messages(m_database, m_clock, TenantScope::agency());
    DbResult<qint64> messageId = messages.insert(message);
    if (!messageId.ok())
        return messageId.error();

    OutboxItem item;
    item.kind = r.channel;
    item.clientId = r.clientId;
    item.idempotencyKey = QStringLiteral("reminder:%1:%2").arg(r.id).arg(due.startsAt);
    item.dueAt = m_clock.nowMs();
    item.payload.insert(QStringLiteral("to"), address);
    item.payload.insert(QStringLiteral("message_id"), messageId.value());
    if (sms) {
        item.payload.insert(QStringLiteral("body"), rendered.body);
    } else {
        item.payload.insert(QStringLiteral("subject"), rendered.subject);
        item.payload.insert(QStringLiteral("text"), rendered.body);
    }
    DbResult<qint64> outboxId = OutboxRepository(m_database, m_clock, TenantScope::agency()).enqueue(item);
    if (!outboxId.ok())
        return outboxId.error();
    if (DbError error = messages.setOutboxId(messageId.value(), outboxId.value()))
        return error;
    DbResult<bool> settled = ReminderRepository(m_database, m_clock, TenantScope::agency()).settle(r.id, QStringLiteral("queued"), {}, outboxId.value());
    if (!settled.ok())
        return settled.error();
    ++result->queued;
    return {};
}

} // namespace Callvia::Services
