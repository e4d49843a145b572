// A full batch through keystation-cli with distinctive secrets — the keys' transport PIN or the station
// secret and the PINs derived from it, the final user PIN, the operators' passwords, the CFSSL authsign HMAC
// key, the EST Basic password — and debug logging on: none of them, in any common encoding, appears in what
// the CLI printed, in the exported log or in the journal's files; the files KeyStation creates are readable
// by their owner only.
#include "CfsslServer.h"
#include "CliRunner.h"
#include "EstServerProcess.h"
#include "SimHubControl.h"
#include "SoftHsmEnv.h"
#include "TestPki.h"
#include "core/PinDerivation.h"
#include "device/Pkcs11Module.h"
#include "device/SerialNumber.h"
#include "device/TokenSession.h"

#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <sys/stat.h>

#include <cstdlib>

using namespace ks;
using ks::test::CliRunner;

namespace {

constexpr char kPin[] = "58203917";
constexpr char kAdminPassword[] = "Wombat-Adm1n-Secret-8841";
constexpr char kOperatorPassword[] = "Quokka-0perator-Secret-7731";
constexpr char kSupervisorPassword[] = "Numbat-Sup-Secret-2290";
constexpr char kEstUser[] = "station-7";
constexpr char kEstPassword[] = "Est-Basic-Secret-4452";
constexpr char kFinalUserPin[] = "40617283";
constexpr char kStationSecretHex[] = "c0ffee5eed0123456789abcdefba5eba11c0ffee5eed0123456789abcdefba5e";

mode_t modeOf(const QString &path)
{
    struct stat st
    {
    };
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return 0;
    return st.st_mode & 07777;
}

class SecretsTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_tmp.isValid());
        m_dir = m_tmp.path();
        for (const auto &s : m_env.initTokens(2, "SEC", kPin, "77441122"))
            m_serials << device::SerialNumber::normalise(QString::fromStdString(s));
        const std::string state = m_env.dir() + "/hub.state";
        ::setenv("KS_SIMHUB_STATE", state.c_str(), 1);
        ::setenv("KS_SIMHUB_TARGET", test::SoftHsmEnv::softHsmModulePath().c_str(), 1);
        simhub::SimHubControl hub(state);
        m_pki = std::make_unique<test::TestPki>(test::TestPki::create(m_dir + QStringLiteral("/pki")));

        // Secrets live in owner-only files, as docs/security.md says they should.
        writeSecret(QStringLiteral("transport.pin"), QByteArray(kPin) + '\n');
        writeSecret(QStringLiteral("admin.pw"), QByteArray(kAdminPassword) + '\n');
        writeSecret(QStringLiteral("operator.pw"), QByteArray(kOperatorPassword) + '\n');
        writeSecret(QStringLiteral("supervisor.pw"), QByteArray(kSupervisorPassword) + '\n');
        writeSecret(QStringLiteral("cfssl-auth.hex"), test::CfsslServer::authKeyHex() + '\n');
        writeSecret(QStringLiteral("est.user"), QByteArray(kEstUser) + '\n');
        writeSecret(QStringLiteral("est.password"), QByteArray(kEstPassword) + '\n');
        writeSecret(QStringLiteral("final-user.pin"), QByteArray(kFinalUserPin) + '\n');
        writeSecret(QStringLiteral("station.secret"), QByteArray(kStationSecretHex) + '\n');

        // Private HOME and XDG directories: whatever the CLI creates there is checked too.
        for (const char *d : { "home", "config", "data", "cache", "runtime" })
            ASSERT_TRUE(QDir(m_dir).mkpath(QString::fromLatin1(d)));
        QFile::setPermissions(m_dir + QStringLiteral("/runtime"),
                              QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        auto &env = m_cli.environment();
        env.insert(QStringLiteral("HOME"), m_dir + QStringLiteral("/home"));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir + QStringLiteral("/config"));
        env.insert(QStringLiteral("XDG_DATA_HOME"), m_dir + QStringLiteral("/data"));
        env.insert(QStringLiteral("XDG_CACHE_HOME"), m_dir + QStringLiteral("/cache"));
        env.insert(QStringLiteral("XDG_RUNTIME_DIR"), m_dir + QStringLiteral("/runtime"));
        env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("ks.*=true"));
        env.insert(QStringLiteral("KS_SIMHUB_STATE"), QString::fromStdString(state));
        env.insert(QStringLiteral("KS_SIMHUB_TARGET"),
                   QString::fromStdString(test::SoftHsmEnv::softHsmModulePath()));
        env.insert(QStringLiteral("SOFTHSM2_CONF"), QString::fromStdString(m_env.confPath()));
    }

    void writeSecret(const QString &name, const QByteArray &content)
    {
        QFile f(m_dir + QLatin1Char('/') + name);
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        f.write(content);
    }

    QString file(const QString &name) const { return m_dir + QLatin1Char('/') + name; }
    // The journal lives where the CLI puts it by default (XDG_DATA_HOME), so its creation is KeyStation's.
    QString journalPath() const
    {
        return m_dir + QStringLiteral("/data/KeyStation/keystation/journal.sqlite");
    }

    // Accounts through the CLI: the first administrator, then an operator and a supervisor.
    void createAccounts()
    {
        record(m_cli.run({ QStringLiteral("operator"), QStringLiteral("add"), QStringLiteral("admin"),
                           QStringLiteral("--role"), QStringLiteral("administrator"),
                           QStringLiteral("--password-file"), file(QStringLiteral("admin.pw")) }),
               0);
        for (const auto &[name, role, pw] : { std::tuple { "op1", "operator", "operator.pw" },
                                              std::tuple { "sup1", "supervisor", "supervisor.pw" } })
            record(m_cli.run({ QStringLiteral("operator"), QStringLiteral("add"), QString::fromLatin1(name),
                               QStringLiteral("--role"), QString::fromLatin1(role),
                               QStringLiteral("--password-file"), file(QString::fromLatin1(pw)),
                               QStringLiteral("--as"), QStringLiteral("admin"),
                               QStringLiteral("--as-password-file"), file(QStringLiteral("admin.pw")) }),
                   0);
        // A wrong password is journaled as a failure: its text must not be.
        record(m_cli.run({ QStringLiteral("log"), QStringLiteral("--as"), QStringLiteral("sup1"),
                           QStringLiteral("--as-password-file"), file(QStringLiteral("operator.pw")) }),
               4); // authentication refused
    }

    void writeProfile(const QJsonObject &ca, const QJsonObject &extra = {})
    {
        QJsonObject profile {
            { QStringLiteral("name"), QStringLiteral("secrets") },
            { QStringLiteral("keyAlgorithm"), QStringLiteral("ec-p256") },
            { QStringLiteral("pin"),
              QJsonObject { { QStringLiteral("source"), QStringLiteral("transport") },
                            { QStringLiteral("file"), file(QStringLiteral("transport.pin")) } } },
            { QStringLiteral("keyUsage"), QJsonArray { QStringLiteral("digitalSignature") } },
            { QStringLiteral("extendedKeyUsage"), QJsonArray { QStringLiteral("clientAuth") } },
            { QStringLiteral("ca"), ca },
            { QStringLiteral("minValidityDays"), 1 },
        };
        for (auto it = extra.begin(); it != extra.end(); ++it)
            profile.insert(it.key(), it.value());
        QFile f(file(QStringLiteral("profile.json")));
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        f.write(QJsonDocument(profile).toJson());
    }

    // Gives every key the PIN derived from the station secret and its serial (what the key issuer does), so
    // the batch logs in with derived PINs. Returns them.
    QList<QByteArray> switchKeysToDerivedPins()
    {
        QList<QByteArray> pins;
        auto module
            = device::Pkcs11Module::load(QString::fromStdString(test::SoftHsmEnv::softHsmModulePath()));
        EXPECT_TRUE(module);
        if (!module)
            return pins;
        for (const QString &serial : std::as_const(m_serials)) {
            auto pin = core::PinDerivation::derive(QByteArray::fromHex(kStationSecretHex), serial, 8);
            EXPECT_TRUE(pin);
            auto session = device::TokenSession::open(*module, serial);
            EXPECT_TRUE(session) << serial.toStdString();
            if (!pin || !session)
                continue;
            EXPECT_TRUE((*session)->login(QByteArray(kPin)));
            EXPECT_TRUE((*session)->changePin(QByteArray(kPin), *pin));
            pins << *pin;
        }
        return pins;
    }

    void provisionAndExport()
    {
        const CliRunner::Run run = m_cli.run(
            { QStringLiteral("provision"), QStringLiteral("--all"), QStringLiteral("--profile"),
              file(QStringLiteral("profile.json")), QStringLiteral("--module"),
              QStringLiteral(KS_SIMHUB_MODULE_PATH), QStringLiteral("--as"), QStringLiteral("op1"),
              QStringLiteral("--as-password-file"), file(QStringLiteral("operator.pw")) });
        record(run, 0);
        // Debug logging really was on, so the absence of secrets below means something.
        EXPECT_TRUE(run.err.contains("ks.")) << run.err.toStdString();
        for (const QString &serial : std::as_const(m_serials))
            EXPECT_TRUE(run.out.contains(serial.toUtf8())) << run.out.toStdString();
        EXPECT_EQ(run.out.count("DONE in"), m_serials.size()) << run.out.toStdString();
        record(m_cli.run({ QStringLiteral("log"), QStringLiteral("--csv"), QStringLiteral("--as"),
                           QStringLiteral("sup1"), QStringLiteral("--as-password-file"),
                           file(QStringLiteral("supervisor.pw")) }),
               0);
        record(m_cli.run({ QStringLiteral("log"), QStringLiteral("verify"), QStringLiteral("--as"),
                           QStringLiteral("sup1"), QStringLiteral("--as-password-file"),
                           file(QStringLiteral("supervisor.pw")) }),
               0);
    }

    void record(const CliRunner::Run &run, int expectedExit)
    {
        EXPECT_EQ(run.exitCode, expectedExit) << run.all().toStdString();
        m_output += run.all();
    }

    // Every form a secret could take on its way out: as is, hex, base64 (padded or not), UTF-16.
    static QList<QByteArray> forms(const QByteArray &secret)
    {
        QList<QByteArray> f { secret,
                              secret.toHex(),
                              secret.toHex().toUpper(),
                              secret.toBase64(),
                              secret.toBase64(QByteArray::OmitTrailingEquals),
                              secret.toBase64(QByteArray::Base64UrlEncoding
                                              | QByteArray::OmitTrailingEquals) };
        QByteArray utf16;
        for (char c : secret)
            utf16 += QByteArray(1, c) + '\0';
        f << utf16;
        return f;
    }

    void expectNoSecretIn(const QString &where, const QByteArray &haystack, const QList<QByteArray> &secrets)
    {
        ASSERT_FALSE(haystack.isEmpty()) << where.toStdString();
        for (const QByteArray &secret : secrets)
            for (const QByteArray &form : forms(secret))
                EXPECT_FALSE(haystack.contains(form))
                    << "'" << secret.toStdString() << "' (as '" << form.toHex().toStdString() << "') is in "
                    << where.toStdString();
    }

    void expectNoSecretsAnywhere(const QList<QByteArray> &extra)
    {
        QList<QByteArray> secrets { kPin, kAdminPassword, kOperatorPassword, kSupervisorPassword };
        secrets += extra;
        expectNoSecretIn(QStringLiteral("the CLI's output and logs"), m_output, secrets);
        QByteArray journal;
        for (const QString &suffix : { QString(), QStringLiteral("-wal"), QStringLiteral("-shm") }) {
            QFile f(journalPath() + suffix);
            if (!f.exists())
                continue;
            ASSERT_TRUE(f.open(QIODevice::ReadOnly));
            const QByteArray bytes = f.readAll();
            expectNoSecretIn(f.fileName(), bytes, secrets);
            journal += bytes;
        }
        // A control: what the journal must hold is found by the same search, so the misses above mean
        // something.
        for (const QString &serial : std::as_const(m_serials))
            EXPECT_TRUE(journal.contains(serial.toUtf8())) << serial.toStdString();
        EXPECT_TRUE(journal.contains("op1"));
    }

    // The journal and everything else the CLI created under HOME/XDG: owner-only.
    void expectOwnerOnlyFiles()
    {
        ASSERT_TRUE(QFile::exists(journalPath()));
        EXPECT_EQ(modeOf(journalPath()), 0600u);
        int files = 0;
        for (const char *d : { "home", "config", "data", "cache" }) {
            QDirIterator it(m_dir + QLatin1Char('/') + QString::fromLatin1(d), QDir::Files | QDir::Hidden,
                            QDirIterator::Subdirectories);
            while (it.hasNext()) {
                const QString path = it.next();
                ++files;
                EXPECT_EQ(modeOf(path) & 077, 0u)
                    << path.toStdString() << " is readable by others: " << std::oct << modeOf(path);
            }
        }
        EXPECT_GE(files, 1);
        // Nobody else may replace the journal's files (the directory itself is created with the umask: its
        // files are owner-only, its listing is not; docs/security.md).
        EXPECT_EQ(modeOf(QFileInfo(journalPath()).absolutePath()) & 022, 0u)
            << std::oct << modeOf(QFileInfo(journalPath()).absolutePath());
    }

    QTemporaryDir m_tmp;
    QString m_dir;
    test::SoftHsmEnv m_env;
    QStringList m_serials;
    std::unique_ptr<test::TestPki> m_pki;
    CliRunner m_cli;
    QByteArray m_output;
};

TEST_F(SecretsTest, CfsslAuthsignBatchLeaksNoPinPasswordOrHmacKey)
{
    test::CfsslServer cfssl;
    test::CfsslServer::Options options;
    options.caCertPath = m_pki->caCertPath();
    options.caKeyPath = m_pki->caKeyPath();
    options.tlsCertPath = m_pki->serverCertPath();
    options.tlsKeyPath = m_pki->serverKeyPath();
    ASSERT_TRUE(cfssl.start(options)) << cfssl.errorString().toStdString();
    createAccounts();
    writeProfile({ { QStringLiteral("protocol"), QStringLiteral("cfssl") },
                   { QStringLiteral("url"), cfssl.baseUrl().toString() },
                   { QStringLiteral("profile"), QStringLiteral("station-auth") },
                   { QStringLiteral("authKeyFile"), file(QStringLiteral("cfssl-auth.hex")) },
                   { QStringLiteral("trustAnchorFile"), m_pki->caCertPath() } },
                 { { QStringLiteral("finalUserPinFile"), file(QStringLiteral("final-user.pin")) } });
    provisionAndExport();
    EXPECT_EQ(cfssl.issuedCount(), m_serials.size());
    // The final user PIN really was set (so it really went through the station).
    auto module = device::Pkcs11Module::load(QString::fromStdString(test::SoftHsmEnv::softHsmModulePath()));
    ASSERT_TRUE(module);
    for (const QString &serial : std::as_const(m_serials)) {
        auto session = device::TokenSession::open(*module, serial);
        ASSERT_TRUE(session) << serial.toStdString();
        EXPECT_TRUE((*session)->login(QByteArray(kFinalUserPin))) << serial.toStdString();
    }
    const QByteArray hmacKey = QByteArray::fromHex(test::CfsslServer::authKeyHex());
    expectNoSecretsAnywhere({ test::CfsslServer::authKeyHex(), hmacKey, kFinalUserPin });
    expectOwnerOnlyFiles();
}

TEST_F(SecretsTest, EstBasicDerivedPinBatchLeaksNoPinSecretOrPassword)
{
    test::EstServerProcess est(*m_pki);
    ASSERT_TRUE(est.start({ QStringLiteral("--basic"),
                            QString::fromLatin1(kEstUser) + u':' + QString::fromLatin1(kEstPassword) }))
        << est.errorString().toStdString();
    const QList<QByteArray> derivedPins = switchKeysToDerivedPins();
    ASSERT_EQ(derivedPins.size(), m_serials.size());
    createAccounts();
    writeProfile({ { QStringLiteral("protocol"), QStringLiteral("est") },
                   { QStringLiteral("url"), est.baseUrl().toString() },
                   { QStringLiteral("usernameFile"), file(QStringLiteral("est.user")) },
                   { QStringLiteral("passwordFile"), file(QStringLiteral("est.password")) },
                   { QStringLiteral("trustAnchorFile"), m_pki->caCertPath() } },
                 { { QStringLiteral("pin"),
                     QJsonObject { { QStringLiteral("source"), QStringLiteral("derived") },
                                   { QStringLiteral("secretFile"), file(QStringLiteral("station.secret")) },
                                   { QStringLiteral("digits"), 8 } } } });
    provisionAndExport();
    EXPECT_EQ(est.issuedCount(), m_serials.size());
    // The Authorization header's value is base64("user:password"): covered by forms() of that string.
    QList<QByteArray> secrets { kEstPassword, QByteArray(kEstUser) + ':' + kEstPassword, kStationSecretHex,
                                QByteArray::fromHex(kStationSecretHex) };
    secrets += derivedPins;
    expectNoSecretsAnywhere(secrets);
    expectOwnerOnlyFiles();
}

// Every file that holds a secret is refused when its group or others may access it (mode & 077): the
// transport and final PINs, the station secret, the CFSSL HMAC key, the EST user name and password, the TLS
// client key, the operators' password files and the PostgreSQL connection file. The refusal names the file,
// its mode and chmod 600, and comes before anything is done with the file; once owner-only, the same command
// goes further.
TEST_F(SecretsTest, EverySecretFileTheGroupOrOthersMayReadIsRefused)
{
    createAccounts();
    // A client key of its own, so its mode can be changed here.
    QFile::copy(m_pki->clientKeyPath(), file(QStringLiteral("client-key.pem")));
    QFile::setPermissions(file(QStringLiteral("client-key.pem")),
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    writeSecret(QStringLiteral("pg.conf"), "host = 127.0.0.1\nport = 1\ndbname = ks\nuser = station\n");
    const QString nowhere = QStringLiteral("https://127.0.0.1:1"); // never reached: refused before
    const QJsonObject cfssl { { QStringLiteral("protocol"), QStringLiteral("cfssl") },
                              { QStringLiteral("url"), nowhere },
                              { QStringLiteral("trustAnchorFile"), m_pki->caCertPath() } };
    auto caWith = [&](const QJsonObject &extra) {
        QJsonObject ca = cfssl;
        for (auto it = extra.begin(); it != extra.end(); ++it)
            ca.insert(it.key(), it.value());
        return ca;
    };
    const QJsonObject derivedPin { { QStringLiteral("source"), QStringLiteral("derived") },
                                   { QStringLiteral("secretFile"), file(QStringLiteral("station.secret")) },
                                   { QStringLiteral("digits"), 8 } };
    const QStringList provision { QStringLiteral("provision"),
                                  QStringLiteral("--all"),
                                  QStringLiteral("--profile"),
                                  file(QStringLiteral("profile.json")),
                                  QStringLiteral("--module"),
                                  QStringLiteral(KS_SIMHUB_MODULE_PATH),
                                  QStringLiteral("--as"),
                                  QStringLiteral("op1"),
                                  QStringLiteral("--as-password-file"),
                                  file(QStringLiteral("operator.pw")) };
    struct Case
    {
        const char *secret;
        QJsonObject ca;
        QJsonObject extra;
        QStringList args;
    };
    const QList<Case> cases {
        { "transport.pin", cfssl, {}, provision },
        { "final-user.pin",
          cfssl,
          { { QStringLiteral("finalUserPinFile"), file(QStringLiteral("final-user.pin")) } },
          provision },
        { "station.secret", cfssl, { { QStringLiteral("pin"), derivedPin } }, provision },
        { "cfssl-auth.hex",
          caWith({ { QStringLiteral("authKeyFile"), file(QStringLiteral("cfssl-auth.hex")) } }),
          {},
          provision },
        { "est.user",
          caWith({ { QStringLiteral("usernameFile"), file(QStringLiteral("est.user")) },
                   { QStringLiteral("passwordFile"), file(QStringLiteral("est.password")) } }),
          {},
          provision },
        { "est.password",
          caWith({ { QStringLiteral("usernameFile"), file(QStringLiteral("est.user")) },
                   { QStringLiteral("passwordFile"), file(QStringLiteral("est.password")) } }),
          {},
          provision },
        { "client-key.pem",
          caWith({ { QStringLiteral("clientCertFile"), m_pki->clientCertPath() },
                   { QStringLiteral("clientKeyFile"), file(QStringLiteral("client-key.pem")) } }),
          {},
          provision },
        { "operator.pw", cfssl, {}, provision },
        { "supervisor.pw",
          cfssl,
          {},
          { QStringLiteral("log"), QStringLiteral("--as"), QStringLiteral("sup1"),
            QStringLiteral("--as-password-file"), file(QStringLiteral("supervisor.pw")) } },
        { "pg.conf",
          cfssl,
          {},
          provision + QStringList { QStringLiteral("--pg-conf"), file(QStringLiteral("pg.conf")) } },
    };
    for (const Case &c : cases) {
        const QString secret = file(QString::fromLatin1(c.secret));
        SCOPED_TRACE(c.secret);
        writeProfile(c.ca, c.extra);
        for (const auto extra : { QFileDevice::ReadGroup, QFileDevice::ReadOther }) {
            ASSERT_TRUE(
                QFile::setPermissions(secret, QFileDevice::ReadOwner | QFileDevice::WriteOwner | extra));
            const CliRunner::Run run = m_cli.run(c.args);
            EXPECT_NE(run.exitCode, 0) << run.all().toStdString();
            const QByteArray mode = extra == QFileDevice::ReadGroup ? "0640" : "0604";
            EXPECT_TRUE(run.err.contains(secret.toUtf8()) && run.err.contains("(mode " + mode + ")")
                        && run.err.contains("chmod 600"))
                << run.all().toStdString();
            EXPECT_FALSE(run.out.contains("DONE in")) << run.all().toStdString();
            m_output += run.all();
        }
        ASSERT_TRUE(QFile::setPermissions(secret, QFileDevice::ReadOwner | QFileDevice::WriteOwner));
        // Owner-only, the same command gets past it (to the CA nobody answers, or the journal).
        const CliRunner::Run run = m_cli.run(c.args);
        EXPECT_FALSE(run.err.contains("chmod 600")) << run.all().toStdString();
    }
    // The refusals did not print what the files hold.
    expectNoSecretIn(QStringLiteral("the refusals"), m_output,
                     { kPin, kOperatorPassword, kSupervisorPassword, kEstPassword, kFinalUserPin,
                       kStationSecretHex, test::CfsslServer::authKeyHex() });
}

} // namespace
