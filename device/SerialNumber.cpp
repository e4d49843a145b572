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
        const char16_t u = c.unicode();
        if (u == u' ' || u == u'\t' || u == u'\n' || u == u'\r' || u == u'\v' || u == u'\f' || u == u':'
            || u == u'-')
            continue;
        // ASCII only: locale or Unicode case rules must never change a serial (nor the PIN derived from it).
        out.append(u >= u'a' && u <= u'z' ? QChar(char16_t(u - (u'a' - u'A'))) : c);
    }
    return out;
}

} // namespace ks::device
