#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <utility>

namespace Callvia::Services {

// Watches the raw bytes of one HTTP/1.1 connection (requests only) and refuses what Qt 6.4's
// QHttpServer would accept too readily: heads over 64 KiB or 100 headers (431), Content-Length
// together with Transfer-Encoding (400), bodies over 1 MiB by Content-Length before they are
// buffered, or by chunked total (413). Pure state machine: feed it bytes, it never stores a body.
class HttpFrameGuard final
{
public:
    struct Limits
    {
        int maxHeadBytes = 64 * 1024;
        int maxHeaders = 100;
        qint64 maxBodyBytes = 1024 * 1024;
    };
    enum class Phase { Idle, Head, Body };
    struct Refusal
    {
        int status = 0;
        QByteArray error;
        QString detail;
    };

    explicit HttpFrameGuard(Limits limits) : m_limits(limits) { }

    // Consumes bytes; false once the stream broke a limit (see refusal()).
    bool feed(const char *data, qsizetype size);
    Phase phase() const;
    int completedHeads() const { return m_completedHeads; }
    // The request targets ("/api/webhooks/stripe") of the heads completed since the last call.
    QList<QByteArray> takeCompletedTargets() { return std::exchange(m_completedTargets, {}); }
    const Refusal &refusal() const { return m_refusal; }

private:
    enum class State { Head, Body, ChunkSize, ChunkData, ChunkDataEnd, Trailers };

    bool refuse(int status, const char *error, const QString &detail);
    bool feedLineByte(char c, int maxLine);
    bool headLine();
    bool headerField(const QByteArray &line);
    bool headComplete();
    bool chunkSizeLine();
    void resetHead();

    Limits m_limits;
    State m_state = State::Head;
    QByteArray m_line;
    bool m_lineReady = false;
    int m_headBytes = 0;
    int m_headers = 0;
    bool m_haveRequestLine = false;
    QByteArray m_target;
    QList<QByteArray> m_completedTargets;
    qint64 m_contentLength = -1;
    QByteArray m_transferEncoding;
    bool m_haveTransferEncoding = false;
    qint64 m_remaining = 0;
    qint64 m_chunkedTotal = 0;
    int m_completedHeads = 0;
    Refusal m_refusal;
};

} // namespace Callvia::Services
