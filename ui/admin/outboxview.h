#pragma once

#include <models/records.h>
#include <services/auth/session.h>

#include <QList>
#include <QWidget>

#include <memory>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTableWidget;
class QTimer;

namespace Callvia::Models {
class Clock;
class Database;
}

namespace Callvia::Services {
class OutboxActions;
}

namespace Callvia::Ui {

// The Admin console's Outbox section: every outbound effect with its state (pending, in flight,
// failed, sent, unknown, cancelled), filtered by state, kind and client; the selected row's
// payload with secrets masked and the provider's answer; Retry and Cancel on failed rows, each
// recorded in the audit log as the signed-in user. Reads through OutboxRepository in the
// session's tenant scope; changes through the OutboxActions service it owns (admin only, audited).
class OutboxView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OutboxView)
public:
    enum Column {
        IdColumn,
        KindColumn,
        ClientColumn,
        StatusColumn,
        AttemptsColumn,
        DueColumn,
        NextTryColumn,
        ProviderColumn,
        HttpColumn,
        ReferenceColumn,
        ErrorColumn,
        ColumnCount
    };

    OutboxView(Models::Database &database, const Models::Clock &clock, Services::Session session,
               QWidget *parent = nullptr);
    ~OutboxView() override;

    void reload();
    // Soon (coalesced): the dispatcher committed outcomes.
    void scheduleReload();
    void setFilter(const QString &status, const QString &kind, qint64 clientId);
    void selectRow(qint64 outboxId);
    // The actions behind the buttons, on the selected row. Empty = done, else the error shown.
    QString retrySelected();
    QString cancelSelected();

    QTableWidget *table() const { return m_table; }
    QString detailText() const;
    QString countsText() const;

Q_SIGNALS:
    void retried(); // a row is pending again: the dispatcher may run now

private:
    void selectionChanged();
    const Models::OutboxRecord *selected() const;
    QString change(const QString &action);

    Models::Database &m_database;
    const Models::Clock &m_clock;
    Services::Session m_session;
    std::unique_ptr<Services::OutboxActions> m_actions;
    QList<Models::OutboxRecord> m_rows;
    QComboBox *m_status = nullptr;
    QComboBox *m_kind = nullptr;
    QComboBox *m_client = nullptr;
    QLabel *m_counts = nullptr;
    QTableWidget *m_table = nullptr;
    QPlainTextEdit *m_detail = nullptr;
    QPushButton *m_retry = nullptr;
    QPushButton *m_cancel = nullptr;
    QLabel *m_message = nullptr;
    QTimer *m_reloadTimer = nullptr;
};

} // namespace Callvia::Ui
