#include "core/StationThread.h"

#include "core/Journal.h"
#include "core/Station.h"

#include <QThreadPool>

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace ks::core {

namespace {

// Linux keeps a nice value per thread: this lowers the calling thread's, which needs no privilege.
void yieldToCaller()
{
    constexpr int kStationNice = 10;
    const auto tid = static_cast<id_t>(::syscall(SYS_gettid));
    ::setpriority(PRIO_PROCESS, tid, kStationNice);
}

} // namespace

StationThread::StationThread(std::unique_ptr<Station> station)
    : m_station(station.release())
{
    m_thread.setObjectName(QStringLiteral("station"));
    m_station->moveAllToThread(&m_thread);
    // The station's thread, the job threads it starts (they inherit it) and the journal's writer thread (made
    // with the station, in the caller's thread) yield the CPU to the caller's thread when both want it: the
    // window draws while sixteen keys compute and their events are committed. QThread priorities do nothing
    // under Linux's default scheduler; a thread's nice value does.
    QObject::connect(&m_thread, &QThread::started, m_station, &yieldToCaller, Qt::DirectConnection);
    if (Journal *journal = m_station->journal())
        journal->worker().run([](QSqlDatabase &) { yieldToCaller(); });
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
