#pragma once

#include <services/importing/importtypes.h>

#include <QDialog>

class QLabel;
class QPushButton;

namespace Callvia::Ui {

// The end of an import: imported, updated, duplicates, opt-outs and rejections by reason,
// with "Save rejected rows…" copying the rejects CSV (written during the import) elsewhere.
class ImportSummaryDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ImportSummaryDialog)
public:
    ImportSummaryDialog(const Services::ImportSummary &summary, const QString &rejectsPath, QWidget *parent = nullptr);

    static QString describe(const Services::ImportSummary &summary);
    QPushButton *saveRejectsButton() const { return m_saveRejects; }
    // Copies the rejects file to `target` (replacing it); false with *error on failure.
    bool saveRejectsTo(const QString &target, QString *error) const;

private:
    QString m_rejectsPath;
    QLabel *m_text;
    QPushButton *m_saveRejects;
};

} // namespace Callvia::Ui
