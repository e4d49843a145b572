#pragma once

#include "core/JournalTypes.h"

#include <QCoreApplication>
#include <QList>
#include <QPair>
#include <QString>

namespace ks::app {

// The numbers behind the batch log's counts and charts, kept apart from the widgets so they can be checked.
struct BatchLogStats
{
    Q_DECLARE_TR_FUNCTIONS(ks::app::BatchLogStats)

public:
    // Keys, not attempts: a key (hardware serial) counts once, as provisioned when any of its attempts shown
    // provisioned it, as already provisioned when one found it so, otherwise by its last attempt. A key that
    // failed twice then succeeded is one provisioned key; a key that failed twice is one failed key.
    struct KeyCounts
    {
        int attempts = 0;
        int keys = 0;
        int provisioned = 0;
        int alreadyProvisioned = 0;
        int failed = 0; // last attempt failed or was interrupted
        int cancelled = 0;
        int running = 0;
        int failedAttempts = 0; // attempts that ended failed, cancelled or interrupted
    };

    // Completed ("done") attempts per minute since the batch started, by the time each attempt ended:
    // keysPerMinute[i] counts keys finished in minute i (0-based). Empty when none finished.
    QList<int> keysPerMinute;
    // Keys that ended failed or cancelled (see KeyCounts) per error code of their last attempt, most frequent
    // first (ties by code).
    QList<QPair<QString, int>> failuresByReason;
    QString batchId; // the batch keysPerMinute is about
    qint64 batchStartedMs = 0;

    static QList<int> bucketPerMinute(const QList<core::AttemptRecord> &attempts, qint64 batchStartedMs);
    static QList<QPair<QString, int>> countFailures(const QList<core::AttemptRecord> &attempts);
    static KeyCounts countKeys(const QList<core::AttemptRecord> &attempts);
    // "16 attempts of 14 keys — 10 provisioned, 1 already provisioned, 2 failed, 1 cancelled (a key counts
    // once)"; html: each number in its state's colour.
    static QString keyCountsText(const KeyCounts &counts, bool html);
    // What is counted, in full (the counts' tool tip).
    static QString keyCountsExplained(const KeyCounts &counts);
};

} // namespace ks::app
