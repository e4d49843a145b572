#pragma once

#include "ca_client/EnrollmentClient.h"

#include <QJsonObject>

namespace ks::ca {

// The CFSSL API as served by `cfssl serve` and `multirootca`: info, sign, authsign (HMAC-SHA256 token over
// the inner request), profile and label, mutual TLS. Errors carry cfssl's own code and message.
class CfsslClient : public EnrollmentClient
{
    Q_OBJECT

public:
    CfsslClient(CaSettings settings, std::unique_ptr<HttpTransport> transport, QObject *parent = nullptr);
    QString protocolName() const override { return QStringLiteral("cfssl"); }

    QUrl endpointUrl(const QString &endpoint) const;
    // The authsign body for an inner request R: {"token": base64(HMAC-SHA256(key, R)), "request": base64(R)}.
    static QByteArray authSignBody(const QByteArray &innerRequest, const QByteArray &hmacKey);
    // The "result" object of a CFSSL answer, or the error it reports. Static and public so the parser of
    // untrusted CA answers can be fuzzed on its own (tests/fuzz).
    static Result<QJsonObject> resultFrom(const HttpResponse &response, const QString &operation);

protected:
    void startEnroll(std::shared_ptr<Operation<IssuedCertificate>> op, EnrollmentRequest request) override;
    void startFetchCaCertificates(std::shared_ptr<Operation<QList<QByteArray>>> op) override;
    void startInfo(std::shared_ptr<Operation<CaInfo>> op) override;

private:
    // POST a JSON body; onResult gets the "result" object of a successful answer.
    void call(const std::shared_ptr<OperationBase> &op, const QString &endpoint, const QByteArray &body,
              std::function<void(QJsonObject)> onResult);
    QJsonObject baseRequest() const;
};

} // namespace ks::ca
