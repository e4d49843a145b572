#include <QGuiApplication>

#include <gtest/gtest.h>

// The PDFs paint text: a QGuiApplication, offscreen unless the caller chose a platform (test discovery runs
// this binary without the test's environment), as keystation-cli does.
int main(int argc, char **argv)
{
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
