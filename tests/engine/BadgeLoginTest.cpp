// Badge login with a real key: a SoftHSM token holds the operator's key pair (generated on it) and
// certificate.
#include "core/BadgeLogin.h"
#include "SoftHsmEnv.h"
#include "TestPki.h"
#include "core/Journal.h"
#include "device/Pkcs11Module.h"
#include "device/SerialNumber.h"
#include "device/TokenSession.h"

#include <QCryptographicHash>

#include <gtest/gtest.h>

using namespace ks;

namespace {

class BadgeLoginTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        m_serial = device::SerialNumber::normalise(
            QString::fromStdString(m_env.initTokens(1, "BADGE", "2468").front()));
        m_pki = std::make_unique<test::TestPki>(
            test::TestPki::create(QString::fromStdString(m_env.dir()) + QStringLiteral("/pki")));
        auto module
            = device::Pkcs11Module::load(QString::fromStdString(test::SoftHsmEnv::softHsmModulePath()));
        ASSERT_TRUE(module);
        m_module = *module;
        auto journal = core::Journal::open(core::JournalConfig::sqlite(QString::fromStdString(m_env.dir())
                                                                       + QStringLiteral("/journal.sqlite")));
        ASSERT_TRUE(journal);
        m_journal = std::move(*journal);
        m_operators = std::make_unique<core::OperatorStore>(*m_journal);
        QByteArray adminPassword("administrator pw");
        auto admin = m_operators->createFirstAdministrator(QStringLiteral("admin"), adminPassword);
        ASSERT_TRUE(admin);
        QByteArray alicePassword("alice's password");
        ASSERT_TRUE(
            m_operators->addOperator(*admin, QStringLiteral("alice"), core::Role::Operator, alicePassword));
        m_admin = *admin;
    }

    // Puts a key pair and a certificate for CN=alice from the given issuer on the badge; returns the cert.
    QByteArray enrolBadge(X509 *issuerCert, EVP_PKEY *issuerKey,
                          const QStringList &eku = { QLatin1String(test::OidClientAuth) })
    {
        auto session = device::TokenSession::open(m_module, m_serial);
        EXPECT_TRUE(session && (*session)->login(QByteArray("2468")));
        auto pair = (*session)->generateKeyPair(device::KeyAlgorithm::EcP256, QStringLiteral("badge"));
        EXPECT_TRUE(pair);
        test::IssueOptions options;
        options.subjectPublicKeyDer = pair->publicKey;
        options.commonName = QStringLiteral("alice");
        options.issuerCert = issuerCert;
        options.issuerKey = issuerKey;
        options.extendedKeyUsage = eku;
        const QByteArray cert = test::TestPki::issue(options);
        EXPECT_TRUE((*session)->writeCertificate(pair->id, cert, QStringLiteral("badge")));
        return cert;
    }

    test::SoftHsmEnv m_env;
    QString m_serial;
    std::unique_ptr<test::TestPki> m_pki;
    std::shared_ptr<device::Pkcs11Module> m_module;
    std::unique_ptr<core::Journal> m_journal;
    std::unique_ptr<core::OperatorStore> m_operators;
    core::OperatorSession m_admin;
};

} // namespace

TEST_F(BadgeLoginTest, BadgeFromTheOperatorCaLogsItsOperatorIn)
{
    const QByteArray cert = enrolBadge(m_pki->caCert(), m_pki->caKey());
    const QString fingerprint
        = QString::fromLatin1(QCryptographicHash::hash(cert, QCryptographicHash::Sha256).toHex());
    ASSERT_TRUE(m_operators->setBadgeFingerprint(m_admin, QStringLiteral("alice"), fingerprint));
    core::BadgeVerifier verifier({ m_pki->caCertDer() });
    QByteArray pin("2468");
    auto session = core::BadgeLogin::login(m_module, m_serial, pin, verifier, *m_operators);
    ASSERT_TRUE(session) << session.error().toString().toStdString();
    EXPECT_EQ(session->name(), QStringLiteral("alice"));
    EXPECT_EQ(session->method(), QStringLiteral("badge"));
    EXPECT_TRUE(pin.isEmpty() || pin != QByteArray("2468")); // wiped
}

TEST_F(BadgeLoginTest, BadgeFromAnotherCaIsRefused)
{
    enrolBadge(m_pki->untrustedCaCert(), m_pki->untrustedCaKey());
    core::BadgeVerifier verifier({ m_pki->caCertDer() });
    QByteArray pin("2468");
    auto session = core::BadgeLogin::login(m_module, m_serial, pin, verifier, *m_operators);
    ASSERT_FALSE(session);
    EXPECT_EQ(session.error().code, core::CoreError::Code::BadgeChainInvalid);
}

TEST_F(BadgeLoginTest, WrongBadgePinIsRefused)
{
    enrolBadge(m_pki->caCert(), m_pki->caKey());
    core::BadgeVerifier verifier({ m_pki->caCertDer() });
    QByteArray pin("0000");
    auto session = core::BadgeLogin::login(m_module, m_serial, pin, verifier, *m_operators);
    ASSERT_FALSE(session);
    EXPECT_EQ(session.error().code, core::CoreError::Code::BadCredentials);
}

// A certificate from the operator CA whose CN names an account is not a badge until an administrator enrolled
// exactly that certificate: there is no fall-back to matching names.
TEST_F(BadgeLoginTest, BadgeNotEnrolledIsRefusedEvenWhenItsNameMatchesAnAccount)
{
    enrolBadge(m_pki->caCert(), m_pki->caKey()); // CN=alice, and an account alice exists
    core::BadgeVerifier verifier({ m_pki->caCertDer() });
    QByteArray pin("2468");
    auto session = core::BadgeLogin::login(m_module, m_serial, pin, verifier, *m_operators);
    ASSERT_FALSE(session);
    EXPECT_EQ(session.error().code, core::CoreError::Code::BadgeNoAccount);
}

// The operator CA may issue other certificates too: only one carrying the badge extendedKeyUsage logs in.
TEST_F(BadgeLoginTest, EnrolledCertificateWithoutTheBadgeUsageIsRefused)
{
    const QByteArray cert
        = enrolBadge(m_pki->caCert(), m_pki->caKey(), { QLatin1String(test::OidServerAuth) });
    ASSERT_TRUE(m_operators->setBadgeFingerprint(
        m_admin, QStringLiteral("alice"),
        QString::fromLatin1(QCryptographicHash::hash(cert, QCryptographicHash::Sha256).toHex())));
    core::BadgeVerifier verifier({ m_pki->caCertDer() });
    QByteArray pin("2468");
    auto session = core::BadgeLogin::login(m_module, m_serial, pin, verifier, *m_operators);
    ASSERT_FALSE(session);
    EXPECT_EQ(session.error().code, core::CoreError::Code::BadgeChainInvalid);

    // A station configured for that usage (login/badgeEku) accepts the same badge.
    core::BadgeVerifier::Options options;
    options.requiredExtendedKeyUsage = core::BadgeVerifier::extendedKeyUsageOid(QStringLiteral("serverAuth"));
    core::BadgeVerifier serverAuth({ m_pki->caCertDer() }, core::systemClock(), options);
    pin = QByteArray("2468");
    auto ok = core::BadgeLogin::login(m_module, m_serial, pin, serverAuth, *m_operators);
    EXPECT_TRUE(ok) << ok.error().toString().toStdString();
}
