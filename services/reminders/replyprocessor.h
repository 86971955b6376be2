#pragma once

#include <models/dberror.h>

#include <QString>

namespace Callvia::Models {
class Clock;
class Database;
} // namespace Callvia::Models

namespace Callvia::Services {

// What a reply to our messages means, applied inside the webhook handler's transaction
// (MessageBirdHandler, SendGridHandler call it from one place each):
// - SMS "YES" (Y, CONFIRM; German JA, BESTÄTIGEN; Spanish SÍ, SI, CONFIRMAR; any case, any
//   punctuation around it) confirms the appointment of the latest reminder SMS sent to that
//   number, if it is still ahead: verification lead_confirmed, lead_confirmed_at.
// - SMS stop words (STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT, REVOKE, OPT OUT; the carriers'
//   list plus the FCC's, compliance.md section 3): the handler records the opt-out; this adds
//   the single confirmation SMS the rules allow (no marketing), only when the number was not
//   opted out already, so a second STOP gets no second text.
// - A SendGrid bounce suppresses the address for every client (agency-wide e-mail opt-out).
class ReplyProcessor final
{
public:
    enum class Intent { None, Confirm, OptOut };

    ReplyProcessor(Models::Database &database, const Models::Clock &clock);

    static Intent classify(const QString &text);
    // Upper case, accents removed, punctuation turned into spaces, spaces simplified.
    static QString normalize(const QString &text);

    // `phone` E.164 (empty when the originator is not a number: nothing to do); called before
    // the handler writes the opt-out.
    Models::DbError onInboundSms(const QString &phone, const QString &body, const QString &providerMessageId) const;
    // `status` as messages.status (bounced, dropped, unsubscribed...), `email` lower case.
    Models::DbError onEmailEvent(const QString &status, const QString &email, const QString &reason) const;

private:
    Models::DbError confirm(const QString &phone) const;
    Models::DbError queueOptOutConfirmation(const QString &phone, const QString &providerMessageId) const;

    Models::Database &m_database;
    const Models::Clock &m_clock;
};

} // namespace Callvia::Services
