#pragma once

#include <QString>

namespace Callvia::Services {

// Process-wide protections applied first thing in main(). A core dump of Callvia would hold
// decrypted provider secrets, the secrets key and leads' personal data, so release builds run
// with no core file (RLIMIT_CORE 0) and not dumpable (PR_SET_DUMPABLE 0, which also keeps other
// processes of the same user from attaching a debugger). CALLVIA_ALLOW_CORE_DUMPS=1 in the
// environment keeps core dumps for debugging. Linux only; elsewhere a no-op.
namespace ProcessHardening {

// The environment variable that keeps core dumps.
inline const char *allowCoreDumpsVariable() { return "CALLVIA_ALLOW_CORE_DUMPS"; }

// Disables core dumps unless the variable is set to a non-empty value other than "0". Returns
// what was done (for the log), empty when nothing was changed.
QString disableCoreDumps();

} // namespace ProcessHardening

} // namespace Callvia::Services
