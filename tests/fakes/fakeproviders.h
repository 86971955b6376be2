#pragma once

#include "fakeprovider.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QMap>

namespace Callvia::Fakes {

// MessageBird: POST /messages, "Authorization: AccessKey <key>", JSON with originator,
// recipients (digits) and body; 201 {"id", "reference", ...}. Counted per `reference`.
class FakeMessageBird final : public FakeProvider
{
    Q_OBJECT
public:
    explicit FakeMessageBird(QString apiKey, QObject *parent = nullptr);

protected:
    Reply answer(const Received &request) override;
    QByteArray errorBody(int status, const QString &message) const override;
    QByteArray expectedAuthorization() const override;

private:
    int m_next = 0;
};

// SendGrid v3: POST /v3/mail/send, Bearer, JSON with personalizations[0].to, from.email, subject,
// content; 202 with an empty body and X-Message-Id. Counted per custom_args.message_id (else outbox_id).
class FakeSendGrid final : public FakeProvider
{
    Q_OBJECT
public:
    explicit FakeSendGrid(QString apiKey, QObject *parent = nullptr);

protected:
    Reply answer(const Received &request) override;
    QByteArray errorBody(int status, const QString &message) const override;

private:
    int m_next = 0;
};

// Stripe: form-encoded POSTs to /v1/customers, /v1/invoiceitems, /v1/invoices,
// /v1/invoices/{id}/finalize and /send, Bearer. An Idempotency-Key is required on every POST: a
// reused key with the same parameters replays the first answer (Idempotent-Replayed: true, not
// executed again); with other parameters it answers 400 idempotency_error. Counted per key.
class FakeStripe final : public FakeProvider
{
    Q_OBJECT
public:
    explicit FakeStripe(QString apiKey, QObject *parent = nullptr);
    static QMap<QString, QString> parseForm(const QByteArray &body);

protected:
    Reply answer(const Received &request) override;
    QByteArray errorBody(int status, const QString &message) const override;

private:
    Reply execute(const Received &request, const QMap<QString, QString> &form);
    struct Stored
    {
        QByteArray fingerprint;
        Reply reply;
    };
    QHash<QByteArray, Stored> m_idempotency;
    QHash<QString, QJsonObject> m_invoices;
    int m_next = 0;
};

// Retell: POST /v2/create-phone-call (Bearer; from_number and to_number in E.164), POST
// /v2/list-calls (filter_criteria.to_number / from_number), GET /v2/get-call/{id}. Counted per
// metadata.callvia_outbox_key.
class FakeRetell final : public FakeProvider
{
    Q_OBJECT
public:
    explicit FakeRetell(QString apiKey, QObject *parent = nullptr);
    QJsonArray calls() const { return m_calls; }

protected:
    Reply answer(const Received &request) override;
    QByteArray errorBody(int status, const QString &message) const override;

private:
    QJsonArray m_calls;
};

// Cal.com API v2: GET /v2/slots?eventTypeId&start&end&timeZone (cal-api-version 2024-09-04)
// answers {"status":"success","data":{day:[{"start"}]}} from setSlots(); POST /v2/bookings
// (cal-api-version 2024-08-13, JSON with start, eventTypeId, attendee.name/email/timeZone)
// answers {"status":"success","data":{"id","uid","start"}}. Bearer key; a wrong or missing
// cal-api-version answers 400. Bookings are counted per uid and kept (bookings()).
class FakeCalcom final : public FakeProvider
{
    Q_OBJECT
public:
    explicit FakeCalcom(QString apiKey, QObject *parent = nullptr);
    // The "data" object /v2/slots answers (day -> [{"start": ...}]).
    void setSlots(const QJsonObject &data) { m_slots = data; }
    QJsonArray bookings() const { return m_bookings; }

protected:
    Reply answer(const Received &request) override;
    QByteArray errorBody(int status, const QString &message) const override;

private:
    QJsonObject m_slots;
    QJsonArray m_bookings;
    int m_next = 0;
};

} // namespace Callvia::Fakes
