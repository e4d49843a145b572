#pragma once

#include "ca_client/ScepRequesterKey.h"
#include "device/CsrRequest.h"
#include "device/DeviceError.h"

#include <QByteArray>
#include <QCoreApplication>

#include <memory>
#include <mutex>
#include <optional>

namespace ks::device {
class KeySession;
struct KeyPairInfo;
} // namespace ks::device

namespace ks::core {

// The SCEP requester key on the token (RFC 8894 §2.3, docs/flow.md): the key pair the request is for signs
// the SCEP message (C_Sign, SHA-256 with RSA PKCS#1 v1.5) and opens the CertRep's content key (C_Decrypt,
// CKM_RSA_PKCS); its signer certificate is self-signed on the key. The private key never leaves the key.
//
// Threads: the SCEP client calls signSha256/decryptRsaPkcs1 from a pool thread while the provisioning job
// waits for the enrolment's future and does not touch the session. A KeySession serves one thread at a time,
// so the job calls release() before it uses the session again (or leaves): release() waits for a call in
// progress and makes every later call fail, so the session is never used by two threads and ends on the
// job's thread.
class TokenScepKey final : public ca::ScepRequesterKey
{
    Q_DECLARE_TR_FUNCTIONS(ks::core::TokenScepKey)

public:
    // Makes the self-signed signer certificate on the key for the key pair keyId (subject and usages from
    // signer, valid one day) and returns the requester key over it. RSA key pairs only.
    static device::Result<std::shared_ptr<TokenScepKey>> create(std::shared_ptr<device::KeySession> session,
                                                                const QByteArray &keyId,
                                                                const QString &serial,
                                                                const device::CsrRequest &signer);

    // The PKCS#10 request for pair, carrying request.challengePassword (RFC 8894 §2.2), built here and signed
    // on the key over its SHA-256 digest only: the challenge password, a CA credential, never reaches the
    // key's module or worker process (docs/worker-process.md). Verified against the public key.
    static device::Result<QByteArray> signRequest(device::KeySession &session,
                                                  const device::KeyPairInfo &pair,
                                                  const device::CsrRequest &request, const QString &serial);

    QByteArray signerCertificateDer() const override { return m_certificateDer; }
    ca::Result<QByteArray> signSha256(const QByteArray &data) override;
    ca::Result<QByteArray> decryptRsaPkcs1(const QByteArray &encrypted) override;

    // The job takes its session back (see above). Idempotent.
    void release();
    // The device's own error behind the last failed call, so the job reports a pulled key as such.
    std::optional<device::DeviceError> lastDeviceError() const;

private:
    TokenScepKey(std::shared_ptr<device::KeySession> session, QByteArray keyId, QString serial,
                 QByteArray certificateDer);
    ca::CaError failed(const device::DeviceError &error);
    ca::CaError released() const;

    mutable std::mutex m_mutex;
    std::shared_ptr<device::KeySession> m_session; // null once released
    const QByteArray m_keyId;
    const QString m_serial;
    const QByteArray m_certificateDer;
    std::optional<device::DeviceError> m_lastError;
};

} // namespace ks::core
