#include "ca_client/HttpTransport.h"

#include "ca_client/CaLog.h"
#include "common/SecretFile.h"
#include "common/SecureBytes.h"

#include <QCryptographicHash>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslKey>
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
    // Refused unless owner-only (common/SecretFile.h); the PEM text is wiped once parsed.
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

bool isHttpStatusError(QNetworkReply::NetworkError e)
{
    // Qt reports 4xx/5xx as errors in these two ranges (qnetworkreply.h); they are answers, not failures.
    const int v = int(e);
    return e == QNetworkReply::NoError || (v >= 201 && v <= 299)
        || e == QNetworkReply::ProtocolInvalidOperationError || (v >= 401 && v <= 499);
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
    if (!settings.baseUrl.isValid() || settings.baseUrl.scheme() != u"https"
        || settings.baseUrl.host().isEmpty())
        return CaError::make(CaError::Code::Configuration, kSetup,
                             CaError::tr("the CA URL must be an https:// URL with a host"));
    if (CaSettings::hasUserInfo(settings.baseUrl))
        return CaError::make(CaError::Code::Configuration, kSetup,
                             CaError::tr("the CA URL must not carry a user name or password"));
    if (settings.maxConcurrent < 1 || settings.maxResponseBytes < 1 || settings.requestTimeout.count() < 1)
        return CaError::make(CaError::Code::Configuration, kSetup,
                             CaError::tr("time-out, concurrency and size limits must be positive"));

    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setProtocol(QSsl::TlsV1_2OrLater);
    tls.setPeerVerifyMode(QSslSocket::VerifyPeer);
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
    , m_nam(new QNetworkAccessManager(this))
{
    m_nam->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    m_nam->setAutoDeleteReplies(false);
}

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

void HttpTransport::start(std::unique_ptr<Call> call)
{
    const HttpRequest &r = call->request;
    if (m_settings.insecureLabMode)
        qCWarning(lcCa).noquote() << "INSECURE LAB MODE: the TLS certificate of" << r.url.host()
                                  << "is NOT verified for" << r.operation;
    qCDebug(lcCa).noquote() << r.operation << QString::fromLatin1(r.verb) << r.url.toString();

    QNetworkRequest nr(r.url);
    nr.setSslConfiguration(m_tls);
    // HTTP/1.1 with keep-alive: Qt pools up to six connections per host and reuses them.
    nr.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    nr.setHeader(QNetworkRequest::UserAgentHeader, QByteArrayLiteral("KeyStation"));
    if (!r.contentType.isEmpty())
        nr.setHeader(QNetworkRequest::ContentTypeHeader, r.contentType);
    for (const auto &h : r.headers)
        nr.setRawHeader(h.first, h.second);
    if (!m_settings.basicUser.isEmpty()) {
        const QByteArray credentials
            = (m_settings.basicUser + QLatin1Char(':') + m_settings.basicPassword).toUtf8();
        nr.setRawHeader("Authorization", "Basic " + credentials.toBase64());
    }

    QNetworkReply *reply = r.verb == "POST" ? m_nam->post(nr, r.body) : m_nam->get(nr);
    call->reply = reply;
    call->timer = new QTimer(this);
    call->timer->setSingleShot(true);
    const quint64 id = call->id;
    Call *raw = call.get();
    m_active.emplace(id, std::move(call));

    connect(raw->timer, &QTimer::timeout, this, [raw] {
        raw->timedOut = true;
        raw->reply->abort();
    });
    connect(reply, &QNetworkReply::downloadProgress, this, [this, raw](qint64 received, qint64 total) {
        if (!raw->tooLarge
            && (received > m_settings.maxResponseBytes || total > m_settings.maxResponseBytes)) {
            raw->tooLarge = true;
            raw->reply->abort();
        }
    });
    connect(reply, &QNetworkReply::sslErrors, this, [this, raw](const QList<QSslError> &errors) {
        raw->sslErrors = errors;
        if (m_settings.insecureLabMode) {
            qCWarning(lcCa).noquote() << "INSECURE LAB MODE: ignoring TLS errors:" << sslErrorText(errors);
            raw->reply->ignoreSslErrors();
        }
    });
    // Pin at the handshake so nothing is sent to an unpinned server; checked again at the end because a
    // reused keep-alive connection emits no encrypted().
    connect(reply, &QNetworkReply::encrypted, this, [this, raw] { checkPin(*raw); });
    connect(reply, &QNetworkReply::finished, this, [this, id] { onFinished(id); });
    raw->timer->start(m_settings.requestTimeout);
}

void HttpTransport::checkPin(Call &call)
{
    if (m_settings.pinnedSpkiSha256.isEmpty() || call.pinFailed || pinMatches(call.reply))
        return;
    call.pinFailed = true;
    call.reply->abort();
}

bool HttpTransport::pinMatches(QNetworkReply *reply) const
{
    const QSslCertificate peer = reply->sslConfiguration().peerCertificate();
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

void HttpTransport::onFinished(quint64 id)
{
    auto it = m_active.find(id);
    if (it == m_active.end())
        return;
    std::unique_ptr<Call> call = std::move(it->second);
    m_active.erase(it);
    call->timer->stop();
    call->timer->deleteLater();
    Result<HttpResponse> result = toResult(*call);
    call->reply->disconnect(this);
    call->reply->deleteLater();
    startNext();
    // Last: the callback may send again or destroy the client.
    Callback done = std::move(call->done);
    done(std::move(result));
}

CaError HttpTransport::error(const Call &call, CaError::Code code, QString message) const
{
    CaError e = CaError::make(code, call.request.operation, std::move(message));
    if (call.reply)
        e.httpStatus = call.reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    return e;
}

Result<HttpResponse> HttpTransport::toResult(Call &call)
{
    QNetworkReply *reply = call.reply;
    if (call.cancelled)
        return error(call, CaError::Code::Cancelled, CaError::tr("cancelled"));
    if (call.timedOut)
        return error(call, CaError::Code::Timeout,
                     CaError::tr("no complete answer within %1 ms").arg(m_settings.requestTimeout.count()));
    if (call.tooLarge)
        return error(call, CaError::Code::TooLarge,
                     CaError::tr("the answer exceeds %1 bytes").arg(m_settings.maxResponseBytes));
    if (call.pinFailed)
        return error(call, CaError::Code::PinMismatch,
                     CaError::tr("the server's public key does not match the pinned SHA-256"));

    const QNetworkReply::NetworkError e = reply->error();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (e == QNetworkReply::SslHandshakeFailedError
        || (!call.sslErrors.isEmpty() && e != QNetworkReply::NoError && status == 0)) {
        const QString why = call.sslErrors.isEmpty() ? reply->errorString() : sslErrorText(call.sslErrors);
        return error(call, CaError::Code::Tls, CaError::tr("TLS handshake failed: %1").arg(why));
    }
    if (e == QNetworkReply::OperationCanceledError)
        return error(call, CaError::Code::Cancelled, CaError::tr("cancelled"));
    if (e == QNetworkReply::TimeoutError)
        return error(call, CaError::Code::Timeout, CaError::tr("the server did not answer in time"));

    const QByteArray body = reply->readAll();
    const QVariant length = reply->header(QNetworkRequest::ContentLengthHeader);
    const bool shortBody = length.isValid() && length.toLongLong() > body.size();
    if (status > 0 && (shortBody || !isHttpStatusError(e)))
        return error(call, CaError::Code::Truncated,
                     CaError::tr("the connection ended before the answer was complete (%1 bytes received)")
                         .arg(body.size()));
    if (status == 0 || !isHttpStatusError(e))
        return error(call, CaError::Code::Network, reply->errorString());
    if (body.size() > m_settings.maxResponseBytes)
        return error(call, CaError::Code::TooLarge,
                     CaError::tr("the answer exceeds %1 bytes").arg(m_settings.maxResponseBytes));
    if (!m_settings.pinnedSpkiSha256.isEmpty() && !pinMatches(reply))
        return error(call, CaError::Code::PinMismatch,
                     CaError::tr("the server's public key does not match the pinned SHA-256"));

    HttpResponse response;
    response.status = status;
    response.contentType = reply->rawHeader("Content-Type");
    response.contentTransferEncoding = reply->rawHeader("Content-Transfer-Encoding");
    response.retryAfter = reply->rawHeader("Retry-After");
    response.reasonPhrase = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toByteArray();
    response.body = body;
    return response;
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
    it->second->reply->abort(); // finished() follows, synchronously or queued; onFinished reports Cancelled
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
    // A reply aborted during destruction may not get to emit finished(): report what is left ourselves.
    while (!m_active.empty()) {
        auto node = m_active.extract(m_active.begin());
        std::unique_ptr<Call> call = std::move(node.mapped());
        call->reply->disconnect(this);
        call->reply->deleteLater();
        call->done(error(*call, CaError::Code::Cancelled, CaError::tr("cancelled")));
    }
}

} // namespace ks::ca
