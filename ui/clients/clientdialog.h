#pragma once

#include <models/repositories/clientprovideridrepository.h>
#include <models/records.h>

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace Callvia::Ui {

// Create or edit a client. Takes a record in, gives a record out; on accept it validates
// and names the bad field instead of closing. Also edits the ids the providers vouch for
// (Retell agents and numbers, Cal.com event types and organizers, MessageBird numbers), which
// attribute webhook events to this client: lists separated by commas or spaces, normalized.
class ClientDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ClientDialog)
public:
    explicit ClientDialog(const Models::ClientRecord &record, QWidget *parent = nullptr);

    Models::ClientRecord record() const;
    // The client's provider id mappings shown / as edited (normalized; clientId = record().id).
    void setProviderIds(const QList<Models::ClientProviderId> &ids);
    QList<Models::ClientProviderId> providerIds() const;
    // Staff see the billing terms (rate, milestones, Stripe customer id) but may not change them.
    void setBillingEditable(bool editable);
    // Empty when valid, else a message that names the field; focuses that field.
    QString validate();
    void accept() override;

    // Parses "2000", "2,000.50", "$2000.5" into cents without floating point; -1 when invalid.
    static qint64 parseCents(const QString &text);

private:
    Models::ClientRecord m_record;
    QLineEdit *m_name;
    QLineEdit *m_email;
    QLineEdit *m_phone;
    QLineEdit *m_stripeCustomer;
    QComboBox *m_timeZone;
    QSpinBox *m_rate;
    QSpinBox *m_milestoneSize;
    QLineEdit *m_milestoneAmount;
    struct ProviderIdField
    {
        QString provider;
        QString kind;
        QString label; // names the field in messages
        QLineEdit *edit;
    };
    QList<ProviderIdField> m_providerIds;
    QLabel *m_error;
};

} // namespace Callvia::Ui
