// EST answers (RFC 7030 4.1.3/4.2.3, RFC 8951): a body that should be base64 (with or without line
// breaks) of a certs-only PKCS#7, or raw DER; decoded the way EstClient does, then each certificate's facts.
#include "ca_client/CertificateCodec.h"

#include <cstddef>
#include <cstdint>

using ks::ca::CertificateCodec;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray body(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    const QString op = QStringLiteral("est/simpleenroll");
    (void)CertificateCodec::decodeBase64(body, op);
    auto der = CertificateCodec::decodeEstBody(body, op);
    if (!der)
        return 0;
    auto certs = CertificateCodec::parsePkcs7Certificates(*der, op);
    if (!certs)
        return 0;
    for (const QByteArray &cert : std::as_const(*certs)) {
        (void)CertificateCodec::summary(cert);
        (void)CertificateCodec::certificatePublicKeyInfo(cert);
    }
    if (!certs->isEmpty()) {
        const qsizetype leaf = CertificateCodec::pickLeaf(
            *certs, CertificateCodec::certificatePublicKeyInfo(certs->constLast()));
        if (leaf < 0 || leaf >= certs->size())
            __builtin_trap(); // pickLeaf promised an index into the list
    }
    return 0;
}
