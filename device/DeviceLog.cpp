#include "device/DeviceLog.h"

namespace ks::device {
Q_LOGGING_CATEGORY(lcDevice, "ks.device", QtInfoMsg)
}
