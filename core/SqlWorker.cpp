#include "SqlWorker.h"

#include <QUuid>

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
    {
        std::lock_guard lock(m_mutex);
        m_queue.emplace_back(&task, &done);
    }
    m_cv.notify_one();
    future.get();
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
            auto [task, done] = m_queue.front();
            m_queue.pop_front();
            lock.unlock();
            try {
                (*task)(db);
                done->set_value();
            } catch (...) {
                done->set_exception(std::current_exception());
            }
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
}

} // namespace ks::core
