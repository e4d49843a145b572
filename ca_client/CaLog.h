#pragma once

#include <QLoggingCategory>

namespace ks::ca {
// "ks.ca": the CA client layer. Never logs passwords, HMAC keys or private keys.
Q_DECLARE_LOGGING_CATEGORY(lcCa)
} // namespace ks::ca
