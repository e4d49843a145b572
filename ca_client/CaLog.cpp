#include "ca_client/CaLog.h"

namespace ks::ca {
// Debug lines (one per request) are off unless QT_LOGGING_RULES="ks.ca.debug=true".
Q_LOGGING_CATEGORY(lcCa, "ks.ca", QtInfoMsg)
} // namespace ks::ca
