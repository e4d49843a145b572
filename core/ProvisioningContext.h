#pragma once

#include "ca_client/CertificatePolicy.h"
#include "core/Clock.h"
#include "core/Lot.h"
#include "core/Profile.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace ks::device {
class Pkcs11Module;
}
namespace ks::ca {
class EnrollmentClient;
}

namespace ks::core {

class Journal;

// Secrets a batch needs, held once and wiped when the last job is done with them.
class ProvisioningSecrets
{
public:
    ProvisioningSecrets() = default;
    ~ProvisioningSecrets();
    ProvisioningSecrets(const ProvisioningSecrets &) = delete;
    ProvisioningSecrets &operator=(const ProvisioningSecrets &) = delete;

    QByteArray transportPin; // PIN source "transport"
    QByteArray stationSecret; // PIN source "derived": HMAC key (docs/profiles.md)
    QByteArray finalUserPin; // optional: user PIN set once the certificate is on the key
};

// Everything a provisioning job reads; shared by all jobs of a batch, immutable while they run.
struct ProvisioningContext
{
    std::shared_ptr<device::Pkcs11Module> module;
    ca::EnrollmentClient *ca = nullptr; // thread-safe API; owned by the Station
    Journal *journal = nullptr; // thread-safe; owned by the Station
    Profile profile;
    std::shared_ptr<const ProvisioningSecrets> secrets;
    QList<QByteArray> trustAnchorsDer; // issued certificates must chain to one of these
    QList<QByteArray> intermediatesDer; // from the CA's cacerts / info
    ca::CertificatePolicy policy;
    QString operatorName;
    QString batchId;
    bool force = false; // re-provision keys that already hold a valid certificate of this profile
    // Log in again to keys whose last attempt ended at the PIN (wrong PIN, count low): a person has checked
    // them. Without it such a key is left alone, because many tokens (OpenSC's isoApplet driver) cannot say
    // how many tries are left once the process that saw the wrong PIN is gone.
    bool retryPinRefused = false;
    // Where each key's PKCS#11 work runs: empty = in this process, through `module`; otherwise the path of
    // keystation-token-worker, started once per key, which loads module->path() itself
    // (docs/worker-process.md).
    QString workerPath;
    // OpenSC's readers when the batch started (Pkcs11Module::readers): each worker ignores all but its own.
    QStringList openScReaders;
    // The lot (work order) the batch runs under (docs/lots.md): a key outside it, already done in it, or
    // beyond its quantity is refused before anything touches it (no login, nothing generated).
    std::optional<LotManifest> lot;
    Clock clock = systemClock();
};

} // namespace ks::core
