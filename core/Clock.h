#pragma once

#include <QDateTime>

#include <functional>

namespace ks::core {

// Injected time source: lock-out periods, badge challenge expiry and journal timestamps are tested with a
// scripted clock instead of sleeping.
using Clock = std::function<QDateTime()>;

inline Clock systemClock()
{
    return [] { return QDateTime::currentDateTimeUtc(); };
}

} // namespace ks::core
