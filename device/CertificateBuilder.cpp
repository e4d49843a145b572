#include "device/CertificateBuilder.h"

#include <openssl/asn1.h>
#include <openssl/bn.h>
#include <openssl/objects.h>
#include <openssl/rand.h>
#include <openssl/x509v3.h>

namespace ks::device {

namespace {

DeviceError cryptoError(const QString &what)
{
    return DeviceError::make(
        DeviceError::Code::Crypto,
        CertificateBuilder::tr("Cannot build the self-signed certificate: %1").arg(what));
}

template<class T, class Encode> QByteArray encode(const T *object, Encode i2d)
{
    unsigned char *der = nullptr;
    const int len = i2d(object, &der);
    QByteArray out = len > 0 ? QByteArray(reinterpret_cast<const char *>(der), len) : QByteArray();
    OPENSSL_free(der);
    return out;
}

// DER definite length (X.690 §8.1.3).
QByteArray derLength(qsizetype length)
{
    if (length < 0x80)
        return QByteArray(1, static_cast<char>(length));
    QByteArray bytes;
    for (auto n = static_cast<quint64>(length); n > 0; n >>= 8)
        bytes.prepend(static_cast<char>(n & 0xff));
    return QByteArray(1, static_cast<char>(0x80 | bytes.size())) + bytes;
}

bool addExtension(X509 *cert, int nid, const QString &value)
{
    X509_EXTENSION *ext = X509V3_EXT_conf_nid(nullptr, nullptr, nid, value.toLatin1().constData());
    if (!ext)
        return false;
    const bool added = X509_add_ext(cert, ext, -1) == 1;
    X509_EXTENSION_free(ext);
    return added;
}

} // namespace

Result<CertificateBuilder> CertificateBuilder::create(EVP_PKEY *publicKey, const CsrRequest &request,
                                                      SignatureAlgorithm algorithm,
                                                      const QDateTime &notBefore, const QDateTime &notAfter)
{
    if (!publicKey || !notBefore.isValid() || !(notBefore < notAfter))
        return cryptoError(tr("no public key or no validity"));
    X509Ptr cert(X509_new());
    if (!cert || X509_set_version(cert.get(), 2) != 1) // v3
        return cryptoError(tr("out of memory"));

    // A positive 128-bit serial (RFC 5280 §4.1.2.2: at most 20 octets, positive).
    unsigned char random[16];
    if (RAND_bytes(random, sizeof random) != 1)
        return cryptoError(tr("no random bytes for the serial"));
    random[0] = static_cast<unsigned char>((random[0] & 0x7f) | 0x40);
    BIGNUM *bn = BN_bin2bn(random, sizeof random, nullptr);
    const bool serialSet = bn && BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(cert.get()));
    BN_free(bn);
    if (!serialSet)
        return cryptoError(tr("cannot set the serial"));

    X509_NAME *name = X509_get_subject_name(cert.get());
    for (const auto &[field, value] : request.subject) {
        const QByteArray utf8 = value.toUtf8();
        if (X509_NAME_add_entry_by_txt(name, field.toLatin1().constData(), MBSTRING_UTF8,
                                       reinterpret_cast<const unsigned char *>(utf8.constData()),
                                       static_cast<int>(utf8.size()), -1, 0)
            != 1)
            return cryptoError(tr("bad subject field %1").arg(field));
    }
    if (X509_set_issuer_name(cert.get(), name) != 1
        || !ASN1_TIME_set(X509_getm_notBefore(cert.get()), static_cast<time_t>(notBefore.toSecsSinceEpoch()))
        || !ASN1_TIME_set(X509_getm_notAfter(cert.get()), static_cast<time_t>(notAfter.toSecsSinceEpoch()))
        || X509_set_pubkey(cert.get(), publicKey) != 1)
        return cryptoError(tr("cannot set the subject, validity or public key"));

    if (!addExtension(cert.get(), NID_basic_constraints, QStringLiteral("critical,CA:FALSE")))
        return cryptoError(tr("cannot add basicConstraints"));
    if (!request.keyUsage.isEmpty()
        && !addExtension(cert.get(), NID_key_usage,
                         QStringLiteral("critical,") + request.keyUsage.join(QLatin1Char(','))))
        return cryptoError(tr("bad key usage %1").arg(request.keyUsage.join(QLatin1Char(','))));
    if (!request.extendedKeyUsage.isEmpty()
        && !addExtension(cert.get(), NID_ext_key_usage, request.extendedKeyUsage.join(QLatin1Char(','))))
        return cryptoError(
            tr("bad extended key usage %1").arg(request.extendedKeyUsage.join(QLatin1Char(','))));

    int nid = NID_sha256WithRSAEncryption;
    int paramType = V_ASN1_NULL; // RFC 4055 §5
    if (algorithm == SignatureAlgorithm::EcdsaWithSha256) {
        nid = NID_ecdsa_with_SHA256;
        paramType = V_ASN1_UNDEF; // RFC 5758 §3.2
    } else if (algorithm == SignatureAlgorithm::EcdsaWithSha384) {
        nid = NID_ecdsa_with_SHA384;
        paramType = V_ASN1_UNDEF;
    }
    // OpenSSL 3.0 has no setter for a certificate's TBS signature algorithm outside X509_sign (which wants
    // the private key); the algorithm must be in place before the TBSCertificate is encoded and signed.
    auto *tbsAlgorithm = const_cast<X509_ALGOR *>(X509_get0_tbs_sigalg(cert.get()));
    if (X509_ALGOR_set0(tbsAlgorithm, OBJ_nid2obj(nid), paramType, nullptr) != 1)
        return cryptoError(tr("cannot set the signature algorithm"));

    CertificateBuilder builder;
    builder.m_tbs = encode(cert.get(), [](const X509 *x, unsigned char **out) {
        return i2d_re_X509_tbs(const_cast<X509 *>(x), out);
    });
    builder.m_algorithmDer = encode(tbsAlgorithm, i2d_X509_ALGOR);
    if (builder.m_tbs.isEmpty() || builder.m_algorithmDer.isEmpty() || EVP_PKEY_up_ref(publicKey) != 1)
        return cryptoError(tr("cannot encode"));
    builder.m_key.reset(publicKey);
    return builder;
}

Result<QByteArray> CertificateBuilder::finish(const QByteArray &signature) const
{
    // Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue BIT STRING } (RFC 5280
    // §4.1), with a whole number of octets in the BIT STRING (no unused bits).
    const QByteArray bits
        = QByteArray(1, '\x03') + derLength(signature.size() + 1) + QByteArray(1, '\0') + signature;
    const QByteArray body = m_tbs + m_algorithmDer + bits;
    const QByteArray der = QByteArray(1, '\x30') + derLength(body.size()) + body;

    // Never hand out a certificate whose signature is not the key's: a broken or swapped signer shows here.
    const auto *p = reinterpret_cast<const unsigned char *>(der.constData());
    X509Ptr cert(d2i_X509(nullptr, &p, static_cast<long>(der.size())));
    if (!cert || p != reinterpret_cast<const unsigned char *>(der.constData()) + der.size())
        return cryptoError(tr("the assembled certificate does not parse"));
    if (X509_verify(cert.get(), m_key.get()) != 1)
        return DeviceError::make(DeviceError::Code::Crypto,
                                 tr("The key's signature on the self-signed certificate does not verify."),
                                 {}, QStringLiteral("X509_verify"));
    return der;
}

} // namespace ks::device
