// Journal rows on read-back: records separated by 0x1E, fields by 0x1F in the order seq, ts_ms, station,
// operator, batch_id, attempt_id, serial, kind, step, phase, detail, prev_hash; hashed by EventChain and
// replayed into batch, attempt and resume state by JournalReplay, exactly as Journal::verify() and
// resumeState() do with what they read from the database.
#include "FuzzInput.h"
#include "core/EventChain.h"
#include "core/JournalReplay.h"

#include <cstddef>
#include <cstdint>

using namespace ks::core;

namespace {

EventRecord recordFrom(const QByteArray &row)
{
    QList<QByteArray> f = row.split('\x1f');
    while (f.size() < 12)
        f << QByteArray();
    EventRecord e;
    e.seq = f.at(0).toLongLong();
    e.tsMs = f.at(1).toLongLong();
    e.station = QString::fromUtf8(f.at(2));
    e.operatorName = QString::fromUtf8(f.at(3));
    e.batchId = QString::fromUtf8(f.at(4));
    e.attemptId = QString::fromUtf8(f.at(5));
    e.serial = QString::fromUtf8(f.at(6));
    e.kind = QString::fromUtf8(f.at(7));
    e.step = QString::fromUtf8(f.at(8));
    e.phase = QString::fromUtf8(f.at(9));
    e.detail = QString::fromUtf8(f.at(10));
    e.prevHash = QString::fromUtf8(f.at(11));
    return e;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const ks::fuzz::FuzzInput in(data, size);
    BatchRecord batch;
    AttemptRecord attempt;
    KeyResumeState resume;
    QString prev = EventChain::genesisHash();
    for (const QByteArray &row : in.fields('\x1e', 64)) {
        EventRecord e = recordFrom(row);
        const QByteArray canonical = EventChain::canonical(e);
        if (!canonical.startsWith("ks-journal-v1\n"))
            __builtin_trap();
        // A stored prev_hash that is not 64 hex digits must give no hash, never a crash.
        (void)EventChain::computeHash(e.prevHash, e);
        e.hash = EventChain::computeHash(prev, e);
        if (e.hash.size() != 64)
            __builtin_trap();
        prev = e.hash;
        JournalReplay::applyToBatch(batch, e);
        JournalReplay::applyToAttempt(attempt, e);
        JournalReplay::applyToResume(resume, e);
    }
    (void)resumeStageName(resume.stage);
    return 0;
}
