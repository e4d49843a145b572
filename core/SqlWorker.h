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

class QSqlDriver;
class QSqlQuery;

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

    // Prepared statements kept for reuse, per connection of the calling thread (a worker's thread has one):
    // the connection's statement for `sql`, prepared the first time only (SQLite then parses it once, not
    // once per journal event; PostgreSQL prepares it once on the server). Only for statements that run to
    // their end in one exec(): INSERT, UPDATE, DELETE. Null, with the error, when it cannot be prepared.
    static QSqlQuery *keptStatement(const QSqlDriver *connection, const QString &sql, QString &err);
    // Drops the connection's kept statements: before it closes or reopens.
    static void forgetKept(const QSqlDatabase &db);

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

    // Group commit: how to open and commit a write transaction (set once, before the first write()). begin's
    // `durable` says whether the COMMIT must reach the disk before it returns (see write()).
    struct WriteHooks
    {
        std::function<bool(QSqlDatabase &, bool durable, QString &error)> begin;
        std::function<bool(QSqlDatabase &, QString &error)> commit;
        std::function<void(QSqlDatabase &)> rollback;
    };
    void setWriteHooks(WriteHooks hooks) { m_hooks = std::move(hooks); }

    // Runs body(db) inside a write transaction that writes queued at the same moment share, each in a
    // savepoint of its own: a body returning false is rolled back alone. Returns after the shared COMMIT;
    // false (and `error`) when the transaction could not be opened or committed, in which case nothing of
    // body remains. One fsync then covers many appends from many threads, while every caller still returns
    // only once its own write is durable.
    // durable = false: the caller needs the write committed (visible, in order, kept if the process dies)
    // but not yet on the disk: its COMMIT does not wait for a sync when no durable write shares the
    // transaction, and the next durable COMMIT syncs it with its own (a sync covers everything before it).
    bool write(const std::function<bool(QSqlDatabase &)> &body, QString &error, bool durable = true);

    static constexpr int maxGroup = 64;

private:
    struct Item
    {
        const std::function<void(QSqlDatabase &)> *task = nullptr; // a plain task, or
        const std::function<bool(QSqlDatabase &)> *body = nullptr; // a grouped write
        std::promise<void> *done = nullptr;
        bool durable = true;
        bool committed = false;
        QString error;
    };

    void loop(QString driver, Opener opener, std::promise<void> opened);
    void runWrites(QSqlDatabase &db, std::deque<Item *> &group);

    std::mutex m_mutex;
    std::condition_variable m_cv;
    std::deque<Item *> m_queue;
    WriteHooks m_hooks;
    bool m_stop = false;
    QString m_openError;
    std::thread m_thread;
};

} // namespace ks::core
