#pragma once

#include "base/Expected.h"

#include <QCoreApplication>
#include <QString>

namespace ks::core {

// A failure of the core layer (journal, operators, profiles, badge login), as a value.
struct CoreError
{
    Q_DECLARE_TR_FUNCTIONS(ks::core::CoreError)

public:
    enum class Code
    {
        None,
        // journal
        DatabaseOpen, // the driver could not open the database
        DatabaseQuery, // a statement failed (see detail)
        SchemaTooNew, // the database was written by a newer KeyStation
        NotFound, // no batch / attempt / operator with that id
        InvalidArgument,
        Io, // a file could not be read or written
        // profiles
        ProfileUnreadable,
        ProfileNotJson,
        ProfileMissingField,
        ProfileWrongType,
        ProfileInvalidValue,
        ProfileUnknownField,
        // operators
        BadCredentials, // unknown operator or wrong secret (deliberately not told apart)
        AccountLocked, // too many consecutive failures; retry after the lock-out period
        AccountDisabled,
        PermissionDenied, // the operator's role does not allow this
        AlreadyExists,
        FirstAdministratorExists,
        LastAdministrator, // the change would leave no enabled administrator
        // badge
        BadgeChallengeUnknown, // never issued, already used or expired
        BadgeChainInvalid,
        BadgeSignatureInvalid,
        BadgeNoAccount,
        Crypto,
        // CA
        CaUnavailable, // the CA could not be used; detail holds the CA client's code (Network, Tls, ...)
        // lots (docs/lots.md)
        LotInvalid, // the lot manifest is unreadable, not JSON or breaks a rule; field names the offending
                    // field
        LotMismatch, // the lot is for another profile than the station's
    };

    Code code = Code::None;
    QString field; // the offending profile field ("ca.url"), or the table/record for journal errors
    QString detail; // driver text or other technical detail (never a secret)
    QString message; // translated, operator-readable

    QString codeName() const;
    // "ProfileInvalidValue [ca.url]: …": one line for logs and the CLI.
    QString toString() const;

    static CoreError make(Code code, QString message, QString field = {}, QString detail = {});
};

template<class T> using Result = ks::Expected<T, CoreError>;
using Status = ks::Expected<void, CoreError>;

} // namespace ks::core
