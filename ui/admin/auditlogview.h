#pragma once

#include <models/records.h>
#include <models/repositories/auditrepository.h>
#include <services/auth/session.h>

#include <QHash>
#include <QWidget>

class QComboBox;
class QDateEdit;
class QLabel;
class QPushButton;
class QTableWidget;

namespace Callvia::Models {
class Clock;
class Database;
} // namespace Callvia::Models

namespace Callvia::Services {
class ServiceThread;
}

namespace Callvia::Ui {

// The Admin console's audit log: filter by user, action, client and day range (UTC), one page
// of PageSize entries at a time (newest first, "Newer"/"Older"), each entry's change readable
// ("role: staff → admin") in the table and in full below it for the selected row. A client
// session's repository scope shows only its client's entries. Reads on the reader thread when
// one is set; borrows the database.
class AuditLogView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AuditLogView)
public:
    static constexpr int PageSize = 100;
    enum Column { WhenColumn, UserColumn, ClientColumn, ActionColumn, EntityColumn, IdColumn, DetailsColumn,
                  ColumnCount };

    AuditLogView(Models::Database &database, const Models::Clock &clock, Services::Session session,
                 QWidget *parent = nullptr);
    ~AuditLogView() override;

    void setReader(Services::ServiceThread *reader);
    void setUserFilter(const QString &username); // "" = all
    void setActionFilter(const QString &action); // "" = all
    void setClientFilter(qint64 clientId); // 0 = all
    void setDateRange(const QDate &from, const QDate &to); // null dates = open (UTC days, inclusive)
    void reload(); // back to the first page
    void nextPage();
    void previousPage();

    QTableWidget *table() const { return m_table; }
    qint64 total() const { return m_total; }
    int offset() const { return m_offset; }
    QString pageText() const;
    QString selectedDetails() const;

Q_SIGNALS:
    void loaded();

private:
    struct Page
    {
        QList<Models::AuditRecord> entries;
        qint64 total = 0;
        QStringList users;
        QStringList actions;
        QString error;
    };

    Models::AuditFilter currentFilter() const;
    void load();
    void applyLoaded(quint64 generation, const Page &page);
    static void refill(QComboBox *combo, const QString &allText, const QStringList &values);
    void showSelected();

    Models::Database &m_database;
    const Models::Clock &m_clock;
    Services::Session m_session;
    Services::ServiceThread *m_reader = nullptr;
    QHash<qint64, QString> m_clientNames;
    QList<Models::AuditRecord> m_entries;
    QComboBox *m_user;
    QComboBox *m_action;
    QComboBox *m_client;
    QDateEdit *m_from;
    QDateEdit *m_to;
    QTableWidget *m_table;
    QPushButton *m_newer;
    QPushButton *m_older;
    QLabel *m_page;
    QLabel *m_details;
    int m_offset = 0;
    qint64 m_total = 0;
    quint64 m_generation = 0;
};

} // namespace Callvia::Ui
