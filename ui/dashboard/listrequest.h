#pragma once

#include <QDate>
#include <QString>
#include <QStringList>

namespace Callvia::Ui {

// What a click on a dashboard card or chart asks for: a list view and the filter it applies.
// The dashboard fills it from its period and client; the main window switches to the target
// view and applies the filter through the view's public methods (LeadsView::applyFilter,
// AppointmentsView::setFilter/showDate, BillingView::setFilter).
struct ListRequest
{
    enum Target { Leads, Appointments, Invoices };
    // Which time column of a lead the period applies to.
    enum LeadTime { CreatedInPeriod, ContactedInPeriod };
    // The invoices' periods the billing view offers (BillingView::Period), nearest to the card's.
    enum InvoicePeriod { AllTime, ThisMonth, LastMonth, Last3Months, Last12Months };

    Target target = Leads;
    qint64 clientId = 0; // 0 = every client the user may see
    qint64 fromMs = 0; // [fromMs, toMs) UTC, the dashboard's period
    qint64 toMs = 0;
    LeadTime leadTime = CreatedInPeriod;
    QStringList statuses; // leads: any of these; appointments: the first (empty = any)
    QDate day; // appointments: the day to show (the viewer's zone)
    InvoicePeriod invoicePeriod = AllTime;
    QString caption; // what was clicked, for the target's filter caption ("Leads added")
};

} // namespace Callvia::Ui
