#include "processhardening.h"

#include <QtGlobal>

#ifdef Q_OS_LINUX
#include <sys/prctl.h>
#include <sys/resource.h>
#endif

namespace Callvia::Services::ProcessHardening {

QString disableCoreDumps()
{
    const QByteArray allow = qgetenv(allowCoreDumpsVariable());
    if (!allow.isEmpty() && allow != "0")
        return {};
#ifdef Q_OS_LINUX
    const struct rlimit none { 0, 0 };
    const bool limited = ::setrlimit(RLIMIT_CORE, &none) == 0;
    const bool undumpable = ::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) == 0;
    return QStringLiteral("core dumps disabled (RLIMIT_CORE 0: %1, not dumpable: %2)")
            .arg(limited ? QStringLiteral("yes") : QStringLiteral("failed"),
                 undumpable ? QStringLiteral("yes") : QStringLiteral("failed"));
#else
    return {};
#endif
}

} // namespace Callvia::Services::ProcessHardening
