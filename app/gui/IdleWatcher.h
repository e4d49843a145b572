#pragma once

#include <QObject>
#include <QTimer>

namespace ks::app {

// Emits idle() after the given minutes without keyboard or mouse input anywhere in the application.
class IdleWatcher : public QObject
{
    Q_OBJECT

public:
    explicit IdleWatcher(QObject *parent = nullptr);
    ~IdleWatcher() override;

    void setTimeoutMs(int ms); // 0: never
    void setPaused(bool paused);
    void reset();

Q_SIGNALS:
    void idle();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QTimer m_timer;
    int m_timeoutMs = 0;
    bool m_paused = false;
};

} // namespace ks::app
