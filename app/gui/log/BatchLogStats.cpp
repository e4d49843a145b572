#include "BatchLogStats.h"

#include "LogColors.h"
#include "LogText.h"

#include <QHash>
#include <QMap>

#include <algorithm>

namespace ks::app {

namespace {

// Each key's attempts reduced to the one that decides how it counts: the first that provisioned it, else
// the first that found it already provisioned, else its last (by start time).
QList<const core::AttemptRecord *> decidingAttempts(const QList<core::AttemptRecord> &attempts)
{
    QHash<QString, const core::AttemptRecord *> byKey;
    QStringList order;
    auto rank = [](const core::AttemptRecord &a) {
        if (a.state == QLatin1String("done"))
            return LogText::isAlreadyProvisioned(a) ? 1 : 2;
        return 0;
    };
    for (const core::AttemptRecord &a : attempts) {
        const core::AttemptRecord *&kept = byKey[a.serial];
        if (!kept) {
            order << a.serial;
            kept = &a;
            continue;
        }
        const int r = rank(a), k = rank(*kept);
        if (r > k || (r == k && r == 0 && a.startedMs >= kept->startedMs))
            kept = &a;
    }
    QList<const core::AttemptRecord *> out;
    for (const QString &serial : std::as_const(order))
        out << byKey.value(serial);
    return out;
}

bool isFailure(const QString &state)
{
    return state == QLatin1String("failed") || state == QLatin1String("cancelled")
        || state == QLatin1String("interrupted");
}

} // namespace

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
    for (const core::AttemptRecord *a : decidingAttempts(attempts))
        if (a->state == QLatin1String("failed") || a->state == QLatin1String("cancelled"))
            ++counts[a->errorCode];
    QList<QPair<QString, int>> out;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it)
        out.append({ it.key(), it.value() });
    std::stable_sort(out.begin(), out.end(),
                     [](const auto &l, const auto &r) { return l.second > r.second; });
    return out;
}

BatchLogStats::KeyCounts BatchLogStats::countKeys(const QList<core::AttemptRecord> &attempts)
{
    KeyCounts c;
    c.attempts = int(attempts.size());
    for (const core::AttemptRecord &a : attempts)
        c.failedAttempts += isFailure(a.state);
    for (const core::AttemptRecord *a : decidingAttempts(attempts)) {
        ++c.keys;
        if (a->state == QLatin1String("done"))
            ++(LogText::isAlreadyProvisioned(*a) ? c.alreadyProvisioned : c.provisioned);
        else if (a->state == QLatin1String("cancelled"))
            ++c.cancelled;
        else if (a->state == QLatin1String("running"))
            ++c.running;
        else
            ++c.failed;
    }
    return c;
}

QString BatchLogStats::keyCountsText(const KeyCounts &c, bool html)
{
    auto coloured = [html](const QString &text, const QString &state) {
        return html ? QStringLiteral("<span style=\"color:%1\">%2</span>")
                          .arg(LogColors::stateForeground(state).name(), text.toHtmlEscaped())
                    : text;
    };
    QStringList parts;
    parts << coloured(tr("%1 provisioned").arg(c.provisioned), QStringLiteral("done"));
    parts << coloured(tr("%1 already provisioned").arg(c.alreadyProvisioned),
                      LogText::alreadyProvisionedState());
    parts << coloured(tr("%1 failed").arg(c.failed), QStringLiteral("failed"));
    parts << coloured(tr("%1 cancelled").arg(c.cancelled), QStringLiteral("cancelled"));
    if (c.running)
        parts << coloured(tr("%1 running").arg(c.running), QStringLiteral("running"));
    const QString head = tr("%1 attempts of %2 keys").arg(c.attempts).arg(c.keys);
    const QString tail = tr("(a key counts once)");
    return (html ? head.toHtmlEscaped() : head) + QStringLiteral(" — ") + parts.join(QStringLiteral(", "))
        + QStringLiteral(" ") + (html ? tail.toHtmlEscaped() : tail);
}

QString BatchLogStats::keyCountsExplained(const KeyCounts &c)
{
    return tr("Keys are counted by hardware serial, once each: provisioned if any of its attempts shown "
              "provisioned it, already provisioned if one found the profile's certificate on it, otherwise "
              "by "
              "its last attempt. A key that failed twice and then succeeded is one provisioned key; a key "
              "that "
              "failed twice is one failed key. %1 of the %2 attempts shown ended failed, cancelled or "
              "interrupted.")
        .arg(c.failedAttempts)
        .arg(c.attempts);
}

} // namespace ks::app
