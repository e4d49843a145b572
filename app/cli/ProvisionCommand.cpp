#include "ProvisionCommand.h"

#include "CliDefaults.h"
#include "CliOptions.h"
#include "CliOutput.h"
#include "ExitCode.h"

#include "CliPassword.h"
#include "CliSignals.h"
#include "core/Journal.h"
#include "core/Station.h"
#include "device/TokenWatcher.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
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

// A core error as the user should read it: the profile field it concerns (as the profile spells it), the
// message, the technical detail; not the internal code name.
QString describe(const core::CoreError &e)
{
    QString text = e.message;
    if (!e.field.isEmpty() && !text.contains(e.field))
        text = e.field + QStringLiteral(": ") + text;
    if (!e.detail.isEmpty())
        text += QStringLiteral(" (") + e.detail + u')';
    return text;
}

// A login or a permission refused (exit 4), as opposed to a journal that cannot be used (2).
bool isRefusal(const core::CoreError &e)
{
    using Code = core::CoreError::Code;
    return e.code == Code::BadCredentials || e.code == Code::AccountLocked || e.code == Code::AccountDisabled
        || e.code == Code::PermissionDenied;
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
        { QStringLiteral("force"),
          Tr::tr("Also provision keys that already hold a certificate, of this profile or of another CA or "
                 "profile (left for a person otherwise); the certificate already there stays.") });
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
        { QStringLiteral("retry-pin-refused"),
          Tr::tr("Log in again to keys whose last attempt ended at the PIN (wrong PIN, few tries "
                 "left), after a supervisor has checked them. Without it they are left alone.") });
    parser.addOption(
        { QStringLiteral("in-process"),
          Tr::tr("Run every key's PKCS#11 work in this process instead of a worker process per key "
                 "(OpenSC then handles one key at a time).") });
    parser.addOption(
        { QStringLiteral("pg-conf"), Tr::tr("PostgreSQL journal connection file."), QStringLiteral("file") });
    parser.addOption({ QStringLiteral("as"), Tr::tr("The operator running the batch (default $USER)."),
                       QStringLiteral("name") });
    parser.addOption(
        { QStringLiteral("as-password-file"),
          Tr::tr("Read the --as operator's password from this file (else the terminal or stdin)."),
          QStringLiteral("file") });
    cli::addDeprecatedOption(parser, QStringLiteral("operator"), QStringLiteral("name"));
    cli::addDeprecatedOption(parser, QStringLiteral("password-file"), QStringLiteral("file"));
    parser.addOption(
        { QStringLiteral("anchor-file"),
          Tr::tr("Append the journal's chain head to this file at each batch end (for 'log verify "
                 "--anchor')."),
          QStringLiteral("file") });
    if (const auto done = cli::parse(parser, QStringLiteral("provision"), args))
        return *done;
    QTextStream &err = cliErr();
    if (!parser.isSet(QStringLiteral("all"))) {
        err << Tr::tr("Say --all: provisioning takes every key on the hub.") << Qt::endl;
        return UsageError;
    }
    const QString name = cli::isSet(parser, QStringLiteral("as"), QStringLiteral("operator"))
        ? cli::value(parser, QStringLiteral("as"), QStringLiteral("operator"))
        : qEnvironmentVariable("USER");
    const QString passwordFile
        = cli::value(parser, QStringLiteral("as-password-file"), QStringLiteral("password-file"));
    if (name.isEmpty()) {
        err << Tr::tr("No operator name: give --as NAME (the account running the batch; $USER is empty).")
            << Qt::endl;
        return AuthFailed;
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
            err << describe(pg.error()) << Qt::endl;
            return UsageError;
        }
        config.journal = *pg;
    } else {
        config.journal = core::JournalConfig::sqlite(parser.value(QStringLiteral("journal")));
    }
    config.journal.anchorFile = parser.value(QStringLiteral("anchor-file"));

    auto station = core::Station::create(config);
    if (!station) {
        err << Tr::tr("Cannot start the station: %1").arg(describe(station.error())) << Qt::endl;
        // The module is the one part that is not configuration: a missing driver or a broken install.
        return station.error().field == QLatin1String("module") ? NoKey : UsageError;
    }
    core::Station &st = **station;

    QByteArray password = CliPassword::read(passwordFile, Tr::tr("Password for %1: ").arg(name));
    // A refused or unreadable file (CliPassword said why) is not a login attempt: no failure counted.
    if (password.isEmpty() && !passwordFile.isEmpty())
        return UsageError;
    auto session = st.operators().login(name, password);
    if (!session) {
        err << session.error().message << Qt::endl;
        return isRefusal(session.error()) ? AuthFailed : UsageError;
    }

    auto ca = st.connectCa();
    if (!ca) {
        err << Tr::tr("The CA is not usable: %1").arg(ca.error().message) << Qt::endl;
        // detail: the CA client's code (Station::connectCa).
        if (ca.error().detail == QLatin1String("Unauthorized"))
            return AuthFailed;
        return ca.error().detail == QLatin1String("Configuration") ? UsageError : CaUnreachable;
    }
    out() << Tr::tr("CA: %1").arg(ca->join(QStringLiteral(", "))) << Qt::endl;

    int exitCode = Success;
    int keysSeen = 0;
    const bool continuous = parser.isSet(QStringLiteral("continuous"));
    core::BatchRunner *runner = st.runner();
    QObject::connect(runner, &core::BatchRunner::keyProgress,
                     [](const QString &serial, core::JobStage stage) {
                         if (!core::isFinal(stage))
                             out() << stamp() << u' ' << serial << QStringLiteral("  ")
                                   << core::jobStageTitle(stage) << Qt::endl;
                     });
    const bool cfssl = st.profile().ca.protocol == core::Profile::CaProtocol::Cfssl;
    bool hinted = false;
    QObject::connect(runner, &core::BatchRunner::keyFinished, [&, runner](const core::JobResult &r) {
        ++keysSeen;
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
        if (!r.ok() && cfssl && !hinted && cli::looksLikeCfsslDefaultProfile(r.errorCode)) {
            hinted = true; // once a batch: every key of the batch would say the same
            err << cli::cfsslDefaultProfileHint(st.profile().ca.profile) << Qt::endl;
        }
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
        exitCode = (s.failed || s.cancelled) ? Failed : Success;
        if (keysSeen == 0 && !continuous) {
            // Nothing to provision is not success: say where the station looked.
            err << Tr::tr("No keys found through %1.").arg(config.modulePath) << Qt::endl;
            if (const QString hint = noKeyHint(config.modulePath); !hint.isEmpty())
                err << hint << Qt::endl;
            exitCode = NoKey;
        }
        QCoreApplication::exit(exitCode);
    });

    auto batch = st.provisionAll(*session, continuous, parser.isSet(QStringLiteral("force")),
                                 parser.isSet(QStringLiteral("retry-pin-refused")));
    if (!batch) {
        err << batch.error().message << Qt::endl;
        if (isRefusal(batch.error()))
            return AuthFailed;
        return batch.error().field == QLatin1String("module") ? NoKey : UsageError;
    }
    out() << Tr::tr("Batch %1 started by %2.").arg(*batch, session->name()) << Qt::endl;

    CliSignals::install();
    bool interrupted = false;
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, [runner, continuous, &interrupted] {
        if (!CliSignals::interrupted() || !runner->isActive() || interrupted)
            return;
        interrupted = true;
        // Continuous: Ctrl+C is how a batch ends; stop taking keys, let the running ones finish, report.
        // Otherwise it cuts the batch short: cancel the keys (journaled as cancelled) and say so (130).
        if (continuous)
            runner->finish();
        else
            runner->cancelAll();
    });
    poll.start(100);
    QCoreApplication::exec();
    return interrupted && !continuous ? Interrupted : exitCode;
}

} // namespace ks::app
