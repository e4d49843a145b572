#pragma once

#include "device/KeySession.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <sys/types.h>

namespace ks::device {

struct WorkerOptions
{
    QString workerPath; // the keystation-token-worker executable
    QString modulePath; // the PKCS#11 module the worker loads
    // OpenSC: every other reader of the hub. The worker's OpenSC ignores them (a private opensc.conf with
    // ignored_readers), so it never waits on a card that another worker holds in a PC/SC transaction — OpenSC
    // binds every card it sees at C_Initialize, and a 3 s key generation holds its card's transaction.
    QStringList ignoredReaders;
    // Environment variables the worker must not inherit beyond the built-in list (e.g. the profile's
    // pin.env, which may have any name).
    QStringList withheldEnvironment;
    // Start-up (spawn, protocol hello, module load and finding the key). OpenSC's first C_GetSlotList can
    // take seconds while it probes readers.
    std::chrono::milliseconds startTimeout { 30000 };
    // Backstop for a single call; the engine's per-step watchdog (which calls abort()) normally comes first.
    // 0: none.
    std::chrono::milliseconds callTimeout { 0 };
};

// A KeySession whose PKCS#11 work runs in a worker process of its own (docs/worker-process.md). The worker
// loads the module itself, so a module's process-wide lock (OpenSC's) or per-process state (ePass2003's SM
// random) is per key, and a crash or hang of a module call takes only that key with it. The worker gets no
// CA credential, journal or secret-bearing environment variable; PINs travel over the socket, never argv or
// the environment, and the buffers holding them are wiped on both sides.
class WorkerSession final : public KeySession
{
    Q_DECLARE_TR_FUNCTIONS(ks::device::WorkerSession)

public:
    static Result<std::unique_ptr<WorkerSession>> open(const WorkerOptions &options, const QString &serial);
    ~WorkerSession() override;

    WorkerSession(const WorkerSession &) = delete;
    WorkerSession &operator=(const WorkerSession &) = delete;

    // KeySession (documented there), through the worker.
    const TokenInfo &token() const override { return m_token; }
    Result<TokenInfo> refreshTokenInfo() override;
    Result<void> login(const QByteArray &pin, const LoginPolicy &policy = {}) override;
    Result<void> logout() override;
    Result<void> changePin(const QByteArray &oldPin, const QByteArray &newPin) override;
    Result<QList<KeyPairInfo>> keyPairs() override;
    Result<QList<CertificateObject>> certificates() override;
    Result<QList<KeyPairInfo>> publicKeys() override;
    Result<QList<KeyPairInfo>> freeKeyPairs() override;
    Result<KeyPairInfo> generateKeyPair(KeyAlgorithm algorithm, const QString &label,
                                        QByteArray id = {}) override;
    Result<QByteArray> signCsr(const QByteArray &keyId, const CsrRequest &request) override;
    Result<QByteArray> signData(const QByteArray &keyId, const QByteArray &data) override;
    Result<QByteArray> signSha256Digest(const QByteArray &keyId, const QByteArray &digest) override;
    Result<QByteArray> decrypt(const QByteArray &keyId, const QByteArray &ciphertext) override;
    Result<QByteArray> selfSignedCertificate(const QByteArray &keyId, const CsrRequest &request,
                                             int validityDays) override;
    Result<CertificateObject> writeCertificate(const QByteArray &keyId, const QByteArray &der,
                                               const QString &label) override;
    Result<void> deleteCertificate(const QByteArray &keyId) override;

    // Kills the worker (SIGKILL) without waiting; the call in progress, if any, fails with WorkerFailed.
    bool abort() override;
    pid_t pid() const { return m_pid; }

private:
    class Call;
    WorkerSession(const WorkerOptions &options, QString serial);
    Result<void> spawn();
    // Sends the request in `request` (wiped afterwards) and returns the reply's value payload.
    Result<QByteArray> exchange(int op, QByteArray &request, std::chrono::milliseconds timeout);
    DeviceError workerGone(const QString &call, const QString &why);
    void reap(bool wait);
    // The session is done with its worker: reaped now if it has exited, else reaped (or killed, if it hangs)
    // by a later sweep, without waiting.
    void release();

    WorkerOptions m_options;
    QString m_serial;
    TokenInfo m_token;
    pid_t m_pid = -1;
    int m_fd = -1;
    std::atomic_bool m_aborted { false };
    std::mutex m_reapMutex;
    bool m_reaped = false;
    int m_exitStatus = 0;
};

// The worker executable next to the running program, or $KEYSTATION_TOKEN_WORKER when set.
QString defaultWorkerPath();

} // namespace ks::device
