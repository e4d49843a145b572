#include "JournalBackend.h"

#include "core/Journal.h"
#include "core/OperatorStore.h"
#include "core/PasswordHasher.h"

#include <gtest/gtest.h>

#include <QFile>
#include <QSqlDatabase>

#include <atomic>
#include <thread>
#include <type_traits>

using namespace ks::core;
using ks::test::Backend;
using ks::test::JournalBackend;

namespace {

QByteArray secret(const char *s)
{
    return QByteArray(s);
}

class OperatorStoreTest : public ::testing::TestWithParam<Backend>
{
protected:
    void SetUp() override
    {
        m_backend = std::make_unique<JournalBackend>(GetParam());
        ASSERT_TRUE(m_backend->ok());
        auto j = m_backend->open(clock());
        ASSERT_TRUE(j) << j.error().toString().toStdString();
        m_journal = std::move(*j);
        OperatorStore::Options options;
        options.maxFailures = 3;
        options.lockout = std::chrono::minutes(10);
        m_store = std::make_unique<OperatorStore>(*m_journal, clock(), options);
    }

    Clock clock()
    {
        auto now = m_now;
        return [now] { return QDateTime::fromMSecsSinceEpoch(now->load(), Qt::UTC); };
    }

    OperatorSession admin()
    {
        QByteArray pw = secret("admin-Secret-1");
        auto s = m_store->createFirstAdministrator(QStringLiteral("root"), pw);
        EXPECT_TRUE(s) << s.error().toString().toStdString();
        EXPECT_TRUE(pw.isEmpty()); // wiped
        return s ? *s : OperatorSession {};
    }

    std::shared_ptr<std::atomic<qint64>> m_now = std::make_shared<std::atomic<qint64>>(1767225600000);
    std::unique_ptr<JournalBackend> m_backend;
    std::unique_ptr<Journal> m_journal;
    std::unique_ptr<OperatorStore> m_store;
};

TEST_P(OperatorStoreTest, FirstRunNeedsAnAdministratorOnce)
{
    EXPECT_TRUE(*m_store->needsFirstAdministrator());
    QByteArray shortPw = secret("short");
    auto bad = m_store->createFirstAdministrator(QStringLiteral("root"), shortPw);
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().code, CoreError::Code::InvalidArgument);
    const OperatorSession s = admin();
    EXPECT_EQ(s.role(), Role::Administrator);
    EXPECT_FALSE(*m_store->needsFirstAdministrator());
    QByteArray pw = secret("another-Secret-1");
    auto again = m_store->createFirstAdministrator(QStringLiteral("eve"), pw);
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, CoreError::Code::FirstAdministratorExists);
}

// First-administrator set-up opens only on an empty account table and never overwrites an account, even when
// no enabled administrator is left (here: disabled behind the station's back).
TEST_P(OperatorStoreTest, FirstAdministratorSetUpNeverOverwritesAnAccount)
{
    const OperatorSession root = admin();
    QByteArray pw = secret("alice-Secret-1");
    ASSERT_TRUE(m_store->addOperator(root, QStringLiteral("alice"), Role::Operator, pw));
    ASSERT_TRUE(
        m_backend->tamper(QStringLiteral("UPDATE ks_operators SET disabled = 1 WHERE name = 'root'")));
    EXPECT_FALSE(*m_store->needsFirstAdministrator());
    pw = secret("takeover-Secret-1");
    auto taken = m_store->createFirstAdministrator(QStringLiteral("alice"), pw);
    ASSERT_FALSE(taken);
    EXPECT_EQ(taken.error().code, CoreError::Code::FirstAdministratorExists);
    pw = secret("takeover-Secret-1");
    EXPECT_EQ(m_store->createFirstAdministrator(QStringLiteral("root"), pw).error().code,
              CoreError::Code::FirstAdministratorExists);
    pw = secret("alice-Secret-1"); // alice keeps her password and her role
    auto alice = m_store->login(QStringLiteral("alice"), pw);
    ASSERT_TRUE(alice) << alice.error().toString().toStdString();
    EXPECT_EQ(alice->role(), Role::Operator);
}

TEST_P(OperatorStoreTest, TheLastEnabledAdministratorCannotBeDemotedOrDisabled)
{
    const OperatorSession root = admin();
    EXPECT_EQ(m_store->setRole(root, QStringLiteral("root"), Role::Supervisor).error().code,
              CoreError::Code::LastAdministrator);
    QByteArray pw = secret("ann-Secret-1");
    ASSERT_TRUE(m_store->addOperator(root, QStringLiteral("ann"), Role::Administrator, pw));
    pw = secret("ann-Secret-1");
    const OperatorSession ann = *m_store->login(QStringLiteral("ann"), pw);
    // Two administrators: either may step down, not both.
    ASSERT_TRUE(m_store->setRole(ann, QStringLiteral("root"), Role::Supervisor));
    EXPECT_EQ(m_store->setRole(ann, QStringLiteral("ann"), Role::Operator).error().code,
              CoreError::Code::LastAdministrator);
    // root's session predates the demotion; it still may not disable the last administrator.
    EXPECT_EQ(m_store->setDisabled(root, QStringLiteral("ann"), true).error().code,
              CoreError::Code::LastAdministrator);
    ASSERT_TRUE(m_store->setRole(ann, QStringLiteral("root"), Role::Administrator));
    ASSERT_TRUE(m_store->setDisabled(root, QStringLiteral("ann"), true));
    EXPECT_EQ(m_store->setRole(root, QStringLiteral("root"), Role::Operator).error().code,
              CoreError::Code::LastAdministrator);
    ASSERT_TRUE(m_store->setRole(root, QStringLiteral("ann"), Role::Operator)); // a disabled one may change
    auto list = m_store->accounts(root);
    ASSERT_TRUE(list);
    int enabledAdmins = 0;
    for (const OperatorAccount &a : *list)
        enabledAdmins += a.role == Role::Administrator && !a.disabled;
    EXPECT_EQ(enabledAdmins, 1);
    auto v = m_journal->verify();
    EXPECT_TRUE(v && v->intact) << v->toString().toStdString();
}

// Only the store mints sessions: no aggregate initialisation, no public constructor from a name and a role.
static_assert(!std::is_aggregate_v<OperatorSession>);
static_assert(!std::is_constructible_v<OperatorSession, QString, Role, QString, qint64>);
static_assert(!std::is_constructible_v<OperatorSession, QString, Role>);

TEST_P(OperatorStoreTest, AnEmptySessionAllowsNothing)
{
    for (Permission p : { Permission::Provision, Permission::ReadLog, Permission::ManageAccounts })
        EXPECT_FALSE(OperatorStore::authorize(OperatorSession(), p));
    QByteArray pw = secret("x-Secret-12");
    EXPECT_EQ(
        m_store->addOperator(OperatorSession(), QStringLiteral("x"), Role::Administrator, pw).error().code,
        CoreError::Code::PermissionDenied);
}

TEST_P(OperatorStoreTest, LoginSucceedsAndWrongPasswordFails)
{
    const OperatorSession root = admin();
    QByteArray pw = secret("alice-Secret-1");
    ASSERT_TRUE(m_store->addOperator(root, QStringLiteral("alice"), Role::Operator, pw));
    pw = secret("alice-Secret-1");
    auto s = m_store->login(QStringLiteral("alice"), pw);
    ASSERT_TRUE(s) << s.error().toString().toStdString();
    EXPECT_EQ(s->name(), QStringLiteral("alice"));
    EXPECT_EQ(s->role(), Role::Operator);
    EXPECT_EQ(s->method(), QStringLiteral("password"));
    pw = secret("alice-Secret-2");
    auto wrong = m_store->login(QStringLiteral("alice"), pw);
    ASSERT_FALSE(wrong);
    EXPECT_EQ(wrong.error().code, CoreError::Code::BadCredentials);
    pw = secret("whatever-123");
    auto unknown = m_store->login(QStringLiteral("nobody"), pw);
    ASSERT_FALSE(unknown);
    EXPECT_EQ(unknown.error().code, CoreError::Code::BadCredentials); // not told apart from a wrong password
}

TEST_P(OperatorStoreTest, LocksOutAfterConsecutiveFailuresAndUnlocksAfterThePeriod)
{
    const OperatorSession root = admin();
    QByteArray pw = secret("alice-Secret-1");
    ASSERT_TRUE(m_store->addOperator(root, QStringLiteral("alice"), Role::Operator, pw));
    for (int i = 1; i <= 3; ++i) {
        pw = secret("wrong-password");
        auto r = m_store->login(QStringLiteral("alice"), pw);
        ASSERT_FALSE(r);
        // Locking answers like any wrong password: the caller cannot tell a locked account apart.
        EXPECT_EQ(r.error().code, CoreError::Code::BadCredentials) << i;
        EXPECT_EQ(r.error().message, QStringLiteral("Unknown operator or wrong password.")) << i;
    }
    EXPECT_NE(m_store->accounts(root)->at(0).lockedUntilMs, 0); // accounts() sorts alice first
    pw = secret("alice-Secret-1"); // the right password does not open a locked account
    auto locked = m_store->login(QStringLiteral("alice"), pw);
    ASSERT_FALSE(locked);
    EXPECT_EQ(locked.error().code, CoreError::Code::BadCredentials);
    EXPECT_EQ(locked.error().message, QStringLiteral("Unknown operator or wrong password."));

    *m_now += 9 * 60 * 1000;
    pw = secret("alice-Secret-1");
    EXPECT_EQ(m_store->login(QStringLiteral("alice"), pw).error().code, CoreError::Code::BadCredentials);
    *m_now += 61 * 1000;
    pw = secret("alice-Secret-1");
    auto ok = m_store->login(QStringLiteral("alice"), pw);
    EXPECT_TRUE(ok) << ok.error().toString().toStdString();

    // A success resets the count: two failures, a success, two failures do not lock.
    for (int round = 0; round < 2; ++round) {
        for (int i = 0; i < 2; ++i) {
            pw = secret("wrong-password");
            EXPECT_EQ(m_store->login(QStringLiteral("alice"), pw).error().code,
                      CoreError::Code::BadCredentials);
        }
        pw = secret("alice-Secret-1");
        EXPECT_TRUE(m_store->login(QStringLiteral("alice"), pw));
    }
}

TEST_P(OperatorStoreTest, ParallelGuessesFromTwoStationsStillLockAfterN)
{
    const OperatorSession root = admin();
    QByteArray pw = secret("alice-Secret-1");
    ASSERT_TRUE(m_store->addOperator(root, QStringLiteral("alice"), Role::Operator, pw));
    auto second = m_backend->open(clock(), QStringLiteral("station-2"));
    ASSERT_TRUE(second);
    OperatorStore::Options options;
    options.maxFailures = 3;
    OperatorStore other(**second, clock(), options);
    OperatorStore *stores[2] = { m_store.get(), &other };
    std::vector<std::thread> guessers;
    for (int i = 0; i < 6; ++i)
        guessers.emplace_back([&, i] {
            QByteArray guess = QByteArrayLiteral("guess-") + QByteArray::number(i) + QByteArrayLiteral("-xx");
            (void)stores[i % 2]->login(QStringLiteral("alice"), guess);
        });
    for (auto &g : guessers)
        g.join();
    pw = secret("alice-Secret-1");
    auto r = m_store->login(QStringLiteral("alice"), pw);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, CoreError::Code::BadCredentials);
    auto list = m_store->accounts(root);
    ASSERT_TRUE(list);
    EXPECT_GT(list->at(0).lockedUntilMs, 0) << "alice is locked";
    auto v = m_journal->verify(); // every counted failure is in the chain with the row it left
    EXPECT_TRUE(v && v->intact) << v->toString().toStdString();
}

// Two failing logins at the same moment, from two connections: both are counted.
TEST_P(OperatorStoreTest, TwoConcurrentFailuresAreBothCounted)
{
    const OperatorSession root = admin();
    QByteArray pw = secret("alice-Secret-1");
    ASSERT_TRUE(m_store->addOperator(root, QStringLiteral("alice"), Role::Operator, pw));
    auto second = m_backend->open(clock(), QStringLiteral("station-2"));
    ASSERT_TRUE(second);
    OperatorStore::Options options;
    options.maxFailures = 10;
    OperatorStore first(*m_journal, clock(), options);
    OperatorStore other(**second, clock(), options);
    for (int round = 1; round <= 3; ++round) {
        std::atomic<int> ready { 0 };
        std::vector<std::thread> guessers;
        for (OperatorStore *store : { &first, &other })
            guessers.emplace_back([store, &ready] {
                QByteArray guess("wrong-guess-1");
                ++ready;
                while (ready.load() < 2) // both start together
                    std::this_thread::yield();
                (void)store->login(QStringLiteral("alice"), guess);
            });
        for (auto &g : guessers)
            g.join();
        auto list = m_store->accounts(root);
        ASSERT_TRUE(list);
        EXPECT_EQ(list->at(0).failures, 2 * round);
    }
    auto v = m_journal->verify();
    EXPECT_TRUE(v && v->intact) << v->toString().toStdString();
}

TEST_P(OperatorStoreTest, DisabledAccountCannotLogIn)
{
    const OperatorSession root = admin();
    QByteArray pw = secret("bob-Secret-1");
    ASSERT_TRUE(m_store->addOperator(root, QStringLiteral("bob"), Role::Supervisor, pw));
    ASSERT_TRUE(m_store->setDisabled(root, QStringLiteral("bob"), true));
    pw = secret("bob-Secret-1");
    auto r = m_store->login(QStringLiteral("bob"), pw);
    ASSERT_FALSE(r);
    // Answered like a wrong password (no account enumeration); the journal says why.
    EXPECT_EQ(r.error().code, CoreError::Code::BadCredentials);
    EXPECT_EQ(r.error().message, QStringLiteral("Unknown operator or wrong password."));
    auto events = m_journal->events(root);
    ASSERT_TRUE(events);
    EXPECT_EQ(events->last().step, QStringLiteral("login"));
    EXPECT_EQ(events->last().phase, QStringLiteral("disabled"));
    ASSERT_TRUE(m_store->setDisabled(root, QStringLiteral("bob"), false));
    pw = secret("bob-Secret-1");
    EXPECT_TRUE(m_store->login(QStringLiteral("bob"), pw));
    EXPECT_FALSE(m_store->setDisabled(root, QStringLiteral("root"), true)); // not yourself
    EXPECT_EQ(m_store->setDisabled(root, QStringLiteral("ghost"), true).error().code,
              CoreError::Code::NotFound);
}

TEST_P(OperatorStoreTest, RolesAreEnforcedBelowTheGui)
{
    const OperatorSession root = admin();
    QByteArray pw = secret("op-Secret-1");
    ASSERT_TRUE(m_store->addOperator(root, QStringLiteral("op"), Role::Operator, pw));
    pw = secret("sup-Secret-1");
    ASSERT_TRUE(m_store->addOperator(root, QStringLiteral("sup"), Role::Supervisor, pw));
    pw = secret("op-Secret-1");
    const OperatorSession op = *m_store->login(QStringLiteral("op"), pw);
    pw = secret("sup-Secret-1");
    const OperatorSession sup = *m_store->login(QStringLiteral("sup"), pw);

    EXPECT_TRUE(OperatorStore::authorize(op, Permission::Provision));
    for (Permission p : { Permission::ReadLog, Permission::VerifyLog, Permission::ExportLog,
                          Permission::ChangeSettings, Permission::ManageAccounts })
        EXPECT_EQ(OperatorStore::authorize(op, p).error().code, CoreError::Code::PermissionDenied);
    for (Permission p :
         { Permission::Provision, Permission::ReadLog, Permission::VerifyLog, Permission::ExportLog })
        EXPECT_TRUE(OperatorStore::authorize(sup, p));
    EXPECT_FALSE(OperatorStore::authorize(sup, Permission::ChangeSettings));
    EXPECT_FALSE(OperatorStore::authorize(sup, Permission::ManageAccounts));
    for (Permission p : { Permission::Provision, Permission::ReadLog, Permission::ChangeSettings,
                          Permission::ManageAccounts })
        EXPECT_TRUE(OperatorStore::authorize(root, p));
    EXPECT_FALSE(OperatorStore::authorize(OperatorSession {}, Permission::Provision)); // nobody logged in

    pw = secret("mallory-Secret-1");
    EXPECT_EQ(m_store->addOperator(op, QStringLiteral("mallory"), Role::Administrator, pw).error().code,
              CoreError::Code::PermissionDenied);
    pw = secret("mallory-Secret-1");
    EXPECT_EQ(m_store->addOperator(sup, QStringLiteral("mallory"), Role::Administrator, pw).error().code,
              CoreError::Code::PermissionDenied);
    EXPECT_FALSE(m_store->setDisabled(sup, QStringLiteral("op"), true));
    EXPECT_FALSE(m_store->setRole(op, QStringLiteral("op"), Role::Administrator));
    EXPECT_FALSE(m_store->accounts(op));
    auto list = m_store->accounts(sup);
    ASSERT_TRUE(list);
    EXPECT_EQ(list->size(), 3);
    pw = secret("new-op-Secret-1"); // an operator may change only their own password
    EXPECT_TRUE(m_store->changePassword(op, QStringLiteral("op"), pw));
    pw = secret("new-sup-Secret-1");
    EXPECT_FALSE(m_store->changePassword(op, QStringLiteral("sup"), pw));
    pw = secret("new-op-Secret-1");
    EXPECT_TRUE(m_store->login(QStringLiteral("op"), pw));
}

TEST_P(OperatorStoreTest, AdministratorPasswordResetClearsALockOut)
{
    const OperatorSession root = admin();
    QByteArray pw = secret("op-Secret-1");
    ASSERT_TRUE(m_store->addOperator(root, QStringLiteral("op"), Role::Operator, pw));
    for (int i = 0; i < 3; ++i) {
        pw = secret("wrong-password");
        (void)m_store->login(QStringLiteral("op"), pw);
    }
    pw = secret("reset-Secret-1");
    ASSERT_TRUE(m_store->changePassword(root, QStringLiteral("op"), pw));
    pw = secret("reset-Secret-1");
    EXPECT_TRUE(m_store->login(QStringLiteral("op"), pw));
}

TEST_P(OperatorStoreTest, StoredSecretIsSelfDescribingPbkdf2)
{
    const OperatorSession root = admin();
    auto accounts = m_store->accounts(root);
    ASSERT_TRUE(accounts);
    ASSERT_EQ(accounts->size(), 1);
    EXPECT_GE(accounts->at(0).secretIterations, 200000);
    QString stored;
    ASSERT_TRUE(
        m_backend->tamper(QStringLiteral("SELECT secret FROM ks_operators WHERE name = 'root'"), &stored));
    const QStringList parts = stored.trimmed().split(u'$');
    ASSERT_EQ(parts.size(), 4) << stored.toStdString();
    EXPECT_EQ(parts[0], QStringLiteral("pbkdf2-sha256"));
    EXPECT_GE(parts[1].toInt(), 200000);
    EXPECT_EQ(QByteArray::fromBase64(parts[2].toLatin1()).size(), 16);
    EXPECT_EQ(QByteArray::fromBase64(parts[3].toLatin1()).size(), 32);
}

TEST_P(OperatorStoreTest, EveryLoginIsJournaledWithoutTheSecret)
{
    const OperatorSession root = admin();
    QByteArray pw = secret("Sup3r-S3cret-Alice");
    ASSERT_TRUE(m_store->addOperator(root, QStringLiteral("alice"), Role::Operator, pw));
    pw = secret("Sup3r-S3cret-Alice");
    ASSERT_TRUE(m_store->login(QStringLiteral("alice"), pw));
    pw = secret("Wr0ng-S3cret-Alice");
    ASSERT_FALSE(m_store->login(QStringLiteral("alice"), pw));

    auto events = m_journal->events(root);
    ASSERT_TRUE(events);
    QStringList outcomes;
    for (const EventRecord &e : *events) {
        EXPECT_EQ(e.kind, QStringLiteral("operator"));
        if (e.step == QStringLiteral("login"))
            outcomes << e.operatorName + u':' + e.phase;
        EXPECT_FALSE(e.detail.contains(QStringLiteral("S3cret"))) << e.detail.toStdString();
    }
    EXPECT_EQ(outcomes, (QStringList { QStringLiteral("alice:success"), QStringLiteral("alice:failed") }));
    auto v = m_journal->verify();
    EXPECT_TRUE(v && v->intact);

    if (GetParam() == Backend::Sqlite) {
        m_store.reset();
        m_journal.reset(); // checkpoint and close, then grep every byte of the database files
        for (const QString &suffix : { QString(), QStringLiteral("-wal"), QStringLiteral("-shm") }) {
            QFile f(m_backend->sqlitePath() + suffix);
            if (!f.open(QIODevice::ReadOnly))
                continue;
            const QByteArray bytes = f.readAll();
            EXPECT_FALSE(bytes.contains("S3cret")) << suffix.toStdString();
            EXPECT_FALSE(bytes.contains("admin-Secret")) << suffix.toStdString();
        }
    } else {
        QString dump, secrets;
        ASSERT_TRUE(m_backend->tamper(
            QStringLiteral("SELECT string_agg(operator || ' ' || step || ' ' || detail, ' ') FROM ks_events"),
            &dump));
        ASSERT_TRUE(m_backend->tamper(
            QStringLiteral("SELECT string_agg(name || secret, ' ') FROM ks_operators"), &secrets));
        EXPECT_TRUE(dump.contains(QStringLiteral("alice login")));
        EXPECT_FALSE(secrets.contains(QStringLiteral("S3cret")));
        EXPECT_FALSE(dump.isEmpty());
        EXPECT_FALSE(dump.contains(QStringLiteral("S3cret")));
    }
}

TEST_P(OperatorStoreTest, BadgeMapsOnlyByTheEnrolledFingerprint)
{
    const OperatorSession root = admin();
    QByteArray pw = secret("carol-Secret-1");
    ASSERT_TRUE(m_store->addOperator(root, QStringLiteral("carol"), Role::Supervisor, pw));
    // A certificate naming CN=carol is nobody's badge until it is enrolled: names count for nothing.
    BadgeIdentity badge { QStringLiteral("carol"), QString(64, u'a'), QStringLiteral("CN=carol"),
                          QStringLiteral("CN=OpCA") };
    EXPECT_EQ(m_store->loginWithBadge(badge).error().code, CoreError::Code::BadgeNoAccount);
    BadgeIdentity root2 { QStringLiteral("root"), QString(64, u'd'), QStringLiteral("CN=root"), {} };
    EXPECT_EQ(m_store->loginWithBadge(root2).error().code, CoreError::Code::BadgeNoAccount);

    ASSERT_TRUE(m_store->setBadgeFingerprint(root, QStringLiteral("carol"), QString(64, u'B')));
    BadgeIdentity enrolled { QStringLiteral("someone"), QString(64, u'b'), {}, {} };
    auto e = m_store->loginWithBadge(enrolled);
    ASSERT_TRUE(e) << e.error().toString().toStdString();
    EXPECT_EQ(e->name(), QStringLiteral("carol"));
    EXPECT_EQ(e->method(), QStringLiteral("badge"));
    EXPECT_EQ(m_store->loginWithBadge(badge).error().code, CoreError::Code::BadgeNoAccount);
    // One badge, one account.
    EXPECT_EQ(m_store->setBadgeFingerprint(root, QStringLiteral("root"), QString(64, u'b')).error().code,
              CoreError::Code::AlreadyExists);
    // A disabled account's badge answers like an unknown badge.
    ASSERT_TRUE(m_store->setDisabled(root, QStringLiteral("carol"), true));
    EXPECT_EQ(m_store->loginWithBadge(enrolled).error().code, CoreError::Code::BadgeNoAccount);
}

INSTANTIATE_TEST_SUITE_P(Backends, OperatorStoreTest, ::testing::Values(Backend::Sqlite, Backend::Postgres),
                         ks::test::backendName);

TEST(PasswordHasher, RoundTripsAndRejectsMalformedRecords)
{
    const QString h = PasswordHasher::hash("correct horse");
    EXPECT_TRUE(PasswordHasher::verify("correct horse", h));
    EXPECT_FALSE(PasswordHasher::verify("correct hors", h));
    EXPECT_EQ(PasswordHasher::iterationsOf(h), 200000);
    EXPECT_NE(PasswordHasher::hash("correct horse"), h); // fresh salt each time
    EXPECT_TRUE(PasswordHasher::hash("x", 1000).isEmpty()); // below the floor
    EXPECT_FALSE(PasswordHasher::verify("x", QStringLiteral("pbkdf2-sha256$999999999$AAAA$BBBB")));
    EXPECT_FALSE(PasswordHasher::verify("x", QStringLiteral("garbage")));
    EXPECT_FALSE(PasswordHasher::verify("x", QString()));
}

} // namespace
