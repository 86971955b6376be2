// Fuzzes the SendGrid ECDSA verifier (base64 DER signature): "signature\ntimestamp\nbody",
// the §7 public key and time.
#include <services/webhooks/signatureverifiers.h>

#include "fuzzsupport.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace Callvia::Services;
    using namespace Callvia::Fuzz;
    const auto [signature, rest] = splitLine(bytes(data, size));
    const auto [timestamp, body] = splitLine(rest);
    static const QByteArray key = QByteArrayLiteral(
        "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEfNEEk6/wqDYdNR15q2Nyth8YEqIqK8ycBGJyvIwZ3tMqAWgfdKL3Z0OA3dzAGyDflk3jEo2vJbR4YQtwdJYlvw==");
    const VerifyResult result = SignatureVerifiers::sendgrid(signature, timestamp, body, key, vectorClock());
    verbose(VerifyResult::statusName(result.status) + QLatin1Char(' ') + result.reason);
    if (result.ok() != result.reason.isEmpty() && result.ok())
        __builtin_trap(); // a valid result carries no reason
    return 0;
}
