// Roles are enforced below the GUI: an operator cannot read, export or verify the batch log nor manage
// accounts, through keystation-cli (the built binary) or through the engine API; a supervisor may read,
// export and verify; an administrator may manage accounts. Each refusal is proven next to the allowed path.
#include "CliRunner.h"
#include "core/Journal.h"
#include "core/OperatorStore.h"

#include <QFile>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace ks;
using ks::test::CliRunner;

namespace {

constexpr char kSerial[] = "ROLESERIAL4242";

class RolesTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_tmp.isValid());
        m_journal = m_tmp.filePath(QStringLiteral("journal.sqlite"));
        writeSecret(QStringLiteral("admin.pw"), "Admin-Roles-Pw-1\n");
        writeSecret(QStringLiteral("sup.pw"), "Sup-Roles-Pw-1\n");
        writeSecret(QStringLiteral("op.pw"), "Op-Roles-Pw-1\n");
        writeSecret(QStringLiteral("new.pw"), "New-Roles-Pw-1\n");
        ASSERT_EQ(cli({ QStringLiteral("operator"), QStringLiteral("add"), QStringLiteral("admin"),
                        QStringLiteral("--role"), QStringLiteral("administrator"),
                        QStringLiteral("--password-file"), pw("admin") })
                      .exitCode,
                  0);
        for (const char *who : { "sup", "op" })
            ASSERT_EQ(asUser("admin",
                             { QStringLiteral("operator"), QStringLiteral("add"), QString::fromLatin1(who),
                               QStringLiteral("--role"),
                               QString::fromLatin1(qstrcmp(who, "sup") == 0 ? "supervisor" : "operator"),
                               QStringLiteral("--password-file"), pw(who) })
                          .exitCode,
                      0);
        // One provisioned key in the log, so a refusal that printed rows would show.
        auto journal = core::Journal::open(core::JournalConfig::sqlite(m_journal));
        ASSERT_TRUE(journal);
        auto batch = (*journal)->beginBatch(QStringLiteral("op"), QStringLiteral("roles"));
        ASSERT_TRUE(batch);
        auto attempt
            = (*journal)->beginAttempt(*batch, QString::fromLatin1(kSerial), QStringLiteral("model"));
        ASSERT_TRUE(attempt);
        ASSERT_TRUE((*journal)->finishAttempt(*attempt, {}));
        ASSERT_TRUE((*journal)->endBatch(*batch));
    }

    void writeSecret(const QString &name, const QByteArray &content)
    {
        QFile f(m_tmp.filePath(name));
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        f.write(content);
    }
    QString pw(const char *who) const
    {
        return m_tmp.filePath(QString::fromLatin1(who) + QStringLiteral(".pw"));
    }

    CliRunner::Run cli(QStringList args) const
    {
        args << QStringLiteral("--journal") << m_journal;
        return m_runner.run(args, 60000);
    }
    CliRunner::Run asUser(const char *who, QStringList args) const
    {
        args << QStringLiteral("--as") << QString::fromLatin1(who) << QStringLiteral("--as-password-file")
             << pw(who);
        return cli(args);
    }

    // A refusal: exit code 4 (authentication or permission), a reason on stderr and nothing of the log on
    // stdout.
    static void expectRefused(const CliRunner::Run &r, const char *what)
    {
        EXPECT_EQ(r.exitCode, 4) << what << ": " << r.all().toStdString();
        EXPECT_FALSE(r.all().contains(kSerial)) << what << " leaked the log: " << r.all().toStdString();
        EXPECT_TRUE(r.out.trimmed().isEmpty()) << what << ": " << r.out.toStdString();
        EXPECT_FALSE(r.err.trimmed().isEmpty()) << what << " refused without saying why";
    }

    QStringList accountNames() const
    {
        const CliRunner::Run r = asUser("admin", { QStringLiteral("operator"), QStringLiteral("list") });
        EXPECT_EQ(r.exitCode, 0) << r.all().toStdString();
        QStringList names;
        for (const QByteArray &line : r.out.split('\n'))
            if (!line.isEmpty())
                names << QString::fromUtf8(line.split('\t').value(0));
        return names;
    }

    QTemporaryDir m_tmp;
    QString m_journal;
    CliRunner m_runner;
};

TEST_F(RolesTest, CliOperatorCannotReadExportOrVerifyTheLog)
{
    expectRefused(asUser("op", { QStringLiteral("log") }), "log as operator");
    expectRefused(asUser("op", { QStringLiteral("log"), QStringLiteral("--csv") }), "log --csv as operator");
    expectRefused(asUser("op", { QStringLiteral("log"), QStringLiteral("verify") }),
                  "log verify as operator");
    expectRefused(cli({ QStringLiteral("log") }), "log without --as");
    expectRefused(cli({ QStringLiteral("log"), QStringLiteral("--as"), QStringLiteral("sup"),
                        QStringLiteral("--as-password-file"), pw("op") }),
                  "log as supervisor with the wrong password");

    const CliRunner::Run list = asUser("sup", { QStringLiteral("log") });
    EXPECT_EQ(list.exitCode, 0) << list.all().toStdString();
    EXPECT_TRUE(list.out.contains(kSerial)) << list.out.toStdString();
    const CliRunner::Run csv = asUser("sup", { QStringLiteral("log"), QStringLiteral("--csv") });
    EXPECT_EQ(csv.exitCode, 0) << csv.all().toStdString();
    EXPECT_TRUE(csv.out.contains(kSerial)) << csv.out.toStdString();
    const CliRunner::Run verify = asUser("sup", { QStringLiteral("log"), QStringLiteral("verify") });
    EXPECT_EQ(verify.exitCode, 0) << verify.all().toStdString();
    EXPECT_TRUE(verify.out.contains("intact")) << verify.out.toStdString();
    EXPECT_EQ(asUser("admin", { QStringLiteral("log"), QStringLiteral("verify") }).exitCode, 0);
}

TEST_F(RolesTest, CliOnlyAnAdministratorManagesAccounts)
{
    const QStringList add { QStringLiteral("operator"),
                            QStringLiteral("add"),
                            QStringLiteral("mallory"),
                            QStringLiteral("--role"),
                            QStringLiteral("administrator"),
                            QStringLiteral("--password-file"),
                            pw("new") };
    expectRefused(asUser("op", add), "operator add as operator");
    expectRefused(asUser("sup", add), "operator add as supervisor");
    expectRefused(cli(add), "operator add without --as once an administrator exists");
    expectRefused(
        asUser("op", { QStringLiteral("operator"), QStringLiteral("disable"), QStringLiteral("admin") }),
        "operator disable as operator");
    expectRefused(
        asUser("sup", { QStringLiteral("operator"), QStringLiteral("disable"), QStringLiteral("op") }),
        "operator disable as supervisor");
    expectRefused(asUser("op", { QStringLiteral("operator"), QStringLiteral("list") }),
                  "operator list as operator");
    expectRefused(asUser("op",
                         { QStringLiteral("operator"), QStringLiteral("passwd"), QStringLiteral("admin"),
                           QStringLiteral("--password-file"), pw("new") }),
                  "operator passwd of another account as operator");
    EXPECT_EQ(accountNames(),
              (QStringList { QStringLiteral("admin"), QStringLiteral("op"), QStringLiteral("sup") }));
    // The administrator's password was not changed by the refused passwd.
    EXPECT_EQ(asUser("admin", { QStringLiteral("operator"), QStringLiteral("list") }).exitCode, 0);

    // Allowed: an operator changes their own password; a supervisor lists accounts; an administrator adds,
    // disables and enables.
    EXPECT_EQ(asUser("op",
                     { QStringLiteral("operator"), QStringLiteral("passwd"), QStringLiteral("op"),
                       QStringLiteral("--password-file"), pw("new") })
                  .exitCode,
              0);
    EXPECT_EQ(asUser("sup", { QStringLiteral("operator"), QStringLiteral("list") }).exitCode, 0);
    EXPECT_EQ(asUser("admin", add).exitCode, 0);
    EXPECT_TRUE(accountNames().contains(QStringLiteral("mallory")));
    EXPECT_EQ(
        asUser("admin", { QStringLiteral("operator"), QStringLiteral("disable"), QStringLiteral("mallory") })
            .exitCode,
        0);
    EXPECT_EQ(
        asUser("admin", { QStringLiteral("operator"), QStringLiteral("enable"), QStringLiteral("mallory") })
            .exitCode,
        0);
}

TEST_F(RolesTest, EngineApiRefusesTheOperatorAndAllowsTheRoleAbove)
{
    auto journal = core::Journal::open(core::JournalConfig::sqlite(m_journal));
    ASSERT_TRUE(journal);
    core::OperatorStore store(**journal);
    auto login = [&](const char *name, QByteArray password) {
        auto s = store.login(QString::fromLatin1(name), password);
        EXPECT_TRUE(s) << name;
        return s ? *s : core::OperatorSession {};
    };
    const core::OperatorSession op = login("op", "Op-Roles-Pw-1");
    const core::OperatorSession sup = login("sup", "Sup-Roles-Pw-1");
    const core::OperatorSession admin = login("admin", "Admin-Roles-Pw-1");
    using core::Permission;
    const struct
    {
        Permission permission;
        bool op, sup, admin;
    } matrix[] = {
        { Permission::Provision, true, true, true },
        { Permission::ReadLog, false, true, true },
        { Permission::VerifyLog, false, true, true },
        { Permission::ExportLog, false, true, true },
        { Permission::ChangeSettings, false, false, true },
        { Permission::ManageAccounts, false, false, true },
    };
    for (const auto &row : matrix) {
        const QString name = core::permissionName(row.permission);
        EXPECT_EQ(bool(core::OperatorStore::authorize(op, row.permission)), row.op) << name.toStdString();
        EXPECT_EQ(bool(core::OperatorStore::authorize(sup, row.permission)), row.sup) << name.toStdString();
        EXPECT_EQ(bool(core::OperatorStore::authorize(admin, row.permission)), row.admin)
            << name.toStdString();
        if (!row.op) {
            EXPECT_EQ(core::OperatorStore::authorize(op, row.permission).error().code,
                      core::CoreError::Code::PermissionDenied);
        }
    }

    for (const core::OperatorSession *actor : { &op, &sup }) {
        QByteArray pw("Mallory-Roles-Pw-1");
        EXPECT_EQ(
            store.addOperator(*actor, QStringLiteral("mallory"), core::Role::Administrator, pw).error().code,
            core::CoreError::Code::PermissionDenied);
        EXPECT_FALSE(store.setRole(*actor, QStringLiteral("op"), core::Role::Administrator));
        EXPECT_FALSE(store.setDisabled(*actor, QStringLiteral("admin"), true));
        pw = "Hijack-Roles-Pw-1";
        EXPECT_FALSE(store.changePassword(*actor, QStringLiteral("admin"), pw));
    }
    EXPECT_FALSE(store.accounts(op));
    EXPECT_TRUE(store.accounts(sup));
    // The journal's log views check the role themselves, whatever the front end did.
    for (const core::OperatorSession &reader : { op, core::OperatorSession() }) {
        EXPECT_EQ((*journal)->attempts(reader).error().code, core::CoreError::Code::PermissionDenied);
        EXPECT_EQ((*journal)->batches(reader).error().code, core::CoreError::Code::PermissionDenied);
        EXPECT_EQ((*journal)->events(reader).error().code, core::CoreError::Code::PermissionDenied);
        EXPECT_EQ((*journal)->exportCsv(reader).error().code, core::CoreError::Code::PermissionDenied);
        EXPECT_EQ((*journal)->verify(reader).error().code, core::CoreError::Code::PermissionDenied);
        EXPECT_EQ((*journal)->head(reader).error().code, core::CoreError::Code::PermissionDenied);
    }
    EXPECT_TRUE((*journal)->verify(sup));
    EXPECT_TRUE((*journal)->head(sup));
    EXPECT_TRUE((*journal)->attempts(sup));
    EXPECT_TRUE((*journal)->events(sup));
    EXPECT_TRUE((*journal)->exportCsv(admin));
    QByteArray pw("Mallory-Roles-Pw-1");
    EXPECT_TRUE(store.addOperator(admin, QStringLiteral("mallory"), core::Role::Operator, pw));
    EXPECT_TRUE(store.setRole(admin, QStringLiteral("mallory"), core::Role::Supervisor));
    auto accounts = store.accounts(admin);
    ASSERT_TRUE(accounts);
    EXPECT_EQ(accounts->size(), 4);
    // Nothing the refused calls tried took effect: op is still an operator, admin still logs in.
    EXPECT_EQ(login("op", "Op-Roles-Pw-1").role(), core::Role::Operator);
    EXPECT_EQ(login("admin", "Admin-Roles-Pw-1").role(), core::Role::Administrator);
}

} // namespace
