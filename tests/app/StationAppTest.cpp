// The program's life as main() runs it: settings and command line, the station, auto-login (the demo's
// --login-file), log out back to the login dialog without quitting.
#include "GuiFixture.h"

#include "LoginDialog.h"
#include "StationApp.h"

#include <QAbstractButton>
#include <QApplication>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QSettings>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTest>

using namespace ks;

class StationAppLife : public ks::test::GuiFixture
{
};

TEST_F(StationAppLife, LogsInFromAFileThenLogsOutToTheLoginDialog)
{
    setUpBench(2);
    m_station.reset(); // one PKCS#11 context per module per process: the program makes its own
    QFile login(m_dir + QStringLiteral("/login"));
    ASSERT_TRUE(login.open(QIODevice::WriteOnly));
    // It holds a password: owner-only, or the program refuses it.
    ASSERT_TRUE(login.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner));
    login.write("admin\ncorrect horse battery\n");
    login.close();

    app::StationApp::Options options;
    options.settingsFile = m_dir + QStringLiteral("/keystation.ini");
    options.profilePath = m_profilePath;
    options.modulePath = QStringLiteral(KS_SIMHUB_MODULE_PATH);
    options.journalPath = m_dir + QStringLiteral("/journal.sqlite");
    options.autoLoginFile = login.fileName();
    app::StationApp program(options);
    QSignalSpy lastClosed(qApp, &QGuiApplication::lastWindowClosed);
    ASSERT_TRUE(program.start());
    ASSERT_TRUE(QTest::qWaitFor([&] { return program.mainWindow() != nullptr; }, 10000));
    auto *window = program.mainWindow();
    EXPECT_EQ(window->session().name(), QStringLiteral("admin"));
    EXPECT_EQ(window->tabs()->count() >= 3, true);
    // The CA registration runs once after the window shows.
    ASSERT_TRUE(QTest::qWaitFor(
        [&] { return !window->findChild<QLabel *>(QStringLiteral("caStatus"))->text().isEmpty(); }, 10000));

    window->logOut();
    ASSERT_TRUE(QTest::qWaitFor([&] { return program.mainWindow() == nullptr; }, 5000));
    app::LoginDialog *dialog = nullptr;
    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            for (auto *w : QApplication::topLevelWidgets())
                if (auto *d = qobject_cast<app::LoginDialog *>(w); d && d->isVisible())
                    dialog = d;
            return dialog != nullptr;
        },
        5000));
    EXPECT_EQ(lastClosed.count(), 0); // logging out does not end the program
    dialog->submit(QStringLiteral("admin"), QStringLiteral("correct horse battery"));
    ASSERT_TRUE(QTest::qWaitFor([&] { return program.mainWindow() != nullptr; }, 10000));
}

TEST_F(StationAppLife, ABrokenProfileOffersTheSettingsToAnAdministrator)
{
    setUpBench(1);
    m_station.reset();
    QFile broken(m_dir + QStringLiteral("/broken.json"));
    ASSERT_TRUE(broken.open(QIODevice::WriteOnly));
    broken.write("{ \"name\": ");
    broken.close();

    app::StationApp::Options options;
    options.settingsFile = m_dir + QStringLiteral("/keystation.ini");
    options.profilePath = broken.fileName();
    options.modulePath = QStringLiteral(KS_SIMHUB_MODULE_PATH);
    options.journalPath = m_dir + QStringLiteral("/journal.sqlite");
    app::StationApp program(options);
    ASSERT_TRUE(program.start());
    EXPECT_EQ(program.mainWindow(), nullptr);
    auto topLevel = [](const QString &name) -> QWidget * {
        for (auto *w : QApplication::topLevelWidgets())
            if (w->isVisible() && (w->objectName() == name || w->inherits(name.toLatin1().constData())))
                return w;
        return nullptr;
    };
    QWidget *box = nullptr;
    ASSERT_TRUE(
        QTest::qWaitFor([&] { return (box = topLevel(QStringLiteral("startFailure"))) != nullptr; }, 5000));
    auto *open = box->findChild<QAbstractButton *>(QStringLiteral("openSettings"));
    ASSERT_NE(open, nullptr);
    open->click();

    app::LoginDialog *dialog = nullptr;
    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            return (dialog
                    = qobject_cast<app::LoginDialog *>(topLevel(QStringLiteral("ks::app::LoginDialog"))));
        },
        5000));
    dialog->submit(QStringLiteral("admin"), QStringLiteral("correct horse battery"));
    QWidget *settings = nullptr;
    ASSERT_TRUE(
        QTest::qWaitFor([&] { return (settings = topLevel(QStringLiteral("settings"))) != nullptr; }, 10000));
    auto *profile = settings->findChild<QLineEdit *>(QStringLiteral("profilePath"));
    ASSERT_NE(profile, nullptr);
    EXPECT_EQ(profile->text(), broken.fileName());
    settings->close();
}

// Both front ends read the configuration in one order: option > environment > settings. A start failure is
// printed to stderr as well as shown, so a station started from a terminal or a service says why.
TEST_F(StationAppLife, TheEnvironmentChoosesTheProfileAndAStartFailureIsAlsoOnStderr)
{
    setUpBench(1);
    m_station.reset();
    QFile broken(m_dir + QStringLiteral("/from-environment.json"));
    ASSERT_TRUE(broken.open(QIODevice::WriteOnly));
    broken.write("{ \"name\": ");
    broken.close();
    const QString settingsFile = m_dir + QStringLiteral("/keystation.ini");
    {
        QSettings ini(settingsFile, QSettings::IniFormat);
        ini.setValue(QStringLiteral("station/profile"), m_dir + QStringLiteral("/from-settings.json"));
    }
    auto startFailure = [](const app::StationApp::Options &options) {
        ::testing::internal::CaptureStderr();
        {
            app::StationApp program(options);
            EXPECT_TRUE(program.start());
            EXPECT_EQ(program.mainWindow(), nullptr);
        }
        const std::string said = ::testing::internal::GetCapturedStderr();
        for (auto *w : QApplication::topLevelWidgets())
            if (w->objectName() == QStringLiteral("startFailure"))
                delete w;
        return QString::fromStdString(said);
    };
    app::StationApp::Options options;
    options.settingsFile = settingsFile;
    options.modulePath = QStringLiteral(KS_SIMHUB_MODULE_PATH);
    options.journalPath = m_dir + QStringLiteral("/journal.sqlite");
    qputenv("KEYSTATION_PROFILE", broken.fileName().toLocal8Bit());
    const QString fromEnvironment = startFailure(options);
    options.profilePath = m_dir + QStringLiteral("/from-option.json");
    const QString fromOption = startFailure(options);
    qunsetenv("KEYSTATION_PROFILE");

    EXPECT_TRUE(fromEnvironment.contains(QStringLiteral("KeyStation cannot start")))
        << fromEnvironment.toStdString();
    EXPECT_TRUE(fromEnvironment.contains(QStringLiteral("Profile: ") + broken.fileName()))
        << fromEnvironment.toStdString();
    EXPECT_TRUE(fromEnvironment.contains(QStringLiteral("not valid JSON"))) << fromEnvironment.toStdString();
    EXPECT_FALSE(fromEnvironment.contains(QStringLiteral("from-settings.json")))
        << fromEnvironment.toStdString();
    EXPECT_TRUE(fromOption.contains(QStringLiteral("Profile file not found: ") + options.profilePath))
        << fromOption.toStdString();
}

// `keystation --help` and `--version` answer without a display (help2man builds the man page from them).
TEST(KeystationProgram, HelpAndVersionNeedNoDisplay)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const char *name : { "QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY", "KEYSTATION_PKCS11_MODULE" })
        environment.remove(QString::fromLatin1(name));
    auto run = [&](const QString &option) {
        QProcess program;
        program.setProcessEnvironment(environment);
        program.start(QStringLiteral(KS_GUI_PATH), { option });
        EXPECT_TRUE(program.waitForFinished(30000));
        EXPECT_EQ(program.exitStatus(), QProcess::NormalExit);
        EXPECT_EQ(program.exitCode(), 0) << program.readAllStandardError().toStdString();
        return QString::fromUtf8(program.readAllStandardOutput());
    };
    const QString help = run(QStringLiteral("--help"));
    EXPECT_TRUE(help.startsWith(QStringLiteral("Usage: keystation [options]"))) << help.toStdString();
    EXPECT_TRUE(help.contains(QStringLiteral("--profile <FILE>"))) << help.toStdString();
    EXPECT_TRUE(help.contains(QStringLiteral("KEYSTATION_PKCS11_MODULE"))) << help.toStdString();
    const QString version = run(QStringLiteral("--version"));
    EXPECT_TRUE(version.startsWith(QStringLiteral("keystation "))) << version.toStdString();
    EXPECT_TRUE(version.contains(QStringLiteral("\nQt 6."))) << version.toStdString();
    EXPECT_TRUE(version.contains(QStringLiteral("\nOpenSSL 3."))) << version.toStdString();
}
