#include "LogCommand.h"

#include "CliOptions.h"
#include "CliOutput.h"
#include "ExitCode.h"

#include "OperatorCommand.h"
#include "core/Journal.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QTextStream>

namespace ks::app {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(ks::app::LogCommand)
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

} // namespace

int runLogCommand(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(Tr::tr("Read, export or verify the batch log."));
    parser.addHelpOption();
    parser.addPositionalArgument(
        QStringLiteral("verify"),
        Tr::tr("verify: check the hash chain instead of listing; anchor: print the chain "
               "head to keep outside the database"),
        QStringLiteral("[verify|anchor]"));
    const QCommandLineOption batch(QStringLiteral("batch"), Tr::tr("only this batch"), QStringLiteral("ID"));
    const QCommandLineOption op(QStringLiteral("operator"), Tr::tr("only this operator's keys"),
                                QStringLiteral("NAME"));
    const QCommandLineOption state(QStringLiteral("state"), Tr::tr("done, failed, cancelled or running"),
                                   QStringLiteral("STATE"));
    const QCommandLineOption serial(QStringLiteral("serial"), Tr::tr("hardware serial contains TEXT"),
                                    QStringLiteral("TEXT"));
    const QCommandLineOption from(QStringLiteral("from"), Tr::tr("started at or after (ISO 8601, UTC)"),
                                  QStringLiteral("TIME"));
    const QCommandLineOption to(QStringLiteral("to"), Tr::tr("started before (ISO 8601, UTC)"),
                                QStringLiteral("TIME"));
    const QCommandLineOption csv(QStringLiteral("csv"), Tr::tr("write RFC 4180 CSV"));
    const QCommandLineOption anchor(QStringLiteral("anchor"),
                                    Tr::tr("verify: also check the anchors in FILE (from 'log anchor' or the "
                                           "station's anchor file)"),
                                    QStringLiteral("FILE"));
    const QCommandLineOption as(QStringLiteral("as"), Tr::tr("the supervisor reading the log"),
                                QStringLiteral("NAME"));
    const QCommandLineOption asPasswordFile(QStringLiteral("as-password-file"),
                                            Tr::tr("read the --as operator's password from FILE"),
                                            QStringLiteral("FILE"));
    const QCommandLineOption journal(QStringLiteral("journal"),
                                     Tr::tr("SQLite journal file (default $KEYSTATION_JOURNAL)."),
                                     QStringLiteral("PATH"));
    const QCommandLineOption pgConf(QStringLiteral("pg-conf"), Tr::tr("PostgreSQL connection file"),
                                    QStringLiteral("FILE"));
    parser.addOptions(
        { batch, op, state, serial, from, to, csv, anchor, as, asPasswordFile, journal, pgConf });
    if (const auto done = cli::parse(parser, QStringLiteral("log"), args))
        return *done;
    const QStringList pos = parser.positionalArguments();
    const bool verify = pos.value(0) == QLatin1String("verify");
    const bool printAnchor = pos.value(0) == QLatin1String("anchor");
    if (pos.size() > 1 || (!pos.isEmpty() && !verify && !printAnchor) || (parser.isSet(anchor) && !verify)) {
        err() << cli::helpText(parser, QStringLiteral("log"));
        return UsageError;
    }
    if (parser.isSet(state)) {
        QStringList known;
        for (const auto s :
             { core::AttemptState::Running, core::AttemptState::Done, core::AttemptState::Failed,
               core::AttemptState::Cancelled, core::AttemptState::Interrupted })
            known << core::attemptStateName(s);
        if (!known.contains(parser.value(state))) {
            err() << Tr::tr("Unknown --state '%1': use one of %2.")
                         .arg(parser.value(state), known.join(QStringLiteral(", ")))
                  << Qt::endl;
            return UsageError;
        }
    }

    auto opened = cli::openJournal(parser.value(journal), parser.value(pgConf));
    if (!opened)
        return fail(opened.error());
    core::Journal &j = **opened;
    core::OperatorStore store(j);
    auto session
        = cli::authenticate(store, parser.value(as), parser.value(asPasswordFile),
                            (verify || printAnchor) ? core::Permission::VerifyLog
                                                    : (parser.isSet(csv) ? core::Permission::ExportLog
                                                                         : core::Permission::ReadLog));
    if (!session)
        return fail(session.error());

    if (printAnchor) {
        // The head before this command's own event: that event would move it.
        auto head = j.head(*session);
        if (!head)
            return fail(head.error());
        j.recordOperatorEvent(
            session->name(), QStringLiteral("log.anchor"), QStringLiteral("success"),
            { { QStringLiteral("seq"), head->seq }, { QStringLiteral("hash"), head->hash } });
        out() << core::Journal::anchorLine(*head) << Qt::endl;
        return Success;
    }
    if (verify) {
        QList<core::ChainAnchor> anchors;
        if (parser.isSet(anchor)) {
            auto read = core::Journal::readAnchorFile(parser.value(anchor));
            if (!read)
                return fail(read.error());
            anchors = *read;
        }
        auto v = j.verify(*session, anchors);
        if (!v)
            return fail(v.error());
        j.recordOperatorEvent(session->name(), QStringLiteral("log.verify"),
                              v->intact ? QStringLiteral("intact") : QStringLiteral("broken"),
                              { { QStringLiteral("table"), v->table },
                                { QStringLiteral("record"), v->recordId },
                                { QStringLiteral("anchors"), static_cast<int>(anchors.size()) } });
        (v->intact ? out() : err()) << v->toString() << Qt::endl;
        return v->intact ? Success : Failed;
    }

    core::AttemptFilter f;
    f.batchId = parser.value(batch);
    f.operatorName = parser.value(op);
    f.state = parser.value(state);
    f.serialContains = parser.value(serial);
    for (const auto &[option, target] : { std::pair { &from, &f.from }, std::pair { &to, &f.to } }) {
        if (!parser.isSet(*option))
            continue;
        *target = QDateTime::fromString(parser.value(*option), Qt::ISODate);
        if (!target->isValid()) {
            err() << Tr::tr("'%1' is not an ISO 8601 time.").arg(parser.value(*option)) << Qt::endl;
            return UsageError;
        }
        if (target->timeSpec() == Qt::LocalTime)
            target->setTimeSpec(Qt::UTC);
    }
    if (parser.isSet(csv)) {
        auto data = j.exportCsv(*session, f);
        if (!data)
            return fail(data.error());
        j.recordOperatorEvent(
            session->name(), QStringLiteral("log.export"), QStringLiteral("success"),
            { { QStringLiteral("format"), QStringLiteral("csv") }, { QStringLiteral("batch"), f.batchId } });
        QFile stdoutFile;
        stdoutFile.open(stdout, QIODevice::WriteOnly);
        stdoutFile.write(*data);
        stdoutFile.flush();
        return Success;
    }
    auto rows = j.attempts(*session, f);
    if (!rows)
        return fail(rows.error());
    out() << Tr::tr("STARTED (UTC)        SERIAL            STATE      OPERATOR    STATION     MS      CERT "
                    "SERIAL / ERROR")
          << '\n';
    for (const core::AttemptRecord &a : std::as_const(*rows)) {
        const QString what = a.state == QLatin1String("done")
            ? a.certSerialHex
            : (a.errorCode + QStringLiteral(" ") + a.errorMessage);
        out() << QStringLiteral("%1  %2  %3  %4  %5  %6  %7\n")
                     .arg(utc(a.startedMs), a.serial.leftJustified(16), a.state.leftJustified(9),
                          a.operatorName.leftJustified(10), a.station.leftJustified(10),
                          (a.endedMs ? QString::number(a.endedMs - a.startedMs) : QStringLiteral("-"))
                              .leftJustified(6),
                          what.simplified());
    }
    out() << Tr::tr("%n attempt(s).", nullptr, static_cast<int>(rows->size())) << Qt::endl;
    return Success;
}

} // namespace ks::app
