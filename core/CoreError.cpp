#include "CoreError.h"

namespace ks::core {

QString CoreError::codeName() const
{
    switch (code) {
    case Code::None:
        return QStringLiteral("None");
    case Code::DatabaseOpen:
        return QStringLiteral("DatabaseOpen");
    case Code::DatabaseQuery:
        return QStringLiteral("DatabaseQuery");
    case Code::SchemaTooNew:
        return QStringLiteral("SchemaTooNew");
    case Code::NotFound:
        return QStringLiteral("NotFound");
    case Code::InvalidArgument:
        return QStringLiteral("InvalidArgument");
    case Code::Io:
        return QStringLiteral("Io");
    case Code::ProfileUnreadable:
        return QStringLiteral("ProfileUnreadable");
    case Code::ProfileNotJson:
        return QStringLiteral("ProfileNotJson");
    case Code::ProfileMissingField:
        return QStringLiteral("ProfileMissingField");
    case Code::ProfileWrongType:
        return QStringLiteral("ProfileWrongType");
    case Code::ProfileInvalidValue:
        return QStringLiteral("ProfileInvalidValue");
    case Code::ProfileUnknownField:
        return QStringLiteral("ProfileUnknownField");
    case Code::BadCredentials:
        return QStringLiteral("BadCredentials");
    case Code::AccountLocked:
        return QStringLiteral("AccountLocked");
    case Code::AccountDisabled:
        return QStringLiteral("AccountDisabled");
    case Code::PermissionDenied:
        return QStringLiteral("PermissionDenied");
    case Code::AlreadyExists:
        return QStringLiteral("AlreadyExists");
    case Code::FirstAdministratorExists:
        return QStringLiteral("FirstAdministratorExists");
    case Code::LastAdministrator:
        return QStringLiteral("LastAdministrator");
    case Code::BadgeChallengeUnknown:
        return QStringLiteral("BadgeChallengeUnknown");
    case Code::BadgeChainInvalid:
        return QStringLiteral("BadgeChainInvalid");
    case Code::BadgeSignatureInvalid:
        return QStringLiteral("BadgeSignatureInvalid");
    case Code::BadgeNoAccount:
        return QStringLiteral("BadgeNoAccount");
    case Code::Crypto:
        return QStringLiteral("Crypto");
    case Code::CaUnavailable:
        return QStringLiteral("CaUnavailable");
    case Code::LotInvalid:
        return QStringLiteral("LotInvalid");
    case Code::LotMismatch:
        return QStringLiteral("LotMismatch");
    }
    return QStringLiteral("Unknown");
}

QString CoreError::toString() const
{
    QString s = codeName();
    if (!field.isEmpty())
        s += QStringLiteral(" [%1]").arg(field);
    s += QStringLiteral(": ") + message;
    if (!detail.isEmpty())
        s += QStringLiteral(" (%1)").arg(detail);
    return s;
}

CoreError CoreError::make(Code code, QString message, QString field, QString detail)
{
    CoreError e;
    e.code = code;
    e.message = std::move(message);
    e.field = std::move(field);
    e.detail = std::move(detail);
    return e;
}

} // namespace ks::core
