#pragma once

#include "ca_client/CaError.h"

#include <QByteArray>

namespace ks::ca {

// The requester's key pair for one SCEP transaction (RFC 8894 3.1): the key on the token (core adapts a
// device::KeySession) or a software key (keystation-cli ca enroll --key). The SCEP client calls these from
// one of its pool threads, never two at once, while the enrolling job waits for the enrolment's future.
class ScepRequesterKey
{
public:
    virtual ~ScepRequesterKey() = default;
    // The self-signed certificate (DER) of the requester key that signs the request (RFC 8894 2.3).
    virtual QByteArray signerCertificateDer() const = 0;
    // RSA PKCS#1 v1.5 signature with SHA-256 over data (the DER of the signed attributes).
    virtual Result<QByteArray> signSha256(const QByteArray &data) = 0;
    // RSA PKCS#1 v1.5 decryption of a key-transport block (the CertRep's encrypted content key).
    virtual Result<QByteArray> decryptRsaPkcs1(const QByteArray &encrypted) = 0;
};

} // namespace ks::ca
