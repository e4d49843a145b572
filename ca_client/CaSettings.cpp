#include "ca_client/CaSettings.h"

namespace ks::ca {

QString CaSettings::protocolName(Protocol protocol)
{
    switch (protocol) {
    case Protocol::Est:
        return QStringLiteral("est");
    case Protocol::Cfssl:
        return QStringLiteral("cfssl");
    case Protocol::Scep:
        return QStringLiteral("scep");
    }
    return QString();
}

Result<CaSettings::Protocol> CaSettings::parseProtocol(const QString &name)
{
    const QString n = name.trimmed().toLower();
    if (n == u"est")
        return Protocol::Est;
    if (n == u"cfssl")
        return Protocol::Cfssl;
    if (n == u"scep")
        return Protocol::Scep;
    return CaError::make(CaError::Code::Configuration, QStringLiteral("settings"),
                         CaError::tr("unknown CA protocol '%1' (expected est, cfssl or scep)").arg(name));
}

Result<QByteArray> CaSettings::parsePin(const QString &text)
{
    QString t = text.trimmed();
    if (t.startsWith(u"sha256//"))
        t = t.mid(8);
    QString hex = t;
    hex.remove(QLatin1Char(':'));
    QByteArray raw;
    if (hex.size() == 64) {
        raw = QByteArray::fromHex(hex.toLatin1());
    } else {
        const auto decoded
            = QByteArray::fromBase64Encoding(t.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
        if (decoded)
            raw = *decoded;
    }
    if (raw.size() != 32)
        return CaError::make(CaError::Code::Configuration, QStringLiteral("settings"),
                             CaError::tr("the pin is not a SHA-256 digest (64 hex digits or base64)"));
    return raw;
}

bool CaSettings::hasUserInfo(const QUrl &url)
{
    return !url.userInfo().isEmpty() || url.authority(QUrl::FullyEncoded).contains(u'@');
}

} // namespace ks::ca
