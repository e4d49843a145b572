#include "ca_client/EnrollmentClientFactory.h"
#include "ca_client/HttpTransport.h"

#include "CfsslServer.h"
#include "ClientHarness.h"
#include "TestPki.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QMutex>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QThread>

#include <gtest/gtest.h>

using namespace ks;
using ca::CaError;
using ca::CaSettings;
using test::CfsslServer;
using test::ClientHarness;
using test::TestPki;

namespace {

// Counts the lab-mode warnings of the "ks.ca" category.
QMutex g_logMutex;
int g_insecureWarnings = 0;
QtMessageHandler g_previousHandler = nullptr;

void countingHandler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (type == QtWarningMsg && qstrcmp(context.category, "ks.ca") == 0
        && message.contains(u"INSECURE LAB MODE")) {
        QMutexLocker lock(&g_logMutex);
        ++g_insecureWarnings;
    }
    g_previousHandler(type, context, message);
}

class TlsTest : public ::testing::Test
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

    void startServer(const QString &cert, const QString &key)
    {
        CfsslServer::Options o;
        o.caCertPath = s_pki->caCertPath();
        o.caKeyPath = s_pki->caKeyPath();
        o.tlsCertPath = cert;
        o.tlsKeyPath = key;
        // The readiness probe must trust whoever issued the server certificate.
        o.probeTrustPath
            = cert == s_pki->untrustedServerCertPath() ? s_pki->untrustedCaCertPath() : s_pki->caCertPath();
        if (cert == s_pki->expiredServerCertPath() || cert == s_pki->otherHostServerCertPath()) {
            // curl refuses these too; probe with a server that is fine, then restart with the bad
            // certificate.
            o.tlsCertPath = s_pki->serverCertPath();
            o.tlsKeyPath = s_pki->serverKeyPath();
            ASSERT_TRUE(m_server.start(o)) << m_server.errorString().toStdString();
            m_server.stop();
            m_badCert = true;
            o.tlsCertPath = cert;
            o.tlsKeyPath = key;
            startUnprobed(o);
            return;
        }
        ASSERT_TRUE(m_server.start(o)) << m_server.errorString().toStdString();
    }

    // cfssl serve without the readiness probe (which would fail on purpose): wait for the port to accept.
    void startUnprobed(const CfsslServer::Options &o)
    {
        m_raw = std::make_unique<QProcess>();
        m_rawPort = m_server.port();
        m_raw->start(QStringLiteral("cfssl"),
                     { QStringLiteral("serve"), QStringLiteral("-address"), QStringLiteral("127.0.0.1"),
                       QStringLiteral("-port"), QString::number(m_rawPort), QStringLiteral("-ca"),
                       o.caCertPath, QStringLiteral("-ca-key"), o.caKeyPath, QStringLiteral("-tls-cert"),
                       o.tlsCertPath, QStringLiteral("-tls-key"), o.tlsKeyPath });
        ASSERT_TRUE(m_raw->waitForStarted(5000));
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < 10000) {
            QTcpSocket s;
            s.connectToHost(QHostAddress::LocalHost, m_rawPort);
            if (s.waitForConnected(200))
                return;
            QThread::msleep(50);
        }
        FAIL() << "cfssl did not listen";
    }

    void TearDown() override
    {
        if (m_raw) {
            m_raw->terminate();
            if (!m_raw->waitForFinished(3000))
                m_raw->kill();
            m_raw->waitForFinished(3000);
        }
    }

    CaSettings settings() const
    {
        CaSettings s;
        s.protocol = CaSettings::Protocol::Cfssl;
        s.baseUrl = QUrl(QStringLiteral("https://127.0.0.1:%1").arg(m_raw ? m_rawPort : m_server.port()));
        s.trustAnchorFile = s_pki->caCertPath();
        s.requestTimeout = std::chrono::seconds(10);
        return s;
    }

    static ca::Result<ca::CaInfo> info(const CaSettings &s)
    {
        ClientHarness h(s);
        if (!h.client())
            return *h.createError();
        auto r = ClientHarness::wait(h.client()->info());
        if (!r)
            return CaError::make(CaError::Code::None, QStringLiteral("test"), QStringLiteral("no result"));
        return *r;
    }

    static QByteArray serverSpkiPin()
    {
        const auto certs = TestPki::certsFromPemFile(s_pki->serverCertPath());
        return ca::HttpTransport::spkiSha256(TestPki::certToDer(certs.value(0).get()));
    }

    static inline QTemporaryDir *s_dir = nullptr;
    static inline TestPki *s_pki = nullptr;
    CfsslServer m_server;
    std::unique_ptr<QProcess> m_raw;
    quint16 m_rawPort = 0;
    bool m_badCert = false;
};

TEST_F(TlsTest, TrustedServerIsAccepted)
{
    startServer(s_pki->serverCertPath(), s_pki->serverKeyPath());
    const auto r = info(settings());
    EXPECT_TRUE(r) << r.error().toString().toStdString();
}

TEST_F(TlsTest, ServerFromAnotherCaIsRefused)
{
    startServer(s_pki->untrustedServerCertPath(), s_pki->untrustedServerKeyPath());
    const auto r = info(settings());
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, CaError::Code::Tls) << r.error().toString().toStdString();
}

TEST_F(TlsTest, ConfiguredAnchorsReplaceTheSystemStore)
{
    startServer(s_pki->serverCertPath(), s_pki->serverKeyPath());
    CaSettings s = settings();
    s.trustAnchorFile = s_pki->untrustedCaCertPath(); // a valid CA, but not the server's
    const auto r = info(s);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, CaError::Code::Tls);
}

TEST_F(TlsTest, WrongHostNameIsRefused)
{
    startServer(s_pki->otherHostServerCertPath(), s_pki->otherHostServerKeyPath());
    const auto r = info(settings());
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, CaError::Code::Tls);
    EXPECT_TRUE(r.error().message.contains(u"host", Qt::CaseInsensitive)) << r.error().message.toStdString();
}

TEST_F(TlsTest, ExpiredServerCertificateIsRefused)
{
    startServer(s_pki->expiredServerCertPath(), s_pki->expiredServerKeyPath());
    const auto r = info(settings());
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, CaError::Code::Tls);
    EXPECT_TRUE(r.error().message.contains(u"expired", Qt::CaseInsensitive))
        << r.error().message.toStdString();
}

TEST_F(TlsTest, PinMatchIsAccepted)
{
    startServer(s_pki->serverCertPath(), s_pki->serverKeyPath());
    CaSettings s = settings();
    s.pinnedSpkiSha256 = serverSpkiPin();
    ASSERT_EQ(s.pinnedSpkiSha256.size(), 32);
    const auto r = info(s);
    EXPECT_TRUE(r) << r.error().toString().toStdString();
}

TEST_F(TlsTest, PinMismatchIsRefusedBeforeAnythingIsSigned)
{
    startServer(s_pki->serverCertPath(), s_pki->serverKeyPath());
    CaSettings s = settings();
    s.pinnedSpkiSha256 = QByteArray(32, '\x42');
    s.profile = QStringLiteral("station");
    ClientHarness h(s);
    const auto csr = TestPki::makeCsr(QStringLiteral("PIN"), {});
    ca::EnrollmentRequest request;
    request.csrDer = csr.csrDer;
    const auto r = ClientHarness::wait(h.client()->enroll(request));
    ASSERT_TRUE(r);
    ASSERT_FALSE(*r);
    EXPECT_EQ(r->error().code, CaError::Code::PinMismatch) << r->error().toString().toStdString();
    EXPECT_EQ(m_server.issuedCount(), 0);
}

TEST_F(TlsTest, PinParsing)
{
    const QByteArray pin = serverSpkiPin();
    EXPECT_EQ(CaSettings::parsePin(QString::fromLatin1(pin.toHex())).value(), pin);
    EXPECT_EQ(CaSettings::parsePin(QStringLiteral("sha256//") + QString::fromLatin1(pin.toBase64())).value(),
              pin);
    EXPECT_EQ(CaSettings::parsePin(QString::fromLatin1(pin.toHex(':'))).value(), pin);
    EXPECT_FALSE(CaSettings::parsePin(QStringLiteral("abcd")));
}

TEST_F(TlsTest, InsecureLabModeAcceptsAnyServerAndWarnsOnEveryRequest)
{
    startServer(s_pki->untrustedServerCertPath(), s_pki->untrustedServerKeyPath());
    CaSettings s = settings();
    s.insecureLabMode = true;
    g_insecureWarnings = 0;
    g_previousHandler = qInstallMessageHandler(countingHandler);
    {
        ClientHarness h(s);
        for (int i = 0; i < 3; ++i) {
            const auto r = ClientHarness::wait(h.client()->info());
            ASSERT_TRUE(r && *r) << (r ? r->error().toString().toStdString() : "no result");
        }
    }
    qInstallMessageHandler(g_previousHandler);
    QMutexLocker lock(&g_logMutex);
    EXPECT_GE(g_insecureWarnings, 3); // one per request at least (plus one per TLS error list)
}

TEST_F(TlsTest, MissingTrustAnchorIsAConfigurationError)
{
    CaSettings s;
    s.protocol = CaSettings::Protocol::Est;
    s.baseUrl = QUrl(QStringLiteral("https://127.0.0.1:1"));
    auto created = ca::EnrollmentClientFactory::create(s);
    ASSERT_FALSE(created);
    EXPECT_EQ(created.error().code, CaError::Code::Configuration);
    s.trustAnchorFile = QStringLiteral("/nonexistent/ca.pem");
    EXPECT_EQ(ca::EnrollmentClientFactory::create(s).error().code, CaError::Code::Configuration);
    s.trustAnchorFile = s_pki->caCertPath();
    s.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:1"));
    EXPECT_EQ(ca::EnrollmentClientFactory::create(s).error().code, CaError::Code::Configuration);
    s.baseUrl = QUrl(QStringLiteral("https://127.0.0.1:1"));
    s.clientCertFile = s_pki->clientCertPath(); // key missing
    EXPECT_EQ(ca::EnrollmentClientFactory::create(s).error().code, CaError::Code::Configuration);
}

TEST_F(TlsTest, ConnectionRefusedIsANetworkError)
{
    CaSettings s;
    s.protocol = CaSettings::Protocol::Cfssl;
    QTcpServer probe;
    ASSERT_TRUE(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 port = probe.serverPort();
    probe.close();
    s.baseUrl = QUrl(QStringLiteral("https://127.0.0.1:%1").arg(port));
    s.trustAnchorFile = s_pki->caCertPath();
    const auto r = info(s);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, CaError::Code::Network) << r.error().toString().toStdString();
}

TEST_F(TlsTest, OversizedAnswerIsTooLarge)
{
    startServer(s_pki->serverCertPath(), s_pki->serverKeyPath());
    CaSettings s = settings();
    s.maxResponseBytes = 200; // cfssl's info answer is ≈ 700 bytes
    const auto r = info(s);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, CaError::Code::TooLarge) << r.error().toString().toStdString();
}

// The owner thread may call the client too (it must not block: here the test spins the event loop).
TEST_F(TlsTest, CallableFromTheOwnerThread)
{
    startServer(s_pki->serverCertPath(), s_pki->serverKeyPath());
    auto created = ca::EnrollmentClientFactory::create(settings());
    ASSERT_TRUE(created);
    auto future = (*created)->info();
    QElapsedTimer t;
    t.start();
    while (!future.isFinished() && t.elapsed() < 10000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
    ASSERT_TRUE(future.isFinished());
    EXPECT_TRUE(future.result()) << future.result().error().toString().toStdString();
}

} // namespace
