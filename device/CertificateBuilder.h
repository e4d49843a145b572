#pragma once

#include "base/OpenSslPtr.h"
#include "device/CsrBuilder.h"
#include "device/CsrRequest.h"
#include "device/DeviceError.h"

#include <QByteArray>
#include <QDateTime>

namespace ks::device {

// The OpenSSL half of a self-signed X.509 v3 certificate signed on the key: build the TBSCertificate around
// the key's public key (subject = issuer, RFC 5280 §4.1), hand its DER to the key for signing, attach the
// key's signature and check it. SCEP's requester signs its request with such a certificate (RFC 8894 §2.3).
class CertificateBuilder
{
    Q_DECLARE_TR_FUNCTIONS(ks::device::CertificateBuilder)

public:
    using SignatureAlgorithm = CsrBuilder::SignatureAlgorithm;

    // Subject, keyUsage and extendedKeyUsage from request (its challengePassword is not used); a random
    // positive 128-bit serial; valid from notBefore to notAfter.
    static Result<CertificateBuilder> create(EVP_PKEY *publicKey, const CsrRequest &request,
                                             SignatureAlgorithm algorithm, const QDateTime &notBefore,
                                             const QDateTime &notAfter);
    // DER of the TBSCertificate: the bytes the key signs.
    QByteArray toBeSigned() const { return m_tbs; }
    // Attach a DER signature (ECDSA: DER Ecdsa-Sig-Value) and verify it with the public key; DER certificate.
    Result<QByteArray> finish(const QByteArray &signature) const;

private:
    CertificateBuilder() = default;
    QByteArray m_tbs;
    QByteArray m_algorithmDer; // the AlgorithmIdentifier, as in the TBSCertificate
    EvpPkeyPtr m_key;
};

} // namespace ks::device
