// DialerLivePanel on SQLite and PostgreSQL: Start writes the running state and the panel shows it;
// the next leads in line are listed and, for a lead without consent, why it is not callable now;
// a client user sees the panel without the controls.
#include <common/testdatabase.h>
#include <models/clock.h>
#include <models/repositories/callingsettingsrepository.h>
#include <models/repositories/campaignrepository.h>
#include <models/repositories/clientrepository.h>
#include <models/repositories/dialerrepository.h>
#include <models/repositories/leadrepository.h>
#include <services/auth/session.h>
#include <ui/campaigns/dialerlivepanel.h>

#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QTimeZone>
#include <QtTest>

using namespace Callvia;

class tst_DialerLivePanel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void startShowsStateLineAndReason_data() { Tests::TestDatabase::addBackendRows(); }
    void startShowsStateLineAndReason();
    void abandonmentFigureAndCompactWithoutCampaign_data() { Tests::TestDatabase::addBackendRows(); }
    void abandonmentFigureAndCompactWithoutCampaign();
};

namespace {

// The client "Dental Co" and its campaign "Winter recall": {client id, campaign id}.
std::pair<qint64, qint64> clientAndCampaign(Models::Database &db, const Models::Clock &clock)
{
    const Models::TenantScope agency = Models::TenantScope::agency();
    Models::ClientRecord client;
    client.name = QStringLiteral("Dental Co");
    const qint64 clientId = Models::ClientRepository(db, clock, agency).insert(client).value();
    Models::CampaignRecord campaign;
    campaign.clientId = clientId;
    campaign.name = QStringLiteral("Winter recall");
    return { clientId, Models::CampaignRepository(db, clock, agency).insert(campaign).value() };
}

} // namespace

void tst_DialerLivePanel::startShowsStateLineAndReason()
{
    CALLVIA_TEST_DATABASE(db);
    Models::TestClock clock(QDateTime(QDate(2026, 12, 8), QTime(10, 0), QTimeZone("America/New_York")));
    const Models::TenantScope agency = Models::TenantScope::agency();
    const std::pair<qint64, qint64> ids = clientAndCampaign(db, clock);
    const qint64 clientId = ids.first, campaignId = ids.second;
    Models::CampaignCallingSettings settings;
    settings.campaignId = campaignId;
    settings.nationalDncSnapshot = QDate(2026, 12, 1);
    QVERIFY(!Models::CallingSettingsRepository(db, clock, agency).save(settings));
    Models::LeadRecord lead;
    lead.clientId = clientId;
    lead.campaignId = campaignId;
    lead.firstName = QStringLiteral("Ana");
    lead.phoneE164 = QStringLiteral("+12125550100");
    QVERIFY(Models::LeadRepository(db, clock, agency).insert(lead).ok()); // no consent record

    const Services::Session admin(1, QStringLiteral("root"), Services::Session::Role::Admin, 0);
    Ui::DialerLivePanel panel(db, clock, admin);
    panel.setCampaign(campaignId);
    auto *state = panel.findChild<QLabel *>(QStringLiteral("dialerState"));
    QTRY_VERIFY(state->text().contains(QLatin1String("Stopped")));
    QPushButton *start = nullptr;
    for (QPushButton *button : panel.findChildren<QPushButton *>())
        if (button->text() == QLatin1String("Start dialing"))
            start = button;
    QVERIFY(start && start->isEnabled());
    start->click();
    QTRY_VERIFY(state->text().contains(QLatin1String("Dialing")));
    QCOMPARE(Models::DialerRepository(db, clock, agency).state(campaignId).value().state, QStringLiteral("running"));
    auto *next = panel.findChild<QTableWidget *>(QStringLiteral("dialerNext"));
    QTRY_COMPARE(next->rowCount(), 1);
    QCOMPARE(next->item(0, 0)->text(), QStringLiteral("Ana"));
    next->selectRow(0);
    auto *why = panel.findChild<QLabel *>(QStringLiteral("dialerWhy"));
    QTRY_VERIFY2(why->text().contains(QLatin1String("no consent record")), qPrintable(why->text()));

    const Services::Session clientUser(2, QStringLiteral("dental"), Services::Session::Role::Client, clientId);
    panel.setSession(clientUser);
    QVERIFY(!start->isVisibleTo(&panel));
}

void tst_DialerLivePanel::abandonmentFigureAndCompactWithoutCampaign()
{
    CALLVIA_TEST_DATABASE(db);
    Models::TestClock clock(QDateTime(QDate(2026, 12, 8), QTime(10, 0), QTimeZone("America/New_York")));
    const Models::TenantScope agency = Models::TenantScope::agency();
    const std::pair<qint64, qint64> ids = clientAndCampaign(db, clock);
    const qint64 clientId = ids.first, campaignId = ids.second;
    Models::LeadRecord lead;
    lead.clientId = clientId;
    lead.campaignId = campaignId;
    lead.firstName = QStringLiteral("Ana");
    lead.phoneE164 = QStringLiteral("+12125550100");
    const qint64 leadId = Models::LeadRepository(db, clock, agency).insert(lead).value();
    // 30 live answers in the last 30 days, one abandoned (3.3 %); one older abandoned call and a
    // voicemail do not count.
    const Models::DialerRepository repo(db, clock, agency);
    const auto call = [&](const QString &outcome, qint64 queuedAt) {
        Models::DialerCallRecord record;
        record.clientId = clientId;
        record.campaignId = campaignId;
        record.leadId = leadId;
        record.toNumber = lead.phoneE164;
        record.queuedAt = queuedAt;
        const qint64 id = repo.insertCall(record).value();
        QVERIFY(!repo.finishCall(id, QStringLiteral("ended"), outcome, QString(), queuedAt + 60'000));
    };
    const qint64 dayMs = 86'400'000;
    for (int i = 0; i < 29; ++i)
        call(QStringLiteral("answered"), clock.nowMs() - i * dayMs / 2);
    call(QStringLiteral("abandoned"), clock.nowMs() - 3 * dayMs);
    call(QStringLiteral("abandoned"), clock.nowMs() - 31 * dayMs);
    call(QStringLiteral("voicemail"), clock.nowMs() - dayMs);
    const Models::DialerAbandonment rate = repo.abandonment(campaignId, clock.nowMs() - 30 * dayMs).value();
    QCOMPARE(rate.liveAnswers, 30);
    QCOMPARE(rate.abandoned, 1);
    QVERIFY(rate.overLimit()); // 1 of 30 is 3.3 %

    const Services::Session admin(1, QStringLiteral("root"), Services::Session::Role::Admin, 0);
    Ui::DialerLivePanel panel(db, clock, admin);
    panel.resize(900, 600);
    panel.show();
    auto *next = panel.findChild<QTableWidget *>(QStringLiteral("dialerNext"));
    QVERIFY(!next->isVisible()); // no campaign: the panel is one line
    const int compact = panel.sizeHint().height();
    panel.setCampaign(campaignId);
    QVERIFY(next->isVisible());
    QVERIFY(panel.sizeHint().height() > compact);
    auto *abandoned = panel.findChild<QLabel *>(QStringLiteral("dialerAbandoned"));
    QTRY_COMPARE(abandoned->text(), QStringLiteral("3.3 %"));
    QVERIFY2(abandoned->toolTip().contains(QLatin1String("1 of 30")), qPrintable(abandoned->toolTip()));
    QVERIFY(!abandoned->styleSheet().isEmpty()); // above the limit: shown in red
}

QTEST_MAIN(tst_DialerLivePanel)
#include "tst_dialerlivepanel.moc"
