#include "device/DeviceError.h"

#include <p11-kit/pkcs11.h>

namespace ks::device {

namespace {

struct CkrName
{
    CK_RV rv;
    const char *name;
};

// The return values a station meets in practice; anything else prints as hex.
constexpr CkrName kCkrNames[] = {
    { CKR_OK, "CKR_OK" },
    { CKR_CANCEL, "CKR_CANCEL" },
    { CKR_HOST_MEMORY, "CKR_HOST_MEMORY" },
    { CKR_SLOT_ID_INVALID, "CKR_SLOT_ID_INVALID" },
    { CKR_GENERAL_ERROR, "CKR_GENERAL_ERROR" },
    { CKR_FUNCTION_FAILED, "CKR_FUNCTION_FAILED" },
    { CKR_ARGUMENTS_BAD, "CKR_ARGUMENTS_BAD" },
    { CKR_NO_EVENT, "CKR_NO_EVENT" },
    { CKR_CANT_LOCK, "CKR_CANT_LOCK" },
    { CKR_ATTRIBUTE_READ_ONLY, "CKR_ATTRIBUTE_READ_ONLY" },
    { CKR_ATTRIBUTE_SENSITIVE, "CKR_ATTRIBUTE_SENSITIVE" },
    { CKR_ATTRIBUTE_TYPE_INVALID, "CKR_ATTRIBUTE_TYPE_INVALID" },
    { CKR_ATTRIBUTE_VALUE_INVALID, "CKR_ATTRIBUTE_VALUE_INVALID" },
    { CKR_DATA_INVALID, "CKR_DATA_INVALID" },
    { CKR_DATA_LEN_RANGE, "CKR_DATA_LEN_RANGE" },
    { CKR_DEVICE_ERROR, "CKR_DEVICE_ERROR" },
    { CKR_DEVICE_MEMORY, "CKR_DEVICE_MEMORY" },
    { CKR_DEVICE_REMOVED, "CKR_DEVICE_REMOVED" },
    { CKR_FUNCTION_CANCELED, "CKR_FUNCTION_CANCELED" },
    { CKR_FUNCTION_NOT_SUPPORTED, "CKR_FUNCTION_NOT_SUPPORTED" },
    { CKR_KEY_HANDLE_INVALID, "CKR_KEY_HANDLE_INVALID" },
    { CKR_KEY_SIZE_RANGE, "CKR_KEY_SIZE_RANGE" },
    { CKR_KEY_TYPE_INCONSISTENT, "CKR_KEY_TYPE_INCONSISTENT" },
    { CKR_KEY_FUNCTION_NOT_PERMITTED, "CKR_KEY_FUNCTION_NOT_PERMITTED" },
    { CKR_MECHANISM_INVALID, "CKR_MECHANISM_INVALID" },
    { CKR_MECHANISM_PARAM_INVALID, "CKR_MECHANISM_PARAM_INVALID" },
    { CKR_OBJECT_HANDLE_INVALID, "CKR_OBJECT_HANDLE_INVALID" },
    { CKR_OPERATION_ACTIVE, "CKR_OPERATION_ACTIVE" },
    { CKR_OPERATION_NOT_INITIALIZED, "CKR_OPERATION_NOT_INITIALIZED" },
    { CKR_PIN_INCORRECT, "CKR_PIN_INCORRECT" },
    { CKR_PIN_INVALID, "CKR_PIN_INVALID" },
    { CKR_PIN_LEN_RANGE, "CKR_PIN_LEN_RANGE" },
    { CKR_PIN_EXPIRED, "CKR_PIN_EXPIRED" },
    { CKR_PIN_LOCKED, "CKR_PIN_LOCKED" },
    { CKR_SESSION_CLOSED, "CKR_SESSION_CLOSED" },
    { CKR_SESSION_COUNT, "CKR_SESSION_COUNT" },
    { CKR_SESSION_HANDLE_INVALID, "CKR_SESSION_HANDLE_INVALID" },
    { CKR_SESSION_READ_ONLY, "CKR_SESSION_READ_ONLY" },
    { CKR_SESSION_EXISTS, "CKR_SESSION_EXISTS" },
    { CKR_SIGNATURE_INVALID, "CKR_SIGNATURE_INVALID" },
    { CKR_TEMPLATE_INCOMPLETE, "CKR_TEMPLATE_INCOMPLETE" },
    { CKR_TEMPLATE_INCONSISTENT, "CKR_TEMPLATE_INCONSISTENT" },
    { CKR_TOKEN_NOT_PRESENT, "CKR_TOKEN_NOT_PRESENT" },
    { CKR_TOKEN_NOT_RECOGNIZED, "CKR_TOKEN_NOT_RECOGNIZED" },
    { CKR_TOKEN_WRITE_PROTECTED, "CKR_TOKEN_WRITE_PROTECTED" },
    { CKR_USER_ALREADY_LOGGED_IN, "CKR_USER_ALREADY_LOGGED_IN" },
    { CKR_USER_NOT_LOGGED_IN, "CKR_USER_NOT_LOGGED_IN" },
    { CKR_USER_PIN_NOT_INITIALIZED, "CKR_USER_PIN_NOT_INITIALIZED" },
    { CKR_USER_TYPE_INVALID, "CKR_USER_TYPE_INVALID" },
    { CKR_USER_ANOTHER_ALREADY_LOGGED_IN, "CKR_USER_ANOTHER_ALREADY_LOGGED_IN" },
    { CKR_BUFFER_TOO_SMALL, "CKR_BUFFER_TOO_SMALL" },
    { CKR_CRYPTOKI_NOT_INITIALIZED, "CKR_CRYPTOKI_NOT_INITIALIZED" },
    { CKR_CRYPTOKI_ALREADY_INITIALIZED, "CKR_CRYPTOKI_ALREADY_INITIALIZED" },
};

QString messageForCkr(CK_RV rv)
{
    switch (rv) {
    case CKR_DEVICE_REMOVED:
    case CKR_TOKEN_NOT_PRESENT:
    case CKR_SLOT_ID_INVALID:
        return DeviceError::tr("The key was removed.");
    case CKR_DEVICE_ERROR:
        return DeviceError::tr("The key reported a hardware error.");
    case CKR_DEVICE_MEMORY:
        return DeviceError::tr("The key is full.");
    case CKR_PIN_INCORRECT:
        return DeviceError::tr("Wrong PIN.");
    case CKR_PIN_LOCKED:
        return DeviceError::tr("The key's PIN is locked.");
    case CKR_TOKEN_WRITE_PROTECTED:
        return DeviceError::tr("The key is write-protected.");
    case CKR_MECHANISM_INVALID:
    case CKR_KEY_SIZE_RANGE:
        return DeviceError::tr("The key does not support this algorithm.");
    case CKR_USER_NOT_LOGGED_IN:
        return DeviceError::tr("The key is not logged in.");
    default:
        return DeviceError::tr("The key refused the operation.");
    }
}

} // namespace

QString ckrToString(unsigned long rv)
{
    for (const auto &entry : kCkrNames) {
        if (entry.rv == rv)
            return QLatin1String(entry.name);
    }
    if (rv & CKR_VENDOR_DEFINED)
        return QStringLiteral("CKR_VENDOR_DEFINED+0x%1").arg(rv & ~CKR_VENDOR_DEFINED, 0, 16);
    return QStringLiteral("0x%1").arg(rv, 8, 16, QLatin1Char('0'));
}

QString DeviceError::ckrName() const
{
    return ckrToString(ckr);
}

QString DeviceError::toString() const
{
    QString text = message;
    if (!call.isEmpty() && ckr != CKR_OK)
        text += QLatin1Char(' ') + tr("(PKCS#11 function '%1' failed: %2)").arg(call, ckrName());
    else if (!call.isEmpty())
        text += QStringLiteral(" (%1)").arg(call);
    if (!serial.isEmpty())
        text = tr("Key %1: %2").arg(serial, text);
    return text;
}

DeviceError DeviceError::fromCkr(QString call, unsigned long rv, QString serial)
{
    DeviceError error;
    switch (rv) {
    case CKR_DEVICE_REMOVED:
    case CKR_TOKEN_NOT_PRESENT:
    case CKR_SLOT_ID_INVALID:
        error.code = Code::TokenAbsent;
        break;
    case CKR_PIN_INCORRECT:
        error.code = Code::PinIncorrect;
        break;
    case CKR_PIN_LOCKED:
        error.code = Code::PinLocked;
        break;
    case CKR_MECHANISM_INVALID:
    case CKR_KEY_SIZE_RANGE:
        error.code = Code::Unsupported;
        break;
    default:
        error.code = Code::Pkcs11;
    }
    error.call = std::move(call);
    error.ckr = rv;
    error.serial = std::move(serial);
    error.message = messageForCkr(rv);
    return error;
}

DeviceError DeviceError::make(Code code, QString message, QString serial, QString call)
{
    DeviceError error;
    error.code = code;
    error.message = std::move(message);
    error.serial = std::move(serial);
    error.call = std::move(call);
    return error;
}

} // namespace ks::device
