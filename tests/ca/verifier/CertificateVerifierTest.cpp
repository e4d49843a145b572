#include "ca_client/CertificateVerifier.h"
#include "ca_client/CertificateCodec.h"

#include "TestPki.h"

#include <QTemporaryDir>

#include <functional>

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
        in.policy.expectedSubject = defaultSubject();
        in.now = QDateTime::currentDateTimeUtc();
        return in;
    }

    // What a profile with the default subject (CN and serialNumber = ${serial}, nothing else) expects.
    static QList<CertificatePolicy::SubjectAttribute> defaultSubject()
    {
        return { { CertificatePolicy::CountryOid, {}, false },
                 { CertificatePolicy::OrganizationOid, {}, false },
                 { CertificatePolicy::OrganizationalUnitOid, {}, false },
                 { CertificatePolicy::SerialNumberOid, kSerial, true },
                 { CertificatePolicy::CommonNameOid, kSerial, true } };
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

TEST_F(CertificateVerifierTest, SerialMustBeInEveryFieldThatCarriesIt)
{
    // The old check accepted the serial in either CN or serialNumber: a CA that kept one and rewrote the
    // other got through.
    IssueOptions cnOnly = goodOptions();
    cnOnly.serialNumber = QStringLiteral("FEDCBA9876543210");
    EXPECT_EQ(codeFor(cnOnly), CaError::Code::SerialMismatch);
    cnOnly.serialNumber.clear(); // dropped altogether
    EXPECT_EQ(codeFor(cnOnly), CaError::Code::SerialMismatch);
    IssueOptions snOnly = goodOptions();
    snOnly.commonName = QStringLiteral("Station key");
    EXPECT_EQ(codeFor(snOnly), CaError::Code::SerialMismatch);

    // A profile that puts ${serial} only in CN (serialNumber empty = absent).
    CertificateVerifier::Input in = input(TestPki::issue(goodOptions()));
    in.policy.expectedSubject = { { CertificatePolicy::SerialNumberOid, {}, false },
                                  { CertificatePolicy::CommonNameOid, kSerial, true } };
    EXPECT_EQ(codeOf(in), CaError::Code::SubjectMismatch); // the CA added serialNumber nobody asked for
    IssueOptions plain = goodOptions();
    plain.serialNumber.clear();
    in.leafDer = TestPki::issue(plain);
    EXPECT_EQ(codeOf(in), CaError::Code::None);
    in.policy.expectedSubject.clear(); // nothing asked: the subject is not checked
    in.leafDer = TestPki::issue(snOnly);
    EXPECT_EQ(codeOf(in), CaError::Code::None);
}

TEST_F(CertificateVerifierTest, SubjectIsComparedExactlyWithoutTrimming)
{
    IssueOptions o = goodOptions();
    o.commonName = kSerial + u' ';
    EXPECT_EQ(codeFor(o), CaError::Code::SerialMismatch);
    o.commonName = u' ' + kSerial;
    EXPECT_EQ(codeFor(o), CaError::Code::SerialMismatch);
    o.commonName = kSerial.toLower();
    EXPECT_EQ(codeFor(o), CaError::Code::SerialMismatch);
}

TEST_F(CertificateVerifierTest, FixedSubjectFieldsMustBeWhatWasAsked)
{
    auto subject = [](const QString &o, const QString &ou, const QString &c) {
        return QList<CertificatePolicy::SubjectAttribute> {
            { CertificatePolicy::CountryOid, c, false },
            { CertificatePolicy::OrganizationOid, o, false },
            { CertificatePolicy::OrganizationalUnitOid, ou, false },
            { CertificatePolicy::SerialNumberOid, kSerial, true },
            { CertificatePolicy::CommonNameOid, kSerial, true },
        };
    };
    IssueOptions asked = goodOptions();
    asked.organization = QStringLiteral("Example Ltd");
    asked.organizationalUnit = QStringLiteral("Keys");
    asked.country = QStringLiteral("CN");
    CertificateVerifier::Input in = input(TestPki::issue(asked));
    in.policy.expectedSubject
        = subject(QStringLiteral("Example Ltd"), QStringLiteral("Keys"), QStringLiteral("CN"));
    EXPECT_EQ(codeOf(in), CaError::Code::None);

    in.policy.expectedSubject
        = subject(QStringLiteral("Example Ltd."), QStringLiteral("Keys"), QStringLiteral("CN"));
    const auto r = CertificateVerifier::verify(in);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, CaError::Code::SubjectMismatch);
    EXPECT_TRUE(r.error().message.contains(u"'Example Ltd'")) << r.error().message.toStdString();
    in.policy.expectedSubject
        = subject(QStringLiteral("Example Ltd"), QStringLiteral("Keys"), QStringLiteral("DE"));
    EXPECT_EQ(codeOf(in), CaError::Code::SubjectMismatch);
    in.policy.expectedSubject
        = subject(QStringLiteral("Example Ltd"), {}, QStringLiteral("CN")); // OU not asked
    EXPECT_EQ(codeOf(in), CaError::Code::SubjectMismatch);
    // O asked, the CA dropped it.
    in = input(TestPki::issue(goodOptions()));
    in.policy.expectedSubject = subject(QStringLiteral("Example Ltd"), {}, {});
    EXPECT_EQ(codeOf(in), CaError::Code::SubjectMismatch);
    // A wrong serial is reported as such even when a fixed field differs too.
    IssueOptions both = asked;
    both.commonName = QStringLiteral("FEDCBA9876543210");
    in = input(TestPki::issue(both));
    in.policy.expectedSubject
        = subject(QStringLiteral("Other"), QStringLiteral("Keys"), QStringLiteral("CN"));
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

TEST_F(CertificateVerifierTest, ExtraKeyUsageIsRefusedUnlessAllowed)
{
    IssueOptions o = goodOptions();
    o.keyUsage = test::KuDigitalSignature | test::KuKeyEncipherment; // cfssl's usual "station" usages
    CertificateVerifier::Input in = input(TestPki::issue(o));
    const auto r = CertificateVerifier::verify(in);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, CaError::Code::KeyUsageMismatch);
    EXPECT_TRUE(r.error().message.contains(u"keyEncipherment")) << r.error().message.toStdString();
    in.policy.allowExtraUsages = true;
    EXPECT_EQ(codeOf(in), CaError::Code::None);
    o.keyUsage = test::KuDigitalSignature | test::KuNonRepudiation;
    in = input(TestPki::issue(o));
    EXPECT_EQ(codeOf(in), CaError::Code::KeyUsageMismatch);
    // Extra never excuses missing.
    o.keyUsage = test::KuKeyEncipherment;
    in = input(TestPki::issue(o));
    in.policy.allowExtraUsages = true;
    EXPECT_EQ(codeOf(in), CaError::Code::KeyUsageMismatch);
}

TEST_F(CertificateVerifierTest, ExtraExtendedKeyUsageIsRefusedUnlessAllowed)
{
    const QString codeSigning = CertificatePolicy::CodeSigningOid;
    for (const QString &extra : { CertificatePolicy::AnyExtendedKeyUsageOid, codeSigning }) {
        IssueOptions o = goodOptions();
        o.extendedKeyUsage = { QLatin1String(test::OidClientAuth), extra };
        CertificateVerifier::Input in = input(TestPki::issue(o));
        const auto r = CertificateVerifier::verify(in);
        ASSERT_FALSE(r) << extra.toStdString();
        EXPECT_EQ(r.error().code, CaError::Code::ExtendedKeyUsageMismatch);
        EXPECT_TRUE(r.error().message.contains(extra)) << r.error().message.toStdString();
        in.policy.allowExtraUsages = true;
        EXPECT_EQ(codeOf(in), CaError::Code::None) << extra.toStdString();
    }
    // anyExtendedKeyUsage does not stand in for what was asked, allowed extras or not.
    IssueOptions any = goodOptions();
    any.extendedKeyUsage = { CertificatePolicy::AnyExtendedKeyUsageOid };
    CertificateVerifier::Input in = input(TestPki::issue(any));
    in.policy.allowExtraUsages = true;
    EXPECT_EQ(codeOf(in), CaError::Code::ExtendedKeyUsageMismatch);
}

TEST_F(CertificateVerifierTest, NoExtendedKeyUsageAskedMeansNoneGiven)
{
    IssueOptions none = goodOptions();
    none.extendedKeyUsage.clear();
    CertificateVerifier::Input in = input(TestPki::issue(none));
    in.policy.requiredExtendedKeyUsages.clear();
    EXPECT_EQ(codeOf(in), CaError::Code::None);
    in.leafDer = TestPki::issue(goodOptions()); // the CA added clientAuth on its own
    EXPECT_EQ(codeOf(in), CaError::Code::ExtendedKeyUsageMismatch);
    in.policy.allowExtraUsages = true;
    EXPECT_EQ(codeOf(in), CaError::Code::None);
}

TEST_F(CertificateVerifierTest, SmartcardLogonIsCheckedByOid)
{
    IssueOptions o = goodOptions();
    o.extendedKeyUsage = { QLatin1String(test::OidClientAuth), CertificatePolicy::SmartcardLogonOid };
    CertificateVerifier::Input in = input(TestPki::issue(o));
    in.policy.requiredExtendedKeyUsages
        = { CertificatePolicy::ClientAuthOid, CertificatePolicy::SmartcardLogonOid };
    EXPECT_EQ(codeOf(in), CaError::Code::None);
}

TEST_F(CertificateVerifierTest, WeakSignatureOrKeyInTheLeafIsRefused)
{
    IssueOptions sha1 = goodOptions();
    sha1.digest = QStringLiteral("SHA1");
    const auto r = CertificateVerifier::verify(input(TestPki::issue(sha1)));
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, CaError::Code::WeakAlgorithm);
    EXPECT_TRUE(r.error().message.contains(u"sha1", Qt::CaseInsensitive)) << r.error().message.toStdString();
    IssueOptions sha224 = goodOptions();
    sha224.digest = QStringLiteral("SHA224");
    EXPECT_EQ(codeFor(sha224), CaError::Code::WeakAlgorithm);
    IssueOptions sha384 = goodOptions();
    sha384.digest = QStringLiteral("SHA384");
    EXPECT_EQ(codeFor(sha384), CaError::Code::None);

    for (const test::KeyType type : { test::KeyType::Rsa1024, test::KeyType::EcP224 }) {
        const test::KeyPtr weak = TestPki::generateKey(type);
        IssueOptions o = goodOptions();
        o.subjectKey = weak.get();
        CertificateVerifier::Input in = input(TestPki::issue(o));
        in.expectedPublicKeyInfo = TestPki::publicKeyDer(weak.get());
        EXPECT_EQ(codeOf(in), CaError::Code::WeakAlgorithm);
    }
    const test::KeyPtr rsa = TestPki::generateKey(test::KeyType::Rsa2048);
    IssueOptions o = goodOptions();
    o.subjectKey = rsa.get();
    CertificateVerifier::Input in = input(TestPki::issue(o));
    in.expectedPublicKeyInfo = TestPki::publicKeyDer(rsa.get());
    EXPECT_EQ(codeOf(in), CaError::Code::None);
}

TEST_F(CertificateVerifierTest, UnknownCriticalExtensionIsRefused)
{
    IssueOptions o = goodOptions();
    o.customExtensions
        = { { QStringLiteral("1.3.6.1.4.1.99999.1"), QStringLiteral("critical,ASN1:UTF8String:x") } };
    const auto r = CertificateVerifier::verify(input(TestPki::issue(o)));
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, CaError::Code::UnhandledCriticalExtension);
    // The same extension, not critical, may be ignored.
    o.customExtensions = { { QStringLiteral("1.3.6.1.4.1.99999.1"), QStringLiteral("ASN1:UTF8String:x") } };
    EXPECT_EQ(codeFor(o), CaError::Code::None);
}

TEST_F(CertificateVerifierTest, OneYearTermPassesMinValidityOf365Days)
{
    // A CA's "365 days" is a little less by the time it is checked (cfssl backdates, the request takes time).
    IssueOptions o = goodOptions();
    o.notBeforeOffset = -300;
    o.notAfterOffset = 365LL * 86400 - 300;
    CertificateVerifier::Input in = input(TestPki::issue(o));
    in.policy.minRemainingValidity = CertificatePolicy::remainingValidityForDays(365);
    EXPECT_EQ(codeOf(in), CaError::Code::None);
    in.policy.minRemainingValidity = CertificatePolicy::remainingValidityForDays(366);
    EXPECT_EQ(codeOf(in), CaError::Code::ValidityTooShort);
    // The refusal speaks the profile's unit: days, with the profile's own number.
    const auto refused = CertificateVerifier::verify(in);
    ASSERT_FALSE(refused);
    EXPECT_TRUE(
        refused.error().message.contains(QStringLiteral("requires at least 366 days (minValidityDays)")))
        << refused.error().message.toStdString();
    o.notAfterOffset = 364LL * 86400; // a day short is short
    in.leafDer = TestPki::issue(o);
    in.policy.minRemainingValidity = CertificatePolicy::remainingValidityForDays(365);
    EXPECT_EQ(codeOf(in), CaError::Code::ValidityTooShort);
    // What the station computed before: every day a full 86400 s, so the one-year term was refused.
    o.notAfterOffset = 365LL * 86400 - 300;
    in.leafDer = TestPki::issue(o);
    in.policy.minRemainingValidity = std::chrono::hours(24) * 365;
    EXPECT_EQ(codeOf(in), CaError::Code::ValidityTooShort);
}

// A root, an issuing CA under it (options tweak the issuing CA), and a leaf from the issuing CA.
struct TwoLevel
{
    test::KeyPtr interKey;
    QByteArray interDer;
    test::KeyPtr leafKey;
    QByteArray leafDer;
};

TwoLevel twoLevel(const TestPki &pki, const std::function<void(IssueOptions &)> &tweakIntermediate,
                  test::KeyType interType = test::KeyType::EcP256)
{
    TwoLevel t;
    t.interKey = TestPki::generateKey(interType);
    IssueOptions ca;
    ca.subjectKey = t.interKey.get();
    ca.commonName = QStringLiteral("Issuing CA");
    ca.isCa = true;
    ca.pathLength = 0;
    ca.keyUsage = test::KuKeyCertSign | test::KuCrlSign;
    ca.issuerCert = pki.caCert();
    ca.issuerKey = pki.caKey();
    if (tweakIntermediate)
        tweakIntermediate(ca);
    t.interDer = TestPki::issue(ca);
    const test::CertPtr inter = TestPki::certFromDer(t.interDer);
    t.leafKey = TestPki::generateKey(test::KeyType::EcP256);
    IssueOptions leaf;
    leaf.subjectKey = t.leafKey.get();
    leaf.commonName = kSerial;
    leaf.issuerCert = inter.get();
    leaf.issuerKey = t.interKey.get();
    leaf.extendedKeyUsage = { QLatin1String(test::OidClientAuth) };
    t.leafDer = TestPki::issue(leaf);
    return t;
}

CaError::Code verifyTwoLevel(const TestPki &pki, const TwoLevel &t, QList<QByteArray> anchors = {})
{
    CertificateVerifier::Input in;
    in.leafDer = t.leafDer;
    in.intermediatesDer = { t.interDer };
    in.trustAnchorsDer = anchors.isEmpty() ? QList<QByteArray> { pki.caCertDer() } : anchors;
    in.expectedPublicKeyInfo = TestPki::publicKeyDer(t.leafKey.get());
    in.expectedSerial = kSerial;
    in.now = QDateTime::currentDateTimeUtc();
    const auto r = CertificateVerifier::verify(in);
    return r ? CaError::Code::None : r.error().code;
}

TEST(CertificateVerifierChainTest, WeakIntermediateOrAnchorIsRefused)
{
    QTemporaryDir dir;
    const TestPki pki = TestPki::create(dir.path());
    EXPECT_EQ(verifyTwoLevel(pki, twoLevel(pki, {})), CaError::Code::None);
    const TwoLevel sha1 = twoLevel(pki, [](IssueOptions &o) { o.digest = QStringLiteral("SHA1"); });
    EXPECT_EQ(verifyTwoLevel(pki, sha1), CaError::Code::WeakAlgorithm);
    // Pinned to the intermediate itself: its own signature is not part of the path any more.
    EXPECT_EQ(verifyTwoLevel(pki, sha1, { sha1.interDer }), CaError::Code::None);
    const TwoLevel rsa1024 = twoLevel(pki, {}, test::KeyType::Rsa1024);
    EXPECT_EQ(verifyTwoLevel(pki, rsa1024), CaError::Code::WeakAlgorithm);
    // ... but an anchor's key size still counts.
    EXPECT_EQ(verifyTwoLevel(pki, rsa1024, { rsa1024.interDer }), CaError::Code::WeakAlgorithm);
    const TwoLevel critical = twoLevel(pki, [](IssueOptions &o) {
        o.customExtensions
            = { { QStringLiteral("1.3.6.1.4.1.99999.2"), QStringLiteral("critical,ASN1:NULL") } };
    });
    EXPECT_EQ(verifyTwoLevel(pki, critical), CaError::Code::UnhandledCriticalExtension);
}

TEST(CertificateVerifierChainTest, WeakRootKeyIsRefused)
{
    QTemporaryDir dir;
    const TestPki pki = TestPki::create(dir.path());
    const test::KeyPtr rootKey = TestPki::generateKey(test::KeyType::Rsa1024);
    IssueOptions root;
    root.subjectKey = rootKey.get();
    root.issuerKey = rootKey.get();
    root.commonName = QStringLiteral("Weak Root");
    root.isCa = true;
    root.keyUsage = test::KuKeyCertSign | test::KuCrlSign;
    const QByteArray rootDer = TestPki::issue(root);
    const test::CertPtr rootCert = TestPki::certFromDer(rootDer);
    const test::KeyPtr key = TestPki::generateKey(test::KeyType::EcP256);
    IssueOptions o;
    o.subjectKey = key.get();
    o.commonName = kSerial;
    o.issuerCert = rootCert.get();
    o.issuerKey = rootKey.get();
    o.extendedKeyUsage = { QLatin1String(test::OidClientAuth) };
    CertificateVerifier::Input in;
    in.leafDer = TestPki::issue(o);
    in.trustAnchorsDer = { rootDer };
    in.expectedPublicKeyInfo = TestPki::publicKeyDer(key.get());
    in.expectedSerial = kSerial;
    in.now = QDateTime::currentDateTimeUtc();
    const auto r = CertificateVerifier::verify(in);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, CaError::Code::WeakAlgorithm);
    EXPECT_TRUE(r.error().message.contains(u"Weak Root")) << r.error().message.toStdString();
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
