#include "CliSignals.h"

#include <QCoreApplication>
#include <QTimer>

#include <atomic>
#include <csignal>

namespace ks::app {

namespace {
std::atomic_bool g_interrupted { false };

extern "C" void onSignal(int)
{
    g_interrupted = true;
}
} // namespace

void CliSignals::install()
{
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
}

void CliSignals::quitEventLoopOnSignal()
{
    install();
    auto *timer = new QTimer(QCoreApplication::instance());
    QObject::connect(timer, &QTimer::timeout, [] {
        if (g_interrupted)
            QCoreApplication::exit(130);
    });
    timer->start(100);
}

bool CliSignals::interrupted()
{
    return g_interrupted;
}

} // namespace ks::app
