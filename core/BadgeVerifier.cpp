#include "BadgeVerifier.h"

#include "Log.h"

#include "base/CertificateFacts.h"
#include "base/OpenSslPtr.h"

#include <QFile>
#include <QRegularExpression>

#include <openssl/bio.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>

namespace ks::core {

namespace {

using Code = CoreError::Code;

using StorePtr = OpenSslPtr<X509_STORE>;
using StoreCtxPtr = OpenSslPtr<X509_STORE_CTX>;
using MdCtxPtr = OpenSslPtr<EVP_MD_CTX>;
using SigPtr = OpenSslPtr<ECDSA_SIG>;
using CertStackPtr = X509StackPtr;

QString commonName(const X509_NAME *name)
{
    const int idx = X509_NAME_get_index_by_NID(name, NID_commonName, -1);
    if (idx < 0)
        return {};
    const ASN1_STRING *s = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, idx));
    unsigned char *utf8 = nullptr;
    const int len = ASN1_STRING_to_UTF8(&utf8, s);
    if (len < 0)
        return {};
    const QString out = QString::fromUtf8(reinterpret_cast<const char *>(utf8), len);
    OPENSSL_free(utf8);
    return out;
}

// PKCS#11 CKM_ECDSA returns r||s; OpenSSL verifies the DER SEQUENCE { r, s } of RFC 3279 section 2.2.3.
QByteArray ecdsaToDer(const QByteArray &sig, EVP_PKEY *key)
{
    {
        const auto *p = reinterpret_cast<const unsigned char *>(sig.constData());
        SigPtr parsed(d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(sig.size())));
        if (parsed && p == reinterpret_cast<const unsigned char *>(sig.constData()) + sig.size())
            return sig;
    }
    const int fieldBytes = (EVP_PKEY_get_bits(key) + 7) / 8;
    if (sig.size() != 2 * fieldBytes)
        return sig;
    SigPtr s(ECDSA_SIG_new());
    BIGNUM *r = BN_bin2bn(reinterpret_cast<const unsigned char *>(sig.constData()), fieldBytes, nullptr);
    BIGNUM *ss = BN_bin2bn(reinterpret_cast<const unsigned char *>(sig.constData()) + fieldBytes, fieldBytes,
                           nullptr);
    if (!r || !ss || ECDSA_SIG_set0(s.get(), r, ss) != 1) {
        BN_free(r);
        BN_free(ss);
        return sig;
    }
    unsigned char *der = nullptr;
    const int len = i2d_ECDSA_SIG(s.get(), &der);
    if (len <= 0)
        return sig;
    QByteArray out(reinterpret_cast<const char *>(der), len);
    OPENSSL_free(der);
    return out;
}

} // namespace

BadgeVerifier::BadgeVerifier(QList<QByteArray> anchorsDer, Clock clock)
    : BadgeVerifier(std::move(anchorsDer), std::move(clock), Options())
{ }

BadgeVerifier::BadgeVerifier(QList<QByteArray> anchorsDer, Clock clock, Options options)
    : m_anchors(std::move(anchorsDer))
    , m_clock(std::move(clock))
    , m_options(options)
{ }

QString BadgeVerifier::extendedKeyUsageOid(const QString &nameOrOid)
{
    static const std::pair<const char *, const char *> names[] = {
        { "serverAuth", "1.3.6.1.5.5.7.3.1" },          { "clientAuth", "1.3.6.1.5.5.7.3.2" },
        { "codeSigning", "1.3.6.1.5.5.7.3.3" },         { "emailProtection", "1.3.6.1.5.5.7.3.4" },
        { "smartcardLogon", "1.3.6.1.4.1.311.20.2.2" },
    };
    for (const auto &[name, oid] : names)
        if (nameOrOid == QLatin1String(name))
            return QLatin1String(oid);
    static const QRegularExpression dotted(QStringLiteral("^[0-2](\\.(0|[1-9][0-9]*))+$"));
    return dotted.match(nameOrOid).hasMatch() ? nameOrOid : QString();
}

Result<QList<QByteArray>> BadgeVerifier::loadAnchorsPem(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return CoreError::make(Code::Io, tr("Cannot read the operator CA file %1.").arg(path), {},
                               f.errorString());
    const QByteArray pem = f.read(4 * 1024 * 1024);
    OpenSslPtr<BIO> bio(BIO_new_mem_buf(pem.constData(), static_cast<int>(pem.size())));
    QList<QByteArray> out;
    while (X509 *raw = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)) {
        X509Ptr cert(raw);
        unsigned char *der = nullptr;
        const int len = i2d_X509(cert.get(), &der);
        if (len > 0)
            out << QByteArray(reinterpret_cast<const char *>(der), len);
        OPENSSL_free(der);
    }
    ERR_clear_error(); // the loop ends on "no start line"
    if (out.isEmpty())
        return CoreError::make(Code::InvalidArgument,
                               tr("No certificate in the operator CA file %1.").arg(path));
    return out;
}

QByteArray BadgeVerifier::issueChallenge()
{
    QByteArray c(challengeBytes, '\0');
    if (RAND_bytes(reinterpret_cast<unsigned char *>(c.data()), challengeBytes) != 1)
        return {};
    const qint64 now = m_clock().toMSecsSinceEpoch();
    std::lock_guard lock(m_mutex);
    if (m_outstanding.size() >= m_options.maxOutstanding) {
        auto oldest = m_outstanding.begin();
        for (auto it = m_outstanding.begin(); it != m_outstanding.end(); ++it)
            if (it.value() < oldest.value())
                oldest = it;
        m_outstanding.erase(oldest);
    }
    m_outstanding.insert(c, now);
    return c;
}

bool BadgeVerifier::consumeChallenge(const QByteArray &challenge)
{
    const qint64 now = m_clock().toMSecsSinceEpoch();
    std::lock_guard lock(m_mutex);
    auto it = m_outstanding.find(challenge);
    if (it == m_outstanding.end())
        return false;
    const qint64 issued = it.value();
    m_outstanding.erase(it);
    const qint64 lifetimeMs
        = std::chrono::duration_cast<std::chrono::milliseconds>(m_options.challengeLifetime).count();
    return now >= issued && now - issued <= lifetimeMs;
}

Result<BadgeIdentity> BadgeVerifier::verify(const QByteArray &certDer, const QByteArray &challenge,
                                            const QByteArray &signature,
                                            const QList<QByteArray> &intermediatesDer)
{
    // Consumed first, whatever happens next: a challenge is good for one try.
    if (challenge.size() != challengeBytes || !consumeChallenge(challenge))
        return CoreError::make(
            Code::BadgeChallengeUnknown,
            tr("The badge answered a challenge this station did not issue, already used or let "
               "expire."));
    X509Ptr cert = parseCertificateDer(certDer);
    if (!cert)
        return CoreError::make(Code::BadgeChainInvalid, tr("The badge certificate is not valid DER."));

    StorePtr store(X509_STORE_new());
    for (const QByteArray &der : m_anchors)
        if (X509Ptr anchor = parseCertificateDer(der))
            X509_STORE_add_cert(store.get(), anchor.get());
    CertStackPtr untrusted(sk_X509_new_null());
    for (const QByteArray &der : intermediatesDer)
        if (X509Ptr c = parseCertificateDer(der))
            sk_X509_push(untrusted.get(), c.release());
    StoreCtxPtr ctx(X509_STORE_CTX_new());
    if (!ctx || X509_STORE_CTX_init(ctx.get(), store.get(), cert.get(), untrusted.get()) != 1)
        return CoreError::make(Code::Crypto, tr("Cannot set up certificate verification."));
    X509_STORE_CTX_set_time(ctx.get(), 0, static_cast<time_t>(m_clock().toSecsSinceEpoch()));
    if (X509_verify_cert(ctx.get()) != 1) {
        const int err = X509_STORE_CTX_get_error(ctx.get());
        ERR_clear_error();
        return CoreError::make(Code::BadgeChainInvalid,
                               tr("The badge certificate is not from the operator CA: %1.")
                                   .arg(QString::fromUtf8(X509_verify_cert_error_string(err))));
    }
    // The purpose the operator CA gives badge certificates, by its OID in the certificate's own extension.
    {
        bool hasEku = false;
        const QByteArray wanted = m_options.requiredExtendedKeyUsage.toLatin1();
        int crit = 0;
        auto *ekus = static_cast<EXTENDED_KEY_USAGE *>(
            X509_get_ext_d2i(cert.get(), NID_ext_key_usage, &crit, nullptr));
        if (ekus) {
            for (int i = 0; i < sk_ASN1_OBJECT_num(ekus); ++i) {
                char oid[128] = {};
                OBJ_obj2txt(oid, sizeof oid, sk_ASN1_OBJECT_value(ekus, i), 1);
                if (!wanted.isEmpty() && wanted == oid)
                    hasEku = true;
            }
            EXTENDED_KEY_USAGE_free(ekus);
        }
        ERR_clear_error();
        if (!hasEku)
            return CoreError::make(Code::BadgeChainInvalid,
                                   tr("The badge certificate is not for operator login (extendedKeyUsage %1 "
                                      "missing).")
                                       .arg(m_options.requiredExtendedKeyUsage));
    }
    const uint32_t ku = X509_get_key_usage(cert.get());
    if (ku != UINT32_MAX && !(ku & KU_DIGITAL_SIGNATURE))
        return CoreError::make(Code::BadgeChainInvalid, tr("The badge certificate does not allow signing."));

    EVP_PKEY *key = X509_get0_pubkey(cert.get());
    if (!key)
        return CoreError::make(Code::BadgeSignatureInvalid,
                               tr("The badge certificate has no usable public key."));
    const QByteArray sig = EVP_PKEY_get_base_id(key) == EVP_PKEY_EC ? ecdsaToDer(signature, key) : signature;
    MdCtxPtr md(EVP_MD_CTX_new());
    const bool ok = md && EVP_DigestVerifyInit(md.get(), nullptr, EVP_sha256(), nullptr, key) == 1
        && EVP_DigestVerify(md.get(), reinterpret_cast<const unsigned char *>(sig.constData()),
                            static_cast<size_t>(sig.size()),
                            reinterpret_cast<const unsigned char *>(challenge.constData()),
                            static_cast<size_t>(challenge.size()))
            == 1;
    ERR_clear_error();
    if (!ok)
        return CoreError::make(Code::BadgeSignatureInvalid,
                               tr("The badge's signature over the challenge does not verify."));

    BadgeIdentity id;
    id.commonName = commonName(X509_get_subject_name(cert.get()));
    id.subject = nameText(X509_get_subject_name(cert.get()));
    id.issuer = nameText(X509_get_issuer_name(cert.get()));
    id.fingerprintSha256 = sha256Hex(certDer);
    return id;
}

} // namespace ks::core
