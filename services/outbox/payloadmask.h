#pragma once

#include <QJsonObject>
#include <QString>

namespace Callvia::Services {

// For display in the admin console: an outbox payload (or a provider's answer) with the values
// of secret-looking keys (api_key, secret, token, password, authorization, card numbers, cvc,
// idempotency keys are fine) replaced by "••••", nested objects and arrays included.
QJsonObject maskedPayload(const QJsonObject &payload);
// The same for a JSON text; text that is not a JSON object is returned unchanged (trimmed).
QString maskedJsonText(const QString &text);

} // namespace Callvia::Services
