#pragma once

#include <models/records.h>

#include <QHash>
#include <QList>
#include <QNetworkReply>
#include <QObject>
#include <QString>

#include <memory>
#include <vector>

class QEventLoop;
class QNetworkAccessManager;

namespace Callvia::Models {
class Clock;
class Database;
class OutboxRepository;
struct OutboxOutcome;
}

namespace Callvia::Services {

class ProviderClient;
class ProviderConfig;

// Sends due outbox rows (see services/outbox/README.md). A pass claims ready rows per provider
// (FOR UPDATE SKIP LOCKED on PostgreSQL), sends them through one QNetworkAccessManager with a
// concurrency limit per provider (keep-alive connections, a transfer timeout), and records the
// outcomes in batches: sent; retried later with exponential backoff and jitter (network errors,
// timeouts, 408, 429 with Retry-After, 5xx) until maxAttempts, then failed with the provider's
// error; other 4xx failed at once. A Retell call whose outcome is not known goes to `unknown` and
// is looked up before it is placed again. Lives in one thread (its database connection's); owns
// its clients and network access manager.
class OutboxDispatcher final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OutboxDispatcher)
public:
    struct Options
    {
        QString workerId; // empty: host/pid/random
        int maxAttempts = 8;
        int claimBatch = 100;
        // Requests in flight per provider. Qt opens at most 6 HTTP/1.1 connections per host.
        QHash<QString, int> concurrency { { QStringLiteral("sms"), 6 }, { QStringLiteral("email"), 6 },
                                          { QStringLiteral("stripe"), 4 }, { QStringLiteral("retell_call"), 4 } };
        int requestTimeoutMs = 30'000;
        qint64 backoffBaseMs = 2'000;
        qint64 backoffCapMs = 15 * 60'000;
        qint64 staleClaimMs = 5 * 60'000; // an in_flight row older than this belongs to a dead dispatcher
        qint64 missingKeyRecheckMs = 60'000;
        int outcomesPerCommit = 200;
    };

    OutboxDispatcher(Models::Database &database, const Models::Clock &clock, const ProviderConfig &config,
                     Options options, QObject *parent = nullptr);
    ~OutboxDispatcher() override;

    // Starts a pass over everything ready now unless one is running; passFinished() follows.
    void dispatchDueAsync();
    // Runs a pass and returns when it is done (a local event loop): the number of rows whose state
    // changed. For tests, benchmarks and command-line use.
    int dispatchDue();
    bool isBusy() const { return m_passActive; }
    // The earliest moment something needs a pass (0 = nothing queued), for a scheduler's timer.
    qint64 nextDueAt() const;
    // Finishes the requests in flight (their outcomes are committed), claims nothing new.
    void stop();
    const QString &workerId() const { return m_options.workerId; }

Q_SIGNALS:
    void rowsChanged(); // outcomes committed: the admin console refreshes
    void passFinished(int changed);
    // One provider request answered (or failed) after `microseconds` (benchmarks: latency).
    void requestTimed(qint64 microseconds);

private:
    struct Lane;
    void beginPass();
    void startLookups(Lane &lane);
    void pump(Lane &lane);
    void send(Lane &lane, const Models::OutboxRecord &row);
    void lookUp(Lane &lane, const Models::OutboxRecord &row);
    void sendFinished(Lane &lane, const Models::OutboxRecord &row, QNetworkReply *reply);
    void lookupFinished(Lane &lane, const Models::OutboxRecord &row, QNetworkReply *reply);
    void resolveWithoutLookup(Lane &lane, const Models::OutboxRecord &row);
    void retryOrFail(Lane &lane, const Models::OutboxRecord &row, Models::OutboxOutcome outcome, qint64 retryAfterMs,
                     bool pauseLane);
    void pauseLane(Lane &lane, qint64 untilMs, const QString &reason);
    void record(const Models::OutboxOutcome &outcome);
    void flush();
    void maybeFinishPass();
    qint64 backoffMs(int failures) const;
    qint64 retryAfterMs(const QNetworkReply *reply) const;
    QNetworkReply *start(const QNetworkRequest &request, const QByteArray &verb, const QByteArray &body);

    Models::Database &m_database;
    const Models::Clock &m_clock;
    Options m_options;
    std::unique_ptr<Models::OutboxRepository> m_outbox;
    QNetworkAccessManager *m_network; // child
    std::vector<std::unique_ptr<Lane>> m_lanes;
    QList<Models::OutboxOutcome> m_outcomes; // decided, not yet committed
    bool m_passActive = false;
    bool m_stopping = false;
    int m_changed = 0;
    QEventLoop *m_waitLoop = nullptr; // dispatchDue()'s loop while it waits
};

} // namespace Callvia::Services
