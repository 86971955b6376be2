#include "leadpickerdialog.h"

#include <models/records.h>
#include <models/repositories/leadrepository.h>
#include <services/leads/leadsearch.h>
#include <services/servicethread.h>

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace Callvia::Ui {

namespace {
constexpr int ResultLimit = 50;
}

LeadPickerDialog::LeadPickerDialog(Models::Database &database, const Models::Clock &clock, Models::TenantScope scope,
                                   Services::ServiceThread &reader, qint64 clientId, const QString &initialSearch,
                                   QWidget *parent)
    : QDialog(parent), m_database(database), m_clock(clock), m_scope(scope), m_reader(reader), m_clientId(clientId),
      m_search(new QLineEdit(initialSearch, this)), m_table(new QTableWidget(0, 4, this)), m_status(new QLabel(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this)), m_debounce(new QTimer(this))
{
    setWindowTitle(tr("Link to lead"));
    m_search->setObjectName(QStringLiteral("leadSearch"));
    m_search->setPlaceholderText(tr("Name, e-mail or phone in any format"));
    m_search->setClearButtonEnabled(true);
    m_table->setObjectName(QStringLiteral("leadResults"));
    m_table->setHorizontalHeaderLabels({ tr("Name"), tr("Phone"), tr("E-mail"), tr("Id") });
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_status->setObjectName(QStringLiteral("leadSearchStatus"));
    auto *label = new QLabel(tr("&Find a lead of this booking's client:"), this);
    label->setBuddy(m_search);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(label);
    layout->addWidget(m_search);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_status);
    layout->addWidget(m_buttons);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Link"));
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(250);
    connect(m_debounce, &QTimer::timeout, this, &LeadPickerDialog::runSearch);
    connect(m_search, &QLineEdit::textChanged, m_debounce, qOverload<>(&QTimer::start));
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &LeadPickerDialog::updateOk);
    connect(m_table, &QTableWidget::itemDoubleClicked, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    resize(640, 380);
    updateOk();
    runSearch();
}

qint64 LeadPickerDialog::selectedLeadId() const
{
    const QList<QTableWidgetItem *> items = m_table->selectedItems();
    return items.isEmpty() ? 0 : items.first()->data(Qt::UserRole).toLongLong();
}

void LeadPickerDialog::search(const QString &text)
{
    m_search->setText(text);
    m_debounce->stop();
    runSearch();
}

void LeadPickerDialog::runSearch()
{
    const quint64 generation = ++m_generation;
    m_status->setText(tr("Searching…"));
    Models::Database *db = &m_database;
    const Models::Clock *clk = &m_clock;
    const Models::TenantScope scope = m_scope;
    const qint64 clientId = m_clientId;
    const QString text = m_search->text().trimmed();
    QPointer<LeadPickerDialog> self(this);
    m_reader.post([self, db, clk, scope, clientId, text, generation] {
        Models::LeadQuery query;
        query.clientId = clientId;
        query.limit = ResultLimit;
        query = Services::LeadSearch().apply(query, text);
        const auto rows = Models::LeadRepository(*db, *clk, scope).page(query);
        const QList<Models::LeadRecord> leads = rows.ok() ? rows.value() : QList<Models::LeadRecord>();
        const QString error = rows.ok() ? QString() : rows.error().message();
        QMetaObject::invokeMethod(self.data(), [self, generation, leads, error] {
            if (self)
                self->display(generation, leads, error);
        }, Qt::QueuedConnection);
    });
}

void LeadPickerDialog::display(quint64 generation, const QList<Models::LeadRecord> &leads, const QString &error)
{
    if (generation != m_generation)
        return; // a newer search is on its way
    m_table->setRowCount(int(leads.size()));
    for (int r = 0; r < leads.size(); ++r) {
        const Models::LeadRecord &lead = leads.at(r);
        const QStringList cells { QStringList { lead.firstName, lead.lastName }.join(QLatin1Char(' ')).trimmed(),
                                  lead.phoneE164, lead.email, QString::number(lead.id) };
        for (int c = 0; c < cells.size(); ++c) {
            auto *item = new QTableWidgetItem(cells.at(c));
            item->setData(Qt::UserRole, lead.id);
            m_table->setItem(r, c, item);
        }
    }
    m_table->resizeColumnsToContents();
    if (leads.size() == 1)
        m_table->selectRow(0);
    if (!error.isEmpty())
        m_status->setText(tr("Could not search the leads: %1").arg(error));
    else if (leads.isEmpty())
        m_status->setText(tr("No lead of this client matches."));
    else if (leads.size() >= ResultLimit)
        m_status->setText(tr("The first %1 matches; type more to narrow them.").arg(ResultLimit));
    else
        m_status->setText(tr("%n lead(s) match.", nullptr, int(leads.size())));
    updateOk();
    Q_EMIT searched();
}

void LeadPickerDialog::updateOk()
{
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(selectedLeadId() != 0);
}

} // namespace Callvia::Ui
