#pragma once
// keystation-cli running batches as a process (tests/cli): the built binary, a real cfssl serve over TLS,
// `keys` SoftHSM tokens present on the simulated hub, a real SQLite journal and an administrator account.
// Shared by ProvisionJsonTest and LotCommandTest.
#include "CfsslServer.h"
#include "SimHubControl.h"
#include "SoftHsmEnv.h"
#include "TestPki.h"
#include "device/SerialNumber.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>

#include <gtest/gtest.h>

namespace ks::test {

struct CliRun
{
    int code = -1;
    QString out;
    QString err;
    QString all() const { return out + err; }
};

class CliBatchFixture : public ::testing::Test
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
        s_pki = nullptr;
        delete s_dir;
        s_dir = nullptr;
    }

    // `keys` fresh tokens, all present; their normalised serials in m_serials.
    void setUpStation(int keys)
    {
        ASSERT_TRUE(m_tmp.isValid());
        for (const std::string &raw : m_env.initTokens(keys))
            m_serials << device::SerialNumber::normalise(QString::fromStdString(raw));
        m_state = m_env.dir() + "/hub.state";
        ASSERT_TRUE(simhub::SimHubControl(m_state).setDefaultPresent(true));
        m_environment = QProcessEnvironment::systemEnvironment();
        for (const char *name : { "KEYSTATION_PKCS11_MODULE", "KEYSTATION_PROFILE", "KEYSTATION_JOURNAL",
                                  "QT_LOGGING_RULES", "QT_QPA_PLATFORM" })
            m_environment.remove(QLatin1String(name));
        m_environment.insert(QStringLiteral("SOFTHSM2_CONF"), QString::fromStdString(m_env.confPath()));
        m_environment.insert(QStringLiteral("KS_SIMHUB_STATE"), QString::fromStdString(m_state));
        m_environment.insert(QStringLiteral("KS_SIMHUB_TARGET"),
                             QString::fromStdString(SoftHsmEnv::softHsmModulePath()));
        m_environment.insert(QStringLiteral("HOME"), m_tmp.path());
        m_environment.insert(QStringLiteral("XDG_CONFIG_HOME"), file(QStringLiteral("config")));
        m_environment.insert(QStringLiteral("XDG_DATA_HOME"), file(QStringLiteral("data")));
        writeSecret(QStringLiteral("transport.pin"), "123456\n");
        writeSecret(QStringLiteral("admin.pw"), "Admin-Secret-1\n");
        const CliRun added = run({ QStringLiteral("operator"), QStringLiteral("add"), QStringLiteral("admin"),
                                   QStringLiteral("--role"), QStringLiteral("administrator"),
                                   QStringLiteral("--password-file"), file(QStringLiteral("admin.pw")),
                                   QStringLiteral("--journal"), journal() });
        ASSERT_EQ(added.code, 0) << added.all().toStdString();
    }

    QString file(const QString &name) const { return m_tmp.filePath(name); }
    QString journal() const { return file(QStringLiteral("journal.sqlite")); }

    void writeSecret(const QString &name, const QByteArray &content)
    {
        QFile f(file(name));
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        ASSERT_TRUE(f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner));
        f.write(content);
    }

    void writeJson(const QString &name, const QJsonObject &object)
    {
        QFile f(file(name));
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        f.write(QJsonDocument(object).toJson());
    }

    CliRun run(const QStringList &args) const
    {
        QProcess cli;
        cli.setProcessEnvironment(m_environment);
        cli.start(QStringLiteral(KS_CLI_PATH), args);
        CliRun r;
        if (!cli.waitForFinished(90000)) {
            cli.kill();
            cli.waitForFinished();
            return r;
        }
        r.code = cli.exitStatus() == QProcess::NormalExit ? cli.exitCode() : -2;
        r.out = QString::fromUtf8(cli.readAllStandardOutput());
        r.err = QString::fromUtf8(cli.readAllStandardError());
        return r;
    }

    // The profile "lots" enrolling through `url` (cfssl), checked against the test CA; `extra` fields added.
    void writeProfile(const QString &url, const QJsonObject &extra = {})
    {
        QJsonObject profile {
            { QStringLiteral("name"), QStringLiteral("lots") },
            { QStringLiteral("keyAlgorithm"), QStringLiteral("ec-p256") },
            { QStringLiteral("pin"),
              QJsonObject { { QStringLiteral("source"), QStringLiteral("transport") },
                            { QStringLiteral("file"), file(QStringLiteral("transport.pin")) } } },
            { QStringLiteral("keyUsage"), QJsonArray { QStringLiteral("digitalSignature") } },
            { QStringLiteral("extendedKeyUsage"), QJsonArray { QStringLiteral("clientAuth") } },
            { QStringLiteral("ca"),
              QJsonObject { { QStringLiteral("protocol"), QStringLiteral("cfssl") },
                            { QStringLiteral("url"), url },
                            { QStringLiteral("profile"), QStringLiteral("station") },
                            { QStringLiteral("trustAnchorFile"), s_pki->caCertPath() } } },
            { QStringLiteral("minValidityDays"), 1 }
        };
        for (auto it = extra.constBegin(); it != extra.constEnd(); ++it)
            profile.insert(it.key(), it.value());
        writeJson(QStringLiteral("profile.json"), profile);
    }

    bool startCa(const QJsonObject &extraProfileFields = {})
    {
        CfsslServer::Options o;
        o.caCertPath = s_pki->caCertPath();
        o.caKeyPath = s_pki->caKeyPath();
        o.tlsCertPath = s_pki->serverCertPath();
        o.tlsKeyPath = s_pki->serverKeyPath();
        if (!m_ca.start(o))
            return false;
        writeProfile(m_ca.baseUrl().toString(), extraProfileFields);
        return true;
    }

    QStringList asAdmin() const
    {
        return { QStringLiteral("--as"), QStringLiteral("admin"), QStringLiteral("--as-password-file"),
                 file(QStringLiteral("admin.pw")) };
    }

    QStringList provision(const QStringList &extra = {}) const
    {
        return QStringList { QStringLiteral("provision"), QStringLiteral("--all"),
                             QStringLiteral("--profile"), file(QStringLiteral("profile.json")),
                             QStringLiteral("--module"),  QStringLiteral(KS_SIMHUB_MODULE_PATH),
                             QStringLiteral("--journal"), journal() }
        + asAdmin() + extra;
    }

    // `lot ACTION ...` on this station's journal as the administrator.
    QStringList lot(const QStringList &actionAndOptions) const
    {
        return QStringList { QStringLiteral("lot") } + actionAndOptions
            + QStringList { QStringLiteral("--journal"), journal() } + asAdmin();
    }

    // Every line of `text` as a JSON object; a line that is not one fails the test.
    static QList<QJsonObject> jsonLines(const QString &text)
    {
        QList<QJsonObject> events;
        for (const QString &line : text.split(u'\n', Qt::SkipEmptyParts)) {
            QJsonParseError error {};
            const QJsonDocument doc = QJsonDocument::fromJson(line.toUtf8(), &error);
            EXPECT_EQ(error.error, QJsonParseError::NoError) << "not JSON: " << line.toStdString();
            EXPECT_TRUE(doc.isObject()) << line.toStdString();
            events << doc.object();
        }
        return events;
    }

    static QList<QJsonObject> eventsNamed(const QList<QJsonObject> &events, const QString &name)
    {
        QList<QJsonObject> matching;
        for (const QJsonObject &e : events)
            if (e.value(QStringLiteral("event")).toString() == name)
                matching << e;
        return matching;
    }

    static inline QTemporaryDir *s_dir = nullptr;
    static inline TestPki *s_pki = nullptr;
    QTemporaryDir m_tmp;
    SoftHsmEnv m_env;
    CfsslServer m_ca;
    QProcessEnvironment m_environment;
    std::string m_state;
    QStringList m_serials;
};

} // namespace ks::test
