// Key provenance (docs/profiles.md, "Key pairs already on a key"): the station certifies only a private key
// that was generated on the key and never left it. A key pair imported before the bench is left alone and a
// new pair is generated; a pair the key generated is reused (unless reuseKeyPairs is "never"); the journal
// says which. Each test runs with the module in this process and with a worker process per key.
#include "EngineFixture.h"
#include "KeyImport.h"

#include "core/Journal.h"
#include "device/Pkcs11Module.h"
#include "device/TokenSession.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <openssl/x509.h>

using namespace ks;

namespace {

QByteArray certificatePublicKey(const QByteArray &der)
{
    const auto *p = reinterpret_cast<const unsigned char *>(der.constData());
    X509 *cert = d2i_X509(nullptr, &p, static_cast<long>(der.size()));
    if (!cert)
        return {};
    unsigned char *out = nullptr;
    const int len = i2d_PUBKEY(X509_get0_pubkey(cert), &out);
    QByteArray spki = len > 0 ? QByteArray(reinterpret_cast<const char *>(out), len) : QByteArray();
    OPENSSL_free(out);
    X509_free(cert);
    return spki;
}

class KeyProvenance : public test::EngineFixture, public ::testing::WithParamInterface<bool>
{
protected:
    void SetUp() override
    {
        if (GetParam())
            m_workerPath = QStringLiteral(KS_WORKER_PATH);
    }

    // An EC P-256 pair stored on the key with C_CreateObject, as someone holding its PIN before the bench
    // could.
    QByteArray importPair(const QString &serial, const QByteArray &id)
    {
        auto token = m_station->module()->findToken(serial);
        EXPECT_TRUE(token);
        if (!token)
            return {};
        const auto imported
            = test::importEcKeyPair(m_station->module()->functions(), token->slotId, "123456", id);
        EXPECT_FALSE(imported.publicKeyDer.isEmpty()) << imported.error.toStdString();
        return imported.publicKeyDer;
    }

    // A pair made by C_GenerateKeyPair on the key before the bench.
    device::KeyPairInfo generatePair(const QString &serial)
    {
        auto session = device::TokenSession::open(m_station->module(), serial);
        EXPECT_TRUE(session);
        if (!session || !(*session)->login(QByteArray("123456")))
            return {};
        auto pair = (*session)->generateKeyPair(device::KeyAlgorithm::EcP256, QStringLiteral("before"));
        EXPECT_TRUE(pair);
        return pair ? *pair : device::KeyPairInfo {};
    }

    QList<device::KeyPairInfo> pairsOn(const QString &serial)
    {
        auto session = device::TokenSession::open(m_station->module(), serial);
        if (!session || !(*session)->login(QByteArray("123456")))
            return {};
        auto pairs = (*session)->keyPairs();
        return pairs ? *pairs : QList<device::KeyPairInfo> {};
    }

    // The detail of the attempt's findKeyPair "after" event.
    QJsonObject findKeyPairDetail(const QString &attemptId)
    {
        auto events = m_station->journal()->events(m_session, attemptId);
        EXPECT_TRUE(events);
        if (!events)
            return {};
        for (const auto &e : *events) {
            if (e.step == QStringLiteral("findKeyPair") && e.phase == QStringLiteral("after"))
                return QJsonDocument::fromJson(e.detail.toUtf8()).object();
        }
        ADD_FAILURE() << "no findKeyPair after event";
        return {};
    }

    void expectJournalIntact()
    {
        auto verify = m_station->journal()->verify();
        ASSERT_TRUE(verify);
        EXPECT_TRUE(verify->intact) << verify->toString().toStdString();
    }
};

} // namespace

TEST_P(KeyProvenance, ImportedKeyPairIsNeverCertifiedANewPairIsGenerated)
{
    setUpBench(2);
    const QString victim = m_serials[0];
    const QByteArray importedId = QByteArray::fromHex("1badc0de");
    const QByteArray importedKey = importPair(victim, importedId);
    ASSERT_FALSE(importedKey.isEmpty());

    auto outcome = runBatch();
    ASSERT_TRUE(outcome.finished);
    EXPECT_EQ(outcome.summary.done, 2);
    const auto r = outcome.results.value(victim);
    ASSERT_TRUE(r.ok()) << r.errorCode().toStdString() << " " << r.errorMessage.toStdString();
    EXPECT_TRUE(r.generatedKey);
    EXPECT_NE(r.keyIdHex, QString::fromLatin1(importedId.toHex()));
    // The certificate is for the new pair, not for the imported key.
    const QByteArray certified = certificatePublicKey(r.certDer);
    ASSERT_FALSE(certified.isEmpty());
    EXPECT_NE(certified, importedKey);
    const auto certs = certificatesOn(victim);
    ASSERT_EQ(certs.size(), 1);
    EXPECT_NE(certs.front().id, importedId);
    // The imported pair is left on the key as it was: no certificate.
    bool importedStillThere = false;
    for (const auto &pair : pairsOn(victim)) {
        if (pair.id == importedId) {
            importedStillThere = true;
            EXPECT_FALSE(pair.hasCertificate);
        } else {
            EXPECT_TRUE(pair.generatedOnKey());
            EXPECT_EQ(pair.publicKey, certified);
        }
    }
    EXPECT_TRUE(importedStillThere);

    const QJsonObject found = findKeyPairDetail(r.attemptId);
    EXPECT_EQ(found.value(QStringLiteral("keyPairOrigin")).toString(), QStringLiteral("generated"));
    const QJsonArray notReused = found.value(QStringLiteral("notReused")).toArray();
    ASSERT_EQ(notReused.size(), 1);
    EXPECT_EQ(notReused.at(0).toObject().value(QStringLiteral("keyId")).toString(),
              QString::fromLatin1(importedId.toHex()));
    EXPECT_TRUE(notReused.at(0)
                    .toObject()
                    .value(QStringLiteral("reason"))
                    .toString()
                    .contains(QStringLiteral("CKA_LOCAL")));
    expectJournalIntact();
}

TEST_P(KeyProvenance, PairGeneratedOnTheKeyBeforeTheBenchIsReused)
{
    setUpBench(1);
    const QString serial = m_serials[0];
    const auto before = generatePair(serial);
    ASSERT_FALSE(before.id.isEmpty());

    auto outcome = runBatch();
    ASSERT_TRUE(outcome.finished);
    const auto r = outcome.results.value(serial);
    ASSERT_TRUE(r.ok()) << r.errorCode().toStdString() << " " << r.errorMessage.toStdString();
    EXPECT_FALSE(r.generatedKey);
    EXPECT_EQ(r.keyIdHex, QString::fromLatin1(before.id.toHex()));
    EXPECT_EQ(certificatePublicKey(r.certDer), before.publicKey);
    const QJsonObject found = findKeyPairDetail(r.attemptId);
    EXPECT_EQ(found.value(QStringLiteral("keyPairOrigin")).toString(),
              QStringLiteral("reusedGeneratedOnKey"));
    EXPECT_FALSE(found.contains(QStringLiteral("notReused")));
    expectJournalIntact();
}

TEST_P(KeyProvenance, WithNeverNoPairOnTheKeyIsReusedButTheStationsOwnIsResumed)
{
    setUpBench(1, { { QStringLiteral("reuseKeyPairs"), QStringLiteral("never") } });
    const QString serial = m_serials[0];
    const auto before = generatePair(serial);
    ASSERT_FALSE(before.id.isEmpty());

    // The CA is down: the attempt generates its own pair and stops at the enrolment.
    m_cfssl->stop();
    auto down = runBatch();
    ASSERT_TRUE(down.finished);
    const auto failed = down.results.value(serial);
    EXPECT_EQ(failed.failedAt, core::JobStage::Enrol) << failed.errorCode().toStdString();
    EXPECT_TRUE(failed.generatedKey);
    EXPECT_NE(failed.keyIdHex, QString::fromLatin1(before.id.toHex()));
    const QJsonObject refused = findKeyPairDetail(failed.attemptId);
    EXPECT_EQ(refused.value(QStringLiteral("keyPairOrigin")).toString(), QStringLiteral("generated"));
    EXPECT_EQ(refused.value(QStringLiteral("notReused")).toArray().size(), 1);

    // The next batch resumes the pair this station generated, and still not the one from before the bench.
    restartCfssl();
    ASSERT_TRUE(startStation({ { QStringLiteral("reuseKeyPairs"), QStringLiteral("never") } }));
    auto retry = runBatch();
    ASSERT_TRUE(retry.finished);
    const auto r = retry.results.value(serial);
    ASSERT_TRUE(r.ok()) << r.errorCode().toStdString() << " " << r.errorMessage.toStdString();
    EXPECT_TRUE(r.resumed);
    EXPECT_FALSE(r.generatedKey);
    EXPECT_EQ(r.keyIdHex, failed.keyIdHex);
    EXPECT_NE(certificatePublicKey(r.certDer), before.publicKey);
    EXPECT_EQ(findKeyPairDetail(r.attemptId).value(QStringLiteral("keyPairOrigin")).toString(),
              QStringLiteral("resumed"));
    expectJournalIntact();
}

// Someone adds a private key under the CKA_ID of the pair the station generated (it is readable on the key):
// which of the two would sign is the module's choice, so the pair is not resumed and a new one is generated.
TEST_P(KeyProvenance, PrivateKeyAddedUnderTheStationsIdStopsTheResume)
{
    setUpBench(1);
    const QString serial = m_serials[0];
    m_cfssl->stop();
    auto down = runBatch();
    ASSERT_TRUE(down.finished);
    const auto failed = down.results.value(serial);
    ASSERT_EQ(failed.failedAt, core::JobStage::Enrol);
    const QByteArray stationId = QByteArray::fromHex(failed.keyIdHex.toLatin1());
    const QByteArray importedKey = importPair(serial, stationId);
    ASSERT_FALSE(importedKey.isEmpty());

    restartCfssl();
    ASSERT_TRUE(startStation());
    auto retry = runBatch();
    ASSERT_TRUE(retry.finished);
    const auto r = retry.results.value(serial);
    ASSERT_TRUE(r.ok()) << r.errorCode().toStdString() << " " << r.errorMessage.toStdString();
    EXPECT_TRUE(r.generatedKey);
    EXPECT_NE(r.keyIdHex, failed.keyIdHex);
    EXPECT_NE(certificatePublicKey(r.certDer), importedKey);
    const QJsonArray notReused = findKeyPairDetail(r.attemptId).value(QStringLiteral("notReused")).toArray();
    ASSERT_FALSE(notReused.isEmpty());
    EXPECT_TRUE(notReused.at(0)
                    .toObject()
                    .value(QStringLiteral("reason"))
                    .toString()
                    .contains(QStringLiteral("CKA_ID")));
    expectJournalIntact();
}

INSTANTIATE_TEST_SUITE_P(Engine, KeyProvenance, ::testing::Values(false, true),
                         [](const auto &info) { return info.param ? "Worker" : "InProcess"; });
