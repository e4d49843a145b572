// The device layer against real SoftHSM2 keys, fresh for every test.
#include "device/TokenSession.h"
#include "KeyImport.h"
#include "SoftHsmEnv.h"
#include "TestPki.h"
#include "device/CsrBuilder.h"
#include "device/Pkcs11Module.h"
#include "device/SerialNumber.h"

#include <QCryptographicHash>

#include <gtest/gtest.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <p11-kit/pkcs11.h>

using namespace ks::device;
using ks::test::SoftHsmEnv;
using ks::test::TestPki;

namespace {

const QByteArray kPin("123456");

ks::test::IssueOptions issuerOptions(const TestPki &pki)
{
    ks::test::IssueOptions options;
    options.issuerCert = pki.caCert();
    options.issuerKey = pki.caKey();
    return options;
}

class TokenSessionTest : public ::testing::Test
{
protected:
    void createTokens(int n)
    {
        for (const auto &s : m_env.initTokens(n))
            m_serials << SerialNumber::normalise(QString::fromStdString(s));
        auto module = Pkcs11Module::load(QString::fromStdString(SoftHsmEnv::softHsmModulePath()));
        ASSERT_TRUE(module) << module.error().toString().toStdString();
        m_module = *module;
    }

    std::unique_ptr<TokenSession> openLoggedIn(const QString &serial)
    {
        auto session = TokenSession::open(m_module, serial);
        EXPECT_TRUE(session) << session.error().toString().toStdString();
        if (!session)
            return {};
        auto login = (*session)->login(kPin);
        EXPECT_TRUE(login) << login.error().toString().toStdString();
        return std::move(*session);
    }

    static CsrRequest request(const QString &serial)
    {
        CsrRequest r;
        r.subject = { { QStringLiteral("CN"), serial }, { QStringLiteral("serialNumber"), serial } };
        r.keyUsage = { QStringLiteral("digitalSignature") };
        r.extendedKeyUsage = { QStringLiteral("clientAuth") };
        return r;
    }

    static QByteArray csrPublicKey(const QByteArray &csrDer)
    {
        const auto *p = reinterpret_cast<const unsigned char *>(csrDer.constData());
        X509_REQ *req = d2i_X509_REQ(nullptr, &p, static_cast<long>(csrDer.size()));
        if (!req)
            return {};
        unsigned char *der = nullptr;
        const int len = i2d_PUBKEY(X509_REQ_get0_pubkey(req), &der);
        QByteArray out(reinterpret_cast<const char *>(der), len);
        OPENSSL_free(der);
        X509_REQ_free(req);
        return out;
    }

    static QString csrSubjectField(const QByteArray &csrDer, int nid)
    {
        const auto *p = reinterpret_cast<const unsigned char *>(csrDer.constData());
        X509_REQ *req = d2i_X509_REQ(nullptr, &p, static_cast<long>(csrDer.size()));
        char buf[256] = {};
        X509_NAME_get_text_by_NID(X509_REQ_get_subject_name(req), nid, buf, sizeof buf);
        X509_REQ_free(req);
        return QString::fromUtf8(buf);
    }

    SoftHsmEnv m_env;
    QStringList m_serials;
    std::shared_ptr<Pkcs11Module> m_module;
};

} // namespace

TEST_F(TokenSessionTest, ListsSixteenKeysWithSerials)
{
    createTokens(16);
    auto tokens = m_module->tokens();
    ASSERT_TRUE(tokens);
    ASSERT_EQ(tokens->size(), 16); // SoftHSM's spare uninitialised slot is hidden
    QStringList listed;
    for (const auto &t : *tokens) {
        listed << t.serial;
        EXPECT_TRUE(t.initialized);
        EXPECT_EQ(t.manufacturer, QStringLiteral("SoftHSM project"));
        EXPECT_FALSE(t.label.isEmpty());
    }
    listed.sort();
    QStringList expected = m_serials;
    expected.sort();
    EXPECT_EQ(listed, expected);
}

TEST_F(TokenSessionTest, WrongPinIsATypedError)
{
    createTokens(1);
    auto session = TokenSession::open(m_module, m_serials[0]);
    ASSERT_TRUE(session);
    auto result = (*session)->login(QByteArray("000000"));
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, DeviceError::Code::PinIncorrect);
    EXPECT_EQ(result.error().ckr, CKR_PIN_INCORRECT);
    EXPECT_EQ(result.error().call, QStringLiteral("C_Login"));
    EXPECT_EQ(result.error().serial, m_serials[0]);
    EXPECT_TRUE(result.error().toString().contains(QStringLiteral("CKR_PIN_INCORRECT")));
    EXPECT_FALSE(result.error().toString().contains(QStringLiteral("000000")));
    // Still not logged in: a private-key search finds nothing rather than succeeding.
    auto pairs = (*session)->keyPairs();
    ASSERT_TRUE(pairs);
    EXPECT_TRUE(pairs->isEmpty());
}

TEST_F(TokenSessionTest, UnknownSerialIsTokenAbsent)
{
    createTokens(1);
    auto session = TokenSession::open(m_module, QStringLiteral("DOESNOTEXIST"));
    ASSERT_FALSE(session);
    EXPECT_EQ(session.error().code, DeviceError::Code::TokenAbsent);
}

class KeyGeneration : public TokenSessionTest, public ::testing::WithParamInterface<KeyAlgorithm>
{
};

TEST_P(KeyGeneration, GeneratesOnTheKeyAndSignsAVerifiedCsr)
{
    createTokens(1);
    auto session = openLoggedIn(m_serials[0]);
    ASSERT_TRUE(session);
    const KeyAlgorithm algorithm = GetParam();
    auto pair = session->generateKeyPair(algorithm, QStringLiteral("station key"));
    ASSERT_TRUE(pair) << pair.error().toString().toStdString();
    EXPECT_EQ(pair->rsa, KeyAlgorithms::isRsa(algorithm));
    const int expectedBits = KeyAlgorithms::isRsa(algorithm) ? KeyAlgorithms::rsaBits(algorithm)
        : algorithm == KeyAlgorithm::EcP256                  ? 256
                                                             : 384;
    EXPECT_EQ(pair->bits, expectedBits);
    EXPECT_FALSE(pair->id.isEmpty());
    EXPECT_FALSE(pair->publicKey.isEmpty());

    // The private key is not extractable.
    auto pairs = session->keyPairs();
    ASSERT_TRUE(pairs);
    ASSERT_EQ(pairs->size(), 1);
    EXPECT_EQ(pairs->front().id, pair->id);

    auto csr = session->signCsr(pair->id, request(m_serials[0]));
    ASSERT_TRUE(csr) << csr.error().toString().toStdString();
    EXPECT_TRUE(TestPki::verifyCsr(*csr));
    EXPECT_EQ(csrPublicKey(*csr), pair->publicKey);
    EXPECT_EQ(csrSubjectField(*csr, NID_commonName), m_serials[0]);
    EXPECT_EQ(csrSubjectField(*csr, NID_serialNumber), m_serials[0]);
}

INSTANTIATE_TEST_SUITE_P(AllAlgorithms, KeyGeneration,
                         ::testing::Values(KeyAlgorithm::Rsa2048, KeyAlgorithm::Rsa3072,
                                           KeyAlgorithm::Rsa4096, KeyAlgorithm::EcP256, KeyAlgorithm::EcP384),
                         [](const auto &info) {
                             return KeyAlgorithms::name(info.param).remove(QLatin1Char('-')).toStdString();
                         });

TEST_F(TokenSessionTest, CsrCarriesEnrolmentCode)
{
    createTokens(1);
    auto session = openLoggedIn(m_serials[0]);
    auto pair = session->generateKeyPair(KeyAlgorithm::EcP256, QStringLiteral("k"));
    ASSERT_TRUE(pair);
    auto r = request(m_serials[0]);
    r.challengePassword = "enrol-42";
    auto csr = session->signCsr(pair->id, r);
    ASSERT_TRUE(csr);
    EXPECT_EQ(TestPki::csrChallengePassword(*csr), QStringLiteral("enrol-42"));
}

TEST_F(TokenSessionTest, CertificateIsWrittenUnderTheKeyIdAndReadBack)
{
    createTokens(1);
    TestPki pki = TestPki::create(QString::fromStdString(m_env.dir()) + QStringLiteral("/pki"));
    auto session = openLoggedIn(m_serials[0]);
    auto pair = session->generateKeyPair(KeyAlgorithm::EcP256, QStringLiteral("k"));
    ASSERT_TRUE(pair);
    auto csr = session->signCsr(pair->id, request(m_serials[0]));
    ASSERT_TRUE(csr);
    const QByteArray certDer = TestPki::issueFromCsr(*csr, issuerOptions(pki));
    ASSERT_FALSE(certDer.isEmpty());

    auto written = session->writeCertificate(pair->id, certDer, QStringLiteral("station cert"));
    ASSERT_TRUE(written) << written.error().toString().toStdString();
    EXPECT_EQ(written->der, certDer);

    auto certs = session->certificates();
    ASSERT_TRUE(certs);
    ASSERT_EQ(certs->size(), 1);
    EXPECT_EQ(certs->front().id, pair->id);
    EXPECT_EQ(certs->front().der, certDer);

    // A second write under the same CKA_ID never overwrites.
    auto again = session->writeCertificate(pair->id, certDer, QStringLiteral("again"));
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, DeviceError::Code::AlreadyExists);

    // A certificate for another key is refused before anything is written.
    auto other = session->generateKeyPair(KeyAlgorithm::EcP256, QStringLiteral("other"));
    ASSERT_TRUE(other);
    auto wrong = session->writeCertificate(other->id, certDer, QStringLiteral("wrong"));
    ASSERT_FALSE(wrong);
    EXPECT_EQ(wrong.error().code, DeviceError::Code::InvalidArgument);
    auto after = session->certificates();
    ASSERT_TRUE(after);
    EXPECT_EQ(after->size(), 1);
}

// The engine's read before the login (docs/flow.md, step 4a): certificates and public keys are public
// objects.
TEST_F(TokenSessionTest, CertificatesAndPublicKeysAreReadWithoutALogin)
{
    createTokens(1);
    TestPki pki = TestPki::create(QString::fromStdString(m_env.dir()) + QStringLiteral("/pki"));
    QByteArray id;
    QByteArray spki;
    QByteArray certDer;
    {
        auto session = openLoggedIn(m_serials[0]);
        auto pair = session->generateKeyPair(KeyAlgorithm::EcP256, QStringLiteral("k"));
        ASSERT_TRUE(pair);
        auto csr = session->signCsr(pair->id, request(m_serials[0]));
        ASSERT_TRUE(csr);
        certDer = TestPki::issueFromCsr(*csr, issuerOptions(pki));
        ASSERT_FALSE(certDer.isEmpty());
        ASSERT_TRUE(session->writeCertificate(pair->id, certDer, QStringLiteral("station cert")));
        id = pair->id;
        spki = csrPublicKey(*csr);
    } // the last session closes: the token is logged out

    auto session = TokenSession::open(m_module, m_serials[0]);
    ASSERT_TRUE(session) << session.error().toString().toStdString();
    auto privateKeys = (*session)->keyPairs();
    ASSERT_TRUE(privateKeys);
    EXPECT_TRUE(privateKeys->isEmpty()) << "the session must not be logged in for this test";
    auto certs = (*session)->certificates();
    ASSERT_TRUE(certs) << certs.error().toString().toStdString();
    ASSERT_EQ(certs->size(), 1);
    EXPECT_EQ(certs->front().id, id);
    EXPECT_EQ(certs->front().der, certDer);
    auto keys = (*session)->publicKeys();
    ASSERT_TRUE(keys) << keys.error().toString().toStdString();
    ASSERT_EQ(keys->size(), 1);
    EXPECT_EQ(keys->front().id, id);
    EXPECT_FALSE(keys->front().rsa);
    EXPECT_EQ(keys->front().bits, 256);
    EXPECT_EQ(keys->front().publicKey, spki);
}

TEST_F(TokenSessionTest, FreeKeyPairIsTheOneWithoutCertificate)
{
    createTokens(1);
    TestPki pki = TestPki::create(QString::fromStdString(m_env.dir()) + QStringLiteral("/pki"));
    auto session = openLoggedIn(m_serials[0]);
    auto first = session->generateKeyPair(KeyAlgorithm::EcP256, QStringLiteral("first"));
    auto second = session->generateKeyPair(KeyAlgorithm::EcP256, QStringLiteral("second"));
    ASSERT_TRUE(first);
    ASSERT_TRUE(second);
    auto freeBefore = session->freeKeyPairs();
    ASSERT_TRUE(freeBefore);
    EXPECT_EQ(freeBefore->size(), 2);

    auto csr = session->signCsr(first->id, request(m_serials[0]));
    ASSERT_TRUE(csr);
    ASSERT_TRUE(session->writeCertificate(first->id, TestPki::issueFromCsr(*csr, issuerOptions(pki)),
                                          QStringLiteral("c")));
    auto freeAfter = session->freeKeyPairs();
    ASSERT_TRUE(freeAfter);
    ASSERT_EQ(freeAfter->size(), 1);
    EXPECT_EQ(freeAfter->front().id, second->id);
}

TEST_F(TokenSessionTest, SignsDataThatVerifiesWithTheCertificateKey)
{
    createTokens(1);
    auto session = openLoggedIn(m_serials[0]);
    auto pair = session->generateKeyPair(KeyAlgorithm::Rsa2048, QStringLiteral("badge"));
    ASSERT_TRUE(pair);
    const QByteArray challenge = QByteArray::fromHex("00112233445566778899aabbccddeeff");
    auto signature = session->signData(pair->id, challenge);
    ASSERT_TRUE(signature);
    const auto *p = reinterpret_cast<const unsigned char *>(pair->publicKey.constData());
    EVP_PKEY *key = d2i_PUBKEY(nullptr, &p, static_cast<long>(pair->publicKey.size()));
    ASSERT_NE(key, nullptr);
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    ASSERT_EQ(EVP_DigestVerifyInit(ctx, nullptr, EVP_sha256(), nullptr, key), 1);
    EXPECT_EQ(EVP_DigestVerify(ctx, reinterpret_cast<const unsigned char *>(signature->constData()),
                               static_cast<size_t>(signature->size()),
                               reinterpret_cast<const unsigned char *>(challenge.constData()),
                               static_cast<size_t>(challenge.size())),
              1);
    EVP_MD_CTX_free(ctx);
    EVP_PKEY_free(key);
}

TEST_F(TokenSessionTest, InitialisesABlankKey)
{
    createTokens(1);
    // SoftHSM's spare slot holds an uninitialised token: the station can initialise it.
    auto all = m_module->slotIds(true);
    ASSERT_TRUE(all);
    std::optional<unsigned long> blank;
    for (auto id : *all) {
        auto info = m_module->tokenInfo(id);
        if (info && !info->initialized)
            blank = id;
    }
    ASSERT_TRUE(blank.has_value());
    auto init
        = m_module->initToken(*blank, QByteArray("87654321"), QByteArray("246810"), QStringLiteral("fresh"));
    ASSERT_TRUE(init) << init.error().toString().toStdString();
    auto info = m_module->tokenInfo(*blank);
    ASSERT_TRUE(info);
    EXPECT_TRUE(info->initialized);
    EXPECT_EQ(info->label, QStringLiteral("fresh"));
    auto session = TokenSession::open(m_module, info->serial);
    ASSERT_TRUE(session);
    EXPECT_TRUE((*session)->login(QByteArray("246810")));
}

TEST_F(TokenSessionTest, ModuleThatDoesNotExistIsAClearError)
{
    auto module = Pkcs11Module::load(QStringLiteral("/nonexistent/module.so"));
    ASSERT_FALSE(module);
    EXPECT_EQ(module.error().code, DeviceError::Code::ModuleLoad);
    EXPECT_TRUE(module.error().message.contains(QStringLiteral("/nonexistent/module.so")));
}

// What SoftHSM records about a private key's origin (docs/device-layer.md, "Key provenance"): a pair made by
// C_GenerateKeyPair reports CKA_LOCAL, CKA_ALWAYS_SENSITIVE and CKA_NEVER_EXTRACTABLE true; one stored with
// C_CreateObject reports them false, however sensitive it was marked, and cannot be made to say otherwise.
TEST_F(TokenSessionTest, KeyPairsSayWhetherTheyWereGeneratedOnTheKey)
{
    createTokens(1);
    auto session = openLoggedIn(m_serials[0]);
    ASSERT_TRUE(session);
    auto generated = session->generateKeyPair(KeyAlgorithm::EcP256, QStringLiteral("generated"));
    ASSERT_TRUE(generated) << generated.error().toString().toStdString();
    EXPECT_TRUE(generated->generatedOnKey());

    auto token = m_module->findToken(m_serials[0]);
    ASSERT_TRUE(token);
    const QByteArray importedId("imported-id");
    const auto imported = ks::test::importEcKeyPair(m_module->functions(), token->slotId, kPin, importedId);
    ASSERT_FALSE(imported.publicKeyDer.isEmpty()) << imported.error.toStdString();

    auto pairs = session->keyPairs();
    ASSERT_TRUE(pairs) << pairs.error().toString().toStdString();
    ASSERT_EQ(pairs->size(), 2);
    for (const auto &pair : *pairs) {
        EXPECT_FALSE(pair.idShared);
        if (pair.id == generated->id) {
            EXPECT_EQ(pair.local, std::optional<bool>(true));
            EXPECT_EQ(pair.alwaysSensitive, std::optional<bool>(true));
            EXPECT_EQ(pair.neverExtractable, std::optional<bool>(true));
            EXPECT_EQ(pair.extractable, std::optional<bool>(false));
            EXPECT_TRUE(pair.generatedOnKey());
            EXPECT_TRUE(pair.notGeneratedOnKeyReasons().isEmpty());
        } else {
            EXPECT_EQ(pair.id, importedId);
            EXPECT_EQ(pair.publicKey, imported.publicKeyDer);
            EXPECT_EQ(pair.local, std::optional<bool>(false));
            EXPECT_EQ(pair.alwaysSensitive, std::optional<bool>(false));
            EXPECT_EQ(pair.neverExtractable, std::optional<bool>(false));
            EXPECT_EQ(pair.extractable, std::optional<bool>(false)); // as the importer asked
            EXPECT_FALSE(pair.generatedOnKey());
            EXPECT_TRUE(pair.notGeneratedOnKeyReasons().contains(QStringLiteral("CKA_LOCAL false")))
                << pair.notGeneratedOnKeyReasons().join(QStringLiteral(", ")).toStdString();
        }
    }

    // CKA_LOCAL cannot be set afterwards (PKCS#11: not modifiable); SoftHSM refuses.
    CK_FUNCTION_LIST *f = m_module->functions();
    CK_SESSION_HANDLE raw = CK_INVALID_HANDLE;
    ASSERT_EQ(f->C_OpenSession(token->slotId, CKF_SERIAL_SESSION | CKF_RW_SESSION, nullptr, nullptr, &raw),
              CKR_OK);
    CK_OBJECT_CLASS cls = CKO_PRIVATE_KEY;
    QByteArray id = importedId;
    CK_ATTRIBUTE find[] = { { CKA_CLASS, &cls, sizeof cls }, { CKA_ID, id.data(), CK_ULONG(id.size()) } };
    ASSERT_EQ(f->C_FindObjectsInit(raw, find, 2), CKR_OK);
    CK_OBJECT_HANDLE handle = CK_INVALID_HANDLE;
    CK_ULONG count = 0;
    ASSERT_EQ(f->C_FindObjects(raw, &handle, 1, &count), CKR_OK);
    f->C_FindObjectsFinal(raw);
    ASSERT_EQ(count, 1u);
    CK_BBOOL yes = CK_TRUE;
    CK_ATTRIBUTE forge[] = { { CKA_LOCAL, &yes, 1 } };
    EXPECT_NE(f->C_SetAttributeValue(raw, handle, forge, 1), CKR_OK);
    f->C_CloseSession(raw);
    auto again = session->keyPairs();
    ASSERT_TRUE(again);
    for (const auto &pair : *again)
        EXPECT_EQ(pair.generatedOnKey(), pair.id == generated->id);
}

// Two private keys under one CKA_ID: which one signs is the module's choice, so neither counts as a pair.
TEST_F(TokenSessionTest, PrivateKeysSharingAnIdAreMarked)
{
    createTokens(1);
    auto session = openLoggedIn(m_serials[0]);
    ASSERT_TRUE(session);
    auto generated = session->generateKeyPair(KeyAlgorithm::EcP256, QStringLiteral("generated"));
    ASSERT_TRUE(generated);
    auto token = m_module->findToken(m_serials[0]);
    ASSERT_TRUE(token);
    const auto imported
        = ks::test::importEcKeyPair(m_module->functions(), token->slotId, kPin, generated->id);
    ASSERT_FALSE(imported.publicKeyDer.isEmpty()) << imported.error.toStdString();
    auto pairs = session->keyPairs();
    ASSERT_TRUE(pairs);
    ASSERT_EQ(pairs->size(), 2);
    for (const auto &pair : *pairs)
        EXPECT_TRUE(pair.idShared);
}

namespace {

// RSA PKCS#1 v1.5 encryption with OpenSSL under a DER SubjectPublicKeyInfo: what a SCEP CA does to the
// content-encryption key of its CertRep (RFC 8894 §3.3.2). Empty on failure.
QByteArray encryptPkcs1(const QByteArray &spki, const QByteArray &plain)
{
    auto key = CsrBuilder::publicKeyFromDer(spki);
    EVP_PKEY_CTX *ctx = key ? EVP_PKEY_CTX_new(key.get(), nullptr) : nullptr;
    QByteArray out(512, '\0');
    size_t len = static_cast<size_t>(out.size());
    const bool ok = ctx && EVP_PKEY_encrypt_init(ctx) == 1
        && EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_PADDING) == 1
        && EVP_PKEY_encrypt(ctx, reinterpret_cast<unsigned char *>(out.data()), &len,
                            reinterpret_cast<const unsigned char *>(plain.constData()),
                            static_cast<size_t>(plain.size()))
            == 1;
    EVP_PKEY_CTX_free(ctx);
    return ok ? out.left(static_cast<qsizetype>(len)) : QByteArray();
}

} // namespace

// SCEP's CertRep envelope is opened on the key: C_Decrypt (CKM_RSA_PKCS) of a block that OpenSSL encrypted
// under the key pair's public key gives back the plaintext.
TEST_F(TokenSessionTest, DecryptsWhatItsPublicKeyEncrypted)
{
    createTokens(1);
    auto session = openLoggedIn(m_serials[0]);
    ASSERT_TRUE(session);
    auto pair = session->generateKeyPair(KeyAlgorithm::Rsa2048, QStringLiteral("scep"));
    ASSERT_TRUE(pair) << pair.error().toString().toStdString();
    EXPECT_EQ(pair->decrypt, std::optional<bool>(true));
    auto listed = session->keyPairs();
    ASSERT_TRUE(listed);
    ASSERT_EQ(listed->size(), 1);
    EXPECT_EQ(listed->front().decrypt, std::optional<bool>(true));

    const QByteArray contentKey = QByteArray::fromHex("00112233445566778899aabbccddeeff0123456789abcdef");
    const QByteArray ciphertext = encryptPkcs1(pair->publicKey, contentKey);
    ASSERT_EQ(ciphertext.size(), 256);
    auto plain = session->decrypt(pair->id, ciphertext);
    ASSERT_TRUE(plain) << plain.error().toString().toStdString();
    EXPECT_EQ(*plain, contentKey);

    // A changed block does not decrypt to the plaintext (the key's padding check fails, or other bytes come
    // out).
    QByteArray tampered = ciphertext;
    tampered[10] = static_cast<char>(tampered[10] ^ 0x01);
    auto wrong = session->decrypt(pair->id, tampered);
    EXPECT_TRUE(!wrong || *wrong != contentKey);
}

// A SHA-256 digest signed on the key (the SCEP request: the key sees the hash, not the challenge password)
// verifies with OpenSSL as a signature over the data, for RSA (PKCS#1 v1.5) and EC (ECDSA).
TEST_F(TokenSessionTest, SignsADigestAsItSignsTheData)
{
    createTokens(1);
    auto session = openLoggedIn(m_serials[0]);
    ASSERT_TRUE(session);
    const QByteArray data("certification request info with a challenge password");
    const QByteArray digest = QCryptographicHash::hash(data, QCryptographicHash::Sha256);
    for (KeyAlgorithm algorithm : { KeyAlgorithm::Rsa2048, KeyAlgorithm::EcP256 }) {
        auto pair = session->generateKeyPair(algorithm, QStringLiteral("digest"));
        ASSERT_TRUE(pair);
        auto signature = session->signSha256Digest(pair->id, digest);
        ASSERT_TRUE(signature) << signature.error().toString().toStdString();
        auto key = CsrBuilder::publicKeyFromDer(pair->publicKey);
        ASSERT_TRUE(key);
        EVP_MD_CTX *ctx = EVP_MD_CTX_new();
        ASSERT_EQ(EVP_DigestVerifyInit(ctx, nullptr, EVP_sha256(), nullptr, key.get()), 1);
        EXPECT_EQ(EVP_DigestVerify(ctx, reinterpret_cast<const unsigned char *>(signature->constData()),
                                   static_cast<size_t>(signature->size()),
                                   reinterpret_cast<const unsigned char *>(data.constData()),
                                   static_cast<size_t>(data.size())),
                  1)
            << KeyAlgorithms::name(algorithm).toStdString();
        EVP_MD_CTX_free(ctx);
    }
    auto wrongSize = session->signSha256Digest(QByteArray("any"), QByteArray(20, 'x'));
    ASSERT_FALSE(wrongSize);
    EXPECT_EQ(wrongSize.error().code, DeviceError::Code::InvalidArgument);
}

TEST_F(TokenSessionTest, DecryptRefusesAnEcKeyPair)
{
    createTokens(1);
    auto session = openLoggedIn(m_serials[0]);
    ASSERT_TRUE(session);
    auto pair = session->generateKeyPair(KeyAlgorithm::EcP256, QStringLiteral("ec"));
    ASSERT_TRUE(pair);
    auto plain = session->decrypt(pair->id, QByteArray(64, 'x'));
    ASSERT_FALSE(plain);
    EXPECT_EQ(plain.error().code, DeviceError::Code::Unsupported);
    EXPECT_TRUE(plain.error().message.contains(QStringLiteral("not RSA")))
        << plain.error().toString().toStdString();
    EXPECT_EQ(plain.error().serial, m_serials[0]);
    auto missing = session->decrypt(QByteArray("no such id"), QByteArray(256, 'x'));
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, DeviceError::Code::NoSuchObject);
}

class SelfSigned : public TokenSessionTest, public ::testing::WithParamInterface<KeyAlgorithm>
{
};

// SCEP's signer certificate: made for the key pair's public key and signed on the key; OpenSSL verifies it
// with its own public key and reads the requested subject, usages and validity.
TEST_P(SelfSigned, CertificateVerifiesAndCarriesTheSubject)
{
    createTokens(1);
    auto session = openLoggedIn(m_serials[0]);
    ASSERT_TRUE(session);
    auto pair = session->generateKeyPair(GetParam(), QStringLiteral("signer"));
    ASSERT_TRUE(pair);
    CsrRequest subject = request(m_serials[0]);
    subject.subject.prepend({ QStringLiteral("O"), QStringLiteral("Example Ltd") });
    auto der = session->selfSignedCertificate(pair->id, subject, 7);
    ASSERT_TRUE(der) << der.error().toString().toStdString();

    auto cert = TestPki::certFromDer(*der);
    ASSERT_TRUE(cert);
    EXPECT_EQ(X509_get_version(cert.get()), 2); // v3
    EXPECT_EQ(X509_verify(cert.get(), X509_get0_pubkey(cert.get())), 1);
    EXPECT_EQ(TestPki::publicKeyDer(X509_get0_pubkey(cert.get())), pair->publicKey);
    char cn[128] = {}, serialNumber[128] = {}, org[128] = {};
    X509_NAME_get_text_by_NID(X509_get_subject_name(cert.get()), NID_commonName, cn, sizeof cn);
    X509_NAME_get_text_by_NID(X509_get_subject_name(cert.get()), NID_serialNumber, serialNumber,
                              sizeof serialNumber);
    X509_NAME_get_text_by_NID(X509_get_subject_name(cert.get()), NID_organizationName, org, sizeof org);
    EXPECT_EQ(QString::fromUtf8(cn), m_serials[0]);
    EXPECT_EQ(QString::fromUtf8(serialNumber), m_serials[0]);
    EXPECT_EQ(QString::fromUtf8(org), QStringLiteral("Example Ltd"));
    EXPECT_EQ(X509_NAME_cmp(X509_get_subject_name(cert.get()), X509_get_issuer_name(cert.get())), 0);
    EXPECT_TRUE(X509_get_key_usage(cert.get()) & KU_DIGITAL_SIGNATURE);
    EXPECT_TRUE(X509_get_extended_key_usage(cert.get()) & XKU_SSL_CLIENT);
    int days = 0, seconds = 0;
    ASSERT_EQ(
        ASN1_TIME_diff(&days, &seconds, X509_get0_notBefore(cert.get()), X509_get0_notAfter(cert.get())), 1);
    EXPECT_EQ(days, 7); // and an hour: valid from an hour ago
    EXPECT_EQ(seconds, 3600);
    EXPECT_EQ(X509_cmp_current_time(X509_get0_notBefore(cert.get())), -1); // valid now
    const int expectedSignature = KeyAlgorithms::isRsa(GetParam()) ? NID_sha256WithRSAEncryption
        : GetParam() == KeyAlgorithm::EcP384                       ? NID_ecdsa_with_SHA384
                                                                   : NID_ecdsa_with_SHA256;
    EXPECT_EQ(X509_get_signature_nid(cert.get()), expectedSignature);

    // Nothing is written to the key: the certificate is the request's, not the key's.
    auto certs = session->certificates();
    ASSERT_TRUE(certs);
    EXPECT_TRUE(certs->isEmpty());
}

INSTANTIATE_TEST_SUITE_P(Algorithms, SelfSigned,
                         ::testing::Values(KeyAlgorithm::Rsa2048, KeyAlgorithm::EcP256, KeyAlgorithm::EcP384),
                         [](const auto &info) {
                             return KeyAlgorithms::name(info.param).remove(QLatin1Char('-')).toStdString();
                         });
