#include "httpframeguard.h"

#include <QList>

namespace Callvia::Services {

namespace {
constexpr int MaxChunkLine = 1024;
}

HttpFrameGuard::Phase HttpFrameGuard::phase() const
{
    if (m_state == State::Head)
        return (m_headBytes == 0) ? Phase::Idle : Phase::Head;
    return Phase::Body;
}

bool HttpFrameGuard::refuse(int status, const char *error, const QString &detail)
{
    if (m_refusal.status == 0)
        m_refusal = { status, QByteArray(error), detail };
    return false;
}

void HttpFrameGuard::resetHead()
{
    m_state = State::Head;
    m_line.clear();
    m_headBytes = 0;
    m_headers = 0;
    m_haveRequestLine = false;
    m_contentLength = -1;
    m_transferEncoding.clear();
    m_haveTransferEncoding = false;
    m_chunkedTotal = 0;
}

// Appends one byte to the current line; m_lineReady when a LF ended it (CR stripped).
bool HttpFrameGuard::feedLineByte(char c, int maxLine)
{
    m_lineReady = false;
    if (c == '\n') {
        if (m_line.endsWith('\r'))
            m_line.chop(1);
        m_lineReady = true;
        return true;
    }
    if (m_line.size() >= maxLine)
        return refuse(431, "header_too_large", QStringLiteral("a request line or header is too long"));
    m_line.append(c);
    return true;
}

bool HttpFrameGuard::feed(const char *data, qsizetype size)
{
    if (m_refusal.status != 0)
        return false;
    for (qsizetype i = 0; i < size; ++i) {
        const char c = data[i];
        switch (m_state) {
        case State::Head:
            if (m_headBytes == 0 && m_line.isEmpty() && (c == '\r' || c == '\n'))
                continue; // blank lines between requests are allowed
            if (++m_headBytes > m_limits.maxHeadBytes)
                return refuse(431, "header_too_large",
                              QStringLiteral("the request head exceeds %1 bytes").arg(m_limits.maxHeadBytes));
            if (!feedLineByte(c, m_limits.maxHeadBytes) || (m_lineReady && !headLine()))
                return false;
            break;
        case State::Body: {
            const qint64 take = qMin<qint64>(m_remaining, size - i);
            m_remaining -= take;
            i += take - 1;
            if (m_remaining == 0)
                resetHead();
            break;
        }
        case State::ChunkData: {
            const qint64 take = qMin<qint64>(m_remaining, size - i);
            m_remaining -= take;
            i += take - 1;
            if (m_remaining == 0)
                m_state = State::ChunkDataEnd;
            break;
        }
        case State::ChunkSize:
        case State::ChunkDataEnd:
        case State::Trailers:
            if (!feedLineByte(c, MaxChunkLine) || (m_lineReady && !chunkSizeLine()))
                return false;
            break;
        }
    }
    return true;
}

bool HttpFrameGuard::headLine()
{
    const QByteArray line = m_line;
    m_line.clear();
    if (line.isEmpty())
        return headComplete();
    if (!m_haveRequestLine) {
        m_haveRequestLine = true;
        const QList<QByteArray> parts = line.split(' ');
        if (parts.size() != 3 || (!line.endsWith("HTTP/1.1") && !line.endsWith("HTTP/1.0")))
            return refuse(400, "bad_request", QStringLiteral("malformed request line"));
        m_target = parts.at(1);
        return true;
    }
    if (++m_headers > m_limits.maxHeaders)
        return refuse(431, "too_many_headers", QStringLiteral("more than %1 header fields").arg(m_limits.maxHeaders));
    return headerField(line);
}

bool HttpFrameGuard::headerField(const QByteArray &line)
{
    const int colon = line.indexOf(':');
    if (colon <= 0 || line.front() == ' ' || line.front() == '\t')
        return refuse(400, "bad_request", QStringLiteral("malformed header field"));
    const QByteArray name = line.left(colon).trimmed().toLower();
    const QByteArray value = line.mid(colon + 1).trimmed();
    if (name == "content-length") {
        bool ok = false;
        const qint64 length = value.toLongLong(&ok);
        if (!ok || length < 0 || (m_contentLength >= 0 && m_contentLength != length))
            return refuse(400, "bad_request", QStringLiteral("invalid or conflicting Content-Length"));
        m_contentLength = length;
    } else if (name == "transfer-encoding") {
        m_haveTransferEncoding = true;
        m_transferEncoding += (m_transferEncoding.isEmpty() ? "" : ",") + value.toLower();
    }
    return true;
}

bool HttpFrameGuard::headComplete()
{
    ++m_completedHeads;
    m_completedTargets.append(std::exchange(m_target, {}));
    if (m_haveTransferEncoding && m_contentLength >= 0)
        return refuse(400, "bad_request", QStringLiteral("Content-Length together with Transfer-Encoding"));
    if (m_haveTransferEncoding) {
        if (m_transferEncoding != "chunked")
            return refuse(400, "bad_request", QStringLiteral("only Transfer-Encoding: chunked is accepted"));
        m_state = State::ChunkSize;
        return true;
    }
    if (m_contentLength > m_limits.maxBodyBytes)
        return refuse(413, "payload_too_large",
                      QStringLiteral("the body exceeds %1 bytes").arg(m_limits.maxBodyBytes));
    m_remaining = qMax<qint64>(m_contentLength, 0);
    if (m_remaining == 0)
        resetHead();
    else
        m_state = State::Body;
    return true;
}

bool HttpFrameGuard::chunkSizeLine()
{
    const QByteArray line = m_line;
    m_line.clear();
    if (m_state == State::ChunkDataEnd) {
        if (!line.isEmpty())
            return refuse(400, "bad_request", QStringLiteral("chunk data not followed by CRLF"));
        m_state = State::ChunkSize;
        return true;
    }
    if (m_state == State::Trailers) {
        if (line.isEmpty())
            resetHead();
        return true;
    }
    bool ok = false;
    const qint64 chunk = line.split(';').first().trimmed().toLongLong(&ok, 16);
    if (!ok || chunk < 0)
        return refuse(400, "bad_request", QStringLiteral("malformed chunk size"));
    // Compared before adding: a chunk size near 2^63 must not overflow the running total.
    if (chunk > m_limits.maxBodyBytes - m_chunkedTotal)
        return refuse(413, "payload_too_large",
                      QStringLiteral("the chunked body exceeds %1 bytes").arg(m_limits.maxBodyBytes));
    m_chunkedTotal += chunk;
    m_remaining = chunk;
    m_state = chunk == 0 ? State::Trailers : State::ChunkData;
    return true;
}

} // namespace Callvia::Services
