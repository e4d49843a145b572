// keystation-cli's vocabulary and exit codes as a script sees them (README "Exit codes"): the built binary,
// a real cfssl serve over TLS, the simulated hub over SoftHSM, a real SQLite journal.
#include "CfsslServer.h"
#include "SimHubControl.h"
#include "SoftHsmEnv.h"
#include "TestPki.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTcpServer>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <csignal>
#include <sys/types.h>

namespace {

struct CliRun
{
    int code = -1;
    QString out;
    QString err;
};

class CliVocabulary : public ::testing::Test
{
protected:
    static void SetUpTestSuite()
    {
        s_dir = new QTemporaryDir;
        s_pki = new ks::test::TestPki(ks::test::TestPki::create(s_dir->path()));
    }
    static void TearDownTestSuite()
    {
        delete s_pki;
        delete s_dir;
    }

    void SetUp() override
    {
        ASSERT_TRUE(m_tmp.isValid());
        m_env.initTokens(1);
        m_state = m_env.dir() + "/hub.state";
        const std::string &state = m_state;
        // No key plugged in: the hub is empty.
        ASSERT_TRUE(ks::simhub::SimHubControl(state).setDefaultPresent(false));
        m_environment = QProcessEnvironment::systemEnvironment();
        m_environment.remove(QStringLiteral("KEYSTATION_PKCS11_MODULE"));
        m_environment.remove(QStringLiteral("KEYSTATION_PROFILE"));
        m_environment.remove(QStringLiteral("KEYSTATION_JOURNAL"));
        m_environment.remove(QStringLiteral("QT_LOGGING_RULES"));
        m_environment.insert(QStringLiteral("SOFTHSM2_CONF"), QString::fromStdString(m_env.confPath()));
        m_environment.insert(QStringLiteral("KS_SIMHUB_STATE"), QString::fromStdString(state));
        m_environment.insert(QStringLiteral("KS_SIMHUB_TARGET"),
                             QString::fromStdString(ks::test::SoftHsmEnv::softHsmModulePath()));
        m_environment.insert(QStringLiteral("HOME"), m_tmp.path());
        m_environment.insert(QStringLiteral("XDG_CONFIG_HOME"), m_tmp.filePath(QStringLiteral("config")));
        m_environment.insert(QStringLiteral("XDG_DATA_HOME"), m_tmp.filePath(QStringLiteral("data")));
        writeSecret(QStringLiteral("transport.pin"), "123456\n");
        writeSecret(QStringLiteral("admin.pw"), "Admin-Secret-1\n");
        writeSecret(QStringLiteral("wrong.pw"), "not-the-password\n");
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

    CliRun run(const QStringList &args) const
    {
        QProcess cli;
        cli.setProcessEnvironment(m_environment);
        cli.start(QStringLiteral(KS_CLI_PATH), args);
        CliRun r;
        if (!cli.waitForFinished(60000)) {
            cli.kill();
            cli.waitForFinished();
            return r;
        }
        r.code = cli.exitStatus() == QProcess::NormalExit ? cli.exitCode() : -2;
        r.out = QString::fromUtf8(cli.readAllStandardOutput());
        r.err = QString::fromUtf8(cli.readAllStandardError());
        return r;
    }

    void addAdministrator()
    {
        const CliRun r = run({ QStringLiteral("operator"), QStringLiteral("add"), QStringLiteral("admin"),
                               QStringLiteral("--role"), QStringLiteral("administrator"),
                               QStringLiteral("--password-file"), file(QStringLiteral("admin.pw")),
                               QStringLiteral("--journal"), journal() });
        ASSERT_EQ(r.code, 0) << r.out.toStdString() << r.err.toStdString();
    }

    void writeProfile(const QString &url, const QString &anchor,
                      const QString &cfsslProfile = QStringLiteral("station"))
    {
        const QJsonObject profile {
            { QStringLiteral("name"), QStringLiteral("vocabulary") },
            { QStringLiteral("keyAlgorithm"), QStringLiteral("ec-p256") },
            { QStringLiteral("pin"),
              QJsonObject { { QStringLiteral("source"), QStringLiteral("transport") },
                            { QStringLiteral("file"), file(QStringLiteral("transport.pin")) } } },
            { QStringLiteral("keyUsage"), QJsonArray { QStringLiteral("digitalSignature") } },
            { QStringLiteral("extendedKeyUsage"), QJsonArray { QStringLiteral("clientAuth") } },
            { QStringLiteral("ca"),
              QJsonObject { { QStringLiteral("protocol"), QStringLiteral("cfssl") },
                            { QStringLiteral("url"), url },
                            { QStringLiteral("profile"), cfsslProfile },
                            { QStringLiteral("trustAnchorFile"), anchor } } },
            { QStringLiteral("minValidityDays"), 1 },
        };
        QFile f(file(QStringLiteral("profile.json")));
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        f.write(QJsonDocument(profile).toJson());
    }

    bool startCa()
    {
        ks::test::CfsslServer::Options o;
        o.caCertPath = s_pki->caCertPath();
        o.caKeyPath = s_pki->caKeyPath();
        o.tlsCertPath = s_pki->serverCertPath();
        o.tlsKeyPath = s_pki->serverKeyPath();
        if (!m_ca.start(o))
            return false;
        writeProfile(m_ca.baseUrl().toString(), s_pki->caCertPath());
        return true;
    }

    // provision --all with the new spellings, then `extra`.
    QStringList provision(const QStringList &extra = {}) const
    {
        return QStringList { QStringLiteral("provision"), QStringLiteral("--all"),
                             QStringLiteral("--profile"), file(QStringLiteral("profile.json")),
                             QStringLiteral("--module"),  QStringLiteral(KS_SIMHUB_MODULE_PATH),
                             QStringLiteral("--journal"), journal() }
        + extra;
    }
    QStringList asAdmin() const
    {
        return { QStringLiteral("--as"), QStringLiteral("admin"), QStringLiteral("--as-password-file"),
                 file(QStringLiteral("admin.pw")) };
    }

    static QTemporaryDir *s_dir;
    static ks::test::TestPki *s_pki;
    QTemporaryDir m_tmp;
    ks::test::SoftHsmEnv m_env;
    ks::test::CfsslServer m_ca;
    QProcessEnvironment m_environment;
    std::string m_state;
};

QTemporaryDir *CliVocabulary::s_dir = nullptr;
ks::test::TestPki *CliVocabulary::s_pki = nullptr;

TEST_F(CliVocabulary, NoCommandPrintsUsageOnStderrAndExits2)
{
    const CliRun r = run({});
    EXPECT_EQ(r.code, 2);
    EXPECT_TRUE(r.out.isEmpty()) << r.out.toStdString();
    EXPECT_TRUE(r.err.startsWith(QStringLiteral("Usage: keystation-cli COMMAND"))) << r.err.toStdString();
    EXPECT_TRUE(r.err.contains(QStringLiteral("Exit status:"))) << r.err.toStdString();
    const CliRun unknown = run({ QStringLiteral("bogus") });
    EXPECT_EQ(unknown.code, 2);
    EXPECT_TRUE(unknown.err.contains(QStringLiteral("Unknown command 'bogus'"))) << unknown.err.toStdString();
}

TEST_F(CliVocabulary, EveryCommandsHelpNamesTheCommandAndListsTheExitCodes)
{
    for (const QString &command :
         { QStringLiteral("tokens"), QStringLiteral("ca"), QStringLiteral("provision"), QStringLiteral("log"),
           QStringLiteral("operator"), QStringLiteral("lot"), QStringLiteral("doctor") }) {
        const CliRun r = run({ command, QStringLiteral("--help") });
        EXPECT_EQ(r.code, 0) << command.toStdString();
        EXPECT_TRUE(r.out.startsWith(QStringLiteral("Usage: keystation-cli ") + command + u' '))
            << r.out.toStdString();
        EXPECT_FALSE(r.out.contains(QStringLiteral(KS_CLI_PATH))) << "a build path: " << r.out.toStdString();
        for (const char *line : { "Exit status:", "  2    usage", "  3    the CA is unreachable",
                                  "  4    authentication", "  5    no key present" })
            EXPECT_TRUE(r.out.contains(QLatin1String(line))) << command.toStdString() << ": " << line;
        // A bad option is a usage error too, with a pointer to --help.
        const CliRun bad = run({ command, QStringLiteral("--no-such-option") });
        EXPECT_EQ(bad.code, 2) << command.toStdString() << bad.err.toStdString();
        EXPECT_TRUE(bad.err.contains(QStringLiteral("keystation-cli ") + command + QStringLiteral(" --help")))
            << bad.err.toStdString();
    }
}

TEST_F(CliVocabulary, VersionNamesQtOpenSslAndTheModule)
{
    const CliRun bare = run({ QStringLiteral("--version") });
    ASSERT_EQ(bare.code, 0) << bare.err.toStdString();
    const QStringList lines = bare.out.split(u'\n', Qt::SkipEmptyParts);
    ASSERT_GE(lines.size(), 4) << bare.out.toStdString();
    EXPECT_TRUE(lines.at(0).startsWith(QStringLiteral("keystation-cli "))) << bare.out.toStdString();
    EXPECT_TRUE(lines.at(1).startsWith(QStringLiteral("Qt 6."))) << bare.out.toStdString();
    EXPECT_TRUE(lines.at(2).startsWith(QStringLiteral("OpenSSL 3."))) << bare.out.toStdString();
    EXPECT_TRUE(lines.at(3).contains(QStringLiteral("none configured"))) << bare.out.toStdString();

    // The module as C_GetInfo describes it, from --module or from the environment.
    const CliRun withModule = run(
        { QStringLiteral("--version"), QStringLiteral("--module"), QStringLiteral(KS_SIMHUB_MODULE_PATH) });
    ASSERT_EQ(withModule.code, 0) << withModule.err.toStdString();
    EXPECT_TRUE(
        withModule.out.contains(QStringLiteral("PKCS#11 module ") + QStringLiteral(KS_SIMHUB_MODULE_PATH)))
        << withModule.out.toStdString();
    EXPECT_TRUE(withModule.out.contains(QStringLiteral("Cryptoki 2."))) << withModule.out.toStdString();
    auto environment = m_environment;
    m_environment.insert(QStringLiteral("KEYSTATION_PKCS11_MODULE"), QStringLiteral(KS_SIMHUB_MODULE_PATH));
    const CliRun fromEnv = run({ QStringLiteral("--version") });
    m_environment = environment;
    EXPECT_TRUE(fromEnv.out.contains(QStringLiteral("Cryptoki 2."))) << fromEnv.out.toStdString();
}

TEST_F(CliVocabulary, LogRejectsAnUnknownState)
{
    const CliRun bogus = run({ QStringLiteral("log"), QStringLiteral("--state"), QStringLiteral("bogus"),
                               QStringLiteral("--journal"), journal() });
    EXPECT_EQ(bogus.code, 2);
    EXPECT_TRUE(bogus.err.contains(QStringLiteral("Unknown --state 'bogus'"))) << bogus.err.toStdString();
    // A known state passes the check and reaches the login (nobody: exit 4).
    const CliRun known = run({ QStringLiteral("log"), QStringLiteral("--state"), QStringLiteral("failed"),
                               QStringLiteral("--journal"), journal() });
    EXPECT_EQ(known.code, 4) << known.err.toStdString();
}

TEST_F(CliVocabulary, ProvisionWithNoKeyPresentExits5AndNamesTheModule)
{
    addAdministrator();
    ASSERT_TRUE(startCa()) << m_ca.errorString().toStdString();
    const CliRun r = run(provision(asAdmin()));
    EXPECT_EQ(r.code, 5) << r.out.toStdString() << r.err.toStdString();
    EXPECT_TRUE(
        r.err.contains(QStringLiteral("No keys found through ") + QStringLiteral(KS_SIMHUB_MODULE_PATH)))
        << r.err.toStdString();
    EXPECT_FALSE(r.err.contains(QStringLiteral("deprecated"))) << r.err.toStdString();
    // Routine notes of the layers are for --verbose only.
    EXPECT_FALSE(r.err.contains(QStringLiteral("ks.device"))) << r.err.toStdString();
}

TEST_F(CliVocabulary, OldProvisionSpellingsStillWorkAndWarn)
{
    addAdministrator();
    ASSERT_TRUE(startCa()) << m_ca.errorString().toStdString();
    const CliRun r = run(provision({ QStringLiteral("--operator"), QStringLiteral("admin"),
                                     QStringLiteral("--password-file"), file(QStringLiteral("admin.pw")) }));
    // Logged in (the batch ran and found no key): the old options still name the account and its password.
    EXPECT_EQ(r.code, 5) << r.out.toStdString() << r.err.toStdString();
    EXPECT_TRUE(r.out.contains(QStringLiteral("started by admin"))) << r.out.toStdString();
    EXPECT_TRUE(r.err.contains(QStringLiteral("--operator is deprecated"))
                && r.err.contains(QStringLiteral("use --as.")))
        << r.err.toStdString();
    EXPECT_TRUE(r.err.contains(QStringLiteral("--password-file is deprecated"))
                && r.err.contains(QStringLiteral("use --as-password-file.")))
        << r.err.toStdString();
}

TEST_F(CliVocabulary, AWrongOperatorPasswordExits4)
{
    addAdministrator();
    writeProfile(QStringLiteral("https://127.0.0.1:1"), s_pki->caCertPath()); // the login comes first
    const CliRun r
        = run(provision({ QStringLiteral("--as"), QStringLiteral("admin"),
                          QStringLiteral("--as-password-file"), file(QStringLiteral("wrong.pw")) }));
    EXPECT_EQ(r.code, 4) << r.out.toStdString() << r.err.toStdString();
    EXPECT_FALSE(r.err.contains(QStringLiteral("not-the-password"))) << r.err.toStdString();
}

TEST_F(CliVocabulary, AnEmptyUserSaysNoOperatorName)
{
    addAdministrator();
    writeProfile(QStringLiteral("https://127.0.0.1:1"), s_pki->caCertPath());
    m_environment.insert(QStringLiteral("USER"), QString());
    const CliRun r = run(provision());
    EXPECT_EQ(r.code, 4) << r.out.toStdString() << r.err.toStdString();
    EXPECT_TRUE(r.err.contains(QStringLiteral("No operator name"))) << r.err.toStdString();
    EXPECT_FALSE(r.err.contains(QStringLiteral("password"), Qt::CaseInsensitive)) << r.err.toStdString();
}

TEST_F(CliVocabulary, ACaThatIsDownExits3)
{
    addAdministrator();
    // A port that was free a moment ago: nothing listens there.
    QTcpServer probe;
    ASSERT_TRUE(probe.listen(QHostAddress::LocalHost));
    const quint16 port = probe.serverPort();
    probe.close();
    writeProfile(QStringLiteral("https://127.0.0.1:%1").arg(port), s_pki->caCertPath());
    const CliRun r = run(provision(asAdmin()));
    EXPECT_EQ(r.code, 3) << r.out.toStdString() << r.err.toStdString();
    EXPECT_TRUE(r.err.contains(QStringLiteral("The CA is not usable"))) << r.err.toStdString();
    EXPECT_FALSE(r.err.contains(QStringLiteral("InvalidArgument"))) << r.err.toStdString();
}

TEST_F(CliVocabulary, ATlsFailureNamesTheAnchorItWasCheckedAgainst)
{
    addAdministrator();
    ASSERT_TRUE(startCa()) << m_ca.errorString().toStdString();
    writeProfile(m_ca.baseUrl().toString(), s_pki->untrustedCaCertPath());
    const CliRun r = run(provision(asAdmin()));
    EXPECT_EQ(r.code, 3) << r.out.toStdString() << r.err.toStdString();
    EXPECT_TRUE(r.err.contains(s_pki->untrustedCaCertPath() + QStringLiteral(" (ca.trustAnchorFile)")))
        << r.err.toStdString();
}

TEST_F(CliVocabulary, AMissingTrustAnchorFileIsNamedAsTheProfileSpellsIt)
{
    addAdministrator();
    const QString missing = file(QStringLiteral("no-such-ca.pem"));
    writeProfile(QStringLiteral("https://127.0.0.1:1"), missing);
    const CliRun r = run(provision(asAdmin()));
    EXPECT_EQ(r.code, 2) << r.out.toStdString() << r.err.toStdString();
    EXPECT_TRUE(r.err.contains(QStringLiteral("ca.trustAnchorFile: file not found: ") + missing))
        << r.err.toStdString();
    EXPECT_FALSE(r.err.contains(QStringLiteral("ProfileInvalidValue"))) << r.err.toStdString();
}

TEST_F(CliVocabulary, AModuleThatCannotBeLoadedExits5)
{
    addAdministrator();
    writeProfile(QStringLiteral("https://127.0.0.1:1"), s_pki->caCertPath());
    QStringList args = provision(asAdmin());
    args[args.indexOf(QStringLiteral(KS_SIMHUB_MODULE_PATH))] = file(QStringLiteral("no-such-module.so"));
    const CliRun r = run(args);
    EXPECT_EQ(r.code, 5) << r.out.toStdString() << r.err.toStdString();
}

} // namespace

// A key that fails is reported once (its FAILED line; the layers' log line is a --verbose note), and a check
// failure that looks like cfssl's silent fall-back to its default profile names the profile asked for.
TEST_F(CliVocabulary, AKeyErrorIsPrintedOnceWithTheCfsslDefaultProfileHint)
{
    addAdministrator();
    ASSERT_TRUE(startCa()) << m_ca.errorString().toStdString();
    writeProfile(m_ca.baseUrl().toString(), s_pki->caCertPath(), QStringLiteral("no-such-profile"));
    ASSERT_TRUE(ks::simhub::SimHubControl(m_state).setDefaultPresent(true));
    const CliRun r = run(provision(asAdmin()));
    EXPECT_EQ(r.code, 1) << r.out.toStdString() << r.err.toStdString();
    EXPECT_EQ(r.out.count(QStringLiteral("FAILED at")), 1) << r.out.toStdString();
    EXPECT_EQ((r.out + r.err).count(QStringLiteral("extendedKeyUsage lacks")), 1)
        << r.out.toStdString() << r.err.toStdString();
    EXPECT_TRUE(r.err.contains(QStringLiteral("cfssl signs with its default profile"))
                && r.err.contains(QStringLiteral("('no-such-profile')")))
        << r.err.toStdString();
}

// keystation-cli reads the same environment as keystation, an option winning over it: KEYSTATION_JOURNAL
// (the journal file) and KEYSTATION_PROFILE (the profile).
TEST_F(CliVocabulary, TheEnvironmentNamesTheJournalAndTheProfileUnlessAnOptionDoes)
{
    const QString fromEnvironment = file(QStringLiteral("env-journal.sqlite"));
    m_environment.insert(QStringLiteral("KEYSTATION_JOURNAL"), fromEnvironment);
    const CliRun added = run({ QStringLiteral("operator"), QStringLiteral("add"), QStringLiteral("admin"),
                               QStringLiteral("--role"), QStringLiteral("administrator"),
                               QStringLiteral("--password-file"), file(QStringLiteral("admin.pw")) });
    ASSERT_EQ(added.code, 0) << added.err.toStdString();
    EXPECT_TRUE(QFile::exists(fromEnvironment));
    // --journal wins: that journal has no account yet, so a first administrator may still be made there.
    addAdministrator();
    EXPECT_TRUE(QFile::exists(journal()));

    m_environment.insert(QStringLiteral("KEYSTATION_PROFILE"), file(QStringLiteral("env-profile.json")));
    QStringList args = provision(asAdmin());
    const qsizetype at = args.indexOf(QStringLiteral("--profile"));
    args.remove(at, 2);
    const CliRun fromEnv = run(args);
    EXPECT_EQ(fromEnv.code, 2) << fromEnv.err.toStdString();
    EXPECT_TRUE(fromEnv.err.contains(QStringLiteral("Profile file not found: ")
                                     + file(QStringLiteral("env-profile.json"))))
        << fromEnv.err.toStdString();
    const CliRun fromOption = run(provision(asAdmin()));
    EXPECT_TRUE(fromOption.err.contains(QStringLiteral("Profile file not found: ")
                                        + file(QStringLiteral("profile.json"))))
        << fromOption.err.toStdString();
}

// Ctrl+C during a batch without --continuous cancels the keys in progress (journaled as cancelled) and exits
// 130; with --continuous it is the normal way to end (tests/vcard/provision.sh checks that one).
TEST_F(CliVocabulary, CtrlCWithoutContinuousCancelsAndExits130)
{
    addAdministrator();
    ASSERT_TRUE(startCa()) << m_ca.errorString().toStdString();
    ks::simhub::SimHubControl hub(m_state);
    ASSERT_TRUE(hub.setDefaultPresent(true));
    ASSERT_TRUE(hub.setLatency("C_GenerateKeyPair:EC", 3000)); // a slow chip: time to interrupt
    QProcess cli;
    cli.setProcessEnvironment(m_environment);
    cli.start(QStringLiteral(KS_CLI_PATH), provision(asAdmin()));
    ASSERT_TRUE(cli.waitForStarted());
    QByteArray out;
    while (!out.contains("Generating a key pair on the key") && cli.state() == QProcess::Running) {
        cli.waitForReadyRead(200);
        out += cli.readAllStandardOutput();
    }
    ASSERT_TRUE(out.contains("Generating a key pair on the key")) << out.toStdString();
    ASSERT_EQ(::kill(static_cast<pid_t>(cli.processId()), SIGINT), 0);
    ASSERT_TRUE(cli.waitForFinished(60000));
    out += cli.readAllStandardOutput();
    EXPECT_EQ(cli.exitStatus(), QProcess::NormalExit);
    EXPECT_EQ(cli.exitCode(), 130) << out.toStdString() << cli.readAllStandardError().toStdString();
    EXPECT_TRUE(out.contains("1 cancelled")) << out.toStdString();
}
