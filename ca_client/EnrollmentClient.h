#pragma once

#include "ca_client/CaError.h"
#include "ca_client/CaSettings.h"
#include "ca_client/Operation.h"

#include <QByteArray>
#include <QFuture>
#include <QHash>
#include <QList>
#include <QObject>
#include <QStringList>

#include <functional>
#include <memory>

namespace ks::ca {

class HttpTransport;
class ScepRequesterKey;
struct HttpRequest;
struct HttpResponse;

struct EnrollmentRequest
{
    QByteArray csrDer; // PKCS#10, signed by the key (an EST enrolment code goes in as its challengePassword)
    QString serial; // the key's hardware serial, for errors and logs
    bool renewal = false; // EST: simplereenroll instead of simpleenroll (CFSSL: no difference)
    // SCEP only (null for EST/CFSSL): signs the PKIMessage and opens the CertRep envelope. The CSR must carry
    // CaSettings::challengePassword as its challengePassword attribute (RFC 8894 2.2).
    std::shared_ptr<ScepRequesterKey> requesterKey;
};

struct IssuedCertificate
{
    QByteArray certificateDer; // the certificate for the request's key (or what the CA sent)
    QList<QByteArray> extraCertificatesDer; // anything else in the answer (chain), DER
};

struct CaInfo
{
    QList<QByteArray> caCertificatesDer; // EST cacerts / CFSSL info certificate (+bundle)
    QStringList usages; // CFSSL: the profile's usages
    QString expiry; // CFSSL: the profile's validity, e.g. "8760h"
    QByteArray csrAttributesDer; // EST csrattrs (RFC 7030 4.5), empty when the CA has none
    QString csrAttributesWarning; // EST: the optional csrattrs answer was unusable (why); the rest stands
    QStringList capabilities; // SCEP GetCACaps keywords, as the CA wrote them
};

// One CA endpoint, whatever the protocol. The object lives in its owner's thread (which must run an event
// loop); enroll(), fetchCaCertificates(), info() and cancelAll() may be called from ANY thread. Each returned
// future finishes exactly once with a value or a typed CaError. QFuture::cancel() aborts the request; the
// future then ends canceled, without a result. cancelAll() and destruction finish everything pending with
// CaError::Code::Cancelled.
class EnrollmentClient : public QObject
{
    Q_OBJECT

public:
    ~EnrollmentClient() override;

    QFuture<Result<IssuedCertificate>> enroll(EnrollmentRequest request);
    QFuture<Result<QList<QByteArray>>> fetchCaCertificates();
    QFuture<Result<CaInfo>> info();
    void cancelAll();

    // Immutable after construction, so readable from any thread.
    const CaSettings &settings() const { return m_settings; }
    virtual QString protocolName() const = 0;

protected:
    EnrollmentClient(CaSettings settings, std::unique_ptr<HttpTransport> transport, QObject *parent);

    // Client thread. Each finishes op (succeed/fail) exactly once, possibly after several sends.
    virtual void startEnroll(std::shared_ptr<Operation<IssuedCertificate>> op, EnrollmentRequest request) = 0;
    virtual void startFetchCaCertificates(std::shared_ptr<Operation<QList<QByteArray>>> op) = 0;
    virtual void startInfo(std::shared_ptr<Operation<CaInfo>> op) = 0;

    // Sends one request as op's current step; onResponse runs only while op is open, transport errors fail
    // op.
    void send(const std::shared_ptr<OperationBase> &op, HttpRequest request,
              std::function<void(HttpResponse)> onResponse);
    // Text of an error body for CaError::serverMessage: printable, trimmed, capped.
    static QString serverText(const QByteArray &body);

    HttpTransport *transport() const { return m_transport; }

private:
    template<class T, class Start> QFuture<Result<T>> dispatch(Start start);

    const CaSettings m_settings;
    HttpTransport *m_transport; // child
    QHash<OperationBase *, std::shared_ptr<OperationBase>> m_operations;
};

} // namespace ks::ca
