#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace ks::device {

// What goes into a PKCS#10 request apart from the key: no personal data, only the key's identity and usage.
struct CsrRequest
{
    // Subject RDNs in order, by OpenSSL short name: {"CN", serial}, {"serialNumber", serial}, {"O", ...}.
    QList<QPair<QString, QString>> subject;
    // keyUsage as OpenSSL config words ("digitalSignature", "keyEncipherment"), requested critical.
    QStringList keyUsage;
    // extendedKeyUsage as short names or dotted OIDs ("clientAuth", "1.3.6.1.5.5.7.3.2").
    QStringList extendedKeyUsage;
    // PKCS#9 challengePassword, for CAs that take an enrolment code this way (EJBCA, RFC 7030 §3.5 users).
    QByteArray challengePassword;
};

} // namespace ks::device
