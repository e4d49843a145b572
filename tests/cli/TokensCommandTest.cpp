#include "SimHubControl.h"
#include "SoftHsmEnv.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QThread>

#include <gtest/gtest.h>

namespace {

class TokensCommand : public ::testing::Test
{
protected:
    void SetUp() override
    {
        m_serials = m_env.initTokens(16);
        m_state = m_env.dir() + "/hub.state";
        m_environment = QProcessEnvironment::systemEnvironment();
        m_environment.insert(QStringLiteral("SOFTHSM2_CONF"), QString::fromStdString(m_env.confPath()));
        m_environment.insert(QStringLiteral("KS_SIMHUB_STATE"), QString::fromStdString(m_state));
    }

    QString run(const QStringList &args, int *exitCode)
    {
        QProcess cli;
        cli.setProcessEnvironment(m_environment);
        cli.start(QStringLiteral(KS_CLI_PATH), args);
        if (!cli.waitForFinished(60000)) {
            cli.kill();
            *exitCode = -1;
            return {};
        }
        *exitCode = cli.exitStatus() == QProcess::NormalExit ? cli.exitCode() : -2;
        return QString::fromUtf8(cli.readAllStandardOutput() + cli.readAllStandardError());
    }

    ks::test::SoftHsmEnv m_env;
    std::vector<std::string> m_serials;
    std::string m_state;
    QProcessEnvironment m_environment;
};

} // namespace

TEST_F(TokensCommand, ListsEveryKeyOnTheHubAsJson)
{
    int code = 0;
    const QString out = run({ QStringLiteral("tokens"), QStringLiteral("--json"), QStringLiteral("--module"),
                              QStringLiteral(KS_SIMHUB_MODULE_PATH) },
                            &code);
    ASSERT_EQ(code, 0) << out.toStdString();
    const auto doc = QJsonDocument::fromJson(out.toUtf8().mid(out.indexOf(QLatin1Char('['))));
    ASSERT_TRUE(doc.isArray()) << out.toStdString();
    ASSERT_EQ(doc.array().size(), 16);
    QStringList serials;
    for (const auto &v : doc.array())
        serials << v.toObject().value(QStringLiteral("serial")).toString();
    for (const auto &s : m_serials)
        EXPECT_TRUE(serials.contains(QString::fromStdString(s).toUpper())) << s;
}

TEST_F(TokensCommand, WatchPrintsKeysArrivingAndLeaving)
{
    ks::simhub::SimHubControl hub(m_state);
    ASSERT_TRUE(hub.setDefaultPresent(false));
    QProcess cli;
    cli.setProcessEnvironment(m_environment);
    cli.start(QStringLiteral(KS_CLI_PATH),
              { QStringLiteral("tokens"), QStringLiteral("--watch"), QStringLiteral("--json"),
                QStringLiteral("--module"), QStringLiteral(KS_SIMHUB_MODULE_PATH) });
    ASSERT_TRUE(cli.waitForStarted());
    QByteArray seen;
    auto waitFor = [&](const QByteArray &needle) {
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < 5000 && !seen.contains(needle)) {
            cli.waitForReadyRead(100);
            seen += cli.readAllStandardOutput();
        }
        return seen.contains(needle);
    };
    QThread::msleep(300);
    ASSERT_TRUE(hub.plug(m_serials[3]));
    EXPECT_TRUE(waitFor("\"event\":\"added\"")) << seen.toStdString();
    ASSERT_TRUE(hub.unplug(m_serials[3]));
    EXPECT_TRUE(waitFor("\"event\":\"removed\"")) << seen.toStdString();
    EXPECT_TRUE(seen.toUpper().contains(QByteArray::fromStdString(m_serials[3]).toUpper()));
    cli.terminate(); // SIGTERM: the watch ends cleanly
    ASSERT_TRUE(cli.waitForFinished(5000));
    EXPECT_EQ(cli.exitStatus(), QProcess::NormalExit);
    EXPECT_EQ(cli.exitCode(), 0);
}

TEST_F(TokensCommand, OpenScWithoutReaderOrPcscdSaysSoInsteadOfHangingOrCrashing)
{
    int code = 0;
    QElapsedTimer t;
    t.start();
    const QString out = run({ QStringLiteral("tokens"), QStringLiteral("--module"),
                              QStringLiteral("/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so") },
                            &code);
    EXPECT_EQ(code, 0) << out.toStdString();
    EXPECT_LT(t.elapsed(), 60000);
    // This machine has no reader: the station says where to look rather than printing nothing.
    EXPECT_TRUE(out.contains(QStringLiteral("No keys found"))) << out.toStdString();
    EXPECT_TRUE(out.contains(QStringLiteral("pcscd"))) << out.toStdString();
}

TEST_F(TokensCommand, MissingModuleIsAClearErrorWithExitCode)
{
    int code = 0;
    const QString out = run(
        { QStringLiteral("tokens"), QStringLiteral("--module"), QStringLiteral("/nonexistent.so") }, &code);
    EXPECT_EQ(code, 5); // the module cannot be loaded
    EXPECT_TRUE(out.contains(QStringLiteral("Cannot load PKCS#11 module /nonexistent.so")))
        << out.toStdString();
}
