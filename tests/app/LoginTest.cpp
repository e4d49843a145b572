// Operator login at start: first administrator, success and failure, unlock rules; and what each role sees.
#include "GuiFixture.h"

#include "AccountsWidget.h"
#include "BenchWidget.h"
#include "LoginDialog.h"
#include "SettingsWidget.h"
#include "core/BadgeVerifier.h"
#include "core/Journal.h"
#include "device/KeyAlgorithm.h"
#include "device/TokenSession.h"
#include "device/TokenWatcher.h"

#include <QCryptographicHash>
#include <QLabel>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace ks;
using app::LoginDialog;

namespace {

class Login : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_dir.isValid());
        auto journal
            = core::Journal::open(core::JournalConfig::sqlite(m_dir.filePath(QStringLiteral("j.sqlite"))));
        ASSERT_TRUE(journal) << journal.error().toString().toStdString();
        m_journal = std::move(*journal);
        m_store = std::make_unique<core::OperatorStore>(*m_journal);
    }

    // Submits and waits for the off-thread check to finish; returns the dialog's result code.
    static int submit(LoginDialog &dialog, const QString &name, const QString &password)
    {
        dialog.setResult(-1);
        dialog.submit(name, password);
        EXPECT_TRUE(QTest::qWaitFor(
            [&] { return dialog.result() == QDialog::Accepted || !dialog.errorText().isEmpty(); }, 10000));
        return dialog.result();
    }

    QTemporaryDir m_dir;
    std::unique_ptr<core::Journal> m_journal;
    std::unique_ptr<core::OperatorStore> m_store;
};

} // namespace

TEST_F(Login, FirstRunCreatesTheAdministratorThenPasswordsAreChecked)
{
    ASSERT_TRUE(*m_store->needsFirstAdministrator());
    {
        LoginDialog first(*m_store, LoginDialog::Mode::FirstAdministrator);
        first.open();
        EXPECT_EQ(submit(first, QStringLiteral("chief"), QStringLiteral("chief's long password")),
                  QDialog::Accepted);
        EXPECT_EQ(first.session().name(), QStringLiteral("chief"));
        EXPECT_EQ(first.session().role(), core::Role::Administrator);
    }
    EXPECT_FALSE(*m_store->needsFirstAdministrator());

    LoginDialog login(*m_store, LoginDialog::Mode::Login);
    login.open();
    EXPECT_NE(submit(login, QStringLiteral("chief"), QStringLiteral("wrong password!")), QDialog::Accepted);
    EXPECT_FALSE(login.errorText().isEmpty());
    EXPECT_TRUE(login.session().name().isEmpty()); // nothing else runs
    EXPECT_NE(submit(login, QStringLiteral("nobody"), QStringLiteral("chief's long password")),
              QDialog::Accepted);
    EXPECT_EQ(submit(login, QStringLiteral("chief"), QStringLiteral("chief's long password")),
              QDialog::Accepted);
    EXPECT_EQ(login.session().name(), QStringLiteral("chief"));
}

TEST_F(Login, EmptyFieldsAndMismatchedRepeatAreRefusedWithoutAsking)
{
    LoginDialog first(*m_store, LoginDialog::Mode::FirstAdministrator);
    first.open();
    first.submit(QString(), QStringLiteral("x"));
    EXPECT_FALSE(first.errorText().isEmpty());
    EXPECT_TRUE(*m_store->needsFirstAdministrator());
}

TEST_F(Login, OnlyTheSameOperatorOrAnAdministratorUnlocks)
{
    QByteArray pw("chief's long password");
    auto admin = m_store->createFirstAdministrator(QStringLiteral("chief"), pw);
    ASSERT_TRUE(admin);
    for (const char *name : { "ann", "bob" }) {
        QByteArray p("operator password");
        ASSERT_TRUE(m_store->addOperator(*admin, QString::fromLatin1(name), core::Role::Operator, p));
    }
    LoginDialog unlock(*m_store, LoginDialog::Mode::Unlock, nullptr, QStringLiteral("ann"));
    unlock.open();
    EXPECT_NE(submit(unlock, QStringLiteral("bob"), QStringLiteral("operator password")), QDialog::Accepted);
    EXPECT_FALSE(unlock.errorText().isEmpty());
    EXPECT_EQ(submit(unlock, QStringLiteral("chief"), QStringLiteral("chief's long password")),
              QDialog::Accepted);
}

class Roles : public ks::test::GuiFixture
{
};

TEST_F(Roles, EachRoleSeesItsPages)
{
    setUpBench(1);
    auto *w = openWindow(core::Role::Operator);
    EXPECT_EQ(w->tabs()->count(), 1);
    EXPECT_NE(w->bench(), nullptr);
    EXPECT_EQ(w->batchLog(), nullptr);
    EXPECT_EQ(w->settingsPage(), nullptr);
    EXPECT_EQ(w->accountsPage(), nullptr);

    w = openWindow(core::Role::Supervisor);
    EXPECT_NE(w->bench(), nullptr);
    EXPECT_NE(w->batchLog(), nullptr);
    EXPECT_EQ(w->tabs()->count(), 2);
    EXPECT_EQ(w->settingsPage(), nullptr);
    EXPECT_EQ(w->accountsPage(), nullptr);

    w = openWindow(core::Role::Administrator);
    EXPECT_NE(w->bench(), nullptr);
    EXPECT_NE(w->settingsPage(), nullptr);
    ASSERT_NE(w->accountsPage(), nullptr);
    EXPECT_NE(w->batchLog(), nullptr);
    EXPECT_EQ(w->tabs()->count(), 4);
    // The accounts page lists the accounts created above.
    EXPECT_GE(w->accountsPage()->table()->rowCount(), 3);
    EXPECT_TRUE(w->findChild<QLabel *>(QStringLiteral("who"))->text().contains(QStringLiteral("admin")));
    w->tabs()->setCurrentWidget(w->settingsPage());
    screenshot(w, QStringLiteral("settings"));
    w->tabs()->setCurrentWidget(w->accountsPage());
    screenshot(w, QStringLiteral("accounts"));
}

TEST_F(Roles, LockHidesTheBenchUntilTheOperatorLogsInAgain)
{
    setUpBench(1);
    auto *w = openWindow(core::Role::Operator, QStringLiteral("ann"));
    auto *stack = w->findChild<QStackedWidget *>();
    ASSERT_NE(stack, nullptr);
    w->lock();
    EXPECT_TRUE(w->isLocked());
    EXPECT_EQ(stack->currentWidget()->objectName(), QStringLiteral("lockPage"));
    auto *dialog = w->findChild<LoginDialog *>();
    ASSERT_NE(dialog, nullptr);
    dialog->submit(QStringLiteral("ann"), QStringLiteral("a long enough password"));
    EXPECT_TRUE(QTest::qWaitFor([&] { return !w->isLocked(); }, 10000));
    EXPECT_EQ(stack->currentWidget(), w->tabs());
}

TEST_F(Roles, ABadgeKeyOnTheHubLogsItsOperatorIn)
{
    addKeysWithPin(1, "2468"); // the badge: a key on the hub holding alice's key pair and certificate
    const QString badge = m_serials.front();
    setUpBench(1);
    QByteArray badgeCert;
    {
        auto session = device::TokenSession::open(m_station->module(), badge);
        ASSERT_TRUE(session && (*session)->login(QByteArray("2468")));
        auto pair = (*session)->generateKeyPair(device::KeyAlgorithm::EcP256, QStringLiteral("badge"));
        ASSERT_TRUE(pair);
        test::IssueOptions options;
        options.subjectPublicKeyDer = pair->publicKey;
        options.commonName = QStringLiteral("alice");
        options.issuerCert = m_pki->caCert(); // the test CA doubles as the operator CA
        options.issuerKey = m_pki->caKey();
        options.extendedKeyUsage = { QLatin1String(test::OidClientAuth) };
        badgeCert = test::TestPki::issue(options);
        ASSERT_TRUE((*session)->writeCertificate(pair->id, badgeCert, QStringLiteral("badge")));
    }
    QByteArray password("alice's password");
    ASSERT_TRUE(m_station->operators().addOperator(m_session, QStringLiteral("alice"), core::Role::Operator,
                                                   password));
    // The administrator enrols exactly this certificate as alice's badge (its name alone logs nobody in).
    ASSERT_TRUE(m_station->operators().setBadgeFingerprint(
        m_session, QStringLiteral("alice"),
        QString::fromLatin1(QCryptographicHash::hash(badgeCert, QCryptographicHash::Sha256).toHex())));

    LoginDialog dialog(m_station->operators(), LoginDialog::Mode::Login);
    dialog.enableBadge(m_station.get(),
                       std::make_shared<core::BadgeVerifier>(QList<QByteArray> { m_pki->caCertDer() }));
    dialog.open();
    ASSERT_TRUE(QTest::qWaitFor([&] { return m_station->keys().size() == 2; }, 5000));
    dialog.submitBadge(badge, QStringLiteral("2468"));
    ASSERT_TRUE(QTest::qWaitFor([&] { return dialog.result() == QDialog::Accepted; }, 10000))
        << dialog.errorText().toStdString();
    EXPECT_EQ(dialog.session().name(), QStringLiteral("alice"));
    EXPECT_EQ(dialog.session().method(), QStringLiteral("badge"));
    screenshot(&dialog, QStringLiteral("login-badge"));

    // A wrong badge PIN: refused with the key's reason, nobody logged in.
    LoginDialog again(m_station->operators(), LoginDialog::Mode::Login);
    again.enableBadge(m_station.get(),
                      std::make_shared<core::BadgeVerifier>(QList<QByteArray> { m_pki->caCertDer() }));
    again.open();
    again.submitBadge(badge, QStringLiteral("1111"));
    ASSERT_TRUE(QTest::qWaitFor([&] { return !again.errorText().isEmpty(); }, 10000));
    EXPECT_NE(again.result(), QDialog::Accepted);
    EXPECT_TRUE(again.session().name().isEmpty());
}
