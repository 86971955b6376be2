#pragma once

#include <models/records.h>
#include <services/auth/session.h>
#include <services/leads/leadeditservice.h>

#include <QDialog>
#include <QList>
#include <QPair>
#include <QTimeZone>

class QComboBox;
class QDateTimeEdit;
class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;

namespace Callvia::Models {
class Clock;
class Database;
}
namespace Callvia::Services {
class ServiceThread;
}

namespace Callvia::Ui {

// Edits one lead (issue 23): every field a person sets, the statuses the lead may take from its
// current one (LeadEditService::statusTargets), and the lead's status history from the audit
// log. Save runs LeadEditService on the reader thread (validation, role check, audit); a refused
// or invalid field stays open with the service's message and the field focused. Read-only for
// users who may not edit (client users). The caller owns it; `saved` says what was stored.
class LeadDetailDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LeadDetailDialog)
public:
    // campaigns: (name, id) of the lead's client, for moving it.
    LeadDetailDialog(Models::Database &database, const Models::Clock &clock, Services::Session session,
                     Services::ServiceThread &reader, const Models::LeadRecord &lead,
                     const QList<QPair<QString, qint64>> &campaigns, QTimeZone viewerZone, QWidget *parent = nullptr);
    ~LeadDetailDialog() override;

    Models::LeadRecord record() const;
    QString phoneText() const;
    // Asynchronous: accepts when stored, otherwise shows error().
    void save();
    bool isBusy() const { return m_busy; }
    QString error() const;
    QStringList historyLines() const;
    QLineEdit *field(const char *objectName) const;

Q_SIGNALS:
    void saved(const Models::LeadRecord &lead, bool unknownAreaCode);

private:
    void loadHistory();
    void showResult(const Models::DbResult<Services::LeadEditService::Outcome> &result);
    QLineEdit *addLine(const char *name, const QString &label, const QString &text);

    Models::Database &m_database;
    const Models::Clock &m_clock;
    Services::Session m_session;
    Services::ServiceThread &m_reader;
    Models::LeadRecord m_lead;
    QTimeZone m_zone;
    bool m_busy = false;

    QFormLayout *m_form;
    QComboBox *m_campaign;
    QComboBox *m_status;
    QDateTimeEdit *m_callback;
    QComboBox *m_consent;
    QPlainTextEdit *m_notes;
    QListWidget *m_history;
    QLabel *m_error;
    QDialogButtonBox *m_buttons;
};

} // namespace Callvia::Ui
