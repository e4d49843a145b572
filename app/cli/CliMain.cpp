// keystation-cli: the station's engine without the GUI, for automation and administrators. Here: the usage
// text and the dispatch to each command (XxxCommand.cpp); main.cpp only makes the application object.
#include "CliMain.h"

#include "CaCommand.h"
#include "CliDefaults.h"
#include "CliOutput.h"
#include "DoctorCommand.h"
#include "ExitCode.h"
#include "LogCommand.h"
#include "LotCommand.h"
#include "OperatorCommand.h"
#include "ProvisionCommand.h"
#include "TokensCommand.h"
#include "core/StationDefaults.h"
#include "core/VersionInfo.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QTextStream>

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(ks::app::Cli)
};

void usage(QTextStream &stream)
{
    stream << Tr::tr(
        "Usage: keystation-cli COMMAND [options]\n"
        "       keystation-cli --version [--module PATH]\n"
        "\n"
        "Commands:\n"
        "  tokens [--watch] [--json] [--module PATH]      list or watch the keys on the hub\n"
        "  ca info|enroll --protocol P --url URL ...      test a CA connection (enroll: journaled)\n"
        "  provision --all [--continuous] --profile FILE  provision every key on the hub\n"
        "            [--lot FILE] [--json]                under a lot; progress as JSON lines\n"
        "  log [--batch ID] [--csv] | log verify | log anchor\n"
        "                                                 read, export or verify the batch log\n"
        "  operator add|passwd|role|disable|enable NAME | operator list\n"
        "                                                 manage operator accounts\n"
        "  lot list | lot show ID | lot report ID [--csv F] [--pem F] [--pdf F]\n"
        "                                                 lots (work orders): counts, yield, hand-over\n"
        "  doctor [--profile FILE] [--module PATH] [--json]  check the bench: module, pcscd, CA, clock,\n"
        "                                                 journal, disk\n"
        "\n"
        "Commands that act as an account take --as NAME --as-password-file FILE. Every --timeout\n"
        "is in seconds. --verbose prints routine notes (module polling, loading) as well.\n"
        "Environment: KEYSTATION_PROFILE, KEYSTATION_PKCS11_MODULE, KEYSTATION_JOURNAL.\n"
        "'keystation-cli COMMAND --help' shows a command's options.\n"
        "\n")
           << ks::app::exitCodeHelp() << Qt::flush;
}

int version(const QStringList &args)
{
    QStringList modules;
    for (qsizetype i = 0; i < args.size(); ++i) {
        if (args.at(i) == QLatin1String("--module") && i + 1 < args.size())
            modules << args.at(++i);
        else if (args.at(i).startsWith(QLatin1String("--module=")))
            modules << args.at(i).mid(9);
    }
    if (modules.isEmpty())
        modules = ks::core::StationDefaults::modulesFromEnvironment();
    ks::app::cliOut() << ks::core::versionText(QStringLiteral("keystation-cli"), QStringLiteral(KS_VERSION),
                                               modules)
                      << Qt::flush;
    return ks::app::Success;
}

} // namespace

namespace ks::app {

int runCli(const QStringList &arguments)
{
    QStringList args = arguments;
    // Routine notes of the layers (a module that can only be polled, a module loaded) are for --verbose;
    // warnings always show. QT_LOGGING_RULES still overrides this.
    if (args.removeAll(QStringLiteral("--verbose")) == 0)
        QLoggingCategory::setFilterRules(QStringLiteral("ks.*.info=false\nks.*.debug=false"));
    if (args.isEmpty()) {
        QTextStream err(stderr);
        usage(err);
        return ks::app::UsageError;
    }
    const QString command = args.takeFirst();
    if (command == QStringLiteral("tokens"))
        return ks::app::runTokensCommand(args);
    if (command == QStringLiteral("ca"))
        return ks::app::runCaCommand(args);
    if (command == QStringLiteral("log"))
        return ks::app::runLogCommand(args);
    if (command == QStringLiteral("operator"))
        return ks::app::runOperatorCommand(args);
    if (command == QStringLiteral("provision"))
        return ks::app::runProvisionCommand(args);
    if (command == QStringLiteral("lot"))
        return ks::app::runLotCommand(args);
    if (command == QStringLiteral("doctor"))
        return ks::app::runDoctorCommand(args);
    if (command == QStringLiteral("--version") || command == QStringLiteral("version"))
        return version(args);
    if (command == QStringLiteral("--help") || command == QStringLiteral("-h")
        || command == QStringLiteral("help")) {
        QTextStream out(stdout);
        usage(out);
        return ks::app::Success;
    }
    QTextStream err(stderr);
    err << Tr::tr("Unknown command '%1'.").arg(command) << Qt::endl << Qt::endl;
    usage(err);
    return ks::app::UsageError;
}

} // namespace ks::app
