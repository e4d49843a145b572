#include "ca_client/EstClient.h"
#include "ca_client/CertificateCodec.h"
#include "ca_client/CertificateVerifier.h"

#include "ClientHarness.h"
#include "EstServerProcess.h"
#include "ScriptedTlsServer.h"
#include "TestPki.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QThread>

#include <functional>

#include <gtest/gtest.h>

using namespace ks;
using ca::CaError;
using ca::CaSettings;
using ca::CertificateVerifier;
using test::ClientHarness;
using test::EstServerProcess;
using test::ScriptedTlsServer;
using test::TestPki;

namespace {

const QString kSerial = QStringLiteral("E5T0000000000001");

// Polls the condition (not a fixed sleep): true as soon as it holds, false after a generous time-out.
bool waitUntil(const std::function<bool()> &condition, int ms = 20000)
{
    QElapsedTimer t;
    t.start();
    while (!condition()) {
        if (t.elapsed() > ms)
            return false;
        QThread::msleep(10);
    }
    return true;
}

class EstClientTest : public ::testing::Test
{
protected:
    static void SetUpTestSuite()
    {
        s_dir = new QTemporaryDir;
        s_pki = new TestPki(TestPki::create(s_dir->path()));
        s_csr = new test::CsrAndKey(TestPki::makeCsr(kSerial, kSerial));
    }
    static void TearDownTestSuite()
    {
        delete s_csr;
        delete s_pki;
        delete s_dir;
    }

    void SetUp() override { m_server = std::make_unique<EstServerProcess>(*s_pki); }

    void startServer(const QStringList &args = {})
    {
        ASSERT_TRUE(m_server->start(args)) << m_server->errorString().toStdString();
    }

    CaSettings settings() const
    {
        CaSettings s;
        s.protocol = CaSettings::Protocol::Est;
        s.baseUrl = QUrl(QStringLiteral("https://127.0.0.1:%1/.well-known/est").arg(m_server->port()));
        s.trustAnchorFile = s_pki->caCertPath();
        s.requestTimeout = std::chrono::seconds(10);
        return s;
    }

    static ca::EnrollmentRequest request(bool renewal = false)
    {
        ca::EnrollmentRequest r;
        r.csrDer = s_csr->csrDer;
        r.serial = kSerial;
        r.renewal = renewal;
        return r;
    }

    // Enrols with s_csr and runs the certificate check; the first error (client or check), or None.
    static CaError enrolAndCheck(ClientHarness &h, ca::IssuedCertificate *out = nullptr)
    {
        const auto issued = ClientHarness::wait(h.client()->enroll(request()));
        if (!issued)
            return CaError::make(CaError::Code::None, QStringLiteral("test"), QStringLiteral("no result"));
        if (!*issued)
            return issued->error();
        if (out)
            *out = **issued;
        CertificateVerifier::Input in;
        in.leafDer = (*issued)->certificateDer;
        in.intermediatesDer = (*issued)->extraCertificatesDer;
        in.trustAnchorsDer = { s_pki->caCertDer() };
        in.expectedPublicKeyInfo = ca::CertificateCodec::csrPublicKeyInfo(s_csr->csrDer);
        in.expectedSerial = kSerial;
        // As the default profile asks: the serial in CN and serialNumber.
        in.policy.expectedSubject = { { ca::CertificatePolicy::SerialNumberOid, kSerial, true },
                                      { ca::CertificatePolicy::CommonNameOid, kSerial, true } };
        in.policy.minRemainingValidity = std::chrono::hours(24 * 7);
        in.now = QDateTime::currentDateTimeUtc();
        const auto verified = CertificateVerifier::verify(in);
        return verified ? CaError() : verified.error();
    }

    static inline QTemporaryDir *s_dir = nullptr;
    static inline TestPki *s_pki = nullptr;
    static inline test::CsrAndKey *s_csr = nullptr;
    std::unique_ptr<EstServerProcess> m_server;
};

TEST_F(EstClientTest, EnrolsAndTheCertificatePassesTheCheck)
{
    startServer();
    ClientHarness h(settings());
    ca::IssuedCertificate issued;
    const CaError e = enrolAndCheck(h, &issued);
    EXPECT_EQ(e.code, CaError::Code::None) << e.toString().toStdString();
    EXPECT_EQ(m_server->issuedCount(), 1);
}

TEST_F(EstClientTest, ReenrolUsesSimpleReenroll)
{
    startServer();
    ClientHarness h(settings());
    const auto issued = ClientHarness::wait(h.client()->enroll(request(true)));
    ASSERT_TRUE(issued && *issued) << (issued ? issued->error().toString().toStdString() : "no result");
    EXPECT_EQ(ca::CertificateCodec::certificatePublicKeyInfo((*issued)->certificateDer),
              ca::CertificateCodec::csrPublicKeyInfo(s_csr->csrDer));
    EXPECT_EQ(m_server->issuedCount(), 1);
}

TEST_F(EstClientTest, CaCertsAndInfo)
{
    startServer();
    ClientHarness h(settings());
    const auto certs = ClientHarness::wait(h.client()->fetchCaCertificates());
    ASSERT_TRUE(certs && *certs) << (certs ? certs->error().toString().toStdString() : "no result");
    EXPECT_TRUE((*certs)->contains(s_pki->caCertDer()));
    const auto info = ClientHarness::wait(h.client()->info());
    ASSERT_TRUE(info && *info) << (info ? info->error().toString().toStdString() : "no result");
    EXPECT_TRUE((*info)->caCertificatesDer.contains(s_pki->caCertDer()));
}

TEST_F(EstClientTest, LabelSegment)
{
    startServer({ QStringLiteral("--label"), QStringLiteral("stations") });
    CaSettings s = settings();
    {
        ClientHarness h(s);
        const CaError e = enrolAndCheck(h);
        EXPECT_EQ(e.code, CaError::Code::HttpStatus) << e.toString().toStdString();
        EXPECT_EQ(e.httpStatus, 404);
    }
    s.label = QStringLiteral("stations");
    ClientHarness h(s);
    const CaError e = enrolAndCheck(h);
    EXPECT_EQ(e.code, CaError::Code::None) << e.toString().toStdString();
}

struct BadMode
{
    const char *mode;
    CaError::Code expected;
};

class EstBadModeTest : public EstClientTest, public ::testing::WithParamInterface<BadMode>
{
};

TEST_P(EstBadModeTest, IsRefusedWithItsOwnCode)
{
    startServer({ QStringLiteral("--mode"), QString::fromLatin1(GetParam().mode), QStringLiteral("--slow-ms"),
                  QStringLiteral("5000") });
    CaSettings s = settings();
    s.requestTimeout = std::chrono::milliseconds(1500);
    ClientHarness h(s);
    const CaError e = enrolAndCheck(h);
    EXPECT_EQ(e.code, GetParam().expected)
        << GetParam().mode << ": " << CaError::codeName(e.code).toStdString() << " "
        << e.toString().toStdString();
    if (e.code != CaError::Code::None) {
        EXPECT_FALSE(e.message.isEmpty());
    }
}

INSTANTIATE_TEST_SUITE_P(Modes, EstBadModeTest,
                         ::testing::Values(BadMode { "good", CaError::Code::None },
                                           BadMode { "no-cte", CaError::Code::None },
                                           BadMode { "other-key", CaError::Code::PublicKeyMismatch },
                                           BadMode { "other-serial", CaError::Code::SerialMismatch },
                                           BadMode { "untrusted", CaError::Code::UntrustedChain },
                                           BadMode { "expired", CaError::Code::Expired },
                                           BadMode { "short", CaError::Code::ValidityTooShort },
                                           BadMode { "ca-true", CaError::Code::IsCaCertificate },
                                           BadMode { "wrong-eku", CaError::Code::ExtendedKeyUsageMismatch },
                                           BadMode { "garbage", CaError::Code::BadBase64 },
                                           BadMode { "bad-pkcs7", CaError::Code::BadPkcs7 },
                                           BadMode { "truncated", CaError::Code::Truncated },
                                           BadMode { "slow", CaError::Code::Timeout },
                                           BadMode { "wrong-type", CaError::Code::WrongContentType },
                                           BadMode { "http-500", CaError::Code::HttpStatus },
                                           BadMode { "empty", CaError::Code::EmptyResponse }),
                         [](const ::testing::TestParamInfo<BadMode> &info) {
                             std::string name = info.param.mode;
                             std::replace(name.begin(), name.end(), '-', '_');
                             return name;
                         });

TEST_F(EstClientTest, HttpErrorCarriesTheServersMessage)
{
    startServer({ QStringLiteral("--mode"), QStringLiteral("http-500") });
    ClientHarness h(settings());
    const CaError e = enrolAndCheck(h);
    EXPECT_EQ(e.code, CaError::Code::HttpStatus);
    EXPECT_EQ(e.httpStatus, 500);
    EXPECT_TRUE(e.serverMessage.contains(u"internal CA failure")) << e.serverMessage.toStdString();
    EXPECT_EQ(e.serial, kSerial);
}

TEST_F(EstClientTest, CaCertsBadAnswersAreRefused)
{
    startServer();
    ClientHarness h(settings());
    for (const auto &[mode, code] : { std::pair { "garbage", CaError::Code::BadBase64 },
                                      std::pair { "bad-pkcs7", CaError::Code::BadPkcs7 },
                                      std::pair { "wrong-type", CaError::Code::WrongContentType },
                                      std::pair { "empty", CaError::Code::EmptyResponse },
                                      std::pair { "truncated", CaError::Code::Truncated } }) {
        ASSERT_TRUE(m_server->setMode(QStringLiteral("cacerts:") + QString::fromLatin1(mode)));
        const auto certs = ClientHarness::wait(h.client()->fetchCaCertificates());
        ASSERT_TRUE(certs) << mode;
        ASSERT_FALSE(*certs) << mode;
        EXPECT_EQ(certs->error().code, code) << mode << ": " << certs->error().toString().toStdString();
    }
}

TEST_F(EstClientTest, BasicAuthentication)
{
    startServer({ QStringLiteral("--basic"), QStringLiteral("station:s3cret") });
    CaSettings s = settings();
    {
        ClientHarness h(s);
        const CaError e = enrolAndCheck(h);
        EXPECT_EQ(e.code, CaError::Code::Unauthorized) << e.toString().toStdString();
        EXPECT_EQ(e.httpStatus, 401);
    }
    s.basicUser = QStringLiteral("station");
    s.basicPassword = QStringLiteral("wrong");
    {
        ClientHarness h(s);
        EXPECT_EQ(enrolAndCheck(h).code, CaError::Code::Unauthorized);
    }
    s.basicPassword = QStringLiteral("s3cret");
    ClientHarness h(s);
    const CaError e = enrolAndCheck(h);
    EXPECT_EQ(e.code, CaError::Code::None) << e.toString().toStdString();
    EXPECT_EQ(m_server->issuedCount(), 1);
}

TEST_F(EstClientTest, ClientCertificateAuthentication)
{
    startServer({ QStringLiteral("--client-ca"), s_pki->caCertPath() });
    CaSettings s = settings();
    {
        ClientHarness h(s);
        const CaError e = enrolAndCheck(h);
        EXPECT_TRUE(e.code == CaError::Code::Unauthorized || e.code == CaError::Code::Tls)
            << e.toString().toStdString();
    }
    s.clientCertFile = s_pki->clientCertPath();
    s.clientKeyFile = s_pki->clientKeyPath();
    ClientHarness h(s);
    const CaError e = enrolAndCheck(h);
    EXPECT_EQ(e.code, CaError::Code::None) << e.toString().toStdString();
    EXPECT_EQ(m_server->issuedCount(), 1);
}

TEST_F(EstClientTest, EnrolmentCodeTravelsAsChallengePassword)
{
    startServer({ QStringLiteral("--challenge"), QStringLiteral("ENROL-42") });
    ClientHarness h(settings());
    EXPECT_EQ(enrolAndCheck(h).httpStatus, 400); // s_csr carries no code
    const auto withCode
        = TestPki::makeCsr(kSerial, kSerial, test::KeyType::EcP256, QStringLiteral("ENROL-42"));
    ca::EnrollmentRequest r = request();
    r.csrDer = withCode.csrDer;
    const auto issued = ClientHarness::wait(h.client()->enroll(r));
    ASSERT_TRUE(issued && *issued) << (issued ? issued->error().toString().toStdString() : "no result");
}

TEST_F(EstClientTest, PendingIsFollowedUntilIssued)
{
    startServer({ QStringLiteral("--pending"), QStringLiteral("2") });
    ClientHarness h(settings());
    QElapsedTimer t;
    t.start();
    const CaError e = enrolAndCheck(h);
    EXPECT_EQ(e.code, CaError::Code::None) << e.toString().toStdString();
    EXPECT_GE(t.elapsed(), 1900); // two Retry-After: 1
    EXPECT_EQ(m_server->issuedCount(), 1);
}

TEST_F(EstClientTest, PendingGivesUpAtTheBound)
{
    startServer({ QStringLiteral("--pending"), QStringLiteral("5") });
    CaSettings s = settings();
    s.maxPendingPolls = 1;
    ClientHarness h(s);
    const CaError e = enrolAndCheck(h);
    EXPECT_EQ(e.code, CaError::Code::Pending) << e.toString().toStdString();
    EXPECT_EQ(e.httpStatus, 202);
    EXPECT_EQ(m_server->issuedCount(), 0);
}

// A Retry-After is clamped before any arithmetic: one past qint64 / 1000 seconds (which overflowed when
// multiplied by 1000) and one past qint64 ask for longer than the pending budget, so the client gives up at
// once instead of re-posting right away or never; a negative one is malformed and waits the default second.
TEST_F(EstClientTest, HugeOrNegativeRetryAfterIsClampedBeforeArithmetic)
{
    ScriptedTlsServer server(s_pki->serverCertPath(), s_pki->serverKeyPath());
    CaSettings s = settings();
    s.baseUrl = QUrl(QStringLiteral("https://127.0.0.1:%1/.well-known/est").arg(server.port()));
    s.maxPendingPolls = 1;
    s.maxPendingWait = std::chrono::seconds(60);
    ClientHarness h(s);
    ASSERT_TRUE(h.client()) << h.createError()->toString().toStdString();
    auto pending = [](const QByteArray &retryAfter) {
        return "HTTP/1.1 202 Accepted\r\nRetry-After: " + retryAfter
            + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
    };
    int before = 0;
    for (const QByteArray &value : { QByteArray("9223372036854776"), QByteArray("99999999999999999999") }) {
        server.setResponse(pending(value));
        QElapsedTimer t;
        t.start();
        const auto r = ClientHarness::wait(h.client()->enroll(request()), 10000);
        ASSERT_TRUE(r) << "no answer for Retry-After " << value.toStdString();
        ASSERT_FALSE(*r);
        EXPECT_EQ(r->error().code, CaError::Code::Pending) << value.toStdString();
        EXPECT_EQ(server.requestCount() - before, 1) << value.toStdString(); // no second POST
        EXPECT_LT(t.elapsed(), 5000);
        before = server.requestCount();
    }
    server.setResponse(pending("-5"));
    QElapsedTimer t;
    t.start();
    const auto r = ClientHarness::wait(h.client()->enroll(request()), 10000);
    ASSERT_TRUE(r && !*r);
    EXPECT_EQ(r->error().code, CaError::Code::Pending);
    EXPECT_EQ(server.requestCount() - before, 2); // polled once more, after the default wait
    EXPECT_GE(t.elapsed(), 900);
}

TEST_F(EstClientTest, ConcurrencyBoundQueuesTheRest)
{
    startServer({ QStringLiteral("--mode"), QStringLiteral("slow"), QStringLiteral("--slow-ms"),
                  QStringLiteral("800") });
    CaSettings s = settings();
    s.maxConcurrent = 2;
    ClientHarness h(s);
    QElapsedTimer t;
    t.start();
    std::vector<QFuture<ca::Result<ca::IssuedCertificate>>> futures;
    for (int i = 0; i < 4; ++i)
        futures.push_back(h.client()->enroll(request()));
    // Two in flight, two queued: the server sees two requests, and the four take two rounds (below).
    ASSERT_TRUE(waitUntil([&] { return m_server->requestCount() >= 2; }));
    EXPECT_EQ(m_server->requestCount(), 2);
    for (auto &f : futures) {
        const auto r = ClientHarness::wait(f);
        ASSERT_TRUE(r && *r) << (r ? r->error().toString().toStdString() : "no result");
    }
    EXPECT_GE(t.elapsed(), 1600); // two rounds of 800 ms
    EXPECT_EQ(m_server->requestCount(), 4);
}

TEST_F(EstClientTest, QFutureCancelAbortsASlowRequest)
{
    startServer({ QStringLiteral("--mode"), QStringLiteral("slow"), QStringLiteral("--slow-ms"),
                  QStringLiteral("20000") });
    ClientHarness h(settings());
    auto future = h.client()->enroll(request());
    ASSERT_TRUE(waitUntil([&] { return m_server->requestCount() >= 1; })); // the request is in flight
    QElapsedTimer t;
    t.start();
    future.cancel();
    EXPECT_FALSE(ClientHarness::wait(future, 5000)); // ends canceled, without a result
    EXPECT_TRUE(future.isFinished());
    EXPECT_TRUE(future.isCanceled());
    EXPECT_LT(t.elapsed(), 5000);
    // The client is still usable afterwards.
    ASSERT_TRUE(m_server->setMode(QStringLiteral("good")));
    EXPECT_EQ(enrolAndCheck(h).code, CaError::Code::None);
}

TEST_F(EstClientTest, CancelAllFinishesEverythingWithCancelled)
{
    startServer({ QStringLiteral("--mode"), QStringLiteral("slow"), QStringLiteral("--slow-ms"),
                  QStringLiteral("20000") });
    CaSettings s = settings();
    s.maxConcurrent = 1; // one in flight, two queued
    ClientHarness h(s);
    std::vector<QFuture<ca::Result<ca::IssuedCertificate>>> futures;
    for (int i = 0; i < 3; ++i)
        futures.push_back(h.client()->enroll(request()));
    ASSERT_TRUE(waitUntil([&] { return m_server->requestCount() >= 1; })); // one in flight
    h.client()->cancelAll();
    for (auto &f : futures) {
        const auto r = ClientHarness::wait(f, 5000);
        ASSERT_TRUE(r);
        ASSERT_FALSE(*r);
        EXPECT_EQ(r->error().code, CaError::Code::Cancelled);
        EXPECT_EQ(r->error().serial, kSerial);
    }
}

TEST_F(EstClientTest, DestroyingTheClientFinishesPendingFutures)
{
    startServer({ QStringLiteral("--mode"), QStringLiteral("slow"), QStringLiteral("--slow-ms"),
                  QStringLiteral("20000") });
    QFuture<ca::Result<ca::IssuedCertificate>> future;
    {
        ClientHarness h(settings());
        future = h.client()->enroll(request());
        ASSERT_TRUE(waitUntil([&] { return m_server->requestCount() >= 1; })); // in flight
    }
    const auto r = ClientHarness::wait(future, 5000);
    ASSERT_TRUE(r);
    ASSERT_FALSE(*r);
    EXPECT_EQ(r->error().code, CaError::Code::Cancelled);
}

TEST_F(EstClientTest, RefusalSaysWhatTheServerSaid)
{
    // A 401 from a failed proof-of-possession check used to read "refused the station's credentials".
    startServer({ QStringLiteral("--mode"), QStringLiteral("pop-failed") });
    ClientHarness h(settings());
    const CaError e = enrolAndCheck(h);
    EXPECT_EQ(e.code, CaError::Code::Unauthorized) << e.toString().toStdString();
    EXPECT_EQ(e.httpStatus, 401);
    const QString line = e.toString();
    EXPECT_TRUE(line.contains(u"proof-of-possession check failed")) << line.toStdString();
    EXPECT_FALSE(line.contains(u"credentials")) << line.toStdString();
    for (const QChar c : line)
        EXPECT_TRUE(c.isPrint()) << line.toStdString(); // the server's control character is not passed on
    EXPECT_LE(e.serverMessage.size(), 512);
    EXPECT_EQ(m_server->issuedCount(), 0);
}

TEST_F(EstClientTest, MalformedCsrAttrsIsAWarningNotAFailure)
{
    for (const QString &body :
         { QStringLiteral("!!not base64!!"), QStringLiteral("AAAA") /* base64, not DER */ }) {
        m_server = std::make_unique<EstServerProcess>(*s_pki);
        startServer({ QStringLiteral("--csrattrs"), body });
        ClientHarness h(settings());
        const auto info = ClientHarness::wait(h.client()->info());
        ASSERT_TRUE(info && *info) << (info ? info->error().toString().toStdString() : "no result");
        EXPECT_TRUE((*info)->caCertificatesDer.contains(s_pki->caCertDer()));
        EXPECT_TRUE((*info)->csrAttributesDer.isEmpty());
        EXPECT_TRUE((*info)->csrAttributesWarning.contains(u"est/csrattrs"))
            << (*info)->csrAttributesWarning.toStdString();
    }
    // A well-formed (empty) CsrAttrs sequence is taken without a warning.
    m_server = std::make_unique<EstServerProcess>(*s_pki);
    startServer({ QStringLiteral("--csrattrs"), QStringLiteral("MAA=") });
    ClientHarness h(settings());
    const auto info = ClientHarness::wait(h.client()->info());
    ASSERT_TRUE(info && *info) << (info ? info->error().toString().toStdString() : "no result");
    EXPECT_EQ((*info)->csrAttributesDer, QByteArray("\x30\x00", 2));
    EXPECT_TRUE((*info)->csrAttributesWarning.isEmpty()) << (*info)->csrAttributesWarning.toStdString();
}

// The CA issues from an intermediate under the root; the station trusts only the root.
class EstIntermediateTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        TestPki::Options o;
        o.withIntermediate = true;
        m_pki = std::make_unique<TestPki>(TestPki::create(m_dir.path(), o));
        m_server = std::make_unique<EstServerProcess>(*m_pki);
    }

    CaError enrolAndCheck(QList<QByteArray> moreIntermediates, ca::IssuedCertificate *out)
    {
        CaSettings s;
        s.protocol = CaSettings::Protocol::Est;
        s.baseUrl = m_server->baseUrl();
        s.trustAnchorFile = m_pki->caCertPath();
        s.requestTimeout = std::chrono::seconds(10);
        ClientHarness h(s);
        const auto issued = ClientHarness::wait(h.client()->enroll(
            ca::EnrollmentRequest { TestPki::makeCsr(kSerial, kSerial).csrDer, kSerial, false, {} }));
        if (!issued || !*issued)
            return issued ? issued->error()
                          : CaError::make(CaError::Code::None, {}, QStringLiteral("no result"));
        *out = **issued;
        CertificateVerifier::Input in;
        in.leafDer = (*issued)->certificateDer;
        in.intermediatesDer = (*issued)->extraCertificatesDer + moreIntermediates;
        in.trustAnchorsDer = { m_pki->caCertDer() };
        in.expectedPublicKeyInfo = ca::CertificateCodec::certificatePublicKeyInfo(in.leafDer);
        in.expectedSerial = kSerial;
        in.now = QDateTime::currentDateTimeUtc();
        const auto verified = CertificateVerifier::verify(in);
        return verified ? CaError() : verified.error();
    }

    QTemporaryDir m_dir;
    std::unique_ptr<TestPki> m_pki;
    std::unique_ptr<EstServerProcess> m_server;
};

TEST_F(EstIntermediateTest, ChainFromThePkcs7ReplyReachesTheRoot)
{
    // /cacerts names only the root: the issuing CA comes only with the enrolment reply.
    ASSERT_TRUE(m_server->start({ QStringLiteral("--cacerts"), m_pki->caCertPath(),
                                  QStringLiteral("--enroll-chain"), QStringLiteral("yes") }))
        << m_server->errorString().toStdString();
    ca::IssuedCertificate issued;
    const CaError e = enrolAndCheck({}, &issued);
    EXPECT_EQ(e.code, CaError::Code::None) << e.toString().toStdString();
    EXPECT_TRUE(issued.extraCertificatesDer.contains(TestPki::certToDer(m_pki->intermediateCert())));
}

TEST_F(EstIntermediateTest, LeafThroughAnIntermediateNobodyProvidedIsRefused)
{
    ASSERT_TRUE(m_server->start({ QStringLiteral("--cacerts"), m_pki->caCertPath() }))
        << m_server->errorString().toStdString();
    ca::IssuedCertificate issued;
    EXPECT_EQ(enrolAndCheck({}, &issued).code, CaError::Code::UntrustedChain);
    EXPECT_TRUE(issued.extraCertificatesDer.isEmpty());
    // The same answer passes once the issuing CA is known from elsewhere (the profile's intermediateFiles).
    EXPECT_EQ(enrolAndCheck({ TestPki::certToDer(m_pki->intermediateCert()) }, &issued).code,
              CaError::Code::None);
}

} // namespace
