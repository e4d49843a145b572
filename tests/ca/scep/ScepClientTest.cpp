#include "ca_client/ScepClient.h"
#include "ca_client/CertificateCodec.h"
#include "ca_client/CertificateVerifier.h"
#include "ca_client/SoftwareScepRequesterKey.h"

#include "ClientHarness.h"
#include "ScepServer.h"
#include "TestPki.h"

#include <QFile>
#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>

#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <gtest/gtest.h>

using namespace ks;
using ca::CaError;
using ca::CaSettings;
using test::ClientHarness;
using test::ScepServer;
using test::TestPki;

namespace {

const QString kChallenge = QStringLiteral("scep-test-challenge");

class ScepClientTest : public ::testing::Test
{
protected:
    static void SetUpTestSuite()
    {
        s_server = new ScepServer;
        ASSERT_TRUE(s_server->start(kChallenge)) << s_server->errorString().toStdString();
    }
    static void TearDownTestSuite()
    {
        delete s_server;
        s_server = nullptr;
    }

    static CaSettings settings()
    {
        CaSettings s;
        s.protocol = CaSettings::Protocol::Scep;
        s.baseUrl = s_server->url();
        s.caCertificateSha256 = s_server->caCertificateSha256();
        s.requestTimeout = std::chrono::seconds(10);
        return s;
    }

    // A CSR (RSA-2048, with the challenge) and its software requester key; each test its own CN: scepserver
    // refuses a second certificate for a CN before its renewal window (-allowrenew, 14 days).
    static ca::EnrollmentRequest request(const QString &cn, const QString &challenge = kChallenge,
                                         test::CsrAndKey *keep = nullptr)
    {
        test::CsrAndKey csr = TestPki::makeCsr(cn, cn, test::KeyType::Rsa2048, challenge);
        auto key = ca::SoftwareScepRequesterKey::create(csr.key.get(), csr.csrDer);
        EXPECT_TRUE(key) << (key ? std::string() : key.error().toString().toStdString());
        ca::EnrollmentRequest r;
        r.csrDer = csr.csrDer;
        r.serial = cn;
        if (key)
            r.requesterKey = *key;
        if (keep)
            *keep = csr;
        return r;
    }

    static ca::Result<ca::CertificateVerifier::Verified> check(const ca::IssuedCertificate &issued,
                                                               const QByteArray &csrDer)
    {
        ca::CertificateVerifier::Input in;
        in.leafDer = issued.certificateDer;
        in.intermediatesDer = issued.extraCertificatesDer;
        in.trustAnchorsDer = { s_server->caCertificateDer() };
        in.expectedPublicKeyInfo = ca::CertificateCodec::csrPublicKeyInfo(csrDer);
        // scepserver issues keyUsage digitalSignature and EKU clientAuth (FACTS in docs/ca-client.md).
        in.policy.requiredKeyUsage = ca::CertificatePolicy::DigitalSignature;
        in.policy.requiredExtendedKeyUsages = { ca::CertificatePolicy::ClientAuthOid };
        in.policy.minRemainingValidity = std::chrono::hours(24 * 300);
        in.now = QDateTime::currentDateTimeUtc();
        return ca::CertificateVerifier::verify(in);
    }

    static ScepServer *s_server;
};

ScepServer *ScepClientTest::s_server = nullptr;

TEST_F(ScepClientTest, InfoListsCapabilitiesAndThePinnedCaCertificate)
{
    ClientHarness h(settings());
    ASSERT_TRUE(h.client()) << h.createError()->toString().toStdString();
    const auto info = ClientHarness::wait(h.client()->info());
    ASSERT_TRUE(info && *info) << (info ? info->error().toString().toStdString() : "no result");
    ASSERT_FALSE((*info)->caCertificatesDer.isEmpty());
    EXPECT_EQ((*info)->caCertificatesDer.first(), s_server->caCertificateDer());
    EXPECT_TRUE((*info)->capabilities.contains(QStringLiteral("POSTPKIOperation")));
    EXPECT_TRUE((*info)->capabilities.contains(QStringLiteral("AES")));
    const auto certs = ClientHarness::wait(h.client()->fetchCaCertificates());
    ASSERT_TRUE(certs && *certs);
    EXPECT_EQ(**certs, QList<QByteArray> { s_server->caCertificateDer() });
}

TEST_F(ScepClientTest, EnrolWithSoftwareKeyIssuesACertificateThatPassesTheCheck)
{
    ClientHarness h(settings());
    ASSERT_TRUE(h.client());
    const int before = s_server->issuedCount();
    const int operationsBefore = s_server->pkiOperationCount();
    test::CsrAndKey csr;
    const auto issued
        = ClientHarness::wait(h.client()->enroll(request(QStringLiteral("SCEP-OK-1"), kChallenge, &csr)));
    ASSERT_TRUE(issued && *issued) << (issued ? issued->error().toString().toStdString() : "no result");
    const auto verified = check(**issued, csr.csrDer);
    EXPECT_TRUE(verified) << (verified ? std::string() : verified.error().toString().toStdString());
    EXPECT_TRUE((*issued)->extraCertificatesDer.contains(s_server->caCertificateDer()));
    EXPECT_EQ(s_server->issuedCount(), before + 1);
    // One PKCSReq, answered SUCCESS at once; the count the pin test relies on does move.
    EXPECT_EQ(s_server->pkiOperationCount(), operationsBefore + 1);
}

TEST_F(ScepClientTest, WrongChallengeIsRefusedAsBadRequestInPlainWords)
{
    ClientHarness h(settings());
    ASSERT_TRUE(h.client());
    const int before = s_server->issuedCount();
    const auto issued = ClientHarness::wait(
        h.client()->enroll(request(QStringLiteral("SCEP-WRONG-1"), QStringLiteral("nope"))));
    ASSERT_TRUE(issued);
    ASSERT_FALSE(*issued);
    EXPECT_EQ(issued->error().code, CaError::Code::ScepBadRequest)
        << issued->error().toString().toStdString();
    EXPECT_TRUE(issued->error().message.contains(QStringLiteral("challenge password")));
    EXPECT_EQ(issued->error().operation, QStringLiteral("scep/PKCSReq"));
    EXPECT_EQ(s_server->issuedCount(), before);
}

TEST_F(ScepClientTest, WrongCaFingerprintIsRefusedBeforeAnyPkiOperationIsSent)
{
    CaSettings s = settings();
    s.caCertificateSha256 = QByteArray(32, '\x5a');
    ClientHarness h(s);
    ASSERT_TRUE(h.client());
    const int before = s_server->pkiOperationCount();
    const auto issued = ClientHarness::wait(h.client()->enroll(request(QStringLiteral("SCEP-PIN-1"))));
    ASSERT_TRUE(issued);
    ASSERT_FALSE(*issued);
    EXPECT_EQ(issued->error().code, CaError::Code::CaCertificateMismatch);
    EXPECT_EQ(s_server->pkiOperationCount(), before) << s_server->log().toStdString();
    const auto info = ClientHarness::wait(h.client()->info());
    ASSERT_TRUE(info && !*info);
    EXPECT_EQ(info->error().code, CaError::Code::CaCertificateMismatch);
}

TEST_F(ScepClientTest, NoPinIsAConfigurationErrorAtCreation)
{
    CaSettings s = settings();
    s.caCertificateSha256.clear();
    ClientHarness h(s);
    EXPECT_FALSE(h.client());
    ASSERT_TRUE(h.createError());
    EXPECT_EQ(h.createError()->code, CaError::Code::Configuration);
}

TEST_F(ScepClientTest, NoCredentialCrossesPlainHttp)
{
    // HTTP Basic over plain http:// would put the password on the wire in clear: refused when the client is
    // created, so there is no client to send anything.
    CaSettings s = settings();
    ASSERT_EQ(s.baseUrl.scheme(), QStringLiteral("http"));
    s.basicUser = QStringLiteral("station");
    s.basicPassword = QStringLiteral("not-for-the-wire");
    ClientHarness h(s);
    EXPECT_FALSE(h.client());
    ASSERT_TRUE(h.createError());
    EXPECT_EQ(h.createError()->code, CaError::Code::Configuration);
    EXPECT_TRUE(h.createError()->message.contains(QStringLiteral("plain http://")))
        << h.createError()->message.toStdString();
    EXPECT_FALSE(h.createError()->toString().contains(QStringLiteral("not-for-the-wire")));

    CaSettings hmac = settings();
    hmac.hmacKeyHex = QByteArray("00112233");
    ClientHarness h2(hmac);
    EXPECT_FALSE(h2.client());
    ASSERT_TRUE(h2.createError());
    EXPECT_EQ(h2.createError()->code, CaError::Code::Configuration);
}

TEST_F(ScepClientTest, ServerDownIsANetworkError)
{
    QTcpServer probe;
    ASSERT_TRUE(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 port = probe.serverPort();
    probe.close();
    CaSettings s = settings();
    s.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:%1/scep").arg(port));
    ClientHarness h(s);
    ASSERT_TRUE(h.client());
    const auto issued = ClientHarness::wait(h.client()->enroll(request(QStringLiteral("SCEP-DOWN-1"))));
    ASSERT_TRUE(issued);
    ASSERT_FALSE(*issued);
    EXPECT_EQ(issued->error().code, CaError::Code::Network) << issued->error().toString().toStdString();
}

// Reads the usages and issuer of a PEM or DER certificate, for comparing two certificates of one CA.
struct CertFacts
{
    QByteArray issuer;
    uint32_t keyUsage = 0;
    uint32_t extendedKeyUsage = 0;
    bool operator==(const CertFacts &) const = default;
};

CertFacts factsOf(const QByteArray &der)
{
    const auto *p = reinterpret_cast<const unsigned char *>(der.constData());
    X509 *x = d2i_X509(nullptr, &p, long(der.size()));
    CertFacts f;
    if (!x)
        return f;
    unsigned char *name = nullptr;
    const int len = i2d_X509_NAME(X509_get_issuer_name(x), &name);
    f.issuer = QByteArray(reinterpret_cast<const char *>(name), len);
    OPENSSL_free(name);
    f.keyUsage = X509_get_key_usage(x);
    f.extendedKeyUsage = X509_get_extended_key_usage(x);
    X509_free(x);
    return f;
}

int opensslVerify(const QString &caPem, const QString &certPem, QByteArray *output)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(QStringLiteral("openssl"),
            { QStringLiteral("verify"), QStringLiteral("-CAfile"), caPem, certPem });
    p.waitForFinished(10000);
    *output = p.readAll();
    return p.exitCode();
}

TEST_F(ScepClientTest, CertificatesFromScepclientAndKeyStationVerifyTheSameWay)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    // scepclient wants a PKCS#1 ("traditional") RSA key and writes csr.pem / self.pem next to it.
    QProcess gen;
    gen.setWorkingDirectory(dir.path());
    gen.start(QStringLiteral("openssl"),
              { QStringLiteral("genrsa"), QStringLiteral("-traditional"), QStringLiteral("-out"),
                QStringLiteral("k.pem"), QStringLiteral("2048") });
    ASSERT_TRUE(gen.waitForFinished(20000) && gen.exitCode() == 0);
    QProcess client;
    client.setWorkingDirectory(dir.path());
    client.setProcessChannelMode(QProcess::MergedChannels);
    client.start(QStringLiteral("scepclient"),
                 { QStringLiteral("-server-url"), s_server->url().toString(), QStringLiteral("-challenge"),
                   kChallenge, QStringLiteral("-private-key"), QStringLiteral("k.pem"),
                   QStringLiteral("-certificate"), QStringLiteral("c.pem"), QStringLiteral("-cn"),
                   QStringLiteral("SCEP-CROSS-SCEPCLIENT") });
    ASSERT_TRUE(client.waitForFinished(20000));
    ASSERT_TRUE(QFile::exists(dir.filePath(QStringLiteral("c.pem")))) << client.readAll().toStdString();

    ClientHarness h(settings());
    ASSERT_TRUE(h.client());
    test::CsrAndKey csr;
    const auto issued = ClientHarness::wait(
        h.client()->enroll(request(QStringLiteral("SCEP-CROSS-KEYSTATION"), kChallenge, &csr)));
    ASSERT_TRUE(issued && *issued) << (issued ? issued->error().toString().toStdString() : "no result");
    QFile ours(dir.filePath(QStringLiteral("ours.pem")));
    ASSERT_TRUE(ours.open(QIODevice::WriteOnly));
    ours.write(TestPki::certDerToPem((*issued)->certificateDer));
    ours.close();

    QByteArray out;
    EXPECT_EQ(opensslVerify(s_server->caCertificatePath(), dir.filePath(QStringLiteral("c.pem")), &out), 0)
        << out.toStdString();
    EXPECT_EQ(opensslVerify(s_server->caCertificatePath(), ours.fileName(), &out), 0) << out.toStdString();
    QFile theirs(dir.filePath(QStringLiteral("c.pem")));
    ASSERT_TRUE(theirs.open(QIODevice::ReadOnly));
    const auto theirCert = TestPki::certFromPem(theirs.readAll());
    ASSERT_TRUE(theirCert);
    const CertFacts a = factsOf(TestPki::certToDer(theirCert.get()));
    const CertFacts b = factsOf((*issued)->certificateDer);
    EXPECT_FALSE(a.issuer.isEmpty());
    EXPECT_EQ(a, b);
}

} // namespace
