// Fuzzes the HTTP framing guard with the bytes of one connection, fed in pieces whose size the
// first byte picks: the verdict must not depend on how the bytes were split (it is compared
// with one feed of the whole stream). A stream the guard lets through is then taken as far
// towards the route as works without sockets: the first request's path picks the provider
// handler (as the listener's routes do) and its query and Content-Length body go to identify().
#include <services/webhooks/calcomhandler.h>
#include <services/webhooks/handlerregistry.h>
#include <services/webhooks/httpframeguard.h>
#include <services/webhooks/messagebirdhandler.h>
#include <services/webhooks/retellhandler.h>
#include <services/webhooks/sendgridhandler.h>
#include <services/webhooks/stripehandler.h>

#include "fuzzsupport.h"

#include <memory>

namespace {

using namespace Callvia::Services;
using namespace Callvia::Fuzz;

const HandlerRegistry &registry()
{
    static const auto instance = [] {
        auto r = std::make_unique<HandlerRegistry>();
        r->add(std::make_unique<RetellHandler>(unopenedDatabase(), vectorClock()));
        r->add(std::make_unique<CalcomHandler>(unopenedDatabase(), vectorClock()));
        r->add(std::make_unique<StripeHandler>(unopenedDatabase(), vectorClock()));
        r->add(std::make_unique<SendGridHandler>(unopenedDatabase(), vectorClock()));
        r->add(std::make_unique<MessageBirdHandler>(unopenedDatabase(), vectorClock()));
        return r;
    }();
    return *instance;
}

// The first request of the stream: "METHOD /api/webhooks/<provider>?query HTTP/1.1", headers, body.
void route(const QByteArray &stream)
{
    const qsizetype headEnd = stream.indexOf("\r\n\r\n");
    if (headEnd < 0)
        return;
    const QList<QByteArray> lines = stream.left(headEnd).split('\n');
    const QList<QByteArray> requestLine = lines.first().trimmed().split(' ');
    if (requestLine.size() != 3)
        return;
    const QByteArray target = requestLine.at(1);
    const qsizetype q = target.indexOf('?');
    const QByteArray path = q < 0 ? target : target.left(q);
    const QByteArray prefix = QByteArrayLiteral("/api/webhooks/");
    if (!path.startsWith(prefix))
        return;
    const ProviderHandler *handler = registry().handler(QString::fromLatin1(path.mid(prefix.size())));
    if (!handler)
        return;
    qint64 length = 0;
    for (const QByteArray &line : lines) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && line.left(colon).trimmed().toLower() == "content-length")
            length = line.mid(colon + 1).trimmed().toLongLong();
    }
    const QByteArray body = stream.mid(headEnd + 4, qMax<qint64>(0, length));
    const QUrlQuery query(q < 0 ? QString() : QString::fromUtf8(target.mid(q + 1)));
    QList<IncomingEvent> events;
    QString error;
    if (!handler->identify(body, query, &events, &error) && error.isEmpty())
        __builtin_trap();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    static const qsizetype pieceSizes[] = { 1, 2, 3, 5, 7, 16, 64, 1 << 30 };
    const qsizetype piece = pieceSizes[data[0] % 8];
    const QByteArray stream = bytes(data + 1, size - 1);
    HttpFrameGuard::Limits limits;
    if (data[0] & 0x80) { // small limits, so the fuzzer reaches every refusal quickly
        limits.maxHeadBytes = 256;
        limits.maxHeaders = 4;
        limits.maxBodyBytes = 64;
    }

    HttpFrameGuard pieces(limits);
    bool piecesOk = true;
    for (qsizetype at = 0; at < stream.size() && piecesOk; at += piece)
        piecesOk = pieces.feed(stream.constData() + at, qMin(piece, stream.size() - at));
    HttpFrameGuard whole(limits);
    const bool wholeOk = whole.feed(stream.constData(), stream.size());

    if (piecesOk != wholeOk || pieces.refusal().status != whole.refusal().status
        || pieces.completedHeads() != whole.completedHeads() || pieces.phase() != whole.phase())
        __builtin_trap(); // the verdict depends on how the bytes arrived
    if (!wholeOk && whole.refusal().status == 0)
        __builtin_trap(); // refused without a status
    (void)whole.feed("x", 1); // after a refusal, further bytes stay refused
    if (!wholeOk && whole.refusal().status == 0)
        __builtin_trap();
    if (wholeOk && whole.completedHeads() > 0)
        route(stream);
    return 0;
}
