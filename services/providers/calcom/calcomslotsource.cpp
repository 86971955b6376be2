#include "calcomslotsource.h"

#include "calcomclient.h"

namespace Callvia::Services {

RebookService::SlotSource calcomSlotSource(const ProviderConfig &config, Models::Database &database,
                                           const Models::Clock &clock)
{
    return [&config, &database, &clock](qint64 clientId, const QString &timeZone, qint64 fromMs, qint64 toMs) {
        RebookService::SlotOffer offer;
        const Models::DbResult<CalcomClient::Settings> settings = CalcomClient::settingsFor(config, database, clock, clientId);
        if (!settings.ok()) {
            offer.error = settings.error().message();
            return offer;
        }
        const CalcomClient client(settings.value());
        if (!client.configurationError().isEmpty())
            return offer; // not configured for this client: the plain link, nothing to record
        const CalcomClient::Slots found = client.freeSlots(fromMs, toMs, timeZone);
        offer.startsMs = found.startsMs;
        offer.error = found.error;
        return offer;
    };
}

} // namespace Callvia::Services
