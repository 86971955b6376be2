#include "messagelist.h"

#include <QBrush>
#include <QColor>
#include <QDateTime>
#include <QHeaderView>

namespace Callvia::Ui {

MessageList::MessageList(QWidget *parent) : QTableWidget(0, ColumnCount, parent)
{
    setHorizontalHeaderLabels({ tr("Time"), tr("Channel"), tr("Delivery"), tr("To / from"), tr("Direction"),
                                tr("Template"), tr("Error") });
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::SingleSelection);
    verticalHeader()->hide();
    horizontalHeader()->setStretchLastSection(true);
    setWordWrap(false);
}

QString MessageList::statusText(const QString &status)
{
    static const QHash<QString, const char *> words {
        { QStringLiteral("queued"), QT_TR_NOOP("Queued") },       { QStringLiteral("sent"), QT_TR_NOOP("Sent") },
        { QStringLiteral("buffered"), QT_TR_NOOP("Buffered") },   { QStringLiteral("deferred"), QT_TR_NOOP("Deferred") },
        { QStringLiteral("delivered"), QT_TR_NOOP("Delivered") }, { QStringLiteral("bounced"), QT_TR_NOOP("Bounced") },
        { QStringLiteral("dropped"), QT_TR_NOOP("Dropped") },     { QStringLiteral("failed"), QT_TR_NOOP("Failed") },
        { QStringLiteral("expired"), QT_TR_NOOP("Expired") },     { QStringLiteral("opened"), QT_TR_NOOP("Opened") },
        { QStringLiteral("clicked"), QT_TR_NOOP("Clicked") },     { QStringLiteral("spam"), QT_TR_NOOP("Marked as spam") },
        { QStringLiteral("unsubscribed"), QT_TR_NOOP("Unsubscribed") },
        { QStringLiteral("received"), QT_TR_NOOP("Received") },
    };
    const auto it = words.constFind(status);
    return it == words.constEnd() ? status : tr(it.value());
}

void MessageList::setMessages(const QList<Models::MessageRecord> &messages, const QTimeZone &zone)
{
    setRowCount(0);
    setRowCount(int(messages.size()));
    int row = 0;
    for (const Models::MessageRecord &m : messages) {
        const qint64 at = m.deliveredAt ? m.deliveredAt : (m.sentAt ? m.sentAt : m.createdAt);
        const bool inbound = m.direction == QLatin1String("inbound");
        const QString cells[ColumnCount] = {
            at ? QDateTime::fromMSecsSinceEpoch(at, zone).toString(QStringLiteral("yyyy-MM-dd HH:mm")) : QString(),
            m.channel == QLatin1String("email") ? tr("E-mail") : tr("SMS"),
            statusText(m.status),
            inbound ? m.fromAddress : m.toAddress,
            inbound ? tr("Reply") : tr("Outbound"),
            m.templateName,
            m.error,
        };
        for (int column = 0; column < ColumnCount; ++column) {
            auto *item = new QTableWidgetItem(cells[column]);
            item->setData(Qt::UserRole, m.id);
            QString tip = m.subject.isEmpty() ? m.body : m.subject + QLatin1Char('\n') + m.body;
            item->setToolTip(tip.left(2000));
            setItem(row, column, item);
        }
        const int rank = [&] {
            if (m.status == QLatin1String("delivered") || m.status == QLatin1String("opened")
                || m.status == QLatin1String("clicked"))
                return 1;
            if (m.status == QLatin1String("bounced") || m.status == QLatin1String("failed")
                || m.status == QLatin1String("dropped") || m.status == QLatin1String("expired")
                || m.status == QLatin1String("spam") || m.status == QLatin1String("unsubscribed"))
                return -1;
            return 0;
        }();
        if (rank != 0)
            item(row, StatusColumn)->setForeground(QBrush(rank > 0 ? QColor(0x1b, 0x7f, 0x3b) : QColor(0xb3, 0x26, 0x1e)));
        ++row;
    }
    resizeColumnsToContents();
}

} // namespace Callvia::Ui
