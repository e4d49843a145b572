#include "ProvisionCommand.h"

#include "CliDefaults.h"
#include "CliOptions.h"
#include "CliOutput.h"
#include "ExitCode.h"

#include "CliPassword.h"
#include "CliSignals.h"
#include "app/report/LabelSheet.h"
#include "core/Journal.h"
#include "core/Lot.h"
#include "core/Station.h"
#include "device/TokenWatcher.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>
#include <QTimer>

namespace ks::app {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(ks::app::ProvisionCommand)
};

// With --json, standard output carries only the JSON lines (docs/cli.md "Progress as JSON lines"); the text
// for people goes to standard error then.
bool s_json = false;

QTextStream &out()
{
    return s_json ? cliErr() : cliOut();
}

// One event as one line of compact JSON on standard output, stamped with the time (ISO 8601 UTC, ms).
void event(const QString &name, QJsonObject fields)
{
    if (!s_json)
        return;
    QJsonObject object { { QStringLiteral("event"), name },
                         { QStringLiteral("ts"),
                           QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs) } };
    for (auto it = fields.constBegin(); it != fields.constEnd(); ++it)
        object.insert(it.key(), it.value());
    cliOut() << QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact)) << u'\n' << Qt::flush;
}

// Before a batch starts: the message for people on stderr and, with --json, an "error" event so a program
// reading standard output learns why nothing followed.
int stop(int exitCode, const QString &message, const QString &code = {})
{
    cliErr() << message << Qt::endl;
    event(QStringLiteral("error"),
          { { QStringLiteral("code"), code },
            { QStringLiteral("message"), message },
            { QStringLiteral("exitCode"), exitCode } });
    return exitCode;
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
    parser.addOption({ QStringLiteral("journal-sync-every-event"),
                       Tr::tr("Sync every journal event to the disk before going on, not only those before a "
                              "step that changes the key or asks the CA (slower; docs/journal.md).") });
    parser.addOption(
        { QStringLiteral("lot"),
          Tr::tr(
              "Run the batch under the lot (work order) in FILE (docs/lots.md; loaded into the journal the "
              "first time): a key whose serial is not in the lot, already done in it, or beyond its quantity "
              "is refused before login. Refused keys are listed but are not failures: the exit status is 0 "
              "when every key the lot admitted is done. The lot's counts are printed at the end."),
          QStringLiteral("file") });
    parser.addOption(
        { QStringLiteral("json"),
          Tr::tr("Progress as one JSON object per line on standard output (batchStarted, keyAdded, "
                 "stepStarted, stepEnded, keyDone, keyFailed, batchFinished; docs/cli.md); the text for "
                 "people goes to standard error.") });
    if (const auto done = cli::parse(parser, QStringLiteral("provision"), args))
        return *done;
    s_json = parser.isSet(QStringLiteral("json"));
    QTextStream &err = cliErr();
    if (!parser.isSet(QStringLiteral("all"))) {
        return stop(UsageError, Tr::tr("Say --all: provisioning takes every key on the hub."),
                    QStringLiteral("Usage"));
    }
    const QString name = cli::isSet(parser, QStringLiteral("as"), QStringLiteral("operator"))
        ? cli::value(parser, QStringLiteral("as"), QStringLiteral("operator"))
        : qEnvironmentVariable("USER");
    const QString passwordFile
        = cli::value(parser, QStringLiteral("as-password-file"), QStringLiteral("password-file"));
    if (name.isEmpty()) {
        return stop(
            AuthFailed,
            Tr::tr("No operator name: give --as NAME (the account running the batch; $USER is empty)."),
            QStringLiteral("NoOperator"));
    }

    // The lot first: a bad manifest is a usage error before anything is opened.
    std::optional<core::LotManifest> lot;
    if (parser.isSet(QStringLiteral("lot"))) {
        auto loaded = core::LotManifest::load(parser.value(QStringLiteral("lot")));
        if (!loaded)
            return stop(UsageError, describe(loaded.error()), loaded.error().codeName());
        lot = *loaded;
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
            return stop(UsageError, describe(pg.error()), pg.error().codeName());
        }
        config.journal = *pg;
    } else {
        config.journal = core::JournalConfig::sqlite(parser.value(QStringLiteral("journal")));
    }
    config.journal.anchorFile = parser.value(QStringLiteral("anchor-file"));
    config.journal.syncEveryEvent = parser.isSet(QStringLiteral("journal-sync-every-event"));

    auto station = core::Station::create(config);
    if (!station) {
        // The module is the one part that is not configuration: a missing driver or a broken install.
        return stop(station.error().field == QLatin1String("module") ? NoKey : UsageError,
                    Tr::tr("Cannot start the station: %1").arg(describe(station.error())),
                    station.error().codeName());
    }
    core::Station &st = **station;

    QByteArray password = CliPassword::read(passwordFile, Tr::tr("Password for %1: ").arg(name));
    // A refused or unreadable file (CliPassword said why) is not a login attempt: no failure counted.
    if (password.isEmpty() && !passwordFile.isEmpty()) {
        event(QStringLiteral("error"),
              { { QStringLiteral("code"), QStringLiteral("PasswordFile") },
                { QStringLiteral("message"), Tr::tr("No password read from %1.").arg(passwordFile) },
                { QStringLiteral("exitCode"), UsageError } });
        return UsageError;
    }
    auto session = st.operators().login(name, password);
    if (!session) {
        return stop(isRefusal(session.error()) ? AuthFailed : UsageError, session.error().message,
                    session.error().codeName());
    }

    auto ca = st.connectCa();
    if (!ca) {
        // detail: the CA client's code (Station::connectCa).
        const int code = ca.error().detail == QLatin1String("Unauthorized") ? AuthFailed
            : ca.error().detail == QLatin1String("Configuration")           ? UsageError
                                                                            : CaUnreachable;
        return stop(code, Tr::tr("The CA is not usable: %1").arg(ca.error().message), ca.error().detail);
    }
    out() << Tr::tr("CA: %1").arg(ca->join(QStringLiteral(", "))) << Qt::endl;

    int exitCode = Success;
    int keysSeen = 0;
    const bool continuous = parser.isSet(QStringLiteral("continuous"));
    core::BatchRunner *runner = st.runner();
    // Keys are queued while provisionAll() opens the batch; their keyAdded events follow batchStarted.
    bool started = false;
    QList<QJsonObject> queuedBeforeStart;
    // The stage each key is in, and since when: stepEnded closes it when the next one starts or the key ends.
    QHash<QString, std::pair<core::JobStage, qint64>> openStep;
    // The batch's results, for the label sheet of a profile with "labels" (app/report/LabelSheet.h).
    QList<core::JobResult> results;
    QObject::connect(runner, &core::BatchRunner::keyQueued, [&](const QString &serial) {
        QJsonObject fields { { QStringLiteral("serial"), serial }, { QStringLiteral("port"), QJsonValue() } };
        for (const device::TokenInfo &t : st.watcher()->tokens()) {
            if (t.serial == serial) {
                fields.insert(QStringLiteral("port"), t.port());
                fields.insert(QStringLiteral("model"), t.model);
                break;
            }
        }
        if (started)
            event(QStringLiteral("keyAdded"), fields);
        else
            queuedBeforeStart << fields;
    });
    auto endStep = [&](const QString &serial, bool ok, const QString &code = {}) {
        const auto it = openStep.constFind(serial);
        if (it == openStep.constEnd())
            return;
        QJsonObject fields { { QStringLiteral("serial"), serial },
                             { QStringLiteral("step"), core::jobStageName(it->first) },
                             { QStringLiteral("ok"), ok },
                             { QStringLiteral("elapsedMs"),
                               QDateTime::currentMSecsSinceEpoch() - it->second } };
        if (!ok)
            fields.insert(QStringLiteral("code"), code);
        openStep.remove(serial);
        event(QStringLiteral("stepEnded"), fields);
    };
    QObject::connect(runner, &core::BatchRunner::keyProgress,
                     [&](const QString &serial, core::JobStage stage) {
                         if (core::isFinal(stage))
                             return; // keyFinished says how it ended
                         if (openStep.contains(serial) && openStep.value(serial).first == stage)
                             return;
                         endStep(serial, true);
                         openStep.insert(serial, { stage, QDateTime::currentMSecsSinceEpoch() });
                         event(QStringLiteral("stepStarted"),
                               { { QStringLiteral("serial"), serial },
                                 { QStringLiteral("step"), core::jobStageName(stage) } });
                         out() << stamp() << u' ' << serial << QStringLiteral("  ")
                               << core::jobStageTitle(stage) << Qt::endl;
                     });
    const bool cfssl = st.profile().ca.protocol == core::Profile::CaProtocol::Cfssl;
    bool hinted = false;
    QObject::connect(runner, &core::BatchRunner::keyFinished, [&, runner](const core::JobResult &r) {
        ++keysSeen;
        if (r.ok() && !st.profile().labelsDirectory.isEmpty())
            results << r;
        endStep(r.serial, r.ok(), r.errorCode());
        if (r.ok()) {
            QJsonObject fields { { QStringLiteral("serial"), r.serial },
                                 { QStringLiteral("certSerial"), r.certSerialHex },
                                 { QStringLiteral("notAfter"), r.certNotAfter.toUTC().toString(Qt::ISODate) },
                                 { QStringLiteral("alreadyProvisioned"), r.alreadyProvisioned },
                                 { QStringLiteral("resumed"), r.resumed },
                                 { QStringLiteral("elapsedMs"), r.elapsedMs },
                                 { QStringLiteral("attempt"), r.attemptId } };
            if (!r.certDer.isEmpty())
                fields.insert(QStringLiteral("sha256"),
                              QString::fromLatin1(
                                  QCryptographicHash::hash(r.certDer, QCryptographicHash::Sha256).toHex()));
            event(QStringLiteral("keyDone"), fields);
        } else {
            const bool cancelled = r.outcome == core::JobStage::Cancelled;
            event(QStringLiteral("keyFailed"),
                  { { QStringLiteral("serial"), r.serial },
                    { QStringLiteral("code"),
                      r.error.isNone() && cancelled ? core::JobError(core::JobError::Kind::Cancelled).name()
                                                    : r.errorCode() },
                    { QStringLiteral("message"), r.errorMessage },
                    { QStringLiteral("step"), core::jobStageName(r.failedAt) },
                    { QStringLiteral("cancelled"), cancelled },
                    { QStringLiteral("refused"), r.error.isLotRefusal() },
                    { QStringLiteral("title"), r.error.title() },
                    { QStringLiteral("nextStep"), r.error.nextStep() },
                    { QStringLiteral("needsPerson"), r.error.needsPerson() },
                    { QStringLiteral("elapsedMs"), r.elapsedMs },
                    { QStringLiteral("attempt"), r.attemptId } });
        }
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
        else if (r.error.isLotRefusal())
            out() << stamp() << u' ' << r.serial << QStringLiteral("  ")
                  << Tr::tr("REFUSED [%1]: %2").arg(r.errorCode(), r.errorMessage) << Qt::endl;
        else
            out() << stamp() << u' ' << r.serial << QStringLiteral("  ")
                  << Tr::tr("FAILED at %1 [%2]: %3")
                         .arg(core::jobStageTitle(r.failedAt), r.errorCode(), r.errorMessage)
                  << Qt::endl;
        if (!r.ok() && cfssl && !hinted && r.error.kind == core::JobError::Kind::Certificate && r.error.ca
            && cli::looksLikeCfsslDefaultProfile(r.error.ca->code)) {
            hinted = true; // once a batch: every key of the batch would say the same
            err << cli::cfsslDefaultProfileHint(st.profile().ca.profile) << Qt::endl;
        }
        if (runner->isContinuous())
            out() << stamp() << u' ' << Tr::tr("Key %1 can be swapped.").arg(r.serial) << Qt::endl;
    });
    QObject::connect(runner, &core::BatchRunner::batchFinished, [&](const core::BatchSummary &s) {
        // A key the lot refused is not a failure of the batch.
        const int refused = s.refused;
        const int failed = s.failed - refused;
        out() << Tr::tr(
                     "Batch %1: %2 done (%3 already provisioned), %4 failed, %5 cancelled, %6 s, %7 keys/min")
                     .arg(s.batchId)
                     .arg(s.done)
                     .arg(s.alreadyProvisioned)
                     .arg(failed)
                     .arg(s.cancelled)
                     .arg(s.elapsedMs / 1000.0, 0, 'f', 1)
                     .arg(s.keysPerMinute(), 0, 'f', 1)
              << Qt::endl;
        if (refused)
            out() << Tr::tr("%n key(s) refused by the lot (not failures of the batch).", nullptr, refused)
                  << Qt::endl;
        // The chain head after the batch, for the supervisor to keep outside the database.
        if (auto head = st.journal()->head())
            out() << Tr::tr("Journal anchor: %1").arg(core::Journal::anchorLine(*head)) << Qt::endl;
        // Refusals by the lot are not failures: exit 0 when every key the lot admitted is done.
        exitCode = (failed || s.cancelled) ? Failed : Success;
        if (keysSeen == 0 && !continuous) {
            // Nothing to provision is not success: say where the station looked.
            err << Tr::tr("No keys found through %1.").arg(config.modulePath) << Qt::endl;
            if (const QString hint = noKeyHint(config.modulePath); !hint.isEmpty())
                err << hint << Qt::endl;
            exitCode = NoKey;
        }
        QJsonObject fields { { QStringLiteral("batch"), s.batchId },
                             { QStringLiteral("done"), s.done },
                             { QStringLiteral("alreadyProvisioned"), s.alreadyProvisioned },
                             { QStringLiteral("failed"), failed },
                             { QStringLiteral("refused"), refused },
                             { QStringLiteral("cancelled"), s.cancelled },
                             { QStringLiteral("elapsedMs"), s.elapsedMs },
                             { QStringLiteral("exitCode"), exitCode } };
        // The label sheet a profile with "labels" asks for: one label per key this batch provisioned.
        if (auto labels = report::writeBatchLabels(st.profile(), s.batchId, results); !labels) {
            err << Tr::tr("Cannot write the label sheet: %1").arg(describe(labels.error())) << Qt::endl;
            fields.insert(QStringLiteral("labelsError"), labels.error().message);
        } else if (!labels->isEmpty()) {
            out() << Tr::tr("Label sheet: %1").arg(*labels) << Qt::endl;
            fields.insert(QStringLiteral("labels"), *labels);
        }
        if (lot) {
            // The lot's counts from the journal: every station and batch that worked on it.
            if (auto counts = st.journal()->lotCounts(lot->id)) {
                out() << Tr::tr("Lot %1: %2 of %3 done, %4 remaining, %5 failed, %6 refused, %7 interrupted; "
                                "first-pass yield %8 %, final yield %9 %")
                             .arg(lot->id)
                             .arg(counts->done)
                             .arg(counts->quantity)
                             .arg(counts->remaining)
                             .arg(counts->failed)
                             .arg(counts->refused)
                             .arg(counts->interrupted)
                             .arg(counts->firstPassYield * 100.0, 0, 'f', 1)
                             .arg(counts->finalYield * 100.0, 0, 'f', 1)
                      << Qt::endl;
                fields.insert(QStringLiteral("lot"),
                              QJsonObject { { QStringLiteral("id"), lot->id },
                                            { QStringLiteral("quantity"), counts->quantity },
                                            { QStringLiteral("done"), counts->done },
                                            { QStringLiteral("failed"), counts->failed },
                                            { QStringLiteral("refused"), counts->refused },
                                            { QStringLiteral("interrupted"), counts->interrupted },
                                            { QStringLiteral("remaining"), counts->remaining },
                                            { QStringLiteral("firstPassYield"), counts->firstPassYield },
                                            { QStringLiteral("finalYield"), counts->finalYield } });
            } else {
                err << Tr::tr("Cannot read the lot's counts: %1").arg(describe(counts.error())) << Qt::endl;
            }
        }
        event(QStringLiteral("batchFinished"), fields);
        QCoreApplication::exit(exitCode);
    });

    auto batch = st.provisionAll(*session, continuous, parser.isSet(QStringLiteral("force")),
                                 parser.isSet(QStringLiteral("retry-pin-refused")), lot);
    if (!batch) {
        const int code = isRefusal(batch.error())            ? AuthFailed
            : batch.error().field == QLatin1String("module") ? NoKey
                                                             : UsageError;
        return stop(code, batch.error().message, batch.error().codeName());
    }
    started = true;
    event(QStringLiteral("batchStarted"),
          { { QStringLiteral("batch"), *batch },
            { QStringLiteral("lot"), lot ? QJsonValue(lot->id) : QJsonValue() },
            { QStringLiteral("operator"), session->name() },
            { QStringLiteral("profile"), st.profile().name },
            { QStringLiteral("continuous"), continuous } });
    for (const QJsonObject &fields : std::as_const(queuedBeforeStart))
        event(QStringLiteral("keyAdded"), fields);
    out() << Tr::tr("Batch %1 started by %2.").arg(*batch, session->name()) << Qt::endl;
    if (lot)
        out() << Tr::tr("Lot %1: %2 key(s) of profile %3%4.")
                     .arg(lot->id)
                     .arg(lot->quantity)
                     .arg(lot->profile,
                          lot->customer.isEmpty() ? QString() : Tr::tr(" for %1").arg(lot->customer))
              << Qt::endl;

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
