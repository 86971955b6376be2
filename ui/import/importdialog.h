#pragma once

#include <models/records.h>
#include <services/importing/importtypes.h>
#include <services/importing/leadimporter.h>

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QTableWidget;

namespace Callvia::Ui {

// The mapping and preview step of a lead import: the file's first rows, one "maps to" choice
// per column (guessed from the headers), region, encoding, delimiter, what to do with
// duplicates and with a cancel. OK stays disabled until a column maps to Phone or E-mail.
// Gives the chosen ImportOptions out; reads the file only through LeadImporter::preview.
class ImportDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ImportDialog)
public:
    ImportDialog(const QString &filePath, const Models::CampaignRecord &campaign, QWidget *parent = nullptr);

    Services::ImportOptions options() const;
    Services::ColumnMapping mapping() const;
    QTableWidget *mappingTable() const { return m_mappingTable; }
    QTableWidget *previewTable() const { return m_previewTable; }
    QComboBox *encodingBox() const { return m_encoding; }
    QLabel *errorLabel() const { return m_error; }
    bool canAccept() const;

private:
    void buildForm();
    void reloadPreview();
    void fillMapping(const Services::ImportPreview &preview);
    void fillPreview(const Services::ImportPreview &preview);
    void validate();
    Services::TextEncoding selectedEncoding() const;
    char selectedDelimiter() const;

    QString m_filePath;
    Models::CampaignRecord m_campaign;
    QComboBox *m_encoding;
    QComboBox *m_delimiter;
    QLineEdit *m_region;
    QComboBox *m_onDuplicate;
    QComboBox *m_cancelPolicy;
    QCheckBox *m_keepCustom;
    QTableWidget *m_mappingTable;
    QTableWidget *m_previewTable;
    QLabel *m_error;
    QDialogButtonBox *m_buttons;
    QStringList m_headers;
};

} // namespace Callvia::Ui
