// provision --all over SCEP (RFC 8894) against Debian's scepserver, on SoftHSM keys behind the simulated hub:
// the request and the SCEP message are signed on each key, the CA's answer is opened with C_Decrypt on the
// key, and every certificate passes the same check as EST's and CFSSL's before it is written. In this process
// and with a worker process per key.
#include "EngineFixture.h"
#include "ScepServer.h"
#include "core/Journal.h"
#include "device/Pkcs11Module.h"
#include "device/TokenSession.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>

#include <openssl/x509.h>

#include <p11-kit/pkcs11.h>

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
        m_profile = profile;
        setUpBench(keys, profile);
    }

    // An RSA-2048 pair generated on the key before the bench, whose private key may sign but not decrypt.
    bool generateSignOnlyPair(const QString &serial, const QByteArray &id)
    {
        auto token = m_station->module()->findToken(serial);
        if (!token)
            return false;
        CK_FUNCTION_LIST *f = m_station->module()->functions();
        CK_SESSION_HANDLE session = CK_INVALID_HANDLE;
        if (f->C_OpenSession(token->slotId, CKF_SERIAL_SESSION | CKF_RW_SESSION, nullptr, nullptr, &session)
            != CKR_OK)
            return false;
        QByteArray pin("123456");
        CK_RV rv = f->C_Login(session, CKU_USER, reinterpret_cast<CK_UTF8CHAR_PTR>(pin.data()),
                              static_cast<CK_ULONG>(pin.size()));
        CK_BBOOL yes = CK_TRUE, no = CK_FALSE;
        CK_ULONG bits = 2048;
        QByteArray exponent = QByteArray::fromHex("010001"), idCopy = id;
        auto a = [](CK_ATTRIBUTE_TYPE t, void *v, size_t n) { return CK_ATTRIBUTE { t, v, CK_ULONG(n) }; };
        CK_ATTRIBUTE pub[] = { a(CKA_TOKEN, &yes, 1),
                               a(CKA_VERIFY, &yes, 1),
                               a(CKA_ENCRYPT, &yes, 1),
                               a(CKA_MODULUS_BITS, &bits, sizeof bits),
                               a(CKA_PUBLIC_EXPONENT, exponent.data(), size_t(exponent.size())),
                               a(CKA_ID, idCopy.data(), size_t(idCopy.size())) };
        CK_ATTRIBUTE priv[] = { a(CKA_TOKEN, &yes, 1),
                                a(CKA_PRIVATE, &yes, 1),
                                a(CKA_SENSITIVE, &yes, 1),
                                a(CKA_EXTRACTABLE, &no, 1),
                                a(CKA_SIGN, &yes, 1),
                                a(CKA_DECRYPT, &no, 1),
                                a(CKA_ID, idCopy.data(), size_t(idCopy.size())) };
        CK_MECHANISM mechanism { CKM_RSA_PKCS_KEY_PAIR_GEN, nullptr, 0 };
        CK_OBJECT_HANDLE pubHandle = CK_INVALID_HANDLE, privHandle = CK_INVALID_HANDLE;
        if (rv == CKR_OK || rv == CKR_USER_ALREADY_LOGGED_IN)
            rv = f->C_GenerateKeyPair(session, &mechanism, pub, std::size(pub), priv, std::size(priv),
                                      &pubHandle, &privHandle);
        f->C_CloseSession(session);
        return rv == CKR_OK;
    }

    // The journal's "after" detail of `step` for the key's last attempt.
    QJsonObject afterDetail(const core::JobResult &r, const QString &step)
    {
        auto events = m_station->journal()->events(m_session, r.attemptId);
        EXPECT_TRUE(events);
        if (!events)
            return {};
        for (const auto &e : *events) {
            if (e.step == step && e.phase == QStringLiteral("after"))
                return QJsonDocument::fromJson(e.detail.toUtf8()).object();
        }
        return {};
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
            ASSERT_TRUE(r.ok()) << serial.toStdString() << ": " << r.errorCode().toStdString() << " "
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

    std::unique_ptr<test::ScepServer> m_scep;
    QJsonObject m_profile;
};

} // namespace

TEST_F(ScepEngine, ProvisionAllInThisProcess)
{
    setUpScepBench(3);
    const auto outcome = runBatch();
    expectEveryKeyDone(outcome);
    for (const QString &serial : std::as_const(m_serials)) {
        const QJsonObject detail = afterDetail(outcome.results.value(serial), QStringLiteral("createCsr"));
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
        EXPECT_EQ(r.errorCode(), QStringLiteral("CaScepBadRequest")) << r.errorMessage.toStdString();
        EXPECT_FALSE(r.errorMessage.contains(QStringLiteral("not-the-challenge")));
        EXPECT_TRUE(certificatesOn(serial).isEmpty());
    }
    EXPECT_EQ(m_scep->issuedCount(), 0);
}

// The same through the command line, as an operator runs it: keystation-cli provision --all, a worker per
// key.
TEST_F(ScepEngine, KeystationCliProvisionsAllOverScep)
{
    setUpScepBench(3);
    m_station.reset(); // the CLI opens the journal and the hub itself
    const QString passwordFile = m_dir + QStringLiteral("/operator.pw");
    QFile pw(passwordFile);
    ASSERT_TRUE(pw.open(QIODevice::WriteOnly));
    pw.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    pw.write("correct horse battery\n");
    pw.close();
    QProcess cli;
    cli.start(QStringLiteral(KS_CLI_PATH),
              { QStringLiteral("provision"), QStringLiteral("--all"), QStringLiteral("--profile"),
                m_profilePath, QStringLiteral("--module"), QStringLiteral(KS_SIMHUB_MODULE_PATH),
                QStringLiteral("--journal"), m_dir + QStringLiteral("/journal.sqlite"),
                QStringLiteral("--as"), QStringLiteral("admin"), QStringLiteral("--as-password-file"),
                passwordFile });
    ASSERT_TRUE(cli.waitForFinished(120000));
    const QString output = QString::fromUtf8(cli.readAllStandardOutput() + cli.readAllStandardError());
    EXPECT_EQ(cli.exitStatus(), QProcess::NormalExit);
    EXPECT_EQ(cli.exitCode(), 0) << output.toStdString();
    EXPECT_FALSE(output.contains(kChallenge)) << "the challenge password is never printed";

    ASSERT_TRUE(startStation(m_profile)); // to read the keys and the journal back
    const QByteArray caDer = m_scep->caCertificateDer();
    for (const QString &serial : std::as_const(m_serials)) {
        const auto certs = certificatesOn(serial);
        ASSERT_EQ(certs.size(), 1) << serial.toStdString() << "\n" << output.toStdString();
        QString why;
        EXPECT_TRUE(test::TestPki::verifyChain(certs.front().der, { caDer }, {}, &why)) << why.toStdString();
    }
    EXPECT_EQ(m_scep->issuedCount(), m_serials.size());
}

// SCEP opens the CA's answer with C_Decrypt on the key pair: a pair the key generated whose private key may
// not decrypt is not reused (the journal says why), and a new pair is generated and certified.
TEST_F(ScepEngine, PairThatMayNotDecryptIsNotReused)
{
    setUpScepBench(1);
    const QString serial = m_serials.front();
    const QByteArray signOnly("sign-only");
    ASSERT_TRUE(generateSignOnlyPair(serial, signOnly));
    {
        auto session = device::TokenSession::open(m_station->module(), serial);
        ASSERT_TRUE(session);
        ASSERT_TRUE((*session)->login(QByteArray("123456")));
        auto pairs = (*session)->keyPairs();
        ASSERT_TRUE(pairs);
        ASSERT_EQ(pairs->size(), 1);
        EXPECT_TRUE(pairs->front().generatedOnKey());
        EXPECT_EQ(pairs->front().decrypt, std::optional<bool>(false));
    }
    const auto outcome = runBatch();
    ASSERT_TRUE(outcome.finished);
    const core::JobResult r = outcome.results.value(serial);
    ASSERT_TRUE(r.ok()) << r.errorCode().toStdString() << " " << r.errorMessage.toStdString();
    EXPECT_TRUE(r.generatedKey);
    EXPECT_NE(r.keyIdHex, QString::fromLatin1(signOnly.toHex()));
    const QJsonObject found = afterDetail(r, QStringLiteral("findKeyPair"));
    EXPECT_EQ(found.value(QStringLiteral("keyPairOrigin")).toString(), QStringLiteral("generated"));
    const QJsonArray notReused = found.value(QStringLiteral("notReused")).toArray();
    ASSERT_EQ(notReused.size(), 1) << QJsonDocument(found).toJson().toStdString();
    EXPECT_EQ(notReused.at(0).toObject().value(QStringLiteral("keyId")).toString(),
              QString::fromLatin1(signOnly.toHex()));
    EXPECT_TRUE(notReused.at(0)
                    .toObject()
                    .value(QStringLiteral("reason"))
                    .toString()
                    .contains(QStringLiteral("may not decrypt")));
    EXPECT_EQ(certificatesOn(serial).size(), 1);
}
