#include "ca_client/CaLog.h"

namespace ks::ca {
Q_LOGGING_CATEGORY(lcCa, "ks.ca")
} // namespace ks::ca
