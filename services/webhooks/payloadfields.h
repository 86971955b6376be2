#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

// Defensive readers for provider JSON: never crash on any input, report the missing or bad
// field by its dotted path, and turn numbers into qint64 only when they fit.
namespace Callvia::Services::PayloadFields {

// Parses `body` as a JSON object; false with "body is not a JSON object" otherwise.
bool parseObject(const QByteArray &body, QJsonObject *object, QString *error);

// The value at a dotted path ("call.metadata.lead_id"); Undefined when any step is missing.
QJsonValue at(const QJsonObject &object, const QString &path);

// A string field, or a JSON number written as an integer; empty when absent or of another type.
QString text(const QJsonObject &object, const QString &path);

// Like text(), but a missing or empty value is an error naming `path` (prefixed by `prefix`).
bool requireText(const QJsonObject &object, const QString &path, QString *out, QString *error,
                 const QString &prefix = {});

// An integral JSON number (or a string of digits) within +-2^53; `fallback` otherwise.
qint64 integer(const QJsonValue &value, qint64 fallback = 0);

// A boolean, 1/0 or "true"/"false"; -1 when absent or anything else.
int flag(const QJsonValue &value);

// ISO-8601 instant ("2024-01-10T14:30:00Z", with or without ms/offset) as ms since the epoch; 0 if invalid.
qint64 isoToMs(const QString &text);

// An E.164 number from what providers send in international form, with or without '+'
// ("+14155550123", MessageBird's MSISDN "31612345678", "00 351 91…"), validated by
// libphonenumber; empty when it is not a valid number (or an alphanumeric sender).
QString e164(const QString &text);

// A lead's phone as the lead import reads it (libphonenumber, default region US unless the text
// has a +country code, valid numbers only); empty when libphonenumber rejects it. Used to match
// Cal.com attendee and Retell numbers against imported leads.
QString leadPhone(const QString &text);

// Compact JSON of an object (the stored form of one element of a batch).
QByteArray compact(const QJsonObject &object);

QString missing(const QString &path);

} // namespace Callvia::Services::PayloadFields
