// keystation-cli doctor as a supervisor runs it before a shift: the built binary against a real cfssl serve
// over TLS, the simulated hub over SoftHSM and a real SQLite journal; each fault is made for real (the CA
// stopped, an expired anchor, a wrong TLS pin, a journal path no one can create) and must fail its check and
// the exit status.
#include "CfsslServer.h"
#include "SimHubControl.h"
#include "SoftHsmEnv.h"
#include "TestPki.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <openssl/x509.h>

namespace {

struct DoctorRun
{
    int code = -1;
    QString out;
    QString err;
    QMap<QString, QJsonObject> checks; // --json: by id
    QStringList order;
    bool ok = false;

    QString status(const QString &id) const
    {
        return checks.value(id).value(QStringLiteral("status")).toString();
    }
    QString detail(const QString &id) const
    {
        return checks.value(id).value(QStringLiteral("detail")).toString();
    }
    std::string dump() const { return (out + err).toStdString(); }
};

class DoctorCommand : public ::testing::Test
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
        m_env.initTokens(2);
        m_state = m_env.dir() + "/hub.state";
        m_environment = QProcessEnvironment::systemEnvironment();
        for (const char *name :
             { "KEYSTATION_PKCS11_MODULE", "KEYSTATION_PROFILE", "KEYSTATION_JOURNAL", "QT_LOGGING_RULES" })
            m_environment.remove(QLatin1String(name));
        m_environment.insert(QStringLiteral("SOFTHSM2_CONF"), QString::fromStdString(m_env.confPath()));
        m_environment.insert(QStringLiteral("KS_SIMHUB_STATE"), QString::fromStdString(m_state));
        m_environment.insert(QStringLiteral("KS_SIMHUB_TARGET"),
                             QString::fromStdString(ks::test::SoftHsmEnv::softHsmModulePath()));
        m_environment.insert(QStringLiteral("HOME"), m_tmp.path());
        m_environment.insert(QStringLiteral("XDG_CONFIG_HOME"), m_tmp.filePath(QStringLiteral("config")));
        m_environment.insert(QStringLiteral("XDG_DATA_HOME"), m_tmp.filePath(QStringLiteral("data")));
        writeSecret(QStringLiteral("transport.pin"), "123456\n");
        writeSecret(QStringLiteral("admin.pw"), "Admin-Secret-1\n");
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

    DoctorRun run(const QStringList &args) const
    {
        QProcess cli;
        cli.setProcessEnvironment(m_environment);
        cli.start(QStringLiteral(KS_CLI_PATH), args);
        DoctorRun r;
        if (!cli.waitForFinished(90000)) {
            cli.kill();
            cli.waitForFinished();
            return r;
        }
        r.code = cli.exitStatus() == QProcess::NormalExit ? cli.exitCode() : -2;
        r.out = QString::fromUtf8(cli.readAllStandardOutput());
        r.err = QString::fromUtf8(cli.readAllStandardError());
        const QJsonObject doc = QJsonDocument::fromJson(r.out.toUtf8()).object();
        r.ok = doc.value(QStringLiteral("ok")).toBool();
        for (const auto &v : doc.value(QStringLiteral("checks")).toArray()) {
            const QJsonObject c = v.toObject();
            r.checks.insert(c.value(QStringLiteral("id")).toString(), c);
            r.order << c.value(QStringLiteral("id")).toString();
        }
        return r;
    }

    QStringList doctorArgs(const QString &journalPath, bool json = true) const
    {
        QStringList args { QStringLiteral("doctor"),
                           QStringLiteral("--profile"),
                           file(QStringLiteral("profile.json")),
                           QStringLiteral("--module"),
                           QStringLiteral(KS_SIMHUB_MODULE_PATH),
                           QStringLiteral("--journal"),
                           journalPath,
                           QStringLiteral("--timeout"),
                           QStringLiteral("10") };
        if (json)
            args << QStringLiteral("--json");
        return args;
    }
    DoctorRun doctor(bool json = true) const { return run(doctorArgs(journal(), json)); }

    void writeProfile(const QString &anchor, int minValidityDays = 1, const QString &tlsPin = {})
    {
        QJsonObject ca { { QStringLiteral("protocol"), QStringLiteral("cfssl") },
                         { QStringLiteral("url"), m_ca.baseUrl().toString() },
                         { QStringLiteral("profile"), QStringLiteral("station") },
                         { QStringLiteral("trustAnchorFile"), anchor } };
        if (!tlsPin.isEmpty())
            ca.insert(QStringLiteral("tlsPinSha256"), tlsPin);
        const QJsonObject profile {
            { QStringLiteral("name"), QStringLiteral("doctor") },
            { QStringLiteral("keyAlgorithm"), QStringLiteral("ec-p256") },
            { QStringLiteral("pin"),
              QJsonObject { { QStringLiteral("source"), QStringLiteral("transport") },
                            { QStringLiteral("file"), file(QStringLiteral("transport.pin")) } } },
            { QStringLiteral("keyUsage"), QJsonArray { QStringLiteral("digitalSignature") } },
            { QStringLiteral("extendedKeyUsage"), QJsonArray { QStringLiteral("clientAuth") } },
            { QStringLiteral("ca"), ca },
            { QStringLiteral("minValidityDays"), minValidityDays },
        };
        QFile f(file(QStringLiteral("profile.json")));
        ASSERT_TRUE(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(QJsonDocument(profile).toJson());
    }

    bool startCa()
    {
        ks::test::CfsslServer::Options o;
        o.caCertPath = s_pki->caCertPath();
        o.caKeyPath = s_pki->caKeyPath();
        o.tlsCertPath = s_pki->serverCertPath();
        o.tlsKeyPath = s_pki->serverKeyPath();
        return m_ca.start(o);
    }

    // The test root re-issued with the same name and key (so it still verifies the CA server's TLS
    // certificate), valid from notBefore to notAfter seconds from now. Returns the PEM file.
    QString reissuedRoot(const QString &name, qint64 notBefore, qint64 notAfter)
    {
        X509_NAME *subject = X509_get_subject_name(s_pki->caCert());
        unsigned char *der = nullptr;
        const int length = i2d_X509_NAME(subject, &der);
        const QByteArray nameDer(reinterpret_cast<const char *>(der), length);
        OPENSSL_free(der);
        ks::test::IssueOptions o;
        o.subjectKey = s_pki->caKey();
        o.subjectNameDer = nameDer;
        o.issuerKey = s_pki->caKey();
        o.isCa = true;
        o.keyUsage = ks::test::KuKeyCertSign | ks::test::KuCrlSign;
        o.notBeforeOffset = notBefore;
        o.notAfterOffset = notAfter;
        const QString path = file(name);
        QFile f(path);
        EXPECT_TRUE(f.open(QIODevice::WriteOnly));
        f.write(ks::test::TestPki::certDerToPem(ks::test::TestPki::issue(o)));
        return path;
    }

    QStringList asAdmin() const
    {
        return { QStringLiteral("--as"), QStringLiteral("admin"), QStringLiteral("--as-password-file"),
                 file(QStringLiteral("admin.pw")) };
    }

    void addAdministrator()
    {
        const DoctorRun r = run({ QStringLiteral("operator"), QStringLiteral("add"), QStringLiteral("admin"),
                                  QStringLiteral("--role"), QStringLiteral("administrator"),
                                  QStringLiteral("--password-file"), file(QStringLiteral("admin.pw")),
                                  QStringLiteral("--journal"), journal() });
        ASSERT_EQ(r.code, 0) << r.dump();
    }

    static QTemporaryDir *s_dir;
    static ks::test::TestPki *s_pki;
    QTemporaryDir m_tmp;
    ks::test::SoftHsmEnv m_env;
    ks::test::CfsslServer m_ca;
    QProcessEnvironment m_environment;
    std::string m_state;
};

QTemporaryDir *DoctorCommand::s_dir = nullptr;
ks::test::TestPki *DoctorCommand::s_pki = nullptr;

TEST_F(DoctorCommand, AHealthyBenchPassesEveryCheckAndExits0)
{
    ASSERT_TRUE(startCa()) << m_ca.errorString().toStdString();
    writeProfile(s_pki->caCertPath());

    // No journal yet: the station can create it, and the doctor does not.
    DoctorRun r = doctor();
    EXPECT_EQ(r.code, 0) << r.dump();
    EXPECT_TRUE(r.ok) << r.dump();
    EXPECT_EQ(r.order,
              QString::fromLatin1("profile module pcscd readers ca ca-certificate clock journal disk sound")
                  .split(u' '))
        << r.dump();
    for (const char *id : { "profile", "module", "ca", "ca-certificate", "clock", "journal" })
        EXPECT_EQ(r.status(QLatin1String(id)), QStringLiteral("ok")) << id << ": " << r.dump();
    EXPECT_NE(r.status(QStringLiteral("disk")), QStringLiteral("fail")) << r.dump();
    EXPECT_TRUE(r.detail(QStringLiteral("module")).contains(QStringLiteral("keys present: 2"))) << r.dump();
    EXPECT_TRUE(r.detail(QStringLiteral("journal")).contains(QStringLiteral("does not exist yet")))
        << r.dump();
    EXPECT_FALSE(QFile::exists(journal()));
    // The simulated hub is not OpenSC: no PC/SC to check. The CLI plays no sound.
    EXPECT_EQ(r.status(QStringLiteral("pcscd")), QStringLiteral("skipped")) << r.dump();
    EXPECT_EQ(r.status(QStringLiteral("readers")), QStringLiteral("skipped")) << r.dump();
    EXPECT_EQ(r.status(QStringLiteral("sound")), QStringLiteral("skipped")) << r.dump();

    // With a journal: opened, the write probe rolled back, the chain verified.
    addAdministrator();
    r = doctor();
    EXPECT_EQ(r.code, 0) << r.dump();
    EXPECT_EQ(r.status(QStringLiteral("journal")), QStringLiteral("ok")) << r.dump();
    EXPECT_TRUE(r.detail(QStringLiteral("journal")).contains(QStringLiteral("chain intact"))) << r.dump();
    // The doctor writes nothing: a second run counts the same records, and the chain still verifies.
    const DoctorRun again = doctor();
    EXPECT_EQ(again.detail(QStringLiteral("journal")), r.detail(QStringLiteral("journal"))) << again.dump();
    const DoctorRun verify = run(QStringList { QStringLiteral("log"), QStringLiteral("verify"),
                                               QStringLiteral("--journal"), journal() }
                                 + asAdmin());
    EXPECT_EQ(verify.code, 0) << verify.dump();

    // The same as lines, one per check.
    r = doctor(false);
    EXPECT_EQ(r.code, 0) << r.dump();
    const QStringList lines = r.out.split(u'\n', Qt::SkipEmptyParts);
    EXPECT_EQ(lines.size(), 10) << r.dump();
    EXPECT_TRUE(r.out.contains(
        QRegularExpression(QStringLiteral("^ok +module +"), QRegularExpression::MultilineOption)))
        << r.dump();
    EXPECT_TRUE(r.out.contains(
        QRegularExpression(QStringLiteral("^skipped +sound +"), QRegularExpression::MultilineOption)))
        << r.dump();
}

TEST_F(DoctorCommand, AStoppedCaFailsTheCaCheckAndExits1)
{
    ASSERT_TRUE(startCa()) << m_ca.errorString().toStdString();
    writeProfile(s_pki->caCertPath());
    m_ca.stop();
    const DoctorRun r = doctor();
    EXPECT_EQ(r.code, 1) << r.dump();
    EXPECT_FALSE(r.ok);
    EXPECT_EQ(r.status(QStringLiteral("ca")), QStringLiteral("fail")) << r.dump();
    EXPECT_TRUE(r.checks.value(QStringLiteral("ca"))
                    .value(QStringLiteral("next"))
                    .toString()
                    .contains(QStringLiteral("Is the CA running")))
        << r.dump();
    EXPECT_EQ(r.status(QStringLiteral("clock")), QStringLiteral("skipped")) << r.dump();
    // The rest of the bench is still checked.
    EXPECT_EQ(r.status(QStringLiteral("module")), QStringLiteral("ok")) << r.dump();
    EXPECT_EQ(r.status(QStringLiteral("ca-certificate")), QStringLiteral("ok")) << r.dump();

    // Lines: the failing check says what to do next.
    const DoctorRun lines = doctor(false);
    EXPECT_EQ(lines.code, 1) << lines.dump();
    EXPECT_TRUE(lines.out.contains(QRegularExpression(QStringLiteral("^fail +ca +.* -- Is the CA running"),
                                                      QRegularExpression::MultilineOption)))
        << lines.dump();
}

TEST_F(DoctorCommand, AnExpiredTrustAnchorFailsAndExits1)
{
    ASSERT_TRUE(startCa()) << m_ca.errorString().toStdString();
    writeProfile(reissuedRoot(QStringLiteral("expired-root.pem"), -30LL * 24 * 3600, -24LL * 3600));
    const DoctorRun r = doctor();
    EXPECT_EQ(r.code, 1) << r.dump();
    EXPECT_EQ(r.status(QStringLiteral("ca-certificate")), QStringLiteral("fail")) << r.dump();
    EXPECT_TRUE(r.detail(QStringLiteral("ca-certificate")).contains(QStringLiteral("expired on")))
        << r.dump();
}

TEST_F(DoctorCommand, AnAnchorExpiringBeforeTheMinimumValidityFails)
{
    ASSERT_TRUE(startCa()) << m_ca.errorString().toStdString();
    // Valid for 10 more days; the profile wants certificates valid for 30.
    writeProfile(reissuedRoot(QStringLiteral("short-root.pem"), -24LL * 3600, 10LL * 24 * 3600), 30);
    const DoctorRun r = doctor();
    EXPECT_EQ(r.code, 1) << r.dump();
    EXPECT_EQ(r.status(QStringLiteral("ca")), QStringLiteral("ok")) << r.dump(); // TLS still verifies
    EXPECT_EQ(r.status(QStringLiteral("ca-certificate")), QStringLiteral("fail")) << r.dump();
    EXPECT_TRUE(r.detail(QStringLiteral("ca-certificate")).contains(QStringLiteral("minValidityDays")))
        << r.dump();
}

TEST_F(DoctorCommand, AWrongTlsPinFailsTheCaCheckAndExits1)
{
    ASSERT_TRUE(startCa()) << m_ca.errorString().toStdString();
    writeProfile(s_pki->caCertPath(), 1, QString(64, u'0'));
    const DoctorRun r = doctor();
    EXPECT_EQ(r.code, 1) << r.dump();
    EXPECT_EQ(r.status(QStringLiteral("ca")), QStringLiteral("fail")) << r.dump();
    EXPECT_TRUE(r.checks.value(QStringLiteral("ca"))
                    .value(QStringLiteral("next"))
                    .toString()
                    .contains(QStringLiteral("ca.tlsPinSha256")))
        << r.dump();
}

TEST_F(DoctorCommand, AJournalThatCannotBeWrittenFailsAndExits1)
{
    ASSERT_TRUE(startCa()) << m_ca.errorString().toStdString();
    writeProfile(s_pki->caCertPath());
    // Under a character device: no one can create it, root included (permission bits would not stop root).
    DoctorRun r = run(doctorArgs(QStringLiteral("/dev/null/journal.sqlite")));
    EXPECT_EQ(r.code, 1) << r.dump();
    EXPECT_EQ(r.status(QStringLiteral("journal")), QStringLiteral("fail")) << r.dump();
    EXPECT_TRUE(r.detail(QStringLiteral("journal")).contains(QStringLiteral("/dev/null"))) << r.dump();

    // A journal file that is a directory: exists, but is no database.
    ASSERT_TRUE(QDir(m_tmp.path()).mkpath(QStringLiteral("dir.sqlite")));
    r = run(doctorArgs(file(QStringLiteral("dir.sqlite"))));
    EXPECT_EQ(r.code, 1) << r.dump();
    EXPECT_EQ(r.status(QStringLiteral("journal")), QStringLiteral("fail")) << r.dump();
}

TEST_F(DoctorCommand, AMissingProfileAndModuleFailTheirChecksAndTheRestStillRuns)
{
    const DoctorRun r = run({ QStringLiteral("doctor"), QStringLiteral("--json"), QStringLiteral("--profile"),
                              file(QStringLiteral("none.json")), QStringLiteral("--module"),
                              file(QStringLiteral("none.so")), QStringLiteral("--journal"), journal() });
    EXPECT_EQ(r.code, 1) << r.dump();
    EXPECT_EQ(r.status(QStringLiteral("profile")), QStringLiteral("fail")) << r.dump();
    EXPECT_EQ(r.status(QStringLiteral("module")), QStringLiteral("fail")) << r.dump();
    EXPECT_EQ(r.status(QStringLiteral("ca")), QStringLiteral("skipped")) << r.dump();
    EXPECT_EQ(r.status(QStringLiteral("journal")), QStringLiteral("ok")) << r.dump();
    EXPECT_EQ(r.order.size(), 10) << r.dump();
}

TEST_F(DoctorCommand, HelpListsTheOptionsAndABadOptionIsAUsageError)
{
    const DoctorRun help = run({ QStringLiteral("doctor"), QStringLiteral("--help") });
    EXPECT_EQ(help.code, 0) << help.dump();
    EXPECT_TRUE(help.out.startsWith(QStringLiteral("Usage: keystation-cli doctor "))) << help.dump();
    for (const char *option : { "--profile", "--module", "--journal", "--pg-conf", "--json", "Exit status:" })
        EXPECT_TRUE(help.out.contains(QLatin1String(option))) << option;
    const DoctorRun bad = run({ QStringLiteral("doctor"), QStringLiteral("--no-such-option") });
    EXPECT_EQ(bad.code, 2) << bad.dump();
}

} // namespace
