#include "device/SerialNumber.h"

namespace ks::device {

QString SerialNumber::normalise(const QByteArray &raw)
{
    QByteArray bytes = raw;
    const auto nul = bytes.indexOf('\0');
    if (nul >= 0)
        bytes.truncate(nul);
    for (char c : bytes) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u > 0x7e)
            return QString::fromLatin1(raw.toHex().toUpper());
    }
    return normalise(QString::fromLatin1(bytes));
}

QString SerialNumber::normalise(const QString &text)
{
    QString out;
    out.reserve(text.size());
    for (QChar c : text) {
        if (c.isSpace() || c == QLatin1Char(':') || c == QLatin1Char('-'))
            continue;
        out.append(c.toUpper());
    }
    return out;
}

} // namespace ks::device
