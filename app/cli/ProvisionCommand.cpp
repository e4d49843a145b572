#include "ProvisionCommand.h"

#include "CliDefaults.h"
#include "CliOutput.h"

#include "CliPassword.h"
#include "CliSignals.h"
#include "core/Journal.h"
#include "core/Station.h"
#include "device/TokenWatcher.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QStandardPaths>
#include <QTextStream>
#include <QTimer>

namespace ks::app {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(ks::app::ProvisionCommand)
};

QTextStream &out()
{
    return cliOut();
}

QString stamp()
{
    return QDateTime::currentDateTime().toString(QStringLiteral("HH:mm:ss.zzz"));
}

QString defaultProfile()
{
    const QString env = qEnvironmentVariable("KEYSTATION_PROFILE");
    if (!env.isEmpty())
        return env;
    return QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation)
        + QStringLiteral("/profile.json");
}

} // namespace

int runProvisionCommand(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        Tr::tr("Provision every key on the hub with a certificate from the CA."));
    parser.addHelpOption();
    parser.addOption({ QStringLiteral("all"), Tr::tr("Every key present (required).") });
    parser.addOption({ QStringLiteral("continuous"),
                       Tr::tr("Keep going: keys plugged in later join the batch. Ctrl+C ends the batch.") });
    parser.addOption(
        { QStringLiteral("force"), Tr::tr("Also re-provision keys that already hold a valid certificate.") });
    parser.addOption({ QStringLiteral("profile"),
                       Tr::tr("Profile file (default $KEYSTATION_PROFILE or ~/.config)."),
                       QStringLiteral("file") });
    parser.addOption({ QStringLiteral("module"),
                       Tr::tr("PKCS#11 module of the hub (default $KEYSTATION_PKCS11_MODULE or OpenSC)."),
                       QStringLiteral("path") });
    parser.addOption({ QStringLiteral("journal"), Tr::tr("SQLite journal file."), QStringLiteral("path") });
    parser.addOption(
        { QStringLiteral("retry-pin-refused"),
          Tr::tr("Log in again to keys whose last attempt ended at the PIN (wrong PIN, few tries "
                 "left), after a supervisor has checked them. Without it they are left alone.") });
    parser.addOption(
        { QStringLiteral("in-process"),
          Tr::tr("Run every key's PKCS#11 work in this process instead of a worker process per key "
                 "(OpenSC then handles one key at a time).") });
    parser.addOption(
        { QStringLiteral("pg-conf"), Tr::tr("PostgreSQL journal connection file."), QStringLiteral("file") });
    parser.addOption(
        { QStringLiteral("operator"), Tr::tr("Operator account (default $USER)."), QStringLiteral("name") });
    parser.addOption({ QStringLiteral("password-file"),
                       Tr::tr("Read the operator's password from this file."), QStringLiteral("file") });
    parser.addOption(
        { QStringLiteral("anchor-file"),
          Tr::tr("Append the journal's chain head to this file at each batch end (for 'log verify "
                 "--anchor')."),
          QStringLiteral("file") });
    parser.process(QStringList { QStringLiteral("keystation-cli provision") } + args);
    QTextStream err(stderr);
    if (!parser.isSet(QStringLiteral("all"))) {
        err << Tr::tr("Say --all: provisioning takes every key on the hub.") << Qt::endl;
        return 2;
    }

    core::StationConfig config;
    config.profilePath = parser.isSet(QStringLiteral("profile")) ? parser.value(QStringLiteral("profile"))
                                                                 : defaultProfile();
    config.modulePath = parser.isSet(QStringLiteral("module")) ? parser.value(QStringLiteral("module"))
                                                               : defaultModules().value(0);
    if (!parser.isSet(QStringLiteral("in-process")))
        config.workerPath = core::Station::defaultWorkerPath();
    if (parser.isSet(QStringLiteral("pg-conf"))) {
        auto pg = core::JournalConfig::fromPgConfFile(parser.value(QStringLiteral("pg-conf")));
        if (!pg) {
            err << pg.error().toString() << Qt::endl;
            return 2;
        }
        config.journal = *pg;
    } else {
        config.journal = core::JournalConfig::sqlite(parser.value(QStringLiteral("journal")));
    }
    config.journal.anchorFile = parser.value(QStringLiteral("anchor-file"));

    auto station = core::Station::create(config);
    if (!station) {
        err << Tr::tr("Cannot start the station: %1").arg(station.error().toString()) << Qt::endl;
        return 2;
    }
    core::Station &st = **station;

    const QString name = parser.isSet(QStringLiteral("operator")) ? parser.value(QStringLiteral("operator"))
                                                                  : qEnvironmentVariable("USER");
    QByteArray password = CliPassword::read(parser.value(QStringLiteral("password-file")),
                                            Tr::tr("Password for %1: ").arg(name));
    // A refused or unreadable file (CliPassword said why) is not a login attempt: no failure counted.
    if (password.isEmpty() && parser.isSet(QStringLiteral("password-file")))
        return 2;
    auto session = st.operators().login(name, password);
    if (!session) {
        err << session.error().toString() << Qt::endl;
        return 2;
    }

    auto ca = st.connectCa();
    if (!ca) {
        err << Tr::tr("The CA is not usable: %1").arg(ca.error().toString()) << Qt::endl;
        return 2;
    }
    out() << Tr::tr("CA: %1").arg(ca->join(QStringLiteral(", "))) << Qt::endl;

    int exitCode = 0;
    core::BatchRunner *runner = st.runner();
    QObject::connect(runner, &core::BatchRunner::keyProgress,
                     [](const QString &serial, core::JobStage stage) {
                         if (!core::isFinal(stage))
                             out() << stamp() << u' ' << serial << QStringLiteral("  ")
                                   << core::jobStageTitle(stage) << Qt::endl;
                     });
    QObject::connect(runner, &core::BatchRunner::keyFinished, [runner](const core::JobResult &r) {
        if (r.ok() && r.alreadyProvisioned)
            out() << stamp() << u' ' << r.serial << QStringLiteral("  ")
                  << Tr::tr("ALREADY PROVISIONED (certificate %1, valid until %2)")
                         .arg(r.certSerialHex, r.certNotAfter.toString(Qt::ISODate))
                  << Qt::endl;
        else if (r.ok())
            out() << stamp() << u' ' << r.serial << QStringLiteral("  ")
                  << Tr::tr("DONE in %1 s: certificate %2, valid until %3%4")
                         .arg(r.elapsedMs / 1000.0, 0, 'f', 1)
                         .arg(r.certSerialHex, r.certNotAfter.toString(Qt::ISODate),
                              r.resumed ? Tr::tr(" (resumed)") : QString())
                  << Qt::endl;
        else
            out() << stamp() << u' ' << r.serial << QStringLiteral("  ")
                  << Tr::tr("FAILED at %1 [%2]: %3")
                         .arg(core::jobStageTitle(r.failedAt), r.errorCode, r.errorMessage)
                  << Qt::endl;
        if (runner->isContinuous())
            out() << stamp() << u' ' << Tr::tr("Key %1 can be swapped.").arg(r.serial) << Qt::endl;
    });
    QObject::connect(runner, &core::BatchRunner::batchFinished, [&](const core::BatchSummary &s) {
        out() << Tr::tr(
                     "Batch %1: %2 done (%3 already provisioned), %4 failed, %5 cancelled, %6 s, %7 keys/min")
                     .arg(s.batchId)
                     .arg(s.done)
                     .arg(s.alreadyProvisioned)
                     .arg(s.failed)
                     .arg(s.cancelled)
                     .arg(s.elapsedMs / 1000.0, 0, 'f', 1)
                     .arg(s.keysPerMinute(), 0, 'f', 1)
              << Qt::endl;
        // The chain head after the batch, for the supervisor to keep outside the database.
        if (auto head = st.journal()->head())
            out() << Tr::tr("Journal anchor: %1").arg(core::Journal::anchorLine(*head)) << Qt::endl;
        exitCode = (s.failed || s.cancelled) ? 1 : 0;
        QCoreApplication::exit(exitCode);
    });

    const bool continuous = parser.isSet(QStringLiteral("continuous"));
    auto batch = st.provisionAll(*session, continuous, parser.isSet(QStringLiteral("force")),
                                 parser.isSet(QStringLiteral("retry-pin-refused")));
    if (!batch) {
        err << batch.error().toString() << Qt::endl;
        return 2;
    }
    out() << Tr::tr("Batch %1 started by %2.").arg(*batch, session->name()) << Qt::endl;

    if (continuous) {
        CliSignals::install();
        // Ctrl+C: stop taking keys, let the running ones finish, then report.
        QTimer poll;
        QObject::connect(&poll, &QTimer::timeout, [runner] {
            if (CliSignals::interrupted() && runner->isActive())
                runner->finish();
        });
        poll.start(100);
        QCoreApplication::exec();
        return exitCode;
    }
    QCoreApplication::exec();
    return exitCode;
}

} // namespace ks::app
