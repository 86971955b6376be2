// Fuzzes the X-Cal-Signature-256 verifier: "header\nbody", the §7 secret.
#include <services/webhooks/signatureverifiers.h>

#include "fuzzsupport.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace Callvia::Services;
    using namespace Callvia::Fuzz;
    const auto [header, body] = splitLine(bytes(data, size));
    const VerifyResult result = SignatureVerifiers::calcom(header, body, QByteArrayLiteral("cal-test-secret"));
    verbose(VerifyResult::statusName(result.status) + QLatin1Char(' ') + result.reason);
    if (result.ok() != result.reason.isEmpty() && result.ok())
        __builtin_trap(); // a valid result carries no reason
    return 0;
}
