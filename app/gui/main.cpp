// keystation: the operator's bench, the supervisor's batch log and the administrator's settings.
#include "StationApp.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("keystation"));
    QApplication::setOrganizationName(QStringLiteral("KeyStation"));
    QApplication::setApplicationVersion(QStringLiteral(KS_VERSION));
    QApplication::setApplicationDisplayName(QStringLiteral("KeyStation"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/keystation.svg")));
    QApplication::setDesktopFileName(QStringLiteral("keystation"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Batch provisioning of USB PKI keys."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption settings(
        QStringLiteral("settings"),
        QApplication::translate("main", "settings file (INI) instead of the default"),
        QStringLiteral("FILE"));
    const QCommandLineOption profile(QStringLiteral("profile"),
                                     QApplication::translate("main", "provisioning profile (JSON)"),
                                     QStringLiteral("FILE"));
    const QCommandLineOption module(QStringLiteral("module"),
                                    QApplication::translate("main", "PKCS#11 module of the hub"),
                                    QStringLiteral("FILE"));
    const QCommandLineOption journal(QStringLiteral("journal"),
                                     QApplication::translate("main", "SQLite journal file"),
                                     QStringLiteral("FILE"));
    const QCommandLineOption pgConf(QStringLiteral("pg-conf"),
                                    QApplication::translate("main", "PostgreSQL journal connection file"),
                                    QStringLiteral("FILE"));
    const QCommandLineOption language(QStringLiteral("language"),
                                      QApplication::translate("main", "user interface language (en, zh_CN)"),
                                      QStringLiteral("LANG"));
    const QCommandLineOption login(QStringLiteral("login-file"),
                                   QApplication::translate("main",
                                                           "log in with the name and password in FILE "
                                                           "(two lines; for demonstrations)"),
                                   QStringLiteral("FILE"));
    const QCommandLineOption badgeCa(
        QStringLiteral("badge-ca"),
        QApplication::translate("main", "operator CA (PEM): offer badge key login"), QStringLiteral("FILE"));
    const QCommandLineOption inProcess(
        QStringLiteral("in-process"),
        QApplication::translate(
            "main", "run every key's PKCS#11 work in this process, not a worker process per key"));
    parser.addOptions({ settings, profile, module, journal, pgConf, language, login, badgeCa, inProcess });
    parser.process(app);

    ks::app::StationApp::Options options;
    options.settingsFile = parser.value(settings);
    options.profilePath = parser.value(profile);
    options.modulePath = parser.value(module);
    options.inProcess = parser.isSet(inProcess);
    options.journalPath = parser.value(journal);
    options.pgConfFile = parser.value(pgConf);
    options.language = parser.value(language);
    options.autoLoginFile = parser.value(login);
    options.badgeCaFile = parser.value(badgeCa);
    // Screenshots for the README and the demo check: KS_SCREENSHOT=path [KS_SCREENSHOT_DELAY=seconds].
    options.screenshotPath = qEnvironmentVariable("KS_SCREENSHOT");
    if (qEnvironmentVariableIsSet("KS_SCREENSHOT_DELAY"))
        options.screenshotDelayMs = qEnvironmentVariableIntValue("KS_SCREENSHOT_DELAY") * 1000;
    // KS_AUTO_PROVISION=seconds: press Provision all that long after login (unattended demo runs).
    if (qEnvironmentVariableIsSet("KS_AUTO_PROVISION"))
        options.autoProvisionDelayMs = qEnvironmentVariableIntValue("KS_AUTO_PROVISION") * 1000;

    ks::app::StationApp station(options);
    if (!station.start())
        return 1;
    return app.exec();
}
