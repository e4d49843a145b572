#include "IdleWatcher.h"

#include <QCoreApplication>
#include <QEvent>

namespace ks::app {

IdleWatcher::IdleWatcher(QObject *parent)
    : QObject(parent)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &IdleWatcher::idle);
    QCoreApplication::instance()->installEventFilter(this);
}

IdleWatcher::~IdleWatcher()
{
    if (auto *app = QCoreApplication::instance())
        app->removeEventFilter(this);
}

void IdleWatcher::setTimeoutMs(int ms)
{
    m_timeoutMs = ms;
    reset();
}

void IdleWatcher::setPaused(bool paused)
{
    m_paused = paused;
    reset();
}

void IdleWatcher::reset()
{
    if (m_timeoutMs > 0 && !m_paused)
        m_timer.start(m_timeoutMs);
    else
        m_timer.stop();
}

bool IdleWatcher::eventFilter(QObject *watched, QEvent *event)
{
    switch (event->type()) {
    case QEvent::KeyPress:
    case QEvent::MouseButtonPress:
    case QEvent::MouseMove:
    case QEvent::Wheel:
    case QEvent::TouchBegin:
        if (m_timer.isActive())
            m_timer.start(m_timeoutMs);
        break;
    default:
        break;
    }
    return QObject::eventFilter(watched, event);
}

} // namespace ks::app
