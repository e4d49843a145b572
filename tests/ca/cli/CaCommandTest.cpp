#include "app/cli/CaCommand.h"

#include "CfsslServer.h"
#include "EstServerProcess.h"
#include "ScepServer.h"
#include "TestPki.h"
#include "core/Journal.h"
#include "core/OperatorStore.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <cstdio>
#include <unistd.h>

using namespace ks;
using test::CfsslServer;
using test::TestPki;

namespace {

// keystation-cli ca, run in-process (runCaCommand) against a real cfssl serve.
class CaCommandTest : public ::testing::Test
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
        delete s_dir;
    }

    void SetUp() override
    {
        CfsslServer::Options o;
        o.caCertPath = s_pki->caCertPath();
        o.caKeyPath = s_pki->caKeyPath();
        o.tlsCertPath = s_pki->serverCertPath();
        o.tlsKeyPath = s_pki->serverKeyPath();
        ASSERT_TRUE(m_server.start(o)) << m_server.errorString().toStdString();
        // ca enroll needs an operator of the station's journal: one account, its password in an owner-only
        // file.
        m_journalPath = m_tmp.filePath(QStringLiteral("journal.sqlite"));
        {
            auto journal = core::Journal::open(core::JournalConfig::sqlite(m_journalPath));
            ASSERT_TRUE(journal);
            core::OperatorStore operators(**journal);
            QByteArray pw("ca cli operator password");
            ASSERT_TRUE(operators.createFirstAdministrator(QStringLiteral("olivia"), pw));
        }
        m_passwordFile = m_tmp.filePath(QStringLiteral("olivia.pw"));
        QFile f(m_passwordFile);
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        ASSERT_TRUE(f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner));
        f.write("ca cli operator password\n");
    }

    QStringList common() const
    {
        return { QStringLiteral("--protocol"),
                 QStringLiteral("cfssl"),
                 QStringLiteral("--url"),
                 m_server.baseUrl().toString(),
                 QStringLiteral("--ca-bundle"),
                 s_pki->caCertPath(),
                 QStringLiteral("--journal"),
                 m_journalPath,
                 QStringLiteral("--as"),
                 QStringLiteral("olivia"),
                 QStringLiteral("--as-password-file"),
                 m_passwordFile };
    }

    // The enrolment records of the journal, as "operator step phase serial".
    QStringList enrolRecords() const
    {
        auto journal = core::Journal::open(core::JournalConfig::sqlite(m_journalPath));
        EXPECT_TRUE(journal);
        core::OperatorStore operators(**journal);
        QByteArray pw("ca cli operator password");
        auto reader = operators.login(QStringLiteral("olivia"), pw);
        EXPECT_TRUE(reader);
        auto events = (*journal)->events(*reader);
        EXPECT_TRUE(events);
        QStringList out;
        for (const core::EventRecord &e : *events)
            if (e.step == QStringLiteral("ca.enroll"))
                out << QStringLiteral("%1 %2 %3 %4")
                           .arg(e.operatorName, e.step, e.phase,
                                QJsonDocument::fromJson(e.detail.toUtf8())
                                    .object()
                                    .value(QStringLiteral("serial"))
                                    .toString());
        return out;
    }

    QString writeCsr(const QString &serial)
    {
        const QString path = m_tmp.filePath(serial + QStringLiteral(".csr"));
        QFile f(path);
        EXPECT_TRUE(f.open(QIODevice::WriteOnly));
        f.write(TestPki::makeCsr(serial, serial).csrDer); // DER; PEM is accepted too
        return path;
    }

    static inline QTemporaryDir *s_dir = nullptr;
    static inline TestPki *s_pki = nullptr;
    CfsslServer m_server;
    QTemporaryDir m_tmp;
    QString m_journalPath;
    QString m_passwordFile;
};

TEST_F(CaCommandTest, InfoSucceeds)
{
    EXPECT_EQ(app::runCaCommand(QStringList { QStringLiteral("info") } + common()), 0);
}

TEST_F(CaCommandTest, EnrollWritesTheCertificateAndChecksIt)
{
    const QString out = m_tmp.filePath(QStringLiteral("cert.pem"));
    const QStringList args = QStringList { QStringLiteral("enroll") } + common()
        + QStringList { QStringLiteral("--cfssl-profile"), QStringLiteral("station"),
                        QStringLiteral("--csr"),           writeCsr(QStringLiteral("CLI0000000000001")),
                        QStringLiteral("--serial"),        QStringLiteral("CLI0000000000001"),
                        QStringLiteral("--eku"),           QStringLiteral("1.3.6.1.5.5.7.3.2"),
                        QStringLiteral("--min-days"),      QStringLiteral("30"),
                        QStringLiteral("--out"),           out };
    EXPECT_EQ(app::runCaCommand(args), 0);
    EXPECT_FALSE(TestPki::certsFromPemFile(out).isEmpty());
    EXPECT_EQ(m_server.issuedCount(), 1);
    EXPECT_EQ(enrolRecords(), QStringList { QStringLiteral("olivia ca.enroll issued CLI0000000000001") });
}

// A certificate from the CA only for a logged-in operator: without one, or with a wrong password, nothing is
// sent (exit 4), and the attempt is in the journal as a failed login.
TEST_F(CaCommandTest, EnrollNeedsAnOperatorLogin)
{
    QStringList args = QStringList { QStringLiteral("enroll") } + common()
        + QStringList { QStringLiteral("--cfssl-profile"), QStringLiteral("station"), QStringLiteral("--csr"),
                        writeCsr(QStringLiteral("CLI0000000000009")) };
    QStringList anonymous = args;
    anonymous.removeAt(anonymous.indexOf(QStringLiteral("--as")) + 1);
    anonymous.removeAll(QStringLiteral("--as"));
    EXPECT_EQ(app::runCaCommand(anonymous), 4);
    QFile wrong(m_tmp.filePath(QStringLiteral("wrong.pw")));
    ASSERT_TRUE(wrong.open(QIODevice::WriteOnly));
    ASSERT_TRUE(wrong.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner));
    wrong.write("not the password\n");
    wrong.close();
    args[args.indexOf(m_passwordFile)] = wrong.fileName();
    EXPECT_EQ(app::runCaCommand(args), 4);
    EXPECT_EQ(m_server.issuedCount(), 0);
    EXPECT_TRUE(enrolRecords().isEmpty());
}

TEST_F(CaCommandTest, UnknownProfileIsRefusedByTheCheck)
{
    const QStringList args = QStringList { QStringLiteral("enroll") } + common()
        + QStringList { QStringLiteral("--cfssl-profile"), QStringLiteral("no-such-profile"),
                        QStringLiteral("--csr"),           writeCsr(QStringLiteral("CLI0000000000002")),
                        QStringLiteral("--eku"),           QStringLiteral("1.3.6.1.5.5.7.3.2") };
    const QString errFile = m_tmp.filePath(QStringLiteral("stderr.txt"));
    const int saved = ::dup(2);
    FILE *capture = std::fopen(errFile.toLocal8Bit().constData(), "w");
    ASSERT_TRUE(capture);
    ::dup2(::fileno(capture), 2);
    const int rc = app::runCaCommand(args);
    std::fflush(stderr);
    ::dup2(saved, 2);
    ::close(saved);
    std::fclose(capture);
    EXPECT_EQ(rc, 1); // the check refused the result
    EXPECT_EQ(enrolRecords(), QStringList { QStringLiteral("olivia ca.enroll check-refused ") });
    // cfssl fell back to its default profile without a word: the CLI names the likely cause.
    QFile said(errFile);
    ASSERT_TRUE(said.open(QIODevice::ReadOnly));
    const QByteArray text = said.readAll();
    EXPECT_TRUE(text.contains("cfssl signs with its default profile")) << text.toStdString();
    EXPECT_TRUE(text.contains("('no-such-profile')")) << text.toStdString();
}

TEST_F(CaCommandTest, HmacKeyComesFromAnOwnerOnlyFile)
{
    const QString keyFile = m_tmp.filePath(QStringLiteral("hmac.key"));
    QFile f(keyFile);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write(CfsslServer::authKeyHex() + "\n");
    f.close();
    const QStringList args = QStringList { QStringLiteral("enroll") } + common()
        + QStringList { QStringLiteral("--cfssl-profile"), QStringLiteral("station-auth"),
                        QStringLiteral("--csr"),           writeCsr(QStringLiteral("CLI0000000000003")),
                        QStringLiteral("--hmac-key-file"), keyFile };
    // Readable by the group: refused before anything is sent.
    ASSERT_TRUE(f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup));
    EXPECT_NE(app::runCaCommand(args), 0);
    EXPECT_EQ(m_server.issuedCount(), 0);
    ASSERT_TRUE(f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner));
    EXPECT_EQ(app::runCaCommand(args), 0);
    EXPECT_EQ(m_server.issuedCount(), 1);
}

TEST_F(CaCommandTest, UrlWithUserInfoIsRefusedBeforeAnyRequest)
{
    QStringList args = QStringList { QStringLiteral("info") } + common();
    const qsizetype url = args.indexOf(QStringLiteral("--url")) + 1;
    ASSERT_GT(url, 0);
    args[url].replace(QStringLiteral("https://"), QStringLiteral("https://station:Cli-Url-Pw@"));
    EXPECT_NE(app::runCaCommand(args), 0); // cfssl would answer `info` (it asks for no credentials)
}

TEST_F(CaCommandTest, FailuresHaveDistinctExitCodes)
{
    EXPECT_EQ(app::runCaCommand({ QStringLiteral("bogus") }), 2);
    EXPECT_EQ(app::runCaCommand(QStringList { QStringLiteral("enroll") } + common()), 2); // no --csr: usage
    QStringList wrongCa = QStringList { QStringLiteral("info") } + common();
    wrongCa[wrongCa.indexOf(s_pki->caCertPath())] = s_pki->untrustedCaCertPath();
    EXPECT_EQ(app::runCaCommand(wrongCa), 3); // TLS refused: the CA is out of reach
    // There is no --password option: secrets never go on the command line.
    EXPECT_EQ(app::runCaCommand(
                  QStringList { QStringLiteral("info"), QStringLiteral("--password"), QStringLiteral("x") }
                  + common()),
              2); // an unknown option: usage
}

// csrattrs is optional (RFC 7030 4.5): a malformed answer after a good /cacerts is a warning, not a failure.
TEST_F(CaCommandTest, EstInfoWarnsAboutAMalformedCsrAttrsAnswerAndSucceeds)
{
    test::EstServerProcess est(*s_pki);
    ASSERT_TRUE(est.start({ QStringLiteral("--csrattrs"), QStringLiteral("!!not base64!!") }))
        << est.errorString().toStdString();
    const QString errFile = m_tmp.filePath(QStringLiteral("stderr.txt"));
    const int saved = ::dup(2);
    FILE *capture = std::fopen(errFile.toLocal8Bit().constData(), "w");
    ASSERT_TRUE(capture);
    ::dup2(::fileno(capture), 2);
    const int rc
        = app::runCaCommand({ QStringLiteral("info"), QStringLiteral("--protocol"), QStringLiteral("est"),
                              QStringLiteral("--url"), est.baseUrl().toString(),
                              QStringLiteral("--ca-bundle"), s_pki->caCertPath() });
    std::fflush(stderr);
    ::dup2(saved, 2);
    ::close(saved);
    std::fclose(capture);
    EXPECT_EQ(rc, 0);
    QFile f(errFile);
    ASSERT_TRUE(f.open(QIODevice::ReadOnly));
    const QByteArray said = f.readAll();
    EXPECT_TRUE(said.contains("Warning: CSR attributes ignored")) << said.toStdString();
    EXPECT_TRUE(said.contains("est/csrattrs")) << said.toStdString();
}

// SCEP: ca info with the CA certificate's SHA-256, ca enroll with the CSR's key from an owner-only file.
TEST_F(CaCommandTest, ScepInfoAndEnrollAgainstScepserver)
{
    test::ScepServer scep;
    ASSERT_TRUE(scep.start(QStringLiteral("cli-challenge"))) << scep.errorString().toStdString();
    const QStringList scepArgs {
        QStringLiteral("--protocol"),  QStringLiteral("scep"),
        QStringLiteral("--url"),       scep.url().toString(),
        QStringLiteral("--ca-sha256"), QString::fromLatin1(scep.caCertificateSha256().toHex())
    };
    EXPECT_EQ(app::runCaCommand(QStringList { QStringLiteral("info") } + scepArgs), 0);
    // Another CA certificate than the pinned one: exit 3, as a wrong TLS pin.
    EXPECT_EQ(app::runCaCommand({ QStringLiteral("info"), QStringLiteral("--protocol"),
                                  QStringLiteral("scep"), QStringLiteral("--url"), scep.url().toString(),
                                  QStringLiteral("--ca-sha256"), QString(64, u'a') }),
              3);
    // No pin: a usage error before anything is sent.
    EXPECT_EQ(app::runCaCommand({ QStringLiteral("info"), QStringLiteral("--protocol"),
                                  QStringLiteral("scep"), QStringLiteral("--url"), scep.url().toString() }),
              2);

    const test::CsrAndKey csr = TestPki::makeCsr(QStringLiteral("CLI-SCEP-1"), QStringLiteral("CLI-SCEP-1"),
                                                 test::KeyType::Rsa2048, QStringLiteral("cli-challenge"));
    const QString csrPath = m_tmp.filePath(QStringLiteral("scep.csr"));
    const QString keyPath = m_tmp.filePath(QStringLiteral("scep.key"));
    const QString outPath = m_tmp.filePath(QStringLiteral("scep.pem"));
    QFile csrFile(csrPath);
    ASSERT_TRUE(csrFile.open(QIODevice::WriteOnly));
    csrFile.write(csr.csrDer);
    csrFile.close();
    QFile keyFile(keyPath);
    ASSERT_TRUE(keyFile.open(QIODevice::WriteOnly));
    ASSERT_TRUE(
        keyFile.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup));
    keyFile.write(TestPki::privateKeyPem(csr.key.get()));
    keyFile.close();
    const QStringList enroll = QStringList { QStringLiteral("enroll") } + scepArgs
        + QStringList { QStringLiteral("--csr"),
                        csrPath,
                        QStringLiteral("--key"),
                        keyPath,
                        QStringLiteral("--serial"),
                        QStringLiteral("CLI-SCEP-1"),
                        QStringLiteral("--eku"),
                        QStringLiteral("1.3.6.1.5.5.7.3.2"),
                        QStringLiteral("--out"),
                        outPath,
                        QStringLiteral("--journal"),
                        m_journalPath,
                        QStringLiteral("--as"),
                        QStringLiteral("olivia"),
                        QStringLiteral("--as-password-file"),
                        m_passwordFile };
    // A key file the group may read is refused before any PKIOperation.
    EXPECT_EQ(app::runCaCommand(enroll), 2);
    EXPECT_EQ(scep.pkiOperationCount(), 0);
    ASSERT_TRUE(QFile::setPermissions(keyPath, QFileDevice::ReadOwner | QFileDevice::WriteOwner));
    // --challenge-file must match the CSR's challengePassword: checked before any PKIOperation.
    const QString challengePath = m_tmp.filePath(QStringLiteral("challenge"));
    QFile challenge(challengePath);
    ASSERT_TRUE(challenge.open(QIODevice::WriteOnly));
    ASSERT_TRUE(challenge.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner));
    challenge.write("another-challenge\n");
    challenge.close();
    const QStringList withChallenge
        = enroll + QStringList { QStringLiteral("--challenge-file"), challengePath };
    EXPECT_EQ(app::runCaCommand(withChallenge), 2);
    EXPECT_EQ(scep.pkiOperationCount(), 0);
    ASSERT_TRUE(challenge.open(QIODevice::WriteOnly | QIODevice::Truncate));
    challenge.write("cli-challenge\n");
    challenge.close();
    EXPECT_EQ(app::runCaCommand(withChallenge), 0);
    EXPECT_EQ(scep.issuedCount(), 1);
    EXPECT_TRUE(QFile::exists(outPath));
    EXPECT_TRUE(enrolRecords().join(u'\n').contains(QStringLiteral("CLI-SCEP-1")));
}

// Old spellings keep working for one release with a one-line warning: ca --profile (now --cfssl-profile),
// ca --pin (now --tls-pin). Every --timeout is in seconds.
TEST_F(CaCommandTest, OldSpellingsStillWorkWithAWarning)
{
    const QString errFile = m_tmp.filePath(QStringLiteral("spellings.txt"));
    auto runCapturing = [&](const QStringList &args, QByteArray *said) {
        const int saved = ::dup(2);
        FILE *capture = std::fopen(errFile.toLocal8Bit().constData(), "w");
        EXPECT_TRUE(capture);
        ::dup2(::fileno(capture), 2);
        const int rc = app::runCaCommand(args);
        std::fflush(stderr);
        ::dup2(saved, 2);
        ::close(saved);
        std::fclose(capture);
        QFile f(errFile);
        EXPECT_TRUE(f.open(QIODevice::ReadOnly));
        *said = f.readAll();
        return rc;
    };
    QByteArray said;
    const QStringList enroll = QStringList { QStringLiteral("enroll") } + common()
        + QStringList { QStringLiteral("--csr"), writeCsr(QStringLiteral("CLI0000000000011")),
                        QStringLiteral("--eku"), QStringLiteral("1.3.6.1.5.5.7.3.2") };
    // The old --profile still chooses the cfssl profile (station carries clientAuth: the check passes).
    EXPECT_EQ(
        runCapturing(enroll + QStringList { QStringLiteral("--profile"), QStringLiteral("station") }, &said),
        0)
        << said.toStdString();
    EXPECT_TRUE(said.contains("--profile is deprecated") && said.contains("use --cfssl-profile."))
        << said.toStdString();
    EXPECT_EQ(
        runCapturing(enroll + QStringList { QStringLiteral("--cfssl-profile"), QStringLiteral("station") },
                     &said),
        0)
        << said.toStdString();
    EXPECT_FALSE(said.contains("deprecated")) << said.toStdString();

    // A pin the server's key does not match: refused before anything is sent, by either spelling (exit 3).
    const QString wrongPin = QString(64, u'0');
    const QStringList info = QStringList { QStringLiteral("info") } + common();
    EXPECT_EQ(runCapturing(info + QStringList { QStringLiteral("--pin"), wrongPin }, &said), 3)
        << said.toStdString();
    EXPECT_TRUE(said.contains("--pin is deprecated") && said.contains("use --tls-pin."))
        << said.toStdString();
    EXPECT_EQ(runCapturing(info + QStringList { QStringLiteral("--tls-pin"), wrongPin }, &said), 3)
        << said.toStdString();
    EXPECT_FALSE(said.contains("deprecated")) << said.toStdString();

    // Seconds: a whole positive number, nothing else.
    EXPECT_EQ(runCapturing(info + QStringList { QStringLiteral("--timeout"), QStringLiteral("5") }, &said), 0)
        << said.toStdString();
    EXPECT_EQ(runCapturing(info + QStringList { QStringLiteral("--timeout"), QStringLiteral("1.5") }, &said),
              2);
    EXPECT_TRUE(said.contains("whole number of seconds")) << said.toStdString();
}

} // namespace
