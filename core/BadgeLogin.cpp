#include "core/BadgeLogin.h"

#include "core/SecureBytes.h"
#include "device/TokenSession.h"

namespace ks::core {

Result<OperatorSession> BadgeLogin::login(const std::shared_ptr<device::Pkcs11Module> &module,
                                          const QString &serial, QByteArray &pin, BadgeVerifier &verifier,
                                          OperatorStore &operators)
{
    SecretGuard guard(pin);
    auto deviceError = [](const device::DeviceError &e) {
        const bool wrongPin = e.code == device::DeviceError::Code::PinIncorrect;
        return CoreError::make(wrongPin ? CoreError::Code::BadCredentials
                                        : CoreError::Code::BadgeSignatureInvalid,
                               e.toString());
    };
    auto session = device::TokenSession::open(module, serial);
    if (!session)
        return deviceError(session.error());
    if (auto login = (*session)->login(pin); !login)
        return deviceError(login.error());
    auto pairs = (*session)->keyPairs();
    if (!pairs)
        return deviceError(pairs.error());
    auto certs = (*session)->certificates();
    if (!certs)
        return deviceError(certs.error());

    // Every certified key pair on the badge is a candidate; the first whose certificate the operator CA
    // vouches for and whose key signs the challenge wins.
    std::optional<CoreError> last;
    for (const auto &pair : *pairs) {
        for (const auto &cert : *certs) {
            if (cert.id != pair.id)
                continue;
            const QByteArray challenge = verifier.issueChallenge();
            auto signature = (*session)->signData(pair.id, challenge);
            if (!signature) {
                last = deviceError(signature.error());
                continue;
            }
            auto identity = verifier.verify(cert.der, challenge, *signature);
            if (!identity) {
                last = identity.error();
                continue;
            }
            (*session)->logout();
            return operators.loginWithBadge(*identity);
        }
    }
    (*session)->logout();
    if (last)
        return *last;
    return CoreError::make(CoreError::Code::BadgeNoAccount, tr("The badge holds no operator certificate."));
}

} // namespace ks::core
