#pragma once

#include "base/OpenSslPtr.h"

#include <QByteArray>

namespace ks::device {

// EVP_PKEY from the attributes a PKCS#11 public key exposes.
struct TokenPublicKey
{
    static EvpPkeyPtr rsa(const QByteArray &modulus, const QByteArray &exponent);
    // CKA_EC_PARAMS (DER namedCurve OID) and CKA_EC_POINT (DER OCTET STRING around the point, as PKCS#11
    // v2.40 §2.3.3 says; some modules return the bare point, which is accepted too).
    static EvpPkeyPtr ec(const QByteArray &params, const QByteArray &point);
};

} // namespace ks::device
