#include <QApplication>

#include <gtest/gtest.h>

// Widgets need a QApplication; offscreen unless the caller chose a platform (ctest sets it too, but test
// discovery runs this binary without the test's environment).
int main(int argc, char **argv)
{
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    // The station as shipped, with a worker process per key; the test binary has none beside it.
    qputenv("KEYSTATION_TOKEN_WORKER", KS_WORKER_PATH);
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("keystation-test"));
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
