// What a key holds is read before any login (docs/flow.md, step 4a): a key this profile already provisioned
// is reported done and a key holding another CA's certificate is left for a person, both without a C_Login.
// The proof that no login happened: the profile's PIN is wrong, and the hub's PIN counter (which a wrong
// C_Login decrements and flags CKF_USER_PIN_COUNT_LOW) is untouched. Each test runs with the module in this
// process and with a worker process per key.
#include "EngineFixture.h"

#include "core/Journal.h"
#include "device/Pkcs11Module.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

#include <openssl/pem.h>
#include <openssl/x509.h>

using namespace ks;

namespace {

// True when the certificate's signature verifies with the public key of the CA certificate in this PEM file
// (both test roots carry the same name; only their keys tell them apart).
bool signedBy(const QByteArray &der, const QString &caPemPath)
{
    QFile file(caPemPath);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    const QByteArray pem = file.readAll();
    BIO *bio = BIO_new_mem_buf(pem.constData(), static_cast<int>(pem.size()));
    X509 *ca = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr);
    BIO_free(bio);
    const auto *p = reinterpret_cast<const unsigned char *>(der.constData());
    X509 *cert = d2i_X509(nullptr, &p, static_cast<long>(der.size()));
    const bool ok = ca && cert && X509_verify(cert, X509_get0_pubkey(ca)) == 1;
    X509_free(cert);
    X509_free(ca);
    return ok;
}

class PreLogin : public test::EngineFixture, public ::testing::WithParamInterface<bool>
{
protected:
    void SetUp() override
    {
        if (GetParam())
            m_workerPath = QStringLiteral(KS_WORKER_PATH);
    }

    void writeTransportPin(const QByteArray &pin)
    {
        QFile file(m_dir + QStringLiteral("/transport.pin"));
        ASSERT_TRUE(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(pin + '\n');
    }

    void giveEveryKeyThreeTries()
    {
        for (const auto &serial : std::as_const(m_serials))
            ASSERT_TRUE(m_hub->setPinTries(hub(serial), 3));
    }

    // No wrong C_Login reached the key: all three tries left and the token does not flag a low count.
    void expectNoPinTrySpent(const QString &serial)
    {
        bool seen = false;
        for (const auto &k : m_hub->listKeys()) {
            if (k.serial == hub(serial)) {
                seen = true;
                EXPECT_EQ(k.triesLeft, 3) << serial.toStdString();
            }
        }
        EXPECT_TRUE(seen);
        auto token = m_station->module()->findToken(serial);
        ASSERT_TRUE(token);
        EXPECT_FALSE(token->pinCountLow) << serial.toStdString();
        EXPECT_FALSE(token->pinFinalTry) << serial.toStdString();
    }

    // The detail of the attempt's login "after" (or "failed") event.
    QJsonObject loginDetail(const QString &attemptId, const QString &phase)
    {
        auto events = m_station->journal()->events(m_session, attemptId);
        EXPECT_TRUE(events);
        if (!events)
            return {};
        for (const auto &e : *events) {
            if (e.step == QStringLiteral("login") && e.phase == phase)
                return QJsonDocument::fromJson(e.detail.toUtf8()).object();
        }
        ADD_FAILURE() << "no login " << phase.toStdString() << " event";
        return {};
    }
};

} // namespace

TEST_P(PreLogin, KeyThisProfileProvisionedIsReportedDoneWithoutALogin)
{
    setUpBench(2);
    giveEveryKeyThreeTries();
    ASSERT_EQ(runBatch().summary.done, 2);
    const int issued = m_cfssl->issuedCount();

    // The wrong PIN: any login would spend a try and fail the key.
    writeTransportPin("654321");
    ASSERT_TRUE(startStation());
    auto again = runBatch();
    ASSERT_TRUE(again.finished);
    EXPECT_EQ(again.summary.done, 2);
    EXPECT_EQ(again.summary.failed, 0);
    EXPECT_EQ(again.summary.alreadyProvisioned, 2);
    EXPECT_EQ(m_cfssl->issuedCount(), issued);
    for (const auto &serial : std::as_const(m_serials)) {
        const auto r = again.results.value(serial);
        EXPECT_TRUE(r.alreadyProvisioned) << r.errorCode().toStdString() << r.errorMessage.toStdString();
        EXPECT_FALSE(r.certSerialHex.isEmpty());
        expectNoPinTrySpent(serial);
        const QJsonObject login = loginDetail(r.attemptId, QStringLiteral("after"));
        EXPECT_EQ(login.value(QStringLiteral("loggedIn")), QJsonValue(false));
        EXPECT_EQ(login.value(QStringLiteral("alreadyProvisioned")), QJsonValue(true));
        EXPECT_EQ(certificatesOn(serial).size(), 1);
    }
}

TEST_P(PreLogin, KeyHoldingAnotherCasCertificateIsLeftForAPersonWithoutALoginAndForceAddsOursNextToIt)
{
    setUpBench(2);
    giveEveryKeyThreeTries();
    const QString ourCa = m_pki->caCertPath();

    // Another CA (its own root, its own cfssl) provisions both keys first.
    auto ours = std::move(m_pki);
    m_pki = std::make_unique<test::TestPki>(test::TestPki::create(m_dir + QStringLiteral("/other-pki")));
    const QString otherCa = m_pki->caCertPath();
    restartCfssl();
    ASSERT_TRUE(startStation());
    ASSERT_EQ(runBatch().summary.done, 2);
    QHash<QString, QByteArray> foreign;
    for (const auto &serial : std::as_const(m_serials)) {
        const auto certs = certificatesOn(serial);
        ASSERT_EQ(certs.size(), 1);
        foreign.insert(serial, certs.front().der);
    }

    // Back to this profile's CA, with the wrong PIN: a login would spend a try.
    m_pki = std::move(ours);
    restartCfssl();
    writeTransportPin("654321");
    ASSERT_TRUE(startStation());
    auto left = runBatch();
    ASSERT_TRUE(left.finished);
    EXPECT_EQ(left.summary.done, 0);
    EXPECT_EQ(left.summary.failed, 2);
    EXPECT_EQ(m_cfssl->issuedCount(), 0);
    for (const auto &serial : std::as_const(m_serials)) {
        const auto r = left.results.value(serial);
        EXPECT_EQ(r.error.kind, core::JobError::Kind::ForeignCertificate) << r.errorMessage.toStdString();
        EXPECT_EQ(r.failedAt, core::JobStage::Login);
        EXPECT_TRUE(r.errorMessage.contains(QStringLiteral("--force"))) << r.errorMessage.toStdString();
        expectNoPinTrySpent(serial);
        const QJsonObject failed = loginDetail(r.attemptId, QStringLiteral("failed"));
        EXPECT_EQ(failed.value(QStringLiteral("loggedIn")), QJsonValue(false));
        const QJsonArray certs = failed.value(QStringLiteral("certificates")).toArray();
        ASSERT_EQ(certs.size(), 1);
        EXPECT_EQ(certs.first().toObject().value(QStringLiteral("reason")).toString(),
                  QStringLiteral("UntrustedChain"));
        const auto certs2 = certificatesOn(serial);
        ASSERT_EQ(certs2.size(), 1);
        EXPECT_EQ(certs2.front().der, foreign.value(serial));
    }

    // Forced, with the right PIN: this profile's certificate on a new key pair, next to the foreign one.
    writeTransportPin("123456");
    ASSERT_TRUE(startStation());
    auto forced = runBatch(true);
    ASSERT_TRUE(forced.finished);
    EXPECT_EQ(forced.summary.done, 2);
    EXPECT_EQ(m_cfssl->issuedCount(), 2);
    for (const auto &serial : std::as_const(m_serials)) {
        const auto r = forced.results.value(serial);
        EXPECT_TRUE(r.ok()) << r.errorCode().toStdString() << " " << r.errorMessage.toStdString();
        EXPECT_TRUE(r.generatedKey);
        const QJsonArray seen = loginDetail(r.attemptId, QStringLiteral("after"))
                                    .value(QStringLiteral("foreignCertificates"))
                                    .toArray();
        EXPECT_EQ(seen.size(), 1);
        const auto certs = certificatesOn(serial);
        ASSERT_EQ(certs.size(), 2);
        int foreignSeen = 0;
        int oursSeen = 0;
        for (const auto &c : certs) {
            foreignSeen += c.der == foreign.value(serial) && signedBy(c.der, otherCa) ? 1 : 0;
            oursSeen += signedBy(c.der, ourCa) ? 1 : 0;
        }
        EXPECT_EQ(foreignSeen, 1);
        EXPECT_EQ(oursSeen, 1);
        EXPECT_TRUE(signedBy(r.certDer, ourCa));
    }
}

INSTANTIATE_TEST_SUITE_P(InProcessAndWorker, PreLogin, ::testing::Bool(),
                         [](const auto &info) { return info.param ? "Worker" : "InProcess"; });
