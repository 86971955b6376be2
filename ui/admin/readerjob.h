#pragma once

#include <services/servicethread.h>

#include <QMetaObject>
#include <QObject>

#include <utility>

namespace Callvia::Ui {

// Runs `work` (database reads) on the views' reader thread, or inline when there is none (tests),
// and hands its result to `apply` on `receiver`'s thread. The receiver's destructor must drain
// the reader (reader->run([] {})) so no work outlives what it captured; a result that arrives
// after the receiver is gone is dropped with the receiver's posted events.
template<typename Work, typename Apply>
void readThen(Services::ServiceThread *reader, QObject *receiver, Work work, Apply apply)
{
    if (!reader || !reader->isRunning()) {
        apply(work());
        return;
    }
    reader->post([receiver, work = std::move(work), apply = std::move(apply)]() mutable {
        auto result = work();
        QMetaObject::invokeMethod(
                receiver, [apply = std::move(apply), result = std::move(result)]() mutable { apply(std::move(result)); },
                Qt::QueuedConnection);
    });
}

} // namespace Callvia::Ui
