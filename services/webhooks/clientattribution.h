#pragma once

#include <models/dberror.h>

#include <QList>
#include <QString>

namespace Callvia::Models {
class Clock;
class Database;
struct ClientProviderId;
} // namespace Callvia::Models

namespace Callvia::Services {

// Client-first attribution of provider events (issue 20 item 2): an event's client comes only
// from what the provider vouches for (the Retell agent or our number, the Cal.com event type or
// organizer, the MessageBird number that received the message), looked up in the client
// settings (client_provider_ids); leads are then matched within that client only, never by
// attendee-typed details across clients. An event that maps to no client is flagged
// unattributed on its events row and changes nothing. Borrows the database and clock.
class ClientAttribution final
{
public:
    // One id the event carries: provider, kind (agent_id | number | event_type_id | organizer)
    // and the raw value as sent.
    struct Candidate
    {
        QString kind;
        QString value;
    };

    ClientAttribution(Models::Database &database, const Models::Clock &clock);

    // The canonical stored form of a mapping value (E.164 numbers, decimal event type ids,
    // lower-case organizer e-mails and usernames, agent ids as sent); empty and *error set
    // (naming the value) when it is not valid for that provider and kind.
    static QString normalize(const QString &provider, const QString &kind, const QString &raw, QString *error);
    // Whether the provider has that kind of id (retell: agent_id, number; calcom:
    // event_type_id, organizer; messagebird: number).
    static bool knownKind(const QString &provider, const QString &kind);

    // The first candidate (in the order given) mapped to a client; 0 when none is.
    Models::DbResult<qint64> clientFor(const QString &provider, const QList<Candidate> &candidates) const;
    // Flags the stored event as unattributed with the reason (what was looked up), inside the
    // processor's transaction. Harmless for an id that is not stored (handler unit tests).
    Models::DbError markUnattributed(qint64 eventId, const QString &reason) const;
    // Records on the stored event the client it is applied for, so that client's users see it in
    // their journal (migration 028). Harmless for id 0 or client 0.
    Models::DbError markAttributed(qint64 eventId, qint64 clientId) const;
    // "calcom event_type_id 100, organizer a@b.example" for the reason text.
    static QString describe(const QList<Candidate> &candidates);

private:
    Models::Database &m_database;
    const Models::Clock &m_clock;
};

} // namespace Callvia::Services
