#include "CaCommand.h"

#include "ca_client/CertificateCodec.h"
#include "ca_client/CertificateVerifier.h"
#include "ca_client/EnrollmentClientFactory.h"
#include "ca_client/SoftwareScepRequesterKey.h"
#include "core/Journal.h"
#include "core/OperatorStore.h"
#include "core/ProfileLoader.h"
#include "core/secrets/SecretFile.h"
#include "core/secrets/SecureBytes.h"

#include "CliOptions.h"
#include "ExitCode.h"
#include "OperatorCommand.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QEventLoop>
#include <QFile>
#include <QFutureWatcher>
#include <QTextStream>

#include <cstdlib>

namespace ks::app {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(ks::app::CaCommand)
};

// A CA client failure as an exit code (ExitCode.h): the CA out of reach (3), our credentials refused (4), the
// settings unusable (2), anything else the CA answered (1).
int exitCodeFor(const ca::CaError &e)
{
    using Code = ca::CaError::Code;
    switch (e.code) {
    case Code::Network:
    case Code::Timeout:
    case Code::Tls:
    case Code::PinMismatch:
    case Code::CaCertificateMismatch: // SCEP: not the pinned CA, as a wrong TLS pin
        return CaUnreachable;
    case Code::Unauthorized:
        return AuthFailed;
    case Code::Configuration:
        return UsageError;
    case Code::Cancelled:
        return Interrupted;
    case Code::HttpStatus:
        return e.httpStatus >= 500 ? CaUnreachable : Failed;
    default:
        return Failed;
    }
}

QTextStream &out()
{
    static QTextStream s(stdout);
    return s;
}

QTextStream &err()
{
    static QTextStream s(stderr);
    return s;
}

// Secrets come from a file (first line) or an environment variable, never from the command line.
bool readSecret(const QCommandLineParser &p, const QString &fileOption, const char *envName,
                QByteArray *secret)
{
    if (p.isSet(fileOption)) {
        // Refused unless owner-only: core/secrets/SecretFile.h.
        QString error;
        if (!SecretFile::readLine(p.value(fileOption), *secret, error, SecretFile::Line::Trimmed)) {
            err() << error << Qt::endl;
            return false;
        }
        return true;
    }
    *secret = qgetenv(envName);
    return true;
}

bool settingsFrom(const QCommandLineParser &p, ca::CaSettings *s)
{
    const auto protocol = ca::CaSettings::parseProtocol(p.value(QStringLiteral("protocol")));
    if (!protocol) {
        err() << protocol.error().message << Qt::endl;
        return false;
    }
    s->protocol = *protocol;
    s->baseUrl = QUrl(p.value(QStringLiteral("url")));
    if (ca::CaSettings::hasUserInfo(s->baseUrl)) { // not repeated: it may hold a password
        err() << Tr::tr("--url must not carry a user name or password (user:password@host); use --user and "
                        "--password-file.")
              << Qt::endl;
        return false;
    }
    s->trustAnchorFile = p.value(QStringLiteral("ca-bundle"));
    s->issuerAnchorFile = p.value(QStringLiteral("issuer-bundle"));
    s->label = p.value(QStringLiteral("label"));
    s->profile = cli::value(p, QStringLiteral("cfssl-profile"), QStringLiteral("profile"));
    s->basicUser = p.value(QStringLiteral("user"));
    s->clientCertFile = p.value(QStringLiteral("client-cert"));
    s->clientKeyFile = p.value(QStringLiteral("client-key"));
    s->insecureLabMode = p.isSet(QStringLiteral("insecure-lab-mode"));
    if (p.isSet(QStringLiteral("ca-sha256"))) {
        // SCEP: the CA certificate's SHA-256, written like a TLS pin (hex or base64).
        const auto pin = ca::CaSettings::parsePin(p.value(QStringLiteral("ca-sha256")));
        if (!pin) {
            err() << pin.error().message << Qt::endl;
            return false;
        }
        s->caCertificateSha256 = *pin;
    }
    if (p.isSet(QStringLiteral("timeout"))) {
        bool ok = false;
        const int seconds = p.value(QStringLiteral("timeout")).toInt(&ok);
        if (!ok || seconds <= 0) {
            err() << Tr::tr("--timeout takes a whole number of seconds, not '%1'.")
                         .arg(p.value(QStringLiteral("timeout")))
                  << Qt::endl;
            return false;
        }
        // Before 0.2 this option was in milliseconds: a value that large was meant that way.
        if (seconds >= 1000)
            err() << Tr::tr("Warning: --timeout is in seconds (it was milliseconds before); waiting %1 s.")
                         .arg(seconds)
                  << Qt::endl;
        s->requestTimeout = std::chrono::seconds(seconds);
    }
    if (cli::isSet(p, QStringLiteral("tls-pin"), QStringLiteral("pin"))) {
        const auto pin
            = ca::CaSettings::parsePin(cli::value(p, QStringLiteral("tls-pin"), QStringLiteral("pin")));
        if (!pin) {
            err() << pin.error().message << Qt::endl;
            return false;
        }
        s->pinnedSpkiSha256 = *pin;
    }
    QByteArray password;
    if (!readSecret(p, QStringLiteral("password-file"), "KS_CA_PASSWORD", &password)
        || !readSecret(p, QStringLiteral("hmac-key-file"), "KS_CA_HMAC_KEY", &s->hmacKeyHex))
        return false;
    s->basicPassword = QString::fromUtf8(password);
    wipe(password);
    if (!s->basicUser.isEmpty() && s->basicPassword.isEmpty()) {
        err() << Tr::tr("--user needs --password-file or KS_CA_PASSWORD.") << Qt::endl;
        return false;
    }
    return true;
}

template<class T> ca::Result<T> waitFor(QFuture<ca::Result<T>> future)
{
    QFutureWatcher<ca::Result<T>> watcher;
    QEventLoop loop;
    QObject::connect(&watcher, &QFutureWatcherBase::finished, &loop, &QEventLoop::quit);
    watcher.setFuture(future);
    if (!future.isFinished())
        loop.exec();
    return future.result();
}

QList<QByteArray> readBundle(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    auto certs = ca::CertificateCodec::parsePemCertificates(f.readAll(), QStringLiteral("bundle"));
    return certs ? *certs : QList<QByteArray>();
}

int runInfo(ca::EnrollmentClient &client)
{
    const auto info = waitFor(client.info());
    if (!info) {
        err() << Tr::tr("CA request failed: %1").arg(info.error().toString()) << Qt::endl;
        return exitCodeFor(info.error());
    }
    out() << Tr::tr("CA certificates (%1):").arg(info->caCertificatesDer.size()) << Qt::endl;
    for (const QByteArray &der : info->caCertificatesDer)
        out() << "  " << ca::CertificateCodec::summary(der) << Qt::endl;
    if (!info->usages.isEmpty())
        out() << Tr::tr("Profile usages: %1").arg(info->usages.join(QStringLiteral(", "))) << Qt::endl;
    if (!info->capabilities.isEmpty())
        out() << Tr::tr("SCEP capabilities: %1").arg(info->capabilities.join(QStringLiteral(", ")))
              << Qt::endl;
    if (!info->expiry.isEmpty())
        out() << Tr::tr("Profile validity: %1").arg(info->expiry) << Qt::endl;
    if (!info->csrAttributesDer.isEmpty())
        out() << Tr::tr("CSR attributes: %1 bytes (RFC 7030 4.5)").arg(info->csrAttributesDer.size())
              << Qt::endl;
    // csrattrs is optional: an unusable answer is reported, the CA certificates above still count.
    if (!info->csrAttributesWarning.isEmpty())
        err() << Tr::tr("Warning: CSR attributes ignored: %1").arg(info->csrAttributesWarning) << Qt::endl;
    return Success;
}

int runEnroll(ca::EnrollmentClient &client, const QCommandLineParser &p, const ca::CaSettings &s)
{
    QFile csrFile(p.value(QStringLiteral("csr")));
    if (!csrFile.open(QIODevice::ReadOnly)) {
        err() << Tr::tr("Cannot read the CSR file '%1'.").arg(csrFile.fileName()) << Qt::endl;
        return UsageError;
    }
    ca::EnrollmentRequest request;
    request.csrDer = ca::CertificateCodec::csrToDer(csrFile.readAll());
    request.serial = p.value(QStringLiteral("serial"));
    request.renewal = p.isSet(QStringLiteral("renew"));
    if (s.protocol == ca::CaSettings::Protocol::Scep && !request.csrDer.isEmpty()) {
        // SCEP signs its message with the request's own key and opens the answer with it.
        auto key = ca::SoftwareScepRequesterKey::fromPemFile(p.value(QStringLiteral("key")), request.csrDer);
        if (!key) {
            err() << key.error().message << Qt::endl;
            return UsageError;
        }
        request.requesterKey = *key;
        if (p.isSet(QStringLiteral("challenge-file"))) {
            // The CSR is signed already, so the challenge can only be checked here: a wrong one is caught
            // before the CA answers badRequest.
            QByteArray challenge;
            QByteArray asked = ca::CertificateCodec::csrChallengePassword(request.csrDer);
            QString error;
            if (!SecretFile::readLine(p.value(QStringLiteral("challenge-file")), challenge, error,
                                      SecretFile::Line::Trimmed)) {
                err() << error << Qt::endl;
                return UsageError;
            }
            const bool same = !challenge.isEmpty() && challenge == asked;
            wipe(challenge);
            wipe(asked);
            if (!same) {
                err() << Tr::tr(
                    "The CSR's challengePassword is not the one in --challenge-file: make the CSR "
                    "with that challenge.")
                      << Qt::endl;
                return UsageError;
            }
        }
    }
    if (request.csrDer.isEmpty()) {
        err() << Tr::tr("'%1' is not a PKCS#10 request (PEM or DER).").arg(csrFile.fileName()) << Qt::endl;
        return UsageError;
    }
    const auto issued = waitFor(client.enroll(request));
    if (!issued) {
        err() << Tr::tr("CA request failed: %1").arg(issued.error().toString()) << Qt::endl;
        return exitCodeFor(issued.error());
    }
    out() << Tr::tr("Issued: %1").arg(ca::CertificateCodec::summary(issued->certificateDer)) << Qt::endl;
    for (const QByteArray &der : issued->extraCertificatesDer)
        out() << Tr::tr("  with: %1").arg(ca::CertificateCodec::subject(der)) << Qt::endl;
    if (p.isSet(QStringLiteral("out"))) {
        QFile f(p.value(QStringLiteral("out")));
        const QByteArray pem = "-----BEGIN CERTIFICATE-----\n" + issued->certificateDer.toBase64()
            + "\n-----END CERTIFICATE-----\n";
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(pem) != pem.size()) {
            err() << Tr::tr("Cannot write %1.").arg(f.fileName()) << Qt::endl;
            return UsageError;
        }
    }

    // The same check the engine runs before writing to a key; the serial and EKU checks only when asked.
    ca::CertificateVerifier::Input in;
    in.leafDer = issued->certificateDer;
    in.intermediatesDer = issued->extraCertificatesDer;
    in.trustAnchorsDer = readBundle(s.issuerAnchorFile.isEmpty() ? s.trustAnchorFile : s.issuerAnchorFile);
    // SCEP without a bundle: the pinned CA certificate is the anchor (it is trusted by its pin).
    if (in.trustAnchorsDer.isEmpty() && s.protocol == ca::CaSettings::Protocol::Scep) {
        for (const QByteArray &der : issued->extraCertificatesDer) {
            if (QCryptographicHash::hash(der, QCryptographicHash::Sha256) == s.caCertificateSha256)
                in.trustAnchorsDer << der;
        }
    }
    in.expectedPublicKeyInfo = ca::CertificateCodec::csrPublicKeyInfo(request.csrDer);
    in.expectedSerial = request.serial;
    if (!request.serial.isEmpty()) {
        // The subject as the CSR asked it (CN, serialNumber, O, OU, C; absent ones must stay absent), the
        // fields holding --serial reported as a serial mismatch.
        const QList<QPair<QString, QString>> asked = ca::CertificateCodec::csrSubject(request.csrDer);
        for (const QString &oid :
             { ca::CertificatePolicy::CountryOid, ca::CertificatePolicy::OrganizationOid,
               ca::CertificatePolicy::OrganizationalUnitOid, ca::CertificatePolicy::SerialNumberOid,
               ca::CertificatePolicy::CommonNameOid }) {
            QString value;
            for (const auto &[type, v] : asked) {
                if (type == oid)
                    value = v;
            }
            in.policy.expectedSubject.append({ oid, value, !value.isEmpty() && value == request.serial });
        }
    }
    in.policy.requiredExtendedKeyUsages = p.values(QStringLiteral("eku"));
    // No profile here: only what --eku names (and digitalSignature) is checked, extras are accepted.
    in.policy.allowExtraUsages = true;
    in.policy.minRemainingValidity
        = ca::CertificatePolicy::remainingValidityForDays(p.value(QStringLiteral("min-days")).toInt());
    in.now = QDateTime::currentDateTimeUtc();
    const auto verified = ca::CertificateVerifier::verify(in);
    if (!verified) {
        err() << Tr::tr("Certificate check refused the result: %1").arg(verified.error().toString())
              << Qt::endl;
        if (s.protocol == ca::CaSettings::Protocol::Cfssl
            && cli::looksLikeCfsslDefaultProfile(verified.error().code))
            err() << cli::cfsslDefaultProfileHint(s.profile) << Qt::endl;
        return Failed;
    }
    out() << Tr::tr("Certificate check: passed") << Qt::endl;
    return Success;
}

} // namespace

int runCaCommand(const QStringList &args)
{
    QCommandLineParser p;
    p.setApplicationDescription(
        Tr::tr("Test a CA connection: 'ca info' fetches the CA certificates, 'ca enroll' "
               "sends a certificate request and checks the answer."));
    p.addHelpOption();
    p.addPositionalArgument(QStringLiteral("action"), Tr::tr("info or enroll"));
    p.addOptions({
        { QStringLiteral("protocol"),
          Tr::tr("est or cfssl (default %1, as in a profile)").arg(core::ProfileLoader::defaultCaProtocol()),
          QStringLiteral("protocol"), core::ProfileLoader::defaultCaProtocol() },
        { QStringLiteral("url"), Tr::tr("CA base URL (https://...)"), QStringLiteral("url") },
        { QStringLiteral("ca-bundle"), Tr::tr("PEM bundle verifying the CA's TLS certificate"),
          QStringLiteral("file") },
        { QStringLiteral("issuer-bundle"),
          Tr::tr("PEM bundle issued certificates must chain to (default: --ca-bundle)"),
          QStringLiteral("file") },
        { QStringLiteral("label"), Tr::tr("EST label / CFSSL signer label"), QStringLiteral("label") },
        { QStringLiteral("cfssl-profile"), Tr::tr("CFSSL signing profile (cfssl's config.json)"),
          QStringLiteral("name") },
        { QStringLiteral("user"), Tr::tr("HTTP Basic user"), QStringLiteral("user") },
        { QStringLiteral("password-file"), Tr::tr("file holding the HTTP Basic password (or KS_CA_PASSWORD)"),
          QStringLiteral("file") },
        { QStringLiteral("client-cert"), Tr::tr("TLS client certificate (PEM)"), QStringLiteral("file") },
        { QStringLiteral("client-key"), Tr::tr("TLS client key (PEM, unencrypted)"), QStringLiteral("file") },
        { QStringLiteral("hmac-key-file"),
          Tr::tr("file holding the CFSSL authsign key in hex (or KS_CA_HMAC_KEY)"), QStringLiteral("file") },
        { QStringLiteral("tls-pin"),
          Tr::tr("SHA-256 of the CA server's TLS public key (hex or sha256//base64; not a token PIN)"),
          QStringLiteral("sha256") },
        { QStringLiteral("timeout"), Tr::tr("request time-out in seconds"), QStringLiteral("seconds") },
        { QStringLiteral("ca-sha256"),
          Tr::tr("SCEP: SHA-256 of the CA certificate (64 hex digits; required for scep)"),
          QStringLiteral("sha256") },
        { QStringLiteral("key"),
          Tr::tr("enroll, SCEP: the CSR's RSA private key (PEM, unencrypted, owner-only); signs the SCEP "
                 "message. The CSR must carry the challenge password."),
          QStringLiteral("file") },
        { QStringLiteral("challenge-file"),
          Tr::tr(
              "enroll, SCEP: file holding the CA's challenge password (owner-only); the CSR must carry it"),
          QStringLiteral("file") },
        { QStringLiteral("insecure-lab-mode"),
          Tr::tr("do NOT verify the server (lab only; logged on every request)") },
        { QStringLiteral("csr"), Tr::tr("enroll: PKCS#10 request (PEM or DER)"), QStringLiteral("file") },
        { QStringLiteral("serial"), Tr::tr("enroll: hardware serial the certificate must name"),
          QStringLiteral("serial") },
        { QStringLiteral("renew"), Tr::tr("enroll: EST simplereenroll") },
        { QStringLiteral("eku"), Tr::tr("enroll: required extendedKeyUsage OID (repeatable)"),
          QStringLiteral("oid") },
        { QStringLiteral("min-days"), Tr::tr("enroll: minimum remaining validity in days"),
          QStringLiteral("days"), QStringLiteral("1") },
        { QStringLiteral("out"), Tr::tr("enroll: write the issued certificate (PEM) here"),
          QStringLiteral("file") },
        { QStringLiteral("as"), Tr::tr("enroll: the operator asking for the certificate (journaled)"),
          QStringLiteral("name") },
        { QStringLiteral("as-password-file"), Tr::tr("enroll: read the --as operator's password from FILE"),
          QStringLiteral("file") },
        { QStringLiteral("journal"), Tr::tr("enroll: SQLite journal file"), QStringLiteral("path") },
        { QStringLiteral("pg-conf"), Tr::tr("enroll: PostgreSQL journal connection file"),
          QStringLiteral("file") },
    });
    cli::addDeprecatedOption(p, QStringLiteral("profile"), QStringLiteral("profile"));
    cli::addDeprecatedOption(p, QStringLiteral("pin"), QStringLiteral("pin"));
    if (const auto done = cli::parse(p, QStringLiteral("ca"), args))
        return *done;
    const QStringList positional = p.positionalArguments();
    const QString action = positional.value(0);
    if (positional.size() != 1 || (action != u"info" && action != u"enroll")) {
        err() << Tr::tr(
            "Usage: keystation-cli ca info|enroll --protocol est|cfssl --url URL --ca-bundle FILE ...")
              << Qt::endl;
        return UsageError;
    }
    if (action == u"enroll" && !p.isSet(QStringLiteral("csr"))) {
        err() << Tr::tr("ca enroll needs --csr FILE.") << Qt::endl;
        return UsageError;
    }
    ca::CaSettings settings;
    if (!settingsFrom(p, &settings))
        return UsageError;
    auto client = ca::EnrollmentClientFactory::create(settings);
    if (!client) {
        err() << client.error().toString() << Qt::endl;
        return UsageError;
    }
    if (action == u"info")
        return runInfo(**client);

    // A certificate from the CA is an issuance like a batch's: only for a logged-in operator, and journaled.
    auto journal = cli::openJournal(p.value(QStringLiteral("journal")), p.value(QStringLiteral("pg-conf")));
    if (!journal) {
        err() << journal.error().toString() << Qt::endl;
        return UsageError;
    }
    core::OperatorStore operators(**journal);
    auto session
        = cli::authenticate(operators, p.value(QStringLiteral("as")),
                            p.value(QStringLiteral("as-password-file")), core::Permission::Provision);
    if (!session) {
        err() << session.error().message << Qt::endl;
        return AuthFailed;
    }
    const int rc = runEnroll(**client, p, settings);
    QFile csr(p.value(QStringLiteral("csr")));
    const QByteArray csrSha256 = csr.open(QIODevice::ReadOnly)
        ? QCryptographicHash::hash(csr.readAll(), QCryptographicHash::Sha256).toHex()
        : QByteArray();
    const QString outcome = rc == Success         ? QStringLiteral("issued")
        : rc == CaUnreachable || rc == AuthFailed ? QStringLiteral("ca-failed")
        : rc == Failed                            ? QStringLiteral("check-refused")
                                                  : QStringLiteral("failed");
    QUrl url = settings.baseUrl;
    url.setUserInfo({});
    auto recorded = (*journal)->recordOperatorEvent(
        session->name(), QStringLiteral("ca.enroll"), outcome,
        { { QStringLiteral("url"), url.toString() },
          { QStringLiteral("protocol"), p.value(QStringLiteral("protocol")) },
          { QStringLiteral("serial"), p.value(QStringLiteral("serial")) },
          { QStringLiteral("csrSha256"), QString::fromLatin1(csrSha256) },
          { QStringLiteral("renewal"), p.isSet(QStringLiteral("renew")) } });
    if (!recorded) {
        err() << Tr::tr("Could not journal the enrolment: %1").arg(recorded.error().toString()) << Qt::endl;
        return rc == Success ? UsageError : rc;
    }
    return rc;
}

} // namespace ks::app
