#include "ProfileLoader.h"

#include "PinDerivation.h"
#include "ca_client/CaSettings.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QUrl>

#include <cmath>

namespace ks::core {

namespace {

using Code = CoreError::Code;

// Reads typed members of one JSON object, remembering the first error; `prefix` makes field paths.
class FieldReader
{
    Q_DECLARE_TR_FUNCTIONS(ks::core::ProfileLoader)

public:
    FieldReader(const QJsonObject &obj, QString prefix, std::optional<CoreError> &error)
        : m_obj(obj)
        , m_prefix(std::move(prefix))
        , m_error(error)
    { }

    QString path(const QString &key) const { return m_prefix.isEmpty() ? key : m_prefix + u'.' + key; }

    void fail(Code code, const QString &key, const QString &message)
    {
        if (!m_error)
            m_error = CoreError::make(code, message, path(key));
    }

    void rejectUnknown(const QStringList &known)
    {
        for (auto it = m_obj.begin(); it != m_obj.end(); ++it)
            if (!known.contains(it.key()))
                fail(Code::ProfileUnknownField, it.key(),
                     tr("Unknown field \"%1\" (misspelt?).").arg(path(it.key())));
    }

    bool has(const QString &key) const { return m_obj.contains(key) && !m_obj.value(key).isNull(); }

    void string(const QString &key, QString &out, bool required = false)
    {
        if (!has(key)) {
            if (required)
                fail(Code::ProfileMissingField, key, tr("The field \"%1\" is required.").arg(path(key)));
            return;
        }
        const QJsonValue v = m_obj.value(key);
        if (!v.isString()) {
            fail(Code::ProfileWrongType, key, tr("The field \"%1\" must be a string.").arg(path(key)));
            return;
        }
        out = v.toString();
    }

    void integer(const QString &key, int &out, int min, int max)
    {
        if (!has(key))
            return;
        const QJsonValue v = m_obj.value(key);
        const double d = v.toDouble();
        if (!v.isDouble() || !std::isfinite(d) || std::floor(d) != d) {
            fail(Code::ProfileWrongType, key, tr("The field \"%1\" must be a whole number.").arg(path(key)));
            return;
        }
        if (d < min || d > max) {
            fail(Code::ProfileInvalidValue, key,
                 tr("The field \"%1\" must be between %2 and %3.").arg(path(key)).arg(min).arg(max));
            return;
        }
        out = static_cast<int>(d);
    }

    void seconds(const QString &key, std::chrono::seconds &out, int min, int max)
    {
        int v = static_cast<int>(out.count());
        integer(key, v, min, max);
        out = std::chrono::seconds(v);
    }

    void stringList(const QString &key, QStringList &out, const QStringList &allowed)
    {
        if (!has(key))
            return;
        const QJsonValue v = m_obj.value(key);
        if (!v.isArray()) {
            fail(Code::ProfileWrongType, key,
                 tr("The field \"%1\" must be a list of strings.").arg(path(key)));
            return;
        }
        QStringList list;
        for (const QJsonValue item : v.toArray()) {
            if (!item.isString()) {
                fail(Code::ProfileWrongType, key,
                     tr("The field \"%1\" must be a list of strings.").arg(path(key)));
                return;
            }
            if (!allowed.contains(item.toString())) {
                fail(Code::ProfileInvalidValue, key,
                     tr("\"%1\" is not allowed in \"%2\"; use one of: %3.")
                         .arg(item.toString(), path(key), allowed.join(QStringLiteral(", "))));
                return;
            }
            if (!list.contains(item.toString()))
                list.append(item.toString());
        }
        out = list;
    }

    void boolean(const QString &key, bool &out)
    {
        if (!has(key))
            return;
        const QJsonValue v = m_obj.value(key);
        if (!v.isBool()) {
            fail(Code::ProfileWrongType, key, tr("The field \"%1\" must be true or false.").arg(path(key)));
            return;
        }
        out = v.toBool();
    }

    // A list of non-empty strings (file names, ...).
    void anyStringList(const QString &key, QStringList &out)
    {
        if (!has(key))
            return;
        const QJsonValue v = m_obj.value(key);
        QStringList list;
        for (const QJsonValue item : v.toArray()) {
            if (!item.isString() || item.toString().isEmpty()) {
                list.clear();
                break;
            }
            list.append(item.toString());
        }
        if (!v.isArray() || list.size() != v.toArray().size()) {
            fail(Code::ProfileWrongType, key,
                 tr("The field \"%1\" must be a list of non-empty strings.").arg(path(key)));
            return;
        }
        out = list;
    }

    // Returns the nested object (empty when absent), flagging a wrong type.
    QJsonObject object(const QString &key, bool required = false)
    {
        if (!has(key)) {
            if (required)
                fail(Code::ProfileMissingField, key, tr("The section \"%1\" is required.").arg(path(key)));
            return {};
        }
        const QJsonValue v = m_obj.value(key);
        if (!v.isObject()) {
            fail(Code::ProfileWrongType, key, tr("The field \"%1\" must be an object.").arg(path(key)));
            return {};
        }
        return v.toObject();
    }

private:
    const QJsonObject &m_obj;
    QString m_prefix;
    std::optional<CoreError> &m_error;
};

QString resolve(const QString &baseDir, const QString &file)
{
    if (file.isEmpty() || baseDir.isEmpty() || QDir::isAbsolutePath(file))
        return file;
    return QDir(baseDir).absoluteFilePath(file);
}

const QStringList kKeyUsages { QStringLiteral("digitalSignature"), QStringLiteral("nonRepudiation"),
                               QStringLiteral("keyEncipherment"), QStringLiteral("dataEncipherment"),
                               QStringLiteral("keyAgreement") };
const QStringList kExtendedKeyUsages { QStringLiteral("clientAuth"), QStringLiteral("serverAuth"),
                                       QStringLiteral("emailProtection"), QStringLiteral("codeSigning"),
                                       QStringLiteral("smartcardLogon") };

void readPin(FieldReader &top, Profile &p, std::optional<CoreError> &error, const QString &baseDir)
{
    const QJsonObject obj = top.object(QStringLiteral("pin"), true);
    FieldReader r(obj, QStringLiteral("pin"), error);
    r.rejectUnknown({ QStringLiteral("source"), QStringLiteral("file"), QStringLiteral("env"),
                      QStringLiteral("secretFile"), QStringLiteral("digits"),
                      QStringLiteral("minRetriesLeft") });
    QString source;
    r.string(QStringLiteral("source"), source, true);
    r.string(QStringLiteral("file"), p.pin.file);
    r.string(QStringLiteral("env"), p.pin.env);
    r.string(QStringLiteral("secretFile"), p.pin.secretFile);
    r.integer(QStringLiteral("digits"), p.pin.digits, PinDerivation::minDigits, PinDerivation::maxDigits);
    r.integer(QStringLiteral("minRetriesLeft"), p.pin.minRetriesLeft, 1, 15);
    p.pin.file = resolve(baseDir, p.pin.file);
    p.pin.secretFile = resolve(baseDir, p.pin.secretFile);
    if (error)
        return;
    if (source == QLatin1String("transport")) {
        p.pin.source = Profile::PinSource::Transport;
        if (p.pin.file.isEmpty() == p.pin.env.isEmpty())
            r.fail(Code::ProfileInvalidValue, QStringLiteral("file"),
                   ProfileLoader::tr("A transport PIN needs exactly one of \"pin.file\" or \"pin.env\"; "
                                     "a PIN is never written in the profile itself."));
    } else if (source == QLatin1String("derived")) {
        p.pin.source = Profile::PinSource::Derived;
        if (p.pin.secretFile.isEmpty())
            r.fail(Code::ProfileMissingField, QStringLiteral("secretFile"),
                   ProfileLoader::tr("A derived PIN needs \"pin.secretFile\" (the station secret)."));
    } else {
        r.fail(Code::ProfileInvalidValue, QStringLiteral("source"),
               ProfileLoader::tr("\"pin.source\" must be \"transport\" or \"derived\"."));
    }
}

void readSubject(FieldReader &top, Profile &p, std::optional<CoreError> &error)
{
    const QJsonObject obj = top.object(QStringLiteral("subject"));
    FieldReader r(obj, QStringLiteral("subject"), error);
    r.rejectUnknown({ QStringLiteral("commonName"), QStringLiteral("serialNumber"),
                      QStringLiteral("organization"), QStringLiteral("organizationalUnit"),
                      QStringLiteral("country") });
    r.string(QStringLiteral("commonName"), p.subject.commonName);
    r.string(QStringLiteral("serialNumber"), p.subject.serialNumber);
    r.string(QStringLiteral("organization"), p.subject.organization);
    r.string(QStringLiteral("organizationalUnit"), p.subject.organizationalUnit);
    r.string(QStringLiteral("country"), p.subject.country);
    if (error)
        return;
    static const QRegularExpression placeholder(QStringLiteral("\\$\\{([^}]*)\\}"));
    const std::pair<QString, QString> fields[]
        = { { QStringLiteral("commonName"), p.subject.commonName },
            { QStringLiteral("serialNumber"), p.subject.serialNumber },
            { QStringLiteral("organization"), p.subject.organization },
            { QStringLiteral("organizationalUnit"), p.subject.organizationalUnit } };
    for (const auto &[key, value] : fields) {
        auto it = placeholder.globalMatch(value);
        while (it.hasNext()) {
            const auto m = it.next();
            if (m.captured(1) != QLatin1String("serial"))
                r.fail(
                    Code::ProfileInvalidValue, key,
                    ProfileLoader::tr("Unknown placeholder \"%1\" in \"subject.%2\"; only ${serial} exists.")
                        .arg(m.captured(0), key));
        }
        if (value.size() > 64 && key != QLatin1String("serialNumber"))
            r.fail(Code::ProfileInvalidValue, key,
                   ProfileLoader::tr("\"subject.%1\" is longer than 64 characters (RFC 5280 upper bound).")
                       .arg(key));
    }
    if (p.subject.commonName.isEmpty())
        r.fail(Code::ProfileInvalidValue, QStringLiteral("commonName"),
               ProfileLoader::tr("\"subject.commonName\" must not be empty."));
    if (!p.subject.commonName.contains(QStringLiteral("${serial}"))
        && !p.subject.serialNumber.contains(QStringLiteral("${serial}")))
        r.fail(Code::ProfileInvalidValue, QStringLiteral("commonName"),
               ProfileLoader::tr("The subject must carry the hardware serial: put ${serial} in "
                                 "\"subject.commonName\" or \"subject.serialNumber\"."));
    static const QRegularExpression country(QStringLiteral("^[A-Z]{2}$"));
    if (!p.subject.country.isEmpty() && !country.match(p.subject.country).hasMatch())
        r.fail(Code::ProfileInvalidValue, QStringLiteral("country"),
               ProfileLoader::tr("\"subject.country\" must be a two-letter ISO 3166 code such as \"CN\"."));
}

// SCEP's fields (docs/profiles.md): the pinned CA certificate is required, and only RSA key pairs can take
// part (RFC 8894's envelopes use RSA key transport: the CA encrypts the CertRep's content key to the
// requester's public key, which the key opens with C_Decrypt).
void readScep(FieldReader &r, const Profile &p, bool scep)
{
    static const QRegularExpression sha256Hex(QStringLiteral("^[0-9a-fA-F]{64}$"));
    if (!scep) {
        for (const auto &[key, value] :
             { std::pair { QStringLiteral("caCertificateSha256"), p.ca.caCertificateSha256 },
               std::pair { QStringLiteral("challengePasswordFile"), p.ca.challengePasswordFile } })
            if (!value.isEmpty())
                r.fail(Code::ProfileInvalidValue, key,
                       ProfileLoader::tr("\"ca.%1\" is a SCEP field; \"ca.protocol\" is not \"scep\".")
                           .arg(key));
        return;
    }
    if (p.ca.caCertificateSha256.isEmpty())
        r.fail(
            Code::ProfileMissingField, QStringLiteral("caCertificateSha256"),
            ProfileLoader::tr("SCEP needs \"ca.caCertificateSha256\": the SHA-256 of the CA certificate, the "
                              "only proof over plain HTTP that the CA is the right one."));
    else if (!sha256Hex.match(p.ca.caCertificateSha256).hasMatch())
        r.fail(Code::ProfileInvalidValue, QStringLiteral("caCertificateSha256"),
               ProfileLoader::tr("\"ca.caCertificateSha256\" must be 64 hexadecimal digits (a SHA-256)."));
    if (!device::KeyAlgorithms::isRsa(p.keyAlgorithm))
        r.fail(
            Code::ProfileInvalidValue, QStringLiteral("protocol"),
            ProfileLoader::tr("\"ca.protocol\" \"scep\" needs an RSA \"keyAlgorithm\" (rsa2048, rsa3072 or "
                              "rsa4096), not %1: SCEP's envelopes use RSA key transport, which an EC key "
                              "cannot open.")
                .arg(Profile::algorithmName(p.keyAlgorithm)));
}

void readCa(FieldReader &top, Profile &p, std::optional<CoreError> &error, const QString &baseDir)
{
    const QJsonObject obj = top.object(QStringLiteral("ca"), true);
    FieldReader r(obj, QStringLiteral("ca"), error);
    r.rejectUnknown({ QStringLiteral("protocol"), QStringLiteral("url"), QStringLiteral("label"),
                      QStringLiteral("profile"), QStringLiteral("authKeyFile"),
                      QStringLiteral("usernameFile"), QStringLiteral("passwordFile"),
                      QStringLiteral("clientCertFile"), QStringLiteral("clientKeyFile"),
                      QStringLiteral("trustAnchorFile"), QStringLiteral("tlsPinSha256"),
                      QStringLiteral("intermediateFiles"), QStringLiteral("caCertificateSha256"),
                      QStringLiteral("challengePasswordFile") });
    QString protocol = ProfileLoader::defaultCaProtocol();
    r.string(QStringLiteral("protocol"), protocol);
    r.string(QStringLiteral("url"), p.ca.url, true);
    r.string(QStringLiteral("label"), p.ca.label);
    r.string(QStringLiteral("profile"), p.ca.profile);
    r.string(QStringLiteral("authKeyFile"), p.ca.authKeyFile);
    r.string(QStringLiteral("usernameFile"), p.ca.usernameFile);
    r.string(QStringLiteral("passwordFile"), p.ca.passwordFile);
    r.string(QStringLiteral("clientCertFile"), p.ca.clientCertFile);
    r.string(QStringLiteral("clientKeyFile"), p.ca.clientKeyFile);
    r.string(QStringLiteral("trustAnchorFile"), p.ca.trustAnchorFile, true);
    r.string(QStringLiteral("tlsPinSha256"), p.ca.tlsPinSha256);
    r.anyStringList(QStringLiteral("intermediateFiles"), p.ca.intermediateFiles);
    r.string(QStringLiteral("caCertificateSha256"), p.ca.caCertificateSha256);
    r.string(QStringLiteral("challengePasswordFile"), p.ca.challengePasswordFile);
    for (QString &f : p.ca.intermediateFiles)
        f = resolve(baseDir, f);
    for (QString *f : { &p.ca.authKeyFile, &p.ca.usernameFile, &p.ca.passwordFile, &p.ca.clientCertFile,
                        &p.ca.clientKeyFile, &p.ca.trustAnchorFile, &p.ca.challengePasswordFile })
        *f = resolve(baseDir, *f);
    if (error)
        return;
    if (protocol == QLatin1String("cfssl"))
        p.ca.protocol = Profile::CaProtocol::Cfssl;
    else if (protocol == QLatin1String("est"))
        p.ca.protocol = Profile::CaProtocol::Est;
    else if (protocol == QLatin1String("scep"))
        p.ca.protocol = Profile::CaProtocol::Scep;
    else
        r.fail(Code::ProfileInvalidValue, QStringLiteral("protocol"),
               ProfileLoader::tr("\"ca.protocol\" must be \"cfssl\", \"est\" or \"scep\"."));
    const bool scep = p.ca.protocol == Profile::CaProtocol::Scep;
    const QUrl url(p.ca.url, QUrl::StrictMode);
    // SCEP usually runs over plain HTTP: its trust is the pinned CA certificate and the message-level
    // signature and encryption (RFC 8894 §2.1, §3), not TLS. EST and CFSSL carry their trust in TLS only.
    const bool schemeOk
        = url.scheme() == QLatin1String("https") || (scep && url.scheme() == QLatin1String("http"));
    if (!url.isValid() || !schemeOk || url.host().isEmpty())
        r.fail(Code::ProfileInvalidValue, QStringLiteral("url"),
               scep ? ProfileLoader::tr("\"ca.url\" must be an http:// or https:// URL with a host.")
                    : ProfileLoader::tr("\"ca.url\" must be an https:// URL with a host."));
    else if (ca::CaSettings::hasUserInfo(url)) // the message does not repeat the URL: it may hold a password
        r.fail(Code::ProfileInvalidValue, QStringLiteral("url"),
               ProfileLoader::tr("\"ca.url\" must not carry a user name or password (user:password@host); "
                                 "give them in \"ca.usernameFile\" and \"ca.passwordFile\"."));
    if (p.ca.clientCertFile.isEmpty() != p.ca.clientKeyFile.isEmpty())
        r.fail(Code::ProfileInvalidValue, QStringLiteral("clientKeyFile"),
               ProfileLoader::tr("\"ca.clientCertFile\" and \"ca.clientKeyFile\" go together."));
    if (p.ca.usernameFile.isEmpty() != p.ca.passwordFile.isEmpty())
        r.fail(Code::ProfileInvalidValue, QStringLiteral("passwordFile"),
               ProfileLoader::tr("\"ca.usernameFile\" and \"ca.passwordFile\" go together."));
    static const QRegularExpression sha256Hex(QStringLiteral("^[0-9a-fA-F]{64}$"));
    if (!p.ca.tlsPinSha256.isEmpty() && !sha256Hex.match(p.ca.tlsPinSha256).hasMatch())
        r.fail(Code::ProfileInvalidValue, QStringLiteral("tlsPinSha256"),
               ProfileLoader::tr("\"ca.tlsPinSha256\" must be 64 hexadecimal digits (a SHA-256)."));
    readScep(r, p, scep);
}

void readTimeouts(FieldReader &top, Profile &p, std::optional<CoreError> &error)
{
    p.timeouts.keyGeneration = Profile::defaultKeyGenerationTimeout(p.keyAlgorithm);
    const QJsonObject obj = top.object(QStringLiteral("timeouts"));
    FieldReader r(obj, QStringLiteral("timeouts"), error);
    r.rejectUnknown({ QStringLiteral("login"), QStringLiteral("keyGeneration"), QStringLiteral("csr"),
                      QStringLiteral("enrol"), QStringLiteral("write"), QStringLiteral("readBack") });
    constexpr int day = 24 * 3600;
    r.seconds(QStringLiteral("login"), p.timeouts.login, 1, day);
    r.seconds(QStringLiteral("keyGeneration"), p.timeouts.keyGeneration, 1, day);
    r.seconds(QStringLiteral("csr"), p.timeouts.csr, 1, day);
    r.seconds(QStringLiteral("enrol"), p.timeouts.enrol, 1, day);
    r.seconds(QStringLiteral("write"), p.timeouts.write, 1, day);
    r.seconds(QStringLiteral("readBack"), p.timeouts.readBack, 1, day);
}

// "labels": {"directory": "..."} (optional): where the label sheets of the batches go.
void readLabels(FieldReader &top, Profile &p, std::optional<CoreError> &error, const QString &baseDir)
{
    if (!top.has(QStringLiteral("labels")))
        return;
    const QJsonObject obj = top.object(QStringLiteral("labels"));
    FieldReader r(obj, QStringLiteral("labels"), error);
    r.rejectUnknown({ QStringLiteral("directory") });
    r.string(QStringLiteral("directory"), p.labelsDirectory, true);
    if (!error && p.labelsDirectory.trimmed().isEmpty())
        r.fail(Code::ProfileInvalidValue, QStringLiteral("directory"),
               ProfileLoader::tr("\"labels.directory\" must not be empty."));
    p.labelsDirectory = resolve(baseDir, p.labelsDirectory);
}

} // namespace

Result<Profile> ProfileLoader::loadFile(const QString &path)
{
    if (!QFileInfo::exists(path))
        return CoreError::make(
            Code::ProfileUnreadable,
            tr("Profile file not found: %1 (give --profile FILE or set KEYSTATION_PROFILE).")
                .arg(path.isEmpty() ? tr("(no file name)") : path));
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return CoreError::make(Code::ProfileUnreadable, tr("Cannot read the profile %1.").arg(path), {},
                               f.errorString());
    if (f.size() > maxFileSize)
        return CoreError::make(Code::ProfileUnreadable, tr("The profile %1 is larger than 1 MiB.").arg(path));
    const QByteArray data = f.read(maxFileSize + 1);
    auto result = parse(data, QFileInfo(path).absolutePath());
    if (result)
        result->sourcePath = path;
    return result;
}

Result<Profile> ProfileLoader::parse(const QByteArray &json, const QString &baseDir)
{
    if (json.size() > maxFileSize)
        return CoreError::make(Code::ProfileUnreadable, tr("The profile is larger than 1 MiB."));
    QJsonParseError parseError {};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return CoreError::make(Code::ProfileNotJson,
                               tr("The profile is not valid JSON: %1 at offset %2.")
                                   .arg(parseError.errorString())
                                   .arg(parseError.offset));
    if (!doc.isObject())
        return CoreError::make(Code::ProfileNotJson, tr("The profile must be a JSON object."));

    const QJsonObject root = doc.object();
    std::optional<CoreError> error;
    Profile p;
    FieldReader r(root, {}, error);
    r.rejectUnknown(
        { QStringLiteral("name"), QStringLiteral("keyAlgorithm"), QStringLiteral("reuseKeyPairs"),
          QStringLiteral("pin"), QStringLiteral("subject"), QStringLiteral("keyUsage"),
          QStringLiteral("extendedKeyUsage"), QStringLiteral("ca"), QStringLiteral("minValidityDays"),
          QStringLiteral("clockSkewSeconds"), QStringLiteral("finalUserPinFile"), QStringLiteral("timeouts"),
          QStringLiteral("maxParallelKeys"), QStringLiteral("allowExtraUsages"), QStringLiteral("labels") });
    r.string(QStringLiteral("name"), p.name, true);
    if (!error && p.name.trimmed().isEmpty())
        r.fail(Code::ProfileInvalidValue, QStringLiteral("name"), tr("\"name\" must not be empty."));
    QString algorithm = Profile::algorithmName(p.keyAlgorithm);
    r.string(QStringLiteral("keyAlgorithm"), algorithm);
    if (!error) {
        if (const auto a = Profile::algorithmFromName(algorithm))
            p.keyAlgorithm = *a;
        else
            r.fail(Code::ProfileInvalidValue, QStringLiteral("keyAlgorithm"),
                   tr("\"keyAlgorithm\" must be one of rsa2048, rsa3072, rsa4096, ec-p256, ec-p384."));
    }
    QString reuse = QStringLiteral("generatedOnKey");
    r.string(QStringLiteral("reuseKeyPairs"), reuse);
    if (!error) {
        if (reuse == QLatin1String("generatedOnKey"))
            p.reuseKeyPairs = Profile::ReuseKeyPairs::GeneratedOnKey;
        else if (reuse == QLatin1String("never"))
            p.reuseKeyPairs = Profile::ReuseKeyPairs::Never;
        else
            r.fail(Code::ProfileInvalidValue, QStringLiteral("reuseKeyPairs"),
                   tr("\"reuseKeyPairs\" must be \"generatedOnKey\" or \"never\"."));
    }
    if (!error)
        readPin(r, p, error, baseDir);
    if (!error)
        readSubject(r, p, error);
    r.stringList(QStringLiteral("keyUsage"), p.keyUsage, kKeyUsages);
    r.stringList(QStringLiteral("extendedKeyUsage"), p.extendedKeyUsage, kExtendedKeyUsages);
    r.boolean(QStringLiteral("allowExtraUsages"), p.allowExtraUsages);
    if (!error && p.keyUsage.isEmpty())
        r.fail(Code::ProfileInvalidValue, QStringLiteral("keyUsage"), tr("\"keyUsage\" must not be empty."));
    if (!error && p.keyUsage.contains(QStringLiteral("keyEncipherment"))
        && (p.keyAlgorithm == Profile::KeyAlgorithm::EcP256
            || p.keyAlgorithm == Profile::KeyAlgorithm::EcP384))
        r.fail(Code::ProfileInvalidValue, QStringLiteral("keyUsage"),
               tr("\"keyEncipherment\" needs an RSA key; EC keys use \"keyAgreement\"."));
    if (!error)
        readCa(r, p, error, baseDir);
    r.integer(QStringLiteral("minValidityDays"), p.minValidityDays, 1, 36500);
    r.seconds(QStringLiteral("clockSkewSeconds"), p.clockSkew, 0, 86400);
    r.string(QStringLiteral("finalUserPinFile"), p.finalUserPinFile);
    p.finalUserPinFile = resolve(baseDir, p.finalUserPinFile);
    if (!error)
        readTimeouts(r, p, error);
    r.integer(QStringLiteral("maxParallelKeys"), p.maxParallelKeys, 1, 256);
    if (!error)
        readLabels(r, p, error, baseDir);
    if (error)
        return *error;
    return p;
}

} // namespace ks::core
