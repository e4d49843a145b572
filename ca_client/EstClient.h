#pragma once

#include "ca_client/EnrollmentClient.h"

namespace ks::ca {

// EST (RFC 7030, with RFC 8951's clarification that bodies are base64 whatever the
// Content-Transfer-Encoding): cacerts, simpleenroll, simplereenroll, csrattrs; optional label segment;
// HTTP Basic and TLS client certificate authentication; 202 + Retry-After followed up to a bound.
class EstClient : public EnrollmentClient
{
    Q_OBJECT

public:
    EstClient(CaSettings settings, std::unique_ptr<HttpTransport> transport, QObject *parent = nullptr);
    QString protocolName() const override { return QStringLiteral("est"); }

    // https://host/.well-known/est[/label]/<operation>
    QUrl operationUrl(const QString &operation) const;

protected:
    void startEnroll(std::shared_ptr<Operation<IssuedCertificate>> op, EnrollmentRequest request) override;
    void startFetchCaCertificates(std::shared_ptr<Operation<QList<QByteArray>>> op) override;
    void startInfo(std::shared_ptr<Operation<CaInfo>> op) override;

private:
    struct EnrollState;
    void postEnroll(std::shared_ptr<Operation<IssuedCertificate>> op, std::shared_ptr<EnrollState> state);
    void onEnrollResponse(std::shared_ptr<Operation<IssuedCertificate>> op,
                          std::shared_ptr<EnrollState> state, HttpResponse response);
    void getCaCertificates(std::shared_ptr<OperationBase> op,
                           std::function<void(QList<QByteArray>)> onCertificates);
    // Common checks of a certs-only answer: status, content type, base64, PKCS#7.
    Result<QList<QByteArray>> certificatesFrom(const HttpResponse &response, const QString &operation) const;
    CaError statusError(const HttpResponse &response, const QString &operation) const;
};

} // namespace ks::ca
