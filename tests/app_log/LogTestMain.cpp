#include <QApplication>

#include <gtest/gtest.h>

// Widgets need a QApplication; the offscreen platform lets them paint without a display (also when the test
// list is discovered, before ctest's ENVIRONMENT applies).
int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("keystation-test"));
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
