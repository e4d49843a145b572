#pragma once

#include <QSqlDatabase>
#include <QString>

#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <optional>
#include <thread>

namespace ks::core {

// One thread that owns one QSqlDatabase connection and runs every statement for its owner, one task at a
// time. A QSqlDatabase may only be used from the thread that opened it; the journal is called from many
// worker threads, so they hand their work to this thread and wait for it (each call returns after its
// commit).
class SqlWorker
{
public:
    using Opener = std::function<QString(QSqlDatabase &)>; // configures and opens; returns an error or ""

    // Starts the thread and opens the connection on it with `driver` ("QSQLITE", "QPSQL").
    SqlWorker(const QString &driver, Opener opener);
    ~SqlWorker();
    SqlWorker(const SqlWorker &) = delete;
    SqlWorker &operator=(const SqlWorker &) = delete;

    // Empty when the connection opened.
    QString openError() const { return m_openError; }

    // Runs f(db) on the worker thread and returns its result. Must not be called from inside a task.
    template<class F> auto call(F &&f) -> decltype(f(std::declval<QSqlDatabase &>()))
    {
        using R = decltype(f(std::declval<QSqlDatabase &>()));
        if constexpr (std::is_void_v<R>) {
            run([&](QSqlDatabase &db) { f(db); });
        } else {
            std::optional<R> out;
            run([&](QSqlDatabase &db) { out.emplace(f(db)); });
            return std::move(*out);
        }
    }

    void run(const std::function<void(QSqlDatabase &)> &task);

private:
    void loop(QString driver, Opener opener, std::promise<void> opened);

    std::mutex m_mutex;
    std::condition_variable m_cv;
    std::deque<std::pair<const std::function<void(QSqlDatabase &)> *, std::promise<void> *>> m_queue;
    bool m_stop = false;
    QString m_openError;
    std::thread m_thread;
};

} // namespace ks::core
