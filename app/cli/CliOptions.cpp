#include "CliOptions.h"

#include "CliOutput.h"
#include "ExitCode.h"

#include <QCoreApplication>
#include <QSet>

namespace ks::app {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(ks::app::Cli)
};

} // namespace

QString exitCodeHelp()
{
    return Tr::tr(
        "Exit status:\n"
        "  0    all done\n"
        "  1    the work ran but failed: a key failed or was refused, the log chain is broken, the\n"
        "       issued certificate failed its check, an account rule refused the change\n"
        "  2    usage or configuration error (bad option, bad profile, missing file, journal)\n"
        "  3    the CA is unreachable (connection, TLS, time-out)\n"
        "  4    authentication or permission (no operator name, wrong password, locked, role)\n"
        "  5    no key present, or the PKCS#11 module cannot be loaded\n"
        "  130  interrupted (Ctrl+C, SIGTERM) before the work finished\n");
}

namespace cli {

QString helpText(const QCommandLineParser &parser, const QString &command)
{
    QString text = parser.helpText();
    // QCommandLineParser's usage line starts with QCoreApplication's argv[0], whatever was parsed.
    const QString argv0 = QCoreApplication::arguments().value(0);
    const qsizetype at = argv0.isEmpty() ? -1 : text.indexOf(argv0);
    const qsizetype firstLineEnd = text.indexOf(u'\n');
    if (at >= 0 && (firstLineEnd < 0 || at < firstLineEnd))
        text.replace(at, argv0.size(), QStringLiteral("keystation-cli ") + command);
    if (!text.endsWith(u'\n'))
        text += u'\n';
    return text + u'\n' + exitCodeHelp();
}

std::optional<int> parse(QCommandLineParser &parser, const QString &command, const QStringList &args)
{
    if (!parser.parse(QStringList { QStringLiteral("keystation-cli ") + command } + args)) {
        cliErr() << parser.errorText() << Qt::endl
                 << Tr::tr("'keystation-cli %1 --help' lists the options.").arg(command) << Qt::endl;
        return UsageError;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        cliOut() << helpText(parser, command) << Qt::flush;
        return Success;
    }
    return std::nullopt;
}

void addDeprecatedOption(QCommandLineParser &parser, const QString &oldName, const QString &valueName)
{
    QCommandLineOption option(oldName, QString(), valueName);
    option.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOption(option);
}

void warnDeprecated(const QString &oldName, const QString &newName)
{
    static QSet<QString> warned;
    if (warned.contains(oldName))
        return;
    warned.insert(oldName);
    cliErr() << Tr::tr("Warning: --%1 is deprecated and will be removed in the next release; use --%2.")
                    .arg(oldName, newName)
             << Qt::endl;
}

bool isSet(const QCommandLineParser &parser, const QString &newName, const QString &oldName)
{
    if (parser.isSet(newName))
        return true;
    if (!parser.isSet(oldName))
        return false;
    warnDeprecated(oldName, newName);
    return true;
}

QString value(const QCommandLineParser &parser, const QString &newName, const QString &oldName)
{
    if (parser.isSet(newName))
        return parser.value(newName);
    if (!parser.isSet(oldName))
        return parser.value(newName); // its default, if any
    warnDeprecated(oldName, newName);
    return parser.value(oldName);
}

bool looksLikeCfsslDefaultProfile(ca::CaError::Code code)
{
    return code == ca::CaError::Code::ValidityTooShort || code == ca::CaError::Code::ExtendedKeyUsageMismatch;
}

QString cfsslDefaultProfileHint(const QString &profileName)
{
    return Tr::
        tr("Hint: cfssl signs with its default profile (24 hours, no extended key usage) when it does not "
           "know the profile asked for ('%1'): check that name against the signing profiles in the CA's "
           "config.json.")
            .arg(profileName);
}

} // namespace cli
} // namespace ks::app
