#pragma once

// Shared fixture of the lead export and bulk action tests: two clients with a campaign each (and
// a second, and an archived, campaign of client A), users of every role, and leads.
#include <models/repositories/auditrepository.h>
#include <models/repositories/campaignrepository.h>
#include <models/repositories/clientrepository.h>
#include <models/clock.h>
#include <models/database.h>
#include <models/repositories/leadrepository.h>
#include <models/repositories/userrepository.h>
#include <services/auth/session.h>

namespace Callvia::Tests {

struct LeadsFixture
{
    qint64 clientA = 0, clientB = 0;
    qint64 campaignA = 0, otherA = 0, archivedA = 0, campaignB = 0;
    Services::Session admin, staff, clientUserA;

    static qint64 addUser(Models::Database &db, const Models::Clock &clock, const QString &name, const QString &role,
                          qint64 clientId)
    {
        Models::UserRecord user;
        user.username = name;
        user.role = role;
        user.clientId = clientId;
        user.passwordHash = QStringLiteral("not-a-hash");
        return Models::UserRepository(db, clock).insert(user).valueOr(0);
    }

    static qint64 addCampaign(Models::Database &db, const Models::Clock &clock, qint64 clientId, const QString &name,
                              const QString &status = QStringLiteral("active"))
    {
        Models::CampaignRecord campaign;
        campaign.clientId = clientId;
        campaign.name = name;
        campaign.status = status;
        return Models::CampaignRepository(db, clock, Models::TenantScope::agency()).insert(campaign).valueOr(0);
    }

    static LeadsFixture seed(Models::Database &db, const Models::Clock &clock)
    {
        LeadsFixture f;
        const Models::ClientRepository clients(db, clock, Models::TenantScope::agency());
        Models::ClientRecord a;
        a.name = QStringLiteral("Alpha");
        f.clientA = clients.insert(a).valueOr(0);
        Models::ClientRecord b;
        b.name = QStringLiteral("Beta");
        f.clientB = clients.insert(b).valueOr(0);
        f.campaignA = addCampaign(db, clock, f.clientA, QStringLiteral("A spring"));
        f.otherA = addCampaign(db, clock, f.clientA, QStringLiteral("A autumn"));
        f.archivedA = addCampaign(db, clock, f.clientA, QStringLiteral("A old"), QStringLiteral("archived"));
        f.campaignB = addCampaign(db, clock, f.clientB, QStringLiteral("B spring"));
        using Role = Services::Session::Role;
        f.admin = Services::Session(addUser(db, clock, QStringLiteral("ada"), QStringLiteral("admin"), 0),
                                    QStringLiteral("ada"), Role::Admin, 0);
        f.staff = Services::Session(addUser(db, clock, QStringLiteral("sam"), QStringLiteral("staff"), 0),
                                    QStringLiteral("sam"), Role::Staff, 0);
        f.clientUserA = Services::Session(addUser(db, clock, QStringLiteral("carol"), QStringLiteral("client"), f.clientA),
                                          QStringLiteral("carol"), Role::Client, f.clientA);
        return f;
    }

    // `count` leads of a campaign, numbered from `first` (phones +1212555xxxx must stay distinct).
    static QList<qint64> addLeads(Models::Database &db, const Models::Clock &clock, qint64 clientId, qint64 campaignId,
                                  int first, int count, const QString &status = QStringLiteral("new"))
    {
        const Models::LeadRepository leads(db, clock, Models::TenantScope::agency());
        QList<qint64> ids;
        Models::Transaction tx(db);
        for (int i = first; i < first + count; ++i) {
            Models::LeadRecord l;
            l.clientId = clientId;
            l.campaignId = campaignId;
            l.firstName = QStringLiteral("Lead%1").arg(i);
            l.lastName = QStringLiteral("Number");
            l.phoneE164 = QStringLiteral("+1212%1").arg(5550000 + i);
            l.email = QStringLiteral("lead%1@example.com").arg(i);
            l.status = status;
            ids << leads.insert(l).valueOr(0);
        }
        tx.commit();
        return ids;
    }

    static QList<Models::AuditRecord> audit(Models::Database &db, const QString &action)
    {
        return Models::AuditRepository(db, Models::TenantScope::agency()).list(action).valueOr({});
    }
};

} // namespace Callvia::Tests
