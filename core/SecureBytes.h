#pragma once

// Wiping secrets lives in core/secrets/ (ca_client needs it too); core code keeps calling it as core::wipe.
#include "core/secrets/SecureBytes.h"

namespace ks::core {

using ks::SecretGuard;
using ks::wipe;

} // namespace ks::core
