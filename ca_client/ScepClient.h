#pragma once

#include "ca_client/EnrollmentClient.h"
#include "ca_client/ScepMessage.h"

namespace ks::ca {

// SCEP (RFC 8894): GetCACaps, GetCACert (CA, or CA + RA as certs-only PKCS#7), PKCSReq, CertRep SUCCESS /
// PENDING (CertPoll up to maxPendingPolls / maxPendingWait) / FAILURE. Trust: the CA certificate must hash
// to CaSettings::caCertificateSha256 before any request leaves; the CertRep must be signed by that CA (or an
// RA it certified) and answer our transaction and nonce. Signing and opening run on the requester key (the
// token) in a pool thread; the client's thread never waits for it.
class ScepClient : public EnrollmentClient
{
    Q_OBJECT

public:
    ScepClient(CaSettings settings, std::unique_ptr<HttpTransport> transport, QObject *parent = nullptr);
    QString protocolName() const override { return QStringLiteral("scep"); }

    // baseUrl?operation=NAME[&message=...]
    QUrl operationUrl(const QString &operation, const QByteArray &message = {}) const;

    // What GetCACert gave, once the pin is checked: the pinned CA first, then RA certificates it signed.
    struct CaCertificates
    {
        QList<QByteArray> all; // as the CA sent them
        QByteArray caDer; // the pinned one
        QList<QByteArray> raDer; // certified by the CA, not a CA themselves
        QByteArray recipientDer; // who the request is encrypted to: an RA with keyEncipherment, else the CA
    };
    // Public and static so the parser of untrusted answers can be tested and fuzzed on its own.
    static Result<CaCertificates> caCertificatesFrom(const HttpResponse &response, const QByteArray &pin);

protected:
    void startEnroll(std::shared_ptr<Operation<IssuedCertificate>> op, EnrollmentRequest request) override;
    void startFetchCaCertificates(std::shared_ptr<Operation<QList<QByteArray>>> op) override;
    void startInfo(std::shared_ptr<Operation<CaInfo>> op) override;

private:
    struct EnrollState;
    void getCaps(std::shared_ptr<OperationBase> op, std::function<void(ScepCapabilities)> next);
    void getCaCert(std::shared_ptr<OperationBase> op, std::function<void(CaCertificates)> next);
    void sendPkiMessage(std::shared_ptr<Operation<IssuedCertificate>> op, std::shared_ptr<EnrollState> state,
                        ScepMessage::MessageType type);
    void onCertRep(std::shared_ptr<Operation<IssuedCertificate>> op, std::shared_ptr<EnrollState> state,
                   HttpResponse response);
    void schedulePoll(std::shared_ptr<Operation<IssuedCertificate>> op, std::shared_ptr<EnrollState> state);
    void openCertificates(std::shared_ptr<Operation<IssuedCertificate>> op,
                          std::shared_ptr<EnrollState> state, QByteArray envelopeDer);
};

} // namespace ks::ca
