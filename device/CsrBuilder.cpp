#include "device/CsrBuilder.h"

#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/objects.h>
#include <openssl/x509v3.h>

namespace ks::device {

namespace {

DeviceError cryptoError(const QString &what)
{
    return DeviceError::make(DeviceError::Code::Crypto,
                             CsrBuilder::tr("Cannot build the certificate request: %1").arg(what));
}

bool addExtension(STACK_OF(X509_EXTENSION) * exts, int nid, const QString &value)
{
    X509_EXTENSION *ext = X509V3_EXT_conf_nid(nullptr, nullptr, nid, value.toLatin1().constData());
    if (!ext)
        return false;
    sk_X509_EXTENSION_push(exts, ext);
    return true;
}

} // namespace

Result<CsrBuilder> CsrBuilder::create(EVP_PKEY *publicKey, const CsrRequest &request)
{
    CsrBuilder builder;
    builder.m_req.reset(X509_REQ_new());
    X509_REQ *req = builder.m_req.get();
    if (!req || !publicKey || X509_REQ_set_version(req, 0) != 1)
        return cryptoError(tr("out of memory"));
    if (EVP_PKEY_up_ref(publicKey) != 1)
        return cryptoError(tr("bad public key"));
    builder.m_key.reset(publicKey);

    X509_NAME *name = X509_REQ_get_subject_name(req);
    for (const auto &[field, value] : request.subject) {
        const QByteArray utf8 = value.toUtf8();
        if (X509_NAME_add_entry_by_txt(name, field.toLatin1().constData(), MBSTRING_UTF8,
                                       reinterpret_cast<const unsigned char *>(utf8.constData()),
                                       static_cast<int>(utf8.size()), -1, 0)
            != 1)
            return cryptoError(tr("bad subject field %1").arg(field));
    }
    if (X509_REQ_set_pubkey(req, publicKey) != 1)
        return cryptoError(tr("bad public key"));

    std::unique_ptr<STACK_OF(X509_EXTENSION), void (*)(STACK_OF(X509_EXTENSION) *)> exts(
        sk_X509_EXTENSION_new_null(),
        [](STACK_OF(X509_EXTENSION) * s) { sk_X509_EXTENSION_pop_free(s, X509_EXTENSION_free); });
    if (!request.keyUsage.isEmpty()
        && !addExtension(exts.get(), NID_key_usage,
                         QStringLiteral("critical,") + request.keyUsage.join(QLatin1Char(','))))
        return cryptoError(tr("bad key usage %1").arg(request.keyUsage.join(QLatin1Char(','))));
    if (!request.extendedKeyUsage.isEmpty()
        && !addExtension(exts.get(), NID_ext_key_usage, request.extendedKeyUsage.join(QLatin1Char(','))))
        return cryptoError(
            tr("bad extended key usage %1").arg(request.extendedKeyUsage.join(QLatin1Char(','))));
    if (sk_X509_EXTENSION_num(exts.get()) > 0 && X509_REQ_add_extensions(req, exts.get()) != 1)
        return cryptoError(tr("cannot add extensions"));
    if (!request.challengePassword.isEmpty()
        && X509_REQ_add1_attr_by_NID(
               req, NID_pkcs9_challengePassword, MBSTRING_UTF8,
               reinterpret_cast<const unsigned char *>(request.challengePassword.constData()),
               static_cast<int>(request.challengePassword.size()))
            != 1)
        return cryptoError(tr("cannot add the enrolment code"));
    return builder;
}

QByteArray CsrBuilder::toBeSigned() const
{
    unsigned char *der = nullptr;
    const int len = i2d_re_X509_REQ_tbs(m_req.get(), &der);
    if (len <= 0)
        return {};
    QByteArray out(reinterpret_cast<const char *>(der), len);
    OPENSSL_free(der);
    return out;
}

Result<QByteArray> CsrBuilder::finish(SignatureAlgorithm algorithm, const QByteArray &signature)
{
    int nid = NID_sha256WithRSAEncryption;
    int paramType = V_ASN1_NULL; // RFC 4055 §5: sha256WithRSAEncryption carries NULL parameters
    if (algorithm == SignatureAlgorithm::EcdsaWithSha256) {
        nid = NID_ecdsa_with_SHA256;
        paramType = V_ASN1_UNDEF; // RFC 5758 §3.2: ECDSA algorithms carry no parameters
    } else if (algorithm == SignatureAlgorithm::EcdsaWithSha384) {
        nid = NID_ecdsa_with_SHA384;
        paramType = V_ASN1_UNDEF;
    }
    std::unique_ptr<X509_ALGOR, void (*)(X509_ALGOR *)> alg(X509_ALGOR_new(), X509_ALGOR_free);
    if (!alg || X509_ALGOR_set0(alg.get(), OBJ_nid2obj(nid), paramType, nullptr) != 1
        || X509_REQ_set1_signature_algo(m_req.get(), alg.get()) != 1)
        return cryptoError(tr("cannot set the signature algorithm"));

    ASN1_BIT_STRING *bits = ASN1_BIT_STRING_new();
    if (!bits
        || ASN1_BIT_STRING_set(bits,
                               reinterpret_cast<unsigned char *>(const_cast<char *>(signature.constData())),
                               static_cast<int>(signature.size()))
            != 1) {
        ASN1_BIT_STRING_free(bits);
        return cryptoError(tr("cannot attach the signature"));
    }
    // A signature is a whole number of octets: no unused bits (as X509_REQ_sign does).
    bits->flags &= ~(ASN1_STRING_FLAG_BITS_LEFT | 0x07);
    bits->flags |= ASN1_STRING_FLAG_BITS_LEFT;
    X509_REQ_set0_signature(m_req.get(), bits);

    // Never hand out a request whose signature is not the key's: a broken or swapped signer shows up here.
    if (X509_REQ_verify(m_req.get(), m_key.get()) != 1)
        return DeviceError::make(DeviceError::Code::Crypto,
                                 tr("The key's signature on the certificate request does not verify."), {},
                                 QStringLiteral("X509_REQ_verify"));

    unsigned char *der = nullptr;
    const int len = i2d_X509_REQ(m_req.get(), &der);
    if (len <= 0)
        return cryptoError(tr("cannot encode"));
    QByteArray out(reinterpret_cast<const char *>(der), len);
    OPENSSL_free(der);
    return out;
}

EvpPkeyPtr CsrBuilder::publicKeyFromDer(const QByteArray &spki)
{
    const auto *p = reinterpret_cast<const unsigned char *>(spki.constData());
    return EvpPkeyPtr(d2i_PUBKEY(nullptr, &p, static_cast<long>(spki.size())));
}

QByteArray CsrBuilder::publicKeyToDer(EVP_PKEY *key)
{
    unsigned char *der = nullptr;
    const int len = i2d_PUBKEY(key, &der);
    if (len <= 0)
        return {};
    QByteArray out(reinterpret_cast<const char *>(der), len);
    OPENSSL_free(der);
    return out;
}

QByteArray CsrBuilder::ecdsaRawToDer(const QByteArray &raw)
{
    if (raw.isEmpty() || raw.size() % 2)
        return {};
    const int half = static_cast<int>(raw.size() / 2);
    const auto *p = reinterpret_cast<const unsigned char *>(raw.constData());
    ECDSA_SIG *sig = ECDSA_SIG_new();
    BIGNUM *r = BN_bin2bn(p, half, nullptr);
    BIGNUM *s = BN_bin2bn(p + half, half, nullptr);
    if (!sig || !r || !s || ECDSA_SIG_set0(sig, r, s) != 1) {
        BN_free(r);
        BN_free(s);
        ECDSA_SIG_free(sig);
        return {};
    }
    unsigned char *der = nullptr;
    const int len = i2d_ECDSA_SIG(sig, &der);
    ECDSA_SIG_free(sig);
    if (len <= 0)
        return {};
    QByteArray out(reinterpret_cast<const char *>(der), len);
    OPENSSL_free(der);
    return out;
}

} // namespace ks::device
