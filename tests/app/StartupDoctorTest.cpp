// The start-up check of the desktop station (app/gui/StartupDoctor): keystation-cli doctor's checks on a
// worker thread, a failure shown in a non-modal message, the GUI's own sound check.
#include "StartupDoctor.h"
#include "SoftHsmEnv.h"

#include <QApplication>
#include <QMessageBox>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <gtest/gtest.h>

namespace {

using ks::core::DoctorCheck;

QMessageBox *startupDoctorBox()
{
    for (auto *w : QApplication::topLevelWidgets())
        if (w->objectName() == QStringLiteral("startupDoctor") && w->isVisible())
            return qobject_cast<QMessageBox *>(w);
    return nullptr;
}

TEST(StartupDoctor, AFailingCheckIsShownInANonModalMessageAndEveryCheckRan)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    ks::test::SoftHsmEnv env;
    env.initTokens(1);
    qputenv("SOFTHSM2_CONF", QByteArray::fromStdString(env.confPath()));
    ks::core::DoctorConfig config;
    config.profilePath = dir.filePath(QStringLiteral("missing-profile.json"));
    config.modulePath = QString::fromStdString(ks::test::SoftHsmEnv::softHsmModulePath());
    config.journal = ks::core::JournalConfig::sqlite(dir.filePath(QStringLiteral("journal.sqlite")));

    QObject owner;
    auto *doctor = ks::app::StartupDoctor::start(config, &owner);
    QSignalSpy finished(doctor, &ks::app::StartupDoctor::finished);
    ASSERT_TRUE(finished.wait(30000));
    const auto checks = finished.at(0).at(0).value<QList<DoctorCheck>>();
    ASSERT_EQ(checks.size(), 10);
    EXPECT_EQ(checks.at(0).id, QStringLiteral("profile"));
    EXPECT_EQ(checks.at(0).outcome, DoctorCheck::Outcome::Fail);
    EXPECT_EQ(checks.at(1).outcome, DoctorCheck::Outcome::Ok) << checks.at(1).detail.toStdString();
    // The sound check is the GUI's: never skipped here, at worst a warning.
    EXPECT_EQ(checks.last().id, QStringLiteral("sound"));
    EXPECT_TRUE(checks.last().outcome == DoctorCheck::Outcome::Ok
                || checks.last().outcome == DoctorCheck::Outcome::Warn)
        << checks.last().detail.toStdString();

    QMessageBox *box = nullptr;
    ASSERT_TRUE(QTest::qWaitFor([&] { return (box = startupDoctorBox()) != nullptr; }, 5000));
    EXPECT_FALSE(box->isModal());
    EXPECT_TRUE(box->text().contains(QStringLiteral("Profile"))) << box->text().toStdString();
    EXPECT_TRUE(box->text().contains(QStringLiteral("missing-profile.json"))) << box->text().toStdString();
    box->close();
    qunsetenv("SOFTHSM2_CONF");
}

TEST(StartupDoctor, TheSoundCheckNeverFails)
{
    const DoctorCheck sound = ks::app::StartupDoctor::soundCheck();
    EXPECT_EQ(sound.id, QStringLiteral("sound"));
    EXPECT_NE(sound.outcome, DoctorCheck::Outcome::Fail);
    EXPECT_NE(sound.outcome, DoctorCheck::Outcome::Skipped);
    EXPECT_FALSE(sound.detail.isEmpty());
}

} // namespace
