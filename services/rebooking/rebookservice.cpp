#include "rebookservice.h"

#include <models/clock.h>
#include <models/database.h>
#include <models/repositories/messagerepository.h>
#include <models/repositories/optoutrepository.h>
#include <models/repositories/outboxrepository.h>
#include <models/repositories/rebookrepository.h>
#include <services/auth/auditlog.h>
#include <services/auth/session.h>
#include <services/reminders/messagetemplates.h>

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcRebook, "callvia.rebook")

namespace Callvia::Services {

using namespace Models;

namespace {

QString firstOf(const QString &a, const QString &b)
{
    return !a.isEmpty() ? a : b;
}

QString zoneOf(const RebookSequenceRecord &s)
{
    return firstOf(s.leadTimeZone, firstOf(s.clientTimeZone, QStringLiteral("UTC")));
}

// "Tue, Dec 8, 10:00 AM EST; Wed, Dec 9, 2:00 PM EST; or <link>" in the message's language.
QString slotsAndLink(const QList<qint64> &startsMs, const QString &zone, const QString &language, const QString &link)
{
    QStringList parts;
    for (qint64 ms : startsMs)
        parts << MessageTemplates::formatTime(ms, zone, language);
    const QString orWord = language == QLatin1String("de") ? QStringLiteral("oder")
            : language == QLatin1String("es")              ? QStringLiteral("o")
                                                           : QStringLiteral("or");
    return parts.join(QStringLiteral("; ")) + QStringLiteral("; ") + orWord + QLatin1Char(' ') + link;
}

DbError endSequence(Database &database, const Clock &clock, const RebookSequenceRecord &s, const QString &reason,
                    const QString &detail, const Session *actor)
{
    DbResult<bool> ended = RebookRepository(database, clock, TenantScope::agency())
                                   .end(s.id, reason, detail, actor ? actor->userId() : 0);
    if (!ended.ok())
        return ended.error();
    if (!ended.value())
        return {};
    return AuditLog(database, clock)
            .record(actor, QStringLiteral("rebook.end"), QStringLiteral("appointment"), QString::number(s.appointmentId),
                    { { QStringLiteral("status"), s.status }, { QStringLiteral("next_step"), s.nextStep } },
                    { { QStringLiteral("status"), QStringLiteral("ended") }, { QStringLiteral("reason"), reason },
                      { QStringLiteral("detail"), detail } },
                    s.clientId);
}

} // namespace

RebookService::RebookService(Database &database, const Clock &clock, Options options, QObject *parent)
    : QObject(parent), m_database(database), m_clock(clock), m_options(std::move(options))
{
}

DbResult<qint64> RebookService::nextDueAt() const
{
    return RebookRepository(m_database, m_clock, TenantScope::agency()).nextDueAt();
}

DbError RebookService::startFor(Database &database, const Clock &clock, qint64 appointmentId)
{
    DbResult<qint64> id = RebookRepository(database, clock, TenantScope::agency()).start(appointmentId, clock.nowMs());
    return id.ok() ? DbError() : id.error();
}

DbError RebookService::startForAll(Database &database, const Clock &clock, const QList<qint64> &appointmentIds)
{
    if (appointmentIds.isEmpty())
        return {};
    DbResult<int> n = RebookRepository(database, clock, TenantScope::agency()).startMany(appointmentIds, clock.nowMs());
    return n.ok() ? DbError() : n.error();
}

DbError RebookService::endFor(Database &database, const Clock &clock, qint64 appointmentId, const QString &reason,
                              const QString &detail, const Session *actor)
{
    DbResult<RebookSequenceRecord> s = RebookRepository(database, clock, TenantScope::agency()).forAppointment(appointmentId);
    if (!s.ok())
        return s.error().kind() == DbError::NotFound ? DbError() : s.error();
    return endSequence(database, clock, s.value(), reason, detail, actor);
}

DbError RebookService::stop(const Session &actor, qint64 appointmentId, const QString &reason) const
{
    if (!actor.canEdit())
        return { DbError::Invalid, QStringLiteral("Permission denied: only staff may stop a rebook sequence.") };
    const WriteGate gate(m_database);
    Transaction transaction(m_database, Transaction::Mode::Immediate);
    if (transaction.beginError())
        return transaction.beginError();
    DbResult<RebookSequenceRecord> s = RebookRepository(m_database, m_clock, actor.scope()).forAppointment(appointmentId);
    if (!s.ok())
        return s.error();
    if (s.value().status != QLatin1String("active"))
        return { DbError::NotFound, QStringLiteral("the rebook sequence of appointment %1 is not running").arg(appointmentId) };
    if (DbError error = endSequence(m_database, m_clock, s.value(), QStringLiteral("manual_stop"), reason.trimmed(), &actor))
        return error;
    return transaction.commit();
}

DbResult<bool> RebookService::runDue(qint64 nowMs)
{
    int queued = 0;
    int handled = 0;
    m_passOffers.clear();
    for (; handled < m_options.batchSize; ++handled) {
        DbResult<bool> one = runOne(nowMs, &queued);
        if (!one.ok())
            return one.error();
        if (!one.value())
            break;
    }
    if (queued > 0) {
        qCInfo(lcRebook) << "rebook: queued" << queued << "messages";
        Q_EMIT messagesQueued(queued);
    }
    return handled == m_options.batchSize;
}

// One due sequence in its own transaction; false when none is due.
DbResult<bool> RebookService::runOne(qint64 nowMs, int *queued)
{
    // Cal.com is asked before the transaction opens: a slow provider must not hold the write lock.
    qint64 offeredSequence = 0;
    int offeredStep = -1;
    const SlotOffer offer = offerFor(nowMs, &offeredSequence, &offeredStep);
    const WriteGate gate(m_database);
    Transaction transaction(m_database, Transaction::Mode::Immediate);
    if (transaction.beginError())
        return transaction.beginError();
    RebookRepository repository(m_database, m_clock, TenantScope::agency());
    DbResult<QList<RebookSequenceRecord>> due = repository.due(nowMs, 1);
    if (!due.ok())
        return due.error();
    if (due.value().isEmpty())
        return false;
    const RebookSequenceRecord &s = due.value().first();
    DbResult<QString> booking = repository.newBookingBy(s);
    if (!booking.ok())
        return booking.error();
    DbResult<bool> optedOut = s.phone.isEmpty()
            ? DbResult<bool>(false)
            : OptOutRepository(m_database, m_clock, TenantScope::agency()).isOptedOut(s.phone, QStringLiteral("sms"), s.clientId);
    if (!optedOut.ok())
        return optedOut.error();
    DbError error;
    if (!booking.value().isEmpty())
        error = endSequence(m_database, m_clock, s, QStringLiteral("new_booking"), QStringLiteral("booking ") + booking.value(), nullptr);
    else if (optedOut.value())
        error = endSequence(m_database, m_clock, s, QStringLiteral("opted_out"), QStringLiteral("the lead's number opted out"), nullptr);
    else
        error = step(s, s.id == offeredSequence && s.nextStep == offeredStep ? offer : SlotOffer(), queued);
    if (error)
        return error;
    if (DbError commitError = transaction.commit())
        return commitError;
    return true;
}

// The free slots for the next due sequence's client, or why none; the sequence and step it is for.
RebookService::SlotOffer RebookService::offerFor(qint64 nowMs, qint64 *sequenceId, int *step) const
{
    if (!m_slotSource)
        return {};
    DbResult<QList<RebookSequenceRecord>> due = RebookRepository(m_database, m_clock, TenantScope::agency()).due(nowMs, 1);
    if (!due.ok() || due.value().isEmpty() || due.value().first().clientId == 0)
        return {};
    const RebookSequenceRecord &s = due.value().first();
    *sequenceId = s.id;
    *step = s.nextStep;
    const QString key = QString::number(s.clientId) + QLatin1Char('|') + zoneOf(s);
    if (const auto cached = m_passOffers.constFind(key); cached != m_passOffers.constEnd())
        return *cached;
    const qint64 from = m_clock.nowMs();
    SlotOffer offer = m_slotSource(s.clientId, zoneOf(s), from, from + m_options.slotWindowMs);
    if (offer.startsMs.size() > m_options.slotCount)
        offer.startsMs.resize(m_options.slotCount);
    if (!offer.error.isEmpty())
        qCWarning(lcRebook) << "rebook: no Cal.com slots for client" << s.clientId << "-" << offer.error;
    m_passOffers.insert(key, offer);
    return offer;
}

DbError RebookService::step(const RebookSequenceRecord &s, const SlotOffer &offer, int *queued) const
{
    const int step = s.nextStep;
    const bool sms = step != 1;
    const QString channel = sms ? QStringLiteral("sms") : QStringLiteral("email");
    const QString address = sms ? s.phone : s.email;
    RebookStepRecord record { step, channel, QStringLiteral("skipped"), {}, 0, m_clock.nowMs() };
    RebookRepository repository(m_database, m_clock, TenantScope::agency());
    DbResult<bool> suppressed = address.isEmpty() || sms
            ? DbResult<bool>(false) // SMS opt-outs ended the sequence before this step
            : OptOutRepository(m_database, m_clock, TenantScope::agency()).isOptedOut(address, channel, s.clientId);
    if (!suppressed.ok())
        return suppressed.error();
    if (address.isEmpty())
        record.reason = sms ? QStringLiteral("no phone number") : QStringLiteral("no e-mail address");
    else if (suppressed.value())
        record.reason = QStringLiteral("address suppressed (bounced or unsubscribed)");
    else if (s.clientId == 0)
        record.reason = QStringLiteral("booking not matched to a client");

    if (record.reason.isEmpty()) {
        const QString language = MessageTemplates::pickLanguage(s.leadLanguage);
        const QString zone = zoneOf(s);
        const QString link = firstOf(s.bookingUrl, m_options.rescheduleUrl.arg(s.bookingUid));
        QHash<QString, QString> values {
            { QStringLiteral("first_name"), s.firstName },
            { QStringLiteral("appointment_time"), MessageTemplates::formatTime(s.appointmentStartsAt, zone, language) },
            { QStringLiteral("reschedule_link"), offer.startsMs.isEmpty() ? link : slotsAndLink(offer.startsMs, zone, language, link) },
            { QStringLiteral("client_name"), s.clientName },
        };
        const QString name = step == 2 ? QStringLiteral("rebook_final") : QStringLiteral("rebook");
        DbResult<MessageTemplates::Text> text = MessageTemplates(m_database, m_clock).resolve(s.clientId, name, channel, language);
        if (!text.ok())
            return text.error();
        auto render = [&] {
            return sms ? MessageTemplates::renderSms(text.value().body, values, language)
                       : MessageTemplates::renderEmail(text.value(), values);
        };
        MessageTemplates::Rendered rendered = render();
        // Recorded on a queued step: why the message carries the plain link only.
        QString note = offer.error.isEmpty() ? QString() : QString(QStringLiteral("Cal.com slots unavailable: ") + offer.error);
        if (!rendered.error.isEmpty() && !offer.startsMs.isEmpty()) {
            note = QStringLiteral("free slots left out: ") + rendered.error;
            values.insert(QStringLiteral("reschedule_link"), link);
            rendered = render();
        }
        if (!rendered.error.isEmpty()) {
            record.reason = rendered.error;
        } else {
            MessageRecord message;
            message.clientId = s.clientId;
            message.leadId = s.leadId;
            message.appointmentId = s.appointmentId;
            message.channel = channel;
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
            item.kind = channel;
            item.clientId = s.clientId;
            item.idempotencyKey = QStringLiteral("rebook:%1:%2").arg(s.id).arg(step);
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
            record.status = QStringLiteral("queued");
            record.reason = note;
            record.outboxId = outboxId.value();
            ++*queued;
        }
    }
    if (DbError error = repository.recordStep(s, record))
        return error;
    const int next = step + 1;
    const qint64 nextDue = s.startedAt + (next == 1 ? m_options.emailAfterMs : m_options.finalAfterMs);
    return repository.advance(s.id, next, nextDue);
}

} // namespace Callvia::Services
