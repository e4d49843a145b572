// keystation: the operator's bench, the supervisor's batch log and the administrator's settings.
#include "StationApp.h"

#include "core/StationDefaults.h"
#include "core/VersionInfo.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QSettings>
#include <QTextStream>

#include <cstdio>
#include <cstring>

namespace {

struct Options
{
    QCommandLineOption settings { QStringLiteral("settings"),
                                  QCoreApplication::translate("main",
                                                              "settings file (INI) instead of the default"),
                                  QStringLiteral("FILE") };
    QCommandLineOption profile { QStringLiteral("profile"),
                                 QCoreApplication::translate(
                                     "main",
                                     "provisioning profile (JSON); default $KEYSTATION_PROFILE, then the "
                                     "settings"),
                                 QStringLiteral("FILE") };
    QCommandLineOption module { QStringLiteral("module"),
                                QCoreApplication::translate(
                                    "main",
                                    "PKCS#11 module of the hub; default $KEYSTATION_PKCS11_MODULE, then the "
                                    "settings, then OpenSC"),
                                QStringLiteral("FILE") };
    QCommandLineOption journal { QStringLiteral("journal"),
                                 QCoreApplication::translate(
                                     "main",
                                     "SQLite journal file; default $KEYSTATION_JOURNAL, then the settings"),
                                 QStringLiteral("FILE") };
    QCommandLineOption pgConf { QStringLiteral("pg-conf"),
                                QCoreApplication::translate("main", "PostgreSQL journal connection file"),
                                QStringLiteral("FILE") };
    QCommandLineOption language { QStringLiteral("language"),
                                  QCoreApplication::translate("main", "user interface language (en, zh_CN)"),
                                  QStringLiteral("LANG") };
    // Demonstration and test switches: none of them is honoured without --demo.
    QCommandLineOption demo { QStringLiteral("demo"),
                              QCoreApplication::translate(
                                  "main",
                                  "demonstration/test run: honour --login-file and the KS_AUTO_PROVISION, "
                                  "KS_SCREENSHOT and KS_SCREENSHOT_DELAY environment variables (never on a "
                                  "station in production)") };
    QCommandLineOption login { QStringLiteral("login-file"),
                               QCoreApplication::translate(
                                   "main",
                                   "demo only (with --demo): log in with the name and "
                                   "password in FILE (two lines)"),
                               QStringLiteral("FILE") };
    QCommandLineOption badgeCa { QStringLiteral("badge-ca"),
                                 QCoreApplication::translate("main",
                                                             "operator CA (PEM): offer badge key login"),
                                 QStringLiteral("FILE") };
    QCommandLineOption inProcess {
        QStringLiteral("in-process"),
        QCoreApplication::translate(
            "main", "run every key's PKCS#11 work in this process, not a worker process per key")
    };

    void addTo(QCommandLineParser &parser) const
    {
        parser.setApplicationDescription(
            QCoreApplication::translate("main", "Batch provisioning of USB PKI keys."));
        parser.addHelpOption();
        parser.addVersionOption();
        parser.addOptions(
            { settings, profile, module, journal, pgConf, language, badgeCa, inProcess, demo, login });
    }
};

void setIdentity()
{
    QCoreApplication::setApplicationName(QStringLiteral("keystation"));
    QCoreApplication::setOrganizationName(QStringLiteral("KeyStation"));
    QCoreApplication::setApplicationVersion(QStringLiteral(KS_VERSION));
}

bool asksForHelpOrVersion(int argc, char **argv)
{
    for (int i = 1; i < argc; ++i) {
        for (const char *word : { "--help", "-h", "--help-all", "-?", "--version", "-v" })
            if (std::strcmp(argv[i], word) == 0)
                return true;
    }
    return false;
}

// --help and --version answered without a display (help2man, a terminal over ssh, a service manager):
// QApplication needs a windowing platform, QCoreApplication does not.
int helpOrVersion(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    setIdentity();
    QCommandLineParser parser;
    const Options options;
    options.addTo(parser);
    parser.parse(QCoreApplication::arguments()); // Qt's own options (-platform ...) are not errors here
    QTextStream out(stdout);
    if (parser.isSet(QStringLiteral("version"))) {
        // The module the station would use: --module, else the environment, else the settings.
        QStringList modules;
        if (parser.isSet(options.module))
            modules << parser.value(options.module);
        else
            modules = ks::core::StationDefaults::modulesFromEnvironment();
        if (modules.isEmpty()) {
            const auto settings = parser.isSet(options.settings)
                ? std::make_unique<QSettings>(parser.value(options.settings), QSettings::IniFormat)
                : std::make_unique<QSettings>();
            const QString fromSettings = settings->value(QStringLiteral("station/module")).toString();
            if (!fromSettings.isEmpty())
                modules << fromSettings;
        }
        out << ks::core::versionText(QStringLiteral("keystation"), QStringLiteral(KS_VERSION), modules);
        return 0;
    }
    // The usage line names the program, not the path it was started from.
    QString help = parser.helpText();
    const QString argv0 = QCoreApplication::arguments().value(0);
    if (const qsizetype at = help.indexOf(argv0); !argv0.isEmpty() && at >= 0 && at < help.indexOf(u'\n'))
        help.replace(at, argv0.size(), QStringLiteral("keystation"));
    out << help
        << QCoreApplication::translate(
               "main",
               "\nEnvironment: KEYSTATION_PROFILE, KEYSTATION_PKCS11_MODULE, KEYSTATION_JOURNAL "
               "(an option wins over the environment, the environment over the settings).\n");
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    if (asksForHelpOrVersion(argc, argv))
        return helpOrVersion(argc, argv);

    QApplication app(argc, argv);
    setIdentity();
    QApplication::setApplicationDisplayName(QStringLiteral("KeyStation"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/keystation.svg")));
    QApplication::setDesktopFileName(QStringLiteral("keystation"));

    QCommandLineParser parser;
    const Options o;
    o.addTo(parser);
    parser.process(app);

    ks::app::StationApp::Options options;
    options.settingsFile = parser.value(o.settings);
    options.profilePath = parser.value(o.profile);
    options.modulePath = parser.value(o.module);
    options.inProcess = parser.isSet(o.inProcess);
    options.journalPath = parser.value(o.journal);
    options.pgConfFile = parser.value(o.pgConf);
    options.language = parser.value(o.language);
    options.badgeCaFile = parser.value(o.badgeCa);
    if (parser.isSet(o.demo)) {
        options.autoLoginFile = parser.value(o.login);
        // Screenshots for the README and the demo check: KS_SCREENSHOT=path [KS_SCREENSHOT_DELAY=seconds].
        options.screenshotPath = qEnvironmentVariable("KS_SCREENSHOT");
        if (qEnvironmentVariableIsSet("KS_SCREENSHOT_DELAY"))
            options.screenshotDelayMs = qEnvironmentVariableIntValue("KS_SCREENSHOT_DELAY") * 1000;
        // KS_AUTO_PROVISION=seconds: press Provision all that long after login (unattended demo runs).
        if (qEnvironmentVariableIsSet("KS_AUTO_PROVISION"))
            options.autoProvisionDelayMs = qEnvironmentVariableIntValue("KS_AUTO_PROVISION") * 1000;
    } else if (parser.isSet(o.login) || qEnvironmentVariableIsSet("KS_SCREENSHOT")
               || qEnvironmentVariableIsSet("KS_AUTO_PROVISION")) {
        std::fprintf(stderr, "%s\n",
                     qPrintable(QCoreApplication::translate(
                         "main",
                         "keystation: --login-file, KS_SCREENSHOT and KS_AUTO_PROVISION are demonstration "
                         "switches, honoured only with --demo; ignored.")));
    }

    ks::app::StationApp station(options);
    if (!station.start())
        return 1;
    return app.exec();
}
