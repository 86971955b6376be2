#pragma once

#include <models/records.h>

#include <QList>
#include <QTableWidget>
#include <QTimeZone>

namespace Callvia::Ui {

// The SMS and e-mail messages of an appointment or a lead, newest first, with their delivery
// state as the providers reported it (queued, sent, delivered, bounced, failed...) and the
// provider's error. Inbound replies are listed too. The body is the row's tooltip.
class MessageList final : public QTableWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MessageList)
public:
    enum Column { TimeColumn, ChannelColumn, StatusColumn, AddressColumn, DirectionColumn, TemplateColumn, ErrorColumn, ColumnCount };

    explicit MessageList(QWidget *parent = nullptr);
    void setMessages(const QList<Models::MessageRecord> &messages, const QTimeZone &zone);
    // The words shown for a status ("Delivered", "Bounced"...), for tests and other views.
    static QString statusText(const QString &status);
};

} // namespace Callvia::Ui
