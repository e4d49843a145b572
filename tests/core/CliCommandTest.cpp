#include "LogCommand.h"
#include "OperatorCommand.h"

#include "core/Journal.h"

#include <gtest/gtest.h>

#include <QFile>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>

using namespace ks;

namespace {

class CliCommandTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        m_journal = m_dir.filePath(QStringLiteral("journal.sqlite"));
        writeFile(QStringLiteral("root.pw"), "root-Secret-1\n");
        writeFile(QStringLiteral("sup.pw"), "sup-Secret-1\n");
        writeFile(QStringLiteral("op.pw"), "op-Secret-1\n");
        writeFile(QStringLiteral("wrong.pw"), "not-the-password\n");
    }

    void writeFile(const QString &name, const QByteArray &content)
    {
        QFile f(m_dir.filePath(name));
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        f.write(content);
        f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    }

    QString pw(const char *who) { return m_dir.filePath(QString::fromLatin1(who) + QStringLiteral(".pw")); }

    // Runs a command function, capturing what it prints.
    int run(int (*command)(const QStringList &), QStringList args, std::string *stdoutText = nullptr,
            std::string *stderrText = nullptr)
    {
        args << QStringLiteral("--journal") << m_journal;
        ::testing::internal::CaptureStdout();
        ::testing::internal::CaptureStderr();
        const int rc = command(args);
        const std::string o = ::testing::internal::GetCapturedStdout();
        const std::string e = ::testing::internal::GetCapturedStderr();
        if (stdoutText)
            *stdoutText = o;
        if (stderrText)
            *stderrText = e;
        return rc;
    }

    void setUpAccounts()
    {
        ASSERT_EQ(run(app::runOperatorCommand,
                      { QStringLiteral("add"), QStringLiteral("root"), QStringLiteral("--role"),
                        QStringLiteral("administrator"), QStringLiteral("--password-file"), pw("root") }),
                  0);
        ASSERT_EQ(run(app::runOperatorCommand,
                      { QStringLiteral("add"), QStringLiteral("sup"), QStringLiteral("--role"),
                        QStringLiteral("supervisor"), QStringLiteral("--password-file"), pw("sup"),
                        QStringLiteral("--as"), QStringLiteral("root"), QStringLiteral("--as-password-file"),
                        pw("root") }),
                  0);
        ASSERT_EQ(run(app::runOperatorCommand,
                      { QStringLiteral("add"), QStringLiteral("op"), QStringLiteral("--role"),
                        QStringLiteral("operator"), QStringLiteral("--password-file"), pw("op"),
                        QStringLiteral("--as"), QStringLiteral("root"), QStringLiteral("--as-password-file"),
                        pw("root") }),
                  0);
    }

    QTemporaryDir m_dir;
    QString m_journal;
    std::string m_brokenSeq;
};

TEST_F(CliCommandTest, FirstAdministratorThenRolesAreEnforced)
{
    // The first account must be an administrator.
    EXPECT_EQ(run(app::runOperatorCommand,
                  { QStringLiteral("add"), QStringLiteral("x"), QStringLiteral("--role"),
                    QStringLiteral("operator"), QStringLiteral("--password-file"), pw("op") }),
              2);
    setUpAccounts();
    // After that, adding needs an authenticated administrator.
    EXPECT_EQ(
        run(app::runOperatorCommand,
            { QStringLiteral("add"), QStringLiteral("eve"), QStringLiteral("--password-file"), pw("op") }),
        4);
    EXPECT_EQ(run(app::runOperatorCommand,
                  { QStringLiteral("add"), QStringLiteral("eve"), QStringLiteral("--password-file"), pw("op"),
                    QStringLiteral("--as"), QStringLiteral("sup"), QStringLiteral("--as-password-file"),
                    pw("sup") }),
              4);
    EXPECT_EQ(run(app::runOperatorCommand,
                  { QStringLiteral("add"), QStringLiteral("eve"), QStringLiteral("--password-file"), pw("op"),
                    QStringLiteral("--as"), QStringLiteral("root"), QStringLiteral("--as-password-file"),
                    pw("wrong") }),
              4);
    // An operator can neither read nor verify the log; a supervisor can.
    EXPECT_EQ(run(app::runLogCommand,
                  { QStringLiteral("verify"), QStringLiteral("--as"), QStringLiteral("op"),
                    QStringLiteral("--as-password-file"), pw("op") }),
              4);
    EXPECT_EQ(run(app::runLogCommand,
                  { QStringLiteral("--csv"), QStringLiteral("--as"), QStringLiteral("op"),
                    QStringLiteral("--as-password-file"), pw("op") }),
              4);
    EXPECT_EQ(run(app::runLogCommand, { QStringLiteral("verify") }), 4); // nobody: exit 4, authentication
    std::string text;
    EXPECT_EQ(run(app::runLogCommand,
                  { QStringLiteral("verify"), QStringLiteral("--as"), QStringLiteral("sup"),
                    QStringLiteral("--as-password-file"), pw("sup") },
                  &text),
              0);
    EXPECT_NE(text.find("intact"), std::string::npos) << text;
}

TEST_F(CliCommandTest, DisableAndPasswd)
{
    setUpAccounts();
    EXPECT_EQ(run(app::runOperatorCommand,
                  { QStringLiteral("disable"), QStringLiteral("op"), QStringLiteral("--as"),
                    QStringLiteral("root"), QStringLiteral("--as-password-file"), pw("root") }),
              0);
    writeFile(QStringLiteral("new.pw"), "op-Secret-2\n");
    // Disabled: cannot even change their own password.
    EXPECT_EQ(run(app::runOperatorCommand,
                  { QStringLiteral("passwd"), QStringLiteral("op"), QStringLiteral("--as-password-file"),
                    pw("op"), QStringLiteral("--password-file"), m_dir.filePath(QStringLiteral("new.pw")) }),
              4);
    EXPECT_EQ(run(app::runOperatorCommand,
                  { QStringLiteral("enable"), QStringLiteral("op"), QStringLiteral("--as"),
                    QStringLiteral("root"), QStringLiteral("--as-password-file"), pw("root") }),
              0);
    EXPECT_EQ(run(app::runOperatorCommand,
                  { QStringLiteral("passwd"), QStringLiteral("op"), QStringLiteral("--as-password-file"),
                    pw("op"), QStringLiteral("--password-file"), m_dir.filePath(QStringLiteral("new.pw")) }),
              0);
    std::string list;
    EXPECT_EQ(run(app::runOperatorCommand,
                  { QStringLiteral("list"), QStringLiteral("--as"), QStringLiteral("op"),
                    QStringLiteral("--as-password-file"), m_dir.filePath(QStringLiteral("new.pw")) }),
              4); // operators may not list accounts
    EXPECT_EQ(run(app::runOperatorCommand,
                  { QStringLiteral("list"), QStringLiteral("--as"), QStringLiteral("sup"),
                    QStringLiteral("--as-password-file"), pw("sup") },
                  &list),
              0);
    EXPECT_NE(list.find("op\toperator\tactive"), std::string::npos) << list;
}

TEST_F(CliCommandTest, LogListsExportsAndVerifyNamesABrokenRecord)
{
    setUpAccounts();
    {
        auto j = core::Journal::open(core::JournalConfig::sqlite(m_journal));
        ASSERT_TRUE(j);
        auto batch = (*j)->beginBatch(QStringLiteral("op"), QStringLiteral("factory"));
        auto a = (*j)->beginAttempt(*batch, QStringLiteral("9A3F0001"), QStringLiteral("ePass2003"));
        ASSERT_TRUE((*j)->recordEvent(*a, core::JournalStep::Login, core::JournalPhase::After));
        ASSERT_TRUE((*j)->finishAttempt(*a,
                                        { core::AttemptState::Failed, QStringLiteral("PinIncorrect"),
                                          QStringLiteral("wrong PIN, \"1 try left\"") }));
    }
    std::string text;
    const QStringList asSup { QStringLiteral("--as"), QStringLiteral("sup"),
                              QStringLiteral("--as-password-file"), pw("sup") };
    EXPECT_EQ(run(app::runLogCommand, asSup, &text), 0);
    EXPECT_NE(text.find("9A3F0001"), std::string::npos) << text;
    EXPECT_NE(text.find("failed"), std::string::npos) << text;
    EXPECT_EQ(run(app::runLogCommand,
                  QStringList { QStringLiteral("--csv"), QStringLiteral("--state"), QStringLiteral("failed") }
                      + asSup,
                  &text),
              0);
    EXPECT_EQ(text.rfind("attempt_id,batch_id,", 0), 0u) << text;
    EXPECT_NE(text.find("\"wrong PIN, \"\"1 try left\"\"\""), std::string::npos) << text;

    // Tamper with one record behind the journal's back.
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("tamper"));
        db.setDatabaseName(m_journal);
        ASSERT_TRUE(db.open());
        QSqlQuery q(db);
        ASSERT_TRUE(q.exec(QStringLiteral(
            "UPDATE ks_events SET phase = 'done' WHERE kind = 'attempt' AND phase = 'failed'")));
        ASSERT_TRUE(
            q.exec(QStringLiteral("SELECT seq FROM ks_events WHERE kind = 'attempt' AND phase = 'done'")));
        ASSERT_TRUE(q.next());
        m_brokenSeq = q.value(0).toString().toStdString();
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("tamper"));
    std::string errText;
    EXPECT_EQ(run(app::runLogCommand, QStringList { QStringLiteral("verify") } + asSup, &text, &errText), 1);
    EXPECT_NE(errText.find("ks_events record " + m_brokenSeq), std::string::npos) << errText;
}

TEST_F(CliCommandTest, TheLastAdministratorStaysAndSetUpIsOnlyForAnEmptyTable)
{
    setUpAccounts();
    const QStringList asRoot { QStringLiteral("--as"), QStringLiteral("root"),
                               QStringLiteral("--as-password-file"), pw("root") };
    std::string text, errText;
    EXPECT_EQ(run(app::runOperatorCommand,
                  QStringList { QStringLiteral("role"), QStringLiteral("root"), QStringLiteral("--role"),
                                QStringLiteral("supervisor") }
                      + asRoot,
                  &text, &errText),
              1);
    EXPECT_NE(errText.find("last enabled administrator"), std::string::npos) << errText;
    // Accounts exist: adding an administrator needs one logged in, whatever the table holds.
    EXPECT_EQ(run(app::runOperatorCommand,
                  { QStringLiteral("add"), QStringLiteral("op"), QStringLiteral("--role"),
                    QStringLiteral("administrator"), QStringLiteral("--password-file"), pw("wrong") },
                  &text, &errText),
              4);
    EXPECT_EQ(
        run(app::runLogCommand,
            { QStringLiteral("--as"), QStringLiteral("op"), QStringLiteral("--as-password-file"), pw("op") }),
        4); // op's password unchanged, op still an operator (no log reading)
    // With a second administrator, root may step down.
    EXPECT_EQ(run(app::runOperatorCommand,
                  QStringList { QStringLiteral("role"), QStringLiteral("sup"), QStringLiteral("--role"),
                                QStringLiteral("administrator") }
                      + asRoot),
              0);
    EXPECT_EQ(run(app::runOperatorCommand,
                  QStringList { QStringLiteral("role"), QStringLiteral("root"), QStringLiteral("--role"),
                                QStringLiteral("supervisor") }
                      + asRoot),
              0);
    EXPECT_EQ(run(app::runLogCommand,
                  { QStringLiteral("verify"), QStringLiteral("--as"), QStringLiteral("sup"),
                    QStringLiteral("--as-password-file"), pw("sup") }),
              0);
}

TEST_F(CliCommandTest, LogAnchorThenVerifyAgainstItFindsACutAtTheEnd)
{
    setUpAccounts();
    {
        auto j = core::Journal::open(core::JournalConfig::sqlite(m_journal));
        ASSERT_TRUE(j);
        auto batch = (*j)->beginBatch(QStringLiteral("op"), QStringLiteral("factory"));
        auto a = (*j)->beginAttempt(*batch, QStringLiteral("9A3F0001"), QStringLiteral("ePass2003"));
        ASSERT_TRUE((*j)->finishAttempt(*a, { core::AttemptState::Done, {}, {} }));
        ASSERT_TRUE((*j)->endBatch(*batch));
    }
    const QStringList asSup { QStringLiteral("--as"), QStringLiteral("sup"),
                              QStringLiteral("--as-password-file"), pw("sup") };
    std::string anchor, errText;
    ASSERT_EQ(run(app::runLogCommand, QStringList { QStringLiteral("anchor") } + asSup, &anchor), 0);
    ASSERT_EQ(anchor.rfind("ks-anchor-v1 ", 0), 0u) << anchor;
    writeFile(QStringLiteral("anchors.txt"), QByteArray::fromStdString(anchor));
    const QStringList verifyAnchored = QStringList { QStringLiteral("verify"), QStringLiteral("--anchor"),
                                                     m_dir.filePath(QStringLiteral("anchors.txt")) }
        + asSup;
    std::string text;
    EXPECT_EQ(run(app::runLogCommand, verifyAnchored, &text, &errText), 0) << errText;

    // Cut from the batch end (before the anchored record) to the end, rewind the batch row, move the head.
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("cut"));
        db.setDatabaseName(m_journal);
        ASSERT_TRUE(db.open());
        QSqlQuery q(db);
        ASSERT_TRUE(
            q.exec(QStringLiteral("SELECT seq FROM ks_events WHERE kind = 'batch' AND phase = 'end'")));
        ASSERT_TRUE(q.next());
        const QString seq = q.value(0).toString();
        q.finish();
        ASSERT_TRUE(q.exec(QStringLiteral("DELETE FROM ks_events WHERE seq >= %1").arg(seq)));
        ASSERT_TRUE(q.exec(QStringLiteral("UPDATE ks_batches SET ended_ms = 0, summary = ''")));
        ASSERT_TRUE(
            q.exec(QStringLiteral("UPDATE ks_chain_head SET last_seq = %1 - 1, last_hash = (SELECT hash "
                                  "FROM ks_events WHERE seq = %1 - 1)")
                       .arg(seq)));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("cut"));
    EXPECT_EQ(run(app::runLogCommand, verifyAnchored, &text, &errText), 1);
    EXPECT_NE(errText.find("Journal BROKEN at anchor record"), std::string::npos) << errText;
    // Each command's login adds records: the chain grows past the anchored number again, with other content.
    EXPECT_EQ(run(app::runLogCommand, QStringList { QStringLiteral("verify") } + asSup, &text, &errText), 0)
        << "the chain alone cannot see the cut: " << errText;
    EXPECT_EQ(run(app::runLogCommand, verifyAnchored, &text, &errText), 1);
    EXPECT_NE(errText.find("differs from the anchor"), std::string::npos) << errText;
}

TEST_F(CliCommandTest, ThroughTheBuiltBinary)
{
    auto cli = [&](QStringList args, const QByteArray &stdinData = {}) {
        QProcess p;
        p.start(QStringLiteral(KS_CLI_PATH), args << QStringLiteral("--journal") << m_journal);
        p.write(stdinData);
        p.closeWriteChannel();
        p.waitForFinished(60000);
        return std::pair { p.exitCode(), p.readAllStandardOutput() + p.readAllStandardError() };
    };
    // Passwords on stdin (not a terminal): the first administrator, then the actor's and the new one's.
    auto [rc1, out1] = cli({ QStringLiteral("operator"), QStringLiteral("add"), QStringLiteral("root"),
                             QStringLiteral("--role"), QStringLiteral("administrator") },
                           "root-Secret-1\n");
    EXPECT_EQ(rc1, 0) << out1.toStdString();
    auto [rc2, out2] = cli({ QStringLiteral("operator"), QStringLiteral("add"), QStringLiteral("sup"),
                             QStringLiteral("--role"), QStringLiteral("supervisor"), QStringLiteral("--as"),
                             QStringLiteral("root") },
                           "root-Secret-1\nsup-Secret-1\n");
    EXPECT_EQ(rc2, 0) << out2.toStdString();
    auto [rc3, out3] = cli(
        { QStringLiteral("log"), QStringLiteral("verify"), QStringLiteral("--as"), QStringLiteral("sup") },
        "sup-Secret-1\n");
    EXPECT_EQ(rc3, 0) << out3.toStdString();
    auto [rc4, out4] = cli(
        { QStringLiteral("log"), QStringLiteral("verify"), QStringLiteral("--as"), QStringLiteral("sup") },
        "wrong-Secret-1\n");
    EXPECT_EQ(rc4, 4) << out4.toStdString();
}

} // namespace
