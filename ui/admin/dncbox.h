#pragma once

#include <models/records.h>
#include <models/repositories/optoutrepository.h>
#include <services/auth/session.h>
#include <services/compliance/dncservice.h>

#include <QList>
#include <QWidget>

#include <atomic>
#include <functional>
#include <memory>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;
class QThread;

namespace Callvia::Models {
class Clock;
class Database;
}

namespace Callvia::Services {
class ServiceThread;
}

namespace Callvia::Ui {

// The do-not-call section (issue 25 item 3): the internal DNC list (opt-outs of every source,
// agency-wide or per client) with search, "Add…", "Import CSV…" (run on its own thread, bad
// rows listed by line and field) and, for administrators, "Remove (added by mistake)…", which
// marks the entry (it stays, audited) instead of deleting it. Admin and staff edit; a client
// user reads its own client's entries only. Changes go through DncService.
class DncBox final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DncBox)
public:
    enum Column {
        AddressColumn,
        ChannelColumn,
        SourceColumn,
        ReasonColumn,
        AddedColumn,
        ClientColumn,
        StateColumn,
        ColumnCount
    };

    DncBox(Models::Database &database, const Models::Clock &clock, Services::Session session,
        QWidget *parent = nullptr);
    ~DncBox() override;

    // Reads on this thread from now on (not owned); none: on the GUI thread.
    void setReader(Services::ServiceThread *reader) { m_reader = reader; }
    void reload();
    void setSearch(const QString &text);

    // The actions behind the buttons; empty = done, otherwise the message (also shown).
    QString addEntry(const QString &phone, const QString &email, const QString &reason, qint64 clientId);
    QString removeEntry(qint64 id, const QString &reason);
    // Starts the import on a worker thread; importFinished() reports.
    bool startImport(const QString &path, qint64 clientId);
    bool isImporting() const { return m_importThread != nullptr; }

    // Tests replace the native dialogs: the file chooser, and the report of an import's bad rows.
    using FileChooser = std::function<QString(QWidget *parent)>;
    using ReportShower = std::function<void(QWidget *parent, const QString &summary, const QString &details)>;
    void setFileChooser(FileChooser chooser) { m_chooseFile = std::move(chooser); }
    void setReportShower(ReportShower shower) { m_showReport = std::move(shower); }

    QTableWidget *table() const { return m_table; }
    QString messageText() const;
    QList<Models::DncEntry> rows() const { return m_rows; }

Q_SIGNALS:
    void reloaded();
    void importFinished(const Services::DncService::ImportResult &result);

protected:
    void showEvent(QShowEvent *event) override; // entries added elsewhere (STOP replies, the CLI) show

private:
    void askAdd();
    void askImport();
    void askRemove();
    void show(const QList<Models::DncEntry> &rows, qint64 total, const QString &error);
    void finishImport(const Services::DncService::ImportResult &result);
    void setMessage(const QString &text, bool error);
    QString clientName(qint64 clientId) const;

    Models::Database &m_database;
    const Models::Clock &m_clock;
    Services::Session m_session;
    Services::DncService m_service;
    Services::ServiceThread *m_reader = nullptr;
    QList<Models::ClientRecord> m_clients;
    QList<Models::DncEntry> m_rows;
    QLineEdit *m_search = nullptr;
    QCheckBox *m_showRemoved = nullptr;
    QTableWidget *m_table = nullptr;
    QLabel *m_count = nullptr;
    QLabel *m_message = nullptr;
    QPushButton *m_add = nullptr;
    QPushButton *m_import = nullptr;
    QPushButton *m_remove = nullptr;
    QThread *m_importThread = nullptr;
    std::shared_ptr<std::atomic_bool> m_cancel;
    FileChooser m_chooseFile;
    ReportShower m_showReport;
};

} // namespace Callvia::Ui
