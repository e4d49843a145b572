// The provisioning engine end to end: real SoftHSM keys through the simulated hub, cfssl over TLS, SQLite
// journal.
#include "EngineFixture.h"

#include "EstServerProcess.h"

#include <QFile>
#include <QJsonArray>

#include "core/Journal.h"
#include "core/OperatorStore.h"
#include "core/StationThread.h"
#include "device/Pkcs11Module.h"
#include "device/TokenSession.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <p11-kit/pkcs11.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>

using namespace ks;
using ks::simhub::HubState;
using ks::test::EngineFixture;
using ks::test::TestPki;

namespace {

QString subjectField(const QByteArray &der, int nid)
{
    const auto *p = reinterpret_cast<const unsigned char *>(der.constData());
    X509 *cert = d2i_X509(nullptr, &p, static_cast<long>(der.size()));
    if (!cert)
        return {};
    char buf[256] = {};
    X509_NAME_get_text_by_NID(X509_get_subject_name(cert), nid, buf, sizeof buf);
    X509_free(cert);
    return QString::fromUtf8(buf);
}

} // namespace

class Engine : public EngineFixture
{
};

TEST_F(Engine, SixteenKeysProvisionedEachWithAVerifiedCertificateNamingIt)
{
    setUpBench(16);
    auto outcome = runBatch();
    ASSERT_TRUE(outcome.finished);
    EXPECT_EQ(outcome.summary.done, 16);
    EXPECT_EQ(outcome.summary.failed, 0);
    for (const auto &serial : std::as_const(m_serials)) {
        const auto result = outcome.results.value(serial);
        EXPECT_TRUE(result.ok()) << serial.toStdString() << ": " << result.errorMessage.toStdString();
        EXPECT_TRUE(result.enrolled);
        EXPECT_TRUE(result.generatedKey);
        const auto certs = certificatesOn(serial);
        ASSERT_EQ(certs.size(), 1) << serial.toStdString();
        EXPECT_EQ(certs.front().der, result.certDer);
        EXPECT_EQ(QString::fromLatin1(certs.front().id.toHex()), result.keyIdHex);
        EXPECT_EQ(subjectField(certs.front().der, NID_commonName), serial);
        QString why;
        EXPECT_TRUE(TestPki::verifyChain(certs.front().der, { m_pki->caCertDer() }, {}, &why))
            << why.toStdString();
    }
    EXPECT_EQ(m_cfssl->issuedCount(), 16);
    auto verify = m_station->journal()->verify();
    ASSERT_TRUE(verify);
    EXPECT_TRUE(verify->intact) << verify->toString().toStdString();
}

// The station in its own thread, as in the application: its thread and the journal's writer thread (made with
// the station, in the caller's thread) run at a lower priority than the caller, so the window is drawn first
// when both want one of the cores; the caller's own priority stays as it was.
TEST_F(Engine, InItsThreadTheStationAndItsJournalYieldTheCpuToTheCaller)
{
    setUpBench(1);
    const auto niceHere = [] {
        errno = 0;
        return ::getpriority(PRIO_PROCESS, static_cast<id_t>(::syscall(SYS_gettid)));
    };
    const int caller = niceHere();
    core::Journal *journal = m_station->journal();
    int journalNice = -100;
    journal->worker().run([&](QSqlDatabase &) { journalNice = niceHere(); });
    EXPECT_EQ(journalNice, caller) << "made in this thread, the writer starts at the caller's priority";

    core::StationThread thread(std::move(m_station));
    int stationNice = -100;
    QMetaObject::invokeMethod(
        thread.station(), [&] { stationNice = niceHere(); }, Qt::BlockingQueuedConnection);
    journal->worker().run([&](QSqlDatabase &) { journalNice = niceHere(); });
    EXPECT_GT(stationNice, caller);
    EXPECT_GT(journalNice, caller);
    EXPECT_EQ(journalNice, stationNice);
    EXPECT_EQ(niceHere(), caller);
}

// A session is a login on one journal's accounts: one opened elsewhere (another station's journal, or a
// database an attacker controls) neither starts a batch nor manages accounts here, whatever role it names.
TEST_F(Engine, SessionFromAnotherJournalStartsNothing)
{
    setUpBench(1);
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    auto other = core::Journal::open(core::JournalConfig::sqlite(dir.filePath(QStringLiteral("other.db"))));
    ASSERT_TRUE(other);
    core::OperatorStore elsewhere(**other);
    QByteArray password("correct horse battery");
    auto foreign = elsewhere.createFirstAdministrator(QStringLiteral("admin"), password);
    ASSERT_TRUE(foreign);
    auto batch = m_station->provisionAll(*foreign, false);
    ASSERT_FALSE(batch);
    EXPECT_EQ(batch.error().code, core::CoreError::Code::PermissionDenied);
    QByteArray newPassword("Mallory-Engine-Pw-1");
    const auto added = m_station->operators().addOperator(*foreign, QStringLiteral("mallory"),
                                                          core::Role::Administrator, newPassword);
    ASSERT_FALSE(added);
    EXPECT_EQ(added.error().code, core::CoreError::Code::PermissionDenied);
    QByteArray takeOver("Mallory-Engine-Pw-2");
    EXPECT_FALSE(m_station->operators().changePassword(*foreign, QStringLiteral("admin"), takeOver));
    EXPECT_EQ(m_cfssl->issuedCount(), 0);
    // The station's own session still works.
    auto outcome = runBatch();
    ASSERT_TRUE(outcome.finished);
    EXPECT_EQ(outcome.summary.done, 1);
}

TEST_F(Engine, WrongPinFailsOnlyThatKeyAndTriesOnce)
{
    addKeysWithPin(1, "999999"); // this key's user PIN is not the transport PIN
    const QString odd = m_serials.front();
    setUpBench(3);
    ASSERT_TRUE(m_hub->setPinTries(hub(odd), 3));
    auto outcome = runBatch();
    ASSERT_TRUE(outcome.finished);
    EXPECT_EQ(outcome.summary.done, 3);
    EXPECT_EQ(outcome.summary.failed, 1);
    const auto bad = outcome.results.value(odd);
    EXPECT_EQ(bad.error.kind, core::JobError::Kind::PinIncorrect);
    EXPECT_EQ(bad.failedAt, core::JobStage::Login);
    for (const auto &k : m_hub->listKeys()) {
        if (k.serial == hub(odd)) {
            EXPECT_EQ(k.triesLeft, 2); // exactly one try spent
        }
    }
    EXPECT_EQ(m_cfssl->issuedCount(), 3);

    // A second batch does not spend another try: the key reports a low count and is left for a person.
    auto again = runBatch();
    ASSERT_TRUE(again.finished);
    EXPECT_EQ(again.results.value(odd).error.kind, core::JobError::Kind::PinCountLow);
    for (const auto &k : m_hub->listKeys()) {
        if (k.serial == hub(odd)) {
            EXPECT_EQ(k.triesLeft, 2);
        }
    }
}

TEST_F(Engine, KeyThatAlreadyHoldsAValidCertificateIsSkipped)
{
    setUpBench(2);
    ASSERT_TRUE(runBatch().summary.done == 2);
    auto second = runBatch();
    ASSERT_TRUE(second.finished);
    EXPECT_EQ(second.summary.done, 2);
    EXPECT_EQ(second.summary.alreadyProvisioned, 2);
    EXPECT_EQ(m_cfssl->issuedCount(), 2);
    for (const auto &serial : std::as_const(m_serials))
        EXPECT_EQ(certificatesOn(serial).size(), 1);

    // Forced: a second certificate on a new key pair; the first stays.
    auto forced = runBatch(true);
    ASSERT_TRUE(forced.finished);
    EXPECT_EQ(forced.summary.done, 2);
    EXPECT_EQ(m_cfssl->issuedCount(), 4);
    for (const auto &serial : std::as_const(m_serials))
        EXPECT_EQ(certificatesOn(serial).size(), 2);
}

TEST_F(Engine, WrongCertificateFromTheCaIsRefusedAndNothingIsWritten)
{
    // cfssl falls back to its default profile (24 h, no client auth) for an unknown name: our check catches
    // it.
    setUpBench(2);
    QJsonObject ca { { QStringLiteral("protocol"), QStringLiteral("cfssl") },
                     { QStringLiteral("url"), m_cfssl->baseUrl().toString() },
                     { QStringLiteral("profile"), QStringLiteral("no-such-profile") },
                     { QStringLiteral("trustAnchorFile"), m_pki->caCertPath() } };
    ASSERT_TRUE(startStation({ { QStringLiteral("ca"), ca } }));
    auto outcome = runBatch();
    ASSERT_TRUE(outcome.finished);
    EXPECT_EQ(outcome.summary.failed, 2);
    for (const auto &serial : std::as_const(m_serials)) {
        const auto r = outcome.results.value(serial);
        EXPECT_EQ(r.failedAt, core::JobStage::VerifyCertificate);
        EXPECT_EQ(r.error.kind, core::JobError::Kind::Certificate) << r.errorCode().toStdString();
        EXPECT_TRUE(certificatesOn(serial).isEmpty());
        EXPECT_EQ(freeKeyPairsOn(serial), 1); // the key pair stays, for the next try
    }
}

TEST_F(Engine, CaDownFailsCleanlyAndRetryReusesTheKeyPair)
{
    setUpBench(3);
    m_cfssl->stop();
    auto down = runBatch();
    ASSERT_TRUE(down.finished);
    EXPECT_EQ(down.summary.failed, 3);
    for (const auto &r : std::as_const(down.results)) {
        EXPECT_EQ(r.failedAt, core::JobStage::Enrol);
        EXPECT_EQ(r.error.kind, core::JobError::Kind::Ca) << r.errorCode().toStdString();
    }
    for (const auto &serial : std::as_const(m_serials))
        EXPECT_TRUE(certificatesOn(serial).isEmpty());

    restartCfssl(); // a new port: the administrator points the profile at it
    ASSERT_TRUE(startStation());
    auto retry = runBatch();
    ASSERT_TRUE(retry.finished);
    EXPECT_EQ(retry.summary.done, 3);
    for (const auto &r : std::as_const(retry.results)) {
        EXPECT_TRUE(r.resumed) << r.serial.toStdString();
        EXPECT_FALSE(r.generatedKey); // the key pair from the failed attempt is reused
    }
    EXPECT_EQ(m_cfssl->issuedCount(), 3);
}

struct PullCase
{
    const char *function;
    core::JobStage stage;
    bool enrolledBeforePull;
    int skip = 0; // calls of `function` on that key that go through before the pull
};

class EnginePull : public EngineFixture, public ::testing::WithParamInterface<PullCase>
{
};

TEST_P(EnginePull, KeyPulledAtAStepFailsAloneAndFinishesWhenBackWithoutSecondEnrolment)
{
    const PullCase c = GetParam();
    setUpBench(3);
    const QString victim = m_serials[1];
    ASSERT_TRUE(m_hub->injectFault(hub(victim), c.function, HubState::FaultKind::Pull, c.skip));
    auto first = runBatch();
    ASSERT_TRUE(first.finished);
    EXPECT_EQ(first.summary.done, 2);
    const auto failed = first.results.value(victim);
    EXPECT_EQ(failed.error.kind, core::JobError::Kind::KeyRemoved) << failed.errorMessage.toStdString();
    EXPECT_EQ(failed.failedAt, c.stage);
    EXPECT_EQ(m_cfssl->issuedCount(), c.enrolledBeforePull ? 3 : 2);

    ASSERT_TRUE(m_hub->plug(hub(victim)));
    auto second = runBatch();
    ASSERT_TRUE(second.finished);
    const auto done = second.results.value(victim);
    EXPECT_TRUE(done.ok()) << done.errorMessage.toStdString();
    EXPECT_EQ(done.enrolled, !c.enrolledBeforePull);
    EXPECT_EQ(m_cfssl->issuedCount(), 3); // every key enrolled exactly once
    EXPECT_EQ(certificatesOn(victim).size(), 1);
    auto verify = m_station->journal()->verify();
    ASSERT_TRUE(verify);
    EXPECT_TRUE(verify->intact);
}

INSTANTIATE_TEST_SUITE_P(
    AtEachStep, EnginePull,
    // The first two object searches on a blank key are the read before the login (certificates, public
    // keys); the third is the key-pair search after it.
    ::testing::Values(PullCase { "C_FindObjectsInit", core::JobStage::Login, false },
                      PullCase { "C_Login", core::JobStage::Login, false },
                      PullCase { "C_FindObjectsInit", core::JobStage::FindKeyPair, false, 2 },
                      PullCase { "C_GenerateKeyPair", core::JobStage::GenerateKeyPair, false },
                      PullCase { "C_Sign", core::JobStage::CreateCsr, false },
                      PullCase { "C_CreateObject", core::JobStage::WriteCertificate, true }),
    [](const auto &info) {
        return std::string(info.param.function).substr(2)
            + (info.param.skip ? "After" + std::to_string(info.param.skip) : std::string());
    });

TEST_F(Engine, StepThatHangsTimesOutAndOnlyThatKeyFails)
{
    setUpBench(2, { { QStringLiteral("timeouts"), QJsonObject { { QStringLiteral("keyGeneration"), 1 } } } });
    const QString stuck = m_serials[0];
    ASSERT_TRUE(m_hub->injectFault(hub(stuck), "C_GenerateKeyPair", HubState::FaultKind::Hang, 0, 1, 4000));
    auto outcome = runBatch();
    ASSERT_TRUE(outcome.finished);
    const auto r = outcome.results.value(stuck);
    EXPECT_EQ(r.error.kind, core::JobError::Kind::Timeout);
    EXPECT_EQ(r.failedAt, core::JobStage::GenerateKeyPair);
    EXPECT_LT(r.elapsedMs, 3500); // reported at the time-out, not when the chip finally answers
    EXPECT_TRUE(outcome.results.value(m_serials[1]).ok());
    // The stuck call keeps the module (one per process) until the chip answers: wait for that, not for a
    // fixed time, so the next test can load it.
    m_station.reset();
    EXPECT_TRUE(QTest::qWaitFor(
        [] { return static_cast<bool>(device::Pkcs11Module::load(QStringLiteral(KS_SIMHUB_MODULE_PATH))); },
        20000));
}

TEST_F(Engine, ContinuousModeTakesKeysPluggedDuringTheBatchAndRetriesAKeyPluggedBack)
{
    setUpBench(3);
    const QString late = m_serials[2];
    const QString flaky = m_serials[1];
    ASSERT_TRUE(m_hub->unplug(hub(late)));
    ASSERT_TRUE(m_hub->injectFault(hub(flaky), "C_CreateObject", HubState::FaultKind::Pull));
    QSignalSpy finished(m_station->runner(), &core::BatchRunner::keyFinished);
    QSignalSpy batchDone(m_station->runner(), &core::BatchRunner::batchFinished);
    auto batch = m_station->provisionAll(m_session, true);
    ASSERT_TRUE(batch);

    auto waitFor
        = [&](int count) { return QTest::qWaitFor([&] { return finished.count() >= count; }, 30000); };
    ASSERT_TRUE(waitFor(2)); // the first key done, the flaky one pulled at the write
    EXPECT_TRUE(m_station->runner()->isActive()); // continuous: the batch stays open
    ASSERT_TRUE(m_hub->plug(hub(late)));
    ASSERT_TRUE(m_hub->plug(hub(flaky)));
    ASSERT_TRUE(waitFor(4));
    m_station->runner()->finish();
    ASSERT_TRUE(batchDone.count() > 0 || batchDone.wait(10000)); // finish() may end it at once
    const auto summary = batchDone.front().front().value<core::BatchSummary>();
    EXPECT_EQ(summary.done, 3);
    EXPECT_EQ(summary.failed, 0); // the flaky key's failure was followed by its success
    const auto results = m_station->runner()->results();
    EXPECT_TRUE(results.value(late).ok());
    EXPECT_TRUE(results.value(flaky).ok());
    EXPECT_FALSE(results.value(flaky).enrolled); // its certificate from before the pull was written
    EXPECT_EQ(m_cfssl->issuedCount(), 3);
}

// A write the key never finished: the process (or the key) died inside C_CreateObject and left a certificate
// object under the key pair's CKA_ID that holds no whole certificate. The journal says this station began
// that write, so the object is this station's torn write, not a foreign certificate: the next run replaces it
// with the certificate the CA already issued (no second enrolment) and the key ends done. (The crash test met
// this when the kill landed inside SoftHSM's object write.)
TEST_F(Engine, ATornCertificateWriteIsReplacedWithTheIssuedCertificate)
{
    setUpBench(1);
    const QString serial = m_serials.first();
    // The first run fails at the write (the key refuses C_CreateObject once): the journal holds the issued
    // certificate and a write that began.
    ASSERT_TRUE(m_hub->injectFault(hub(serial), "C_CreateObject", HubState::FaultKind::Error));
    auto first = runBatch();
    ASSERT_TRUE(first.finished);
    ASSERT_EQ(first.summary.failed, 1);
    EXPECT_EQ(first.results.value(serial).failedAt, core::JobStage::WriteCertificate);
    auto resume = m_station->journal()->resumeState(serial);
    ASSERT_TRUE(resume);
    ASSERT_EQ(resume->stage, core::KeyResumeState::Stage::CertificateIssued);
    ASSERT_TRUE(resume->writeStarted);
    ASSERT_EQ(m_cfssl->issuedCount(), 1);

    // What a write cut off in C_CreateObject leaves: the object, its first 64 bytes.
    {
        auto token = m_station->module()->findToken(serial);
        ASSERT_TRUE(token);
        CK_FUNCTION_LIST *f = m_station->module()->functions();
        CK_SESSION_HANDLE session = 0;
        ASSERT_EQ(
            f->C_OpenSession(token->slotId, CKF_SERIAL_SESSION | CKF_RW_SESSION, nullptr, nullptr, &session),
            CKR_OK);
        QByteArray pin("123456");
        ASSERT_EQ(f->C_Login(session, CKU_USER, reinterpret_cast<CK_UTF8CHAR_PTR>(pin.data()),
                             static_cast<CK_ULONG>(pin.size())),
                  CKR_OK);
        CK_OBJECT_CLASS cls = CKO_CERTIFICATE;
        CK_CERTIFICATE_TYPE type = CKC_X_509;
        CK_BBOOL yes = CK_TRUE;
        QByteArray id = QByteArray::fromHex(resume->keyIdHex.toLatin1());
        QByteArray torn = resume->certDer.left(64);
        // The attributes C_CreateObject needs (PKCS#11 requires CKA_SUBJECT), written before the value.
        const auto *p = reinterpret_cast<const unsigned char *>(resume->certDer.constData());
        X509 *cert = d2i_X509(nullptr, &p, static_cast<long>(resume->certDer.size()));
        ASSERT_NE(cert, nullptr);
        unsigned char *subjectDer = nullptr;
        const int subjectLength = i2d_X509_NAME(X509_get_subject_name(cert), &subjectDer);
        QByteArray subject(reinterpret_cast<const char *>(subjectDer), subjectLength);
        OPENSSL_free(subjectDer);
        X509_free(cert);
        CK_ATTRIBUTE tmpl[] = {
            { CKA_CLASS, &cls, sizeof cls },
            { CKA_CERTIFICATE_TYPE, &type, sizeof type },
            { CKA_TOKEN, &yes, sizeof yes },
            { CKA_ID, id.data(), static_cast<CK_ULONG>(id.size()) },
            { CKA_SUBJECT, subject.data(), static_cast<CK_ULONG>(subject.size()) },
            { CKA_VALUE, torn.data(), static_cast<CK_ULONG>(torn.size()) },
        };
        CK_OBJECT_HANDLE object = 0;
        ASSERT_EQ(f->C_CreateObject(session, tmpl, 6, &object), CKR_OK);
        f->C_CloseSession(session);
    }
    ASSERT_EQ(certificatesOn(serial).size(), 1);
    ASSERT_NE(certificatesOn(serial).front().der, resume->certDer);

    auto second = runBatch();
    ASSERT_TRUE(second.finished);
    const core::JobResult result = second.results.value(serial);
    EXPECT_TRUE(result.ok()) << result.errorMessage.toStdString();
    EXPECT_EQ(second.summary.done, 1);
    EXPECT_FALSE(result.enrolled); // the certificate the CA issued in the first run
    EXPECT_EQ(m_cfssl->issuedCount(), 1);
    const auto certs = certificatesOn(serial);
    ASSERT_EQ(certs.size(), 1); // the torn object is gone, the whole certificate in its place
    EXPECT_EQ(certs.front().der, resume->certDer);
    EXPECT_EQ(certs.front().id, QByteArray::fromHex(resume->keyIdHex.toLatin1()));
    // The journal says what the write step did.
    bool replaced = false;
    auto all = m_station->journal()->events(m_session);
    ASSERT_TRUE(all);
    for (const auto &e : *all)
        replaced = replaced
            || (e.step == QStringLiteral("writeCertificate") && e.phase == QStringLiteral("before")
                && e.detail.contains(QStringLiteral("\"replacesTornCertificate\":true")));
    EXPECT_TRUE(replaced);
}

TEST_F(Engine, EstEnrolmentWithBasicAuthEndToEnd)
{
    setUpBench(4);
    ks::test::EstServerProcess est(*m_pki);
    ASSERT_TRUE(est.start({ QStringLiteral("--basic"), QStringLiteral("station:s3cret-enrol") }))
        << est.errorString().toStdString();
    QFile user(m_dir + QStringLiteral("/est.user"));
    QFile password(m_dir + QStringLiteral("/est.password"));
    ASSERT_TRUE(user.open(QIODevice::WriteOnly) && password.open(QIODevice::WriteOnly));
    ASSERT_TRUE(user.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)
                && password.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner));
    user.write("station\n");
    password.write("s3cret-enrol\n");
    user.close();
    password.close();
    const QJsonObject ca { { QStringLiteral("protocol"), QStringLiteral("est") },
                           { QStringLiteral("url"), est.baseUrl().toString() },
                           { QStringLiteral("usernameFile"), user.fileName() },
                           { QStringLiteral("passwordFile"), password.fileName() },
                           { QStringLiteral("trustAnchorFile"), m_pki->caCertPath() } };
    ASSERT_TRUE(startStation({ { QStringLiteral("ca"), ca } }));
    auto outcome = runBatch();
    ASSERT_TRUE(outcome.finished);
    EXPECT_EQ(outcome.summary.done, 4);
    EXPECT_EQ(est.issuedCount(), 4);
    for (const auto &serial : std::as_const(m_serials)) {
        const auto certs = certificatesOn(serial);
        ASSERT_EQ(certs.size(), 1);
        EXPECT_EQ(subjectField(certs.front().der, NID_serialNumber), serial);
    }

    // An EST server that answers with a certificate for another serial: refused, nothing written.
    ASSERT_TRUE(est.setMode(QStringLiteral("other-serial")));
    auto wrong = runBatch(true);
    ASSERT_TRUE(wrong.finished);
    EXPECT_EQ(wrong.summary.failed, 4);
    for (const auto &serial : std::as_const(m_serials)) {
        EXPECT_EQ(wrong.results.value(serial).error.kind, core::JobError::Kind::Certificate);
        ASSERT_TRUE(wrong.results.value(serial).error.ca);
        EXPECT_EQ(wrong.results.value(serial).error.ca->code, ca::CaError::Code::SerialMismatch);
        EXPECT_EQ(certificatesOn(serial).size(), 1); // still only the good one
    }
}

TEST_F(Engine, ConnectsToTheCaWithoutBlockingTheCallersThread)
{
    setUpBench(1);
    QFuture<core::Result<QStringList>> future = m_station->connectCaAsync();
    EXPECT_FALSE(future.isFinished()); // the answer comes through the event loop
    ASSERT_TRUE(QTest::qWaitFor([&] { return future.isFinished(); }, 10000));
    ASSERT_EQ(future.resultCount(), 1);
    const auto subjects = future.result();
    ASSERT_TRUE(subjects) << subjects.error().toString().toStdString();
    EXPECT_TRUE(subjects->join(QLatin1Char(',')).contains(QStringLiteral("KeyStation Test Root CA")));
}

// Most CAs issue from an issuing CA under their root; the profile trusts only the root. The station builds
// the path with what the CA sends with the certificate (EST's PKCS#7) or what the profile lists
// (ca.intermediateFiles); a leaf that chains only through an intermediate nobody provided is refused.
TEST_F(Engine, EstIssuingCaUnderTheRootEndToEnd)
{
    setUpBench(2);
    TestPki::Options options;
    options.withIntermediate = true;
    const TestPki pki = TestPki::create(m_dir + QStringLiteral("/pki-intermediate"), options);
    const QJsonObject ca { { QStringLiteral("protocol"), QStringLiteral("est") },
                           { QStringLiteral("trustAnchorFile"), pki.caCertPath() } };
    auto withUrl = [&](const ks::test::EstServerProcess &est, const QJsonObject &more = {}) {
        QJsonObject c = ca;
        c.insert(QStringLiteral("url"), est.baseUrl().toString());
        for (auto it = more.begin(); it != more.end(); ++it)
            c.insert(it.key(), it.value());
        return QJsonObject { { QStringLiteral("ca"), c } };
    };
    // Every certificate on the key (a forced run adds one) comes from the issuing CA.
    auto issuedThroughTheIntermediate = [&](const QString &serial) {
        const auto certs = certificatesOn(serial);
        for (const auto &c : certs) {
            const test::CertPtr leaf = TestPki::certFromDer(c.der);
            if (!leaf || X509_check_issued(pki.intermediateCert(), leaf.get()) != X509_V_OK)
                return false;
        }
        return !certs.isEmpty();
    };

    // /cacerts names only the root: without the chain in the reply nothing says how to reach it.
    {
        ks::test::EstServerProcess est(pki);
        ASSERT_TRUE(est.start({ QStringLiteral("--cacerts"), pki.caCertPath() }))
            << est.errorString().toStdString();
        ASSERT_TRUE(startStation(withUrl(est)));
        auto refused = runBatch();
        ASSERT_TRUE(refused.finished);
        EXPECT_EQ(refused.summary.failed, 2);
        for (const auto &serial : std::as_const(m_serials)) {
            EXPECT_EQ(refused.results.value(serial).errorCode(), QStringLiteral("CertificateUntrustedChain"));
            EXPECT_TRUE(certificatesOn(serial).isEmpty());
        }
    }
    // The same CA, now sending its chain with each certificate.
    {
        ks::test::EstServerProcess est(pki);
        ASSERT_TRUE(est.start({ QStringLiteral("--cacerts"), pki.caCertPath(),
                                QStringLiteral("--enroll-chain"), QStringLiteral("yes") }))
            << est.errorString().toStdString();
        ASSERT_TRUE(startStation(withUrl(est)));
        auto outcome = runBatch();
        ASSERT_TRUE(outcome.finished);
        EXPECT_EQ(outcome.summary.done, 2);
        for (const auto &serial : std::as_const(m_serials))
            EXPECT_TRUE(issuedThroughTheIntermediate(serial)) << serial.toStdString();
    }
    // Without the chain in the reply, but with the issuing CA in the profile.
    {
        ks::test::EstServerProcess est(pki);
        ASSERT_TRUE(est.start({ QStringLiteral("--cacerts"), pki.caCertPath() }))
            << est.errorString().toStdString();
        ASSERT_TRUE(startStation(withUrl(
            est, { { QStringLiteral("intermediateFiles"), QJsonArray { pki.intermediateCertPath() } } })));
        auto outcome = runBatch(true);
        ASSERT_TRUE(outcome.finished);
        EXPECT_EQ(outcome.summary.done, 2);
        for (const auto &serial : std::as_const(m_serials))
            EXPECT_TRUE(issuedThroughTheIntermediate(serial)) << serial.toStdString();
        EXPECT_EQ(est.issuedCount(), 2);
    }
}
