#include "ca_client/CertificateVerifier.h"
#include "ca_client/CertificateCodec.h"

#include "TestPki.h"

#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace ks;
using ca::CaError;
using ca::CertificatePolicy;
using ca::CertificateVerifier;
using test::IssueOptions;
using test::TestPki;

namespace {

const QString kSerial = QStringLiteral("0123456789ABCDEF");

class CertificateVerifierTest : public ::testing::Test
{
protected:
    static void SetUpTestSuite()
    {
        s_dir = new QTemporaryDir;
        s_pki = new TestPki(TestPki::create(s_dir->path()));
        s_key = new test::KeyPtr(TestPki::generateKey(test::KeyType::EcP256));
    }
    static void TearDownTestSuite()
    {
        delete s_key;
        delete s_pki;
        delete s_dir;
    }

    // A certificate that passes the default policy; tests change one knob.
    static IssueOptions goodOptions()
    {
        IssueOptions o;
        o.subjectKey = s_key->get();
        o.commonName = kSerial;
        o.serialNumber = kSerial;
        o.issuerCert = s_pki->caCert();
        o.issuerKey = s_pki->caKey();
        o.keyUsage = test::KuDigitalSignature;
        o.extendedKeyUsage = { QLatin1String(test::OidClientAuth) };
        return o;
    }

    static CertificateVerifier::Input input(const QByteArray &leaf)
    {
        CertificateVerifier::Input in;
        in.leafDer = leaf;
        in.trustAnchorsDer = { s_pki->caCertDer() };
        in.expectedPublicKeyInfo = TestPki::publicKeyDer(s_key->get());
        in.expectedSerial = kSerial;
        in.now = QDateTime::currentDateTimeUtc();
        return in;
    }

    static CaError::Code codeOf(const CertificateVerifier::Input &in)
    {
        const auto r = CertificateVerifier::verify(in);
        return r ? CaError::Code::None : r.error().code;
    }

    static CaError::Code codeFor(const IssueOptions &o) { return codeOf(input(TestPki::issue(o))); }

    static inline QTemporaryDir *s_dir = nullptr;
    static inline TestPki *s_pki = nullptr;
    static inline test::KeyPtr *s_key = nullptr;
};

TEST_F(CertificateVerifierTest, GoodCertificatePasses)
{
    const auto r = CertificateVerifier::verify(input(TestPki::issue(goodOptions())));
    ASSERT_TRUE(r) << r.error().toString().toStdString();
    EXPECT_EQ(r->subject, kSerial);
    EXPECT_FALSE(r->serialNumberHex.isEmpty());
    EXPECT_GT(r->notAfter, QDateTime::currentDateTimeUtc().addDays(300));
}

TEST_F(CertificateVerifierTest, GarbageIsNotParseable)
{
    EXPECT_EQ(codeOf(input(QByteArray("\x30\x82\x01\x00garbage", 11))), CaError::Code::NotParseable);
    EXPECT_EQ(codeOf(input(QByteArray())), CaError::Code::NotParseable);
    QByteArray trailing = TestPki::issue(goodOptions()) + "x";
    EXPECT_EQ(codeOf(input(trailing)), CaError::Code::NotParseable);
}

TEST_F(CertificateVerifierTest, ForeignIssuerIsUntrustedWithOpenSslReason)
{
    IssueOptions o = goodOptions();
    o.issuerCert = s_pki->untrustedCaCert();
    o.issuerKey = s_pki->untrustedCaKey();
    const auto r = CertificateVerifier::verify(input(TestPki::issue(o)));
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, CaError::Code::UntrustedChain);
    EXPECT_TRUE(r.error().message.contains(u"unable to get local issuer certificate"))
        << r.error().message.toStdString();
    EXPECT_EQ(r.error().serial, kSerial);
}

TEST_F(CertificateVerifierTest, NoAnchorMeansUntrusted)
{
    CertificateVerifier::Input in = input(TestPki::issue(goodOptions()));
    in.trustAnchorsDer.clear();
    EXPECT_EQ(codeOf(in), CaError::Code::UntrustedChain);
}

TEST_F(CertificateVerifierTest, SelfSignedLeafIsUntrusted)
{
    IssueOptions o = goodOptions();
    o.issuerCert = nullptr;
    o.issuerKey = s_key->get();
    EXPECT_EQ(codeFor(o), CaError::Code::UntrustedChain);
}

TEST_F(CertificateVerifierTest, OtherKeyIsPublicKeyMismatch)
{
    const test::KeyPtr other = TestPki::generateKey(test::KeyType::EcP256);
    IssueOptions o = goodOptions();
    o.subjectKey = other.get();
    EXPECT_EQ(codeFor(o), CaError::Code::PublicKeyMismatch);
}

TEST_F(CertificateVerifierTest, OtherSerialIsSerialMismatch)
{
    IssueOptions o = goodOptions();
    o.commonName = QStringLiteral("FEDCBA9876543210");
    o.serialNumber = QStringLiteral("FEDCBA9876543210");
    EXPECT_EQ(codeFor(o), CaError::Code::SerialMismatch);
}

TEST_F(CertificateVerifierTest, SerialPlacementPolicy)
{
    using P = CertificatePolicy::SerialPlacement;
    IssueOptions cnOnly = goodOptions();
    cnOnly.serialNumber.clear();
    CertificateVerifier::Input in = input(TestPki::issue(cnOnly));
    in.policy.serialPlacement = P::CommonName;
    EXPECT_EQ(codeOf(in), CaError::Code::None);
    in.policy.serialPlacement = P::SerialNumberAttribute;
    EXPECT_EQ(codeOf(in), CaError::Code::SerialMismatch);
    in.policy.serialPlacement = P::CommonNameOrSerialNumber;
    EXPECT_EQ(codeOf(in), CaError::Code::None);
    in.policy.serialPlacement = P::CommonNameAndSerialNumber;
    EXPECT_EQ(codeOf(in), CaError::Code::SerialMismatch);
    in.policy.serialPlacement = P::None;
    EXPECT_EQ(codeOf(in), CaError::Code::None);

    IssueOptions snOnly = goodOptions();
    snOnly.commonName = QStringLiteral("Station key");
    in = input(TestPki::issue(snOnly));
    in.policy.serialPlacement = P::SerialNumberAttribute;
    EXPECT_EQ(codeOf(in), CaError::Code::None);
    in.policy.serialPlacement = P::CommonName;
    EXPECT_EQ(codeOf(in), CaError::Code::SerialMismatch);
    in.policy.serialPlacement = P::CommonNameAndSerialNumber;
    EXPECT_EQ(codeOf(in), CaError::Code::SerialMismatch);
}

TEST_F(CertificateVerifierTest, NotYetValidBeyondSkew)
{
    IssueOptions o = goodOptions();
    o.notBeforeOffset = 3600;
    EXPECT_EQ(codeFor(o), CaError::Code::NotYetValid);
    o.notBeforeOffset = 120; // inside the default 300 s skew
    EXPECT_EQ(codeFor(o), CaError::Code::None);
    CertificateVerifier::Input in = input(TestPki::issue(o));
    in.policy.clockSkew = std::chrono::seconds(0);
    EXPECT_EQ(codeOf(in), CaError::Code::NotYetValid);
}

TEST_F(CertificateVerifierTest, ExpiredLeafIsExpiredNotUntrusted)
{
    IssueOptions o = goodOptions();
    o.notBeforeOffset = -2 * 86400;
    o.notAfterOffset = -86400;
    EXPECT_EQ(codeFor(o), CaError::Code::Expired);
}

TEST_F(CertificateVerifierTest, InjectedClockDecides)
{
    CertificateVerifier::Input in = input(TestPki::issue(goodOptions()));
    in.now = QDateTime::currentDateTimeUtc().addDays(400);
    EXPECT_EQ(codeOf(in), CaError::Code::Expired);
    IssueOptions later = goodOptions();
    later.notBeforeOffset = 86400;
    CertificateVerifier::Input future = input(TestPki::issue(later));
    EXPECT_EQ(codeOf(future), CaError::Code::NotYetValid);
    future.now = QDateTime::currentDateTimeUtc().addDays(2);
    EXPECT_EQ(codeOf(future), CaError::Code::None);
    in.now = QDateTime::currentDateTimeUtc().addDays(364);
    EXPECT_EQ(codeOf(in), CaError::Code::ValidityTooShort);
}

TEST_F(CertificateVerifierTest, ShortValidityIsTooShort)
{
    IssueOptions o = goodOptions();
    o.notAfterOffset = 3600;
    EXPECT_EQ(codeFor(o), CaError::Code::ValidityTooShort);
    CertificateVerifier::Input in = input(TestPki::issue(o));
    in.policy.minRemainingValidity = std::chrono::seconds(600);
    EXPECT_EQ(codeOf(in), CaError::Code::None);
}

TEST_F(CertificateVerifierTest, KeyUsageMissingBitsOrExtension)
{
    IssueOptions o = goodOptions();
    o.keyUsage = test::KuKeyEncipherment;
    EXPECT_EQ(codeFor(o), CaError::Code::KeyUsageMismatch);
    o.keyUsage = 0; // no keyUsage extension at all
    EXPECT_EQ(codeFor(o), CaError::Code::KeyUsageMismatch);
    o.keyUsage = test::KuDigitalSignature | test::KuKeyEncipherment;
    CertificateVerifier::Input in = input(TestPki::issue(o));
    in.policy.requiredKeyUsage = CertificatePolicy::DigitalSignature | CertificatePolicy::KeyEncipherment;
    EXPECT_EQ(codeOf(in), CaError::Code::None);
    in.policy.requiredKeyUsage |= CertificatePolicy::NonRepudiation;
    EXPECT_EQ(codeOf(in), CaError::Code::KeyUsageMismatch);
}

TEST_F(CertificateVerifierTest, ExtendedKeyUsageWrongOrMissing)
{
    IssueOptions o = goodOptions();
    o.extendedKeyUsage = { QLatin1String(test::OidServerAuth) };
    EXPECT_EQ(codeFor(o), CaError::Code::ExtendedKeyUsageMismatch);
    o.extendedKeyUsage.clear();
    EXPECT_EQ(codeFor(o), CaError::Code::ExtendedKeyUsageMismatch);
    CertificateVerifier::Input in = input(TestPki::issue(o));
    in.policy.requiredExtendedKeyUsages.clear();
    EXPECT_EQ(codeOf(in), CaError::Code::None);
}

TEST_F(CertificateVerifierTest, CaCertificateIsRefused)
{
    IssueOptions o = goodOptions();
    o.isCa = true;
    EXPECT_EQ(codeFor(o), CaError::Code::IsCaCertificate);
    o.isCa = false;
    o.keyUsage = test::KuDigitalSignature | test::KuKeyCertSign;
    EXPECT_EQ(codeFor(o), CaError::Code::IsCaCertificate);
}

TEST(CertificateVerifierChainTest, IntermediateFromCaCertsCompletesTheChain)
{
    QTemporaryDir dir;
    TestPki::Options options;
    options.withIntermediate = true;
    const TestPki pki = TestPki::create(dir.path(), options);
    const test::KeyPtr key = TestPki::generateKey(test::KeyType::EcP256);
    IssueOptions o;
    o.subjectKey = key.get();
    o.commonName = kSerial;
    o.issuerCert = pki.intermediateCert();
    o.issuerKey = pki.intermediateKey();
    o.extendedKeyUsage = { QLatin1String(test::OidClientAuth) };
    CertificateVerifier::Input in;
    in.leafDer = TestPki::issue(o);
    in.trustAnchorsDer = { pki.caCertDer() };
    in.expectedPublicKeyInfo = TestPki::publicKeyDer(key.get());
    in.expectedSerial = kSerial;
    in.now = QDateTime::currentDateTimeUtc();
    auto r = CertificateVerifier::verify(in);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, CaError::Code::UntrustedChain);
    in.intermediatesDer = { TestPki::certToDer(pki.intermediateCert()) };
    r = CertificateVerifier::verify(in);
    EXPECT_TRUE(r) << r.error().toString().toStdString();
}

TEST(CertificateCodecTest, Pkcs7AndBase64Decoding)
{
    QTemporaryDir dir;
    const TestPki pki = TestPki::create(dir.path());
    const QByteArray p7 = TestPki::certsOnlyPkcs7({ pki.caCertDer() });
    const QString op = QStringLiteral("test");
    auto certs = ca::CertificateCodec::parsePkcs7Certificates(p7, op);
    ASSERT_TRUE(certs);
    EXPECT_EQ(certs->value(0), pki.caCertDer());
    // base64 with CRLF line breaks, raw DER, and no CTE all decode.
    QByteArray lines;
    const QByteArray b64 = p7.toBase64();
    for (qsizetype i = 0; i < b64.size(); i += 64)
        lines += b64.mid(i, 64) + "\r\n";
    EXPECT_EQ(ca::CertificateCodec::decodeEstBody(lines, op).value(), p7);
    EXPECT_EQ(ca::CertificateCodec::decodeEstBody(p7, op).value(), p7);
    EXPECT_EQ(ca::CertificateCodec::decodeEstBody("!!notbase64", op).error().code, CaError::Code::BadBase64);
    EXPECT_EQ(ca::CertificateCodec::decodeEstBody("", op).error().code, CaError::Code::EmptyResponse);
    EXPECT_EQ(ca::CertificateCodec::parsePkcs7Certificates("junk", op).error().code, CaError::Code::BadPkcs7);
    EXPECT_EQ(ca::CertificateCodec::parsePkcs7Certificates(p7.left(p7.size() - 5), op).error().code,
              CaError::Code::BadPkcs7);
    EXPECT_EQ(ca::CertificateCodec::parsePkcs7Certificates(TestPki::certsOnlyPkcs7({}), op).error().code,
              CaError::Code::EmptyResponse);
    EXPECT_EQ(ca::CertificateCodec::parsePemCertificates("nothing", op).error().code, CaError::Code::BadPem);
    QByteArray pem = TestPki::certDerToPem(pki.caCertDer());
    EXPECT_TRUE(ca::CertificateCodec::parsePemCertificates(pem, op));
    pem.replace(40, 10, "@@@@@@@@@@");
    EXPECT_EQ(ca::CertificateCodec::parsePemCertificates(pem, op).error().code, CaError::Code::BadPem);
}

} // namespace
