#include "LotCommand.h"

#include "CliOptions.h"
#include "CliOutput.h"
#include "ExitCode.h"

#include "OperatorCommand.h"
#include "app/report/LotReport.h"
#include "core/Journal.h"
#include "core/Lot.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

namespace ks::app {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(ks::app::LotCommand)
};

QTextStream &out()
{
    return cliOut();
}

QTextStream &err()
{
    return cliErr();
}

int fail(const core::CoreError &e)
{
    err() << e.message;
    if (!e.detail.isEmpty())
        err() << " (" << e.detail << ")";
    err() << Qt::endl;
    using Code = core::CoreError::Code;
    return (e.code == Code::BadCredentials || e.code == Code::AccountLocked || e.code == Code::AccountDisabled
            || e.code == Code::PermissionDenied)
        ? AuthFailed
        : UsageError;
}

QString utc(qint64 ms)
{
    return ms ? QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))
              : QStringLiteral("-");
}

QString isoUtc(qint64 ms)
{
    return ms ? QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODate) : QString();
}

QString percent(double ratio)
{
    return QStringLiteral("%1 %").arg(ratio * 100.0, 0, 'f', 1);
}

QJsonObject toJson(const QMap<QString, int> &map)
{
    QJsonObject o;
    for (auto it = map.constBegin(); it != map.constEnd(); ++it)
        o.insert(it.key(), it.value());
    return o;
}

QJsonObject countsJson(const core::LotManifest &lot, const core::LotCounts &c)
{
    return {
        { QStringLiteral("id"), lot.id },
        { QStringLiteral("profile"), lot.profile },
        { QStringLiteral("customer"), lot.customer },
        { QStringLiteral("model"), lot.model },
        { QStringLiteral("quantity"), c.quantity },
        { QStringLiteral("done"), c.done },
        { QStringLiteral("failed"), c.failed },
        { QStringLiteral("refused"), c.refused },
        { QStringLiteral("interrupted"), c.interrupted },
        { QStringLiteral("running"), c.running },
        { QStringLiteral("remaining"), c.remaining },
        { QStringLiteral("firstPassYield"), c.firstPassYield },
        { QStringLiteral("finalYield"), c.finalYield },
        { QStringLiteral("keysPerHour"), c.keysPerHour },
        { QStringLiteral("firstAttempt"), isoUtc(c.firstAttemptMs) },
        { QStringLiteral("lastFinished"), isoUtc(c.lastFinishedMs) },
        { QStringLiteral("doneByStation"), toJson(c.doneByStation) },
        { QStringLiteral("doneByOperator"), toJson(c.doneByOperator) },
    };
}

QString joinCounts(const QMap<QString, int> &map)
{
    QStringList parts;
    for (auto it = map.constBegin(); it != map.constEnd(); ++it)
        parts << QStringLiteral("%1 %2").arg(it.key()).arg(it.value());
    return parts.isEmpty() ? QStringLiteral("-") : parts.join(QStringLiteral(", "));
}

void printJson(const QJsonValue &value)
{
    const QJsonDocument doc
        = value.isArray() ? QJsonDocument(value.toArray()) : QJsonDocument(value.toObject());
    out() << QString::fromUtf8(doc.toJson(QJsonDocument::Indented)) << Qt::flush;
}

// The lot named on the command line, or a message that names it (exit 2).
core::Result<core::LotManifest> findLot(core::Journal &j, const QString &id)
{
    auto lot = j.lot(id);
    if (!lot && lot.error().code == core::CoreError::Code::NotFound)
        return core::CoreError::make(
            core::CoreError::Code::NotFound,
            Tr::tr("No lot '%1' in this journal ('keystation-cli lot list' lists them).").arg(id));
    return lot;
}

void printCounts(const core::LotManifest &lot, const core::LotCounts &c)
{
    out() << Tr::tr("Lot %1").arg(lot.id) << '\n';
    const auto line = [](const QString &label, const QString &value) {
        out() << QStringLiteral("  %1 %2\n").arg(label.leftJustified(18), value);
    };
    line(Tr::tr("profile"), lot.profile);
    if (!lot.customer.isEmpty())
        line(Tr::tr("customer"), lot.customer);
    if (!lot.model.isEmpty())
        line(Tr::tr("model"), lot.model);
    line(Tr::tr("quantity"), QString::number(c.quantity));
    line(Tr::tr("done"), QString::number(c.done));
    line(Tr::tr("failed"), QString::number(c.failed));
    line(Tr::tr("refused"), QString::number(c.refused));
    line(Tr::tr("interrupted"), QString::number(c.interrupted));
    line(Tr::tr("running"), QString::number(c.running));
    line(Tr::tr("remaining"), QString::number(c.remaining));
    line(Tr::tr("first-pass yield"), percent(c.firstPassYield));
    line(Tr::tr("final yield"), percent(c.finalYield));
    line(Tr::tr("keys per hour"), QString::number(c.keysPerHour, 'f', 1));
    line(Tr::tr("first attempt"), utc(c.firstAttemptMs));
    line(Tr::tr("last finished"), utc(c.lastFinishedMs));
    line(Tr::tr("done by station"), joinCounts(c.doneByStation));
    line(Tr::tr("done by operator"), joinCounts(c.doneByOperator));
    out() << Qt::flush;
}

// The hand-over files asked for, each said where it went; journaled as a "lot.report" operator event.
int writeExports(core::Journal &j, const core::OperatorSession &session, const core::LotManifest &lot,
                 const core::LotCounts &counts, const QList<core::LotKey> &keys, const QString &csv,
                 const QString &pem, const QString &pdf)
{
    const auto done = [](const core::Status &status, const QString &what, const QString &path) {
        if (!status) {
            err() << Tr::tr("Cannot write the %1 to %2: %3").arg(what, path, status.error().message)
                  << Qt::endl;
            return false;
        }
        out() << Tr::tr("Wrote the %1 to %2").arg(what, QFileInfo(path).absoluteFilePath()) << Qt::endl;
        return true;
    };
    const int n = static_cast<int>(keys.size());
    QJsonObject detail { { QStringLiteral("lot"), lot.id }, { QStringLiteral("keys"), n } };
    if (!csv.isEmpty()) {
        if (!done(report::writeLotCsv(keys, csv), Tr::tr("CSV of %n key(s)", nullptr, n), csv))
            return UsageError;
        detail.insert(QStringLiteral("csv"), csv);
    }
    if (!pem.isEmpty()) {
        if (!done(report::writeLotPem(keys, pem), Tr::tr("PEM bundle of %n certificate(s)", nullptr, n), pem))
            return UsageError;
        detail.insert(QStringLiteral("pem"), pem);
    }
    if (!pdf.isEmpty()) {
        if (!done(report::writeLotPdf(lot, counts, keys, pdf), Tr::tr("PDF summary"), pdf))
            return UsageError;
        detail.insert(QStringLiteral("pdf"), pdf);
    }
    j.recordOperatorEvent(session.name(), QStringLiteral("lot.report"), QStringLiteral("success"), detail);
    return Success;
}

} // namespace

int runLotCommand(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(Tr::tr(
        "Lots (work orders): their counts and yields from the journal, and the hand-over of a lot's keys "
        "(docs/lots.md).\n"
        "  list         every lot: id, profile, quantity, done, remaining\n"
        "  show ID      one lot's counts: done, failed, refused, interrupted, remaining, yields,\n"
        "               keys per hour, by station and operator\n"
        "  report ID    the lot's done keys (serial, certificate serial, SHA-256 fingerprint,\n"
        "               validity); --csv, --pem and --pdf write the hand-over files"));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("action"), Tr::tr("list, show or report"),
                                 QStringLiteral("list|show ID|report ID"));
    const QCommandLineOption json(QStringLiteral("json"), Tr::tr("list, show: write JSON"));
    const QCommandLineOption csv(QStringLiteral("csv"), Tr::tr("report: write the keys as CSV to FILE"),
                                 QStringLiteral("FILE"));
    const QCommandLineOption pem(QStringLiteral("pem"),
                                 Tr::tr("report: write the lot's certificates as one PEM bundle to FILE"),
                                 QStringLiteral("FILE"));
    const QCommandLineOption pdf(
        QStringLiteral("pdf"),
        Tr::tr("report: write a PDF summary (counts, yields, the keys, a signature line) to FILE"),
        QStringLiteral("FILE"));
    const QCommandLineOption as(QStringLiteral("as"), Tr::tr("the supervisor reading the lot"),
                                QStringLiteral("NAME"));
    const QCommandLineOption asPasswordFile(QStringLiteral("as-password-file"),
                                            Tr::tr("read the --as operator's password from FILE"),
                                            QStringLiteral("FILE"));
    const QCommandLineOption journal(QStringLiteral("journal"),
                                     Tr::tr("SQLite journal file (default $KEYSTATION_JOURNAL)."),
                                     QStringLiteral("PATH"));
    const QCommandLineOption pgConf(QStringLiteral("pg-conf"), Tr::tr("PostgreSQL connection file"),
                                    QStringLiteral("FILE"));
    parser.addOptions({ json, csv, pem, pdf, as, asPasswordFile, journal, pgConf });
    if (const auto done = cli::parse(parser, QStringLiteral("lot"), args))
        return *done;
    const QStringList pos = parser.positionalArguments();
    const QString action = pos.value(0);
    const bool list = action == QLatin1String("list");
    const bool show = action == QLatin1String("show");
    const bool report = action == QLatin1String("report");
    const bool exports = parser.isSet(csv) || parser.isSet(pem) || parser.isSet(pdf);
    if ((!list && !show && !report) || pos.size() != (list ? 1 : 2) || (exports && !report)
        || (parser.isSet(json) && report)) {
        err() << cli::helpText(parser, QStringLiteral("lot"));
        return UsageError;
    }
    const QString id = pos.value(1);

    auto opened = cli::openJournal(parser.value(journal), parser.value(pgConf));
    if (!opened)
        return fail(opened.error());
    core::Journal &j = **opened;
    core::OperatorStore store(j);
    auto session = cli::authenticate(store, parser.value(as), parser.value(asPasswordFile),
                                     exports ? core::Permission::ExportLog : core::Permission::ReadLog);
    if (!session)
        return fail(session.error());

    if (list) {
        auto lots = j.lots();
        if (!lots)
            return fail(lots.error());
        QJsonArray array;
        if (!parser.isSet(json))
            out() << Tr::tr("LOT                   PROFILE               QUANTITY  DONE  REMAINING  CUSTOMER")
                  << '\n';
        for (const core::LotManifest &lot : std::as_const(*lots)) {
            auto counts = j.lotCounts(lot.id);
            if (!counts)
                return fail(counts.error());
            if (parser.isSet(json)) {
                array.append(QJsonObject { { QStringLiteral("id"), lot.id },
                                           { QStringLiteral("profile"), lot.profile },
                                           { QStringLiteral("customer"), lot.customer },
                                           { QStringLiteral("model"), lot.model },
                                           { QStringLiteral("quantity"), counts->quantity },
                                           { QStringLiteral("done"), counts->done },
                                           { QStringLiteral("remaining"), counts->remaining } });
                continue;
            }
            out() << QStringLiteral("%1  %2  %3  %4  %5  %6\n")
                         .arg(lot.id.leftJustified(20), lot.profile.leftJustified(20),
                              QString::number(counts->quantity).rightJustified(8),
                              QString::number(counts->done).rightJustified(4),
                              QString::number(counts->remaining).rightJustified(9), lot.customer);
        }
        if (parser.isSet(json))
            printJson(array);
        else
            out() << Tr::tr("%n lot(s).", nullptr, static_cast<int>(lots->size())) << Qt::endl;
        return Success;
    }

    auto lot = findLot(j, id);
    if (!lot)
        return fail(lot.error());
    auto counts = j.lotCounts(id);
    if (!counts)
        return fail(counts.error());
    if (show) {
        if (parser.isSet(json))
            printJson(countsJson(*lot, *counts));
        else
            printCounts(*lot, *counts);
        return Success;
    }

    auto keys = j.lotKeys(id);
    if (!keys)
        return fail(keys.error());
    if (!exports) {
        out() << Tr::tr(
            "SERIAL            CERT SERIAL                       NOT BEFORE (UTC)     NOT AFTER (UTC)"
            "      SHA-256")
              << '\n';
        for (const core::LotKey &k : std::as_const(*keys))
            out() << QStringLiteral("%1  %2  %3  %4  %5\n")
                         .arg(k.serial.leftJustified(16), k.certSerialHex.leftJustified(32),
                              utc(k.notBeforeMs), utc(k.notAfterMs), k.sha256Fingerprint);
        out() << Tr::tr("%n key(s) done in lot %1.", nullptr, static_cast<int>(keys->size())).arg(id)
              << Qt::endl;
        return Success;
    }
    return writeExports(j, *session, *lot, *counts, *keys, parser.value(csv), parser.value(pem),
                        parser.value(pdf));
}

} // namespace ks::app
