#include "core/StationThread.h"

#include "core/Station.h"

#include <QThreadPool>

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace ks::core {

StationThread::StationThread(std::unique_ptr<Station> station)
    : m_station(station.release())
{
    m_thread.setObjectName(QStringLiteral("station"));
    m_station->moveAllToThread(&m_thread);
    // The station's thread, and the job threads it starts (they inherit it), yield the CPU to the caller's
    // thread when both want it: the window draws while sixteen keys compute. QThread priorities do nothing
    // under Linux's default scheduler; a thread's nice value does, and raising one needs no privilege.
    QObject::connect(
        &m_thread, &QThread::started, m_station,
        [] {
            constexpr int kStationNice = 10;
            const auto tid = static_cast<id_t>(::syscall(SYS_gettid));
            ::setpriority(PRIO_PROCESS, tid, kStationNice);
        },
        Qt::DirectConnection);
    m_thread.start();
}

StationThread::~StationThread()
{
    // At the end of the program or of a test: the one place the caller waits for the station, as long as it
    // takes the station to close its journal.
    // Front-end queries on the journal (batch log, lot banner, badge login) run in Qt's global pool and
    // hold the station's journal: they end first. Their widgets did not wait for them.
    QThreadPool::globalInstance()->waitForDone();
    QMetaObject::invokeMethod(
        m_station, [station = m_station] { delete station; }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

} // namespace ks::core
