#include "Profile.h"

#include "PinDerivation.h"

namespace ks::core {

QString Profile::algorithmName(KeyAlgorithm a)
{
    return device::KeyAlgorithms::name(a);
}

std::optional<Profile::KeyAlgorithm> Profile::algorithmFromName(const QString &name)
{
    // Exact names only in a profile file (the device layer also accepts other spellings).
    const auto a = device::KeyAlgorithms::fromName(name);
    if (a && device::KeyAlgorithms::name(*a) == name)
        return a;
    return std::nullopt;
}

std::chrono::seconds Profile::defaultKeyGenerationTimeout(KeyAlgorithm a)
{
    // Published JavaCard figures: RSA-2048 2-32 s, RSA-4096 26-93 s, EC well under a second.
    switch (a) {
    case KeyAlgorithm::Rsa2048:
        return std::chrono::seconds(60);
    case KeyAlgorithm::Rsa3072:
        return std::chrono::seconds(180);
    case KeyAlgorithm::Rsa4096:
        return std::chrono::seconds(300);
    case KeyAlgorithm::EcP256:
    case KeyAlgorithm::EcP384:
        return std::chrono::seconds(30);
    }
    return std::chrono::seconds(60);
}

QString Profile::expand(const QString &templ, const QString &serial) const
{
    QString out = templ;
    out.replace(QStringLiteral("${serial}"), PinDerivation::normaliseSerial(serial));
    return out;
}

QList<ca::CertificatePolicy::SubjectAttribute> Profile::expectedSubject(const QString &serial) const
{
    using P = ca::CertificatePolicy;
    const std::pair<QString, QString> fields[] = { { P::CountryOid, subject.country },
                                                   { P::OrganizationOid, subject.organization },
                                                   { P::OrganizationalUnitOid, subject.organizationalUnit },
                                                   { P::SerialNumberOid, subject.serialNumber },
                                                   { P::CommonNameOid, subject.commonName } };
    QList<P::SubjectAttribute> out;
    for (const auto &[oid, templ] : fields)
        out.append({ oid, expand(templ, serial), templ.contains(QStringLiteral("${serial}")) });
    return out;
}

QString Profile::extendedKeyUsageOid(const QString &name)
{
    using P = ca::CertificatePolicy;
    if (name == QLatin1String("clientAuth"))
        return P::ClientAuthOid;
    if (name == QLatin1String("serverAuth"))
        return P::ServerAuthOid;
    if (name == QLatin1String("codeSigning"))
        return P::CodeSigningOid;
    if (name == QLatin1String("emailProtection"))
        return P::EmailProtectionOid;
    if (name == QLatin1String("smartcardLogon"))
        return P::SmartcardLogonOid;
    return name; // a dotted OID
}

} // namespace ks::core
