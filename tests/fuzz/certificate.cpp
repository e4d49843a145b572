// Certificates and requests as PEM or DER: every CertificateCodec reader of a certificate or CSR.
#include "ca_client/CertificateCodec.h"

#include <cstddef>
#include <cstdint>

using ks::ca::CertificateCodec;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    QList<QByteArray> ders { bytes };
    if (auto pem = CertificateCodec::parsePemCertificates(bytes, QStringLiteral("fuzz")))
        ders = *pem;
    for (const QByteArray &der : std::as_const(ders)) {
        (void)CertificateCodec::summary(der);
        (void)CertificateCodec::subject(der);
        (void)CertificateCodec::certificatePublicKeyInfo(der);
    }
    const QByteArray csr = CertificateCodec::csrToDer(bytes);
    if (!csr.isEmpty()) {
        (void)CertificateCodec::csrPublicKeyInfo(csr);
        (void)CertificateCodec::csrToPem(csr);
    }
    return 0;
}
