#pragma once

#include "ca_client/CaSettings.h"
#include "ca_client/EnrollmentClient.h"

#include <memory>

namespace ks::ca {

// Builds the client for settings.protocol, with its transport (trust anchors and client credentials loaded
// now, so a bad file is reported before the first key). The client lives in the calling thread.
class EnrollmentClientFactory
{
public:
    static Result<std::unique_ptr<EnrollmentClient>> create(const CaSettings &settings,
                                                            QObject *parent = nullptr);
};

} // namespace ks::ca
