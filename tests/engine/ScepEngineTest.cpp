// provision --all over SCEP (RFC 8894) against Debian's scepserver, on SoftHSM keys behind the simulated hub:
// the request and the SCEP message are signed on each key, the CA's answer is opened with C_Decrypt on the
// key, and every certificate passes the same check as EST's and CFSSL's before it is written. In this process
// and with a worker process per key.
#include "EngineFixture.h"
#include "ScepServer.h"
#include "core/Journal.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

#include <openssl/x509.h>

using namespace ks;

namespace {

const QString kChallenge = QStringLiteral("scep-engine-challenge");

class ScepEngine : public test::EngineFixture
{
protected:
    void TearDown() override
    {
        EngineFixture::TearDown();
        m_scep.reset();
    }

    // scepserver with challenge `serverChallenge`; the station's profile gives `stationChallenge`.
    void setUpScepBench(int keys, const QString &serverChallenge = kChallenge,
                        const QString &stationChallenge = kChallenge)
    {
        m_scep = std::make_unique<test::ScepServer>();
        ASSERT_TRUE(m_scep->start(serverChallenge)) << m_scep->errorString().toStdString();
        const QString challengePath = QString::fromStdString(m_env.dir()) + QStringLiteral("/scep-challenge");
        QFile challenge(challengePath);
        ASSERT_TRUE(challenge.open(QIODevice::WriteOnly));
        challenge.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner); // a secret: owner-only
        challenge.write(stationChallenge.toUtf8() + '\n');
        challenge.close();
        const QJsonObject profile {
            { QStringLiteral("keyAlgorithm"), QStringLiteral("rsa2048") },
            // What scepserver issues: keyUsage digitalSignature (critical), EKU clientAuth.
            { QStringLiteral("keyUsage"), QJsonArray { QStringLiteral("digitalSignature") } },
            { QStringLiteral("extendedKeyUsage"), QJsonArray { QStringLiteral("clientAuth") } },
            { QStringLiteral("ca"),
              QJsonObject {
                  { QStringLiteral("protocol"), QStringLiteral("scep") },
                  { QStringLiteral("url"), m_scep->url().toString() }, // http://127.0.0.1:PORT/scep
                  { QStringLiteral("caCertificateSha256"),
                    QString::fromLatin1(m_scep->caCertificateSha256().toHex()) },
                  { QStringLiteral("challengePasswordFile"), challengePath },
                  { QStringLiteral("trustAnchorFile"), m_scep->caCertificatePath() },
              } },
        };
        setUpBench(keys, profile);
    }

    // Each key done, with a certificate written under its key pair's id, issued by the scepserver CA for the
    // key's own public key and serial.
    void expectEveryKeyDone(const Outcome &outcome)
    {
        ASSERT_TRUE(outcome.finished);
        EXPECT_EQ(outcome.summary.done, m_serials.size());
        EXPECT_EQ(outcome.summary.failed, 0);
        const QByteArray caDer = m_scep->caCertificateDer();
        const auto ca = test::TestPki::certFromDer(caDer);
        ASSERT_TRUE(ca);
        for (const QString &serial : std::as_const(m_serials)) {
            const core::JobResult r = outcome.results.value(serial);
            ASSERT_TRUE(r.ok()) << serial.toStdString() << ": " << r.errorCode.toStdString() << " "
                                << r.errorMessage.toStdString();
            EXPECT_TRUE(r.generatedKey);
            const auto certs = certificatesOn(serial);
            ASSERT_EQ(certs.size(), 1) << serial.toStdString();
            EXPECT_EQ(certs.front().der, r.certDer);
            EXPECT_EQ(QString::fromLatin1(certs.front().id.toHex()), r.keyIdHex);
            QString why;
            EXPECT_TRUE(test::TestPki::verifyChain(certs.front().der, { caDer }, {}, &why))
                << why.toStdString();
            const auto cert = test::TestPki::certFromDer(certs.front().der);
            ASSERT_TRUE(cert);
            EXPECT_EQ(X509_NAME_cmp(X509_get_issuer_name(cert.get()), X509_get_subject_name(ca.get())), 0);
            char cn[128] = {};
            X509_NAME_get_text_by_NID(X509_get_subject_name(cert.get()), NID_commonName, cn, sizeof cn);
            EXPECT_EQ(QString::fromUtf8(cn), serial);
        }
        EXPECT_EQ(m_scep->issuedCount(), m_serials.size());
    }

    // The journal's CreateCsr "after" detail for the key's last attempt.
    QJsonObject csrDetail(const core::JobResult &r)
    {
        auto events = m_station->journal()->events(m_session, r.attemptId);
        EXPECT_TRUE(events);
        if (!events)
            return {};
        for (const auto &e : *events) {
            if (e.step == QStringLiteral("createCsr") && e.phase == QStringLiteral("after"))
                return QJsonDocument::fromJson(e.detail.toUtf8()).object();
        }
        return {};
    }

    std::unique_ptr<test::ScepServer> m_scep;
};

} // namespace

TEST_F(ScepEngine, ProvisionAllInThisProcess)
{
    setUpScepBench(3);
    const auto outcome = runBatch();
    expectEveryKeyDone(outcome);
    for (const QString &serial : std::as_const(m_serials)) {
        const QJsonObject detail = csrDetail(outcome.results.value(serial));
        EXPECT_EQ(detail.value(QStringLiteral("scepSignerCertificateSha256")).toString().size(), 64)
            << QJsonDocument(detail).toJson().toStdString();
    }
    // Nothing is left over: the one key pair per key is certified (the signer certificate is not stored).
    for (const QString &serial : std::as_const(m_serials))
        EXPECT_EQ(freeKeyPairsOn(serial), 0);
}

TEST_F(ScepEngine, ProvisionAllWithAWorkerPerKey)
{
    m_workerPath = QStringLiteral(KS_WORKER_PATH);
    setUpScepBench(3);
    expectEveryKeyDone(runBatch());
}

// The challenge password is what the CA checks: a wrong one fails every key at the enrolment with the CA's
// refusal, and nothing reaches the keys.
TEST_F(ScepEngine, WrongChallengePasswordFailsEveryKeyAtEnrolment)
{
    setUpScepBench(2, kChallenge, QStringLiteral("not-the-challenge"));
    const auto outcome = runBatch();
    ASSERT_TRUE(outcome.finished);
    EXPECT_EQ(outcome.summary.failed, 2);
    for (const QString &serial : std::as_const(m_serials)) {
        const core::JobResult r = outcome.results.value(serial);
        EXPECT_FALSE(r.ok());
        EXPECT_EQ(r.failedAt, core::JobStage::Enrol) << r.errorMessage.toStdString();
        EXPECT_EQ(r.errorCode, QStringLiteral("CaScepBadRequest")) << r.errorMessage.toStdString();
        EXPECT_FALSE(r.errorMessage.contains(QStringLiteral("not-the-challenge")));
        EXPECT_TRUE(certificatesOn(serial).isEmpty());
    }
    EXPECT_EQ(m_scep->issuedCount(), 0);
}
