#pragma once

#include <QByteArray>
#include <QString>

#include <p11-kit/pkcs11.h>

namespace ks::device::p11 {

// Bounds on what a key may answer. A token is untrusted input: an attribute length or an object count past
// these is refused as a malformed answer (that key fails), never allocated or looped over.
// The largest attribute read is a certificate's CKA_VALUE (a few kB; a USB key's whole store is tens of kB).
constexpr CK_ULONG kMaxAttributeLength = 64 * 1024;
// Objects one C_FindObjects search may list: a USB key holds a few dozen at most.
constexpr size_t kMaxFoundObjects = 1024;

// Blank-padded PKCS#11 text fields (CK_UTF8CHAR[n], not NUL-terminated) to QString.
inline QString text(const CK_UTF8CHAR *data, size_t size)
{
    QByteArray bytes(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    const auto nul = bytes.indexOf('\0');
    if (nul >= 0)
        bytes.truncate(nul);
    return QString::fromUtf8(bytes).trimmed();
}

inline CK_UTF8CHAR_PTR bytes(QByteArray &data)
{
    return reinterpret_cast<CK_UTF8CHAR_PTR>(data.data());
}

} // namespace ks::device::p11
