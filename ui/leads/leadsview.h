#pragma once

#include <models/leadrepository.h>
#include <models/records.h>
#include <services/auth/session.h>
#include <services/leads/leadsearch.h>

#include <QList>
#include <QTimeZone>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
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

class MessageList;

// Leads: a filter bar (client, campaign, status), a search box (name prefix in any case, a phone
// number typed in any format, e-mail prefix; debounced, a newer search drops an older answer),
// and a list read page by page (keyset on id, 200 rows a page, the next page when the list is
// scrolled near its end; the count says "1,000+" rather than counting a million rows). The
// selected lead's detail: its fields, calls, appointments with their verdicts, and its messages
// with their delivery state. Reads on the reader thread in the session's scope.
class LeadsView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LeadsView)
public:
    enum Column { NameColumn, PhoneColumn, EmailColumn, StatusColumn, ClientColumn, CreatedColumn, ColumnCount };
    static constexpr int PageSize = 200;
    static constexpr qint64 CountCap = 1000;

    LeadsView(Models::Database &database, const Models::Clock &clock, Services::Session session,
              Services::ServiceThread &reader, QTimeZone viewerZone = QTimeZone::systemTimeZone(),
              QWidget *parent = nullptr);
    ~LeadsView() override;

    // Applies at once (the search box waits 250 ms after the last keystroke).
    void setSearch(const QString &text);
    void setFilter(qint64 clientId, qint64 campaignId, const QString &status);
    void reload();
    void loadMore();
    void selectLead(qint64 leadId);

    bool isLoading() const { return m_pendingPage != 0 || m_pendingDetail != 0; }
    QTableWidget *table() const { return m_table; }
    QString countText() const;
    QString detailText() const;
    MessageList *messageList() const { return m_messages; }
    QTableWidget *callTable() const { return m_calls; }
    QTableWidget *appointmentTable() const { return m_appointments; }
    const Models::LeadQuery &query() const { return m_query; }

private:
    struct Page
    {
        QList<Models::LeadRecord> rows;
        qint64 count = -1; // -1: not counted with this page
        QString error;
    };
    struct Detail
    {
        Models::LeadRecord lead;
        QList<Models::CallLogRecord> calls;
        QList<Models::AppointmentRecord> appointments;
        QList<Models::MessageRecord> messages;
        QString error;
    };
    void requestPage(bool first);
    void applyPage(quint64 generation, bool first, const Page &page);
    void loadDetail(qint64 leadId);
    void applyDetail(quint64 generation, const Detail &detail);

    Models::Database &m_database;
    const Models::Clock &m_clock;
    Services::Session m_session;
    Services::ServiceThread &m_reader;
    QTimeZone m_zone;
    Services::LeadSearch m_search;

    QComboBox *m_client;
    QComboBox *m_campaign;
    QComboBox *m_status;
    QLineEdit *m_searchBox;
    QTimer *m_debounce;
    QLabel *m_count;
    QTableWidget *m_table;
    QLabel *m_detail;
    QTableWidget *m_calls;
    QTableWidget *m_appointments;
    MessageList *m_messages;

    Models::LeadQuery m_query;
    QHash<qint64, QString> m_clientNames;
    qint64 m_total = -1;
    qint64 m_lastId = 0;
    bool m_atEnd = false;
    quint64 m_generation = 0;
    quint64 m_pendingPage = 0;
    quint64 m_pendingDetail = 0;
    qint64 m_selectedId = 0;
};

} // namespace Callvia::Ui
