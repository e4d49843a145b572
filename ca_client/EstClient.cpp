#include "ca_client/EstClient.h"

#include "ca_client/CaLog.h"
#include "ca_client/CertificateCodec.h"
#include "ca_client/HttpTransport.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QPointer>
#include <QTimer>

#include <algorithm>

#include <openssl/asn1.h>
#include <openssl/err.h>

namespace ks::ca {

namespace {

bool contentTypeIs(const QByteArray &header, const char *type)
{
    return header.split(';').value(0).trimmed().toLower() == type;
}

// Longest wait a Retry-After can ask for, clamped before any arithmetic: a day, more than any pending budget
// (CaSettings::maxPendingWait) and well inside QTimer's int milliseconds.
constexpr qint64 kMaxRetryAfterSeconds = 24 * 60 * 60;

// Retry-After is delay-seconds or an HTTP-date (RFC 9110 10.2.3); anything else (a negative number too)
// waits a second.
qint64 retryAfterMs(const QByteArray &value)
{
    const QByteArray digits = value.trimmed();
    if (!digits.isEmpty()
        && std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        bool ok = false;
        const qint64 seconds = digits.toLongLong(&ok); // fails only past qint64: longer than any bound
        return (ok ? std::min(seconds, kMaxRetryAfterSeconds) : kMaxRetryAfterSeconds) * 1000;
    }
    const QDateTime when = QDateTime::fromString(QString::fromLatin1(value.trimmed()), Qt::RFC2822Date);
    if (when.isValid())
        return std::clamp<qint64>(QDateTime::currentDateTimeUtc().secsTo(when), 0, kMaxRetryAfterSeconds)
            * 1000;
    return 1000;
}

// One complete DER SEQUENCE and nothing after it (CsrAttrs, RFC 7030 4.5.2).
bool isDerSequence(const QByteArray &der)
{
    const auto *start = reinterpret_cast<const unsigned char *>(der.constData());
    const unsigned char *p = start;
    ASN1_SEQUENCE_ANY *seq = d2i_ASN1_SEQUENCE_ANY(nullptr, &p, long(der.size()));
    const bool ok = seq && p == start + der.size();
    sk_ASN1_TYPE_pop_free(seq, ASN1_TYPE_free);
    ERR_clear_error();
    return ok;
}

} // namespace

struct EstClient::EnrollState
{
    EnrollmentRequest request;
    QByteArray body;
    QByteArray spki;
    int polls = 0;
    QElapsedTimer sinceStart;
};

EstClient::EstClient(CaSettings settings, std::unique_ptr<HttpTransport> transport, QObject *parent)
    : EnrollmentClient(std::move(settings), std::move(transport), parent)
{ }

QUrl EstClient::operationUrl(const QString &operation) const
{
    QUrl url = settings().baseUrl;
    QString path = url.path();
    while (path.endsWith(u'/'))
        path.chop(1);
    if (path.isEmpty())
        path = QStringLiteral("/.well-known/est");
    if (!settings().label.isEmpty())
        path += u'/' + settings().label;
    url.setPath(path + u'/' + operation);
    return url;
}

CaError EstClient::statusError(const HttpResponse &response, const QString &operation) const
{
    const bool auth = response.status == 401 || response.status == 403;
    // What the server said, printable and capped (serverText): its body, else its status line's reason.
    const QString said
        = serverText(response.body.trimmed().isEmpty() ? response.reasonPhrase : response.body);
    // A 401 is not always about the credentials (a failed proof-of-possession check answers 401 too): the
    // message only says what is known, the server's words follow in serverMessage.
    const QString message = !auth ? tr("the EST server answered with an error")
        : said.isEmpty()
        ? tr(
            "the EST server refused the request without giving a reason (credentials or proof of possession)")
        : tr("the EST server refused the request");
    CaError e
        = CaError::make(auth ? CaError::Code::Unauthorized : CaError::Code::HttpStatus, operation, message);
    e.httpStatus = response.status;
    e.serverMessage = said;
    return e;
}

Result<QList<QByteArray>> EstClient::certificatesFrom(const HttpResponse &response,
                                                      const QString &operation) const
{
    if (response.status != 200)
        return statusError(response, operation);
    // RFC 7030 4.1.3 / 4.2.3: application/pkcs7-mime (smime-type=certs-only).
    if (!contentTypeIs(response.contentType, "application/pkcs7-mime")) {
        CaError e = CaError::make(CaError::Code::WrongContentType, operation,
                                  tr("expected application/pkcs7-mime, got '%1'")
                                      .arg(QString::fromLatin1(response.contentType.left(100))));
        e.httpStatus = response.status;
        return e;
    }
    auto der = CertificateCodec::decodeEstBody(response.body, operation);
    if (!der)
        return der.error();
    return CertificateCodec::parsePkcs7Certificates(*der, operation);
}

void EstClient::getCaCertificates(std::shared_ptr<OperationBase> op,
                                  std::function<void(QList<QByteArray>)> onCertificates)
{
    HttpRequest r;
    r.url = operationUrl(QStringLiteral("cacerts"));
    r.operation = QStringLiteral("est/cacerts");
    r.headers = { { "Accept", "application/pkcs7-mime" } };
    send(op, r, [this, op, onCertificates](HttpResponse response) {
        auto certs = certificatesFrom(response, QStringLiteral("est/cacerts"));
        if (!certs) {
            op->fail(certs.error());
            return;
        }
        onCertificates(std::move(*certs));
    });
}

void EstClient::startFetchCaCertificates(std::shared_ptr<Operation<QList<QByteArray>>> op)
{
    getCaCertificates(op, [op](QList<QByteArray> certs) { op->succeed(std::move(certs)); });
}

void EstClient::startInfo(std::shared_ptr<Operation<CaInfo>> op)
{
    getCaCertificates(op, [this, op](QList<QByteArray> certs) {
        auto info = std::make_shared<CaInfo>();
        info->caCertificatesDer = std::move(certs);
        HttpRequest r;
        r.url = operationUrl(QStringLiteral("csrattrs"));
        r.operation = QStringLiteral("est/csrattrs");
        send(op, r, [this, op, info](HttpResponse response) {
            // RFC 7030 4.5.2: 204/404 mean "no attributes"; csrattrs is optional for servers, so an unusable
            // answer is a warning next to the CA certificates, never a failure of the whole request.
            const QString operation = QStringLiteral("est/csrattrs");
            if (response.status == 200) {
                auto der = CertificateCodec::decodeEstBody(response.body, operation);
                if (!der)
                    info->csrAttributesWarning = der.error().toString();
                else if (!isDerSequence(*der))
                    info->csrAttributesWarning
                        = tr("%1: the answer is not a DER CsrAttrs sequence (RFC 7030 4.5.2)").arg(operation);
                else
                    info->csrAttributesDer = *der;
            } else if (response.status != 204 && response.status != 404 && response.status != 501) {
                info->csrAttributesWarning = statusError(response, operation).toString();
            }
            op->succeed(std::move(*info));
        });
    });
}

void EstClient::startEnroll(std::shared_ptr<Operation<IssuedCertificate>> op, EnrollmentRequest request)
{
    auto state = std::make_shared<EnrollState>();
    state->spki = CertificateCodec::csrPublicKeyInfo(request.csrDer);
    if (state->spki.isEmpty()) {
        op->fail(CaError::make(CaError::Code::Configuration, QStringLiteral("est/simpleenroll"),
                               tr("the certificate request is not a parseable PKCS#10 structure")));
        return;
    }
    // RFC 7030 4.2.1: base64 DER body; RFC 8951 drops the Content-Transfer-Encoding requirement but
    // older servers expect the header.
    const QByteArray b64 = request.csrDer.toBase64();
    for (qsizetype i = 0; i < b64.size(); i += 64)
        state->body += b64.mid(i, 64) + "\r\n";
    state->request = std::move(request);
    state->sinceStart.start();
    postEnroll(std::move(op), std::move(state));
}

void EstClient::postEnroll(std::shared_ptr<Operation<IssuedCertificate>> op,
                           std::shared_ptr<EnrollState> state)
{
    HttpRequest r;
    r.verb = "POST";
    const QString name
        = state->request.renewal ? QStringLiteral("simplereenroll") : QStringLiteral("simpleenroll");
    r.url = operationUrl(name);
    r.operation = QStringLiteral("est/") + name;
    r.contentType = "application/pkcs10";
    r.headers = { { "Content-Transfer-Encoding", "base64" }, { "Accept", "application/pkcs7-mime" } };
    r.body = state->body;
    send(op, r,
         [this, op, state](HttpResponse response) { onEnrollResponse(op, state, std::move(response)); });
}

void EstClient::onEnrollResponse(std::shared_ptr<Operation<IssuedCertificate>> op,
                                 std::shared_ptr<EnrollState> state, HttpResponse response)
{
    const QString operation
        = state->request.renewal ? QStringLiteral("est/simplereenroll") : QStringLiteral("est/simpleenroll");
    if (response.status == 202) {
        // RFC 7030 4.2.3: the CA holds the request; repeat the same POST after Retry-After.
        const qint64 elapsed = state->sinceStart.elapsed();
        const qint64 budget = settings().maxPendingWait.count() - elapsed;
        const qint64 wait = retryAfterMs(response.retryAfter);
        if (++state->polls > settings().maxPendingPolls || wait > budget) {
            CaError e
                = CaError::make(CaError::Code::Pending, operation,
                                tr("the CA still holds the request for approval after %1 polls and %2 s")
                                    .arg(state->polls - 1)
                                    .arg(elapsed / 1000));
            e.httpStatus = 202;
            op->fail(e);
            return;
        }
        qCInfo(lcCa).noquote() << operation << "pending, retrying in" << wait << "ms (poll" << state->polls
                               << ")";
        auto *timer = new QTimer(this);
        timer->setSingleShot(true);
        connect(timer, &QTimer::timeout, this, [this, op, state, timer] {
            timer->deleteLater();
            op->setAbort({});
            if (!op->isDone())
                postEnroll(op, state);
        });
        op->setAbort([timer = QPointer<QTimer>(timer)] {
            if (timer) {
                timer->stop();
                timer->deleteLater();
            }
        });
        timer->start(int(wait));
        return;
    }
    auto certs = certificatesFrom(response, operation);
    if (!certs) {
        op->fail(certs.error());
        return;
    }
    const qsizetype leaf = CertificateCodec::pickLeaf(*certs, state->spki);
    IssuedCertificate issued;
    issued.certificateDer = certs->takeAt(leaf);
    issued.extraCertificatesDer = std::move(*certs);
    op->succeed(std::move(issued));
}

} // namespace ks::ca
