#pragma once

#include <models/repositories/dialerrepository.h>
#include <services/auth/session.h>

#include <QWidget>

class QLabel;
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

// The dialer's controls and live panel under the campaigns table (issue 25 item 5): start, pause and
// stop the selected campaign's dialing; calls in progress, placed today, connect rate, bookings; the
// next leads in line and, for the lead selected there, why it is not callable now (the rules
// engine's reason). Everything is read on the reader thread (setReader) every few seconds while
// visible; the controls run there too. Owned by its parent view.
class DialerLivePanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DialerLivePanel)
public:
    struct Snapshot
    {
        qint64 campaignId = 0;
        Models::DialerCampaignState state;
        Models::DialerPanel counts;
        QList<Models::DialerCandidate> next;
        bool hasAbandonment = false; // read at most once a minute (30 days of calls)
        Models::DialerAbandonment abandonment;
        QString error;
    };

    DialerLivePanel(Models::Database &database, const Models::Clock &clock, Services::Session session,
                    QWidget *parent = nullptr);
    ~DialerLivePanel() override;

    void setReader(Services::ServiceThread *reader);
    void setSession(const Services::Session &session);
    void setCampaign(qint64 campaignId);
    void refresh();
    // Reads what the panel shows (any thread with a database connection).
    static Snapshot load(Models::Database &database, const Models::Clock &clock, Models::TenantScope scope,
                         qint64 campaignId, bool withAbandonment = true);

private:
    template<typename Work>
    void onReader(Work &&work);
    void apply(const Snapshot &snapshot);
    void control(const QString &action);
    void explainSelected();

    Models::Database &m_database;
    const Models::Clock &m_clock;
    Services::Session m_session;
    Services::ServiceThread *m_reader = nullptr;
    qint64 m_campaignId = 0;
    int m_pending = 0; // reads and controls posted to the reader, not yet answered
    QLabel *m_state;
    QLabel *m_inProgress;
    QLabel *m_placed;
    QLabel *m_connectRate;
    QLabel *m_bookings;
    QLabel *m_abandoned;
    QWidget *m_body; // figures and the line: hidden while no campaign is selected
    qint64 m_abandonmentReadAt = 0; // when the 30-day abandonment was last read (clock ms)
    QPushButton *m_start;
    QPushButton *m_pause;
    QPushButton *m_stop;
    QTableWidget *m_next;
    QLabel *m_why;
    QTimer *m_timer;
};

} // namespace Callvia::Ui
