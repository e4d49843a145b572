// keystation-cli: the station's engine without the GUI, for automation and administrators.
#include "TokensCommand.h"

#if __has_include("CaCommand.h")
#include "CaCommand.h"
#define KS_HAVE_CA_COMMAND 1
#endif
#if __has_include("LogCommand.h")
#include "LogCommand.h"
#define KS_HAVE_LOG_COMMAND 1
#endif
#if __has_include("OperatorCommand.h")
#include "OperatorCommand.h"
#define KS_HAVE_OPERATOR_COMMAND 1
#endif
#if __has_include("ProvisionCommand.h")
#include "ProvisionCommand.h"
#define KS_HAVE_PROVISION_COMMAND 1
#endif

#include <QCoreApplication>
#include <QTextStream>

#include <csignal>

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(ks::app::Cli)
};

int usage(int code)
{
    QTextStream(code ? stderr : stdout)
        << Tr::tr("Usage: keystation-cli COMMAND [options]\n"
                  "\n"
                  "Commands:\n"
                  "  tokens [--watch] [--json] [--module PATH]   list or watch the keys on the hub\n"
                  "  ca info|enroll ...                          test a CA connection\n"
                  "  provision --all [--continuous] ...          provision every key on the hub\n"
                  "  log [--batch ID] [--csv] | log verify       read or verify the batch log\n"
                  "  operator add|passwd|disable NAME            manage operator accounts\n"
                  "\n"
                  "COMMAND --help shows a command's options.\n");
    return code;
}

} // namespace

int main(int argc, char **argv)
{
    // A full disk (or a file-size limit) must surface as a write error the journal reports, not kill the
    // station in the middle of a key.
    std::signal(SIGXFSZ, SIG_IGN);
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("keystation"));
    QCoreApplication::setOrganizationName(QStringLiteral("KeyStation"));
    QCoreApplication::setApplicationVersion(QStringLiteral(KS_VERSION));

    QStringList args = QCoreApplication::arguments().mid(1);
    if (args.isEmpty())
        return usage(1);
    const QString command = args.takeFirst();
    if (command == QStringLiteral("tokens"))
        return ks::app::runTokensCommand(args);
#ifdef KS_HAVE_CA_COMMAND
    if (command == QStringLiteral("ca"))
        return ks::app::runCaCommand(args);
#endif
#ifdef KS_HAVE_LOG_COMMAND
    if (command == QStringLiteral("log"))
        return ks::app::runLogCommand(args);
#endif
#ifdef KS_HAVE_OPERATOR_COMMAND
    if (command == QStringLiteral("operator"))
        return ks::app::runOperatorCommand(args);
#endif
#ifdef KS_HAVE_PROVISION_COMMAND
    if (command == QStringLiteral("provision"))
        return ks::app::runProvisionCommand(args);
#endif
    if (command == QStringLiteral("--help") || command == QStringLiteral("-h")
        || command == QStringLiteral("help"))
        return usage(0);
    QTextStream(stderr) << Tr::tr("Unknown command '%1'.").arg(command) << Qt::endl;
    return usage(1);
}
