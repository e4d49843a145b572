#pragma once

#include <QByteArray>
#include <QString>

#include <p11-kit/pkcs11.h>

namespace ks::device::p11 {

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
