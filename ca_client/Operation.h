#pragma once

#include "ca_client/CaError.h"

#include <QFuture>
#include <QPromise>

#include <functional>
#include <memory>

namespace ks::ca {

// Internal to the CA client: one public call (enroll, cacerts, info) that may span several HTTP exchanges.
// Finishes its future exactly once: with a value, an error, or Cancelled when dropped unfinished.
class OperationBase
{
public:
    virtual ~OperationBase() = default;
    virtual bool isDone() const = 0;
    virtual void fail(CaError error) = 0;
    // Cancels the step in flight (HTTP call, retry timer) and finishes with Cancelled.
    void cancel();
    // Set by the protocol code for the step in flight; cleared when the step ends.
    void setAbort(std::function<void()> abort) { m_abort = std::move(abort); }
    void setOnDone(std::function<void()> onDone) { m_onDone = std::move(onDone); }
    QString serial; // for errors, when known

protected:
    void done();

private:
    std::function<void()> m_abort;
    std::function<void()> m_onDone;
};

template<class T> class Operation : public OperationBase
{
public:
    Operation() { m_promise.start(); }
    ~Operation() override
    {
        if (!m_done)
            fail(CaError::make(CaError::Code::Cancelled, QString(), CaError::tr("cancelled"), serial));
    }
    QFuture<Result<T>> future() { return m_promise.future(); }
    bool isDone() const override { return m_done; }
    bool isFutureCanceled() const { return m_promise.isCanceled(); }

    void succeed(T value) { finish(Result<T>(std::move(value))); }
    void fail(CaError error) override
    {
        if (error.serial.isEmpty())
            error.serial = serial;
        finish(Result<T>(std::move(error)));
    }

private:
    void finish(Result<T> result)
    {
        if (m_done)
            return;
        m_done = true;
        m_promise.addResult(std::move(result));
        m_promise.finish();
        done();
    }

    QPromise<Result<T>> m_promise;
    bool m_done = false;
};

} // namespace ks::ca
