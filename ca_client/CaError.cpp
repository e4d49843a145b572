#include "ca_client/CaError.h"

namespace ks::ca {

QString CaError::codeName(Code code)
{
    switch (code) {
    case Code::None:
        return QStringLiteral("None");
    case Code::Configuration:
        return QStringLiteral("Configuration");
    case Code::Network:
        return QStringLiteral("Network");
    case Code::Timeout:
        return QStringLiteral("Timeout");
    case Code::Cancelled:
        return QStringLiteral("Cancelled");
    case Code::Tls:
        return QStringLiteral("Tls");
    case Code::PinMismatch:
        return QStringLiteral("PinMismatch");
    case Code::HttpStatus:
        return QStringLiteral("HttpStatus");
    case Code::Unauthorized:
        return QStringLiteral("Unauthorized");
    case Code::Pending:
        return QStringLiteral("Pending");
    case Code::BadBase64:
        return QStringLiteral("BadBase64");
    case Code::BadPkcs7:
        return QStringLiteral("BadPkcs7");
    case Code::BadPem:
        return QStringLiteral("BadPem");
    case Code::BadJson:
        return QStringLiteral("BadJson");
    case Code::EmptyResponse:
        return QStringLiteral("EmptyResponse");
    case Code::WrongContentType:
        return QStringLiteral("WrongContentType");
    case Code::TooLarge:
        return QStringLiteral("TooLarge");
    case Code::Truncated:
        return QStringLiteral("Truncated");
    case Code::CaRefused:
        return QStringLiteral("CaRefused");
    case Code::NotParseable:
        return QStringLiteral("NotParseable");
    case Code::UntrustedChain:
        return QStringLiteral("UntrustedChain");
    case Code::PublicKeyMismatch:
        return QStringLiteral("PublicKeyMismatch");
    case Code::SerialMismatch:
        return QStringLiteral("SerialMismatch");
    case Code::NotYetValid:
        return QStringLiteral("NotYetValid");
    case Code::Expired:
        return QStringLiteral("Expired");
    case Code::ValidityTooShort:
        return QStringLiteral("ValidityTooShort");
    case Code::KeyUsageMismatch:
        return QStringLiteral("KeyUsageMismatch");
    case Code::ExtendedKeyUsageMismatch:
        return QStringLiteral("ExtendedKeyUsageMismatch");
    case Code::IsCaCertificate:
        return QStringLiteral("IsCaCertificate");
    case Code::SubjectMismatch:
        return QStringLiteral("SubjectMismatch");
    case Code::WeakAlgorithm:
        return QStringLiteral("WeakAlgorithm");
    case Code::UnhandledCriticalExtension:
        return QStringLiteral("UnhandledCriticalExtension");
    case Code::RequesterKey:
        return QStringLiteral("RequesterKey");
    case Code::CaCertificateMismatch:
        return QStringLiteral("CaCertificateMismatch");
    case Code::BadMessage:
        return QStringLiteral("BadMessage");
    case Code::ScepBadAlg:
        return QStringLiteral("ScepBadAlg");
    case Code::ScepBadMessageCheck:
        return QStringLiteral("ScepBadMessageCheck");
    case Code::ScepBadRequest:
        return QStringLiteral("ScepBadRequest");
    case Code::ScepBadTime:
        return QStringLiteral("ScepBadTime");
    case Code::ScepBadCertId:
        return QStringLiteral("ScepBadCertId");
    }
    return QStringLiteral("Unknown");
}

QString CaError::toString() const
{
    QString line = operation.isEmpty() ? message : tr("%1: %2").arg(operation, message);
    QStringList details;
    if (httpStatus != 0)
        details << tr("HTTP %1").arg(httpStatus);
    if (serverCode != 0 || !serverMessage.isEmpty())
        details << tr("server says: %1%2")
                       .arg(serverCode != 0 ? QString::number(serverCode) + QStringLiteral(" ") : QString(),
                            serverMessage);
    if (!details.isEmpty())
        line += QStringLiteral(" (") + details.join(QStringLiteral("; ")) + QStringLiteral(")");
    if (!serial.isEmpty())
        line += tr(" [key %1]").arg(serial);
    return line + QStringLiteral(" [") + codeName(code) + QStringLiteral("]");
}

CaError CaError::make(Code code, QString operation, QString message, QString serial)
{
    CaError e;
    e.code = code;
    e.operation = std::move(operation);
    e.message = std::move(message);
    e.serial = std::move(serial);
    return e;
}

} // namespace ks::ca
