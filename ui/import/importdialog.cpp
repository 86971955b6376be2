#include "importdialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QTableWidget>
#include <QVBoxLayout>

namespace Callvia::Ui {

using Services::ColumnMapping;
using Services::LeadField;

ImportDialog::ImportDialog(const QString &filePath, const Models::CampaignRecord &campaign, QWidget *parent)
    : QDialog(parent),
      m_filePath(filePath),
      m_campaign(campaign),
      m_encoding(new QComboBox(this)),
      m_delimiter(new QComboBox(this)),
      m_region(new QLineEdit(campaign.defaultRegion, this)),
      m_onDuplicate(new QComboBox(this)),
      m_cancelPolicy(new QComboBox(this)),
      m_keepCustom(new QCheckBox(tr("Keep unmapped columns as custom fields"), this)),
      m_mappingTable(new QTableWidget(this)),
      m_previewTable(new QTableWidget(this)),
      m_error(new QLabel(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Import leads into %1").arg(campaign.name));
    resize(900, 640);
    buildForm();
    reloadPreview();
}

void ImportDialog::buildForm()
{
    m_encoding->addItems({ tr("Detect"), QStringLiteral("UTF-8"), QStringLiteral("Windows-1252 (Latin-1)") });
    m_delimiter->addItems({ tr("Detect"), tr("Comma"), tr("Semicolon"), tr("Tab") });
    m_region->setValidator(new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[A-Za-z]{2}")), m_region));
    m_region->setMaximumWidth(60);
    m_onDuplicate->addItems({ tr("Skip duplicates"), tr("Update existing leads") });
    m_cancelPolicy->addItems({ tr("Keep what was imported"), tr("Import nothing") });
    m_keepCustom->setChecked(true);
    m_error->setObjectName(QStringLiteral("importError"));
    m_error->setStyleSheet(QStringLiteral("color: #b00020"));
    m_error->setWordWrap(true);
    m_mappingTable->setColumnCount(3);
    m_mappingTable->setHorizontalHeaderLabels({ tr("Column"), tr("Maps to"), tr("First value") });
    m_mappingTable->horizontalHeader()->setStretchLastSection(true);
    m_previewTable->setEditTriggers(QAbstractItemView::NoEditTriggers);

    auto *form = new QFormLayout;
    form->addRow(tr("File:"), new QLabel(QFileInfo(m_filePath).fileName(), this));
    form->addRow(tr("Encoding:"), m_encoding);
    form->addRow(tr("Delimiter:"), m_delimiter);
    form->addRow(tr("Region for national numbers:"), m_region);
    form->addRow(tr("Duplicates:"), m_onDuplicate);
    form->addRow(tr("On cancel:"), m_cancelPolicy);
    form->addRow(QString(), m_keepCustom);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_mappingTable, 1);
    layout->addWidget(new QLabel(tr("First rows:"), this));
    layout->addWidget(m_previewTable, 1);
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Import"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_encoding, &QComboBox::currentIndexChanged, this, &ImportDialog::reloadPreview);
    connect(m_delimiter, &QComboBox::currentIndexChanged, this, &ImportDialog::reloadPreview);
    connect(m_region, &QLineEdit::textChanged, this, &ImportDialog::validate);
}

Services::TextEncoding ImportDialog::selectedEncoding() const
{
    static const Services::TextEncoding encodings[] = { Services::TextEncoding::Auto, Services::TextEncoding::Utf8,
                                                        Services::TextEncoding::Windows1252 };
    return encodings[std::max(0, m_encoding->currentIndex())];
}

char ImportDialog::selectedDelimiter() const
{
    static const char delimiters[] = { 0, ',', ';', '\t' };
    return delimiters[std::max(0, m_delimiter->currentIndex())];
}

void ImportDialog::reloadPreview()
{
    const Services::ImportPreview preview =
            Services::LeadImporter::preview(m_filePath, selectedEncoding(), selectedDelimiter());
    m_headers = preview.headers;
    fillMapping(preview);
    fillPreview(preview);
    if (!preview.error.isEmpty())
        m_error->setText(preview.error);
    else
        validate();
    if (!preview.error.isEmpty())
        m_buttons->button(QDialogButtonBox::Ok)->setEnabled(false);
}

void ImportDialog::fillMapping(const Services::ImportPreview &preview)
{
    m_mappingTable->setRowCount(int(preview.headers.size()));
    for (int row = 0; row < preview.headers.size(); ++row) {
        m_mappingTable->setItem(row, 0, new QTableWidgetItem(preview.headers.at(row)));
        auto *box = new QComboBox(m_mappingTable);
        for (LeadField field : ColumnMapping::allFields())
            box->addItem(ColumnMapping::fieldLabel(field), int(field));
        box->setCurrentIndex(box->findData(int(preview.mapping.fields.value(row))));
        connect(box, &QComboBox::currentIndexChanged, this, &ImportDialog::validate);
        m_mappingTable->setCellWidget(row, 1, box);
        const QString sample = preview.rows.isEmpty() ? QString() : preview.rows.first().value(row);
        m_mappingTable->setItem(row, 2, new QTableWidgetItem(sample));
    }
}

void ImportDialog::fillPreview(const Services::ImportPreview &preview)
{
    m_previewTable->clear();
    m_previewTable->setColumnCount(int(preview.headers.size()));
    m_previewTable->setHorizontalHeaderLabels(preview.headers);
    m_previewTable->setRowCount(int(preview.rows.size()));
    for (int row = 0; row < preview.rows.size(); ++row) {
        for (int column = 0; column < preview.rows.at(row).size() && column < preview.headers.size(); ++column)
            m_previewTable->setItem(row, column, new QTableWidgetItem(preview.rows.at(row).at(column)));
    }
}

ColumnMapping ImportDialog::mapping() const
{
    ColumnMapping mapping;
    mapping.headers = m_headers;
    for (int row = 0; row < m_mappingTable->rowCount(); ++row) {
        auto *box = qobject_cast<QComboBox *>(m_mappingTable->cellWidget(row, 1));
        LeadField field = box ? LeadField(box->currentData().toInt()) : LeadField::Ignore;
        if (field == LeadField::Custom && !m_keepCustom->isChecked())
            field = LeadField::Ignore;
        mapping.fields.append(field);
    }
    return mapping;
}

bool ImportDialog::canAccept() const
{
    return m_buttons->button(QDialogButtonBox::Ok)->isEnabled();
}

void ImportDialog::validate()
{
    QString error;
    if (m_headers.isEmpty())
        error = tr("The file has no header row.");
    else if (!mapping().isUsable())
        error = tr("No usable columns: map a column to Phone or E-mail.");
    else if (m_region->text().size() != 2)
        error = tr("Region: enter a two-letter country code such as US.");
    m_error->setText(error);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(error.isEmpty());
}

Services::ImportOptions ImportDialog::options() const
{
    Services::ImportOptions options;
    options.campaignId = m_campaign.id;
    options.filePath = m_filePath;
    options.defaultRegion = m_region->text().toUpper();
    options.onDuplicate = m_onDuplicate->currentIndex() == 1 ? Services::OnDuplicate::Update : Services::OnDuplicate::Skip;
    options.cancelPolicy = m_cancelPolicy->currentIndex() == 1 ? Services::CancelPolicy::DiscardAll
                                                               : Services::CancelPolicy::KeepCommitted;
    options.encoding = selectedEncoding();
    options.delimiter = selectedDelimiter();
    options.mapping = mapping();
    options.keepUnmappedAsCustom = m_keepCustom->isChecked();
    return options;
}

} // namespace Callvia::Ui
