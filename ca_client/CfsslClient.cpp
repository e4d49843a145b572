#include "ca_client/CfsslClient.h"

#include "ca_client/CertificateCodec.h"
#include "ca_client/HttpTransport.h"
#include "core/secrets/SecureBytes.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <openssl/evp.h>
#include <openssl/hmac.h>

namespace ks::ca {

CfsslClient::CfsslClient(CaSettings settings, std::unique_ptr<HttpTransport> transport, QObject *parent)
    : EnrollmentClient(std::move(settings), std::move(transport), parent)
{ }

QUrl CfsslClient::endpointUrl(const QString &endpoint) const
{
    QUrl url = settings().baseUrl;
    QString path = url.path();
    while (path.endsWith(u'/'))
        path.chop(1);
    url.setPath(path + QStringLiteral("/api/v1/cfssl/") + endpoint);
    return url;
}

QByteArray CfsslClient::authSignBody(const QByteArray &innerRequest, const QByteArray &hmacKey)
{
    // OpenSSL's one-shot HMAC: it cleanses its own copy of the key schedule before returning.
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int macLength = 0;
    if (!HMAC(EVP_sha256(), hmacKey.constData(), static_cast<int>(hmacKey.size()),
              reinterpret_cast<const unsigned char *>(innerRequest.constData()),
              static_cast<size_t>(innerRequest.size()), mac, &macLength))
        return {};
    const QByteArray token(reinterpret_cast<const char *>(mac), static_cast<qsizetype>(macLength));
    QJsonObject outer;
    outer.insert(QStringLiteral("token"), QString::fromLatin1(token.toBase64()));
    outer.insert(QStringLiteral("request"), QString::fromLatin1(innerRequest.toBase64()));
    return QJsonDocument(outer).toJson(QJsonDocument::Compact);
}

QJsonObject CfsslClient::baseRequest() const
{
    QJsonObject o;
    if (!settings().label.isEmpty())
        o.insert(QStringLiteral("label"), settings().label);
    if (!settings().profile.isEmpty())
        o.insert(QStringLiteral("profile"), settings().profile);
    return o;
}

Result<QJsonObject> CfsslClient::resultFrom(const HttpResponse &response, const QString &operation)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(response.body, &parseError);
    const QJsonObject root = doc.object();
    const QJsonArray errors = root.value(QStringLiteral("errors")).toArray();
    // cfssl: {"success":false,"errors":[{"code":9300,"message":"..."}]}, with HTTP 400 and text/plain.
    if (!errors.isEmpty() || (doc.isObject() && !root.value(QStringLiteral("success")).toBool())) {
        const QJsonObject first = errors.at(0).toObject();
        const bool auth = response.status == 401 || response.status == 403;
        CaError e = CaError::make(auth ? CaError::Code::Unauthorized : CaError::Code::CaRefused, operation,
                                  tr("the CFSSL server refused the request"));
        e.httpStatus = response.status;
        e.serverCode = first.value(QStringLiteral("code")).toInt();
        e.serverMessage = first.value(QStringLiteral("message")).toString().left(512);
        return e;
    }
    if (response.status != 200) {
        const bool auth = response.status == 401 || response.status == 403;
        CaError e = CaError::make(auth ? CaError::Code::Unauthorized : CaError::Code::HttpStatus, operation,
                                  tr("the CFSSL server answered with an error"));
        e.httpStatus = response.status;
        e.serverMessage = serverText(response.body);
        return e;
    }
    // multirootca (cfssl 1.2) answers a successful authsign with text/plain; cfssl serve with
    // application/json.
    const QByteArray type = response.contentType.split(';').value(0).trimmed().toLower();
    if (type != "application/json" && type != "text/plain") {
        CaError e = CaError::make(CaError::Code::WrongContentType, operation,
                                  tr("expected application/json, got '%1'")
                                      .arg(QString::fromLatin1(response.contentType.left(100))));
        e.httpStatus = response.status;
        return e;
    }
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()
        || !root.value(QStringLiteral("result")).isObject()) {
        CaError e = CaError::make(CaError::Code::BadJson, operation,
                                  tr("the answer is not CFSSL's JSON: %1").arg(parseError.errorString()));
        e.httpStatus = response.status;
        return e;
    }
    return root.value(QStringLiteral("result")).toObject();
}

void CfsslClient::call(const std::shared_ptr<OperationBase> &op, const QString &endpoint,
                       const QByteArray &body, std::function<void(QJsonObject)> onResult)
{
    HttpRequest r;
    r.verb = "POST";
    r.url = endpointUrl(endpoint);
    r.operation = QStringLiteral("cfssl/") + endpoint;
    r.contentType = "application/json";
    r.body = body;
    const QString operation = r.operation;
    send(op, std::move(r), [op, operation, onResult = std::move(onResult)](HttpResponse response) {
        auto result = resultFrom(response, operation);
        if (!result) {
            op->fail(result.error());
            return;
        }
        onResult(std::move(*result));
    });
}

void CfsslClient::startInfo(std::shared_ptr<Operation<CaInfo>> op)
{
    const QByteArray body = QJsonDocument(baseRequest()).toJson(QJsonDocument::Compact);
    call(op, QStringLiteral("info"), body, [op](QJsonObject result) {
        const QString op_name = QStringLiteral("cfssl/info");
        QByteArray pem = result.value(QStringLiteral("certificate")).toString().toUtf8();
        auto certs = CertificateCodec::parsePemCertificates(pem, op_name);
        if (!certs) {
            op->fail(certs.error());
            return;
        }
        CaInfo info;
        info.caCertificatesDer = *certs;
        for (const QJsonValue &u : result.value(QStringLiteral("usages")).toArray())
            info.usages << u.toString();
        info.expiry = result.value(QStringLiteral("expiry")).toString();
        op->succeed(std::move(info));
    });
}

void CfsslClient::startFetchCaCertificates(std::shared_ptr<Operation<QList<QByteArray>>> op)
{
    const QByteArray body = QJsonDocument(baseRequest()).toJson(QJsonDocument::Compact);
    call(op, QStringLiteral("info"), body, [op](QJsonObject result) {
        auto certs = CertificateCodec::parsePemCertificates(
            result.value(QStringLiteral("certificate")).toString().toUtf8(), QStringLiteral("cfssl/info"));
        if (!certs) {
            op->fail(certs.error());
            return;
        }
        op->succeed(std::move(*certs));
    });
}

void CfsslClient::startEnroll(std::shared_ptr<Operation<IssuedCertificate>> op, EnrollmentRequest request)
{
    const QByteArray spki = CertificateCodec::csrPublicKeyInfo(request.csrDer);
    const bool authenticated = !settings().hmacKeyHex.isEmpty();
    const QString endpoint = authenticated ? QStringLiteral("authsign") : QStringLiteral("sign");
    if (spki.isEmpty()) {
        op->fail(CaError::make(CaError::Code::Configuration, QStringLiteral("cfssl/") + endpoint,
                               tr("the certificate request is not a parseable PKCS#10 structure")));
        return;
    }
    QJsonObject inner = baseRequest();
    inner.insert(QStringLiteral("certificate_request"),
                 QString::fromLatin1(CertificateCodec::csrToPem(request.csrDer)));
    QByteArray body = QJsonDocument(inner).toJson(QJsonDocument::Compact);
    if (authenticated) {
        // Decoded for this request only and wiped right after (core/secrets/SecureBytes.h).
        QByteArray key = QByteArray::fromHex(settings().hmacKeyHex);
        SecretGuard keyGuard(key);
        if (key.isEmpty()) {
            op->fail(CaError::make(CaError::Code::Configuration, QStringLiteral("cfssl/authsign"),
                                   tr("the CFSSL HMAC key is not hex")));
            return;
        }
        body = authSignBody(body, key);
        if (body.isEmpty()) {
            op->fail(CaError::make(CaError::Code::Configuration, QStringLiteral("cfssl/authsign"),
                                   tr("the authsign token could not be computed")));
            return;
        }
    }
    call(op, endpoint, body, [op, spki, endpoint](QJsonObject result) {
        auto certs = CertificateCodec::parsePemCertificates(
            result.value(QStringLiteral("certificate")).toString().toUtf8(),
            QStringLiteral("cfssl/") + endpoint);
        if (!certs) {
            op->fail(certs.error());
            return;
        }
        const qsizetype leaf = CertificateCodec::pickLeaf(*certs, spki);
        IssuedCertificate issued;
        issued.certificateDer = certs->takeAt(leaf);
        issued.extraCertificatesDer = std::move(*certs);
        // A signer that bundles sends its chain as result.bundle.bundle (PEM, leaf first): the issuing CAs
        // help build the path, the leaf is already there. Unusable bundles are ignored (the chain may come
        // from /info or the profile).
        const QByteArray bundlePem = result.value(QStringLiteral("bundle"))
                                         .toObject()
                                         .value(QStringLiteral("bundle"))
                                         .toString()
                                         .toUtf8();
        if (!bundlePem.isEmpty()) {
            if (auto chain
                = CertificateCodec::parsePemCertificates(bundlePem, QStringLiteral("cfssl/bundle"))) {
                for (const QByteArray &der : std::as_const(*chain)) {
                    if (der != issued.certificateDer && !issued.extraCertificatesDer.contains(der))
                        issued.extraCertificatesDer << der;
                }
            }
        }
        op->succeed(std::move(issued));
    });
}

} // namespace ks::ca
