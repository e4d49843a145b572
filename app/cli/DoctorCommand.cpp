#include "DoctorCommand.h"

#include "CliDefaults.h"
#include "CliOptions.h"
#include "CliOutput.h"
#include "ExitCode.h"
#include "core/Doctor.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

namespace ks::app {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(ks::app::DoctorCommand)
};

} // namespace

int runDoctorCommand(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(Tr::tr(
        "Check the bench before a shift: the profile, the PKCS#11 module, pcscd and the readers (OpenSC), "
        "the CA (anchor, TLS pin, its certificate's validity, the clock), the journal and the disk. "
        "One line per check; exit 1 when a check fails (warnings do not)."));
    parser.addHelpOption();
    parser.addOption({ QStringLiteral("profile"),
                       Tr::tr("Profile file (default $KEYSTATION_PROFILE, else "
                              "~/.config/KeyStation/keystation/profile.json)."),
                       QStringLiteral("file") });
    parser.addOption({ QStringLiteral("module"),
                       Tr::tr("PKCS#11 module of the hub (default $KEYSTATION_PKCS11_MODULE or OpenSC)."),
                       QStringLiteral("path") });
    parser.addOption({ QStringLiteral("journal"),
                       Tr::tr("SQLite journal file (default $KEYSTATION_JOURNAL)."),
                       QStringLiteral("path") });
    parser.addOption(
        { QStringLiteral("pg-conf"), Tr::tr("PostgreSQL journal connection file."), QStringLiteral("file") });
    parser.addOption({ QStringLiteral("json"), Tr::tr("One JSON document with every check.") });
    parser.addOption({ QStringLiteral("timeout"), Tr::tr("Seconds to wait for the CA (default 15)."),
                       QStringLiteral("seconds"), QStringLiteral("15") });
    if (const auto done = cli::parse(parser, QStringLiteral("doctor"), args))
        return *done;
    QTextStream &err = cliErr();
    QTextStream &out = cliOut();

    core::DoctorConfig config;
    config.profilePath = parser.isSet(QStringLiteral("profile")) ? parser.value(QStringLiteral("profile"))
                                                                 : defaultProfile();
    config.modulePath = parser.isSet(QStringLiteral("module")) ? parser.value(QStringLiteral("module"))
                                                               : defaultModules().value(0);
    bool ok = false;
    const int timeout = parser.value(QStringLiteral("timeout")).toInt(&ok);
    if (!ok || timeout < 1) {
        err << Tr::tr("--timeout takes a whole number of seconds, at least 1.") << Qt::endl;
        return UsageError;
    }
    config.caTimeout = std::chrono::seconds(timeout);
    if (parser.isSet(QStringLiteral("pg-conf"))) {
        auto pg = core::JournalConfig::fromPgConfFile(parser.value(QStringLiteral("pg-conf")));
        if (!pg) {
            err << pg.error().message << Qt::endl;
            return UsageError;
        }
        config.journal = *pg;
    } else {
        config.journal = core::JournalConfig::sqlite(parser.value(QStringLiteral("journal")));
    }

    const QList<core::DoctorCheck> checks = core::Doctor::run(config);
    const bool failed = core::Doctor::anyFailed(checks);
    if (parser.isSet(QStringLiteral("json"))) {
        QJsonArray array;
        for (const auto &c : checks)
            array.append(c.toJson());
        out << QJsonDocument(
                   QJsonObject { { QStringLiteral("ok"), !failed }, { QStringLiteral("checks"), array } })
                   .toJson(QJsonDocument::Indented)
            << Qt::flush;
    } else {
        for (const auto &c : checks) {
            QString line = QStringLiteral("%1 %2 %3")
                               .arg(core::DoctorCheck::outcomeName(c.outcome), -7)
                               .arg(c.id, -15)
                               .arg(c.detail);
            if (!c.nextStep.isEmpty())
                line += QStringLiteral(" -- ") + c.nextStep;
            out << line << Qt::endl;
        }
    }
    return failed ? Failed : Success;
}

} // namespace ks::app
