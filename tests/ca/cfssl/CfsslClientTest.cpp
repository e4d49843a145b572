#include "ca_client/CfsslClient.h"
#include "ca_client/CertificateCodec.h"
#include "ca_client/CertificateVerifier.h"

#include "CfsslServer.h"
#include "ClientHarness.h"
#include "TestPki.h"

#include <QTemporaryDir>
#include <QThread>

#include <gtest/gtest.h>

using namespace ks;
using ca::CaError;
using ca::CaSettings;
using ca::CertificateVerifier;
using test::CfsslServer;
using test::ClientHarness;
using test::TestPki;

namespace {

class CfsslClientTest : public ::testing::Test
{
protected:
    static void SetUpTestSuite()
    {
        s_dir = new QTemporaryDir;
        s_pki = new TestPki(TestPki::create(s_dir->path()));
    }
    static void TearDownTestSuite()
    {
        delete s_pki;
        delete s_dir;
    }

    void startServer(CfsslServer::Options o = {})
    {
        o.caCertPath = s_pki->caCertPath();
        o.caKeyPath = s_pki->caKeyPath();
        o.tlsCertPath = s_pki->serverCertPath();
        o.tlsKeyPath = s_pki->serverKeyPath();
        ASSERT_TRUE(m_server.start(o)) << m_server.errorString().toStdString();
    }

    CaSettings settings() const
    {
        CaSettings s;
        s.protocol = CaSettings::Protocol::Cfssl;
        s.baseUrl = m_server.baseUrl();
        s.trustAnchorFile = s_pki->caCertPath();
        s.profile = QStringLiteral("station");
        s.requestTimeout = std::chrono::seconds(10);
        return s;
    }

    static ca::EnrollmentRequest request(const test::CsrAndKey &csr, const QString &serial)
    {
        ca::EnrollmentRequest r;
        r.csrDer = csr.csrDer;
        r.serial = serial;
        return r;
    }

    static ca::Result<CertificateVerifier::Verified> verify(const ca::IssuedCertificate &issued,
                                                            const test::CsrAndKey &csr, const QString &serial,
                                                            const QByteArray &anchorDer,
                                                            ca::CertificatePolicy policy = {})
    {
        CertificateVerifier::Input in;
        in.leafDer = issued.certificateDer;
        in.intermediatesDer = issued.extraCertificatesDer;
        in.trustAnchorsDer = { anchorDer };
        in.expectedPublicKeyInfo = ca::CertificateCodec::csrPublicKeyInfo(csr.csrDer);
        in.expectedSerial = serial;
        in.policy = policy;
        in.now = QDateTime::currentDateTimeUtc();
        return CertificateVerifier::verify(in);
    }

    static inline QTemporaryDir *s_dir = nullptr;
    static inline TestPki *s_pki = nullptr;
    CfsslServer m_server;
};

TEST_F(CfsslClientTest, InfoReturnsTheCaCertificateAndProfile)
{
    startServer();
    ClientHarness h(settings());
    ASSERT_TRUE(h.client());
    const auto info = ClientHarness::wait(h.client()->info());
    ASSERT_TRUE(info && *info) << (info ? info->error().toString().toStdString() : "no result");
    ASSERT_EQ((*info)->caCertificatesDer.size(), 1);
    EXPECT_EQ((*info)->caCertificatesDer[0], s_pki->caCertDer());
    EXPECT_TRUE((*info)->usages.contains(u"client auth"));
    EXPECT_EQ((*info)->expiry, u"8760h");
    const auto certs = ClientHarness::wait(h.client()->fetchCaCertificates());
    ASSERT_TRUE(certs && *certs);
    EXPECT_EQ((*certs)->value(0), s_pki->caCertDer());
}

TEST_F(CfsslClientTest, SignIssuesACertificateThatPassesTheCheck)
{
    startServer();
    ClientHarness h(settings());
    const QString serial = QStringLiteral("A1B2C3D4E5F60718");
    const auto csr = TestPki::makeCsr(serial, serial);
    const auto issued = ClientHarness::wait(h.client()->enroll(request(csr, serial)));
    ASSERT_TRUE(issued && *issued) << (issued ? issued->error().toString().toStdString() : "no result");
    const auto verified = verify(**issued, csr, serial, s_pki->caCertDer());
    EXPECT_TRUE(verified) << verified.error().toString().toStdString();
    EXPECT_EQ(m_server.issuedCount(), 1);
}

TEST_F(CfsslClientTest, AuthSignWithHmacKey)
{
    startServer();
    CaSettings s = settings();
    s.profile = QStringLiteral("station-auth");
    s.hmacKeyHex = CfsslServer::authKeyHex();
    ClientHarness h(s);
    const QString serial = QStringLiteral("AUTH000000000001");
    const auto csr = TestPki::makeCsr(serial, serial);
    const auto issued = ClientHarness::wait(h.client()->enroll(request(csr, serial)));
    ASSERT_TRUE(issued && *issued) << (issued ? issued->error().toString().toStdString() : "no result");
    EXPECT_TRUE(verify(**issued, csr, serial, s_pki->caCertDer()));
    EXPECT_EQ(m_server.issuedCount(), 1);
}

TEST_F(CfsslClientTest, WrongHmacKeyIsRefusedWithCfsslsMessage)
{
    startServer();
    CaSettings s = settings();
    s.profile = QStringLiteral("station-auth");
    s.hmacKeyHex = QByteArrayLiteral("ffffffffffffffffffffffffffffffff");
    ClientHarness h(s);
    const auto csr = TestPki::makeCsr(QStringLiteral("BADHMAC"), {});
    const auto issued = ClientHarness::wait(h.client()->enroll(request(csr, QStringLiteral("BADHMAC"))));
    ASSERT_TRUE(issued);
    ASSERT_FALSE(*issued);
    const CaError &e = issued->error();
    EXPECT_TRUE(e.code == CaError::Code::CaRefused || e.code == CaError::Code::Unauthorized)
        << e.toString().toStdString();
    EXPECT_FALSE(e.serverMessage.isEmpty());
    EXPECT_NE(e.httpStatus, 200);
    EXPECT_EQ(e.serial, u"BADHMAC");
    EXPECT_EQ(e.operation, u"cfssl/authsign");
    EXPECT_EQ(m_server.issuedCount(), 0);
}

TEST_F(CfsslClientTest, PlainSignOnAnAuthenticatedProfileIsRefused)
{
    startServer();
    CaSettings s = settings();
    s.profile = QStringLiteral("station-auth");
    ClientHarness h(s);
    const auto csr = TestPki::makeCsr(QStringLiteral("NOAUTH"), {});
    const auto issued = ClientHarness::wait(h.client()->enroll(request(csr, {})));
    ASSERT_TRUE(issued);
    ASSERT_FALSE(*issued);
    EXPECT_EQ(issued->error().code, CaError::Code::CaRefused) << issued->error().toString().toStdString();
    EXPECT_EQ(m_server.issuedCount(), 0);
}

TEST_F(CfsslClientTest, BadCsrSignatureIsRefusedWithCfsslsCode)
{
    startServer();
    ClientHarness h(settings());
    auto csr = TestPki::makeCsr(QStringLiteral("BADCSR"), {});
    // Flip a bit in the last byte of the signature: still a parseable PKCS#10, no longer a valid one.
    csr.csrDer[csr.csrDer.size() - 1] = char(csr.csrDer.at(csr.csrDer.size() - 1) ^ 0x01);
    ASSERT_FALSE(TestPki::verifyCsr(csr.csrDer));
    const auto issued = ClientHarness::wait(h.client()->enroll(request(csr, QStringLiteral("BADCSR"))));
    ASSERT_TRUE(issued);
    ASSERT_FALSE(*issued);
    const CaError &e = issued->error();
    EXPECT_EQ(e.code, CaError::Code::CaRefused) << e.toString().toStdString();
    EXPECT_EQ(e.httpStatus, 400);
    EXPECT_NE(e.serverCode, 0);
    EXPECT_FALSE(e.serverMessage.isEmpty());
    EXPECT_EQ(m_server.issuedCount(), 0);
}

TEST_F(CfsslClientTest, UnparseableCsrNeverLeavesTheStation)
{
    startServer();
    ClientHarness h(settings());
    ca::EnrollmentRequest r;
    r.csrDer = "not a CSR";
    const auto issued = ClientHarness::wait(h.client()->enroll(r));
    ASSERT_TRUE(issued);
    ASSERT_FALSE(*issued);
    EXPECT_EQ(issued->error().code, CaError::Code::Configuration);
}

// cfssl silently signs an unknown profile name with its default profile (24 h, no client auth EKU): only the
// certificate check notices.
TEST_F(CfsslClientTest, UnknownProfileFallsBackAndTheCheckRefusesTheResult)
{
    startServer();
    CaSettings s = settings();
    s.profile = QStringLiteral("statoin"); // typo
    ClientHarness h(s);
    const QString serial = QStringLiteral("TYPO000000000001");
    const auto csr = TestPki::makeCsr(serial, serial);
    const auto issued = ClientHarness::wait(h.client()->enroll(request(csr, serial)));
    ASSERT_TRUE(issued && *issued) << (issued ? issued->error().toString().toStdString() : "no result");
    ca::CertificatePolicy policy;
    policy.minRemainingValidity = std::chrono::hours(24 * 30);
    auto verified = verify(**issued, csr, serial, s_pki->caCertDer(), policy);
    ASSERT_FALSE(verified);
    EXPECT_EQ(verified.error().code, CaError::Code::ValidityTooShort);
    policy.minRemainingValidity = std::chrono::hours(1);
    verified = verify(**issued, csr, serial, s_pki->caCertDer(), policy);
    ASSERT_FALSE(verified);
    EXPECT_EQ(verified.error().code, CaError::Code::ExtendedKeyUsageMismatch);
}

TEST_F(CfsslClientTest, MutualTlsRequiredAndRefused)
{
    CfsslServer::Options o;
    o.mutualTlsCaPath = s_pki->caCertPath();
    o.probeClientCertPath = s_pki->clientCertPath();
    o.probeClientKeyPath = s_pki->clientKeyPath();
    startServer(o);
    const QString serial = QStringLiteral("MTLS000000000001");
    const auto csr = TestPki::makeCsr(serial, serial);
    {
        ClientHarness h(settings());
        const auto issued = ClientHarness::wait(h.client()->enroll(request(csr, serial)));
        ASSERT_TRUE(issued);
        ASSERT_FALSE(*issued);
        const CaError::Code code = issued->error().code;
        EXPECT_TRUE(code == CaError::Code::Tls || code == CaError::Code::Network)
            << issued->error().toString().toStdString();
        EXPECT_EQ(m_server.issuedCount(), 0);
    }
    CaSettings s = settings();
    s.clientCertFile = s_pki->clientCertPath();
    s.clientKeyFile = s_pki->clientKeyPath();
    ClientHarness h(s);
    const auto issued = ClientHarness::wait(h.client()->enroll(request(csr, serial)));
    ASSERT_TRUE(issued && *issued) << (issued ? issued->error().toString().toStdString() : "no result");
    EXPECT_EQ(m_server.issuedCount(), 1);
}

TEST_F(CfsslClientTest, ConcurrentEnrolmentsFromManyThreadsAreBoundedAndAllFinish)
{
    startServer();
    CaSettings s = settings();
    s.maxConcurrent = 2;
    ClientHarness h(s);
    constexpr int kThreads = 4;
    constexpr int kPerThread = 4;
    std::vector<QFuture<ca::Result<ca::IssuedCertificate>>> futures(kThreads * kPerThread);
    std::vector<test::CsrAndKey> csrs;
    for (int i = 0; i < kThreads * kPerThread; ++i)
        csrs.push_back(TestPki::makeCsr(QStringLiteral("CONC%1").arg(i, 12, 10, QLatin1Char('0')), {}));
    std::vector<std::unique_ptr<QThread>> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back(QThread::create([&, t] {
            for (int i = t * kPerThread; i < (t + 1) * kPerThread; ++i)
                futures[size_t(i)] = h.client()->enroll(request(csrs[size_t(i)], {}));
        }));
        threads.back()->start();
    }
    for (auto &t : threads)
        t->wait();
    for (size_t i = 0; i < futures.size(); ++i) {
        const auto r = ClientHarness::wait(futures[i]);
        ASSERT_TRUE(r && *r) << i;
        EXPECT_EQ(ca::CertificateCodec::certificatePublicKeyInfo((*r)->certificateDer),
                  ca::CertificateCodec::csrPublicKeyInfo(csrs[i].csrDer));
    }
    EXPECT_EQ(m_server.issuedCount(), kThreads * kPerThread);
}

TEST_F(CfsslClientTest, MultirootCaChoosesTheRootByLabel)
{
    CfsslServer::Root primary { QStringLiteral("primary"), s_pki->caCertPath(), s_pki->caKeyPath() };
    CfsslServer::Root secondary { QStringLiteral("secondary"), s_pki->untrustedCaCertPath(),
                                  s_pki->untrustedCaKeyPath() };
    ASSERT_TRUE(m_server.startMultiroot({ primary, secondary }, s_pki->serverCertPath(),
                                        s_pki->serverKeyPath(), s_pki->caCertPath()))
        << m_server.errorString().toStdString();
    const QByteArray secondaryDer = TestPki::certToDer(s_pki->untrustedCaCert());
    for (const auto &[label, anchor] : { std::pair { QStringLiteral("primary"), s_pki->caCertDer() },
                                         std::pair { QStringLiteral("secondary"), secondaryDer } }) {
        CaSettings s = settings();
        s.label = label;
        s.profile = QStringLiteral("station-auth");
        s.hmacKeyHex = CfsslServer::authKeyHex();
        ClientHarness h(s);
        const auto info = ClientHarness::wait(h.client()->info());
        ASSERT_TRUE(info && *info) << label.toStdString() << ": "
                                   << (info ? info->error().toString().toStdString() : "no result");
        EXPECT_EQ((*info)->caCertificatesDer.value(0), anchor) << label.toStdString();

        const QString serial = QStringLiteral("MULTI-") + label;
        const auto csr = TestPki::makeCsr(serial, serial);
        const auto issued = ClientHarness::wait(h.client()->enroll(request(csr, serial)));
        ASSERT_TRUE(issued && *issued) << label.toStdString() << ": "
                                       << (issued ? issued->error().toString().toStdString() : "no result");
        const auto verified = verify(**issued, csr, serial, anchor);
        EXPECT_TRUE(verified) << label.toStdString() << ": " << verified.error().toString().toStdString();
        const QByteArray otherAnchor = label == u"primary" ? secondaryDer : s_pki->caCertDer();
        const auto wrong = verify(**issued, csr, serial, otherAnchor);
        ASSERT_FALSE(wrong);
        EXPECT_EQ(wrong.error().code, CaError::Code::UntrustedChain);
    }
    EXPECT_EQ(m_server.issuedCount(), -1); // multirootca keeps no certdb
}

} // namespace
