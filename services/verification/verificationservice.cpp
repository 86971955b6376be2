#include "verificationservice.h"

#include "confirmationlinks.h"

#include <models/clock.h>
#include <models/database.h>
#include <models/repositories/messagerepository.h>
#include <models/repositories/optoutrepository.h>
#include <models/repositories/outboxrepository.h>
#include <models/repositories/verificationrepository.h>
#include <services/auth/auditlog.h>
#include <services/auth/session.h>
#include <services/providerconfig.h>
#include <services/rebooking/rebookservice.h>
#include <services/reminders/messagetemplates.h>

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcVerification, "callvia.verification")

namespace Callvia::Services {

using namespace Models;

namespace {

QString isoTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODate);
}

QString leadName(const VerificationCandidate &c)
{
    return !c.leadFirstName.isEmpty() ? c.leadFirstName : c.attendeeName;
}

bool isOpen(const QString &status)
{
    return status == QLatin1String("pending") || status == QLatin1String("scheduled");
}

} // namespace

VerificationService::VerificationService(Database &database, const Clock &clock, const ProviderConfig *config,
                                         Options options, QObject *parent)
    : QObject(parent), m_database(database), m_clock(clock), m_config(config), m_options(std::move(options))
{
}

QByteArray VerificationService::linkKey() const
{
    const QString configured = m_config ? m_config->value(QStringLiteral("verification"), QStringLiteral("link_key")) : QString();
    return configured.isEmpty() ? m_options.linkKey : configured.toUtf8();
}

DbResult<qint64> VerificationService::nextDueAt() const
{
    const VerificationRepository repository(m_database, m_clock, TenantScope::agency());
    DbResult<qint64> verdict = repository.nextVerdictDueAt();
    if (!verdict.ok())
        return verdict.error();
    DbResult<qint64> mail = repository.nextConfirmationDueAt();
    if (!mail.ok())
        return mail.error();
    // Late call logs are looked for every lateCallCheckMs while automatic no-shows are recent.
    const qint64 now = m_clock.nowMs();
    DbResult<QList<VerificationCandidate>> watched = repository.openNoShows(now - m_options.lateCallLookbackMs, 1);
    if (!watched.ok())
        return watched.error();
    qint64 next = watched.value().isEmpty() ? 0 : m_lastLateCheck == 0 ? now : m_lastLateCheck + m_options.lateCallCheckMs;
    for (qint64 due : { verdict.value(), mail.value() })
        if (due > 0)
            next = next == 0 ? due : qMin(next, due);
    return next;
}

DbResult<bool> VerificationService::runDue(qint64 nowMs)
{
    int mails = 0;
    int verdicts = 0;
    for (; mails < m_options.batchSize; ++mails) {
        DbResult<bool> one = confirmationOne(nowMs);
        if (!one.ok())
            return one.error();
        if (!one.value())
            break;
    }
    while (verdicts < m_options.batchSize) {
        DbResult<int> group = verdictGroup(nowMs, qMin(m_options.groupSize, m_options.batchSize - verdicts));
        if (!group.ok())
            return group.error();
        if (group.value() == 0)
            break;
        verdicts += group.value();
    }
    if (m_lastLateCheck == 0 || nowMs < m_lastLateCheck || nowMs - m_lastLateCheck >= m_options.lateCallCheckMs) {
        if (DbError error = checkLateCalls(nowMs))
            return error;
        m_lastLateCheck = nowMs;
    }
    if (mails > 0)
        Q_EMIT confirmationsQueued(mails);
    if (verdicts > 0) {
        qCInfo(lcVerification) << "verification: decided" << verdicts << "appointments";
        Q_EMIT verdictsDecided(verdicts);
    }
    return mails == m_options.batchSize || verdicts >= m_options.batchSize;
}

namespace {

// What the rules read for one appointment.
struct Evidence
{
    std::optional<ClientConfirmationRecord> confirmation;
    std::optional<LeadReply> reply;
    std::optional<QualifyingCall> call;
};

// The evidence of each appointment of a group, each read only where an earlier rule has not
// decided: the confirmations and the calls in set-based statements, the lead's reply one by one
// (a YES is rare).
DbResult<QList<Evidence>> gather(const VerificationRepository &repository, const QList<VerificationCandidate> &group)
{
    QList<qint64> ids;
    ids.reserve(group.size());
    for (const VerificationCandidate &c : group)
        ids << c.appointmentId;
    DbResult<QHash<qint64, ClientConfirmationRecord>> confirmations = repository.confirmations(ids);
    if (!confirmations.ok())
        return confirmations.error();
    QList<Evidence> evidence(group.size());
    QList<VerificationCandidate> needCall;
    for (qsizetype i = 0; i < group.size(); ++i) {
        const VerificationCandidate &c = group.at(i);
        const auto confirmation = confirmations.value().constFind(c.appointmentId);
        if (confirmation != confirmations.value().constEnd())
            evidence[i].confirmation = *confirmation;
        if (evidence[i].confirmation && evidence[i].confirmation->answer == QLatin1String("yes"))
            continue; // rule 1 decides
        if (c.leadConfirmedAt > 0) { // rule 2 decides
            DbResult<std::optional<LeadReply>> reply = repository.leadReply(c);
            if (!reply.ok())
                return reply.error();
            evidence[i].reply = reply.value();
            continue;
        }
        needCall << c;
    }
    DbResult<QHash<qint64, QualifyingCall>> calls = repository.qualifyingCalls(needCall);
    if (!calls.ok())
        return calls.error();
    for (qsizetype i = 0; i < group.size(); ++i) {
        const auto call = calls.value().constFind(group.at(i).appointmentId);
        if (call != calls.value().constEnd())
            evidence[i].call = *call;
    }
    return evidence;
}

// The rules, first match wins, on evidence already read: the rule's name in *rule, and what it
// rests on.
QJsonObject judge(const VerificationCandidate &c, const Evidence &e, QString *rule)
{
    const bool nobody = c.leadId == 0 && c.phone().isEmpty();
    QJsonObject evidence;
    if (nobody)
        evidence.insert(QStringLiteral("note"), QStringLiteral("no lead and no attendee phone: the lead's reply and call "
                                                               "rules could not apply; decided on the remaining rules"));
    // 1. The client's answer by the link (a "no" was decided at once, so only "yes" is left here).
    if (e.confirmation && e.confirmation->answer == QLatin1String("yes")) {
        *rule = QStringLiteral("client_confirmed");
        evidence.insert(QStringLiteral("confirmation_id"), e.confirmation->id);
        evidence.insert(QStringLiteral("confirmed_by"), e.confirmation->toAddress);
        evidence.insert(QStringLiteral("confirmed_at"), isoTime(e.confirmation->answeredAt));
        evidence.insert(QStringLiteral("via"), QStringLiteral("e-mail link"));
        return evidence;
    }
    // 2. The lead's YES to a reminder (ReplyProcessor -> appointments.lead_confirmed_at).
    if (c.leadConfirmedAt > 0) {
        *rule = QStringLiteral("lead_confirmed");
        evidence.insert(QStringLiteral("lead_confirmed_at"), isoTime(c.leadConfirmedAt));
        if (e.reply) {
            evidence.insert(QStringLiteral("reply_message_id"), e.reply->messageId);
            evidence.insert(QStringLiteral("provider_message_id"), e.reply->providerMessageId);
            evidence.insert(QStringLiteral("from"), e.reply->fromAddress);
            evidence.insert(QStringLiteral("reply"), e.reply->body.left(160));
        } else {
            evidence.insert(QStringLiteral("reply_message_id"), QJsonValue());
        }
        return evidence;
    }
    // 3. A call with the lead inside the window.
    const QJsonObject window { { QStringLiteral("from"), isoTime(c.startsAt - c.windowBeforeMs) },
                               { QStringLiteral("to"), isoTime(c.endsAt) },
                               { QStringLiteral("min_seconds"), c.minCallSeconds } };
    if (e.call) {
        *rule = QStringLiteral("call_verified");
        evidence.insert(QStringLiteral("call_log_id"), e.call->callLogId);
        evidence.insert(QStringLiteral("call_id"), e.call->retellCallId);
        evidence.insert(QStringLiteral("duration_seconds"), double(e.call->durationMs) / 1000.0);
        evidence.insert(QStringLiteral("started_at"), isoTime(e.call->startedAt));
        evidence.insert(QStringLiteral("matched_by"), e.call->matchedBy);
        evidence.insert(QStringLiteral("window"), window);
        return evidence;
    }
    // 4. Nothing speaks for a show.
    *rule = QStringLiteral("no_show");
    evidence.insert(QStringLiteral("client_confirmation"),
                    e.confirmation ? e.confirmation->status + (e.confirmation->reason.isEmpty()
                                                                       ? QString()
                                                                       : QStringLiteral(": ") + e.confirmation->reason)
                                   : QStringLiteral("none"));
    evidence.insert(QStringLiteral("lead_confirmed"), false);
    evidence.insert(QStringLiteral("calls"), nobody ? QStringLiteral("not checked: no lead and no phone")
                                                    : QStringLiteral("no call with the lead over %1 s in the window")
                                                              .arg(c.minCallSeconds));
    evidence.insert(QStringLiteral("window"), window);
    return evidence;
}

// The verdict a rule (or staff: source "manual", rule "shown"/"no_show") gives.
VerdictRecord makeVerdict(const VerificationCandidate &c, const QString &rule, const QString &source,
                          const QJsonObject &evidence, const Session *actor, const QString &reason, qint64 nowMs)
{
    const bool manual = source == QLatin1String("manual");
    const bool shown = manual ? rule == QLatin1String("shown") : rule != QLatin1String("no_show");
    VerdictRecord v;
    v.appointmentId = c.appointmentId;
    v.clientId = c.clientId;
    v.rule = manual ? QStringLiteral("manual") : rule;
    v.verdict = shown ? QStringLiteral("shown") : QStringLiteral("no_show");
    v.source = source;
    v.evidence = evidence;
    v.decidedBy = actor ? actor->userId() : 0;
    v.decidedAt = nowMs;
    v.reason = reason;
    return v;
}

// The appointment's verification column for a verdict: a staff verdict that a show happened
// names no automatic rule ('not_applicable').
QString verificationOf(const VerdictRecord &v)
{
    if (v.source != QLatin1String("manual"))
        return v.rule;
    return v.verdict == QLatin1String("shown") ? QStringLiteral("not_applicable") : QStringLiteral("no_show");
}

// The audit entry of a verdict: the appointment before, and the verdict after. The evidence is
// not repeated here: it is kept with the verdict (appointment_verdicts, shown in the Appointments
// view), and copying it doubled what each verdict writes.
AuditLog::Entry verdictAudit(const VerificationCandidate &c, const VerdictRecord &v)
{
    QJsonObject after { { QStringLiteral("status"), v.verdict }, { QStringLiteral("verification"), verificationOf(v) },
                        { QStringLiteral("rule"), v.rule }, { QStringLiteral("source"), v.source } };
    if (!v.reason.isEmpty())
        after.insert(QStringLiteral("reason"), v.reason);
    return { isOpen(c.status) ? QStringLiteral("appointment.verdict") : QStringLiteral("appointment.verdict_correction"),
             QStringLiteral("appointment"), QString::number(c.appointmentId),
             { { QStringLiteral("status"), c.status },
               { QStringLiteral("verification"), c.verification },
               { QStringLiteral("source"), c.verdictSource } },
             after, c.clientId };
}

} // namespace

DbResult<QJsonObject> VerificationService::evaluate(const VerificationCandidate &c, QString *rule) const
{
    DbResult<QList<Evidence>> evidence = gather(VerificationRepository(m_database, m_clock, TenantScope::agency()), { c });
    if (!evidence.ok())
        return evidence.error();
    return judge(c, evidence.value().constFirst(), rule);
}

DbError VerificationService::decide(const VerificationCandidate &c, const QString &rule, const QString &source,
                                    const QJsonObject &evidence, const Session *actor, const QString &reason,
                                    bool onlyIfOpen, bool *applied)
{
    const VerdictRecord v = makeVerdict(c, rule, source, evidence, actor, reason, m_clock.nowMs());
    const bool shown = v.verdict == QLatin1String("shown");
    DbResult<bool> written = VerificationRepository(m_database, m_clock, TenantScope::agency())
                                     .applyVerdict(v, verificationOf(v), onlyIfOpen);
    if (!written.ok())
        return written.error();
    *applied = written.value();
    if (!written.value())
        return {};
    const AuditLog::Entry audit = verdictAudit(c, v);
    if (DbError error = AuditLog(m_database, m_clock)
                                .record(actor, audit.action, audit.entity, audit.entityId, audit.before, audit.after,
                                        audit.clientId))
        return error;
    if (!shown && c.status != QLatin1String("no_show"))
        return RebookService::startFor(m_database, m_clock, c.appointmentId);
    if (shown && c.status == QLatin1String("no_show"))
        return RebookService::endFor(m_database, m_clock, c.appointmentId, QStringLiteral("verdict_shown"),
                                     reason, actor);
    return {};
}

// The automatic verdicts of a group of open appointments this transaction holds, set-based: the
// evidence read in a few statements, then every appointment, verdict row, audit entry and rebook
// sequence written in a few more. Any error (or an appointment decided elsewhere meanwhile)
// returns an error, and the caller undoes the whole group.
DbError VerificationService::decideAll(const QList<VerificationCandidate> &group)
{
    const VerificationRepository repository(m_database, m_clock, TenantScope::agency());
    DbResult<QList<Evidence>> evidence = gather(repository, group);
    if (!evidence.ok())
        return evidence.error();
    const qint64 now = m_clock.nowMs();
    QList<VerdictRecord> verdicts;
    QList<AuditLog::Entry> audit;
    QList<qint64> noShows;
    verdicts.reserve(group.size());
    audit.reserve(group.size());
    for (qsizetype i = 0; i < group.size(); ++i) {
        const VerificationCandidate &c = group.at(i);
        if (!isOpen(c.status))
            return { DbError::Other, QStringLiteral("appointment %1 is not open").arg(c.appointmentId) };
        QString rule;
        const QJsonObject found = judge(c, evidence.value().at(i), &rule);
        verdicts << makeVerdict(c, rule, QStringLiteral("automatic"), found, nullptr, {}, now);
        audit << verdictAudit(c, verdicts.constLast());
        if (verdicts.constLast().verdict == QLatin1String("no_show"))
            noShows << c.appointmentId;
    }
    DbResult<int> applied = repository.applyAutomaticVerdicts(verdicts);
    if (!applied.ok())
        return applied.error();
    if (applied.value() != verdicts.size())
        return { DbError::Other, QStringLiteral("%1 of %2 appointments were decided elsewhere meanwhile")
                                            .arg(verdicts.size() - applied.value())
                                            .arg(verdicts.size()) };
    if (DbError error = AuditLog(m_database, m_clock).recordAll(nullptr, audit))
        return error;
    return RebookService::startForAll(m_database, m_clock, noShows);
}

// The oldest due appointments, decided in one transaction with a savepoint each (see Options).
DbResult<int> VerificationService::verdictGroup(qint64 nowMs, int limit)
{
    const WriteGate gate(m_database);
    Transaction transaction(m_database, Transaction::Mode::Immediate);
    if (transaction.beginError())
        return transaction.beginError();
    DbResult<QList<VerificationCandidate>> due =
            VerificationRepository(m_database, m_clock, TenantScope::agency()).dueForVerdict(nowMs, qMax(1, limit));
    if (!due.ok())
        return due.error();
    if (due.value().size() > 1) {
        // Set-based first; when that fails, the group is undone and decided one by one below,
        // where a fault undoes only its own appointment.
        Savepoint whole(m_database);
        if (whole.beginError())
            return whole.beginError();
        const DbError bulk = decideAll(due.value());
        if (!bulk) {
            if (DbError error = whole.release())
                return error;
            if (DbError error = transaction.commit())
                return error;
            return int(due.value().size());
        }
        qCInfo(lcVerification).noquote() << "verification: a group of" << due.value().size()
                                         << "could not be decided at once (" << bulk.message() << "); one by one";
        if (DbError undo = whole.rollback())
            return undo;
    }
    QElapsedTimer budget;
    budget.start();
    int decided = 0;
    DbError failure;
    for (const VerificationCandidate &c : due.value()) {
        Savepoint savepoint(m_database);
        if (savepoint.beginError()) {
            failure = savepoint.beginError();
            break;
        }
        QString rule;
        DbResult<QJsonObject> evidence = evaluate(c, &rule);
        bool applied = false;
        failure = evidence.ok() ? decide(c, rule, QStringLiteral("automatic"), evidence.value(), nullptr, {}, true, &applied)
                                : evidence.error();
        if (failure) {
            qCWarning(lcVerification).noquote() << "appointment" << c.appointmentId << "not decided:" << failure.message();
            if (DbError undo = savepoint.rollback())
                return undo; // the transaction is not usable: nothing of this group is committed
            break;
        }
        if (DbError error = savepoint.release())
            return error;
        ++decided; // an appointment another instance decided first counts as handled too
        if (budget.elapsed() >= m_options.groupBudgetMs || m_database.urgentWriterWaiting())
            break;
    }
    if (DbError error = transaction.commit())
        return error;
    if (failure)
        return failure;
    return decided;
}

// The "did they show?" e-mail of the oldest ended appointment without one; false when none.
DbResult<bool> VerificationService::confirmationOne(qint64 nowMs)
{
    const WriteGate gate(m_database);
    Transaction transaction(m_database, Transaction::Mode::Immediate);
    if (transaction.beginError())
        return transaction.beginError();
    const VerificationRepository repository(m_database, m_clock, TenantScope::agency());
    DbResult<QList<VerificationCandidate>> due = repository.dueForConfirmation(nowMs, 1);
    if (!due.ok())
        return due.error();
    if (due.value().isEmpty())
        return false;
    const VerificationCandidate &c = due.value().first();
    ClientConfirmationRecord record;
    record.appointmentId = c.appointmentId;
    record.clientId = c.clientId;
    record.expiresAt = c.verdictDueAt();
    record.toAddress = c.clientEmail.trimmed().toLower();
    record.status = QStringLiteral("skipped");
    const QByteArray key = linkKey();
    DbResult<bool> suppressed = record.toAddress.isEmpty()
            ? DbResult<bool>(false)
            : OptOutRepository(m_database, m_clock, TenantScope::agency()).isOptedOut(record.toAddress, QStringLiteral("email"), c.clientId);
    if (!suppressed.ok())
        return suppressed.error();
    if (nowMs >= record.expiresAt)
        record.reason = QStringLiteral("the verdict was already due when the appointment was found ended");
    else if (record.toAddress.isEmpty())
        record.reason = QStringLiteral("the client has no contact e-mail");
    else if (suppressed.value())
        record.reason = QStringLiteral("the client's address is suppressed (bounced or unsubscribed)");
    else if (key.isEmpty())
        record.reason = QStringLiteral("no link key (setting verification.link_key) in the secret store");

    QString body;
    QString subject;
    const QString language = MessageTemplates::pickLanguage(c.clientLanguage);
    if (record.reason.isEmpty()) {
        const QString base = !m_config ? m_options.defaultPublicUrl : m_config->value(QStringLiteral("listener"), QStringLiteral("public_url"), m_options.defaultPublicUrl);
        const QHash<QString, QString> values {
            { QStringLiteral("lead_name"), leadName(c) },
            { QStringLiteral("appointment_time"),
              MessageTemplates::formatTime(c.startsAt, c.clientTimeZone.isEmpty() ? QStringLiteral("UTC") : c.clientTimeZone, language) },
            { QStringLiteral("client_name"), c.clientName },
            { QStringLiteral("yes_link"), ConfirmationLinks::url(base, key, c.appointmentId, QStringLiteral("yes"), record.expiresAt) },
            { QStringLiteral("no_link"), ConfirmationLinks::url(base, key, c.appointmentId, QStringLiteral("no"), record.expiresAt) },
        };
        DbResult<MessageTemplates::Text> text = MessageTemplates(m_database, m_clock).resolve(c.clientId, QStringLiteral("show_check"),
                                                                                          QStringLiteral("email"), language);
        if (!text.ok())
            return text.error();
        const MessageTemplates::Rendered rendered = MessageTemplates::renderEmail(text.value(), values);
        if (!rendered.error.isEmpty())
            record.reason = rendered.error;
        subject = rendered.subject;
        body = rendered.body;
    }
    if (record.reason.isEmpty())
        record.status = QStringLiteral("queued");
    DbResult<qint64> confirmationId = repository.insertConfirmation(record);
    if (!confirmationId.ok())
        return confirmationId.error();
    if (record.status == QLatin1String("queued")) {
        MessageRecord message;
        message.clientId = c.clientId;
        message.leadId = c.leadId;
        message.appointmentId = c.appointmentId;
        message.channel = QStringLiteral("email");
        message.toAddress = record.toAddress;
        message.subject = subject;
        message.body = body;
        message.templateName = QStringLiteral("show_check");
        message.provider = QStringLiteral("sendgrid");
        MessageRepository messages(m_database, m_clock, TenantScope::agency());
        DbResult<qint64> messageId = messages.insert(message);
        if (!messageId.ok())
            return messageId.error();
        OutboxItem item;
        item.kind = QStringLiteral("email");
        item.clientId = c.clientId;
        item.idempotencyKey = QStringLiteral("show-check:%1").arg(c.appointmentId);
        item.dueAt = nowMs;
        item.payload.insert(QStringLiteral("to"), record.toAddress);
        item.payload.insert(QStringLiteral("subject"), subject);
        item.payload.insert(QStringLiteral("text"), body);
        item.payload.insert(QStringLiteral("message_id"), messageId.value());
        DbResult<qint64> outboxId = OutboxRepository(m_database, m_clock, TenantScope::agency()).enqueue(item);
        if (!outboxId.ok())
            return outboxId.error();
        if (DbError error = messages.setOutboxId(messageId.value(), outboxId.value()))
            return error;
        if (DbError error = repository.setConfirmationOutbox(confirmationId.value(), outboxId.value()))
            return error;
    } else {
        qCInfo(lcVerification).noquote() << "no confirmation e-mail for appointment" << c.appointmentId << ":" << record.reason;
    }
    if (DbError error = transaction.commit())
        return error;
    return true;
}

DbError VerificationService::checkLateCalls(qint64 nowMs)
{
    const VerificationRepository repository(m_database, m_clock, TenantScope::agency());
    DbResult<QList<VerificationCandidate>> noShows = repository.openNoShows(nowMs - m_options.lateCallLookbackMs, 1000);
    if (!noShows.ok())
        return noShows.error();
    for (const VerificationCandidate &c : noShows.value()) {
        DbResult<std::optional<QualifyingCall>> call = repository.qualifyingCall(c, c.verifiedAt);
        if (!call.ok())
            return call.error();
        if (!call.value())
            continue;
        const WriteGate gate(m_database);
        Transaction transaction(m_database, Transaction::Mode::Immediate);
        if (transaction.beginError())
            return transaction.beginError();
        const QString reason = QStringLiteral("call %1 (%2 s, started %3) was logged after the no-show verdict")
                                       .arg(call.value()->retellCallId)
                                       .arg(double(call.value()->durationMs) / 1000.0)
                                       .arg(isoTime(call.value()->startedAt));
        DbResult<bool> flagged = repository.flagForReview(c.appointmentId, reason, nowMs);
        if (!flagged.ok())
            return flagged.error();
        if (flagged.value()) {
            if (DbError error = AuditLog(m_database, m_clock)
                                        .record(nullptr, QStringLiteral("appointment.review_flag"), QStringLiteral("appointment"),
                                                QString::number(c.appointmentId), {},
                                                { { QStringLiteral("review_reason"), reason },
                                                  { QStringLiteral("call_log_id"), call.value()->callLogId } },
                                                c.clientId))
                return error;
        }
        if (DbError error = transaction.commit())
            return error;
    }
    return {};
}

DbError VerificationService::setManualVerdict(const Session &actor, qint64 appointmentId, bool shown, const QString &reason)
{
    if (!actor.canEdit())
        return { DbError::Invalid, QStringLiteral("Permission denied: only staff may set a verdict by hand.") };
    if (reason.trimmed().isEmpty())
        return { DbError::Invalid, QStringLiteral("Reason: say why the appointment is %1").arg(shown ? QStringLiteral("shown") : QStringLiteral("a no-show")) };
    const WriteGate gate(m_database);
    Transaction transaction(m_database, Transaction::Mode::Immediate);
    if (transaction.beginError())
        return transaction.beginError();
    DbResult<VerificationCandidate> c = VerificationRepository(m_database, m_clock, actor.scope()).candidate(appointmentId);
    if (!c.ok())
        return c.error();
    if (c.value().status == QLatin1String("cancelled") || c.value().status == QLatin1String("rejected"))
        return { DbError::Invalid, QStringLiteral("appointment %1 was %2: it has no show to verify").arg(appointmentId).arg(c.value().status) };
    const QJsonObject evidence { { QStringLiteral("decided_by"), actor.username() },
                                 { QStringLiteral("role"), actor.roleName() },
                                 { QStringLiteral("previous_status"), c.value().status },
                                 { QStringLiteral("previous_verification"), c.value().verification } };
    bool applied = false;
    if (DbError error = decide(c.value(), shown ? QStringLiteral("shown") : QStringLiteral("no_show"), QStringLiteral("manual"),
                               evidence, &actor, reason.trimmed(), false, &applied))
        return error;
    return transaction.commit();
}

DbResult<VerificationService::Answered> VerificationService::answerConfirmation(qint64 appointmentId, const QString &answer)
{
    Answered result;
    const WriteGate gate(m_database);
    Transaction transaction(m_database, Transaction::Mode::Immediate);
    if (transaction.beginError())
        return transaction.beginError();
    const VerificationRepository repository(m_database, m_clock, TenantScope::agency());
    DbResult<VerificationCandidate> c = repository.candidate(appointmentId);
    if (!c.ok())
        return c.error().kind() == DbError::NotFound ? DbResult<Answered>(result) : DbResult<Answered>(c.error());
    result.language = c.value().clientLanguage;
    result.leadName = leadName(c.value());
    result.startsAt = c.value().startsAt;
    result.timeZone = c.value().clientTimeZone;
    DbResult<ClientConfirmationRecord> confirmation = repository.confirmation(appointmentId);
    if (!confirmation.ok())
        return confirmation.error().kind() == DbError::NotFound ? DbResult<Answered>(result) : DbResult<Answered>(confirmation.error());
    if (confirmation.value().status == QLatin1String("answered")) {
        result.outcome = AnswerOutcome::AlreadyAnswered;
        return result;
    }
    if (confirmation.value().status != QLatin1String("queued"))
        return result; // no e-mail went out for it: no link of ours
    if (!isOpen(c.value().status) || m_clock.nowMs() >= confirmation.value().expiresAt) {
        result.outcome = AnswerOutcome::Expired;
        return result;
    }
    const qint64 now = m_clock.nowMs();
    DbResult<bool> marked = repository.markAnswered(appointmentId, answer, now);
    if (!marked.ok())
        return marked.error();
    if (!marked.value()) {
        result.outcome = AnswerOutcome::AlreadyAnswered;
        return result;
    }
    const QJsonObject evidence { { QStringLiteral("confirmation_id"), confirmation.value().id },
                                 { QStringLiteral("answer"), answer },
                                 { QStringLiteral("confirmed_by"), confirmation.value().toAddress },
                                 { QStringLiteral("confirmed_at"), isoTime(now) },
                                 { QStringLiteral("via"), QStringLiteral("e-mail link") } };
    bool applied = false;
    const QString rule = answer == QLatin1String("yes") ? QStringLiteral("client_confirmed") : QStringLiteral("no_show");
    if (DbError error = decide(c.value(), rule, QStringLiteral("client"), evidence, nullptr, {}, true, &applied))
        return error;
    if (DbError error = transaction.commit())
        return error;
    result.outcome = AnswerOutcome::Recorded;
    return result;
}

} // namespace Callvia::Services
