#include "stripehandler.h"

#include "clientattribution.h"
#include "payloadfields.h"

#include <models/repositories/billingrepository.h>
#include <models/clock.h>
#include <models/repositories/invoicerepository.h>
#include <models/repositories/milestonerepository.h>
#include <services/providerconfig.h>

#include <QLoggingCategory>

namespace Callvia::Services {

using namespace Models;
namespace P = PayloadFields;

namespace {
Q_LOGGING_CATEGORY(lcStripeApply, "callvia.webhooks.stripe")
}

bool parseStripeEvent(const QByteArray &body, StripeInvoiceEvent *out, QString *error)
{
    QJsonObject root;
    if (!P::parseObject(body, &root, error))
        return false;
    if (!P::requireText(root, QStringLiteral("id"), &out->id, error))
        return false;
    if (!P::requireText(root, QStringLiteral("type"), &out->type, error))
        return false;
    const qint64 created = P::integer(root.value(QLatin1String("created")), 0);
    out->createdMs = created > 0 && created < 100'000'000'000 ? created * 1000 : 0;
    const QJsonObject object = P::at(root, QStringLiteral("data.object")).toObject();
    out->objectId = P::text(object, QStringLiteral("id"));
    out->objectStatus = P::text(object, QStringLiteral("status"));
    out->localInvoiceId = qMax<qint64>(0, P::integer(P::at(object, QStringLiteral("metadata.invoice_id")), 0));
    out->number = P::text(object, QStringLiteral("number"));
    out->hostedUrl = P::text(object, QStringLiteral("hosted_invoice_url"));
    const qint64 paidAt = P::integer(P::at(object, QStringLiteral("status_transitions.paid_at")), 0);
    out->paidAtMs = paidAt > 0 && paidAt < 100'000'000'000 ? paidAt * 1000 : 0;
    const QJsonValue livemode = root.value(QLatin1String("livemode"));
    out->livemode = livemode.isBool() ? int(livemode.toBool()) : -1;
    return true;
}

// issue 22: the milestone billed by the invoice follows it: invoiced once Stripe has it open, void
// with a voided invoice, and a failed payment noted on it (paid is markPaidByInvoice above).
DbError StripeHandler::applyToMilestone(const InvoiceRecord &invoice, const StripeInvoiceEvent &event) const
{
    const BillingRepository billing(m_database, m_clock, TenantScope::agency());
    DbResult<int> n = 0;
    if (invoice.status == QLatin1String("open"))
        n = billing.setMilestoneStatusByInvoice(invoice.id, QStringLiteral("invoiced"));
    else if (invoice.status == QLatin1String("void"))
        n = billing.setMilestoneStatusByInvoice(invoice.id, QStringLiteral("void"));
    if (n.ok() && event.type == QLatin1String("invoice.payment_failed"))
        n = billing.setMilestonePaymentError(invoice.id, QStringLiteral("payment failed (") + event.id + QLatin1Char(')'));
    return n.ok() ? DbError() : n.error();
}

StripeHandler::StripeHandler(Database &database, const Clock &clock, const ProviderConfig *config)
    : m_database(database), m_clock(clock), m_config(config)
{
}

std::optional<bool> StripeHandler::configuredLivemode(const ProviderConfig &config)
{
    const QString mode = config.value(QStringLiteral("stripe"), QStringLiteral("livemode")).trimmed().toLower();
    if (mode == QLatin1String("true") || mode == QLatin1String("live") || mode == QLatin1String("1"))
        return true;
    if (mode == QLatin1String("false") || mode == QLatin1String("test") || mode == QLatin1String("0"))
        return false;
    const QString key = config.value(QStringLiteral("stripe"), QStringLiteral("api_key")).trimmed();
    if (key.startsWith(QLatin1String("sk_live_")) || key.startsWith(QLatin1String("rk_live_")))
        return true;
    if (key.startsWith(QLatin1String("sk_test_")) || key.startsWith(QLatin1String("rk_test_")))
        return false;
    return std::nullopt;
}

QString StripeHandler::statusForType(const QString &type)
{
    if (type == QLatin1String("invoice.finalized") || type == QLatin1String("invoice.sent")
        || type == QLatin1String("invoice.payment_failed"))
        return QStringLiteral("open");
    if (type == QLatin1String("invoice.paid") || type == QLatin1String("invoice.payment_succeeded"))
        return QStringLiteral("paid");
    if (type == QLatin1String("invoice.voided"))
        return QStringLiteral("void");
    if (type == QLatin1String("invoice.marked_uncollectible"))
        return QStringLiteral("uncollectible");
    return {};
}

bool StripeHandler::identify(const QByteArray &body, const QUrlQuery &, QList<IncomingEvent> *events,
                             QString *error) const
{
    StripeInvoiceEvent event;
    if (!parseStripeEvent(body, &event, error))
        return false;
    events->append({ event.id, event.type,
                     event.objectId.isEmpty() ? QString() : QStringLiteral("invoice:") + event.objectId, body });
    return true;
}

DbError StripeHandler::apply(const EventRecord &record)
{
    StripeInvoiceEvent event;
    QString parseError;
    if (!parseStripeEvent(record.rawBody, &event, &parseError))
        return { DbError::Invalid, parseError };
    if (m_config) {
        const std::optional<bool> live = configuredLivemode(*m_config);
        if (!live) {
            qCWarning(lcStripeApply, "event %s ignored: the Stripe mode is not configured (set "
                                     "CALLVIA_STRIPE_LIVEMODE or a sk_live_/sk_test_ API key)",
                      qPrintable(event.id));
            return {};
        }
        if (event.livemode != int(*live)) {
            qCWarning(lcStripeApply, "event %s ignored: livemode %s does not match the configured %s mode",
                      qPrintable(event.id),
                      event.livemode < 0 ? "absent" : (event.livemode ? "true" : "false"), *live ? "live" : "test");
            return {};
        }
    }
    const QString status = statusForType(event.type);
    if (status.isEmpty())
        return {};
    InvoiceRepository invoices(m_database, m_clock, TenantScope::agency());
    DbResult<InvoiceRecord> invoice = event.objectId.isEmpty()
            ? DbResult<InvoiceRecord>(DbError(DbError::NotFound, QStringLiteral("no invoice id")))
            : invoices.findByStripeId(event.objectId);
    if (!invoice.ok() && invoice.error().kind() == DbError::NotFound && event.localInvoiceId > 0) {
        invoice = invoices.find(event.localInvoiceId);
        // metadata may name one of our invoices that is already tied to another Stripe invoice
        if (invoice.ok() && !invoice.value().stripeInvoiceId.isEmpty()
            && invoice.value().stripeInvoiceId != event.objectId)
            invoice = DbError(DbError::NotFound, QStringLiteral("metadata names another invoice"));
    }
    if (!invoice.ok()) {
        if (invoice.error().kind() != DbError::NotFound)
            return invoice.error();
        qCInfo(lcStripeApply, "event %s: no local invoice for %s, nothing changed", qPrintable(event.id),
               qPrintable(event.objectId));
        return {};
    }
    InvoiceRepository::StatusUpdate update;
    update.status = status;
    update.stripeInvoiceId = event.objectId;
    update.number = event.number;
    update.hostedUrl = event.hostedUrl;
    if (event.type == QLatin1String("invoice.sent"))
        update.sentAt = event.createdMs ? event.createdMs : m_clock.nowMs();
    if (status == QLatin1String("paid"))
        update.paidAt = event.paidAtMs ? event.paidAtMs : (event.createdMs ? event.createdMs : m_clock.nowMs());
    if (event.type == QLatin1String("invoice.payment_failed"))
        update.error = QStringLiteral("payment failed (") + event.id + QLatin1Char(')');
    DbResult<bool> changed = invoices.applyProviderStatus(invoice.value().id, update);
    if (!changed.ok())
        return changed.error();
    DbResult<InvoiceRecord> after = invoices.find(invoice.value().id);
    if (!after.ok())
        return after.error();
    if (DbError error = ClientAttribution(m_database, m_clock).markAttributed(record.id, after.value().clientId))
        return error;
    if (after.value().status == QLatin1String("paid")) {
        DbResult<int> n = MilestoneRepository(m_database, m_clock, TenantScope::agency()).markPaidByInvoice(after.value().id);
        if (!n.ok())
            return n.error();
    }
    return applyToMilestone(after.value(), event);
}

} // namespace Callvia::Services
