#pragma once

#include "ca_client/CaError.h"
#include "core/BatchRunner.h"
#include "core/CoreError.h"
#include "core/Doctor.h"
#include "core/JournalConfig.h"
#include "core/KeyInfo.h"
#include "core/OperatorStore.h"
#include "core/Profile.h"
#include "core/ProvisioningContext.h"

#include <QDateTime>
#include <QFuture>
#include <QHash>
#include <QMetaType>
#include <QMutex>
#include <QObject>
#include <QSet>
#include <QString>

#include <atomic>
#include <memory>

class QThread;
class QTimer;

namespace ks::device {
class Pkcs11Module;
class TokenWatcher;
} // namespace ks::device
namespace ks::ca {
class EnrollmentClient;
}

namespace ks::core {

class BadgeVerifier;
class Journal;

struct StationConfig
{
    QString profilePath;
    QString modulePath; // PKCS#11 module of the hub
    // keystation-token-worker: each key's PKCS#11 work in a process of its own (docs/worker-process.md).
    // Empty: every key in this process, through one module instance (OpenSC then runs keys one at a time).
    QString workerPath;
    JournalConfig journal;
    int pollIntervalMs = 500;
};

// The CA as the station last found it (docs/gui.md "The CA status"): checked live while the GUI runs
// (Station::startCaMonitor), shown in the bench's header.
struct CaStatus
{
    enum class State
    {
        Unknown, // not checked yet
        Up,
        Down,
    };
    State state = State::Unknown;
    QString text; // translated, plain words: "The CA at ca.example:8888 does not answer"
    QString detail; // technical: the URL, the CA client's error line and what to check (never a secret)
    QDateTime checkedAt; // UTC, of the check that gave this state
    // The serials of the running batch's keys that go again by themselves when the CA answers (sorted); a
    // key that used up its automatic retries is not among them.
    QStringList keysWaiting;

    bool isUp() const { return state == State::Up; }
    bool operator==(const CaStatus &o) const
    {
        return state == o.state && text == o.text && detail == o.detail && keysWaiting == o.keysWaiting;
    }
};

// One key of the running batch as the station last heard of it, for a bench opened during the batch
// (Station::batchSnapshot).
struct BatchKeyState
{
    QString serial;
    JobStage stage = JobStage::Queued; // the last step reported
    bool finished = false;
    JobResult result; // when finished (without the certificate and step timings)
};

// The station assembled (docs/flow.md step 2): profile, PKCS#11 module and key watcher, CA client, journal
// and the batch runner — what both front ends (GUI and keystation-cli) drive. Lives in one thread, which must
// run an event loop: keystation-cli keeps it in its main thread; the GUI runs it in a worker thread of its
// own (core/StationThread.h) and talks to it only through the thread-safe members marked "any thread" below,
// its signals (queued to the GUI) and futures.
class Station : public QObject
{
    Q_OBJECT

public:
    static Result<std::unique_ptr<Station>> create(const StationConfig &config, QObject *parent = nullptr);
    // keystation-token-worker beside the running program, or $KEYSTATION_TOKEN_WORKER.
    static QString defaultWorkerPath();
    ~Station() override;

    // Registration with the CA: fetch its certificates (intermediates for path building) and check that they
    // lead to the configured trust anchor. Blocks until the CA answers or the time-out; call before a batch.
    Result<QStringList> connectCa();
    // The same without blocking. Any thread: the request starts in the station's thread.
    QFuture<Result<QStringList>> connectCaAsync();

    // Starts "Provision all" over the keys present now (and, in continuous mode, those plugged in later).
    // The operator's role is checked here, below any front end.
    // retryPinRefused: log in again to keys whose last attempt ended at the PIN (a person checked them).
    // lot: run the batch under this work order (docs/lots.md): registered in the journal the first time
    // (a different manifest under the same id is AlreadyExists); its profile must be this station's
    // (LotMismatch). Keys outside it, already done in it or beyond its quantity are refused before login.
    // only: run just these keys (by serial) of those present, e.g. the bench retrying one key after its
    // batch.
    Result<QString> provisionAll(const OperatorSession &session, bool continuous, bool force = false,
                                 bool retryPinRefused = false, const std::optional<LotManifest> &lot = {},
                                 const QStringList &only = {});
    // Any thread: provisionAll() run in the station's thread; the future carries its answer (cancelled when
    // the station goes first).
    QFuture<Result<QString>> provisionAllAsync(const OperatorSession &session, bool continuous,
                                               const std::optional<LotManifest> &lot = {},
                                               const QStringList &only = {});
    // Any thread; each runs in the station's thread. Cancel one key (dropped from the queue, or its job
    // cancelled); retry a failed key of the running batch; cancel the batch (a continuous one takes no more
    // keys).
    void cancelKey(const QString &serial);
    void retryKey(const QString &serial);
    void cancelBatch();
    // Any thread: whether a batch runs, and whether it is continuous (as of the station's last change).
    bool isBatchActive() const { return m_batchActive.load(); }
    bool isBatchContinuous() const { return m_batchContinuous.load(); }
    // Any thread: the keys on the hub now (the watcher's last scan).
    QList<KeyInfo> keys() const;
    // Any thread: every key of the running batch (or the last one) with its last step or result, in the
    // order they joined it; empty before the first batch.
    QList<BatchKeyState> batchSnapshot() const;

    // Any thread: checks the CA now and then again every upIntervalMs while it answers, every downIntervalMs
    // while it does not, and at once after a key failed because the CA was away (caStatusChanged tells each
    // change). When the CA answers again, keys of the running batch that failed only because it was away
    // (isCaAway) are retried by themselves, at most kMaxCaRetries times per key and batch.
    void startCaMonitor(int upIntervalMs = 15000, int downIntervalMs = 3000);
    // Any thread: the last check's outcome (State::Unknown before the first).
    CaStatus caStatus() const;
    // Any thread: the order in which the bench seats the hub's ports, kept while the station lives, so a
    // bench opened later (an operator logging in during a shift) numbers every port as the one before did.
    // The front end owns its meaning; the station only keeps it.
    QStringList portOrder() const;
    void setPortOrder(const QStringList &ports);
    // The key failed only because the CA was not there: no connection, a time-out, a cut answer, a gateway
    // that could not reach it (HTTP 502/503/504). Not a refusal, not a certificate the check refused.
    static bool isCaAway(const JobError &error);
    static constexpr int kMaxCaRetries = 2;

    OperatorStore &operators() { return *m_operators; }
    // Any thread: operator login with the badge key `serial` (core/BadgeLogin.h) on a worker thread of the
    // global pool. pin is wiped.
    QFuture<Result<OperatorSession>> loginWithBadge(const QString &serial, QByteArray &pin,
                                                    std::shared_ptr<BadgeVerifier> verifier);

    const Profile &profile() const { return m_profile; }
    Journal *journal() const { return m_journal.get(); }
    BatchRunner *runner() const { return m_runner; }
    device::TokenWatcher *watcher() const { return m_watcher.get(); }
    ca::EnrollmentClient *caClient() const { return m_ca.get(); }
    std::shared_ptr<device::Pkcs11Module> module() const { return m_module; }
    // The doctor's checks for this station (a front end's start-up check): config with the module the
    // station has loaded, which the doctor must not load again (PKCS#11 allows one C_Initialize per process).
    DoctorConfig doctorConfig(DoctorConfig config) const
    {
        config.module = m_module;
        return config;
    }

Q_SIGNALS:
    // Keys plugged in, changed (PIN flags, label) or pulled, from the station's key watcher.
    void keyAdded(const ks::core::KeyInfo &key);
    void keyChanged(const ks::core::KeyInfo &key);
    void keyRemoved(const ks::core::KeyInfo &key);
    // The batch runner's progress (BatchRunner's signals of the same names).
    void keyQueued(const QString &serial);
    void keyProgress(const QString &serial, ks::core::JobStage stage);
    void keyFinished(const ks::core::JobResult &result);
    void batchFinished(const ks::core::BatchSummary &summary);
    // The CA's status changed (state, words or detail); also after connectCaAsync's answer.
    void caStatusChanged(const ks::core::CaStatus &status);
    // A key that failed because the CA was away goes again now that it answers (attempt of kMaxCaRetries).
    void keyAutoRetried(const QString &serial, int attempt);

private:
    friend class StationThread;
    explicit Station(QObject *parent);
    // The station and the objects it keeps outside Qt's parent tree (runner, watcher, CA client) move to
    // `thread`. Called from the station's current thread.
    void moveAllToThread(QThread *thread);
    void updateKeys(const device::TokenInfo &token, bool present);
    ProvisioningContext context(const QString &operatorName, bool force, bool retryPinRefused = false) const;
    // quiet: no log line for a CA that answered (the CA monitor asks every few seconds).
    Result<QStringList> takeCaCertificates(const QFuture<ca::Result<QList<QByteArray>>> &future,
                                           bool quiet = false);
    // Station thread: the CA status from a fetch of its certificates, and what follows from it.
    void takeCaStatus(const QFuture<ca::Result<QList<QByteArray>>> &future, const Result<QStringList> &taken);
    void setCaStatus(const CaStatus &status);
    void publishKeysWaiting(); // m_caWaiting into the status (caStatusChanged when it changed)
    QStringList waitingKeys() const; // m_caWaiting, sorted
    void probeCa();
    void scheduleCaProbe(int delayMs);
    void noteBatchKey(const QString &serial, JobStage stage, const JobResult *result);
    void retryKeysWaitingForCa();

    Profile m_profile;
    std::shared_ptr<device::Pkcs11Module> m_module;
    std::unique_ptr<Journal> m_journal;
    std::unique_ptr<OperatorStore> m_operators;
    std::unique_ptr<ca::EnrollmentClient> m_ca;
    std::unique_ptr<device::TokenWatcher> m_watcher;
    BatchRunner *m_runner = nullptr;
    std::shared_ptr<ProvisioningSecrets> m_secrets;
    QList<QByteArray> m_anchors;
    QList<QByteArray> m_intermediates;
    QList<QByteArray> m_profileIntermediates; // ca.intermediateFiles
    QString m_workerPath;
    std::atomic<bool> m_batchActive { false };
    std::atomic<bool> m_batchContinuous { false };
    mutable QMutex m_keysMutex;
    QHash<QString, KeyInfo> m_keys; // device::TokenInfo::key() -> key; under m_keysMutex
    // The batch's keys (serial -> state) in the order they joined; under m_keysMutex.
    QHash<QString, BatchKeyState> m_batchKeys;
    QStringList m_batchOrder;
    CaStatus m_caStatus; // under m_keysMutex
    QStringList m_portOrder; // under m_keysMutex
    // The CA monitor (station thread).
    QTimer *m_caTimer = nullptr;
    bool m_caProbing = false;
    int m_caUpMs = 15000;
    int m_caDownMs = 3000;
    QSet<QString> m_caWaiting; // keys of the running batch that failed because the CA was away
    QHash<QString, int> m_caRetries; // automatic retries per key in this batch
};

} // namespace ks::core

Q_DECLARE_METATYPE(ks::core::CaStatus)
