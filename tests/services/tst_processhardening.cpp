// Release builds disable core dumps first thing in main() (issue 20 item 5): checked in a
// forked child, so the test process itself stays dumpable (sanitizers need that).
#include <services/processhardening.h>

#include <QtTest>

#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>

using namespace Callvia;

class tst_ProcessHardening : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void disablesCoreDumps_data();
    void disablesCoreDumps();
};

namespace {

// Runs disableCoreDumps() in a child with the variable set to `allow` (null: unset). Exit code
// bit 0: the core size limit is 0; bit 1: the process is not dumpable; 100/101: could not check.
int inChild(const char *allow)
{
    const pid_t pid = ::fork();
    if (pid == 0) {
        if (allow)
            ::setenv(Services::ProcessHardening::allowCoreDumpsVariable(), allow, 1);
        else
            ::unsetenv(Services::ProcessHardening::allowCoreDumpsVariable());
        // Start from a process that could dump a core.
        struct rlimit some { 1 << 20, 1 << 20 };
        if (::setrlimit(RLIMIT_CORE, &some) != 0)
            ::_exit(101); // the hard limit is already lower here
        ::prctl(PR_SET_DUMPABLE, 1, 0, 0, 0);
        Services::ProcessHardening::disableCoreDumps();
        struct rlimit now {};
        if (::getrlimit(RLIMIT_CORE, &now) != 0)
            ::_exit(100);
        const int dumpable = ::prctl(PR_GET_DUMPABLE, 0, 0, 0, 0);
        ::_exit((now.rlim_cur == 0 ? 1 : 0) | (dumpable == 0 ? 2 : 0));
    }
    int status = 0;
    if (pid < 0 || ::waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
        return -1;
    return WEXITSTATUS(status);
}

} // namespace

void tst_ProcessHardening::disablesCoreDumps_data()
{
    QTest::addColumn<QByteArray>("allow");
    QTest::addColumn<int>("expected");
    QTest::newRow("default: no core, not dumpable") << QByteArray() << 3;
    QTest::newRow("allowed for debugging") << QByteArray("1") << 0;
    QTest::newRow("0 does not allow") << QByteArray("0") << 3;
}

void tst_ProcessHardening::disablesCoreDumps()
{
    QFETCH(QByteArray, allow);
    QFETCH(int, expected);
    const int result = inChild(allow.isNull() ? nullptr : allow.constData());
    if (result == 101)
        QSKIP("cannot raise the core size limit for the check (hard limit below 1 MiB)");
    QCOMPARE(result, expected);
}

QTEST_GUILESS_MAIN(tst_ProcessHardening)
#include "tst_processhardening.moc"
