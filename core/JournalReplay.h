#pragma once

#include "JournalTypes.h"

namespace ks::core {

// How chained events determine the batch and attempt rows and a key's resume state. Journal applies these
// when it appends (so a row is always exactly what its events say) and verify() replays them to check the
// rows: batch and attempt rows are covered by the chain without being chained themselves.
class JournalReplay
{
public:
    static void applyToBatch(BatchRecord &batch, const EventRecord &event);
    static void applyToAttempt(AttemptRecord &attempt, const EventRecord &event);
    // Events of one serial, in seq order, across all its attempts.
    static void applyToResume(KeyResumeState &state, const EventRecord &event);
};

} // namespace ks::core
