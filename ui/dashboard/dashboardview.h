#pragma once

#include "listrequest.h"

#include <models/repositories/dashboardrepository.h>
#include <services/auth/session.h>

#include <QDate>
#include <QList>
#include <QTimeZone>
#include <QWidget>

class QChartView;
class QComboBox;
class QDateEdit;
class QFrame;
class QLabel;

namespace Callvia::Models {
class Clock;
class Database;
}
namespace Callvia::Services {
class ServiceThread;
}

namespace Callvia::Ui {

// The dashboard: six KPI cards for a period and client (leads added, calls placed, connect rate,
// appointments booked, show rate, revenue invoiced and paid), each with the change against the
// previous period of the same length; calls and appointments booked per day (days of the
// viewer's time zone) and the funnel of the period's leads. Read on the reader thread through
// DashboardRepository in the session's scope; a client user sees only their client. A click (or
// Enter) on a card, a day of the activity chart or a funnel bar emits listRequested with the
// matching list and filter; the main window opens it.
class DashboardView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DashboardView)
public:
    enum Period { Today, Last7Days, Last30Days, ThisMonth, LastMonth, Custom };
    enum Card { LeadsCard, CallsCard, ConnectCard, BookedCard, ShowRateCard, RevenueCard, CardCount };
    struct Day
    {
        QDate date;
        qint64 calls = 0;
        qint64 appointments = 0;
    };

    DashboardView(Models::Database &database, const Models::Clock &clock, Services::Session session,
                  Services::ServiceThread &reader, QTimeZone viewerZone = QTimeZone::systemTimeZone(),
                  QWidget *parent = nullptr);
    ~DashboardView() override;

    void setPeriod(Period period, QDate customFrom = {}, QDate customTo = {});
    void setClient(qint64 clientId);
    void reload();

    bool isLoading() const { return m_pending != 0; }
    QString error() const { return m_error; }
    // [from, to) of the shown period, UTC ms.
    qint64 fromMs() const { return m_fromMs; }
    qint64 toMs() const { return m_toMs; }
    const Models::DashboardFigures &figures() const { return m_current; }
    const Models::DashboardFigures &previousFigures() const { return m_previous; }
    const QList<Day> &days() const { return m_days; }
    QString cardValue(Card card) const;
    QString cardChange(Card card) const;
    QFrame *cardFrame(Card card) const { return m_cards[card]; }

    // The list behind a card, a day of the activity chart, or a funnel bar (0 = shown, 1 = booked,
    // 2 = contacted, 3 = new, as drawn top to bottom), for the current period and client.
    ListRequest requestForCard(Card card) const;
    ListRequest requestForDay(const QDate &day) const;
    ListRequest requestForStage(int stage) const;

Q_SIGNALS:
    void listRequested(const Callvia::Ui::ListRequest &request);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    struct Loaded
    {
        Models::DashboardFigures current;
        Models::DashboardFigures previous;
        Models::DashboardTimeline timeline;
        QString error;
    };
    void computeRange();
    void load();
    void apply(quint64 generation, const Loaded &loaded);
    void showCharts();

    Models::Database &m_database;
    const Models::Clock &m_clock;
    Services::Session m_session;
    Services::ServiceThread &m_reader;
    QTimeZone m_zone;

    QComboBox *m_period;
    QDateEdit *m_from;
    QDateEdit *m_to;
    QComboBox *m_client;
    QLabel *m_status;
    QFrame *m_cards[CardCount];
    QLabel *m_values[CardCount];
    QLabel *m_changes[CardCount];
    QChartView *m_activityChart;
    QChartView *m_funnelChart;

    qint64 m_fromMs = 0;
    qint64 m_toMs = 0;
    QDate m_firstDay;
    QDate m_lastDay;
    Models::DashboardFigures m_current;
    Models::DashboardFigures m_previous;
    QList<Day> m_days;
    QString m_error;
    quint64 m_generation = 0;
    quint64 m_pending = 0;
};

} // namespace Callvia::Ui
