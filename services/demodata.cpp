#include "demodata.h"

#include <models/campaignrepository.h>
#include <models/clientrepository.h>
#include <models/clock.h>
#include <models/database.h>
#include <models/leadrepository.h>

#include <QRandomGenerator>
#include <QStringList>

namespace Callvia::Services {

using namespace Models;

namespace {

const char *const firstNames[] = { "Ana", "James", "Maria", "Robert", "Linda", "Michael", "Sofia", "David",
                                   "Emma", "Daniel", "Olivia", "Carlos", "Grace", "Henry", "Chloe", "Noah",
                                   "Isabel", "Lucas", "Mia", "Ethan", "Ava", "Samuel", "Zoe", "Owen" };
const char *const lastNames[] = { "Silva", "Johnson", "Garcia", "Smith", "Brown", "Martinez", "Lee", "Walker",
                                  "Young", "King", "Wright", "Lopez", "Hill", "Scott", "Green", "Adams",
                                  "Baker", "Nelson", "Carter", "Mitchell", "Perez", "Roberts", "Turner", "Phillips" };
const char *const companies[] = { "Sunrise Dental", "Peak Roofing", "Bay Realty", "Harbor HVAC", "Oak Law Group",
                                  "Blue Sky Solar", "Maple Insurance", "Cedar Fitness" };

struct DemoClient
{
    const char *name;
    const char *email;
    const char *timeZone;
    const char *areaCodes;
    qint64 rateCents;
};

const DemoClient demoClients[] = {
    { "Sunrise Dental Group", "ops@sunrisedental.example", "America/Los_Angeles", "415,510,650,408", 20 },
    { "Peak Roofing Co.", "office@peakroofing.example", "America/Denver", "303,720,719", 20 },
    { "Harbor HVAC Services", "dispatch@harborhvac.example", "America/New_York", "212,718,917,646", 22 },
    { "Blue Sky Solar", "sales@blueskysolar.example", "America/Chicago", "312,773,872", 18 },
};

const char *const campaignNames[] = { "Spring reactivation", "New patient outreach", "Estimate follow-up",
                                      "Webinar no-shows" };

// Weighted statuses so every stage of the funnel is visible.
QString pickStatus(QRandomGenerator &rng)
{
    const int roll = int(rng.bounded(100));
    if (roll < 38)
        return QStringLiteral("new");
    if (roll < 60)
        return QStringLiteral("contacted");
    if (roll < 68)
        return QStringLiteral("callback");
    if (roll < 78)
        return QStringLiteral("booked");
    if (roll < 86)
        return QStringLiteral("shown");
    if (roll < 90)
        return QStringLiteral("no_show");
    if (roll < 97)
        return QStringLiteral("not_interested");
    return QStringLiteral("dnc");
}

} // namespace

DemoData::DemoData(Database &database, const Clock &clock) : m_database(database), m_clock(clock) { }

DbResult<bool> DemoData::isEmpty() const
{
    ClientRepository clients(m_database, m_clock);
    DbResult<QList<ClientRecord>> all = clients.list(true);
    if (!all.ok())
        return all.error();
    return all.value().isEmpty();
}

DbError DemoData::load() const
{
    QRandomGenerator rng(20261128);
    ClientRepository clients(m_database, m_clock);
    CampaignRepository campaigns(m_database, m_clock);
    LeadRepository leads(m_database, m_clock);
    Transaction transaction(m_database);
    if (!transaction.isActive())
        return transaction.beginError();
    int clientIndex = 0;
    for (const DemoClient &demo : demoClients) {
        ClientRecord client;
        client.name = QString::fromUtf8(demo.name);
        client.contactEmail = QString::fromUtf8(demo.email);
        client.timeZone = QString::fromUtf8(demo.timeZone);
        client.perMinuteRateCents = demo.rateCents;
        client.stripeCustomerId = QStringLiteral("cus_demo%1").arg(clientIndex + 1);
        DbResult<qint64> clientId = clients.insert(client);
        if (!clientId.ok())
            return clientId.error();
        const QStringList areaCodes = QString::fromUtf8(demo.areaCodes).split(QLatin1Char(','));
        const int campaignCount = 2 + clientIndex % 2;
        int subscriber = 0;
        for (int c = 0; c < campaignCount; ++c) {
            CampaignRecord campaign;
            campaign.clientId = clientId.value();
            campaign.name = QString::fromUtf8(campaignNames[(clientIndex + c) % 4]);
            campaign.status = c == 0 ? QStringLiteral("active") : (c == 1 ? QStringLiteral("paused")
                                                                           : QStringLiteral("draft"));
            campaign.retellAgentId = QStringLiteral("agent_demo_%1_%2").arg(clientIndex).arg(c);
            DbResult<qint64> campaignId = campaigns.insert(campaign);
            if (!campaignId.ok())
                return campaignId.error();
            const int leadCount = 300 + int(rng.bounded(500));
            for (int i = 0; i < leadCount; ++i, ++subscriber) {
                LeadRecord lead;
                lead.clientId = clientId.value();
                lead.campaignId = campaignId.value();
                lead.firstName = QString::fromUtf8(firstNames[rng.bounded(24)]);
                lead.lastName = QString::fromUtf8(lastNames[rng.bounded(24)]);
                // 555-01xx numbers are reserved for fiction; beyond 100 per area code use 555-2xxx.
                const QString areaCode = areaCodes.at(subscriber % areaCodes.size());
                lead.phoneE164 = QStringLiteral("+1%1555%2").arg(areaCode).arg(1000 + subscriber, 4, 10, QLatin1Char('0'));
                lead.email = QStringLiteral("%1.%2.%3@example.com")
                                     .arg(lead.firstName.toLower(), lead.lastName.toLower())
                                     .arg(subscriber);
                lead.company = QString::fromUtf8(companies[rng.bounded(8)]);
                lead.timeZone = client.timeZone;
                lead.status = c == 2 ? QStringLiteral("new") : pickStatus(rng);
                lead.consentType = QStringLiteral("written");
                lead.consentAt = m_clock.nowMs() - qint64(rng.bounded(90)) * 86'400'000;
                lead.consentSource = QStringLiteral("web form");
                lead.createdAt = lead.consentAt;
                DbResult<qint64> leadId = leads.insert(lead);
                if (!leadId.ok())
                    return leadId.error();
            }
        }
        ++clientIndex;
    }
    return transaction.commit();
}

} // namespace Callvia::Services
