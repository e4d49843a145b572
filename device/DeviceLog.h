#pragma once

#include <QLoggingCategory>

namespace ks::device {
Q_DECLARE_LOGGING_CATEGORY(lcDevice)
}
