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
