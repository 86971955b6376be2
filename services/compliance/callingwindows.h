#pragma once

#include <QDate>
#include <QString>
#include <QStringList>

// The legal calling window of one local day (TCPA, the state mini-TCPAs of compliance.md and
// Canada's CRTC rules), narrowed by the campaign's own window and days. Every candidate state
// applies at once: the strictest window wins.
namespace Callvia::Services::Compliance {

struct CallingSettings;

struct LocalWindow
{
    int startMinute = 8 * 60; // minutes after local midnight, inclusive
    int endMinute = 21 * 60; // exclusive
    QString startRule; // the rule that set the start ("TCPA 08:00-21:00", "TX Sunday 12:00-21:00")
    QString endRule; // the rule that set the end
    QString closedRule; // when the day is closed: the rule that closed it
    bool closed() const { return endMinute <= startMinute; }
};

namespace CallingWindows {

LocalWindow windowFor(QDate localDate, const QStringList &states, const CallingSettings &settings);
bool isCanadian(const QString &stateCode);
QString stateName(const QString &stateCode); // "FL" -> "Florida"; the code itself when unknown
// US federal holidays and their observed weekdays (AL and LA forbid calls on holidays).
bool isUsHoliday(QDate date);

} // namespace CallingWindows

} // namespace Callvia::Services::Compliance
