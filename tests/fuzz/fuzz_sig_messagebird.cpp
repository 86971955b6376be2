// Fuzzes the MessageBird-Signature-JWT verifier: "token\nbody", the §7 key, URL and time.
#include <services/webhooks/signatureverifiers.h>

#include "fuzzsupport.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace Callvia::Services;
    using namespace Callvia::Fuzz;
    const auto [token, body] = splitLine(bytes(data, size));
    static const QByteArray url = QByteArrayLiteral("https://example.com/hooks/sms-dlr?id=abc123&reference=lead-42&status=delivered");
    const VerifyResult result = SignatureVerifiers::messageBird(token, body, url, QByteArrayLiteral("mb-test-signing-key"), vectorClock());
    verbose(VerifyResult::statusName(result.status) + QLatin1Char(' ') + result.reason);
    if (result.ok() != result.reason.isEmpty() && result.ok())
        __builtin_trap(); // a valid result carries no reason
    return 0;
}
