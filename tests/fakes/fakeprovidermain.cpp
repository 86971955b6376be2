// callvia-fakeprovider: the four fake provider servers on loopback, for a demo by hand.
//   callvia-fakeprovider [--port BASE] [--key KEY] [--mode normal|fail|throttle|slow|hang|garbage]
// MessageBird listens on BASE, SendGrid on BASE+1, Stripe on BASE+2, Retell on BASE+3; the
// environment lines to point Callvia at them are printed. Ctrl-C stops it.
#include "fakeproviders.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

#include <memory>
#include <vector>

using namespace Callvia::Fakes;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Fake SendGrid, MessageBird, Stripe and Retell servers on 127.0.0.1"));
    parser.addHelpOption();
    parser.addOption({ QStringLiteral("port"), QStringLiteral("First port (0 = any free ports)."), QStringLiteral("BASE"),
                       QStringLiteral("0") });
    parser.addOption({ QStringLiteral("key"), QStringLiteral("API key the fakes accept."), QStringLiteral("KEY"),
                       QStringLiteral("fake-key") });
    parser.addOption({ QStringLiteral("mode"), QStringLiteral("normal, fail, throttle, slow, hang or garbage."),
                       QStringLiteral("MODE"), QStringLiteral("normal") });
    parser.process(app);
    const QString key = parser.value(QStringLiteral("key"));
    const QHash<QString, FakeProvider::Mode> modes {
        { QStringLiteral("normal"), FakeProvider::Mode::Normal }, { QStringLiteral("fail"), FakeProvider::Mode::Fail },
        { QStringLiteral("throttle"), FakeProvider::Mode::Throttle }, { QStringLiteral("slow"), FakeProvider::Mode::Slow },
        { QStringLiteral("hang"), FakeProvider::Mode::Hang }, { QStringLiteral("garbage"), FakeProvider::Mode::Garbage },
    };
    QTextStream err(stderr);
    if (!modes.contains(parser.value(QStringLiteral("mode")))) {
        err << "unknown --mode " << parser.value(QStringLiteral("mode")) << "\n";
        return 2;
    }
    std::vector<std::unique_ptr<FakeProvider>> fakes;
    fakes.push_back(std::make_unique<FakeMessageBird>(key));
    fakes.push_back(std::make_unique<FakeSendGrid>(key));
    fakes.push_back(std::make_unique<FakeStripe>(key));
    fakes.push_back(std::make_unique<FakeRetell>(key));
    const int base = parser.value(QStringLiteral("port")).toInt();
    QTextStream out(stdout);
    for (size_t i = 0; i < fakes.size(); ++i) {
        FakeProvider &fake = *fakes[i];
        fake.setKeepRequests(false);
        fake.setMode(modes.value(parser.value(QStringLiteral("mode"))), -1, 503, 2000);
        if (!fake.listen(base ? quint16(base + int(i)) : 0)) {
            err << "cannot listen for " << fake.name() << "\n";
            return 1;
        }
        const QString upper = fake.name().toUpper();
        out << "export CALLVIA_" << upper << "_API_BASE=" << fake.baseUrl() << " CALLVIA_" << upper
            << "_API_KEY=" << key << "\n";
    }
    out << "# also: CALLVIA_MESSAGEBIRD_ORIGINATOR=Callvia CALLVIA_SENDGRID_FROM_EMAIL=reminders@example.com "
           "CALLVIA_RETELL_FROM_NUMBER=+14155550100\n";
    out.flush();
    return app.exec();
}
