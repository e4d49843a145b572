#include "core/ProfileLoader.h"
#include "core/PinDerivation.h"
#include "device/SerialNumber.h"

#include <gtest/gtest.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTemporaryDir>

#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

using namespace ks::core;
using Code = CoreError::Code;

namespace {

QJsonObject minimal()
{
    return QJsonObject {
        { QStringLiteral("name"), QStringLiteral("factory") },
        { QStringLiteral("pin"),
          QJsonObject { { QStringLiteral("source"), QStringLiteral("transport") },
                        { QStringLiteral("env"), QStringLiteral("KS_TRANSPORT_PIN") } } },
        { QStringLiteral("ca"),
          QJsonObject { { QStringLiteral("url"), QStringLiteral("https://ca.example:8888") },
                        { QStringLiteral("trustAnchorFile"), QStringLiteral("ca.pem") } } },
    };
}

Result<Profile> load(const QJsonObject &o)
{
    return ProfileLoader::parse(QJsonDocument(o).toJson(), QStringLiteral("/etc/keystation"));
}

// Sets obj[path] (dotted) = value, creating sections.
QJsonObject with(QJsonObject o, const QString &path, const QJsonValue &value)
{
    const int dot = path.indexOf(u'.');
    if (dot < 0) {
        if (value.isUndefined())
            o.remove(path);
        else
            o.insert(path, value);
        return o;
    }
    const QString head = path.left(dot);
    o.insert(head, with(o.value(head).toObject(), path.mid(dot + 1), value));
    return o;
}

TEST(ProfileLoader, MinimalProfileGetsTheDocumentedDefaults)
{
    auto p = load(minimal());
    ASSERT_TRUE(p) << p.error().toString().toStdString();
    EXPECT_EQ(p->name, QStringLiteral("factory"));
    EXPECT_EQ(p->keyAlgorithm, Profile::KeyAlgorithm::Rsa2048);
    EXPECT_EQ(p->pin.source, Profile::PinSource::Transport);
    EXPECT_EQ(p->pin.env, QStringLiteral("KS_TRANSPORT_PIN"));
    EXPECT_EQ(p->pin.digits, 8);
    EXPECT_EQ(p->pin.minRetriesLeft, 2);
    EXPECT_EQ(p->subject.commonName, QStringLiteral("${serial}"));
    EXPECT_EQ(p->subject.serialNumber, QStringLiteral("${serial}"));
    EXPECT_EQ(p->keyUsage,
              (QStringList { QStringLiteral("digitalSignature"), QStringLiteral("keyEncipherment") }));
    EXPECT_EQ(p->extendedKeyUsage, QStringList { QStringLiteral("clientAuth") });
    EXPECT_EQ(p->ca.protocol, Profile::CaProtocol::Cfssl);
    EXPECT_EQ(p->ca.trustAnchorFile, QStringLiteral("/etc/keystation/ca.pem")); // relative to the profile
    EXPECT_EQ(p->minValidityDays, 30); // was 365: it refused every one-year certificate
    EXPECT_FALSE(p->allowExtraUsages);
    EXPECT_TRUE(p->ca.intermediateFiles.isEmpty());
    EXPECT_EQ(p->clockSkew.count(), 300);
    EXPECT_EQ(p->timeouts.keyGeneration.count(), 60);
    EXPECT_EQ(p->timeouts.login.count(), 30);
    EXPECT_EQ(p->timeouts.enrol.count(), 120);
    EXPECT_EQ(p->maxParallelKeys, 16);
    EXPECT_TRUE(p->finalUserPinFile.isEmpty());
    EXPECT_EQ(p->expand(p->subject.commonName, QStringLiteral(" ab 12 ")), QStringLiteral("AB12"));
}

TEST(ProfileLoader, AllowExtraUsagesAndIntermediateFiles)
{
    QJsonObject o = with(minimal(), QStringLiteral("allowExtraUsages"), true);
    o = with(o, QStringLiteral("ca.intermediateFiles"),
             QJsonArray { QStringLiteral("issuing.pem"), QStringLiteral("/pki/other.pem") });
    auto p = load(o);
    ASSERT_TRUE(p) << p.error().toString().toStdString();
    EXPECT_TRUE(p->allowExtraUsages);
    EXPECT_EQ(
        p->ca.intermediateFiles,
        (QStringList { QStringLiteral("/etc/keystation/issuing.pem"), QStringLiteral("/pki/other.pem") }));
    auto wrong = load(with(minimal(), QStringLiteral("allowExtraUsages"), QStringLiteral("yes")));
    ASSERT_FALSE(wrong);
    EXPECT_EQ(wrong.error().code, Code::ProfileWrongType);
    EXPECT_EQ(wrong.error().field, QStringLiteral("allowExtraUsages"));
    for (const QJsonValue &bad : { QJsonValue(QStringLiteral("issuing.pem")),
                                   QJsonValue(QJsonArray { QString() }), QJsonValue(QJsonArray { 1 }) }) {
        auto e = load(with(minimal(), QStringLiteral("ca.intermediateFiles"), bad));
        ASSERT_FALSE(e);
        EXPECT_EQ(e.error().code, Code::ProfileWrongType);
        EXPECT_EQ(e.error().field, QStringLiteral("ca.intermediateFiles"));
    }
}

TEST(ProfileLoader, EveryAcceptedExtendedKeyUsageHasAnOid)
{
    // smartcardLogon was accepted but never mapped: its certificates always failed the check.
    const QStringList names { QStringLiteral("clientAuth"), QStringLiteral("serverAuth"),
                              QStringLiteral("emailProtection"), QStringLiteral("codeSigning"),
                              QStringLiteral("smartcardLogon") };
    auto p = load(with(minimal(), QStringLiteral("extendedKeyUsage"), QJsonArray::fromStringList(names)));
    ASSERT_TRUE(p) << p.error().toString().toStdString();
    static const QRegularExpression dotted(QStringLiteral("^[0-9]+(\\.[0-9]+)+$"));
    for (const QString &name : p->extendedKeyUsage)
        EXPECT_TRUE(dotted.match(Profile::extendedKeyUsageOid(name)).hasMatch()) << name.toStdString();
    EXPECT_EQ(Profile::extendedKeyUsageOid(QStringLiteral("smartcardLogon")),
              QStringLiteral("1.3.6.1.4.1.311.20.2.2"));
}

TEST(ProfileLoader, ExpectedSubjectExpandsEveryField)
{
    QJsonObject o = with(minimal(), QStringLiteral("subject"),
                         QJsonObject { { QStringLiteral("commonName"), QStringLiteral("Key ${serial}") },
                                       { QStringLiteral("serialNumber"), QString() },
                                       { QStringLiteral("organization"), QStringLiteral("Example Ltd") } });
    auto p = load(o);
    ASSERT_TRUE(p) << p.error().toString().toStdString();
    QHash<QString, QPair<QString, bool>> got;
    for (const auto &a : p->expectedSubject(QStringLiteral("ab12")))
        got.insert(a.oid, { a.value, a.carriesSerial });
    EXPECT_EQ(got.value(QStringLiteral("2.5.4.3")), qMakePair(QStringLiteral("Key AB12"), true));
    EXPECT_EQ(got.value(QStringLiteral("2.5.4.10")), qMakePair(QStringLiteral("Example Ltd"), false));
    // Not asked: must be absent.
    EXPECT_EQ(got.value(QStringLiteral("2.5.4.5"), { QStringLiteral("x"), true }),
              qMakePair(QString(), false));
    EXPECT_EQ(got.value(QStringLiteral("2.5.4.11"), { QStringLiteral("x"), true }),
              qMakePair(QString(), false));
    EXPECT_EQ(got.value(QStringLiteral("2.5.4.6"), { QStringLiteral("x"), true }),
              qMakePair(QString(), false));
}

TEST(ProfileLoader, KeyGenerationTimeOutFollowsTheAlgorithm)
{
    EXPECT_EQ(load(with(minimal(), QStringLiteral("keyAlgorithm"), QStringLiteral("rsa4096")))
                  ->timeouts.keyGeneration.count(),
              300);
    EXPECT_EQ(load(with(minimal(), QStringLiteral("keyAlgorithm"), QStringLiteral("rsa3072")))
                  ->timeouts.keyGeneration.count(),
              180);
    QJsonObject ec = with(minimal(), QStringLiteral("keyAlgorithm"), QStringLiteral("ec-p256"));
    ec = with(ec, QStringLiteral("keyUsage"), QJsonArray { QStringLiteral("digitalSignature") });
    auto p = load(ec);
    ASSERT_TRUE(p) << p.error().toString().toStdString();
    EXPECT_EQ(p->keyAlgorithm, Profile::KeyAlgorithm::EcP256);
    EXPECT_EQ(p->timeouts.keyGeneration.count(), 30);
    auto explicitTimeout
        = load(with(with(minimal(), QStringLiteral("keyAlgorithm"), QStringLiteral("rsa4096")),
                    QStringLiteral("timeouts.keyGeneration"), 600));
    EXPECT_EQ(explicitTimeout->timeouts.keyGeneration.count(), 600);
}

TEST(ProfileLoader, FullProfileLoads)
{
    QJsonObject o = minimal();
    o = with(o, QStringLiteral("keyAlgorithm"), QStringLiteral("ec-p384"));
    o = with(o, QStringLiteral("pin"),
             QJsonObject { { QStringLiteral("source"), QStringLiteral("derived") },
                           { QStringLiteral("secretFile"), QStringLiteral("/secrets/station.hex") },
                           { QStringLiteral("digits"), 6 },
                           { QStringLiteral("minRetriesLeft"), 3 } });
    o = with(o, QStringLiteral("subject"),
             QJsonObject { { QStringLiteral("commonName"), QStringLiteral("Key ${serial}") },
                           { QStringLiteral("organization"), QStringLiteral("Feitian") },
                           { QStringLiteral("organizationalUnit"), QStringLiteral("Line 3") },
                           { QStringLiteral("country"), QStringLiteral("CN") } });
    o = with(o, QStringLiteral("keyUsage"),
             QJsonArray { QStringLiteral("digitalSignature"), QStringLiteral("keyAgreement") });
    o = with(o, QStringLiteral("extendedKeyUsage"),
             QJsonArray { QStringLiteral("clientAuth"), QStringLiteral("emailProtection") });
    o = with(o, QStringLiteral("ca.protocol"), QStringLiteral("est"));
    o = with(o, QStringLiteral("ca.usernameFile"), QStringLiteral("user"));
    o = with(o, QStringLiteral("ca.passwordFile"), QStringLiteral("pass"));
    o = with(o, QStringLiteral("ca.tlsPinSha256"), QString(64, u'a'));
    o = with(o, QStringLiteral("minValidityDays"), 730);
    o = with(o, QStringLiteral("clockSkewSeconds"), 60);
    o = with(o, QStringLiteral("finalUserPinFile"), QStringLiteral("userpin"));
    o = with(o, QStringLiteral("maxParallelKeys"), 64);
    auto p = load(o);
    ASSERT_TRUE(p) << p.error().toString().toStdString();
    EXPECT_EQ(p->pin.source, Profile::PinSource::Derived);
    EXPECT_EQ(p->pin.secretFile, QStringLiteral("/secrets/station.hex"));
    EXPECT_EQ(p->pin.digits, 6);
    EXPECT_EQ(p->subject.serialNumber, QStringLiteral("${serial}")); // default kept
    EXPECT_EQ(p->subject.country, QStringLiteral("CN"));
    EXPECT_EQ(p->ca.protocol, Profile::CaProtocol::Est);
    EXPECT_EQ(p->ca.passwordFile, QStringLiteral("/etc/keystation/pass"));
    EXPECT_EQ(p->finalUserPinFile, QStringLiteral("/etc/keystation/userpin"));
    EXPECT_EQ(p->maxParallelKeys, 64);
    EXPECT_EQ(p->clockSkew.count(), 60);
}

struct BadCase
{
    const char *path;
    QJsonValue value;
    Code code;
    const char *field;
};

TEST(ProfileLoader, EveryValidationErrorNamesItsField)
{
    const QJsonValue absent = QJsonValue(QJsonValue::Undefined);
    const BadCase cases[] = {
        { "name", absent, Code::ProfileMissingField, "name" },
        { "name", 5, Code::ProfileWrongType, "name" },
        { "name", QStringLiteral("  "), Code::ProfileInvalidValue, "name" },
        { "keyAlgorithm", QStringLiteral("rsa1024"), Code::ProfileInvalidValue, "keyAlgorithm" },
        { "keyAlgorithm", true, Code::ProfileWrongType, "keyAlgorithm" },
        { "pin", absent, Code::ProfileMissingField, "pin" },
        { "pin", QStringLiteral("1234"), Code::ProfileWrongType, "pin" },
        { "pin.source", absent, Code::ProfileMissingField, "pin.source" },
        { "pin.source", QStringLiteral("inline"), Code::ProfileInvalidValue, "pin.source" },
        { "pin.env", absent, Code::ProfileInvalidValue, "pin.file" },
        { "pin.file", QStringLiteral("pin.txt"), Code::ProfileInvalidValue, "pin.file" }, // both file and env
        { "pin.pin", QStringLiteral("123456"), Code::ProfileUnknownField, "pin.pin" },
        { "pin.digits", 3, Code::ProfileInvalidValue, "pin.digits" },
        { "pin.digits", 13, Code::ProfileInvalidValue, "pin.digits" },
        { "pin.digits", 6.5, Code::ProfileWrongType, "pin.digits" },
        { "pin.minRetriesLeft", 0, Code::ProfileInvalidValue, "pin.minRetriesLeft" },
        { "subject.commonName", QStringLiteral(""), Code::ProfileInvalidValue, "subject.commonName" },
        { "subject.commonName", QStringLiteral("${user}"), Code::ProfileInvalidValue, "subject.commonName" },
        { "subject.country", QStringLiteral("China"), Code::ProfileInvalidValue, "subject.country" },
        { "subject.organization", QString(65, u'x'), Code::ProfileInvalidValue, "subject.organization" },
        { "subject.email", QStringLiteral("a@b"), Code::ProfileUnknownField, "subject.email" },
        { "keyUsage", QJsonArray { QStringLiteral("signEverything") }, Code::ProfileInvalidValue,
          "keyUsage" },
        { "keyUsage", QJsonArray {}, Code::ProfileInvalidValue, "keyUsage" },
        { "keyUsage", QStringLiteral("digitalSignature"), Code::ProfileWrongType, "keyUsage" },
        { "extendedKeyUsage", QJsonArray { 1 }, Code::ProfileWrongType, "extendedKeyUsage" },
        { "ca", absent, Code::ProfileMissingField, "ca" },
        { "ca.url", absent, Code::ProfileMissingField, "ca.url" },
        { "ca.url", QStringLiteral("http://ca.example"), Code::ProfileInvalidValue, "ca.url" },
        { "ca.url", QStringLiteral("https://"), Code::ProfileInvalidValue, "ca.url" },
        { "ca.protocol", QStringLiteral("acme"), Code::ProfileInvalidValue, "ca.protocol" },
        { "ca.trustAnchorFile", absent, Code::ProfileMissingField, "ca.trustAnchorFile" },
        { "ca.clientCertFile", QStringLiteral("c.pem"), Code::ProfileInvalidValue, "ca.clientKeyFile" },
        { "ca.usernameFile", QStringLiteral("u"), Code::ProfileInvalidValue, "ca.passwordFile" },
        { "ca.tlsPinSha256", QStringLiteral("abc"), Code::ProfileInvalidValue, "ca.tlsPinSha256" },
        { "ca.password", QStringLiteral("x"), Code::ProfileUnknownField, "ca.password" },
        { "minValidityDays", 0, Code::ProfileInvalidValue, "minValidityDays" },
        { "minValidityDays", QStringLiteral("365"), Code::ProfileWrongType, "minValidityDays" },
        { "clockSkewSeconds", -1, Code::ProfileInvalidValue, "clockSkewSeconds" },
        { "timeouts.keyGeneration", 0, Code::ProfileInvalidValue, "timeouts.keyGeneration" },
        { "timeouts.write", 1e12, Code::ProfileInvalidValue, "timeouts.write" },
        { "timeouts.sleep", 5, Code::ProfileUnknownField, "timeouts.sleep" },
        { "timeouts", 5, Code::ProfileWrongType, "timeouts" },
        { "maxParallelKeys", 0, Code::ProfileInvalidValue, "maxParallelKeys" },
        { "maxParallelKeys", 1000, Code::ProfileInvalidValue, "maxParallelKeys" },
        { "finalUserPinFile", QJsonArray {}, Code::ProfileWrongType, "finalUserPinFile" },
        { "colour", QStringLiteral("red"), Code::ProfileUnknownField, "colour" },
    };
    for (const BadCase &c : cases) {
        auto p = load(with(minimal(), QString::fromLatin1(c.path), c.value));
        ASSERT_FALSE(p) << c.path;
        EXPECT_EQ(p.error().code, c.code) << c.path << ": " << p.error().toString().toStdString();
        EXPECT_EQ(p.error().field, QString::fromLatin1(c.field))
            << c.path << ": " << p.error().toString().toStdString();
        EXPECT_FALSE(p.error().message.isEmpty());
    }
}

// Credentials in the CA URL would travel with every log line and error that shows the URL: refused, and the
// refusal does not repeat them.
TEST(ProfileLoader, CaUrlWithUserInfoIsRefusedWithoutEchoingIt)
{
    for (const QString &url : { QStringLiteral("https://station:Url-Pw-5521@ca.example/est"),
                                QStringLiteral("https://station@ca.example"),
                                QStringLiteral("https://:Url-Pw-5521@ca.example:8443") }) {
        auto p = load(with(minimal(), QStringLiteral("ca.url"), url));
        ASSERT_FALSE(p) << url.toStdString();
        EXPECT_EQ(p.error().code, Code::ProfileInvalidValue);
        EXPECT_EQ(p.error().field, QStringLiteral("ca.url"));
        EXPECT_FALSE(p.error().toString().contains(QStringLiteral("Url-Pw-5521")))
            << p.error().toString().toStdString();
        EXPECT_FALSE(p.error().toString().contains(QStringLiteral("station")))
            << p.error().toString().toStdString();
    }
    EXPECT_TRUE(
        load(with(minimal(), QStringLiteral("ca.url"), QStringLiteral("https://ca.example:8443/est"))));
}

TEST(ProfileLoader, DerivedPinNeedsASecretFile)
{
    auto p = load(with(minimal(), QStringLiteral("pin"),
                       QJsonObject { { QStringLiteral("source"), QStringLiteral("derived") } }));
    ASSERT_FALSE(p);
    EXPECT_EQ(p.error().code, Code::ProfileMissingField);
    EXPECT_EQ(p.error().field, QStringLiteral("pin.secretFile"));
}

TEST(ProfileLoader, EcKeysCannotEncipherKeys)
{
    auto p = load(with(minimal(), QStringLiteral("keyAlgorithm"), QStringLiteral("ec-p256")));
    ASSERT_FALSE(p);
    EXPECT_EQ(p.error().field, QStringLiteral("keyUsage"));
}

// SCEP (docs/profiles.md): the pinned CA certificate is required, the URL may be plain http:// (SCEP only),
// and an EC key algorithm is refused at load, naming the fields.
TEST(ProfileLoader, ScepNeedsAPinnedCaCertificateAndAnRsaKey)
{
    const QString pin(64, QLatin1Char('a'));
    QJsonObject scep = with(minimal(), QStringLiteral("ca.protocol"), QStringLiteral("scep"));
    scep = with(scep, QStringLiteral("ca.url"), QStringLiteral("http://127.0.0.1:8080/scep"));
    scep = with(scep, QStringLiteral("ca.caCertificateSha256"), pin);
    scep = with(scep, QStringLiteral("ca.challengePasswordFile"), QStringLiteral("challenge.txt"));
    auto p = load(scep);
    ASSERT_TRUE(p) << p.error().toString().toStdString();
    EXPECT_EQ(p->ca.protocol, Profile::CaProtocol::Scep);
    EXPECT_EQ(p->ca.url, QStringLiteral("http://127.0.0.1:8080/scep"));
    EXPECT_EQ(p->ca.caCertificateSha256, pin);
    EXPECT_EQ(p->ca.challengePasswordFile, QStringLiteral("/etc/keystation/challenge.txt"));
    EXPECT_TRUE(load(with(scep, QStringLiteral("ca.url"), QStringLiteral("https://ca.example/scep"))));

    auto unpinned = load(with(scep, QStringLiteral("ca.caCertificateSha256"), QJsonValue::Undefined));
    ASSERT_FALSE(unpinned);
    EXPECT_EQ(unpinned.error().code, Code::ProfileMissingField);
    EXPECT_EQ(unpinned.error().field, QStringLiteral("ca.caCertificateSha256"));
    auto badPin = load(with(scep, QStringLiteral("ca.caCertificateSha256"), QStringLiteral("abc")));
    ASSERT_FALSE(badPin);
    EXPECT_EQ(badPin.error().field, QStringLiteral("ca.caCertificateSha256"));

    for (const QString &ec : { QStringLiteral("ec-p256"), QStringLiteral("ec-p384") }) {
        QJsonObject o = with(scep, QStringLiteral("keyAlgorithm"), ec);
        o = with(o, QStringLiteral("keyUsage"), QJsonArray { QStringLiteral("digitalSignature") });
        auto refused = load(o);
        ASSERT_FALSE(refused) << ec.toStdString();
        EXPECT_EQ(refused.error().code, Code::ProfileInvalidValue);
        EXPECT_EQ(refused.error().field, QStringLiteral("ca.protocol"));
        EXPECT_TRUE(refused.error().message.contains(QStringLiteral("keyAlgorithm"))
                    && refused.error().message.contains(ec))
            << refused.error().message.toStdString();
    }

    // Plain HTTP stays refused for EST and CFSSL, and SCEP's fields are refused with them.
    for (const QString &other : { QStringLiteral("est"), QStringLiteral("cfssl") }) {
        QJsonObject o = with(minimal(), QStringLiteral("ca.protocol"), other);
        auto http = load(with(o, QStringLiteral("ca.url"), QStringLiteral("http://ca.example/")));
        ASSERT_FALSE(http) << other.toStdString();
        EXPECT_EQ(http.error().field, QStringLiteral("ca.url"));
        auto pinned = load(with(o, QStringLiteral("ca.caCertificateSha256"), pin));
        ASSERT_FALSE(pinned) << other.toStdString();
        EXPECT_EQ(pinned.error().field, QStringLiteral("ca.caCertificateSha256"));
    }
    auto ftp = load(with(scep, QStringLiteral("ca.url"), QStringLiteral("ftp://ca.example/scep")));
    ASSERT_FALSE(ftp);
    EXPECT_EQ(ftp.error().field, QStringLiteral("ca.url"));
}

TEST(ProfileLoader, SubjectMustCarryTheSerial)
{
    QJsonObject o = with(minimal(), QStringLiteral("subject.commonName"), QStringLiteral("Fixed"));
    o = with(o, QStringLiteral("subject.serialNumber"), QStringLiteral("also fixed"));
    auto p = load(o);
    ASSERT_FALSE(p);
    EXPECT_EQ(p.error().code, Code::ProfileInvalidValue);
}

TEST(ProfileLoader, GarbageIsATypedErrorNeverACrash)
{
    for (const QByteArray &junk :
         { QByteArray(), QByteArray("{"), QByteArray("[1,2]"), QByteArray("\"str\""), QByteArray("null"),
           QByteArray("{\"name\":}"), QByteArray("\xff\xfe\x00garbage", 10), QByteArray(100000, '[') }) {
        auto p = ProfileLoader::parse(junk);
        ASSERT_FALSE(p);
        EXPECT_EQ(p.error().code, Code::ProfileNotJson) << junk.left(20).toStdString();
    }
    EXPECT_EQ(ProfileLoader::parse(QByteArray(2 * 1024 * 1024, ' ')).error().code, Code::ProfileUnreadable);
    // Random bytes and random mutations of a valid profile: any outcome but a crash.
    auto *rng = QRandomGenerator::global();
    const QByteArray valid = QJsonDocument(minimal()).toJson();
    for (int i = 0; i < 2000; ++i) {
        QByteArray m = valid;
        for (int k = 0; k < 1 + int(rng->bounded(4)); ++k)
            m[rng->bounded(int(m.size()))] = char(rng->bounded(256));
        (void)ProfileLoader::parse(m);
    }
}

TEST(ProfileLoader, LoadsAFileAndResolvesRelativePaths)
{
    QTemporaryDir dir;
    QFile f(dir.filePath(QStringLiteral("p.json")));
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write(QJsonDocument(minimal()).toJson());
    f.close();
    auto p = ProfileLoader::loadFile(f.fileName());
    ASSERT_TRUE(p) << p.error().toString().toStdString();
    EXPECT_EQ(p->ca.trustAnchorFile, dir.filePath(QStringLiteral("ca.pem")));
    EXPECT_EQ(p->sourcePath, f.fileName());
    auto missing = ProfileLoader::loadFile(dir.filePath(QStringLiteral("nope.json")));
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, Code::ProfileUnreadable);
}

// --- PIN derivation ---

// Independent of PinDerivation: OpenSSL's one-shot HMAC and BIGNUM arithmetic.
QByteArray referencePin(const QByteArray &key, const QByteArray &message, int digits)
{
    unsigned char mac[32];
    unsigned int len = 0;
    HMAC(EVP_sha256(), key.constData(), int(key.size()),
         reinterpret_cast<const unsigned char *>(message.constData()), size_t(message.size()), mac, &len);
    BIGNUM *n = BN_bin2bn(mac, int(len), nullptr);
    BIGNUM *mod = BN_new();
    BIGNUM *rem = BN_new();
    BN_CTX *ctx = BN_CTX_new();
    BN_set_word(mod, 10);
    BIGNUM *exp = BN_new();
    BN_set_word(exp, static_cast<BN_ULONG>(digits));
    BN_exp(mod, mod, exp, ctx);
    BN_mod(rem, n, mod, ctx);
    char *dec = BN_bn2dec(rem);
    QByteArray out(dec);
    OPENSSL_free(dec);
    BN_free(n);
    BN_free(mod);
    BN_free(rem);
    BN_free(exp);
    BN_CTX_free(ctx);
    return out.rightJustified(digits, '0');
}

TEST(PinDerivation, MatchesTheDocumentedTestVectors)
{
    const QByteArray secret
        = QByteArray::fromHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    // docs/profiles.md, "Worked example" (computed with Python's hmac module).
    EXPECT_EQ(*PinDerivation::derive(secret, QStringLiteral(" 9a3f 0012 abcd "), 8), QByteArray("65427081"));
    EXPECT_EQ(*PinDerivation::derive(secret, QStringLiteral("9A3F0012ABCD"), 6), QByteArray("427081"));
    EXPECT_EQ(*PinDerivation::derive(secret, QStringLiteral("9A3F0012ABCD"), 12), QByteArray("542365427081"));
    EXPECT_EQ(*PinDerivation::derive(secret, QStringLiteral("ks0005"), 8),
              QByteArray("04760028")); // zero-padded
}

TEST(PinDerivation, AgreesWithAnIndependentComputation)
{
    auto *rng = QRandomGenerator::global();
    for (int i = 0; i < 200; ++i) {
        QByteArray secret(16 + int(rng->bounded(48)), '\0');
        for (char &c : secret)
            c = char(rng->bounded(256));
        const QString serial = QString::number(rng->generate64(), 16);
        const int digits = PinDerivation::minDigits
            + int(rng->bounded(PinDerivation::maxDigits - PinDerivation::minDigits + 1));
        auto pin = PinDerivation::derive(secret, serial, digits);
        ASSERT_TRUE(pin);
        EXPECT_EQ(*pin, referencePin(secret, serial.toUpper().toUtf8(), digits)) << serial.toStdString();
        EXPECT_EQ(pin->size(), digits);
    }
}

TEST(PinDerivation, NormalisesSerialsAndRejectsBadInput)
{
    EXPECT_EQ(PinDerivation::normaliseSerial(QStringLiteral(" ab\tcd 01\n")), QStringLiteral("ABCD01"));
    const QByteArray secret(32, 'k');
    EXPECT_EQ(*PinDerivation::derive(secret, QStringLiteral("ab cd"), 8),
              *PinDerivation::derive(secret, QStringLiteral("ABCD"), 8));
    EXPECT_FALSE(PinDerivation::derive(secret, QStringLiteral("ABCD"), 3));
    EXPECT_FALSE(PinDerivation::derive(secret, QStringLiteral("ABCD"), 13));
    EXPECT_FALSE(PinDerivation::derive(QByteArray(), QStringLiteral("ABCD"), 8));
    EXPECT_FALSE(PinDerivation::derive(secret, QStringLiteral("   "), 8));
}

TEST(PinDerivation, StationSecretMustBeOwnerOnlyHex)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("station.hex"));
    auto write = [&](const QByteArray &content, QFileDevice::Permissions perms) {
        QFile f(path);
        f.open(QIODevice::WriteOnly | QIODevice::Truncate);
        f.write(content);
        f.close();
        f.setPermissions(perms);
    };
    const auto ownerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
    write("000102030405060708090a0b0c0d0e0f\n101112131415161718191a1b1c1d1e1f\n", ownerOnly);
    auto s = PinDerivation::loadStationSecret(path);
    ASSERT_TRUE(s) << s.error().toString().toStdString();
    EXPECT_EQ(s->toHex(), QByteArray("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"));
    write("000102030405060708090a0b0c0d0e0f", ownerOnly | QFileDevice::ReadGroup);
    EXPECT_EQ(PinDerivation::loadStationSecret(path).error().code, Code::Io);
    write("not hex at all, not hex at all!!", ownerOnly);
    EXPECT_EQ(PinDerivation::loadStationSecret(path).error().code, Code::InvalidArgument);
    write("0001", ownerOnly); // too short
    EXPECT_EQ(PinDerivation::loadStationSecret(path).error().code, Code::InvalidArgument);
    EXPECT_EQ(PinDerivation::loadStationSecret(dir.filePath(QStringLiteral("missing"))).error().code,
              Code::Io);
}

} // namespace

TEST(ProfileLoader, ReuseKeyPairsIsGeneratedOnKeyUnlessSetToNever)
{
    auto p = load(minimal());
    ASSERT_TRUE(p);
    EXPECT_EQ(p->reuseKeyPairs, Profile::ReuseKeyPairs::GeneratedOnKey);
    auto never = load(with(minimal(), QStringLiteral("reuseKeyPairs"), QStringLiteral("never")));
    ASSERT_TRUE(never) << never.error().toString().toStdString();
    EXPECT_EQ(never->reuseKeyPairs, Profile::ReuseKeyPairs::Never);
    auto explicitDefault
        = load(with(minimal(), QStringLiteral("reuseKeyPairs"), QStringLiteral("generatedOnKey")));
    ASSERT_TRUE(explicitDefault);
    EXPECT_EQ(explicitDefault->reuseKeyPairs, Profile::ReuseKeyPairs::GeneratedOnKey);
    for (const QJsonValue &bad : { QJsonValue(QStringLiteral("always")), QJsonValue(true) }) {
        auto refused = load(with(minimal(), QStringLiteral("reuseKeyPairs"), bad));
        ASSERT_FALSE(refused);
        EXPECT_EQ(refused.error().field, QStringLiteral("reuseKeyPairs"));
    }
}

// docs/profiles.md, "Derived PINs": the worked example with ':' and '-'. The serial rule is the device
// layer's (the station's identity of a key), so a key issuer following the text computes the PIN the station
// logs in with.
TEST(PinDerivation, SerialWithColonsAndDashesFollowsTheDocumentedExample)
{
    const QByteArray secret
        = QByteArray::fromHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    EXPECT_EQ(PinDerivation::normaliseSerial(QStringLiteral("9a:3f-00:12 ab-cd")),
              QStringLiteral("9A3F0012ABCD"));
    EXPECT_EQ(*PinDerivation::derive(secret, QStringLiteral("9a:3f-00:12 ab-cd"), 8), QByteArray("65427081"));
    // As the key reports it (CK_TOKEN_INFO.serialNumber, blank-padded) and as the station then names it.
    const QString read = ks::device::SerialNumber::normalise(QByteArray("9a:3f-00:12ab-cd"));
    EXPECT_EQ(read, QStringLiteral("9A3F0012ABCD"));
    EXPECT_EQ(*PinDerivation::derive(secret, read, 8), QByteArray("65427081"));
    // One rule: the same answer for anything, including letters outside ASCII that a Unicode upper-casing
    // would change (U+0131 dotless i) and whitespace outside ASCII, which it leaves alone.
    for (const QString &s : { QStringLiteral("12:ab-CD ef"), QStringLiteral("\tx-y:z\r\n"),
                              QString::fromUtf16(u"ab\u0131c"), QString::fromUtf16(u"a\u00a0b") })
        EXPECT_EQ(PinDerivation::normaliseSerial(s), ks::device::SerialNumber::normalise(s))
            << s.toStdString();
    EXPECT_EQ(PinDerivation::normaliseSerial(QString::fromUtf16(u"ab\u0131c")),
              QString::fromUtf16(u"AB\u0131C"));
}
