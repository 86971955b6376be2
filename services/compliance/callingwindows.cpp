#include "callingwindows.h"

#include "callingfacts.h"

#include <QHash>
#include <QLocale>

namespace Callvia::Services::Compliance::CallingWindows {

namespace {

QString clock(int minute)
{
    return QStringLiteral("%1:%2").arg(minute / 60, 2, 10, QLatin1Char('0')).arg(minute % 60, 2, 10, QLatin1Char('0'));
}

QString span(int start, int end)
{
    return clock(start) + QLatin1Char('-') + clock(end);
}

// Narrows `window` to [start, end) under `rule`.
void narrow(LocalWindow &window, int start, int end, const QString &rule)
{
    if (start > window.startMinute) {
        window.startMinute = start;
        window.startRule = rule;
    }
    if (end < window.endMinute) {
        window.endMinute = end;
        window.endRule = rule;
    }
    if (window.closed() && window.closedRule.isEmpty())
        window.closedRule = rule;
}

void close(LocalWindow &window, const QString &rule)
{
    if (window.closedRule.isEmpty())
        window.closedRule = rule;
    window.endMinute = window.startMinute;
}

// The n-th (1-based) `weekday` of a month, or the last one when n is 0.
QDate nthWeekday(int year, int month, int weekday, int n)
{
    if (n == 0) {
        QDate last(year, month, QDate(year, month, 1).daysInMonth());
        return last.addDays(-((last.dayOfWeek() - weekday + 7) % 7));
    }
    QDate first(year, month, 1);
    return first.addDays((weekday - first.dayOfWeek() + 7) % 7 + 7 * (n - 1));
}

bool isFixedHoliday(QDate date)
{
    static const int fixed[][2] = { { 1, 1 }, { 6, 19 }, { 7, 4 }, { 11, 11 }, { 12, 25 } };
    for (const auto &md : fixed) {
        const QDate day(date.year(), md[0], md[1]);
        // Observed: a Saturday holiday on the Friday before, a Sunday one on the Monday after.
        const QDate observed = day.dayOfWeek() == 6 ? day.addDays(-1) : day.dayOfWeek() == 7 ? day.addDays(1) : day;
        if (date == day || date == observed)
            return true;
    }
    // New Year's Day of next year observed on 31 December.
    return date.month() == 12 && date.day() == 31 && date.dayOfWeek() == 5;
}

void applyState(LocalWindow &window, const QString &state, QDate date)
{
    const int day = date.dayOfWeek();
    const QString name = stateName(state);
    if (state == QLatin1String("FL") || state == QLatin1String("OK") || state == QLatin1String("MD")
        || state == QLatin1String("WA") || state == QLatin1String("MA"))
        narrow(window, 8 * 60, 20 * 60, name + QStringLiteral(" 08:00-20:00"));
    else if (state == QLatin1String("TX"))
        narrow(window, day == 7 ? 12 * 60 : 9 * 60, 21 * 60,
               day == 7 ? QStringLiteral("Texas Sunday 12:00-21:00") : QStringLiteral("Texas Mon-Sat 09:00-21:00"));
    else if (state == QLatin1String("AL") || state == QLatin1String("LA") || state == QLatin1String("MS")) {
        narrow(window, 8 * 60, 20 * 60, name + QStringLiteral(" 08:00-20:00"));
        if (day == 7)
            close(window, name + QStringLiteral(": no calls on Sunday"));
        else if (state != QLatin1String("MS") && isUsHoliday(date))
            close(window, name + QStringLiteral(": no calls on holidays"));
    } else if (state == QLatin1String("CT") || state == QLatin1String("NV"))
        narrow(window, 9 * 60, 20 * 60, name + QStringLiteral(" 09:00-20:00"));
    else if (state == QLatin1String("KY"))
        narrow(window, 10 * 60, 21 * 60, name + QStringLiteral(" 10:00-21:00"));
    else if (state == QLatin1String("MI") || state == QLatin1String("MN") || state == QLatin1String("NM"))
        narrow(window, 9 * 60, 21 * 60, name + QStringLiteral(" 09:00-21:00"));
}

} // namespace

bool isCanadian(const QString &stateCode)
{
    static const QStringList provinces = { QStringLiteral("AB"), QStringLiteral("BC"), QStringLiteral("MB"),
                                           QStringLiteral("NB"), QStringLiteral("NL"), QStringLiteral("NS"),
                                           QStringLiteral("NT"), QStringLiteral("NU"), QStringLiteral("ON"),
                                           QStringLiteral("PE"), QStringLiteral("QC"), QStringLiteral("SK"),
                                           QStringLiteral("YT") };
    return provinces.contains(stateCode);
}

QString stateName(const QString &stateCode)
{
    static const QHash<QString, QString> names = {
        { QStringLiteral("FL"), QStringLiteral("Florida") }, { QStringLiteral("OK"), QStringLiteral("Oklahoma") },
        { QStringLiteral("MD"), QStringLiteral("Maryland") }, { QStringLiteral("WA"), QStringLiteral("Washington") },
        { QStringLiteral("MA"), QStringLiteral("Massachusetts") }, { QStringLiteral("TX"), QStringLiteral("Texas") },
        { QStringLiteral("AL"), QStringLiteral("Alabama") }, { QStringLiteral("LA"), QStringLiteral("Louisiana") },
        { QStringLiteral("MS"), QStringLiteral("Mississippi") }, { QStringLiteral("CT"), QStringLiteral("Connecticut") },
        { QStringLiteral("NV"), QStringLiteral("Nevada") }, { QStringLiteral("KY"), QStringLiteral("Kentucky") },
        { QStringLiteral("MI"), QStringLiteral("Michigan") }, { QStringLiteral("MN"), QStringLiteral("Minnesota") },
        { QStringLiteral("NM"), QStringLiteral("New Mexico") },
    };
    return names.value(stateCode, stateCode);
}

bool isUsHoliday(QDate date)
{
    const int y = date.year();
    return isFixedHoliday(date) || date == nthWeekday(y, 1, 1, 3) || date == nthWeekday(y, 2, 1, 3)
            || date == nthWeekday(y, 5, 1, 0) || date == nthWeekday(y, 9, 1, 1) || date == nthWeekday(y, 10, 1, 2)
            || date == nthWeekday(y, 11, 4, 4);
}

LocalWindow windowFor(QDate localDate, const QStringList &states, const CallingSettings &settings)
{
    LocalWindow window;
    window.startRule = window.endRule = QStringLiteral("TCPA 08:00-21:00");
    const int day = localDate.dayOfWeek();
    bool canada = false;
    for (const QString &state : states) {
        applyState(window, state, localDate);
        canada = canada || isCanadian(state);
    }
    if (canada) {
        if (day >= 6)
            narrow(window, 10 * 60, 18 * 60, QStringLiteral("Canada weekends 10:00-18:00"));
        else
            narrow(window, 9 * 60, 21 * 60 + 30, QStringLiteral("Canada weekdays 09:00-21:30"));
    }
    const int campaignStart = settings.windowStart.msecsSinceStartOfDay() / 60000;
    const int campaignEnd = settings.windowEnd.msecsSinceStartOfDay() / 60000;
    narrow(window, campaignStart, campaignEnd, QStringLiteral("campaign window ") + span(campaignStart, campaignEnd));
    if (!(settings.callingDays & (1 << (day - 1))))
        close(window, QStringLiteral("campaign does not call on ") + QLocale::c().dayName(day));
    return window;
}

} // namespace Callvia::Services::Compliance::CallingWindows
