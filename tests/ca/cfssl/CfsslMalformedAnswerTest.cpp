#include "ca_client/CfsslClient.h"

#include "ClientHarness.h"
#include "ScriptedTlsServer.h"
#include "TestPki.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace ks;
using ca::CaError;
using ca::CaSettings;
using test::ClientHarness;
using test::ScriptedTlsServer;
using test::TestPki;

namespace {

// Answers cfssl itself never sends (the seam: ScriptedTlsServer), each refused with its own code.
class CfsslMalformedAnswerTest : public ::testing::Test
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

    CaError::Code enrolAgainst(const QByteArray &raw)
    {
        m_server.setResponse(raw);
        CaSettings s;
        s.protocol = CaSettings::Protocol::Cfssl;
        s.baseUrl = QUrl(QStringLiteral("https://127.0.0.1:%1").arg(m_server.port()));
        s.trustAnchorFile = s_pki->caCertPath();
        s.requestTimeout = std::chrono::seconds(5);
        s.maxResponseBytes = 4096;
        ClientHarness h(s);
        ca::EnrollmentRequest r;
        r.csrDer = TestPki::makeCsr(QStringLiteral("MALFORMED"), {}).csrDer;
        const auto result = ClientHarness::wait(h.client()->enroll(r));
        if (!result)
            return CaError::Code::Cancelled;
        if (*result)
            return CaError::Code::None;
        m_last = result->error();
        return result->error().code;
    }

    static inline QTemporaryDir *s_dir = nullptr;
    static inline TestPki *s_pki = nullptr;
    ScriptedTlsServer m_server { s_pki->serverCertPath(), s_pki->serverKeyPath() };
    CaError m_last;
};

// Not HTTP at all, and a chunked body whose chunk size is not hex: a network error that says so, no crash
// (the transport parses HTTP itself).
TEST_F(CfsslMalformedAnswerTest, NotHttpOrBrokenChunksAreNetworkErrors)
{
    EXPECT_EQ(enrolAgainst("SMTP 220 ready\r\n\r\n"), CaError::Code::Network);
    EXPECT_TRUE(m_last.message.contains(u"HTTP/1.1")) << m_last.toString().toStdString();
    EXPECT_EQ(enrolAgainst("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                           "Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n"),
              CaError::Code::Network);
    EXPECT_TRUE(m_last.message.contains(u"chunked")) << m_last.toString().toStdString();
}

TEST_F(CfsslMalformedAnswerTest, NotJson)
{
    EXPECT_EQ(enrolAgainst(ScriptedTlsServer::response(200, "application/json", "{\"success\":true,")),
              CaError::Code::BadJson);
}

TEST_F(CfsslMalformedAnswerTest, JsonWithoutResult)
{
    EXPECT_EQ(enrolAgainst(ScriptedTlsServer::response(200, "application/json", "{\"success\":true}")),
              CaError::Code::BadJson);
}

TEST_F(CfsslMalformedAnswerTest, ResultWithoutCertificate)
{
    EXPECT_EQ(enrolAgainst(ScriptedTlsServer::response(
                  200, "application/json", "{\"success\":true,\"result\":{\"certificate\":\"\"}}")),
              CaError::Code::BadPem);
}

TEST_F(CfsslMalformedAnswerTest, BrokenPem)
{
    const QByteArray body
        = "{\"success\":true,\"result\":{\"certificate\":\"-----BEGIN CERTIFICATE-----\\nAAAA\\n"
          "-----END CERTIFICATE-----\\n\"}}";
    EXPECT_EQ(enrolAgainst(ScriptedTlsServer::response(200, "application/json", body)),
              CaError::Code::BadPem);
}

TEST_F(CfsslMalformedAnswerTest, HtmlInsteadOfJson)
{
    EXPECT_EQ(enrolAgainst(ScriptedTlsServer::response(200, "text/html", "<html>proxy login</html>")),
              CaError::Code::WrongContentType);
}

TEST_F(CfsslMalformedAnswerTest, ProxyErrorPageKeepsItsText)
{
    EXPECT_EQ(enrolAgainst(ScriptedTlsServer::response(502, "text/html", "<h1>Bad Gateway</h1>")),
              CaError::Code::HttpStatus);
    EXPECT_EQ(m_last.httpStatus, 502);
    EXPECT_TRUE(m_last.serverMessage.contains(u"Bad Gateway"));
}

TEST_F(CfsslMalformedAnswerTest, UnauthorizedStatus)
{
    EXPECT_EQ(enrolAgainst(ScriptedTlsServer::response(403, "text/plain", "forbidden")),
              CaError::Code::Unauthorized);
}

TEST_F(CfsslMalformedAnswerTest, ConnectionDroppedWithoutAnswer)
{
    EXPECT_EQ(enrolAgainst(QByteArray()), CaError::Code::Network);
}

TEST_F(CfsslMalformedAnswerTest, ConnectionDroppedMidBody)
{
    QByteArray raw = ScriptedTlsServer::response(200, "application/json", QByteArray(500, 'x'));
    raw.chop(300);
    EXPECT_EQ(enrolAgainst(raw), CaError::Code::Truncated);
}

TEST_F(CfsslMalformedAnswerTest, OversizedBodyIsCut)
{
    EXPECT_EQ(enrolAgainst(ScriptedTlsServer::response(200, "application/json", QByteArray(100000, ' '))),
              CaError::Code::TooLarge);
}

TEST_F(CfsslMalformedAnswerTest, OversizedBodyWithoutLengthIsCut)
{
    const QByteArray raw = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n"
        + QByteArray(100000, ' ');
    EXPECT_EQ(enrolAgainst(raw), CaError::Code::TooLarge);
}

// A bundling cfssl signer sends the chain as result.bundle.bundle: the issuing CA is kept for the path.
TEST_F(CfsslMalformedAnswerTest, BundledChainIsKeptForThePath)
{
    QTemporaryDir dir;
    TestPki::Options options;
    options.withIntermediate = true;
    const TestPki pki = TestPki::create(dir.path(), options);
    const auto csr = TestPki::makeCsr(QStringLiteral("BUNDLE0000000001"), {});
    test::IssueOptions o;
    o.issuerCert = pki.intermediateCert();
    o.issuerKey = pki.intermediateKey();
    const QByteArray leaf = TestPki::issueFromCsr(csr.csrDer, o);
    const QByteArray inter = TestPki::certToDer(pki.intermediateCert());
    const QString leafPem = QString::fromLatin1(TestPki::certDerToPem(leaf));
    const QJsonObject result {
        { QStringLiteral("certificate"), leafPem },
        { QStringLiteral("bundle"),
          QJsonObject {
              { QStringLiteral("bundle"), leafPem + QString::fromLatin1(TestPki::certDerToPem(inter)) } } },
    };
    const QJsonObject answer { { QStringLiteral("success"), true }, { QStringLiteral("result"), result } };
    m_server.setResponse(ScriptedTlsServer::response(200, "application/json",
                                                     QJsonDocument(answer).toJson(QJsonDocument::Compact)));
    CaSettings s;
    s.protocol = CaSettings::Protocol::Cfssl;
    s.baseUrl = QUrl(QStringLiteral("https://127.0.0.1:%1").arg(m_server.port()));
    s.trustAnchorFile = s_pki->caCertPath();
    s.requestTimeout = std::chrono::seconds(5);
    ClientHarness h(s);
    ca::EnrollmentRequest r;
    r.csrDer = csr.csrDer;
    const auto issued = ClientHarness::wait(h.client()->enroll(r));
    ASSERT_TRUE(issued && *issued) << (issued ? issued->error().toString().toStdString() : "no result");
    EXPECT_EQ((*issued)->certificateDer, leaf);
    EXPECT_EQ((*issued)->extraCertificatesDer, QList<QByteArray> { inter });
}

} // namespace
