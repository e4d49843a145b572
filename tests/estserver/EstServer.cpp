#include "EstServer.h"

#include "HttpConnection.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QTimer>

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

#include <cstdio>
#include <exception>

namespace ks::test {

namespace {

constexpr QByteArrayView kPrefix = "/.well-known/est";

struct ReqFree
{
    void operator()(X509_REQ *r) const { X509_REQ_free(r); }
};
using ReqPtr = std::unique_ptr<X509_REQ, ReqFree>;

ReqPtr parseCsr(const QByteArray &der)
{
    const auto *p = reinterpret_cast<const unsigned char *>(der.constData());
    return ReqPtr(d2i_X509_REQ(nullptr, &p, der.size()));
}

QString nameEntry(X509_NAME *name, int nid)
{
    const int idx = X509_NAME_get_index_by_NID(name, nid, -1);
    if (idx < 0)
        return {};
    unsigned char *utf8 = nullptr;
    const int len = ASN1_STRING_to_UTF8(&utf8, X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, idx)));
    if (len < 0)
        return {};
    const QString out = QString::fromUtf8(reinterpret_cast<const char *>(utf8), len);
    OPENSSL_free(utf8);
    return out;
}

// RFC 8951: base64 bodies may carry line breaks; anything else that is not base64 is an error.
std::optional<QByteArray> decodeBase64(QByteArray body)
{
    body.replace('\r', "").replace('\n', "").replace(' ', "").replace('\t', "");
    if (body.isEmpty())
        return std::nullopt;
    const auto result = QByteArray::fromBase64Encoding(body, QByteArray::AbortOnBase64DecodingErrors);
    if (!result)
        return std::nullopt;
    return *result;
}

QByteArray base64Lines(const QByteArray &der)
{
    const QByteArray b64 = der.toBase64();
    QByteArray out;
    for (qsizetype i = 0; i < b64.size(); i += 64)
        out += b64.mid(i, 64) + '\n';
    return out;
}

QByteArray mediaType(const QByteArray &contentType)
{
    return contentType.split(';').first().trimmed().toLower();
}

QByteArray randomBytes(qsizetype n)
{
    QByteArray out(n, Qt::Uninitialized);
    for (char &c : out)
        c = static_cast<char>(QRandomGenerator::global()->bounded(256));
    return out;
}

} // namespace

EstServer::EstServer(const EstServerOptions &options, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_mode(options.mode)
    , m_cacertsMode(options.cacertsMode)
{ }

EstServer::~EstServer() = default;

quint16 EstServer::port() const
{
    return m_server ? m_server->serverPort() : 0;
}

bool EstServer::start(QString *error)
{
    const auto bad = [error](const QString &message) {
        *error = message;
        return false;
    };
    const QList<CertPtr> ca = TestPki::certsFromPemFile(m_options.caCertPath);
    m_caKey = TestPki::keyFromPemFile(m_options.caKeyPath);
    if (ca.isEmpty() || !m_caKey)
        return bad(u"cannot load --ca-cert/--ca-key "_qs + m_options.caCertPath);
    m_caCert = ca.first();
    if (X509_check_private_key(m_caCert.get(), m_caKey.get()) != 1)
        return bad(QStringLiteral("--ca-key does not match --ca-cert"));
    m_cacertsDers = { TestPki::certToDer(m_caCert.get()) };
    if (!m_options.chainPath.isEmpty()) {
        const QList<CertPtr> chain = TestPki::certsFromPemFile(m_options.chainPath);
        if (chain.isEmpty())
            return bad(u"cannot load --chain "_qs + m_options.chainPath);
        for (const CertPtr &c : chain)
            m_cacertsDers << TestPki::certToDer(c.get());
    }
    m_enrollChainDers = m_cacertsDers;
    if (!m_options.cacertsPath.isEmpty()) {
        const QList<CertPtr> listed = TestPki::certsFromPemFile(m_options.cacertsPath);
        if (listed.isEmpty())
            return bad(u"cannot load --cacerts "_qs + m_options.cacertsPath);
        m_cacertsDers.clear();
        for (const CertPtr &c : listed)
            m_cacertsDers << TestPki::certToDer(c.get());
    }

    if (!m_options.untrustedCaCertPath.isEmpty()) {
        const QList<CertPtr> untrusted = TestPki::certsFromPemFile(m_options.untrustedCaCertPath);
        m_untrustedCaKey = TestPki::keyFromPemFile(m_options.untrustedCaKeyPath);
        if (untrusted.isEmpty() || !m_untrustedCaKey)
            return bad(QStringLiteral("cannot load --untrusted-ca-cert/--untrusted-ca-key"));
        m_untrustedCaCert = untrusted.first();
    } else {
        // Mode "untrusted" still works without files: an in-memory CA nobody trusts.
        m_untrustedCaKey = TestPki::generateKey(KeyType::EcP256);
        IssueOptions o;
        o.commonName = QStringLiteral("Untrusted CA");
        o.subjectKey = m_untrustedCaKey.get();
        o.issuerKey = m_untrustedCaKey.get();
        o.isCa = true;
        o.keyUsage = KuKeyCertSign | KuCrlSign;
        m_untrustedCaCert = TestPki::certFromDer(TestPki::issue(o));
    }

    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setProtocol(QSsl::TlsV1_2OrLater);
    const QList<QSslCertificate> tlsChain = QSslCertificate::fromPath(m_options.tlsCertPath);
    QFile keyFile(m_options.tlsKeyPath);
    if (tlsChain.isEmpty() || !keyFile.open(QIODevice::ReadOnly))
        return bad(QStringLiteral("cannot load --tls-cert/--tls-key"));
    const QByteArray keyPem = keyFile.readAll();
    QSslKey key(keyPem, QSsl::Ec);
    if (key.isNull())
        key = QSslKey(keyPem, QSsl::Rsa);
    if (key.isNull())
        return bad(QStringLiteral("--tls-key is neither an EC nor an RSA PEM key"));
    tls.setLocalCertificateChain(tlsChain);
    tls.setPrivateKey(key);
    tls.setPeerVerifyMode(QSslSocket::VerifyNone);
    if (!m_options.clientCaPath.isEmpty()) {
        const QList<CertPtr> clientCas = TestPki::certsFromPemFile(m_options.clientCaPath);
        if (clientCas.isEmpty())
            return bad(u"cannot load --client-ca "_qs + m_options.clientCaPath);
        m_clientCaStore = std::shared_ptr<X509_STORE>(X509_STORE_new(), X509_STORE_free);
        for (const CertPtr &c : clientCas)
            X509_STORE_add_cert(m_clientCaStore.get(), c.get());
        // Ask for a certificate but let the handshake finish without one, so that a missing or untrusted
        // certificate gets a readable 403 instead of a TLS alert; /cacerts stays open (RFC 7030 4.1.1).
        tls.setPeerVerifyMode(QSslSocket::QueryPeer);
        tls.setCaCertificates(QSslCertificate::fromPath(m_options.clientCaPath));
    }

    m_server = new QSslServer(this);
    m_server->setSslConfiguration(tls);
    m_server->setMaxPendingConnections(1000);
    m_server->setHandshakeTimeout(10000);
    connect(m_server, &QTcpServer::pendingConnectionAvailable, this, &EstServer::acceptConnections);
    if (!m_server->listen(QHostAddress::LocalHost, m_options.port))
        return bad(u"listen: "_qs + m_server->errorString());
    return true;
}

void EstServer::acceptConnections()
{
    while (m_server->hasPendingConnections()) {
        auto *socket = qobject_cast<QSslSocket *>(m_server->nextPendingConnection());
        if (!socket)
            continue;
        auto *connection = new HttpConnection(socket, this);
        connect(connection, &HttpConnection::requestReceived, this, &EstServer::handle);
    }
}

void EstServer::handle(HttpConnection *connection, const HttpRequest &request)
{
    int delayMs = 0;
    HttpResponse response;
    try {
        response = route(connection, request, &delayMs);
    } catch (const std::exception &e) {
        std::fprintf(stderr, "ks-est-testserver: %s\n", e.what());
        response = HttpResponse::text(500, "internal error in ks-est-testserver");
    }
    if (delayMs <= 0) {
        connection->respond(response);
        return;
    }
    QTimer::singleShot(delayMs, connection, [connection, response] { connection->respond(response); });
}

HttpResponse EstServer::route(HttpConnection *connection, const HttpRequest &request, int *delayMs)
{
    if (request.path.startsWith("/control/"))
        return control(request.path.mid(9), request);

    ++m_requests;
    QByteArray prefix = kPrefix.toByteArray();
    if (!m_options.label.isEmpty())
        prefix += '/' + m_options.label.toUtf8();
    if (!request.path.startsWith(prefix + '/'))
        return HttpResponse::text(404, "not found");
    const QByteArray operation = request.path.mid(prefix.size() + 1);
    const auto requireMethod = [&request](const QByteArray &method) -> std::optional<HttpResponse> {
        if (request.method == method)
            return std::nullopt;
        HttpResponse r = HttpResponse::text(405, "method not allowed");
        r.headers.emplaceBack("Allow", method);
        return r;
    };
    if (operation == "cacerts") {
        if (auto r = requireMethod("GET"))
            return *r;
        return cacerts(delayMs);
    }
    if (operation == "simpleenroll" || operation == "simplereenroll") {
        if (auto r = requireMethod("POST"))
            return *r;
        return enroll(connection, request, delayMs);
    }
    if (operation == "csrattrs") {
        if (auto r = requireMethod("GET"))
            return *r;
        HttpResponse r; // RFC 7030 4.5.2: no attributes required
        r.status = 204;
        if (!m_options.csrattrsBody.isEmpty()) {
            r.status = 200;
            r.headers = { { "Content-Type", "application/csrattrs" } };
            r.body = m_options.csrattrsBody;
        }
        return r;
    }
    return HttpResponse::text(404, "unknown EST operation");
}

HttpResponse EstServer::control(const QByteArray &operation, const HttpRequest &request)
{
    if (operation == "stats" && request.method == "GET") {
        const QJsonObject stats { { QStringLiteral("issued"), m_issued },
                                  { QStringLiteral("requests"), m_requests } };
        HttpResponse r;
        r.headers = { { "Content-Type", "application/json" } };
        r.body = QJsonDocument(stats).toJson(QJsonDocument::Compact);
        return r;
    }
    if (operation == "mode" && request.method == "POST") {
        QString name = QString::fromUtf8(request.body).trimmed();
        const bool forCacerts = name.startsWith(u"cacerts:");
        if (forCacerts)
            name = name.mid(8);
        const auto mode = estModeFromString(name);
        if (!mode)
            return HttpResponse::text(400, "unknown mode " + name.toUtf8());
        (forCacerts ? m_cacertsMode : m_mode) = *mode;
        return HttpResponse::text(200, "ok");
    }
    if (operation == "reset" && request.method == "POST") {
        m_issued = 0;
        m_requests = 0;
        m_attempts.clear();
        m_mode = m_options.mode;
        m_cacertsMode = m_options.cacertsMode;
        return HttpResponse::text(200, "ok");
    }
    return HttpResponse::text(404, "unknown control request");
}

HttpResponse EstServer::cacerts(int *delayMs)
{
    if (m_cacertsMode == EstMode::Untrusted)
        return pkcs7Response({ TestPki::certToDer(m_untrustedCaCert.get()) }, m_cacertsMode, false, delayMs);
    return pkcs7Response(m_cacertsDers, m_cacertsMode, false, delayMs);
}

std::optional<HttpResponse> EstServer::authorize(HttpConnection *connection, const HttpRequest &request) const
{
    if (m_clientCaStore && !clientCertificateTrusted(connection->socket()))
        return HttpResponse::text(403, "a TLS client certificate issued by the client CA is required");
    if (m_options.basicAuth) {
        const QByteArray auth = request.header("Authorization");
        const QByteArray expected = (m_options.basicUser + u':' + m_options.basicPassword).toUtf8();
        const bool ok = auth.left(6).compare("Basic ", Qt::CaseInsensitive) == 0
            && QByteArray::fromBase64(auth.mid(6).trimmed()) == expected;
        if (!ok) {
            HttpResponse r = HttpResponse::text(401, "authentication required");
            r.headers.emplaceBack("WWW-Authenticate", "Basic realm=\"est\"");
            return r;
        }
    }
    return std::nullopt;
}

bool EstServer::clientCertificateTrusted(QSslSocket *socket) const
{
    const QSslCertificate peer = socket->peerCertificate();
    if (peer.isNull())
        return false;
    const CertPtr leaf = TestPki::certFromDer(peer.toDer());
    if (!leaf)
        return false;
    std::unique_ptr<STACK_OF(X509), void (*)(STACK_OF(X509) *)> chain(
        sk_X509_new_null(), [](STACK_OF(X509) * s) { sk_X509_pop_free(s, X509_free); });
    for (const QSslCertificate &c : socket->peerCertificateChain()) {
        if (c == peer)
            continue;
        if (const CertPtr x = TestPki::certFromDer(c.toDer())) {
            X509_up_ref(x.get());
            sk_X509_push(chain.get(), x.get());
        }
    }
    std::unique_ptr<X509_STORE_CTX, void (*)(X509_STORE_CTX *)> ctx(X509_STORE_CTX_new(),
                                                                    X509_STORE_CTX_free);
    if (!ctx || X509_STORE_CTX_init(ctx.get(), m_clientCaStore.get(), leaf.get(), chain.get()) != 1)
        return false;
    X509_STORE_CTX_set_purpose(ctx.get(), X509_PURPOSE_SSL_CLIENT);
    const bool ok = X509_verify_cert(ctx.get()) == 1;
    ERR_clear_error();
    return ok;
}

HttpResponse EstServer::enroll(HttpConnection *connection, const HttpRequest &request, int *delayMs)
{
    if (auto denied = authorize(connection, request))
        return *denied;
    if (mediaType(request.header("Content-Type")) != "application/pkcs10")
        return HttpResponse::text(415, "expected Content-Type: application/pkcs10");
    const std::optional<QByteArray> csrDer = decodeBase64(request.body);
    if (!csrDer)
        return HttpResponse::text(400, "bad CSR: body is not base64 (RFC 8951)");
    if (!TestPki::verifyCsr(*csrDer))
        return HttpResponse::text(400, "bad CSR: not a PKCS#10 request or its signature does not verify");
    if (!m_options.challenge.isEmpty() && TestPki::csrChallengePassword(*csrDer) != m_options.challenge)
        return HttpResponse::text(400, "bad enrolment code");

    if (m_options.pending > 0) {
        const ReqPtr req = parseCsr(*csrDer);
        const QByteArray spki = TestPki::publicKeyDer(X509_REQ_get0_pubkey(req.get()));
        int &attempts = m_attempts[QCryptographicHash::hash(spki, QCryptographicHash::Sha256)];
        if (attempts < m_options.pending) {
            ++attempts;
            // RFC 7030 4.2.3: the CA holds the request; the client retries after Retry-After seconds.
            HttpResponse r = HttpResponse::text(202, "request pending approval");
            r.headers.emplaceBack("Retry-After", "1");
            return r;
        }
    }

    switch (m_mode) {
    case EstMode::Http500:
        return HttpResponse::text(500, "internal CA failure");
    case EstMode::PopFailed:
        // What a server checking RFC 7030 3.5 channel binding answers when the CSR does not prove it.
        return HttpResponse::text(401,
                                  "proof-of-possession check failed: the CSR's challengePassword is not "
                                  "the TLS-unique value of this connection\x01");
    case EstMode::Garbage:
    case EstMode::BadPkcs7:
    case EstMode::Empty:
        return pkcs7Response({}, m_mode, true, delayMs); // nothing is issued
    default:
        break;
    }
    QList<QByteArray> certs { issue(*csrDer, m_mode) };
    if (m_options.enrollChain)
        certs += m_enrollChainDers;
    return pkcs7Response(certs, m_mode, true, delayMs);
}

QByteArray EstServer::issue(const QByteArray &csrDer, EstMode mode)
{
    const ReqPtr req = parseCsr(csrDer);
    EVP_PKEY *publicKey = X509_REQ_get0_pubkey(req.get());
    IssueOptions o;
    o.issuerCert = m_caCert.get();
    o.issuerKey = m_caKey.get();
    o.notAfterOffset = qint64(m_options.days) * 24 * 3600;
    o.keyUsage = KuDigitalSignature;
    if (EVP_PKEY_get_base_id(publicKey) == EVP_PKEY_RSA)
        o.keyUsage |= KuKeyEncipherment;
    o.extendedKeyUsage = m_options.ekus;

    QByteArray der;
    switch (mode) {
    case EstMode::OtherKey: {
        const KeyPtr other = TestPki::generateKey(KeyType::EcP256);
        o.subjectKey = other.get();
        const auto *name = X509_REQ_get_subject_name(req.get());
        const int len = i2d_X509_NAME(name, nullptr);
        o.subjectNameDer.resize(len);
        auto *p = reinterpret_cast<unsigned char *>(o.subjectNameDer.data());
        i2d_X509_NAME(name, &p);
        der = TestPki::issue(o);
        break;
    }
    case EstMode::OtherSerial: {
        X509_NAME *name = X509_REQ_get_subject_name(req.get());
        o.subjectKey = publicKey;
        o.commonName = u"OTHER-"_qs + nameEntry(name, NID_commonName);
        o.serialNumber = u"OTHER-"_qs + nameEntry(name, NID_serialNumber);
        der = TestPki::issue(o);
        break;
    }
    case EstMode::Untrusted:
        o.issuerCert = m_untrustedCaCert.get();
        o.issuerKey = m_untrustedCaKey.get();
        der = TestPki::issueFromCsr(csrDer, o);
        break;
    case EstMode::Expired:
        o.notBeforeOffset = -2LL * 24 * 3600;
        o.notAfterOffset = -24LL * 3600;
        der = TestPki::issueFromCsr(csrDer, o);
        break;
    case EstMode::Short:
        o.notBeforeOffset = 0;
        o.notAfterOffset = 3600;
        der = TestPki::issueFromCsr(csrDer, o);
        break;
    case EstMode::CaTrue:
        o.isCa = true;
        o.keyUsage |= KuKeyCertSign;
        der = TestPki::issueFromCsr(csrDer, o);
        break;
    case EstMode::WrongEku:
        o.extendedKeyUsage = { QLatin1String(OidServerAuth) };
        der = TestPki::issueFromCsr(csrDer, o);
        break;
    default:
        der = TestPki::issueFromCsr(csrDer, o);
        break;
    }

    ++m_issued;
    if (!m_options.issuedLogPath.isEmpty()) {
        const CertPtr cert = TestPki::certFromDer(der);
        char subject[512];
        X509_NAME_oneline(X509_get_subject_name(cert.get()), subject, sizeof subject);
        const QByteArray serial = QByteArray(reinterpret_cast<const char *>(
                                                 ASN1_STRING_get0_data(X509_get0_serialNumber(cert.get()))),
                                             ASN1_STRING_length(X509_get0_serialNumber(cert.get())))
                                      .toHex();
        QFile log(m_options.issuedLogPath);
        if (log.open(QIODevice::WriteOnly | QIODevice::Append))
            log.write(serial + ' ' + QByteArray(subject) + '\n');
    }
    return der;
}

HttpResponse EstServer::pkcs7Response(const QList<QByteArray> &certDers, EstMode mode, bool enrolment,
                                      int *delayMs) const
{
    HttpResponse r;
    const QByteArray contentType
        = enrolment ? "application/pkcs7-mime; smime-type=certs-only" : "application/pkcs7-mime";
    r.headers = { { "Content-Type", contentType }, { "Content-Transfer-Encoding", "base64" } };
    switch (mode) {
    case EstMode::Http500:
        return HttpResponse::text(500, "internal CA failure");
    case EstMode::Garbage: {
        // '!' and '\x01' are never base64, whatever the random tail holds.
        r.body = "!\x01garbage" + randomBytes(200);
        return r;
    }
    case EstMode::BadPkcs7:
        r.body = base64Lines("this is not a PKCS#7 structure " + randomBytes(64));
        return r;
    case EstMode::Empty:
        return r;
    default:
        break;
    }
    r.body = base64Lines(TestPki::certsOnlyPkcs7(certDers));
    switch (mode) {
    case EstMode::Truncated:
        r.truncate = true;
        break;
    case EstMode::Slow:
        *delayMs = m_options.slowMs;
        break;
    case EstMode::WrongType:
        r.headers[0].second = "text/html; charset=utf-8"; // still the real PKCS#7: only the type is wrong
        break;
    case EstMode::NoCte:
        r.headers.removeLast(); // RFC 8951: the body is base64 anyway
        break;
    default:
        break;
    }
    return r;
}

} // namespace ks::test
