#pragma once

#include "base/OpenSslPtr.h"
#include "device/CsrRequest.h"
#include "device/DeviceError.h"

#include <QByteArray>

namespace ks::device {

// The OpenSSL half of an on-key PKCS#10 request: build the CertificationRequestInfo around the key's public
// key, hand its DER to the key for signing, attach the key's signature and check it (RFC 2986 §4).
class CsrBuilder
{
    Q_DECLARE_TR_FUNCTIONS(ks::device::CsrBuilder)

public:
    enum class SignatureAlgorithm
    {
        Sha256WithRsa,
        EcdsaWithSha256,
        EcdsaWithSha384
    };

    static Result<CsrBuilder> create(EVP_PKEY *publicKey, const CsrRequest &request);
    // DER of the CertificationRequestInfo: the bytes the key signs.
    QByteArray toBeSigned() const;
    // Attach a DER signature (ECDSA: DER Ecdsa-Sig-Value) and verify it with the public key; DER request.
    Result<QByteArray> finish(SignatureAlgorithm algorithm, const QByteArray &signature);

    // EVP_PKEY from a DER SubjectPublicKeyInfo.
    static EvpPkeyPtr publicKeyFromDer(const QByteArray &spki);
    static QByteArray publicKeyToDer(EVP_PKEY *key);
    // raw r||s (PKCS#11 CKM_ECDSA output) to DER Ecdsa-Sig-Value (RFC 3279 §2.2.3)
    static QByteArray ecdsaRawToDer(const QByteArray &raw);

private:
    CsrBuilder() = default;
    X509ReqPtr m_req;
    EvpPkeyPtr m_key;
};

} // namespace ks::device
