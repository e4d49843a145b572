// Idle lock timing: fires after the timeout without input, input postpones it, 0 or paused never fires.
#include "IdleWatcher.h"

#include <QKeyEvent>
#include <QSignalSpy>
#include <QTest>
#include <QWidget>

#include <gtest/gtest.h>

using ks::app::IdleWatcher;

TEST(IdleWatcher, FiresAfterTheTimeoutAndInputPostponesIt)
{
    QWidget widget;
    widget.show();
    IdleWatcher watcher;
    QSignalSpy idle(&watcher, &IdleWatcher::idle);
    watcher.setTimeoutMs(300);
    for (int i = 0; i < 5; ++i) { // 5 x 100 ms of typing: never idle
        QTest::qWait(100);
        QKeyEvent press(QEvent::KeyPress, Qt::Key_A, Qt::NoModifier, QStringLiteral("a"));
        QCoreApplication::sendEvent(&widget, &press);
    }
    EXPECT_EQ(idle.count(), 0);
    EXPECT_TRUE(idle.wait(2000));
    EXPECT_EQ(idle.count(), 1);
}

TEST(IdleWatcher, ZeroOrPausedNeverFires)
{
    IdleWatcher watcher;
    QSignalSpy idle(&watcher, &IdleWatcher::idle);
    watcher.setTimeoutMs(0);
    EXPECT_FALSE(idle.wait(300));
    watcher.setTimeoutMs(100);
    watcher.setPaused(true);
    EXPECT_FALSE(idle.wait(300));
    watcher.setPaused(false);
    EXPECT_TRUE(idle.wait(2000));
}
