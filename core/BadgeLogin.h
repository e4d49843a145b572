#pragma once

#include "core/BadgeVerifier.h"
#include "core/CoreError.h"
#include "core/OperatorStore.h"

#include <QByteArray>
#include <QString>

#include <memory>

namespace ks::device {
class Pkcs11Module;
}

namespace ks::core {

// Operator login with a badge key (docs/flow.md step 1): the badge holds the operator's certificate from the
// operator CA; the station checks that certificate and has the badge sign a fresh random challenge with the
// matching private key, which never leaves the badge. Blocking (a chip signs in ~0.3 s): call from a worker.
class BadgeLogin
{
    Q_DECLARE_TR_FUNCTIONS(ks::core::BadgeLogin)

public:
    // pin is wiped before returning.
    static Result<OperatorSession> login(const std::shared_ptr<device::Pkcs11Module> &module,
                                         const QString &serial, QByteArray &pin, BadgeVerifier &verifier,
                                         OperatorStore &operators);
};

} // namespace ks::core
