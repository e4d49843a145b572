#pragma once

#include "CfsslServer.h"
#include "SimHubControl.h"
#include "SoftHsmEnv.h"
#include "TestPki.h"
#include "core/Station.h"
#include "device/KeyPairInfo.h"

#include <QJsonObject>
#include <QStringList>

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <optional>

namespace ks::test {

// A bench: N fresh SoftHSM keys behind the simulated hub, a test PKI, cfssl serve over TLS and a station with
// a SQLite journal, logged in as an administrator.
class EngineFixture : public ::testing::Test
{
protected:
    void TearDown() override;

    // Creates keys (pin = their user PIN), starts cfssl and the station. Extra profile fields override.
    void setUpBench(int keys, const QJsonObject &profileOverrides = {}, const QByteArray &pin = "123456");
    void addKeysWithPin(int keys, const QByteArray &pin); // before setUpBench: keys with another PIN
    bool startStation(const QJsonObject &profileOverrides = {});
    void restartCfssl();

    struct Outcome
    {
        core::BatchSummary summary;
        QHash<QString, core::JobResult> results;
        bool finished = false;
    };
    Outcome runBatch(bool force = false, int timeoutMs = 120000);

    // On-key truth, read through a fresh session.
    QList<device::CertificateObject> certificatesOn(const QString &serial);
    int freeKeyPairsOn(const QString &serial);
    std::string hub(const QString &serial) { return m_raw.at(serial); }

    SoftHsmEnv m_env;
    std::unique_ptr<TestPki> m_pki;
    std::unique_ptr<CfsslServer> m_cfssl;
    std::unique_ptr<simhub::SimHubControl> m_hub;
    std::unique_ptr<core::Station> m_station;
    core::OperatorSession m_session;
    QStringList m_serials;
    std::map<QString, std::string> m_raw;
    QString m_dir;
    QString m_profilePath;
    std::optional<core::JournalConfig> m_journalOverride; // default: SQLite in the bench's directory
    QString m_workerPath; // keystation-token-worker; empty = every key in this process
    bool m_retryPinRefused = false; // runBatch: log in again to keys whose last attempt ended at the PIN
};

} // namespace ks::test
