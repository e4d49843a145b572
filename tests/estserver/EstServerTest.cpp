#include "EstServerProcess.h"
#include "TestPki.h"

#include <QElapsedTimer>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QSslKey>
#include <QSslSocket>
#include <QTemporaryDir>

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>

using namespace ks::test;

namespace {

struct NetReply
{
    int status = 0;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QByteArray body;
    QByteArray contentType;
    QByteArray cte;
    QByteArray retryAfter;
    QByteArray wwwAuthenticate;
    qint64 elapsedMs = 0;
};

QByteArray base64Lines(const QByteArray &der)
{
    const QByteArray b64 = der.toBase64();
    QByteArray out;
    for (qsizetype i = 0; i < b64.size(); i += 64)
        out += b64.mid(i, 64) + "\r\n";
    return out;
}

// RFC 8951: line breaks are allowed in base64 bodies; anything else that is not base64 is an error.
QByteArray::FromBase64Result decodeBody(QByteArray body)
{
    body.replace('\r', "").replace('\n', "");
    return QByteArray::fromBase64Encoding(body, QByteArray::AbortOnBase64DecodingErrors);
}

QString subjectOf(X509 *cert)
{
    char buf[512];
    X509_NAME_oneline(X509_get_subject_name(cert), buf, sizeof buf);
    return QString::fromUtf8(buf);
}

class EstServerTest : public ::testing::Test
{
protected:
    static void SetUpTestSuite()
    {
        s_dir = std::make_unique<QTemporaryDir>();
        s_pki = std::make_unique<TestPki>(TestPki::create(s_dir->path()));
    }
    static void TearDownTestSuite()
    {
        s_pki.reset();
        s_dir.reset();
    }

    void startServer(const QStringList &args = {})
    {
        m_server = std::make_unique<EstServerProcess>(*s_pki);
        ASSERT_TRUE(m_server->start(args)) << m_server->errorString().toStdString();
    }

    QNetworkRequest makeRequest(const QString &operation) const
    {
        QNetworkRequest request(QUrl(m_server->baseUrl().toString() + u'/' + operation));
        request.setSslConfiguration(m_sslConfig.isNull() ? m_server->sslConfiguration() : m_sslConfig);
        request.setTransferTimeout(20000);
        return request;
    }

    NetReply send(QNetworkRequest request, const QByteArray &method, const QByteArray &body = {})
    {
        QElapsedTimer timer;
        timer.start();
        QNetworkReply *reply = method == "GET" ? m_nam.get(request) : m_nam.post(request, body);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        if (!reply->isFinished()) {
            EXPECT_TRUE(finished.wait(30000));
        }
        NetReply r;
        r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        r.error = reply->error();
        r.body = reply->readAll();
        r.contentType = reply->rawHeader("Content-Type");
        r.cte = reply->rawHeader("Content-Transfer-Encoding");
        r.retryAfter = reply->rawHeader("Retry-After");
        r.wwwAuthenticate = reply->rawHeader("WWW-Authenticate");
        r.elapsedMs = timer.elapsed();
        reply->deleteLater();
        return r;
    }

    NetReply get(const QString &operation) { return send(makeRequest(operation), "GET"); }

    NetReply enroll(const QByteArray &csrDer, const QString &operation = QStringLiteral("simpleenroll"),
                    const QByteArray &authorization = {})
    {
        QNetworkRequest request = makeRequest(operation);
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/pkcs10"));
        request.setRawHeader("Content-Transfer-Encoding", "base64");
        if (!authorization.isEmpty())
            request.setRawHeader("Authorization", authorization);
        return send(request, "POST", base64Lines(csrDer));
    }

    // The single certificate of a successful enrolment reply.
    static CertPtr leafOf(const NetReply &r)
    {
        const auto der = decodeBody(r.body);
        if (!der)
            return {};
        const QList<QByteArray> certs = TestPki::certsFromPkcs7(*der);
        return certs.size() == 1 ? TestPki::certFromDer(certs.first()) : CertPtr();
    }

    static inline std::unique_ptr<QTemporaryDir> s_dir;
    static inline std::unique_ptr<TestPki> s_pki;
    std::unique_ptr<EstServerProcess> m_server;
    QNetworkAccessManager m_nam;
    QSslConfiguration m_sslConfig;
};

TEST_F(EstServerTest, CaCertsIsBase64Pkcs7WithTheCa)
{
    startServer();
    const NetReply r = get(QStringLiteral("cacerts"));
    ASSERT_EQ(r.error, QNetworkReply::NoError);
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.contentType, "application/pkcs7-mime");
    EXPECT_EQ(r.cte, "base64");
    for (const QByteArray &line : r.body.split('\n'))
        EXPECT_LE(line.size(), 64);
    const auto der = decodeBody(r.body);
    ASSERT_TRUE(der);
    EXPECT_EQ(TestPki::certsFromPkcs7(*der), QList<QByteArray> { s_pki->caCertDer() });
}

TEST_F(EstServerTest, CaCertsParsesWithCurlAndOpenssl)
{
    startServer();
    QProcess sh;
    sh.start(QStringLiteral("sh"),
             { QStringLiteral("-c"),
               QStringLiteral("curl -sf --cacert '%1' '%2/cacerts' | base64 -d | openssl pkcs7 -inform DER "
                              "-print_certs -noout")
                   .arg(s_pki->caCertPath(), m_server->baseUrl().toString()) });
    ASSERT_TRUE(sh.waitForFinished(20000));
    EXPECT_EQ(sh.exitCode(), 0) << sh.readAllStandardError().toStdString();
    EXPECT_TRUE(sh.readAllStandardOutput().contains("subject=CN = KeyStation Test Root CA"));
}

TEST_F(EstServerTest, CaCertsWithIntermediateHoldsBoth)
{
    QTemporaryDir dir;
    const TestPki pki = TestPki::create(dir.path(), { .withIntermediate = true });
    EstServerProcess server(pki);
    ASSERT_TRUE(server.start()) << server.errorString().toStdString();
    const EstServerProcess::Reply r = server.request("GET", "/.well-known/est/cacerts");
    ASSERT_EQ(r.status, 200) << r.error.toStdString();
    const QList<QByteArray> certs = TestPki::certsFromPkcs7(QByteArray::fromBase64(r.body));
    EXPECT_EQ(certs, (QList<QByteArray> { TestPki::certToDer(pki.intermediateCert()), pki.caCertDer() }));

    const CsrAndKey csr = TestPki::makeCsr(QStringLiteral("dev"), QStringLiteral("SN-I"));
    const EstServerProcess::Reply e
        = server.request("POST", "/.well-known/est/simpleenroll", base64Lines(csr.csrDer),
                         { { "Content-Type", "application/pkcs10" } });
    ASSERT_EQ(e.status, 200);
    const QList<QByteArray> leaf = TestPki::certsFromPkcs7(QByteArray::fromBase64(e.body));
    ASSERT_EQ(leaf.size(), 1);
    QString error;
    EXPECT_TRUE(TestPki::verifyChain(leaf.first(), { pki.caCertDer() }, { certs.first() }, &error))
        << error.toStdString();
}

TEST_F(EstServerTest, SimpleEnrollIssuesLeafForTheCsrKey)
{
    startServer();
    for (KeyType type : { KeyType::EcP256, KeyType::Rsa2048 }) {
        const CsrAndKey csr = TestPki::makeCsr(QStringLiteral("Token"), QStringLiteral("A1B2C3D4"), type);
        for (const QString &op : { QStringLiteral("simpleenroll"), QStringLiteral("simplereenroll") }) {
            const NetReply r = enroll(csr.csrDer, op);
            ASSERT_EQ(r.status, 200) << r.body.toStdString();
            EXPECT_EQ(r.contentType, "application/pkcs7-mime; smime-type=certs-only");
            EXPECT_EQ(r.cte, "base64");
            const CertPtr leaf = leafOf(r);
            ASSERT_TRUE(leaf);
            QString error;
            EXPECT_TRUE(
                TestPki::verifyChain(TestPki::certToDer(leaf.get()), { s_pki->caCertDer() }, {}, &error))
                << error.toStdString();
            EXPECT_EQ(EVP_PKEY_eq(X509_get0_pubkey(leaf.get()), csr.key.get()), 1);
            EXPECT_EQ(subjectOf(leaf.get()), u"/CN=Token/serialNumber=A1B2C3D4"_qs);
            EXPECT_EQ(X509_check_ca(leaf.get()), 0);
            EXPECT_EQ(X509_get_extended_key_usage(leaf.get()), static_cast<uint32_t>(XKU_SSL_CLIENT));
            const uint32_t ku = X509_get_key_usage(leaf.get());
            EXPECT_TRUE(ku & KU_DIGITAL_SIGNATURE);
            EXPECT_EQ(static_cast<bool>(ku & KU_KEY_ENCIPHERMENT), type == KeyType::Rsa2048);
            int days = 0, secs = 0;
            ASSERT_EQ(
                ASN1_TIME_diff(&days, &secs, X509_get0_notBefore(leaf.get()), X509_get0_notAfter(leaf.get())),
                1);
            EXPECT_NEAR(days, 365, 1);
        }
    }
    EXPECT_EQ(m_server->issuedCount(), 4);
}

TEST_F(EstServerTest, DaysAndEkuArguments)
{
    startServer({ QStringLiteral("--days"), QStringLiteral("10"), QStringLiteral("--eku"),
                  QStringLiteral("1.3.6.1.5.5.7.3.2,1.3.6.1.5.5.7.3.4") });
    const NetReply r = enroll(TestPki::makeCsr(QStringLiteral("x"), QStringLiteral("1")).csrDer);
    const CertPtr leaf = leafOf(r);
    ASSERT_TRUE(leaf);
    int days = 0, secs = 0;
    ASN1_TIME_diff(&days, &secs, X509_get0_notBefore(leaf.get()), X509_get0_notAfter(leaf.get()));
    EXPECT_NEAR(days, 10, 1);
    EXPECT_EQ(X509_get_extended_key_usage(leaf.get()), static_cast<uint32_t>(XKU_SSL_CLIENT | XKU_SMIME));
}

TEST_F(EstServerTest, BasicAuthRequiredForEnrolment)
{
    startServer({ QStringLiteral("--basic"), QStringLiteral("station:s3cret") });
    const QByteArray csr = TestPki::makeCsr(QStringLiteral("x"), QStringLiteral("1")).csrDer;
    NetReply r = enroll(csr);
    EXPECT_EQ(r.status, 401);
    EXPECT_EQ(r.wwwAuthenticate, "Basic realm=\"est\"");
    r = enroll(csr, QStringLiteral("simpleenroll"), "Basic " + QByteArray("station:wrong").toBase64());
    EXPECT_EQ(r.status, 401);
    r = enroll(csr, QStringLiteral("simpleenroll"), "Basic " + QByteArray("station:s3cret").toBase64());
    EXPECT_EQ(r.status, 200);
    EXPECT_TRUE(leafOf(r));
    EXPECT_EQ(get(QStringLiteral("cacerts")).status, 200); // RFC 7030 4.1.1: no authentication for cacerts
    EXPECT_EQ(m_server->issuedCount(), 1);
}

TEST_F(EstServerTest, ClientCertificateRequiredForEnrolment)
{
    startServer({ QStringLiteral("--client-ca"), s_pki->caCertPath() });
    const QByteArray csr = TestPki::makeCsr(QStringLiteral("x"), QStringLiteral("1")).csrDer;
    EXPECT_EQ(enroll(csr).status, 403);

    // A certificate from the unrelated CA is refused as well.
    const CsrAndKey stranger = TestPki::makeCsr(QStringLiteral("stranger"), {});
    IssueOptions o;
    o.issuerCert = s_pki->untrustedCaCert();
    o.issuerKey = s_pki->untrustedCaKey();
    o.extendedKeyUsage = { QLatin1String(OidClientAuth) };
    m_sslConfig = m_server->sslConfiguration();
    m_sslConfig.setLocalCertificate(QSslCertificate(TestPki::issueFromCsr(stranger.csrDer, o), QSsl::Der));
    m_sslConfig.setPrivateKey(QSslKey(TestPki::privateKeyPem(stranger.key.get()), QSsl::Ec));
    m_nam.clearConnectionCache();
    EXPECT_EQ(enroll(csr).status, 403);

    m_sslConfig = m_server->sslConfiguration();
    m_sslConfig.setLocalCertificate(QSslCertificate::fromPath(s_pki->clientCertPath()).first());
    QFile key(s_pki->clientKeyPath());
    ASSERT_TRUE(key.open(QIODevice::ReadOnly));
    m_sslConfig.setPrivateKey(QSslKey(key.readAll(), QSsl::Ec));
    m_nam.clearConnectionCache();
    const NetReply r = enroll(csr);
    EXPECT_EQ(r.status, 200);
    EXPECT_TRUE(leafOf(r));
    EXPECT_EQ(m_server->issuedCount(), 1);
}

TEST_F(EstServerTest, PendingAnswers202ThenIssues)
{
    startServer({ QStringLiteral("--pending"), QStringLiteral("2") });
    const QByteArray csr = TestPki::makeCsr(QStringLiteral("x"), QStringLiteral("1")).csrDer;
    for (int i = 0; i < 2; ++i) {
        const NetReply r = enroll(csr);
        EXPECT_EQ(r.status, 202);
        EXPECT_EQ(r.retryAfter, "1");
    }
    EXPECT_EQ(m_server->issuedCount(), 0);
    const NetReply r = enroll(csr);
    EXPECT_EQ(r.status, 200);
    EXPECT_TRUE(leafOf(r));
    EXPECT_EQ(m_server->issuedCount(), 1);
    // Counted per key: another CSR starts pending again.
    EXPECT_EQ(enroll(TestPki::makeCsr(QStringLiteral("y"), QStringLiteral("2")).csrDer).status, 202);
}

TEST_F(EstServerTest, ChallengePasswordChecked)
{
    startServer({ QStringLiteral("--challenge"), QStringLiteral("ENROL-42") });
    NetReply r = enroll(TestPki::makeCsr(QStringLiteral("x"), QStringLiteral("1")).csrDer);
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.body, "bad enrolment code\n");
    r = enroll(
        TestPki::makeCsr(QStringLiteral("x"), QStringLiteral("1"), KeyType::EcP256, u"nope"_qs).csrDer);
    EXPECT_EQ(r.status, 400);
    r = enroll(
        TestPki::makeCsr(QStringLiteral("x"), QStringLiteral("1"), KeyType::EcP256, u"ENROL-42"_qs).csrDer);
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(m_server->issuedCount(), 1);
}

TEST_F(EstServerTest, CertificateModes)
{
    startServer();
    const CsrAndKey csr = TestPki::makeCsr(QStringLiteral("Token"), QStringLiteral("SN9"));
    const QByteArray root = s_pki->caCertDer();
    const auto enrolLeaf = [&](const QString &mode) {
        EXPECT_TRUE(m_server->setMode(mode)) << m_server->errorString().toStdString();
        const NetReply r = enroll(csr.csrDer);
        EXPECT_EQ(r.status, 200) << mode.toStdString();
        return leafOf(r);
    };

    CertPtr leaf = enrolLeaf(QStringLiteral("other-key"));
    ASSERT_TRUE(leaf);
    EXPECT_TRUE(TestPki::verifyChain(TestPki::certToDer(leaf.get()), { root }));
    EXPECT_NE(EVP_PKEY_eq(X509_get0_pubkey(leaf.get()), csr.key.get()), 1);
    EXPECT_EQ(subjectOf(leaf.get()), u"/CN=Token/serialNumber=SN9"_qs);

    leaf = enrolLeaf(QStringLiteral("other-serial"));
    ASSERT_TRUE(leaf);
    EXPECT_EQ(subjectOf(leaf.get()), u"/CN=OTHER-Token/serialNumber=OTHER-SN9"_qs);
    EXPECT_EQ(EVP_PKEY_eq(X509_get0_pubkey(leaf.get()), csr.key.get()), 1);

    leaf = enrolLeaf(QStringLiteral("untrusted"));
    ASSERT_TRUE(leaf);
    EXPECT_FALSE(TestPki::verifyChain(TestPki::certToDer(leaf.get()), { root }));
    EXPECT_TRUE(TestPki::verifyChain(TestPki::certToDer(leaf.get()),
                                     { TestPki::certToDer(s_pki->untrustedCaCert()) }));

    leaf = enrolLeaf(QStringLiteral("expired"));
    ASSERT_TRUE(leaf);
    QString error;
    EXPECT_FALSE(TestPki::verifyChain(TestPki::certToDer(leaf.get()), { root }, {}, &error));
    EXPECT_EQ(error, u"certificate has expired"_qs);

    leaf = enrolLeaf(QStringLiteral("short"));
    ASSERT_TRUE(leaf);
    int days = 0, secs = 0;
    ASN1_TIME_diff(&days, &secs, X509_get0_notBefore(leaf.get()), X509_get0_notAfter(leaf.get()));
    EXPECT_EQ(days, 0);
    EXPECT_EQ(secs, 3600);
    EXPECT_TRUE(TestPki::verifyChain(TestPki::certToDer(leaf.get()), { root }));

    leaf = enrolLeaf(QStringLiteral("ca-true"));
    ASSERT_TRUE(leaf);
    EXPECT_EQ(X509_check_ca(leaf.get()), 1);

    leaf = enrolLeaf(QStringLiteral("wrong-eku"));
    ASSERT_TRUE(leaf);
    EXPECT_EQ(X509_get_extended_key_usage(leaf.get()), static_cast<uint32_t>(XKU_SSL_SERVER));

    leaf = enrolLeaf(QStringLiteral("good"));
    ASSERT_TRUE(leaf);
    EXPECT_EQ(EVP_PKEY_eq(X509_get0_pubkey(leaf.get()), csr.key.get()), 1);
    EXPECT_EQ(m_server->issuedCount(), 8);
    EXPECT_FALSE(m_server->setMode(QStringLiteral("no-such-mode")));
}

TEST_F(EstServerTest, TransportModes)
{
    startServer({ QStringLiteral("--slow-ms"), QStringLiteral("400") });
    const QByteArray csr = TestPki::makeCsr(QStringLiteral("Token"), QStringLiteral("SN9")).csrDer;

    ASSERT_TRUE(m_server->setMode(QStringLiteral("garbage")));
    NetReply r = enroll(csr);
    EXPECT_EQ(r.status, 200);
    EXPECT_FALSE(decodeBody(r.body));

    ASSERT_TRUE(m_server->setMode(QStringLiteral("bad-pkcs7")));
    r = enroll(csr);
    EXPECT_EQ(r.status, 200);
    const auto decoded = decodeBody(r.body);
    ASSERT_TRUE(decoded);
    EXPECT_FALSE(decoded.decoded.isEmpty());
    EXPECT_TRUE(TestPki::certsFromPkcs7(decoded.decoded).isEmpty());

    ASSERT_TRUE(m_server->setMode(QStringLiteral("empty")));
    r = enroll(csr);
    EXPECT_EQ(r.status, 200);
    EXPECT_TRUE(r.body.isEmpty());

    ASSERT_TRUE(m_server->setMode(QStringLiteral("http-500")));
    r = enroll(csr);
    EXPECT_EQ(r.status, 500);
    EXPECT_EQ(r.body, "internal CA failure\n");
    EXPECT_EQ(m_server->issuedCount(), 0); // none of the above issued anything

    ASSERT_TRUE(m_server->setMode(QStringLiteral("wrong-type")));
    r = enroll(csr);
    EXPECT_EQ(r.status, 200);
    EXPECT_TRUE(r.contentType.startsWith("text/html"));
    EXPECT_TRUE(leafOf(r));

    ASSERT_TRUE(m_server->setMode(QStringLiteral("no-cte")));
    r = enroll(csr);
    EXPECT_EQ(r.status, 200);
    EXPECT_TRUE(r.cte.isEmpty());
    EXPECT_TRUE(leafOf(r));

    ASSERT_TRUE(m_server->setMode(QStringLiteral("slow")));
    r = enroll(csr);
    EXPECT_EQ(r.status, 200);
    EXPECT_GE(r.elapsedMs, 400);
    EXPECT_TRUE(leafOf(r));

    ASSERT_TRUE(m_server->setMode(QStringLiteral("truncated")));
    r = enroll(csr);
    EXPECT_NE(r.error, QNetworkReply::NoError);
    EXPECT_FALSE(leafOf(r));
    EXPECT_EQ(m_server->issuedCount(), 4); // wrong-type, no-cte, slow, truncated issued a certificate
}

TEST_F(EstServerTest, TruncatedAnswerAnnouncesMoreThanItSends)
{
    startServer({ QStringLiteral("--mode"), QStringLiteral("truncated") });
    const QByteArray csr = TestPki::makeCsr(QStringLiteral("Token"), QStringLiteral("SN9")).csrDer;
    const EstServerProcess::Reply r
        = m_server->request("POST", "/.well-known/est/simpleenroll", base64Lines(csr),
                            { { "Content-Type", "application/pkcs10" } });
    EXPECT_EQ(r.status, 200);
    EXPECT_LT(r.body.size(), r.header("Content-Length").toLongLong());
    EXPECT_GT(r.body.size(), 0);
}

TEST_F(EstServerTest, CaCertsModes)
{
    startServer();
    ASSERT_TRUE(m_server->setMode(QStringLiteral("cacerts:untrusted")));
    NetReply r = get(QStringLiteral("cacerts"));
    EXPECT_EQ(TestPki::certsFromPkcs7(QByteArray::fromBase64(r.body)),
              QList<QByteArray> { TestPki::certToDer(s_pki->untrustedCaCert()) });
    ASSERT_TRUE(m_server->setMode(QStringLiteral("cacerts:http-500")));
    EXPECT_EQ(get(QStringLiteral("cacerts")).status, 500);
    // The enrolment mode is separate.
    EXPECT_EQ(enroll(TestPki::makeCsr(QStringLiteral("x"), QStringLiteral("1")).csrDer).status, 200);
    ASSERT_TRUE(m_server->setMode(QStringLiteral("cacerts:good")));
    r = get(QStringLiteral("cacerts"));
    EXPECT_EQ(TestPki::certsFromPkcs7(QByteArray::fromBase64(r.body)),
              QList<QByteArray> { s_pki->caCertDer() });
}

TEST_F(EstServerTest, StatsCountIssuedAndRequests)
{
    QTemporaryDir dir;
    const QString log = dir.filePath(QStringLiteral("issued.log"));
    startServer({ QStringLiteral("--issued-log"), log });
    EXPECT_EQ(m_server->issuedCount(), 0);
    EXPECT_EQ(m_server->requestCount(), 0);
    get(QStringLiteral("cacerts"));
    enroll(TestPki::makeCsr(QStringLiteral("a"), QStringLiteral("1")).csrDer);
    enroll(TestPki::makeCsr(QStringLiteral("b"), QStringLiteral("2")).csrDer);
    enroll("not a csr");
    EXPECT_EQ(m_server->issuedCount(), 2);
    EXPECT_EQ(m_server->requestCount(), 4);
    QFile f(log);
    ASSERT_TRUE(f.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = f.readAll().trimmed().split('\n');
    ASSERT_EQ(lines.size(), 2);
    EXPECT_TRUE(lines[0].endsWith(" /CN=a/serialNumber=1"));
    EXPECT_EQ(lines[0].indexOf(' '), 32); // 16-byte serial in hex
    EXPECT_TRUE(m_server->reset());
    EXPECT_EQ(m_server->issuedCount(), 0);
}

TEST_F(EstServerTest, BadRequestsAnd404s)
{
    startServer();
    const CsrAndKey csr = TestPki::makeCsr(QStringLiteral("x"), QStringLiteral("1"));
    QNetworkRequest request = makeRequest(QStringLiteral("simpleenroll"));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/pkcs10"));
    EXPECT_EQ(send(request, "POST", "@@@ not base64 @@@").status, 400);
    EXPECT_EQ(send(request, "POST", "").status, 400);
    EXPECT_EQ(send(request, "POST", QByteArray("junk junk junk").toBase64()).status, 400);
    QByteArray tampered = csr.csrDer;
    tampered[tampered.size() / 2] = static_cast<char>(tampered[tampered.size() / 2] ^ 1);
    EXPECT_EQ(send(request, "POST", tampered.toBase64()).status, 400);
    // Raw DER is not accepted: RFC 8951 says base64.
    EXPECT_EQ(send(request, "POST", csr.csrDer).status, 400);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("text/plain"));
    EXPECT_EQ(send(request, "POST", csr.csrDer.toBase64()).status, 415);
    EXPECT_EQ(get(QStringLiteral("simpleenroll")).status, 405);
    EXPECT_EQ(get(QStringLiteral("nothing")).status, 404);
    EXPECT_EQ(get(QStringLiteral("csrattrs")).status, 204);
    EXPECT_EQ(m_server->issuedCount(), 0);
}

TEST_F(EstServerTest, LabelSelectsThePath)
{
    startServer({ QStringLiteral("--label"), QStringLiteral("stations") });
    EXPECT_TRUE(m_server->baseUrl().toString().endsWith(u"/.well-known/est/stations"_qs));
    EXPECT_EQ(get(QStringLiteral("cacerts")).status, 200);
    EXPECT_EQ(m_server->request("GET", "/.well-known/est/cacerts").status, 404);
    EXPECT_EQ(m_server->request("GET", "/.well-known/est/other/cacerts").status, 404);
}

// Raw bytes over TLS: malformed HTTP gets 400 and the server keeps serving.
TEST_F(EstServerTest, MalformedHttpGets400AndServerSurvives)
{
    startServer();
    const QList<QByteArray> bad {
        "GARBAGE\r\n\r\n",
        "GET /x HTTP/9.9\r\n\r\n",
        "GET /.well-known/est/cacerts HTTP/1.1\r\nNo colon here\r\n\r\n",
        "POST /.well-known/est/simpleenroll HTTP/1.1\r\nContent-Length: -5\r\n\r\n",
        "POST /.well-known/est/simpleenroll HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n",
        "GET /a HTTP/1.1\nHost: x\n\n\r\n\r\n",
        QByteArray(70000, 'A')
    };
    for (const QByteArray &bytes : bad) {
        QSslSocket socket;
        socket.setSslConfiguration(m_server->sslConfiguration());
        socket.connectToHostEncrypted(QStringLiteral("127.0.0.1"), m_server->port());
        ASSERT_TRUE(socket.waitForEncrypted(5000));
        socket.write(bytes);
        QByteArray in;
        while (socket.waitForReadyRead(5000))
            in += socket.readAll();
        EXPECT_TRUE(in.startsWith("HTTP/1.1 400 ") || in.startsWith("HTTP/1.1 431 "))
            << in.left(40).toStdString();
        EXPECT_EQ(socket.state(), QAbstractSocket::UnconnectedState);
    }
    // Plain TCP to the TLS port, and a client that hangs up mid-request.
    QTcpSocket plain;
    plain.connectToHost(QStringLiteral("127.0.0.1"), m_server->port());
    ASSERT_TRUE(plain.waitForConnected(5000));
    plain.write("GET / HTTP/1.1\r\n\r\n");
    plain.waitForReadyRead(2000);
    plain.abort();
    {
        QSslSocket socket;
        socket.setSslConfiguration(m_server->sslConfiguration());
        socket.connectToHostEncrypted(QStringLiteral("127.0.0.1"), m_server->port());
        ASSERT_TRUE(socket.waitForEncrypted(5000));
        socket.write("POST /.well-known/est/simpleenroll HTTP/1.1\r\nContent-Length: 100\r\n\r\nabc");
        socket.waitForBytesWritten(1000);
        socket.abort();
    }
    EXPECT_TRUE(m_server->isRunning());
    EXPECT_EQ(get(QStringLiteral("cacerts")).status, 200);
}

TEST_F(EstServerTest, RequestArrivingByteByByte)
{
    startServer();
    const QByteArray csr = base64Lines(TestPki::makeCsr(QStringLiteral("x"), QStringLiteral("1")).csrDer);
    const QByteArray request
        = "\r\nPOST /.well-known/est/simpleenroll HTTP/1.1\r\nContent-Type: application/pkcs10\r\n"
          "Connection: close\r\nContent-Length: "
        + QByteArray::number(csr.size()) + "\r\n\r\n" + csr;
    QSslSocket socket;
    socket.setSslConfiguration(m_server->sslConfiguration());
    socket.setSocketOption(QAbstractSocket::LowDelayOption, 1);
    socket.connectToHostEncrypted(QStringLiteral("127.0.0.1"), m_server->port());
    ASSERT_TRUE(socket.waitForEncrypted(5000));
    for (char c : request) {
        socket.write(&c, 1);
        socket.flush();
    }
    QByteArray in;
    while (socket.waitForReadyRead(5000))
        in += socket.readAll();
    EXPECT_TRUE(in.startsWith("HTTP/1.1 200 OK")) << in.left(60).toStdString();
    EXPECT_EQ(m_server->issuedCount(), 1);
}

TEST_F(EstServerTest, RandomBytesNeverKillTheServer)
{
    startServer();
    QRandomGenerator random(7);
    const QByteArray prefixes[]
        = { "", "GET /.well-known/est/cacerts HTTP/1.1\r\n",
            "POST /.well-known/est/simpleenroll HTTP/1.1\r\nContent-Length: 40\r\n\r\n" };
    for (int i = 0; i < 30; ++i) {
        QByteArray bytes(random.bounded(1, 4000), Qt::Uninitialized);
        for (char &c : bytes)
            c = static_cast<char>(random.bounded(256));
        QSslSocket socket;
        socket.setSslConfiguration(m_server->sslConfiguration());
        socket.connectToHostEncrypted(QStringLiteral("127.0.0.1"), m_server->port());
        ASSERT_TRUE(socket.waitForEncrypted(5000));
        socket.write(prefixes[i % 3] + bytes + "\r\n\r\n");
        socket.waitForReadyRead(200);
        socket.abort();
    }
    EXPECT_TRUE(m_server->isRunning());
    EXPECT_EQ(get(QStringLiteral("cacerts")).status, 200);
}

TEST_F(EstServerTest, KeepAliveServesPipelinedRequests)
{
    startServer();
    const QByteArray csr = base64Lines(TestPki::makeCsr(QStringLiteral("x"), QStringLiteral("1")).csrDer);
    QSslSocket socket;
    socket.setSslConfiguration(m_server->sslConfiguration());
    socket.connectToHostEncrypted(QStringLiteral("127.0.0.1"), m_server->port());
    ASSERT_TRUE(socket.waitForEncrypted(5000));
    const QByteArray enrollRequest
        = "POST /.well-known/est/simpleenroll HTTP/1.1\r\nHost: a\r\nContent-Type: "
          "application/pkcs10\r\nContent-Length: "
        + QByteArray::number(csr.size()) + "\r\n\r\n" + csr;
    socket.write("GET /.well-known/est/cacerts HTTP/1.1\r\nHost: a\r\n\r\n" + enrollRequest + enrollRequest
                 + "GET /.well-known/est/csrattrs HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
    QByteArray in;
    while (socket.waitForReadyRead(5000))
        in += socket.readAll();
    EXPECT_EQ(in.count("HTTP/1.1 200 OK"), 3);
    EXPECT_EQ(in.count("HTTP/1.1 204 No Content"), 1);
    EXPECT_EQ(m_server->issuedCount(), 2);
}

// RFC 9110 10.1.1: a client that sends "Expect: 100-continue" waits for the interim answer before the body.
TEST_F(EstServerTest, ExpectContinueGetsInterimAnswer)
{
    startServer();
    const QByteArray csr = base64Lines(TestPki::makeCsr(QStringLiteral("x"), QStringLiteral("1")).csrDer);
    QSslSocket socket;
    socket.setSslConfiguration(m_server->sslConfiguration());
    socket.connectToHostEncrypted(QStringLiteral("127.0.0.1"), m_server->port());
    ASSERT_TRUE(socket.waitForEncrypted(5000));
    socket.write(
        "POST /.well-known/est/simpleenroll HTTP/1.1\r\nHost: a\r\nContent-Type: application/pkcs10\r\n"
        "Expect: 100-continue\r\nConnection: close\r\nContent-Length: "
        + QByteArray::number(csr.size()) + "\r\n\r\n");
    QByteArray in;
    while (!in.contains("\r\n\r\n") && socket.waitForReadyRead(5000))
        in += socket.readAll();
    EXPECT_EQ(in, "HTTP/1.1 100 Continue\r\n\r\n");
    socket.write(csr);
    while (socket.waitForReadyRead(5000))
        in += socket.readAll();
    EXPECT_TRUE(in.contains("HTTP/1.1 200 OK")) << in.toStdString();
}

TEST_F(EstServerTest, ClientCertificateAndBasicTogether)
{
    startServer({ QStringLiteral("--client-ca"), s_pki->caCertPath(), QStringLiteral("--basic"),
                  QStringLiteral("u:p") });
    const QByteArray csr = TestPki::makeCsr(QStringLiteral("x"), QStringLiteral("1")).csrDer;
    const QByteArray basic = "Basic " + QByteArray("u:p").toBase64();
    EXPECT_EQ(enroll(csr, QStringLiteral("simpleenroll"), basic).status, 403); // no client certificate
    m_sslConfig = m_server->sslConfiguration();
    m_sslConfig.setLocalCertificate(QSslCertificate::fromPath(s_pki->clientCertPath()).first());
    QFile key(s_pki->clientKeyPath());
    ASSERT_TRUE(key.open(QIODevice::ReadOnly));
    m_sslConfig.setPrivateKey(QSslKey(key.readAll(), QSsl::Ec));
    m_nam.clearConnectionCache(); // QNAM reuses a kept-alive connection even when the TLS settings changed
    EXPECT_EQ(enroll(csr).status, 401);
    EXPECT_EQ(enroll(csr, QStringLiteral("simpleenroll"), basic).status, 200);
}

TEST_F(EstServerTest, ManyConcurrentEnrolments)
{
    startServer({ QStringLiteral("--slow-ms"), QStringLiteral("300"), QStringLiteral("--mode"),
                  QStringLiteral("slow") });
    constexpr int kManagers = 5; // QNetworkAccessManager opens at most 6 connections per host
    constexpr int kRequests = 30;
    std::vector<std::unique_ptr<QNetworkAccessManager>> managers;
    for (int i = 0; i < kManagers; ++i)
        managers.push_back(std::make_unique<QNetworkAccessManager>());
    QList<QNetworkReply *> replies;
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < kRequests; ++i) {
        QNetworkRequest request = makeRequest(QStringLiteral("simpleenroll"));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/pkcs10"));
        const QByteArray csr = TestPki::makeCsr(QStringLiteral("c%1").arg(i), QString::number(i)).csrDer;
        replies << managers[static_cast<size_t>(i % kManagers)]->post(request, base64Lines(csr));
    }
    int ok = 0;
    for (QNetworkReply *reply : replies) {
        if (!reply->isFinished()) {
            QSignalSpy spy(reply, &QNetworkReply::finished);
            EXPECT_TRUE(spy.wait(20000));
        }
        ok += reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 200 ? 1 : 0;
        reply->deleteLater();
    }
    EXPECT_EQ(ok, kRequests);
    // 30 answers delayed 300 ms each over 30 connections: concurrent, so far below 30 * 300 ms.
    EXPECT_LT(timer.elapsed(), 4000);
    EXPECT_EQ(m_server->issuedCount(), kRequests);
}

// Under ASan the server's exit code also carries LeakSanitizer's verdict on everything done before.
TEST_F(EstServerTest, ExitsCleanlyAfterWork)
{
    startServer({ QStringLiteral("--client-ca"), s_pki->caCertPath(), QStringLiteral("--slow-ms"),
                  QStringLiteral("60000"), QStringLiteral("--mode"), QStringLiteral("slow") });
    QNetworkRequest request = makeRequest(QStringLiteral("simpleenroll"));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/pkcs10"));
    get(QStringLiteral("cacerts"));
    send(request, "POST", "junk");
    QTcpSocket plain;
    plain.connectToHost(QStringLiteral("127.0.0.1"), m_server->port());
    ASSERT_TRUE(plain.waitForConnected(5000));
    plain.write("not TLS at all\r\n\r\n");
    plain.waitForBytesWritten(1000);
    // A request still waiting for its slow answer when the server stops.
    QSslSocket pending;
    pending.setSslConfiguration(m_server->sslConfiguration());
    pending.connectToHostEncrypted(QStringLiteral("127.0.0.1"), m_server->port());
    ASSERT_TRUE(pending.waitForEncrypted(5000));
    const QByteArray csr = base64Lines(TestPki::makeCsr(QStringLiteral("x"), QStringLiteral("1")).csrDer);
    pending.write("POST /.well-known/est/simpleenroll HTTP/1.1\r\nContent-Type: application/pkcs10\r\n"
                  "Content-Length: "
                  + QByteArray::number(csr.size()) + "\r\n\r\n" + csr);
    pending.waitForBytesWritten(1000);
    ASSERT_TRUE(m_server->setMode(QStringLiteral("good")));
    EXPECT_TRUE(m_server->stop()) << m_server->errorString().toStdString();
}

TEST(EstServerProcessTest, StopsCleanlyOnSigterm)
{
    QTemporaryDir dir;
    const TestPki pki = TestPki::create(dir.path());
    QProcess process;
    process.start(EstServerProcess::executablePath(),
                  { QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--ca-cert"),
                    pki.caCertPath(), QStringLiteral("--ca-key"), pki.caKeyPath(),
                    QStringLiteral("--tls-cert"), pki.serverCertPath(), QStringLiteral("--tls-key"),
                    pki.serverKeyPath() });
    ASSERT_TRUE(process.waitForReadyRead(10000));
    EXPECT_TRUE(process.readLine().startsWith("LISTENING "));
    process.terminate();
    ASSERT_TRUE(process.waitForFinished(5000));
    EXPECT_EQ(process.exitStatus(), QProcess::NormalExit);
    EXPECT_EQ(process.exitCode(), 0);
}

TEST(EstServerProcessTest, BadArgumentsFailToStart)
{
    QTemporaryDir dir;
    const TestPki pki = TestPki::create(dir.path());
    EstServerProcess server(pki);
    EXPECT_FALSE(server.start({ QStringLiteral("--mode"), QStringLiteral("bogus") }));
    EXPECT_FALSE(server.errorString().isEmpty());
    EXPECT_FALSE(server.isRunning());
}

} // namespace
