#pragma once

#include <models/records.h>

#include <QString>

namespace Callvia::Ui {

// What an audit entry changed, readable: "role: staff → admin" for each field whose value
// differs between before and after, or "imported: 2, rejected: 1, file: leads.csv" when there
// is only an after (an import, a backup). Empty values are left out.
QString auditDetails(const Models::AuditRecord &entry);

} // namespace Callvia::Ui
