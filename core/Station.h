#pragma once

#include "ca_client/CaError.h"
#include "core/BatchRunner.h"
#include "core/CoreError.h"
#include "core/JournalConfig.h"
#include "core/OperatorStore.h"
#include "core/Profile.h"
#include "core/ProvisioningContext.h"

#include <QFuture>
#include <QObject>
#include <QString>

#include <memory>

namespace ks::device {
class Pkcs11Module;
class TokenWatcher;
} // namespace ks::device
namespace ks::ca {
class EnrollmentClient;
}

namespace ks::core {

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
// and the batch runner — what both front ends (GUI and keystation-cli) drive. Lives in the caller's thread,
// which must run an event loop.
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
    // The same without blocking: for the GUI thread. The future finishes in this object's thread.
    QFuture<Result<QStringList>> connectCaAsync();

    // Starts "Provision all" over the keys present now (and, in continuous mode, those plugged in later).
    // The operator's role is checked here, below any front end.
    // retryPinRefused: log in again to keys whose last attempt ended at the PIN (a person checked them).
    // lot: run the batch under this work order (docs/lots.md): registered in the journal the first time
    // (a different manifest under the same id is AlreadyExists); its profile must be this station's
    // (LotMismatch). Keys outside it, already done in it or beyond its quantity are refused before login.
    Result<QString> provisionAll(const OperatorSession &session, bool continuous, bool force = false,
                                 bool retryPinRefused = false, const std::optional<LotManifest> &lot = {});
    OperatorStore &operators() { return *m_operators; }

    const Profile &profile() const { return m_profile; }
    Journal *journal() const { return m_journal.get(); }
    BatchRunner *runner() const { return m_runner; }
    device::TokenWatcher *watcher() const { return m_watcher.get(); }
    ca::EnrollmentClient *caClient() const { return m_ca.get(); }
    std::shared_ptr<device::Pkcs11Module> module() const { return m_module; }

private:
    explicit Station(QObject *parent);
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
};

} // namespace ks::core
