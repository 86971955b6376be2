// Fuzzes the Stripe-Signature parser and verifier: "header\nbody", two secrets (rotation),
// the clock at the §7 vector time.
#include <services/webhooks/signatureverifiers.h>

#include "fuzzsupport.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace Callvia::Services;
    using namespace Callvia::Fuzz;
    const auto [header, body] = splitLine(bytes(data, size));
    static const QList<QByteArray> secrets { QByteArrayLiteral("whsec_rotated_old"), QByteArrayLiteral("whsec_test_secret") };
    const VerifyResult result = SignatureVerifiers::stripe(header, body, secrets, vectorClock());
    verbose(VerifyResult::statusName(result.status) + QLatin1Char(' ') + result.reason);
    if (result.ok() != result.reason.isEmpty() && result.ok())
        __builtin_trap(); // a valid result carries no reason
    return 0;
}
