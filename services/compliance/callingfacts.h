#pragma once

#include <QDate>
#include <QList>
#include <QString>
#include <QStringList>
#include <QTime>

// The inputs and the answer of the calling rules (callingrules.h): plain values, filled from the
// database by a repository and from the campaign's settings, so the rules stay pure.
namespace Callvia::Services::Compliance {

enum class Channel { Call, Sms };

// One call placed or text sent to the lead. outcome: answered, voicemail, no_answer, busy,
// failed, abandoned (calls) or sent (texts).
struct ContactAttempt
{
    qint64 atMs = 0;
    Channel channel = Channel::Call;
    QString outcome;
    qint64 campaignId = 0; // the subject of the contact (state caps count the same subject)
};

struct ConsentRecord
{
    QString type; // written | verbal | none
    qint64 atMs = 0;
    QString source;
    QString evidence;
    qint64 revokedAtMs = 0; // 0 = not revoked
};

struct OptOut
{
    qint64 atMs = 0;
    QString channel; // sms, email, call, import, staff
};

// Where the number may ring and what we know of the lead. candidateZones and candidateStates
// are the conservative union of the area code's and the address's (see CandidatePlaces).
struct LeadFacts
{
    qint64 leadId = 0;
    QString phoneE164;
    QString status = QStringLiteral("new");
    QStringList candidateZones; // IANA ids; empty = no usable zone, never callable
    QStringList candidateStates; // US state / Canadian province codes ("FL", "ON")
    bool tollFree = false; // zones came from the lead's own or the client's zone
    QList<ConsentRecord> consents;
    QList<OptOut> optOuts;
    bool onInternalDnc = false;
    bool onNationalDnc = false; // on the National DNC Registry / Canadian DNCL at the last scrub
    bool onTps = false; // UK Telephone Preference Service
    QList<ContactAttempt> history;
    int callAttempts = 0; // the lead's stored counter; the rules take the larger of it and history
    bool callInFlight = false; // a call placed whose outcome is not known yet
    qint64 callbackAtMs = 0; // a callback requested for this instant (status callback)
};

enum class ConsentRequirement { Express, Written };

// A campaign's calling settings as the rules need them. The window and days only narrow the
// legal windows; they never widen them.
struct CallingSettings
{
    qint64 campaignId = 0;
    QTime windowStart = QTime(8, 0);
    QTime windowEnd = QTime(21, 0);
    int callingDays = 0x7f; // bit (dayOfWeek - 1): Monday = bit 0 ... Sunday = bit 6
    int maxAttempts = 6;
    qint64 retryNoAnswerSeconds = 4 * 3600;
    qint64 retryVoicemailSeconds = 24 * 3600;
    qint64 retryBusySeconds = 30 * 60;
    qint64 retryFailedSeconds = 3600;
    QStringList callableStatuses = { QStringLiteral("new"), QStringLiteral("contacted"), QStringLiteral("callback") };
    ConsentRequirement consentRequired = ConsentRequirement::Written;
    bool telemarketing = true; // a sales / appointment-setting campaign (DNC snapshot rule)
    QDate nationalDncSnapshot; // the date of the last National DNC / DNCL scrub
};

enum class Reason {
    Callable,
    NoPhone,
    NoTimeZone,
    StatusNotCallable,
    InternalDnc,
    OptedOut,
    NationalDnc,
    TpsListed,
    NoConsent,
    NoWrittenConsent,
    DncSnapshotStale,
    AttemptsUsedUp,
    CallInFlight,
    // Time-based: they pass by themselves (nextCallableAtMs says when).
    UkAbandonedRedial,
    ContactCapReached,
    RetryNotDue,
    CallbackNotDue,
    OutsideWindow,
};

struct Verdict
{
    bool callable = false;
    Reason reason = Reason::Callable;
    QString text; // names the zone, state or rule: "outside calling window in America/Boise (07:40 local)"
    // When only time-based rules block: the first instant at which every rule passes (-1 when
    // a permanent rule blocks, or no open instant within two weeks). Callable: the instant asked.
    qint64 nextCallableAtMs = -1;
};

QString reasonCode(Reason reason); // stable snake_case code for logs and the UI ("outside_window")

} // namespace Callvia::Services::Compliance
