#pragma once

#include "ca_client/CaError.h"
#include "core/BatchRunner.h"
#include "core/CoreError.h"
#include "core/JournalConfig.h"
#include "core/KeyInfo.h"
#include "core/OperatorStore.h"
#include "core/Profile.h"
#include "core/ProvisioningContext.h"

#include <QFuture>
#include <QHash>
#include <QMutex>
#include <QObject>
#include <QString>

#include <atomic>
#include <memory>

class QThread;

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
    Result<QString> provisionAll(const OperatorSession &session, bool continuous, bool force = false,
                                 bool retryPinRefused = false, const std::optional<LotManifest> &lot = {});
    // Any thread: provisionAll() run in the station's thread; the future carries its answer (cancelled when
    // the station goes first).
    QFuture<Result<QString>> provisionAllAsync(const OperatorSession &session, bool continuous,
                                               const std::optional<LotManifest> &lot = {});
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

private:
    friend class StationThread;
    explicit Station(QObject *parent);
    // The station and the objects it keeps outside Qt's parent tree (runner, watcher, CA client) move to
    // `thread`. Called from the station's current thread.
    void moveAllToThread(QThread *thread);
    void updateKeys(const KeyInfo &key, bool present);
    ProvisioningContext context(const QString &operatorName, bool force, bool retryPinRefused = false) const;
    Result<QStringList> takeCaCertificates(const QFuture<ca::Result<QList<QByteArray>>> &future);

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
    QHash<QString, KeyInfo> m_keys; // KeyInfo::key() -> key; under m_keysMutex
};

} // namespace ks::core
