// Replays a fuzz target's seed corpus (and reproducers of fixed crashes kept there) through the target's
// entry point in the normal test builds, plain and under ASan+UBSan, plus cheap deterministic mutations of
// every seed (truncations and byte flips), so a regression shows up without clang or libFuzzer.
#include <QDirIterator>
#include <QFile>

#include <gtest/gtest.h>

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size);

// Mutations per seed; slow targets (a database per input) use fewer.
#ifndef KS_FUZZ_TRUNCATIONS
#define KS_FUZZ_TRUNCATIONS 24
#endif
#ifndef KS_FUZZ_FLIPS
#define KS_FUZZ_FLIPS 48
#endif

namespace {

QList<QByteArray> seeds()
{
    QList<QByteArray> out;
    QDirIterator it(QStringLiteral(KS_FUZZ_CORPUS), QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile f(it.next());
        if (f.open(QIODevice::ReadOnly))
            out << f.readAll();
    }
    return out;
}

int run(const QByteArray &input)
{
    return LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t *>(input.constData()),
                                  static_cast<std::size_t>(input.size()));
}

TEST(FuzzCorpusReplay, EverySeedRunsCleanly)
{
    const QList<QByteArray> corpus = seeds();
    ASSERT_FALSE(corpus.isEmpty()) << "no seeds in " << KS_FUZZ_CORPUS;
    for (const QByteArray &seed : corpus)
        EXPECT_EQ(run(seed), 0);
    EXPECT_EQ(run({}), 0);
}

TEST(FuzzCorpusReplay, TruncatedAndFlippedSeedsRunCleanly)
{
    const QList<QByteArray> corpus = seeds();
    ASSERT_FALSE(corpus.isEmpty());
    for (const QByteArray &seed : corpus) {
        const qsizetype n = seed.size();
        for (int i = 1; i < KS_FUZZ_TRUNCATIONS && n > 0; ++i)
            EXPECT_EQ(run(seed.left(n * i / KS_FUZZ_TRUNCATIONS)), 0);
        for (int i = 0; i < KS_FUZZ_FLIPS && n > 0; ++i) {
            QByteArray flipped = seed;
            const qsizetype at = (n * i) / KS_FUZZ_FLIPS;
            flipped[at] = static_cast<char>(flipped.at(at) ^ (1 << (i % 8)));
            EXPECT_EQ(run(flipped), 0);
        }
    }
}

} // namespace
