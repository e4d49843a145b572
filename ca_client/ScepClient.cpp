#include "ca_client/ScepClient.h"

#include "base/CertificateFacts.h"
#include "ca_client/CaLog.h"
#include "ca_client/CertificateCodec.h"
#include "ca_client/HttpTransport.h"
#include "ca_client/ScepRequesterKey.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QPointer>
#include <QTimer>
#include <QUrlQuery>
#include <QtConcurrent/QtConcurrentRun>

#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>

namespace ks::ca {

namespace {

QByteArray mediaType(const QByteArray &contentType)
{
    return contentType.split(';').value(0).trimmed().toLower();
}

// An RA certificate (RFC 8894 2.1): signed by the pinned CA and not a CA itself.
bool isRaOf(X509 *candidate, X509 *ca)
{
    return X509_check_issued(ca, candidate) == X509_V_OK && X509_verify(candidate, X509_get0_pubkey(ca)) == 1
        && X509_check_ca(candidate) == 0;
}

bool canEncipherKeys(X509 *x)
{
    return !(X509_get_extension_flags(x) & EXFLAG_KUSAGE) || (X509_get_key_usage(x) & KU_KEY_ENCIPHERMENT);
}

} // namespace

struct ScepClient::EnrollState
{
    EnrollmentRequest request;
    QByteArray spki;
    QByteArray transactionId;
    ScepCapabilities caps;
    CaCertificates ca;
    QByteArray senderNonce; // of the message in flight
    QString operation; // "scep/PKCSReq" or "scep/CertPoll"
    int polls = 0;
    QElapsedTimer sinceStart;
};

ScepClient::ScepClient(CaSettings settings, std::unique_ptr<HttpTransport> transport, QObject *parent)
    : EnrollmentClient(std::move(settings), std::move(transport), parent)
{ }

QUrl ScepClient::operationUrl(const QString &operation, const QByteArray &message) const
{
    QUrl url = settings().baseUrl;
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("operation"), operation);
    if (!message.isEmpty())
        query.addQueryItem(QStringLiteral("message"),
                           QString::fromLatin1(message.toBase64().toPercentEncoding()));
    url.setQuery(query);
    return url;
}

Result<ScepClient::CaCertificates> ScepClient::caCertificatesFrom(const HttpResponse &response,
                                                                  const QByteArray &pin)
{
    const QString operation = QStringLiteral("scep/GetCACert");
    if (response.status != 200) {
        CaError e = CaError::make(CaError::Code::HttpStatus, operation,
                                  tr("the SCEP server answered with an error"));
        e.httpStatus = response.status;
        e.serverMessage = serverText(response.body);
        return e;
    }
    CaCertificates out;
    const QByteArray type = mediaType(response.contentType);
    if (type == "application/x-x509-ca-cert") {
        if (!parseCertificateDerPrefix(response.body))
            return CaError::make(CaError::Code::NotParseable, operation,
                                 tr("the CA certificate (application/x-x509-ca-cert) does not parse"));
        out.all << response.body;
    } else if (type == "application/x-x509-ca-ra-cert") {
        auto certs = CertificateCodec::parsePkcs7Certificates(response.body, operation);
        if (!certs)
            return certs.error();
        out.all = *certs;
    } else {
        return CaError::make(
            CaError::Code::WrongContentType, operation,
            tr("expected application/x-x509-ca-cert or application/x-x509-ca-ra-cert, got '%1'")
                .arg(QString::fromLatin1(response.contentType.left(100))));
    }
    for (const QByteArray &der : std::as_const(out.all)) {
        if (QCryptographicHash::hash(der, QCryptographicHash::Sha256) == pin)
            out.caDer = der;
    }
    if (out.caDer.isEmpty()) {
        const QByteArray first = QCryptographicHash::hash(out.all.value(0), QCryptographicHash::Sha256);
        return CaError::make(
            CaError::Code::CaCertificateMismatch, operation,
            tr("the CA certificate's SHA-256 (%1) is not the pinned one (%2); no request was sent "
               "to this CA")
                .arg(QString::fromLatin1(first.toHex()), QString::fromLatin1(pin.toHex())));
    }
    X509Ptr ca = parseCertificateDerPrefix(out.caDer);
    QByteArray raForKeys;
    for (const QByteArray &der : std::as_const(out.all)) {
        X509Ptr x = parseCertificateDerPrefix(der);
        if (der == out.caDer || !x || !isRaOf(x.get(), ca.get()))
            continue;
        out.raDer << der;
        if (raForKeys.isEmpty() && canEncipherKeys(x.get()))
            raForKeys = der;
    }
    out.recipientDer = !raForKeys.isEmpty() ? raForKeys : out.raDer.value(0, out.caDer);
    X509Ptr recipient = parseCertificateDerPrefix(out.recipientDer);
    if (!recipient || !EVP_PKEY_is_a(X509_get0_pubkey(recipient.get()), "RSA"))
        return CaError::make(
            CaError::Code::Configuration, operation,
            tr("the SCEP CA's encryption certificate has no RSA key (SCEP needs RSA key transport)"));
    return out;
}

void ScepClient::getCaps(std::shared_ptr<OperationBase> op, std::function<void(ScepCapabilities)> next)
{
    HttpRequest r;
    r.url = operationUrl(QStringLiteral("GetCACaps"));
    r.operation = QStringLiteral("scep/GetCACaps");
    send(op, r, [op, next = std::move(next)](HttpResponse response) {
        // RFC 8894 3.5.1: a CA may not implement GetCACaps; then it has none of the optional capabilities.
        if (response.status != 200 && response.status != 404) {
            CaError e = CaError::make(CaError::Code::HttpStatus, QStringLiteral("scep/GetCACaps"),
                                      tr("the SCEP server answered with an error"));
            e.httpStatus = response.status;
            e.serverMessage = serverText(response.body);
            op->fail(e);
            return;
        }
        next(response.status == 200 ? ScepCapabilities::parse(response.body) : ScepCapabilities());
    });
}

void ScepClient::getCaCert(std::shared_ptr<OperationBase> op, std::function<void(CaCertificates)> next)
{
    if (settings().caCertificateSha256.size() != 32) {
        op->fail(CaError::make(CaError::Code::Configuration, QStringLiteral("scep/GetCACert"),
                               tr("SCEP needs the CA certificate's SHA-256 (caCertificateSha256)")));
        return;
    }
    HttpRequest r;
    r.url = operationUrl(QStringLiteral("GetCACert"));
    r.operation = QStringLiteral("scep/GetCACert");
    send(op, r, [this, op, next = std::move(next)](HttpResponse response) {
        auto certs = caCertificatesFrom(response, settings().caCertificateSha256);
        if (!certs) {
            op->fail(certs.error());
            return;
        }
        next(std::move(*certs));
    });
}

void ScepClient::startInfo(std::shared_ptr<Operation<CaInfo>> op)
{
    getCaps(op, [this, op](ScepCapabilities caps) {
        getCaCert(op, [op, caps](CaCertificates certs) {
            CaInfo info;
            info.caCertificatesDer << certs.caDer << certs.raDer;
            for (const QByteArray &der : std::as_const(certs.all)) {
                if (!info.caCertificatesDer.contains(der))
                    info.caCertificatesDer << der;
            }
            info.capabilities = caps.keywords;
            op->succeed(std::move(info));
        });
    });
}

void ScepClient::startFetchCaCertificates(std::shared_ptr<Operation<QList<QByteArray>>> op)
{
    getCaCert(op, [op](CaCertificates certs) { op->succeed(certs.all); });
}

void ScepClient::startEnroll(std::shared_ptr<Operation<IssuedCertificate>> op, EnrollmentRequest request)
{
    auto state = std::make_shared<EnrollState>();
    state->sinceStart.start();
    state->spki = CertificateCodec::csrPublicKeyInfo(request.csrDer);
    state->transactionId = ScepMessage::transactionId(state->spki);
    state->request = std::move(request);
    const QString operation = QStringLiteral("scep/PKCSReq");
    if (state->spki.isEmpty()) {
        op->fail(CaError::make(CaError::Code::Configuration, operation,
                               tr("the certificate request is not a parseable PKCS#10 structure")));
        return;
    }
    if (!state->request.requesterKey) {
        op->fail(CaError::make(CaError::Code::Configuration, operation,
                               tr("SCEP needs the requester key that signs the request")));
        return;
    }
    getCaps(op, [this, op, state](ScepCapabilities caps) {
        state->caps = caps;
        getCaCert(op, [this, op, state](CaCertificates certs) {
            state->ca = std::move(certs);
            sendPkiMessage(op, state, ScepMessage::MessageType::PkcsReq);
        });
    });
}

void ScepClient::sendPkiMessage(std::shared_ptr<Operation<IssuedCertificate>> op,
                                std::shared_ptr<EnrollState> state, ScepMessage::MessageType type)
{
    const bool poll = type == ScepMessage::MessageType::CertPoll;
    state->operation = poll ? QStringLiteral("scep/CertPoll") : QStringLiteral("scep/PKCSReq");
    const QByteArray content = poll ? ScepMessage::issuerAndSubject(state->ca.caDer, state->request.csrDer)
                                    : state->request.csrDer;
    // The requester key may be a token: sign in a pool thread, continue in the client's thread.
    std::shared_ptr<ScepRequesterKey> key = state->request.requesterKey;
    QFuture<Result<ScepMessage::Outgoing>> built = QtConcurrent::run(
        [key, type, content, transactionId = state->transactionId, recipient = state->ca.recipientDer,
         aes = state->caps.aes, operation = state->operation] {
            return ScepMessage::build(type, content, transactionId, recipient, aes, *key, operation);
        });
    built.then(this, [this, op, state](Result<ScepMessage::Outgoing> message) {
        if (op->isDone())
            return;
        if (!message) {
            op->fail(message.error());
            return;
        }
        state->senderNonce = message->senderNonce;
        HttpRequest r;
        r.operation = state->operation;
        if (state->caps.postPkiOperation) {
            r.verb = "POST";
            r.url = operationUrl(QStringLiteral("PKIOperation"));
            r.contentType = "application/x-pki-message";
            r.body = message->der;
        } else {
            r.url = operationUrl(QStringLiteral("PKIOperation"), message->der);
        }
        send(op, r, [this, op, state](HttpResponse response) { onCertRep(op, state, std::move(response)); });
    });
}

void ScepClient::onCertRep(std::shared_ptr<Operation<IssuedCertificate>> op,
                           std::shared_ptr<EnrollState> state, HttpResponse response)
{
    const QString &operation = state->operation;
    if (response.status != 200) {
        CaError e = CaError::make(CaError::Code::HttpStatus, operation,
                                  tr("the SCEP server answered with an error"));
        e.httpStatus = response.status;
        e.serverMessage = serverText(response.body);
        op->fail(e);
        return;
    }
    if (mediaType(response.contentType) != "application/x-pki-message") {
        op->fail(CaError::make(CaError::Code::WrongContentType, operation,
                               tr("expected application/x-pki-message, got '%1'")
                                   .arg(QString::fromLatin1(response.contentType.left(100)))));
        return;
    }
    QList<QByteArray> signers { state->ca.caDer };
    signers << state->ca.raDer;
    auto rep = ScepMessage::parseCertRep(response.body, signers, operation);
    if (!rep) {
        op->fail(rep.error());
        return;
    }
    // RFC 8894 3.3.2: the CertRep echoes our transactionID and senderNonce (as recipientNonce).
    if (rep->transactionId != state->transactionId || rep->recipientNonce != state->senderNonce) {
        op->fail(
            CaError::make(CaError::Code::BadMessage, operation,
                          tr("the CA's answer belongs to another transaction or request (transactionID or "
                             "recipientNonce differs)")));
        return;
    }
    switch (rep->status) {
    case ScepMessage::PkiStatus::Failure: {
        CaError e = CaError::make(ScepMessage::failInfoCode(rep->failInfo), operation,
                                  ScepMessage::failInfoText(rep->failInfo));
        e.serverCode = rep->failInfo >= 0 ? rep->failInfo : 0;
        op->fail(e);
        return;
    }
    case ScepMessage::PkiStatus::Pending:
        schedulePoll(op, state);
        return;
    case ScepMessage::PkiStatus::Success:
        openCertificates(op, state, rep->envelopeDer);
        return;
    }
}

void ScepClient::schedulePoll(std::shared_ptr<Operation<IssuedCertificate>> op,
                              std::shared_ptr<EnrollState> state)
{
    const qint64 elapsed = state->sinceStart.elapsed();
    const qint64 wait = settings().scepPollInterval.count();
    if (++state->polls > settings().maxPendingPolls || elapsed + wait > settings().maxPendingWait.count()) {
        op->fail(CaError::make(CaError::Code::Pending, state->operation,
                               tr("the CA still holds the request for approval after %1 polls and %2 s")
                                   .arg(state->polls - 1)
                                   .arg(elapsed / 1000)));
        return;
    }
    qCInfo(lcCa).noquote() << state->operation << "PENDING, polling in" << wait << "ms (poll" << state->polls
                           << ")";
    auto *timer = new QTimer(this);
    timer->setSingleShot(true);
    connect(timer, &QTimer::timeout, this, [this, op, state, timer] {
        timer->deleteLater();
        op->setAbort({});
        if (!op->isDone())
            sendPkiMessage(op, state, ScepMessage::MessageType::CertPoll);
    });
    op->setAbort([timer = QPointer<QTimer>(timer)] {
        if (timer) {
            timer->stop();
            timer->deleteLater();
        }
    });
    timer->start(int(wait));
}

void ScepClient::openCertificates(std::shared_ptr<Operation<IssuedCertificate>> op,
                                  std::shared_ptr<EnrollState> state, QByteArray envelopeDer)
{
    std::shared_ptr<ScepRequesterKey> key = state->request.requesterKey;
    QFuture<Result<QByteArray>> opened
        = QtConcurrent::run([key, envelopeDer = std::move(envelopeDer), operation = state->operation] {
              return ScepMessage::openEnvelope(envelopeDer, *key, operation);
          });
    opened.then(this, [op, state](Result<QByteArray> inner) {
        if (op->isDone())
            return;
        if (!inner) {
            op->fail(inner.error());
            return;
        }
        auto certs = CertificateCodec::parsePkcs7Certificates(*inner, state->operation);
        if (!certs) {
            op->fail(certs.error());
            return;
        }
        const qsizetype leaf = CertificateCodec::pickLeaf(*certs, state->spki);
        IssuedCertificate issued;
        issued.certificateDer = certs->takeAt(leaf);
        issued.extraCertificatesDer = std::move(*certs);
        if (!issued.extraCertificatesDer.contains(state->ca.caDer))
            issued.extraCertificatesDer << state->ca.caDer;
        op->succeed(std::move(issued));
    });
}

} // namespace ks::ca
