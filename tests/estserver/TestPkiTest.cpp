#include "TestPki.h"

#include <QTemporaryDir>

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

using namespace ks::test;

namespace {

QString subjectText(const QByteArray &der)
{
    const CertPtr c = TestPki::certFromDer(der);
    char buf[512];
    X509_NAME_oneline(X509_get_subject_name(c.get()), buf, sizeof buf);
    return QString::fromUtf8(buf);
}

} // namespace

TEST(TestPki, CreatesChainsThatVerify)
{
    QTemporaryDir tmp;
    ASSERT_TRUE(tmp.isValid());
    const TestPki pki = TestPki::create(tmp.path());
    const QByteArray root = pki.caCertDer();
    QString error;

    for (const QString &path :
         { pki.serverCertPath(), pki.clientCertPath(), pki.otherHostServerCertPath() }) {
        const auto certs = TestPki::certsFromPemFile(path);
        ASSERT_EQ(certs.size(), 1) << path.toStdString();
        EXPECT_TRUE(TestPki::verifyChain(TestPki::certToDer(certs[0].get()), { root }, {}, &error))
            << path.toStdString() << ": " << error.toStdString();
        EXPECT_TRUE(TestPki::keyFromPemFile(QString(path).replace(u".pem"_qs, u"-key.pem"_qs)));
    }
    const auto untrusted = TestPki::certsFromPemFile(pki.untrustedServerCertPath());
    ASSERT_EQ(untrusted.size(), 1);
    EXPECT_FALSE(TestPki::verifyChain(TestPki::certToDer(untrusted[0].get()), { root }, {}, &error));
    EXPECT_TRUE(TestPki::verifyChain(TestPki::certToDer(untrusted[0].get()),
                                     { TestPki::certToDer(pki.untrustedCaCert()) }));
    const auto expired = TestPki::certsFromPemFile(pki.expiredServerCertPath());
    ASSERT_EQ(expired.size(), 1);
    EXPECT_FALSE(TestPki::verifyChain(TestPki::certToDer(expired[0].get()), { root }, {}, &error));
    EXPECT_EQ(error, u"certificate has expired"_qs);
    EXPECT_TRUE(subjectText(root).contains(u"KeyStation Test Root CA"_qs));
}

TEST(TestPki, IntermediateChain)
{
    QTemporaryDir tmp;
    const TestPki pki = TestPki::create(tmp.path(), { .withIntermediate = true });
    ASSERT_TRUE(pki.hasIntermediate());
    const CsrAndKey csr = TestPki::makeCsr(u"dev"_qs, u"SN1"_qs);
    IssueOptions o;
    o.issuerCert = pki.issuingCaCert();
    o.issuerKey = pki.issuingCaKey();
    const QByteArray leaf = TestPki::issueFromCsr(csr.csrDer, o);
    const QByteArray inter = TestPki::certToDer(pki.intermediateCert());
    QString error;
    EXPECT_TRUE(TestPki::verifyChain(leaf, { pki.caCertDer() }, { inter }, &error)) << error.toStdString();
    EXPECT_FALSE(TestPki::verifyChain(leaf, { pki.caCertDer() }));
}

TEST(TestPki, IssueFromCsrCopiesSubjectAndKey)
{
    QTemporaryDir tmp;
    const TestPki pki = TestPki::create(tmp.path());
    for (KeyType type : { KeyType::EcP256, KeyType::Rsa2048 }) {
        const CsrAndKey csr = TestPki::makeCsr(u"Token 42"_qs, u"0123456789ABCDEF"_qs, type, u"code-7"_qs);
        EXPECT_TRUE(TestPki::verifyCsr(csr.csrDer));
        EXPECT_EQ(TestPki::csrChallengePassword(csr.csrDer), u"code-7"_qs);
        IssueOptions o;
        o.issuerCert = pki.caCert();
        o.issuerKey = pki.caKey();
        o.extendedKeyUsage = { QLatin1String(OidClientAuth) };
        o.serial = QByteArray::fromHex("0102");
        const QByteArray leaf = TestPki::issueFromCsr(csr.csrDer, o);
        EXPECT_TRUE(TestPki::verifyChain(leaf, { pki.caCertDer() }));
        const CertPtr cert = TestPki::certFromDer(leaf);
        ASSERT_TRUE(cert);
        EXPECT_EQ(EVP_PKEY_eq(X509_get0_pubkey(cert.get()), csr.key.get()), 1);
        EXPECT_EQ(subjectText(leaf), u"/CN=Token 42/serialNumber=0123456789ABCDEF"_qs);
        EXPECT_EQ(X509_check_ca(cert.get()), 0);
        EXPECT_TRUE(X509_get_extended_key_usage(cert.get()) & XKU_SSL_CLIENT);
        EXPECT_EQ(ASN1_INTEGER_get(X509_get0_serialNumber(cert.get())), 0x0102);
    }
    const CsrAndKey plain = TestPki::makeCsr(u"x"_qs, {});
    EXPECT_TRUE(TestPki::csrChallengePassword(plain.csrDer).isNull());
    QByteArray broken = plain.csrDer;
    broken[broken.size() - 3] = static_cast<char>(broken[broken.size() - 3] ^ 0x55);
    EXPECT_FALSE(TestPki::verifyCsr(broken));
    EXPECT_FALSE(TestPki::verifyCsr("junk"));
}

TEST(TestPki, CertsOnlyPkcs7RoundTrip)
{
    QTemporaryDir tmp;
    const TestPki pki = TestPki::create(tmp.path(), { .withIntermediate = true });
    const QList<QByteArray> certs { TestPki::certToDer(pki.intermediateCert()), pki.caCertDer() };
    const QByteArray p7 = TestPki::certsOnlyPkcs7(certs);
    EXPECT_EQ(TestPki::certsFromPkcs7(p7), certs);
    EXPECT_TRUE(TestPki::certsFromPkcs7(pki.caCertDer()).isEmpty());
    EXPECT_TRUE(TestPki::certsFromPkcs7("garbage").isEmpty());
}
