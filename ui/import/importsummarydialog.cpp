#include "importsummarydialog.h"

#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>

namespace Callvia::Ui {

ImportSummaryDialog::ImportSummaryDialog(const Services::ImportSummary &summary, const QString &rejectsPath,
                                         QWidget *parent)
    : QDialog(parent),
      m_rejectsPath(rejectsPath),
      m_text(new QLabel(describe(summary), this)),
      m_saveRejects(new QPushButton(tr("Save rejected rows…"), this))
{
    setWindowTitle(summary.ok() ? tr("Import finished") : tr("Import failed"));
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_saveRejects->setEnabled(summary.rejected > 0 && !rejectsPath.isEmpty());
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_saveRejects, QDialogButtonBox::ActionRole);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_text);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::accept);
    connect(m_saveRejects, &QPushButton::clicked, this, [this] {
        const QString target = QFileDialog::getSaveFileName(this, tr("Save rejected rows"),
                                                            QStringLiteral("rejected-leads.csv"), tr("CSV files (*.csv)"));
        QString error;
        if (!target.isEmpty() && !saveRejectsTo(target, &error))
            QMessageBox::warning(this, tr("Save rejected rows"), error);
    });
}

bool ImportSummaryDialog::saveRejectsTo(const QString &target, QString *error) const
{
    QFile::remove(target);
    QFile source(m_rejectsPath);
    if (!source.copy(target)) {
        *error = tr("Could not write %1: %2").arg(target, source.errorString());
        return false;
    }
    return true;
}

QString ImportSummaryDialog::describe(const Services::ImportSummary &s)
{
    QStringList lines;
    if (!s.ok())
        lines << tr("Error: %1").arg(s.error);
    if (s.cancelled)
        lines << (s.nothingWritten ? tr("Cancelled: nothing was imported.")
                                   : tr("Cancelled: the rows below were imported before the cancel."));
    lines << tr("Rows read: %1").arg(s.rows) << tr("Imported: %1").arg(s.imported)
          << tr("Updated: %1").arg(s.updated)
          << tr("Duplicates skipped: %1 in the file, %2 already in the client's leads")
                     .arg(s.duplicatesInFile)
                     .arg(s.duplicatesExisting)
          << tr("Marked do-not-contact (opt-out list): %1").arg(s.dnc);
    if (s.unknownAreaCode > 0)
        lines << tr("Kept but flagged, area code not in this build's phone data (zone from the row or the "
                    "client): %1")
                         .arg(s.unknownAreaCode);
    lines << tr("Rejected: %1").arg(s.rejected);
    for (auto it = s.rejectedByReason.cbegin(); it != s.rejectedByReason.cend(); ++it)
        lines << QStringLiteral("    %1: %2").arg(it.key()).arg(it.value());
    lines << tr("Time: %1 s").arg(s.elapsedMs / 1000.0, 0, 'f', 1);
    return lines.join(QLatin1Char('\n'));
}

} // namespace Callvia::Ui
