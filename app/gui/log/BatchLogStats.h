#pragma once

#include "core/JournalTypes.h"

#include <QList>
#include <QPair>
#include <QString>

namespace ks::app {

// The numbers behind the batch log's charts, kept apart from the chart widgets so they can be checked.
struct BatchLogStats
{
    // Completed ("done") attempts per minute since the batch started, by the time each attempt ended:
    // keysPerMinute[i] counts keys finished in minute i (0-based). Empty when none finished.
    QList<int> keysPerMinute;
    // Failed and cancelled attempts per error code, most frequent first (ties by code).
    QList<QPair<QString, int>> failuresByReason;
    QString batchId; // the batch keysPerMinute is about
    qint64 batchStartedMs = 0;

    static QList<int> bucketPerMinute(const QList<core::AttemptRecord> &attempts, qint64 batchStartedMs);
    static QList<QPair<QString, int>> countFailures(const QList<core::AttemptRecord> &attempts);
};

} // namespace ks::app
