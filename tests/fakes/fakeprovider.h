#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QMutex>
#include <QObject>
#include <QPair>
#include <QString>

#include <atomic>
#include <memory>

class QHttpServer;
class QHttpServerRequest;
class QHttpServerResponder;
class QTcpSocket;

namespace Callvia::Fakes {

class TrackingTcpServer;

// An in-process fake of one provider's HTTP API on loopback (QHttpServer on a port of its own).
// It checks what the real provider checks (auth header, required fields, encoding), counts what
// it received and executed, and can be told to fail, throttle with Retry-After, answer slowly,
// hang, answer 200 with garbage (the request executed, its answer garbled) or go down (connections
// refused and open ones dropped). Lives in the thread that created it; the counters may be read
// from any thread.
class FakeProvider : public QObject
{
    Q_OBJECT
public:
    enum class Mode { Normal, Fail, Throttle, Slow, Hang, Garbage };
    struct Reply
    {
        int status = 200;
        QByteArray body;
        QList<QPair<QByteArray, QByteArray>> headers;
        QString executedKey; // non-empty: the request was executed (counted per key)
    };
    struct Received
    {
        QByteArray method;
        QString path;
        QString query; // decoded query string, without '?'
        QList<QPair<QByteArray, QByteArray>> headers;
        QByteArray body;
        QByteArray header(const QByteArray &name) const;
    };

    FakeProvider(QString name, QString apiKey, QObject *parent = nullptr);
    ~FakeProvider() override;

    // Listens on 127.0.0.1:port (0 = any free port). Returns the port, 0 on failure.
    quint16 listen(quint16 port = 0);
    quint16 port() const { return m_port; }
    QString baseUrl() const;
    const QString &name() const { return m_name; }
    const QString &apiKey() const { return m_apiKey; }

    // The next `count` requests (-1 = all until changed) get this treatment. Fail answers `status`
    // with the provider's error body; Throttle answers 429 with Retry-After `retryAfter` (seconds,
    // or an HTTP date when `retryAfterDate` is set); Slow answers after `delayMs`.
    void setMode(Mode mode, int count = -1, int status = 503, int delayMs = 0);
    void setRetryAfter(const QByteArray &value) { m_retryAfter = value; }
    // Down: the port refuses connections and open keep-alive connections are dropped. Up again
    // on the same port.
    void goDown();
    bool comeBack();
    // Keeps every request's method, path, headers and body (tests); off for benchmarks.
    void setKeepRequests(bool keep) { m_keepRequests = keep; }

    int requestCount() const { return m_requests.load(); }
    int executedCount() const { return m_executed.load(); }
    QHash<QString, int> executedPerKey() const; // e.g. reference -> times executed (duplicates show > 1)
    QList<QString> executionOrder() const;
    QList<Received> received() const;

Q_SIGNALS:
    void requestReceived();

protected:
    // The provider's own answer to an authorized request in Normal mode.
    virtual Reply answer(const Received &request) = 0;
    // The provider's error body for `status` with `message`.
    virtual QByteArray errorBody(int status, const QString &message) const = 0;
    virtual QByteArray expectedAuthorization() const;
    static Reply json(int status, const QByteArray &body);

private:
    void handle(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    void write(QHttpServerResponder &responder, const Reply &reply);
    Mode takeMode();

    QString m_name;
    QString m_apiKey;
    QHttpServer *m_http; // child
    TrackingTcpServer *m_tcp = nullptr; // owned by m_http once bound
    quint16 m_port = 0;
    Mode m_mode = Mode::Normal;
    int m_modeCount = -1;
    int m_failStatus = 503;
    int m_delayMs = 0;
    QByteArray m_retryAfter = "1";
    bool m_keepRequests = true;
    std::atomic<int> m_requests { 0 };
    std::atomic<int> m_executed { 0 };
    mutable QMutex m_mutex; // guards the lists below
    QHash<QString, int> m_executedPerKey;
    QList<QString> m_order;
    QList<Received> m_received;
    QList<std::shared_ptr<QHttpServerResponder>> m_hanging;
};

} // namespace Callvia::Fakes
