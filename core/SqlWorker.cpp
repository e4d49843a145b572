#include "SqlWorker.h"

#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

#include <algorithm>
#include <map>
#include <unordered_map>

namespace ks::core {

SqlWorker::SqlWorker(const QString &driver, Opener opener)
{
    std::promise<void> opened;
    auto ready = opened.get_future();
    m_thread = std::thread(&SqlWorker::loop, this, driver, std::move(opener), std::move(opened));
    ready.wait();
}

SqlWorker::~SqlWorker()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_cv.notify_all();
    m_thread.join();
}

void SqlWorker::run(const std::function<void(QSqlDatabase &)> &task)
{
    std::promise<void> done;
    auto future = done.get_future();
    Item item;
    item.task = &task;
    item.done = &done;
    {
        std::lock_guard lock(m_mutex);
        m_queue.push_back(&item);
    }
    m_cv.notify_one();
    future.get();
}

bool SqlWorker::write(const std::function<bool(QSqlDatabase &)> &body, QString &error, bool durable)
{
    std::promise<void> done;
    auto future = done.get_future();
    Item item;
    item.body = &body;
    item.done = &done;
    item.durable = durable;
    {
        std::lock_guard lock(m_mutex);
        m_queue.push_back(&item);
    }
    m_cv.notify_one();
    future.get();
    error = item.error;
    return item.committed;
}

static bool execPlain(QSqlDatabase &db, const QString &sql)
{
    QSqlQuery q(db);
    return q.exec(sql);
}

void SqlWorker::runWrites(QSqlDatabase &db, std::deque<Item *> &group)
{
    QString error;
    const bool durable
        = std::any_of(group.begin(), group.end(), [](const Item *item) { return item->durable; });
    if (!m_hooks.begin(db, durable, error)) {
        for (Item *item : group)
            item->error = error;
        return;
    }
    for (Item *item : group) {
        // A body that fails (or throws) leaves nothing behind, and the others still commit.
        const bool saved = execPlain(db, QStringLiteral("SAVEPOINT ks_write"));
        bool ok = false;
        try {
            ok = saved && (*item->body)(db);
        } catch (...) {
            ok = false;
        }
        if (!ok && saved)
            execPlain(db, QStringLiteral("ROLLBACK TO SAVEPOINT ks_write"));
        if (saved)
            execPlain(db, QStringLiteral("RELEASE SAVEPOINT ks_write"));
        if (!saved)
            item->error = db.lastError().text();
    }
    if (!m_hooks.commit(db, error)) {
        m_hooks.rollback(db);
        for (Item *item : group)
            item->error = error;
        return;
    }
    for (Item *item : group)
        item->committed = item->error.isEmpty();
}

namespace {

// The kept statements of this thread's connections, by the connection's driver (one per open connection).
thread_local std::unordered_map<const QSqlDriver *, std::map<QString, QSqlQuery>> t_kept;

} // namespace

QSqlQuery *SqlWorker::keptStatement(const QSqlDriver *connection, const QString &sql, QString &err)
{
    if (!connection) {
        err = QStringLiteral("no database connection");
        return nullptr;
    }
    std::map<QString, QSqlQuery> &kept = t_kept[connection];
    auto it = kept.find(sql);
    if (it == kept.end()) {
        QSqlQuery query(connection->createResult());
        if (!query.prepare(sql)) {
            err = query.lastError().text();
            return nullptr;
        }
        it = kept.emplace(sql, std::move(query)).first;
    }
    return &it->second;
}

void SqlWorker::forgetKept(const QSqlDatabase &db)
{
    t_kept.erase(db.driver());
}

void SqlWorker::loop(QString driver, Opener opener, std::promise<void> opened)
{
    const QString name = QStringLiteral("ks-journal-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(driver, name);
        m_openError = opener(db);
        opened.set_value();
        for (;;) {
            std::unique_lock lock(m_mutex);
            m_cv.wait(lock, [this] { return m_stop || !m_queue.empty(); });
            if (m_queue.empty())
                break; // stopping, nothing left to do
            Item *first = m_queue.front();
            m_queue.pop_front();
            if (first->body) {
                // Every write queued right now joins this transaction.
                std::deque<Item *> group { first };
                while (!m_queue.empty() && m_queue.front()->body && group.size() < maxGroup) {
                    group.push_back(m_queue.front());
                    m_queue.pop_front();
                }
                lock.unlock();
                runWrites(db, group);
                for (Item *item : group)
                    item->done->set_value();
                continue;
            }
            lock.unlock();
            try {
                (*first->task)(db);
                first->done->set_value();
            } catch (...) {
                first->done->set_exception(std::current_exception());
            }
        }
        forgetKept(db);
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
}

} // namespace ks::core
