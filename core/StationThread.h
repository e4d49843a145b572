#pragma once

#include <QThread>

#include <memory>

namespace ks::core {

class Station;

// Runs a Station in a worker thread of its own, so that its batch runner and watchdog, its key watcher, its
// CA client's requests and its journal appends never hold up the caller's (GUI) thread. The caller keeps only
// the pointer: it talks to the station through the station's members marked "any thread", its signals (queued
// to the receiver's thread) and futures.
class StationThread
{
public:
    // Moves `station` (made by Station::create in this thread) and its parts into a new thread and starts it.
    explicit StationThread(std::unique_ptr<Station> station);
    // Waits for Qt's global thread pool (front ends' journal queries), deletes the station in its thread
    // (running jobs detach, as at any station's end), then ends the thread.
    ~StationThread();
    StationThread(const StationThread &) = delete;
    StationThread &operator=(const StationThread &) = delete;

    Station *station() const { return m_station; }

private:
    QThread m_thread;
    Station *m_station;
};

} // namespace ks::core
