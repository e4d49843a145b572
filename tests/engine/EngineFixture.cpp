#include "EngineFixture.h"

#include "core/Journal.h"
#include "device/Pkcs11Module.h"
#include "device/SerialNumber.h"
#include "device/TokenSession.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>

#include <cstdlib>

namespace ks::test {

void EngineFixture::TearDown()
{
    m_station.reset();
    m_cfssl.reset();
}

void EngineFixture::addKeysWithPin(int keys, const QByteArray &pin)
{
    for (const auto &s : m_env.initTokens(keys, "OTHER", pin.toStdString())) {
        const QString serial = device::SerialNumber::normalise(QString::fromStdString(s));
        m_serials << serial;
        m_raw[serial] = s;
    }
}

void EngineFixture::setUpBench(int keys, const QJsonObject &profileOverrides, const QByteArray &pin)
{
    m_dir = QString::fromStdString(m_env.dir());
    for (const auto &s : m_env.initTokens(keys, "KS", pin.toStdString())) {
        const QString serial = device::SerialNumber::normalise(QString::fromStdString(s));
        m_serials << serial;
        m_raw[serial] = s;
    }
    const std::string state = m_env.dir() + "/hub.state";
    ::setenv("KS_SIMHUB_STATE", state.c_str(), 1);
    ::setenv("KS_SIMHUB_TARGET", SoftHsmEnv::softHsmModulePath().c_str(), 1);
    m_hub = std::make_unique<simhub::SimHubControl>(state);
    m_pki = std::make_unique<TestPki>(TestPki::create(m_dir + QStringLiteral("/pki")));
    restartCfssl();
    QFile pinFile(m_dir + QStringLiteral("/transport.pin"));
    ASSERT_TRUE(pinFile.open(QIODevice::WriteOnly));
    pinFile.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner); // a secret file: owner-only
    pinFile.write(QByteArray("123456\n"));
    pinFile.close();
    ASSERT_TRUE(startStation(profileOverrides));
}

void EngineFixture::restartCfssl()
{
    m_cfssl = std::make_unique<CfsslServer>();
    CfsslServer::Options options;
    options.caCertPath = m_pki->caCertPath();
    options.caKeyPath = m_pki->caKeyPath();
    options.tlsCertPath = m_pki->serverCertPath();
    options.tlsKeyPath = m_pki->serverKeyPath();
    ASSERT_TRUE(m_cfssl->start(options)) << m_cfssl->errorString().toStdString();
}

bool EngineFixture::startStation(const QJsonObject &overrides)
{
    m_station.reset();
    QJsonObject profile {
        { QStringLiteral("name"), QStringLiteral("test-station") },
        { QStringLiteral("keyAlgorithm"), QStringLiteral("ec-p256") },
        { QStringLiteral("pin"),
          QJsonObject { { QStringLiteral("source"), QStringLiteral("transport") },
                        { QStringLiteral("file"), m_dir + QStringLiteral("/transport.pin") } } },
        { QStringLiteral("keyUsage"), QJsonArray { QStringLiteral("digitalSignature") } },
        { QStringLiteral("extendedKeyUsage"), QJsonArray { QStringLiteral("clientAuth") } },
        { QStringLiteral("ca"),
          QJsonObject { { QStringLiteral("protocol"), QStringLiteral("cfssl") },
                        { QStringLiteral("url"), m_cfssl->baseUrl().toString() },
                        { QStringLiteral("profile"), QStringLiteral("station") },
                        { QStringLiteral("trustAnchorFile"), m_pki->caCertPath() } } },
        { QStringLiteral("minValidityDays"), 30 },
        { QStringLiteral("maxParallelKeys"), 16 },
    };
    for (auto it = overrides.begin(); it != overrides.end(); ++it)
        profile.insert(it.key(), it.value());
    m_profilePath = m_dir + QStringLiteral("/profile.json");
    QFile file(m_profilePath);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    file.write(QJsonDocument(profile).toJson());
    file.close();

    core::StationConfig config;
    config.profilePath = m_profilePath;
    config.modulePath = QStringLiteral(KS_SIMHUB_MODULE_PATH);
    config.workerPath = m_workerPath;
    config.journal = m_journalOverride
        ? *m_journalOverride
        : core::JournalConfig::sqlite(m_dir + QStringLiteral("/journal.sqlite"));
    // Its own password: Journal::open wipes the one it is given, in every copy sharing it.
    config.journal.pgPassword
        = QByteArray(config.journal.pgPassword.constData(), config.journal.pgPassword.size());
    auto station = core::Station::create(config);
    EXPECT_TRUE(station) << station.error().toString().toStdString();
    if (!station)
        return false;
    m_station = std::move(*station);
    auto &operators = m_station->operators();
    auto first = operators.needsFirstAdministrator();
    QByteArray password("correct horse battery");
    auto session = first && *first ? operators.createFirstAdministrator(QStringLiteral("admin"), password)
                                   : operators.login(QStringLiteral("admin"), password);
    EXPECT_TRUE(session) << session.error().toString().toStdString();
    if (!session)
        return false;
    m_session = *session;
    auto ca = m_station->connectCa();
    EXPECT_TRUE(ca) << ca.error().toString().toStdString();
    return static_cast<bool>(ca);
}

EngineFixture::Outcome EngineFixture::runBatch(bool force, int timeoutMs)
{
    Outcome outcome;
    QSignalSpy finished(m_station->runner(), &core::BatchRunner::batchFinished);
    QSignalSpy keys(m_station->runner(), &core::BatchRunner::keyFinished);
    auto batch = m_station->provisionAll(m_session, false, force, m_retryPinRefused);
    EXPECT_TRUE(batch) << batch.error().toString().toStdString();
    if (!batch)
        return outcome;
    if (!finished.wait(timeoutMs))
        return outcome;
    outcome.finished = true;
    outcome.summary = finished.front().front().value<core::BatchSummary>();
    for (const auto &args : std::as_const(keys)) {
        const auto result = args.front().value<core::JobResult>();
        outcome.results.insert(result.serial,
                               result); // the last word on each key, with certificate and timings
    }
    return outcome;
}

QList<device::CertificateObject> EngineFixture::certificatesOn(const QString &serial)
{
    auto session = device::TokenSession::open(m_station->module(), serial);
    if (!session || !(*session)->login(QByteArray("123456")))
        return {};
    auto certs = (*session)->certificates();
    return certs ? *certs : QList<device::CertificateObject> {};
}

int EngineFixture::freeKeyPairsOn(const QString &serial)
{
    auto session = device::TokenSession::open(m_station->module(), serial);
    if (!session || !(*session)->login(QByteArray("123456")))
        return -1;
    auto pairs = (*session)->freeKeyPairs();
    return pairs ? static_cast<int>(pairs->size()) : -1;
}

} // namespace ks::test
