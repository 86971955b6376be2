#pragma once

#include <models/repositories/leadrepository.h>
#include <models/records.h>
#include <services/auth/session.h>
#include <services/leads/leadsearch.h>

#include <QList>
#include <QSet>
#include <QTimeZone>
#include <QWidget>

#include <atomic>
#include <functional>
#include <memory>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QHBoxLayout;
class QLabel;
class QLineEdit;
class QProgressDialog;
class QPushButton;
class QTableWidget;
class QTimer;
class QToolButton;

namespace Callvia::Models {
class Clock;
class Database;
}
namespace Callvia::Services {
class ServiceThread;
}

namespace Callvia::Ui {

class LeadDetailDialog;
class MessageList;

// Leads: a filter bar (client, campaign, status, time zone, DNC/opted out, added range), a search
// box (name prefix in any case, a phone number typed in any format, e-mail prefix; debounced, a
// newer search drops an older answer), and a list read page by page (keyset on the sort's key and
// id: id, name, status or added; 200 rows a page, the next page when the list is scrolled near
// its end; the count says "1,000+" rather than counting a million rows). The
// selected lead's detail: its fields, calls, appointments with their verdicts, and its messages
// with their delivery state. Reads on the reader thread in the session's scope. Export (CSV) and
// bulk actions (status, DNC, move, delete) apply to the selected rows or to every lead that
// matches the filter, through LeadExport and LeadBulkService on the reader thread; "Edit lead…"
// opens LeadDetailDialog (LeadEditService).
class LeadsView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LeadsView)
public:
    enum Column { NameColumn, PhoneColumn, EmailColumn, StatusColumn, ClientColumn, CreatedColumn, ColumnCount };
    static constexpr int PageSize = 200;
    static constexpr qint64 CountCap = 1000;
    // A lead status ("no_show") as the user reads it ("No-show"), translated.
    static QString statusText(const QString &status);

    LeadsView(Models::Database &database, const Models::Clock &clock, Services::Session session,
              Services::ServiceThread &reader, QTimeZone viewerZone = QTimeZone::systemTimeZone(),
              QWidget *parent = nullptr);
    ~LeadsView() override;

    // Applies at once (the search box waits 250 ms after the last keystroke).
    void setSearch(const QString &text);
    void setFilter(qint64 clientId, qint64 campaignId, const QString &status);
    // Sorts by a column with an index (Name, Status, Added; any other column: by id), id breaking
    // ties; the header's click does the same, a second click reverses.
    void setSort(Column column, bool descending);
    // A filter from elsewhere (a dashboard card): statuses any of (one = that status), created
    // and last-contacted ranges [from, to) in UTC ms (0 = open), shown in the filter bar; the
    // contacted range with `caption` in a line the user can clear.
    struct Filter
    {
        qint64 clientId = 0;
        qint64 campaignId = 0;
        QStringList statuses;
        qint64 createdFrom = 0;
        qint64 createdTo = 0;
        qint64 contactedFrom = 0;
        qint64 contactedTo = 0;
        QString caption;
    };
    void applyFilter(const Filter &filter);
    QString filterCaption() const;
    void reload();
    void loadMore();
    void selectLead(qint64 leadId);
    // Live refresh (issue 23 item 6): a lead changed elsewhere (a webhook applied here, another
    // desktop's change notice). The noted leads that are loaded are re-read together 200 ms after
    // the first note, with the view's filters: each row is updated in place, or taken out when
    // the lead no longer matches or is gone. The rest of the list is not read again.
    void noteLeadChanged(qint64 leadId);
    // The selected lead's editor (read-only for client users), opened window-modal; null while
    // its detail is still loading. Saving updates its row and detail in place.
    LeadDetailDialog *openEditor();

    // What Export and the bulk actions apply to.
    enum class Target { Selection, Filter };
    void setTarget(Target target);
    // The save-file chooser and the yes/no question (tests replace the native dialogs); an empty
    // path or false cancels. The campaign chooser gets (name, id) pairs and returns an id or 0.
    using PathChooser = std::function<QString(QWidget *parent)>;
    using Confirm = std::function<bool(QWidget *parent, const QString &question)>;
    using CampaignChooser = std::function<qint64(QWidget *parent, const QList<QPair<QString, qint64>> &campaigns)>;
    void setPathChooser(PathChooser chooser) { m_choosePath = std::move(chooser); }
    void setConfirm(Confirm confirm) { m_confirm = std::move(confirm); }
    void setCampaignChooser(CampaignChooser chooser) { m_chooseCampaign = std::move(chooser); }
    void exportLeads();
    void bulkChangeStatus(const QString &status);
    void bulkMarkDnc();
    void bulkMove();
    void bulkDelete();
    void bulkErase(); // privacy request: hash the opt-outs, delete the lead (issue 25 item 3)
    bool isBusy() const { return m_busy; }
    QString noticeText() const;
    QProgressDialog *progressDialog() const { return m_progress; }

    bool isLoading() const { return m_pendingPage != 0 || m_pendingDetail != 0; }
    QTableWidget *table() const { return m_table; }
    QString countText() const;
    QString detailText() const;
    MessageList *messageList() const { return m_messages; }
    QTableWidget *callTable() const { return m_calls; }
    QTableWidget *appointmentTable() const { return m_appointments; }
    const Models::LeadQuery &query() const { return m_query; }

Q_SIGNALS:
    void rowsRefreshed(int updated, int removed); // after noteLeadChanged's re-read
    void exportFinished(qint64 rows, bool cancelled, const QString &error);
    void bulkFinished(const QString &message);

private:
    struct Page
    {
        QList<Models::LeadRecord> rows;
        qint64 count = -1; // -1: not counted with this page
        QVariant lastKey; // the last row's sort value, for the next page
        QString error;
    };
    struct Detail
    {
        Models::LeadRecord lead;
        QList<Models::CallLogRecord> calls;
        QList<Models::AppointmentRecord> appointments;
        QList<Models::MessageRecord> messages;
        QStringList history; // status changes from the audit log, oldest first
        QString error;
    };
    void requestPage(bool first);
    void applyPage(quint64 generation, bool first, const Page &page);
    void loadDetail(qint64 leadId);
    void applyDetail(quint64 generation, const Detail &detail);
    void updateRow(const Models::LeadRecord &lead);
    void refreshNoted();
    void applyRefreshed(const QList<qint64> &asked, const QList<Models::LeadRecord> &found);
    QHBoxLayout *createActionBar(); // leadsviewactions.cpp
    // The target as a query (the selected ids, or the filter); false with a notice when empty.
    bool targetQuery(Models::LeadQuery *query);
    void finishExport(qint64 rows, bool cancelled, const QString &error, const QString &path);
    // Runs `action` (a LeadBulkService call) on the reader thread and reports its outcome.
    template<typename Action>
    void runBulk(const QString &what, Action action);

    Models::Database &m_database;
    const Models::Clock &m_clock;
    Services::Session m_session;
    Services::ServiceThread &m_reader;
    QTimeZone m_zone;
    Services::LeadSearch m_search;

    QComboBox *m_client;
    QComboBox *m_campaign;
    QComboBox *m_status;
    QComboBox *m_timeZone;
    QComboBox *m_contact;
    QCheckBox *m_createdOn;
    QDateEdit *m_createdFrom;
    QDateEdit *m_createdTo;
    QLabel *m_caption;
    QToolButton *m_clearCaption;
    qint64 m_contactedFrom = 0;
    qint64 m_contactedTo = 0;
    QLineEdit *m_searchBox;
    QTimer *m_debounce;
    QTimer *m_rowRefresh; // coalesces noteLeadChanged
    QSet<qint64> m_changedLeads;
    QLabel *m_count;
    QTableWidget *m_table;
    QLabel *m_detail;
    QPushButton *m_edit;
    Models::LeadRecord m_shownLead;
    QTableWidget *m_calls;
    QTableWidget *m_appointments;
    MessageList *m_messages;
    QComboBox *m_target;
    QPushButton *m_export;
    QToolButton *m_bulk;
    QLabel *m_notice;
    QProgressDialog *m_progress = nullptr;
    PathChooser m_choosePath;
    Confirm m_confirm;
    CampaignChooser m_chooseCampaign;
    std::shared_ptr<std::atomic_bool> m_cancel = std::make_shared<std::atomic_bool>(false);
    bool m_busy = false;

    Models::LeadQuery m_query;
    QHash<qint64, QString> m_clientNames;
    qint64 m_total = -1;
    qint64 m_lastId = 0;
    QVariant m_lastKey;
    Models::LeadQuery::Sort m_sort = Models::LeadQuery::ById;
    bool m_descending = false;
    bool m_atEnd = false;
    quint64 m_generation = 0;
    quint64 m_pendingPage = 0;
    quint64 m_pendingDetail = 0;
    qint64 m_selectedId = 0;
};

} // namespace Callvia::Ui
