#pragma once

#include <QLoggingCategory>

// The core layer's logging category ("ks.core"). Never log a PIN, password, HMAC key or private key.
Q_DECLARE_LOGGING_CATEGORY(lcCore)
