#pragma once

#include <models/records.h>

#include <QDialog>
#include <QList>

class QComboBox;
class QLabel;
class QLineEdit;

namespace Callvia::Ui {

// "Add…" of the do-not-call list: phone and/or e-mail, reason, and whose list (all clients or
// one client). Validation (E.164 with libphonenumber) happens in the service on accept; the
// owner puts its message back with showError() and keeps the dialog open.
class DncEntryDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DncEntryDialog)
public:
    // clients empty and fixedClient != 0: a client user's own list only.
    DncEntryDialog(const QList<Models::ClientRecord> &clients, qint64 fixedClient, QWidget *parent = nullptr);

    QString phone() const;
    QString email() const;
    QString reason() const;
    qint64 clientId() const;
    void showError(const QString &message);

private:
    QLineEdit *m_phone = nullptr;
    QLineEdit *m_email = nullptr;
    QLineEdit *m_reason = nullptr;
    QComboBox *m_client = nullptr;
    QLabel *m_error = nullptr;
};

} // namespace Callvia::Ui
