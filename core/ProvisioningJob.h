#pragma once

#include "core/JobTypes.h"
#include "core/ProvisioningContext.h"
#include "device/TokenInfo.h"

#include <QCoreApplication>
#include <QJsonObject>

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>

namespace ks::device {
struct DeviceError;
class KeySession;
} // namespace ks::device

namespace ks::core {

// One key's provisioning, as an explicit state machine (docs/flow.md steps 4-11):
//   login -> find a free key pair (or resume one) -> generate on the key -> read identity -> CSR signed on
//   the key -> enrol -> verify -> write -> read back -> [set user PIN] -> done / failed / cancelled.
// Every transition is journaled before and after, with a timestamp; a restarted job reads the journal and the
// key and continues: a key pair is reused, an issued certificate is written without a second enrolment, a key
// that already holds a valid certificate of the profile is reported done.
//
// Runs on a thread of its own (PKCS#11 calls block for seconds on real chips). PKCS#11 calls cannot be
// interrupted in-process: cancel() takes effect between steps; expire() (the runner's watchdog) fails a job
// whose step overran its time-out at once, and the thread, when the module finally returns, finds the job
// closed and stops without touching the key or the journal again. With a worker process per key
// (ProvisioningContext::workerPath), expire() also kills the worker, so a hung call ends with it and the key
// can be retried at once with a fresh worker.
class ProvisioningJob : public std::enable_shared_from_this<ProvisioningJob>
{
    Q_DECLARE_TR_FUNCTIONS(ks::core::ProvisioningJob)

public:
    struct Update
    {
        QString serial;
        JobStage stage = JobStage::Queued;
        bool finished = false;
        JobResult result; // when finished
    };
    // Called from the job's thread or the watchdog's, under the job's lock: post, do not block.
    using Sink = std::function<void(const Update &)>;

    ProvisioningJob(std::shared_ptr<const ProvisioningContext> context, device::TokenInfo token);
    ~ProvisioningJob();

    void start(Sink sink);
    void cancel();
    // Fails the job if its current step has overrun its time-out at nowMs (steady clock). True if it did.
    bool expire(qint64 nowMs);
    // No more updates to the sink (its owner is going away).
    void detach();
    // The station is going away: the job stops touching the journal and the CA at once, like a crash would,
    // and leaves its attempt open for resume. Waits only for a journal write already in progress.
    void abandon();

    bool finished() const;

private:
    struct Run;
    struct Waker;

    // The state machine: run() is `while (!isFinal(s)) s = step(s);` from Queued. Each state's function does
    // that step (journaled before and after) and returns the next state, or the final one the job ended in.
    void run();
    JobStage step(JobStage state);
    JobStage beginAttempt(); // Queued
    JobStage login();
    JobStage findKeyPair();
    JobStage generateKeyPair();
    JobStage readIdentity();
    JobStage createCsr();
    JobStage enrol();
    JobStage verifyCertificate();
    JobStage writeCertificate();
    JobStage readBack();
    JobStage setUserPin();
    // The final state of a job that stopped (failed, cancelled, expired or abandoned).
    JobStage stopped() const;
    JobStage failed(const JobError &error, const QString &message, const QJsonObject &detail = {});
    JobStage failedDevice(const device::DeviceError &error);
    // Stops the key's worker process, if it has one, without waiting. True when one was stopped.
    bool abortSession();
    bool enter(JobStage stage, std::chrono::seconds timeout, const QJsonObject &detail = {});
    bool leave(const QJsonObject &detail = {});
    void fail(const JobError &error, const QString &message, const QJsonObject &detail = {});
    void failDevice(const device::DeviceError &error);
    void finishLocked(JobStage outcome);
    void succeed();
    // m_result is read by the watchdog's thread too: every change goes through the lock.
    void note(const std::function<void(JobResult &)> &change);
    bool cancelled();
    QByteArray loginPin(QString *error) const;

    std::shared_ptr<const ProvisioningContext> m_context;
    device::TokenInfo m_token;
    Sink m_sink;
    mutable std::mutex m_mutex;
    std::atomic<JobStage> m_stage { JobStage::Queued };
    std::atomic_bool m_cancel { false };
    bool m_finished = false; // under m_mutex
    // Steady clock; 0 = none. Written under m_mutex, read without it by the watchdog (which never waits).
    std::atomic<qint64> m_deadlineMs { 0 };
    qint64 m_stepStartMs = 0;
    qint64 m_startMs = 0;
    JobResult m_result;
    // The key's session, for abortSession() from the watchdog: guarded by its own lock, held only to copy.
    std::mutex m_sessionMutex;
    std::shared_ptr<device::KeySession> m_session;
    std::unique_ptr<Run> m_run; // the job's thread only, while run() runs
    std::shared_ptr<Waker> m_waker; // wakes the enrolment wait
};

} // namespace ks::core
