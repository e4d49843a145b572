#include "ca_client/HttpTransport.h"

#include "ca_client/CaLog.h"
#include "core/secrets/SecretFile.h"
#include "core/secrets/SecureBytes.h"

#include <QCryptographicHash>
#include <QFile>
#include <QSslKey>
#include <QSslSocket>
#include <QTimer>

#include <openssl/x509.h>

namespace ks::ca {

namespace {

const QString kSetup = QStringLiteral("tls-setup");

Result<QList<QSslCertificate>> loadCertificates(const QString &file, const QString &what)
{
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return CaError::make(CaError::Code::Configuration, kSetup,
                             CaError::tr("cannot read the %1 file '%2'").arg(what, file));
    const QByteArray data = f.readAll();
    QList<QSslCertificate> certs = QSslCertificate::fromData(data, QSsl::Pem);
    if (certs.isEmpty())
        certs = QSslCertificate::fromData(data, QSsl::Der);
    if (certs.isEmpty())
        return CaError::make(CaError::Code::Configuration, kSetup,
                             CaError::tr("no certificate in the %1 file '%2'").arg(what, file));
    return certs;
}

Result<QSslKey> loadKey(const QString &file)
{
    // Refused unless owner-only (core/secrets/SecretFile.h); the PEM text is wiped once parsed.
    QByteArray data;
    QString error;
    if (!SecretFile::read(file, data, error))
        return CaError::make(CaError::Code::Configuration, kSetup, error);
    SecretGuard dataGuard(data);
    for (QSsl::KeyAlgorithm algorithm : { QSsl::Ec, QSsl::Rsa }) {
        QSslKey key(data, algorithm, QSsl::Pem, QSsl::PrivateKey);
        if (!key.isNull())
            return key;
    }
    return CaError::make(
        CaError::Code::Configuration, kSetup,
        CaError::tr("the TLS client key file '%1' holds no unencrypted RSA or EC private key").arg(file));
}

QString sslErrorText(const QList<QSslError> &errors)
{
    QStringList parts;
    for (const QSslError &e : errors)
        parts << e.errorString();
    return parts.join(QStringLiteral("; "));
}

} // namespace

Result<std::unique_ptr<HttpTransport>> HttpTransport::create(const CaSettings &settings)
{
    // SCEP usually runs over plain HTTP (RFC 8894 4.1): its trust is the pinned CA certificate and the
    // message-level signature and encryption. Every other protocol is HTTPS only.
    const bool plain
        = settings.protocol == CaSettings::Protocol::Scep && settings.baseUrl.scheme() == u"http";
    if (!settings.baseUrl.isValid() || (settings.baseUrl.scheme() != u"https" && !plain)
        || settings.baseUrl.host().isEmpty())
        return CaError::make(CaError::Code::Configuration, kSetup,
                             settings.protocol == CaSettings::Protocol::Scep
                                 ? CaError::tr("the SCEP URL must be an http:// or https:// URL with a host")
                                 : CaError::tr("the CA URL must be an https:// URL with a host"));
    if (CaSettings::hasUserInfo(settings.baseUrl))
        return CaError::make(CaError::Code::Configuration, kSetup,
                             CaError::tr("the CA URL must not carry a user name or password"));
    if (settings.maxConcurrent < 1 || settings.maxResponseBytes < 1 || settings.requestTimeout.count() < 1)
        return CaError::make(CaError::Code::Configuration, kSetup,
                             CaError::tr("time-out, concurrency and size limits must be positive"));

    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setProtocol(QSsl::TlsV1_2OrLater);
    tls.setPeerVerifyMode(QSslSocket::VerifyPeer);
    if (plain) {
        // Nothing secret crosses plain HTTP: an HTTP Basic password, an HMAC key or a client key would go out
        // in clear (or be meaningless) there. A CA that wants them is spoken to over https://.
        if (!settings.basicUser.isEmpty() || !settings.basicPassword.isEmpty()
            || !settings.hmacKeyHex.isEmpty() || !settings.clientCertFile.isEmpty()
            || !settings.clientKeyFile.isEmpty())
            return CaError::make(
                CaError::Code::Configuration, kSetup,
                CaError::tr("credentials for the CA (user name and password, HMAC key or client "
                            "certificate) are never sent over plain http://; use an https:// URL"));
        return std::unique_ptr<HttpTransport>(new HttpTransport(settings, tls));
    }
    if (settings.trustAnchorFile.isEmpty()) {
        if (!settings.insecureLabMode)
            return CaError::make(CaError::Code::Configuration, kSetup,
                                 CaError::tr("no trust anchor file configured for the CA's TLS certificate"));
        tls.setCaCertificates({});
    } else {
        auto anchors = loadCertificates(settings.trustAnchorFile, CaError::tr("trust anchor"));
        if (!anchors)
            return anchors.error();
        // Replace, never extend, the system store: only the configured CA may vouch for the server.
        tls.setCaCertificates(*anchors);
    }
    if (!settings.clientCertFile.isEmpty() || !settings.clientKeyFile.isEmpty()) {
        if (settings.clientCertFile.isEmpty() || settings.clientKeyFile.isEmpty())
            return CaError::make(
                CaError::Code::Configuration, kSetup,
                CaError::tr("a TLS client certificate needs both a certificate and a key file"));
        auto chain = loadCertificates(settings.clientCertFile, CaError::tr("TLS client certificate"));
        if (!chain)
            return chain.error();
        auto key = loadKey(settings.clientKeyFile);
        if (!key)
            return key.error();
        tls.setLocalCertificateChain(*chain);
        tls.setPrivateKey(*key);
    }
    return std::unique_ptr<HttpTransport>(new HttpTransport(settings, tls));
}

HttpTransport::HttpTransport(const CaSettings &settings, QSslConfiguration tls)
    : m_settings(settings)
    , m_tls(std::move(tls))
{ }

HttpTransport::~HttpTransport()
{
    abortAll();
}

quint64 HttpTransport::send(HttpRequest request, Callback done)
{
    auto call = std::make_unique<Call>();
    call->id = m_nextId++;
    call->request = std::move(request);
    call->done = std::move(done);
    const quint64 id = call->id;
    m_queue.push_back(std::move(call));
    startNext();
    return id;
}

void HttpTransport::startNext()
{
    while (!m_queue.empty() && int(m_active.size()) < m_settings.maxConcurrent) {
        std::unique_ptr<Call> call = std::move(m_queue.front());
        m_queue.pop_front();
        start(std::move(call));
    }
}

namespace {

QByteArray requestBytes(const HttpRequest &r, const CaSettings &settings)
{
    QByteArray target = r.url.path(QUrl::FullyEncoded).toLatin1();
    if (target.isEmpty())
        target = "/";
    if (r.url.hasQuery())
        target += '?' + r.url.query(QUrl::FullyEncoded).toLatin1();
    QByteArray host = r.url.host(QUrl::FullyEncoded).toLatin1();
    if (host.contains(':'))
        host = '[' + host + ']';
    if (r.url.port() > 0 && r.url.port() != (r.url.scheme() == u"http" ? 80 : 443))
        host += ':' + QByteArray::number(r.url.port());
    QByteArray out = r.verb + ' ' + target + " HTTP/1.1\r\nHost: " + host
        + "\r\nUser-Agent: KeyStation\r\nConnection: close\r\n";
    if (!r.contentType.isEmpty())
        out += "Content-Type: " + r.contentType + "\r\n";
    if (r.verb == "POST" || !r.body.isEmpty())
        out += "Content-Length: " + QByteArray::number(r.body.size()) + "\r\n";
    for (const auto &h : r.headers)
        out += h.first + ": " + h.second + "\r\n";
    if (!settings.basicUser.isEmpty()) {
        QByteArray credentials = (settings.basicUser + QLatin1Char(':') + settings.basicPassword).toUtf8();
        out += "Authorization: Basic " + credentials.toBase64() + "\r\n";
        wipe(credentials);
    }
    out += "\r\n";
    out += r.body;
    return out;
}

// Headers beyond this are refused (a server cannot make us buffer an endless header block).
constexpr qsizetype kMaxHeaderBytes = 64 * 1024;

} // namespace

void HttpTransport::start(std::unique_ptr<Call> call)
{
    const HttpRequest &r = call->request;
    if (m_settings.insecureLabMode)
        qCWarning(lcCa).noquote() << "INSECURE LAB MODE: the TLS certificate of" << r.url.host()
                                  << "is NOT verified for" << r.operation;
    qCDebug(lcCa).noquote() << r.operation << QString::fromLatin1(r.verb) << r.url.toString();

    auto *socket = new QSslSocket(this);
    socket->setSslConfiguration(m_tls);
    socket->setPeerVerifyName(r.url.host());
    call->socket = socket;
    call->timer = new QTimer(this);
    call->timer->setSingleShot(true);
    const quint64 id = call->id;
    Call *raw = call.get();
    m_active.emplace(id, std::move(call));

    connect(raw->timer, &QTimer::timeout, this, [this, raw, id] {
        raw->timedOut = true;
        finish(id);
    });
    connect(socket, &QSslSocket::sslErrors, this, [this, raw](const QList<QSslError> &errors) {
        raw->sslErrors = errors;
        if (m_settings.insecureLabMode) {
            qCWarning(lcCa).noquote() << "INSECURE LAB MODE: ignoring TLS errors:" << sslErrorText(errors);
            raw->socket->ignoreSslErrors();
        }
    });
    // Pin at the handshake, before the request (and any credential in it) is written.
    const bool plain = r.url.scheme() == u"http"; // SCEP only (create() allows it for nothing else)
    connect(socket, plain ? &QAbstractSocket::connected : &QSslSocket::encrypted, this, [this, raw, id] {
        // For plain HTTP, "encrypted" means "connected, the request may be written" (no pin: no TLS).
        raw->encrypted = true;
        checkPin(*raw);
        if (raw->pinFailed) {
            finish(id);
            return;
        }
        QByteArray bytes = requestBytes(raw->request, m_settings);
        raw->socket->write(bytes);
        wipe(bytes); // it may hold the Basic credentials
    });
    connect(socket, &QSslSocket::readyRead, this, [this, raw, id] {
        onReadyRead(*raw);
        if (raw->complete || raw->tooLarge || raw->malformed)
            finish(id);
    });
    connect(socket, &QAbstractSocket::errorOccurred, this, [this, raw, id](QAbstractSocket::SocketError e) {
        if (raw->complete)
            return;
        // Data may still be buffered when the peer closes: take it before deciding.
        onReadyRead(*raw);
        if (e == QAbstractSocket::RemoteHostClosedError && raw->headersDone && raw->contentLength < 0
            && !raw->chunked) {
            raw->complete = true; // the answer runs until the server closes
        }
        if (!raw->complete && raw->socketError.isEmpty())
            raw->socketError = raw->socket->errorString();
        finish(id);
    });
    connect(socket, &QAbstractSocket::disconnected, this, [this, raw, id] {
        if (raw->complete)
            return;
        onReadyRead(*raw);
        if (raw->headersDone && raw->contentLength < 0 && !raw->chunked)
            raw->complete = true;
        if (!raw->complete && raw->socketError.isEmpty())
            raw->socketError = CaError::tr("the server closed the connection");
        finish(id);
    });
    raw->timer->start(m_settings.requestTimeout);
    if (plain)
        socket->connectToHost(r.url.host(), quint16(r.url.port(80)));
    else
        socket->connectToHostEncrypted(r.url.host(), quint16(r.url.port(443)));
}

void HttpTransport::onReadyRead(Call &call)
{
    if (call.complete || call.tooLarge || call.malformed || !call.socket)
        return;
    call.received += call.socket->readAll();
    parse(call);
}

bool HttpTransport::parse(Call &call)
{
    if (!call.headersDone) {
        for (;;) {
            const qsizetype end = call.received.indexOf("\r\n\r\n");
            if (end < 0) {
                if (call.received.size() > kMaxHeaderBytes)
                    call.tooLarge = true;
                return call.tooLarge;
            }
            const QList<QByteArray> lines = call.received.left(end).split('\n');
            call.received.remove(0, end + 4);
            const QList<QByteArray> statusLine = lines.value(0).trimmed().split(' ');
            bool ok = false;
            const int status = statusLine.value(1).toInt(&ok);
            if (!statusLine.value(0).startsWith("HTTP/1.") || !ok || status < 100 || status > 999) {
                // No abort() here: it may emit disconnected() at once and end the call under our feet.
                call.socketError = CaError::tr("the server did not answer in HTTP/1.1");
                call.malformed = true;
                return true;
            }
            if (status >= 100 && status < 200)
                continue; // 100 Continue and friends: the real answer follows
            call.response.status = status;
            const qsizetype reasonAt = lines.value(0).indexOf(' ', lines.value(0).indexOf(' ') + 1);
            call.response.reasonPhrase
                = reasonAt > 0 ? lines.value(0).mid(reasonAt + 1).trimmed() : QByteArray();
            for (qsizetype i = 1; i < lines.size(); ++i) {
                const QByteArray &line = lines.at(i);
                const qsizetype colon = line.indexOf(':');
                if (colon <= 0)
                    continue;
                call.responseHeaders.append(
                    { line.left(colon).trimmed().toLower(), line.mid(colon + 1).trimmed() });
            }
            for (const auto &[name, value] : call.responseHeaders) {
                if (name == "content-type")
                    call.response.contentType = value;
                else if (name == "content-transfer-encoding")
                    call.response.contentTransferEncoding = value;
                else if (name == "retry-after")
                    call.response.retryAfter = value;
                else if (name == "date")
                    call.response.date = value;
                else if (name == "transfer-encoding" && value.toLower().contains("chunked"))
                    call.chunked = true;
                else if (name == "content-length") {
                    bool valid = false;
                    const qint64 n = value.toLongLong(&valid);
                    call.contentLength = valid && n >= 0 ? n : -1;
                }
            }
            if (call.chunked)
                call.contentLength = -1;
            if (call.contentLength > m_settings.maxResponseBytes) {
                call.tooLarge = true;
                return true;
            }
            if (status == 204 || status == 304)
                call.contentLength = 0;
            call.headersDone = true;
            break;
        }
    }
    if (call.chunked) {
        // Decode whole chunks as they arrive; the last one has size 0 (trailers are read and ignored).
        for (;;) {
            const qsizetype lineEnd = call.received.indexOf("\r\n");
            if (lineEnd < 0)
                return false;
            bool ok = false;
            const qint64 size = call.received.left(lineEnd).split(';').value(0).trimmed().toLongLong(&ok, 16);
            if (!ok || size < 0) {
                call.socketError = CaError::tr("the server sent a malformed chunked answer");
                call.malformed = true;
                return true;
            }
            if (call.response.body.size() + size > m_settings.maxResponseBytes) {
                call.tooLarge = true;
                return true;
            }
            if (size == 0) {
                if (call.received.indexOf("\r\n\r\n", lineEnd) < 0)
                    return false; // trailers not complete yet
                call.complete = true;
                return true;
            }
            if (call.received.size() < lineEnd + 2 + size + 2)
                return false;
            call.response.body += call.received.mid(lineEnd + 2, size);
            call.received.remove(0, lineEnd + 2 + size + 2);
        }
    }
    call.response.body += call.received;
    call.received.clear();
    if (call.response.body.size() > m_settings.maxResponseBytes) {
        call.tooLarge = true;
        return true;
    }
    if (call.contentLength >= 0 && call.response.body.size() >= call.contentLength) {
        call.response.body.truncate(call.contentLength);
        call.complete = true;
    }
    return call.complete;
}

void HttpTransport::checkPin(Call &call)
{
    if (m_settings.pinnedSpkiSha256.isEmpty() || call.pinFailed || pinMatches(call.socket))
        return;
    call.pinFailed = true;
}

bool HttpTransport::pinMatches(const QSslSocket *socket) const
{
    const QSslCertificate peer = socket ? socket->peerCertificate() : QSslCertificate();
    return !peer.isNull() && spkiSha256(peer.toDer()) == m_settings.pinnedSpkiSha256;
}

QByteArray HttpTransport::spkiSha256(const QByteArray &certificateDer)
{
    const auto *p = reinterpret_cast<const unsigned char *>(certificateDer.constData());
    X509 *x = d2i_X509(nullptr, &p, certificateDer.size());
    if (!x)
        return {};
    unsigned char *der = nullptr;
    const int len = i2d_X509_PUBKEY(X509_get_X509_PUBKEY(x), &der);
    QByteArray digest;
    if (len > 0)
        digest = QCryptographicHash::hash(QByteArrayView(der, len), QCryptographicHash::Sha256);
    OPENSSL_free(der);
    X509_free(x);
    return digest;
}

namespace {

// Ends a connection as TLS asks (close_notify, then FIN) and lets the socket go once the server has seen it,
// or after a short grace if the server does not close its side.
void release(QSslSocket *socket, bool graceful)
{
    socket->disconnect();
    if (!graceful || socket->state() == QAbstractSocket::UnconnectedState) {
        socket->abort();
        socket->deleteLater();
        return;
    }
    QObject::connect(socket, &QAbstractSocket::disconnected, socket, &QObject::deleteLater);
    QObject::connect(socket, &QAbstractSocket::errorOccurred, socket, &QObject::deleteLater);
    QTimer::singleShot(2000, socket, [socket] {
        socket->abort();
        socket->deleteLater();
    });
    socket->disconnectFromHost(); // writes close_notify on an encrypted connection
}

} // namespace

void HttpTransport::finish(quint64 id)
{
    auto it = m_active.find(id);
    if (it == m_active.end())
        return;
    std::unique_ptr<Call> call = std::move(it->second);
    m_active.erase(it);
    call->timer->stop();
    call->timer->deleteLater();
    Result<HttpResponse> result = toResult(*call);
    release(call->socket, call->encrypted && !call->cancelled && !call->timedOut);
    call->socket = nullptr;
    startNext();
    // Last: the callback may send again or destroy the client.
    Callback done = std::move(call->done);
    done(std::move(result));
}

CaError HttpTransport::error(const Call &call, CaError::Code code, QString message) const
{
    CaError e = CaError::make(code, call.request.operation, std::move(message));
    e.httpStatus = call.response.status;
    return e;
}

Result<HttpResponse> HttpTransport::toResult(Call &call)
{
    if (call.cancelled)
        return error(call, CaError::Code::Cancelled, CaError::tr("cancelled"));
    if (call.tooLarge)
        return error(call, CaError::Code::TooLarge,
                     CaError::tr("the answer exceeds %1 bytes").arg(m_settings.maxResponseBytes));
    if (call.pinFailed)
        return error(call, CaError::Code::PinMismatch,
                     CaError::tr("the server's public key does not match the pinned SHA-256"));
    if (call.malformed)
        return error(call, CaError::Code::Network, call.socketError);
    if (call.complete)
        return call.response;
    if (call.timedOut)
        return error(call, CaError::Code::Timeout,
                     CaError::tr("no complete answer within %1 ms").arg(m_settings.requestTimeout.count()));
    if (!call.encrypted) {
        if (!call.sslErrors.isEmpty())
            return error(call, CaError::Code::Tls,
                         CaError::tr("TLS handshake failed: %1").arg(sslErrorText(call.sslErrors)));
        if (call.socket && call.socket->error() == QAbstractSocket::SslHandshakeFailedError)
            return error(call, CaError::Code::Tls,
                         CaError::tr("TLS handshake failed: %1").arg(call.socketError));
        return error(call, CaError::Code::Network, call.socketError);
    }
    if (call.headersDone || !call.received.isEmpty())
        return error(call, CaError::Code::Truncated,
                     CaError::tr("the connection ended before the answer was complete (%1 bytes received)")
                         .arg(call.response.body.size() + call.received.size()));
    return error(call, CaError::Code::Network,
                 call.socketError.isEmpty()
                     ? CaError::tr("the server closed the connection without answering")
                     : call.socketError);
}

void HttpTransport::abort(quint64 id)
{
    for (auto it = m_queue.begin(); it != m_queue.end(); ++it) {
        if ((*it)->id == id) {
            std::unique_ptr<Call> call = std::move(*it);
            m_queue.erase(it);
            call->done(error(*call, CaError::Code::Cancelled, CaError::tr("cancelled")));
            return;
        }
    }
    auto it = m_active.find(id);
    if (it == m_active.end())
        return;
    it->second->cancelled = true;
    finish(id);
}

void HttpTransport::abortAll()
{
    while (!m_queue.empty())
        abort(m_queue.front()->id);
    std::vector<quint64> ids;
    for (const auto &[id, call] : m_active)
        ids.push_back(id);
    for (quint64 id : ids)
        abort(id);
}

} // namespace ks::ca
