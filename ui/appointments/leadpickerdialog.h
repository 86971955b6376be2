#pragma once

#include <models/tenantscope.h>

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QTableWidget;
class QTimer;

namespace Callvia::Models {
class Clock;
class Database;
struct LeadRecord;
} // namespace Callvia::Models
namespace Callvia::Services {
class ServiceThread;
} // namespace Callvia::Services

namespace Callvia::Ui {

// Finds a lead of one client by name, e-mail or a phone typed in any format (the Leads view's
// search: Services::LeadSearch) and gives its id back; used to link a booking that matched no
// lead. Searches run on the reader thread, debounced; an older answer is dropped.
class LeadPickerDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LeadPickerDialog)
public:
    LeadPickerDialog(Models::Database &database, const Models::Clock &clock, Models::TenantScope scope,
                     Services::ServiceThread &reader, qint64 clientId, const QString &initialSearch,
                     QWidget *parent = nullptr);

    qint64 selectedLeadId() const;
    void search(const QString &text);
    QLineEdit *searchEdit() const { return m_search; }
    QTableWidget *table() const { return m_table; }

Q_SIGNALS:
    void searched();

private:
    void runSearch();
    void display(quint64 generation, const QList<Models::LeadRecord> &leads, const QString &error);
    void updateOk();

    Models::Database &m_database;
    const Models::Clock &m_clock;
    Models::TenantScope m_scope;
    Services::ServiceThread &m_reader;
    qint64 m_clientId;
    quint64 m_generation = 0;
    QLineEdit *m_search;
    QTableWidget *m_table;
    QLabel *m_status;
    QDialogButtonBox *m_buttons;
    QTimer *m_debounce;
};

} // namespace Callvia::Ui
