// CertificateVerifier::verify, the check between a CA's answer and a key, with a fuzzed answer: byte 0 picks
// the expected subject and policy, the rest is the CA's answer (PEM: leaf then intermediates; else one DER
// leaf). The anchor is fixed; seeds are certificates it issued, so mutations reach every check after the
// chain, not only the parser.
#include "ca_client/CertificateCodec.h"
#include "ca_client/CertificateVerifier.h"

#include <cstddef>
#include <cstdint>

using namespace ks::ca;

namespace {

// The CA that issued the verifier seeds (its key was thrown away after issuing them).
const char anchorPem[] = R"(
-----BEGIN CERTIFICATE-----
MIIBoDCCAUegAwIBAgIUUDEVUKNfVjBs0MRH2hWvwxSr/M4wCgYIKoZIzj0EAwIw
HTEbMBkGA1UEAwwSS2V5U3RhdGlvbiBGdXp6IENBMCAXDTI2MTEyNTE4MDkwNFoY
DzIxMjYxMTAxMTgwOTA0WjAdMRswGQYDVQQDDBJLZXlTdGF0aW9uIEZ1enogQ0Ew
WTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAAQZxGxJYUkkBYa8n+kOt3intwxr7dXN
aXFhOPdAkz4BPQWbTFfyHlF56iKqLRySQ+HZ4mV8I5pGj8mNoDYSItEZo2MwYTAd
BgNVHQ4EFgQU2XXTKXP8h+3BhZtN9gE59JOnhHgwHwYDVR0jBBgwFoAU2XXTKXP8
h+3BhZtN9gE59JOnhHgwDwYDVR0TAQH/BAUwAwEB/zAOBgNVHQ8BAf8EBAMCAQYw
CgYIKoZIzj0EAwIDRwAwRAIgKv6/OMN/GWJ+UdrGey5bD1f4AfukAMbnbbXQvl5C
LLsCID9opAFEbj34DMTdo2aRPWp6AFH2zRqvcILYHzx/kdQA
-----END CERTIFICATE-----
)";

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size < 1)
        return 0;
    static const QList<QByteArray> anchors
        = *CertificateCodec::parsePemCertificates(QByteArray(anchorPem), QStringLiteral("anchor"));
    const quint8 mode = data[0];
    const QByteArray answer(reinterpret_cast<const char *>(data + 1), static_cast<qsizetype>(size - 1));

    CertificateVerifier::Input in;
    if (auto pem = CertificateCodec::parsePemCertificates(answer, QStringLiteral("fuzz"));
        pem && !pem->isEmpty()) {
        in.leafDer = pem->takeFirst();
        in.intermediatesDer = *pem;
    } else {
        in.leafDer = answer;
    }
    in.trustAnchorsDer = anchors;
    // The key the request had: the leaf's own key (so the later checks run) unless mode says a foreign one.
    in.expectedPublicKeyInfo = (mode & 0x80) ? CertificateCodec::certificatePublicKeyInfo(anchors.first())
                                             : CertificateCodec::certificatePublicKeyInfo(in.leafDer);
    in.expectedSerial = (mode & 0x40) ? QString() : QStringLiteral("A1B2C3D4E5F60718");
    // The expected subject: none, the default profile's (CN and serialNumber carry the serial, nothing
    // else), CN only, or with fixed O/C as well; bit 2: extra usages allowed.
    const QString serial = in.expectedSerial;
    switch (mode & 0x03) {
    case 0:
        break;
    case 1:
        in.policy.expectedSubject = { { CertificatePolicy::SerialNumberOid, serial, true },
                                      { CertificatePolicy::CommonNameOid, serial, true } };
        break;
    case 2:
        in.policy.expectedSubject = { { CertificatePolicy::SerialNumberOid, {}, false },
                                      { CertificatePolicy::CommonNameOid, serial, true } };
        break;
    default:
        in.policy.expectedSubject
            = { { CertificatePolicy::CountryOid, QStringLiteral("CN"), false },
                { CertificatePolicy::OrganizationOid, QStringLiteral("Example"), false },
                { CertificatePolicy::CommonNameOid, serial, true } };
        break;
    }
    in.policy.allowExtraUsages = (mode & 0x04) != 0;
    if (mode & 0x08)
        in.policy.requiredExtendedKeyUsages.clear();
    if (mode & 0x10)
        in.policy.requiredKeyUsage = CertificatePolicy::DigitalSignature | CertificatePolicy::KeyEncipherment;
    in.policy.rejectCaCertificate = (mode & 0x20) == 0;
    in.now = QDateTime(QDate(2030, 1, 1), QTime(0, 0), Qt::UTC);
    auto verified = CertificateVerifier::verify(in);
    if (verified) {
        // Nothing is accepted that does not chain to the anchor with the requested key.
        if (in.expectedPublicKeyInfo != CertificateCodec::certificatePublicKeyInfo(in.leafDer))
            __builtin_trap();
    } else {
        (void)verified.error().toString();
    }
    return 0;
}
