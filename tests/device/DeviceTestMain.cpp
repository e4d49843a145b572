#include <QCoreApplication>

#include <gtest/gtest.h>

// The watcher delivers queued signals: tests need a Qt event loop.
int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
