#include "core/BadgeVerifier.h"

#include <gtest/gtest.h>

#include <QFile>
#include <QTemporaryDir>

#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <atomic>
#include <memory>

using namespace ks::core;

namespace {

struct KeyFree
{
    void operator()(EVP_PKEY *k) const { EVP_PKEY_free(k); }
};
struct CertFree
{
    void operator()(X509 *c) const { X509_free(c); }
};
using Key = std::unique_ptr<EVP_PKEY, KeyFree>;
using Cert = std::unique_ptr<X509, CertFree>;

Key makeKey(bool rsa)
{
    return Key(rsa ? EVP_RSA_gen(2048) : EVP_EC_gen("P-256"));
}

void addExt(X509 *cert, X509 *issuer, int nid, const char *value)
{
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
    X509_EXTENSION *ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
    ASSERT_NE(ext, nullptr);
    X509_add_ext(cert, ext, -1);
    X509_EXTENSION_free(ext);
}

// issuer == nullptr: self-signed CA.
Cert makeCert(const char *cn, EVP_PKEY *key, X509 *issuer, EVP_PKEY *issuerKey, bool ca,
              long notAfterDays = 365, const char *keyUsage = "critical,digitalSignature",
              const char *extendedKeyUsage = "clientAuth")
{
    Cert cert(X509_new());
    X509_set_version(cert.get(), 2);
    static std::atomic<long> serial { 1 };
    ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), serial++);
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), notAfterDays * 24 * 3600);
    X509_NAME *name = X509_get_subject_name(cert.get());
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, reinterpret_cast<const unsigned char *>(cn), -1, -1,
                               0);
    X509_set_issuer_name(cert.get(), issuer ? X509_get_subject_name(issuer) : name);
    X509_set_pubkey(cert.get(), key);
    X509 *iss = issuer ? issuer : cert.get();
    addExt(cert.get(), iss, NID_basic_constraints, ca ? "critical,CA:TRUE" : "critical,CA:FALSE");
    addExt(cert.get(), iss, NID_key_usage, ca ? "critical,keyCertSign,cRLSign" : keyUsage);
    if (!ca && extendedKeyUsage)
        addExt(cert.get(), iss, NID_ext_key_usage, extendedKeyUsage);
    X509_sign(cert.get(), issuer ? issuerKey : key, EVP_sha256());
    return cert;
}

QByteArray der(X509 *cert)
{
    unsigned char *buf = nullptr;
    const int len = i2d_X509(cert, &buf);
    QByteArray out(reinterpret_cast<const char *>(buf), len);
    OPENSSL_free(buf);
    return out;
}

QByteArray sign(EVP_PKEY *key, const QByteArray &data)
{
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    size_t len = 0;
    EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key);
    EVP_DigestSign(ctx.get(), nullptr, &len, reinterpret_cast<const unsigned char *>(data.constData()),
                   static_cast<size_t>(data.size()));
    QByteArray sig(static_cast<qsizetype>(len), '\0');
    EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char *>(sig.data()), &len,
                   reinterpret_cast<const unsigned char *>(data.constData()),
                   static_cast<size_t>(data.size()));
    sig.resize(static_cast<qsizetype>(len));
    return sig;
}

// DER ECDSA-Sig-Value -> raw r||s (what PKCS#11 CKM_ECDSA returns).
QByteArray rawEcdsa(const QByteArray &derSig)
{
    const auto *p = reinterpret_cast<const unsigned char *>(derSig.constData());
    ECDSA_SIG *s = d2i_ECDSA_SIG(nullptr, &p, derSig.size());
    QByteArray out(64, '\0');
    BN_bn2binpad(ECDSA_SIG_get0_r(s), reinterpret_cast<unsigned char *>(out.data()), 32);
    BN_bn2binpad(ECDSA_SIG_get0_s(s), reinterpret_cast<unsigned char *>(out.data()) + 32, 32);
    ECDSA_SIG_free(s);
    return out;
}

class BadgeVerifierTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        m_caKey = makeKey(false);
        m_ca = makeCert("Operator CA", m_caKey.get(), nullptr, nullptr, true);
        m_badgeKey = makeKey(false);
        m_badge = makeCert("alice", m_badgeKey.get(), m_ca.get(), m_caKey.get(), false);
        m_verifier = std::make_unique<BadgeVerifier>(QList<QByteArray> { der(m_ca.get()) }, clock());
    }

    Clock clock()
    {
        auto now = m_now;
        return [now] { return QDateTime::fromMSecsSinceEpoch(now->load(), Qt::UTC); };
    }

    std::shared_ptr<std::atomic<qint64>> m_now
        = std::make_shared<std::atomic<qint64>>(QDateTime::currentMSecsSinceEpoch());
    Key m_caKey, m_badgeKey;
    Cert m_ca, m_badge;
    std::unique_ptr<BadgeVerifier> m_verifier;
};

TEST_F(BadgeVerifierTest, AcceptsAGoodBadgeAndSignature)
{
    const QByteArray challenge = m_verifier->issueChallenge();
    ASSERT_EQ(challenge.size(), 32);
    auto id = m_verifier->verify(der(m_badge.get()), challenge, sign(m_badgeKey.get(), challenge));
    ASSERT_TRUE(id) << id.error().toString().toStdString();
    EXPECT_EQ(id->commonName, QStringLiteral("alice"));
    EXPECT_EQ(id->issuer, QStringLiteral("CN=Operator CA"));
    EXPECT_EQ(id->fingerprintSha256.size(), 64);
}

TEST_F(BadgeVerifierTest, AcceptsRawEcdsaAsATokenReturnsIt)
{
    const QByteArray challenge = m_verifier->issueChallenge();
    auto id = m_verifier->verify(der(m_badge.get()), challenge, rawEcdsa(sign(m_badgeKey.get(), challenge)));
    EXPECT_TRUE(id) << id.error().toString().toStdString();
}

TEST_F(BadgeVerifierTest, AcceptsRsaPkcs1Sha256ThroughAnIntermediate)
{
    Key subKey = makeKey(false);
    Cert sub = makeCert("Operator Sub CA", subKey.get(), m_ca.get(), m_caKey.get(), true);
    Key rsaKey = makeKey(true);
    Cert rsaBadge = makeCert("bob", rsaKey.get(), sub.get(), subKey.get(), false);
    const QByteArray challenge = m_verifier->issueChallenge();
    auto id = m_verifier->verify(der(rsaBadge.get()), challenge, sign(rsaKey.get(), challenge),
                                 { der(sub.get()) });
    ASSERT_TRUE(id) << id.error().toString().toStdString();
    EXPECT_EQ(id->commonName, QStringLiteral("bob"));
}

TEST_F(BadgeVerifierTest, RefusesABadgeFromAnotherCa)
{
    Key otherCaKey = makeKey(false);
    Cert otherCa = makeCert("Operator CA", otherCaKey.get(), nullptr, nullptr, true); // same name, other key
    Key key = makeKey(false);
    Cert forged = makeCert("alice", key.get(), otherCa.get(), otherCaKey.get(), false);
    const QByteArray challenge = m_verifier->issueChallenge();
    auto id = m_verifier->verify(der(forged.get()), challenge, sign(key.get(), challenge));
    ASSERT_FALSE(id);
    EXPECT_EQ(id.error().code, CoreError::Code::BadgeChainInvalid);
}

TEST_F(BadgeVerifierTest, RefusesASelfSignedBadge)
{
    Key key = makeKey(false);
    Cert self = makeCert("alice", key.get(), nullptr, nullptr, false);
    const QByteArray challenge = m_verifier->issueChallenge();
    EXPECT_EQ(m_verifier->verify(der(self.get()), challenge, sign(key.get(), challenge)).error().code,
              CoreError::Code::BadgeChainInvalid);
}

TEST_F(BadgeVerifierTest, RefusesAnExpiredBadgeAtTheClocksTime)
{
    *m_now += 400LL * 24 * 3600 * 1000; // past notAfter (365 days)
    const QByteArray challenge = m_verifier->issueChallenge();
    auto id = m_verifier->verify(der(m_badge.get()), challenge, sign(m_badgeKey.get(), challenge));
    ASSERT_FALSE(id);
    EXPECT_EQ(id.error().code, CoreError::Code::BadgeChainInvalid);
    EXPECT_TRUE(id.error().message.contains(QStringLiteral("expired"))) << id.error().message.toStdString();
}

TEST_F(BadgeVerifierTest, RefusesABadSignature)
{
    const QByteArray challenge = m_verifier->issueChallenge();
    Key otherKey = makeKey(false);
    auto id = m_verifier->verify(der(m_badge.get()), challenge, sign(otherKey.get(), challenge));
    ASSERT_FALSE(id);
    EXPECT_EQ(id.error().code, CoreError::Code::BadgeSignatureInvalid);

    const QByteArray c2 = m_verifier->issueChallenge();
    QByteArray other = c2;
    other[0] = static_cast<char>(other[0] ^ 1);
    EXPECT_EQ(m_verifier->verify(der(m_badge.get()), c2, sign(m_badgeKey.get(), other)).error().code,
              CoreError::Code::BadgeSignatureInvalid);
    const QByteArray c3 = m_verifier->issueChallenge();
    EXPECT_EQ(m_verifier->verify(der(m_badge.get()), c3, QByteArray(3, 'x')).error().code,
              CoreError::Code::BadgeSignatureInvalid);
}

TEST_F(BadgeVerifierTest, RefusesAReusedChallenge)
{
    const QByteArray challenge = m_verifier->issueChallenge();
    const QByteArray sig = sign(m_badgeKey.get(), challenge);
    ASSERT_TRUE(m_verifier->verify(der(m_badge.get()), challenge, sig));
    auto again = m_verifier->verify(der(m_badge.get()), challenge, sig);
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, CoreError::Code::BadgeChallengeUnknown);
}

TEST_F(BadgeVerifierTest, AFailedTryUsesTheChallengeUp)
{
    const QByteArray challenge = m_verifier->issueChallenge();
    EXPECT_FALSE(m_verifier->verify(der(m_badge.get()), challenge, QByteArray(64, 'x')));
    EXPECT_EQ(
        m_verifier->verify(der(m_badge.get()), challenge, sign(m_badgeKey.get(), challenge)).error().code,
        CoreError::Code::BadgeChallengeUnknown);
}

TEST_F(BadgeVerifierTest, RefusesChallengesItDidNotIssueOrThatExpired)
{
    QByteArray made(32, 'z');
    EXPECT_EQ(m_verifier->verify(der(m_badge.get()), made, sign(m_badgeKey.get(), made)).error().code,
              CoreError::Code::BadgeChallengeUnknown);
    const QByteArray challenge = m_verifier->issueChallenge();
    *m_now += 121 * 1000;
    EXPECT_EQ(
        m_verifier->verify(der(m_badge.get()), challenge, sign(m_badgeKey.get(), challenge)).error().code,
        CoreError::Code::BadgeChallengeUnknown);
    EXPECT_NE(m_verifier->issueChallenge(), m_verifier->issueChallenge());
}

TEST_F(BadgeVerifierTest, RefusesACertificateThatMayNotSign)
{
    Key key = makeKey(true);
    Cert encOnly
        = makeCert("alice", key.get(), m_ca.get(), m_caKey.get(), false, 365, "critical,keyEncipherment");
    const QByteArray challenge = m_verifier->issueChallenge();
    EXPECT_EQ(m_verifier->verify(der(encOnly.get()), challenge, sign(key.get(), challenge)).error().code,
              CoreError::Code::BadgeChainInvalid);
}

TEST_F(BadgeVerifierTest, GarbageCertificateIsATypedError)
{
    const QByteArray challenge = m_verifier->issueChallenge();
    EXPECT_EQ(m_verifier->verify(QByteArray("not a certificate"), challenge, QByteArray()).error().code,
              CoreError::Code::BadgeChainInvalid);
}

TEST_F(BadgeVerifierTest, RefusesABadgeWithoutTheRequiredExtendedKeyUsage)
{
    Key key = makeKey(false);
    for (const char *eku : { static_cast<const char *>(nullptr), "serverAuth", "anyExtendedKeyUsage",
                             "emailProtection,codeSigning" }) {
        Cert cert = makeCert("alice", key.get(), m_ca.get(), m_caKey.get(), false, 365,
                             "critical,digitalSignature", eku);
        const QByteArray challenge = m_verifier->issueChallenge();
        auto r = m_verifier->verify(der(cert.get()), challenge, sign(key.get(), challenge));
        ASSERT_FALSE(r) << (eku ? eku : "no extendedKeyUsage");
        EXPECT_EQ(r.error().code, CoreError::Code::BadgeChainInvalid);
    }
    // The usage is configurable, by name or OID.
    BadgeVerifier::Options options;
    options.requiredExtendedKeyUsage = BadgeVerifier::extendedKeyUsageOid(QStringLiteral("smartcardLogon"));
    EXPECT_EQ(options.requiredExtendedKeyUsage, QStringLiteral("1.3.6.1.4.1.311.20.2.2"));
    EXPECT_EQ(BadgeVerifier::extendedKeyUsageOid(QStringLiteral("1.2.3.4")), QStringLiteral("1.2.3.4"));
    EXPECT_TRUE(BadgeVerifier::extendedKeyUsageOid(QStringLiteral("nonsense")).isEmpty());
    BadgeVerifier smartcard({ der(m_ca.get()) }, clock(), options);
    Cert logon = makeCert("alice", key.get(), m_ca.get(), m_caKey.get(), false, 365,
                          "critical,digitalSignature", "1.3.6.1.4.1.311.20.2.2");
    QByteArray challenge = smartcard.issueChallenge();
    EXPECT_TRUE(smartcard.verify(der(logon.get()), challenge, sign(key.get(), challenge)));
    challenge = smartcard.issueChallenge();
    EXPECT_FALSE(smartcard.verify(der(m_badge.get()), challenge, sign(m_badgeKey.get(), challenge)));
}

TEST_F(BadgeVerifierTest, LoadsAnchorsFromPem)
{
    QTemporaryDir dir;
    const QString path = dir.path() + QStringLiteral("/ca.pem");
    {
        FILE *f = fopen(QFile::encodeName(path).constData(), "w");
        ASSERT_NE(f, nullptr);
        PEM_write_X509(f, m_ca.get());
        fclose(f);
    }
    auto anchors = BadgeVerifier::loadAnchorsPem(path);
    ASSERT_TRUE(anchors);
    ASSERT_EQ(anchors->size(), 1);
    EXPECT_EQ(anchors->at(0), der(m_ca.get()));
    EXPECT_FALSE(BadgeVerifier::loadAnchorsPem(dir.path() + QStringLiteral("/missing.pem")));
}

} // namespace
