#include "candidateplaces.h"

#include "areacodecandidates.h"

#include <services/importing/areacodezones.h>
#include <services/importing/nanpstates.h>

#include <QHash>
#include <QMutex>
#include <QTimeZone>

#include <algorithm>

namespace Callvia::Services::Compliance::Candidates {

namespace {

bool isZone(const QString &id)
{
    static QMutex mutex;
    static QHash<QString, bool> known;
    QMutexLocker lock(&mutex);
    auto it = known.constFind(id);
    if (it == known.constEnd())
        it = known.insert(id, !id.isEmpty() && QTimeZone::isTimeZoneIdAvailable(id.toUtf8()));
    return *it;
}

void addZone(QStringList &zones, const QString &id)
{
    if (isZone(id) && !zones.contains(id))
        zones.append(id);
}

const AreaCodeCandidates::Entry *findAreaCode(const QString &e164)
{
    if (!e164.startsWith(QLatin1String("+1")) || e164.size() < 5)
        return nullptr;
    bool ok = false;
    const int areaCode = QStringView(e164).mid(2, 3).toInt(&ok);
    if (!ok)
        return nullptr;
    const auto *begin = AreaCodeCandidates::entriesBegin();
    const auto *end = AreaCodeCandidates::entriesEnd();
    const auto *it = std::lower_bound(begin, end, areaCode,
                                      [](const AreaCodeCandidates::Entry &e, int key) { return e.areaCode < key; });
    return it != end && it->areaCode == areaCode ? it : nullptr;
}

QStringList split(const char *list)
{
    return QString::fromLatin1(list).split(QLatin1Char(','), Qt::SkipEmptyParts);
}

} // namespace

QString stateCode(const QString &region)
{
    const QString trimmed = region.trimmed();
    if (trimmed.isEmpty())
        return {};
    QString code = trimmed.size() == 2 ? trimmed.toUpper() : NanpStates::codeForDescription(trimmed);
    if (code.size() != 2) // a name we do not know; maybe a code after all ("Fl.")
        code = NanpStates::codeForDescription(trimmed.left(1).toUpper() + trimmed.mid(1).toLower());
    return code.size() == 2 && code.at(0).isLetter() && code.at(1).isLetter() ? code.toUpper() : QString();
}

CandidatePlaces forLead(const QString &phoneE164, const QString &leadTimeZone, const QString &leadRegion,
                        const QString &clientTimeZone)
{
    CandidatePlaces places;
    const bool nanp = phoneE164.startsWith(QLatin1String("+1"));
    if (const AreaCodeCandidates::Entry *entry = findAreaCode(phoneE164)) {
        for (const QString &zone : split(entry->zones))
            addZone(places.zones, zone);
        places.states = split(entry->states);
    } else if (!nanp) {
        addZone(places.zones, AreaCodeZones::zoneForNumber(phoneE164));
    }
    places.tollFree = places.zones.isEmpty();
    // The address (the lead's own zone and state) adds to the number's, never replaces it.
    addZone(places.zones, leadTimeZone);
    if (places.zones.isEmpty())
        addZone(places.zones, clientTimeZone);
    const QString state = stateCode(leadRegion);
    if (!state.isEmpty() && !places.states.contains(state))
        places.states.append(state);
    return places;
}

} // namespace Callvia::Services::Compliance::Candidates
