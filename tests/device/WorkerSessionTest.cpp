// Each key's PKCS#11 work in a worker process (keystation-token-worker) through the simulated hub: the
// same results as in-process, and a worker that crashes, hangs or is killed fails that key alone.
#include "device/worker/WorkerSession.h"
#include "SimHubControl.h"
#include "SoftHsmEnv.h"
#include "TestPki.h"
#include "device/CsrBuilder.h"
#include "device/SerialNumber.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>

#include <gtest/gtest.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include <csignal>
#include <cstdlib>
#include <fcntl.h>
#include <future>
#include <unistd.h>

using namespace ks::device;
using ks::simhub::SimHubControl;

namespace {

const QByteArray kPin("123456");

class WorkerSessionTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        m_statePath = m_env.dir() + "/hub.state";
        ::setenv("KS_SIMHUB_STATE", m_statePath.c_str(), 1);
        ::setenv("KS_SIMHUB_TARGET", ks::test::SoftHsmEnv::softHsmModulePath().c_str(), 1);
        for (const auto &s : m_env.initTokens(2)) {
            m_serials << SerialNumber::normalise(QString::fromStdString(s));
            m_raw[m_serials.back()] = s;
        }
        m_control = std::make_unique<SimHubControl>(m_statePath);
    }

    WorkerOptions options(const QString &workerPath = QStringLiteral(KS_WORKER_PATH)) const
    {
        WorkerOptions o;
        o.workerPath = workerPath;
        o.modulePath = QStringLiteral(KS_SIMHUB_MODULE_PATH);
        return o;
    }

    std::unique_ptr<WorkerSession> openLoggedIn(const QString &serial)
    {
        auto session = WorkerSession::open(options(), serial);
        EXPECT_TRUE(session) << session.error().toString().toStdString();
        if (!session)
            return {};
        auto login = (*session)->login(kPin);
        EXPECT_TRUE(login) << login.error().toString().toStdString();
        return std::move(*session);
    }

    int triesLeft(const QString &serial)
    {
        for (const auto &key : m_control->listKeys()) {
            if (key.serial == m_raw[serial])
                return key.triesLeft;
        }
        return -1;
    }

    static QByteArray procFile(pid_t pid, const char *name)
    {
        QFile f(QStringLiteral("/proc/%1/%2").arg(pid).arg(QLatin1String(name)));
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

    ks::test::SoftHsmEnv m_env;
    std::string m_statePath;
    QStringList m_serials;
    std::map<QString, std::string> m_raw;
    std::unique_ptr<SimHubControl> m_control;
};

} // namespace

TEST_F(WorkerSessionTest, ProvisionsAKeyEndToEndThroughItsWorker)
{
    auto session = openLoggedIn(m_serials[0]);
    ASSERT_TRUE(session);
    EXPECT_EQ(session->token().serial, m_serials[0]);
    EXPECT_GT(session->pid(), 0);

    auto pair
        = session->generateKeyPair(KeyAlgorithm::EcP256, QStringLiteral("worker"), QByteArray("\x01\x02", 2));
    ASSERT_TRUE(pair) << pair.error().toString().toStdString();
    EXPECT_FALSE(pair->rsa);
    EXPECT_EQ(pair->bits, 256);
    EXPECT_FALSE(pair->publicKey.isEmpty());
    // The private key's provenance crosses the pipe (protocol version 2).
    EXPECT_EQ(pair->local, std::optional<bool>(true));
    EXPECT_EQ(pair->extractable, std::optional<bool>(false));
    EXPECT_TRUE(pair->generatedOnKey());
    auto listed = session->keyPairs();
    ASSERT_TRUE(listed);
    ASSERT_EQ(listed->size(), 1);
    EXPECT_TRUE(listed->front().generatedOnKey());
    EXPECT_EQ(listed->front().neverExtractable, std::optional<bool>(true));
    EXPECT_EQ(listed->front().alwaysSensitive, std::optional<bool>(true));
    EXPECT_FALSE(listed->front().idShared);

    CsrRequest request;
    request.subject = { { QStringLiteral("CN"), m_serials[0] } };
    request.keyUsage = { QStringLiteral("digitalSignature") };
    auto csr = session->signCsr(pair->id, request);
    ASSERT_TRUE(csr) << csr.error().toString().toStdString();
    EXPECT_TRUE(ks::test::TestPki::verifyCsr(*csr));

    const auto pki = ks::test::TestPki::create(QString::fromStdString(m_env.dir()) + QStringLiteral("/pki"));
    ks::test::IssueOptions issue;
    issue.issuerCert = pki.caCert();
    issue.issuerKey = pki.caKey();
    const QByteArray cert = ks::test::TestPki::issueFromCsr(*csr, issue);
    auto written = session->writeCertificate(pair->id, cert, QStringLiteral("worker"));
    ASSERT_TRUE(written) << written.error().toString().toStdString();

    auto certs = session->certificates();
    ASSERT_TRUE(certs);
    ASSERT_EQ(certs->size(), 1);
    EXPECT_EQ(certs->front().der, cert);
    EXPECT_EQ(certs->front().id, pair->id);
    auto free = session->freeKeyPairs();
    ASSERT_TRUE(free);
    EXPECT_TRUE(free->isEmpty());

    // Certificates never overwrite each other, through the worker too (the typed error crosses the pipe).
    auto again = session->writeCertificate(pair->id, cert, QStringLiteral("again"));
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, DeviceError::Code::AlreadyExists);
    EXPECT_EQ(again.error().serial, m_serials[0]);
}

// SCEP's calls through the worker (protocol version 4): a self-signed signer certificate made on the key, a
// key-transport block opened with C_Decrypt, CKA_DECRYPT in the key pair's description, and the refusal of an
// EC key pair as a typed error.
TEST_F(WorkerSessionTest, ScepCallsCrossThePipe)
{
    auto session = openLoggedIn(m_serials[0]);
    ASSERT_TRUE(session);
    auto rsa = session->generateKeyPair(KeyAlgorithm::Rsa2048, QStringLiteral("scep"));
    ASSERT_TRUE(rsa) << rsa.error().toString().toStdString();
    EXPECT_EQ(rsa->decrypt, std::optional<bool>(true));

    CsrRequest subject;
    subject.subject = { { QStringLiteral("CN"), m_serials[0] } };
    subject.keyUsage = { QStringLiteral("digitalSignature"), QStringLiteral("keyEncipherment") };
    auto der = session->selfSignedCertificate(rsa->id, subject, 1);
    ASSERT_TRUE(der) << der.error().toString().toStdString();
    auto cert = ks::test::TestPki::certFromDer(*der);
    ASSERT_TRUE(cert);
    EXPECT_EQ(X509_verify(cert.get(), X509_get0_pubkey(cert.get())), 1);
    EXPECT_EQ(ks::test::TestPki::publicKeyDer(X509_get0_pubkey(cert.get())), rsa->publicKey);
    char cn[128] = {};
    X509_NAME_get_text_by_NID(X509_get_subject_name(cert.get()), NID_commonName, cn, sizeof cn);
    EXPECT_EQ(QString::fromUtf8(cn), m_serials[0]);

    const QByteArray contentKey = QByteArray::fromHex("000102030405060708090a0b0c0d0e0f");
    auto key = CsrBuilder::publicKeyFromDer(rsa->publicKey);
    ASSERT_TRUE(key);
    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new(key.get(), nullptr);
    QByteArray ciphertext(256, '\0');
    size_t len = static_cast<size_t>(ciphertext.size());
    ASSERT_EQ(EVP_PKEY_encrypt_init(ctx), 1);
    ASSERT_EQ(EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_PADDING), 1);
    ASSERT_EQ(EVP_PKEY_encrypt(ctx, reinterpret_cast<unsigned char *>(ciphertext.data()), &len,
                               reinterpret_cast<const unsigned char *>(contentKey.constData()),
                               static_cast<size_t>(contentKey.size())),
              1);
    EVP_PKEY_CTX_free(ctx);
    auto plain = session->decrypt(rsa->id, ciphertext.left(static_cast<qsizetype>(len)));
    ASSERT_TRUE(plain) << plain.error().toString().toStdString();
    EXPECT_EQ(*plain, contentKey);

    auto ec = session->generateKeyPair(KeyAlgorithm::EcP256, QStringLiteral("ec"));
    ASSERT_TRUE(ec);
    auto refused = session->decrypt(ec->id, ciphertext);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, DeviceError::Code::Unsupported);
    EXPECT_EQ(refused.error().serial, m_serials[0]);
    EXPECT_TRUE(session->keyPairs()) << "the worker still serves the key";
}

TEST_F(WorkerSessionTest, WrongPinIsTypedAndSpendsExactlyOneTry)
{
    ASSERT_TRUE(m_control->setPinTries(m_raw[m_serials[0]], 3));
    auto session = WorkerSession::open(options(), m_serials[0]);
    ASSERT_TRUE(session) << session.error().toString().toStdString();
    auto login = (*session)->login(QByteArray("999999"));
    ASSERT_FALSE(login);
    EXPECT_EQ(login.error().code, DeviceError::Code::PinIncorrect);
    EXPECT_EQ(login.error().call, QStringLiteral("C_Login"));
    EXPECT_EQ(triesLeft(m_serials[0]), 2);
}

TEST_F(WorkerSessionTest, KilledWorkerFailsThatKeyOnlyAndTheKeyCanBeRetried)
{
    ASSERT_TRUE(m_control->setLatency("C_GenerateKeyPair:EC", 3000, m_raw[m_serials[0]]));
    auto victim = openLoggedIn(m_serials[0]);
    auto bystander = openLoggedIn(m_serials[1]);
    ASSERT_TRUE(victim);
    ASSERT_TRUE(bystander);

    QElapsedTimer timer;
    timer.start();
    auto generating = std::async(std::launch::async, [&] {
        return victim->generateKeyPair(KeyAlgorithm::EcP256, QStringLiteral("victim"));
    });
    // The bystander works while the victim's worker is inside its 3 s key generation.
    auto other = bystander->generateKeyPair(KeyAlgorithm::EcP256, QStringLiteral("bystander"));
    ASSERT_TRUE(other) << other.error().toString().toStdString();
    ASSERT_EQ(::kill(victim->pid(), SIGKILL), 0);
    auto killed = generating.get();
    EXPECT_LT(timer.elapsed(), 2500) << "the call ended with its worker, not when the chip finished";
    ASSERT_FALSE(killed);
    EXPECT_EQ(killed.error().code, DeviceError::Code::WorkerFailed);
    EXPECT_EQ(killed.error().serial, m_serials[0]);
    EXPECT_TRUE(killed.error().message.contains(QStringLiteral("SIGKILL")))
        << killed.error().message.toStdString();
    // The dead worker answers nothing more, quickly and clearly.
    auto after = victim->keyPairs();
    ASSERT_FALSE(after);
    EXPECT_EQ(after.error().code, DeviceError::Code::WorkerFailed);

    // The bystander's worker is untouched; the victim's key takes a fresh worker without a station restart.
    EXPECT_TRUE(bystander->keyPairs());
    ASSERT_TRUE(m_control->setLatency("C_GenerateKeyPair:EC", 0, m_raw[m_serials[0]]));
    auto retry = openLoggedIn(m_serials[0]);
    ASSERT_TRUE(retry);
    EXPECT_TRUE(retry->generateKeyPair(KeyAlgorithm::EcP256, QStringLiteral("retry")));
}

TEST_F(WorkerSessionTest, AbortEndsAHungCallAtOnce)
{
    ASSERT_TRUE(m_control->setLatency("C_GenerateKeyPair:EC", 60000, m_raw[m_serials[0]]));
    auto session = openLoggedIn(m_serials[0]);
    ASSERT_TRUE(session);
    QElapsedTimer timer;
    timer.start();
    auto generating = std::async(std::launch::async, [&] {
        return session->generateKeyPair(KeyAlgorithm::EcP256, QStringLiteral("hung"));
    });
    EXPECT_EQ(generating.wait_for(std::chrono::milliseconds(300)), std::future_status::timeout);
    EXPECT_TRUE(session->abort());
    auto result = generating.get();
    EXPECT_LT(timer.elapsed(), 10000);
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, DeviceError::Code::WorkerFailed);
    EXPECT_TRUE(result.error().message.contains(QStringLiteral("stopped by the station")))
        << result.error().message.toStdString();
    EXPECT_NE(::kill(session->pid(), 0), 0) << "the worker is gone";
}

TEST_F(WorkerSessionTest, PinsAndStationSecretsNeverReachArgvOrTheEnvironment)
{
    ::setenv("KS_PG_PASSWORD", "pg-secret-value", 1);
    ::setenv("PGPASSWORD", "pg-secret-value", 1);
    ::setenv("KEYSTATION_HMAC_KEY", "hmac-secret-value", 1);
    ::setenv("FACTORY_TRANSPORT_CODE", "code-secret-value", 1); // a profile's pin.env may have any name
    // A file the station holds open without close-on-exec (a journal, a secret) must not reach the worker.
    const std::string heldPath = m_env.dir() + "/station-held-file";
    const int held = ::open(heldPath.c_str(), O_CREAT | O_RDWR, 0600);
    ASSERT_GE(held, 0);
    WorkerOptions withheld = options();
    withheld.withheldEnvironment << QStringLiteral("FACTORY_TRANSPORT_CODE");
    auto opened = WorkerSession::open(withheld, m_serials[0]);
    ASSERT_TRUE(opened) << opened.error().toString().toStdString();
    auto session = std::move(*opened);
    ASSERT_TRUE(session->login(kPin));
    ::unsetenv("FACTORY_TRANSPORT_CODE");
    ::unsetenv("KS_PG_PASSWORD");
    ::unsetenv("PGPASSWORD");
    ::unsetenv("KEYSTATION_HMAC_KEY");
    ASSERT_TRUE(session);
    const QByteArray cmdline = procFile(session->pid(), "cmdline");
    const QByteArray environ = procFile(session->pid(), "environ");
    ASSERT_FALSE(cmdline.isEmpty());
    ASSERT_FALSE(environ.isEmpty());
    EXPECT_EQ(cmdline, QByteArray(KS_WORKER_PATH) + '\0') << "argv is the program alone";
    EXPECT_FALSE(environ.contains("secret-value"));
    EXPECT_FALSE(environ.contains(kPin));
    EXPECT_TRUE(environ.contains("KS_SIMHUB_STATE=")) << "the module's own settings pass";
    const QDir fdDir(QStringLiteral("/proc/%1/fd").arg(session->pid()));
    const auto fds = fdDir.entryList(QDir::NoDotAndDotDot | QDir::System | QDir::Files | QDir::Dirs);
    ASSERT_FALSE(fds.isEmpty());
    for (const auto &fd : fds) {
        const QString target = QFile::symLinkTarget(fdDir.filePath(fd));
        EXPECT_NE(target, QString::fromStdString(heldPath)) << "fd " << fd.toStdString();
    }
    ::close(held);
}

TEST_F(WorkerSessionTest, AMissingOrBrokenWorkerIsAClearErrorOnThatKey)
{
    auto missing
        = WorkerSession::open(options(QStringLiteral("/nonexistent/keystation-token-worker")), m_serials[0]);
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, DeviceError::Code::WorkerFailed);
    EXPECT_TRUE(missing.error().message.contains(QStringLiteral("/nonexistent/keystation-token-worker")));

    // A program that exits without speaking the protocol.
    auto silent = WorkerSession::open(options(QStringLiteral("/bin/true")), m_serials[0]);
    ASSERT_FALSE(silent);
    EXPECT_EQ(silent.error().code, DeviceError::Code::WorkerFailed);
    EXPECT_TRUE(silent.error().message.contains(QStringLiteral("exited with status 0")))
        << silent.error().message.toStdString();

    // A key that is not there fails in the worker, with the device layer's own error.
    auto absent = WorkerSession::open(options(), QStringLiteral("00000000deadbeef"));
    ASSERT_FALSE(absent);
    EXPECT_EQ(absent.error().code, DeviceError::Code::TokenAbsent);
}
