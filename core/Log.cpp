#include "Log.h"

Q_LOGGING_CATEGORY(lcCore, "ks.core")
