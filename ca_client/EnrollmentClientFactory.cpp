#include "ca_client/EnrollmentClientFactory.h"

#include "ca_client/CfsslClient.h"
#include "ca_client/EstClient.h"
#include "ca_client/HttpTransport.h"
#include "ca_client/ScepClient.h"

namespace ks::ca {

Result<std::unique_ptr<EnrollmentClient>> EnrollmentClientFactory::create(const CaSettings &settings,
                                                                          QObject *parent)
{
    auto transport = HttpTransport::create(settings);
    if (!transport)
        return transport.error();
    std::unique_ptr<EnrollmentClient> client;
    if (settings.protocol == CaSettings::Protocol::Scep) {
        if (settings.caCertificateSha256.size() != 32)
            return CaError::make(
                CaError::Code::Configuration, QStringLiteral("settings"),
                CaError::tr("SCEP needs the CA certificate's SHA-256 (caCertificateSha256)"));
        client = std::make_unique<ScepClient>(settings, std::move(*transport), parent);
    } else if (settings.protocol == CaSettings::Protocol::Est) {
        client = std::make_unique<EstClient>(settings, std::move(*transport), parent);
    } else {
        client = std::make_unique<CfsslClient>(settings, std::move(*transport), parent);
    }
    return client;
}

} // namespace ks::ca
