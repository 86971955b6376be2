#pragma once

#include <models/dberror.h>
#include <services/auth/session.h>
#include <services/billing/billingoverview.h>

#include <QTimeZone>
#include <QWidget>

#include <functional>
#include <utility>

class QComboBox;
class QGroupBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QTableWidget;
class QTimer;

namespace Callvia::Models {
class Clock;
class Database;
}
namespace Callvia::Services {
class ServiceThread;
}

namespace Callvia::Ui {

// Billing (issue 24, item 2): per client, the shows toward the next milestone as a progress bar,
// the milestones so far (with the "credit note needed" flag and its explanation), the month's
// call minutes and cost so far (the client's month and rounding rule), the Stripe customer, and
// the invoices with status, amount, dates in the viewer's time zone, Stripe's hosted page and the
// last error, filtered by status and period. Admins retry a failed invoice and clear a flag with
// a note through the injected actions (BillingActions: role check and audit). Every read runs on
// the reader thread in the session's scope; a late answer of an older read is dropped. A client
// user's filter is fixed to their own client.
class BillingView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BillingView)
public:
    enum InvoiceColumn {
        NumberColumn, KindColumn, ClientColumn, StatusColumn, AmountColumn, CreatedColumn, SentColumn, PaidColumn,
        StripeColumn, ErrorColumn, InvoiceColumnCount
    };
    enum MilestoneColumn {
        MilestoneNumberColumn, MilestoneClientColumn, ShowsColumn, MilestoneAmountColumn, MilestoneStatusColumn,
        ReachedColumn, FlagColumn, MilestoneColumnCount
    };
    enum Period { AllTime, ThisMonth, LastMonth, Last3Months, Last12Months };
    // On a Stripe cell: Stripe's hosted invoice page (https only).
    static constexpr int HostedUrlRole = Qt::UserRole + 2;

    // The writes, run on the reader thread as `actor` (the composition root gives
    // BillingActions::retryInvoice / clearMilestoneFlag). Empty: no buttons.
    struct Actions
    {
        std::function<Models::DbError(const Services::Session &actor, qint64 invoiceId)> retryInvoice;
        std::function<Models::DbError(const Services::Session &actor, qint64 milestoneId, const QString &note)>
                clearMilestoneFlag;
    };

    BillingView(Models::Database &database, const Models::Clock &clock, Services::Session session,
                Services::ServiceThread &reader, Actions actions = {},
                QTimeZone viewerZone = QTimeZone::systemTimeZone(), QWidget *parent = nullptr);
    ~BillingView() override;

    // clientId 0 = all clients (agency users only); status as Models::InvoiceFilter::status.
    void setFilter(qint64 clientId, const QString &status, Period period = AllTime);
    void reload();
    // Soon (coalesced over 2 s): the outbox or a webhook changed invoices.
    void scheduleReload();

    // Asynchronous; the view reloads when written, the error (if any) in actionError().
    void retryInvoice(qint64 invoiceId);
    void clearMilestoneFlag(qint64 milestoneId, const QString &note);

    // For tests and screenshots.
    bool isLoading() const { return m_pendingRead != 0 || m_pendingAction != 0; }
    QString actionError() const { return m_actionError; }
    QString readError() const { return m_snapshot.error; }
    QTableWidget *invoiceTable() const { return m_invoices; }
    QTableWidget *milestoneTable() const { return m_milestones; }
    QProgressBar *progressBar() const { return m_progress; }
    QString summaryText() const;
    QString emptyText() const;

Q_SIGNALS:
    // An invoice's Stripe step was queued again: the outbox should run a pass now.
    void invoiceRetried();

private:
    QWidget *buildSummary();
    QWidget *buildMilestones();
    QWidget *buildInvoices();
    void loadClients();
    void load();
    void apply(quint64 generation, const Services::BillingSnapshot &snapshot);
    void showSummary();
    void fillMilestones();
    void fillInvoices();
    void updateButtons();
    void runAction(std::function<Models::DbError()> action, bool retried);
    void askClearFlag();
    QString clientName(qint64 clientId) const;
    QString dateText(qint64 ms) const; // the day, in the viewer's zone
    QString dateTimeText(qint64 ms) const; // for tooltips
    std::pair<qint64, qint64> periodBounds() const;

    Models::Database &m_database;
    const Models::Clock &m_clock;
    Services::Session m_session;
    Services::ServiceThread &m_reader;
    Actions m_actions;
    QTimeZone m_zone;

    QComboBox *m_client;
    QComboBox *m_status;
    QComboBox *m_period;
    QGroupBox *m_summaryBox;
    QLabel *m_progressTitle;
    QProgressBar *m_progress;
    QLabel *m_milestoneCount;
    QLabel *m_usage;
    QLabel *m_customer;
    QLabel *m_flagInfo;
    QTableWidget *m_milestones;
    QPushButton *m_clearFlag;
    QTableWidget *m_invoices;
    QLabel *m_empty;
    QPushButton *m_retry;
    QTimer *m_reloadTimer;

    Services::BillingSnapshot m_snapshot;
    QString m_actionError;
    bool m_clientChosen = false; // the person (or a test) picked a client: the first client is not preselected
    quint64 m_generation = 0;
    quint64 m_pendingRead = 0;
    quint64 m_pendingAction = 0;
};

} // namespace Callvia::Ui
