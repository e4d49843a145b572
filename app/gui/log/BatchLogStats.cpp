#include "BatchLogStats.h"

#include <QMap>

#include <algorithm>

namespace ks::app {

QList<int> BatchLogStats::bucketPerMinute(const QList<core::AttemptRecord> &attempts, qint64 batchStartedMs)
{
    QList<int> buckets;
    for (const core::AttemptRecord &a : attempts) {
        if (a.state != QLatin1String("done") || a.endedMs == 0)
            continue;
        const qsizetype minute = std::max<qint64>(0, a.endedMs - batchStartedMs) / 60000;
        if (minute >= buckets.size())
            buckets.resize(minute + 1, 0);
        ++buckets[minute];
    }
    return buckets;
}

QList<QPair<QString, int>> BatchLogStats::countFailures(const QList<core::AttemptRecord> &attempts)
{
    QMap<QString, int> counts;
    for (const core::AttemptRecord &a : attempts)
        if (a.state == QLatin1String("failed") || a.state == QLatin1String("cancelled"))
            ++counts[a.errorCode];
    QList<QPair<QString, int>> out;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it)
        out.append({ it.key(), it.value() });
    std::stable_sort(out.begin(), out.end(),
                     [](const auto &l, const auto &r) { return l.second > r.second; });
    return out;
}

} // namespace ks::app
