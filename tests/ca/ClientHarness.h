#pragma once

#include "ca_client/CaSettings.h"
#include "ca_client/EnrollmentClient.h"

#include <QElapsedTimer>
#include <QFuture>
#include <QThread>

#include <memory>
#include <optional>

namespace ks::test {

// Runs an EnrollmentClient in its own worker thread (as the engine does with its owner thread) so a test
// can call it from the test thread and block on the futures: the API's "callable from any thread" contract
// is exercised by every test that uses this.
class ClientHarness
{
public:
    explicit ClientHarness(const ca::CaSettings &settings);
    ~ClientHarness();
    ClientHarness(const ClientHarness &) = delete;
    ClientHarness &operator=(const ClientHarness &) = delete;

    // Null when the factory refused the settings (see createError()).
    ca::EnrollmentClient *client() const { return m_client.get(); }
    const std::optional<ca::CaError> &createError() const { return m_createError; }

    // Polls until the future finishes; nullopt when it ended canceled (no result) or took longer than ms.
    template<class T> static std::optional<ca::Result<T>> wait(QFuture<ca::Result<T>> future, int ms = 20000)
    {
        QElapsedTimer t;
        t.start();
        while (!future.isFinished() && t.elapsed() < ms)
            QThread::msleep(2);
        if (!future.isFinished() || future.isCanceled() || future.resultCount() == 0)
            return std::nullopt;
        return future.result();
    }

private:
    QThread m_thread;
    std::unique_ptr<QObject> m_anchor;
    std::unique_ptr<ca::EnrollmentClient> m_client;
    std::optional<ca::CaError> m_createError;
};

} // namespace ks::test
