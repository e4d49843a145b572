// The tile model alone: order by slot, a key pulled mid-step keeps its tile until the next batch, tones.
#include "TokenTileModel.h"

#include <gtest/gtest.h>

using namespace ks;
using app::TokenTileModel;
using Tone = TokenTileModel::Tone;

namespace {

core::KeyInfo key(unsigned long slot, const char *serial)
{
    core::KeyInfo t;
    t.slotId = slot;
    t.serial = QString::fromLatin1(serial);
    t.model = QStringLiteral("ePass2003");
    t.initialized = true;
    return t;
}

Tone toneAt(const TokenTileModel &m, int row)
{
    return static_cast<Tone>(m.data(m.index(row), TokenTileModel::ToneRole).toInt());
}

} // namespace

TEST(TokenTileModel, RowsFollowSlotOrderWhateverThePlugOrder)
{
    TokenTileModel m;
    m.addToken(key(7, "C"));
    m.addToken(key(2, "A"));
    m.addToken(key(5, "B"));
    ASSERT_EQ(m.rowCount(), 3);
    EXPECT_EQ(m.serialAt(0), QStringLiteral("A"));
    EXPECT_EQ(m.serialAt(1), QStringLiteral("B"));
    EXPECT_EQ(m.serialAt(2), QStringLiteral("C"));
    m.removeToken(key(5, "B"));
    EXPECT_EQ(m.rowCount(), 2);
    EXPECT_EQ(m.rowOf(QStringLiteral("B")), -1);
}

TEST(TokenTileModel, TonesFollowTheJob)
{
    TokenTileModel m;
    m.addToken(key(1, "A"));
    EXPECT_EQ(toneAt(m, 0), Tone::Idle);
    m.setQueued(QStringLiteral("A"));
    EXPECT_EQ(toneAt(m, 0), Tone::Busy);
    m.setProgress(QStringLiteral("A"), core::JobStage::Enrol);
    EXPECT_EQ(m.data(m.index(0), TokenTileModel::ProgressRole).toInt(),
              TokenTileModel::progressOf(core::JobStage::Enrol));
    core::JobResult failed;
    failed.serial = QStringLiteral("A");
    failed.outcome = core::JobStage::Failed;
    failed.error = core::JobError::Kind::PinIncorrect;
    failed.errorMessage = QStringLiteral("Wrong PIN.");
    m.setFinished(failed);
    EXPECT_EQ(toneAt(m, 0), Tone::Failed);
    EXPECT_EQ(m.data(m.index(0), TokenTileModel::ErrorTextRole).toString(), QStringLiteral("Wrong PIN."));

    auto low = key(1, "A");
    low.pinCountLow = true;
    m.clearResults();
    m.changeToken(low);
    EXPECT_EQ(toneAt(m, 0), Tone::Attention);
    EXPECT_FALSE(m.data(m.index(0), TokenTileModel::AttentionTextRole).toString().isEmpty());

    core::JobResult done;
    done.serial = QStringLiteral("A");
    done.outcome = core::JobStage::Done;
    done.certSerialHex = QStringLiteral("01ab");
    m.setFinished(done);
    EXPECT_EQ(toneAt(m, 0), Tone::Done);
    EXPECT_EQ(m.data(m.index(0), TokenTileModel::CertSerialRole).toString(), QStringLiteral("01ab"));
}

TEST(TokenTileModel, AKeyHoldingAForeignCertificateIsLeftForAPersonNotFailed)
{
    TokenTileModel m;
    m.addToken(key(1, "A"));
    m.setQueued(QStringLiteral("A"));
    core::JobResult foreign;
    foreign.serial = QStringLiteral("A");
    foreign.outcome = core::JobStage::Failed;
    foreign.failedAt = core::JobStage::Login;
    foreign.error = core::JobError::Kind::ForeignCertificate;
    foreign.errorMessage = QStringLiteral("Key A already holds a certificate this profile did not issue.");
    m.setFinished(foreign);
    EXPECT_EQ(toneAt(m, 0), Tone::Attention); // amber: nothing was tried, a person decides
    EXPECT_EQ(m.data(m.index(0), TokenTileModel::ErrorTextRole).toString(), foreign.errorMessage);
}

TEST(TokenTileModel, AKeyPulledMidStepKeepsItsTileUntilTheNextBatch)
{
    TokenTileModel m;
    m.addToken(key(1, "A"));
    m.addToken(key(2, "B"));
    m.setProgress(QStringLiteral("A"), core::JobStage::WriteCertificate);
    m.removeToken(key(1, "A"));
    ASSERT_EQ(m.rowCount(), 2); // still shown, marked as pulled
    EXPECT_FALSE(m.data(m.index(0), TokenTileModel::PresentRole).toBool());
    EXPECT_EQ(toneAt(m, 0), Tone::Attention);
    core::JobResult removed;
    removed.serial = QStringLiteral("A");
    removed.outcome = core::JobStage::Failed;
    removed.error = core::JobError::Kind::KeyRemoved;
    removed.errorMessage = QStringLiteral("The key was removed.");
    m.setFinished(removed);
    EXPECT_EQ(toneAt(m, 0), Tone::Failed);
    m.clearResults();
    ASSERT_EQ(m.rowCount(), 1);
    EXPECT_EQ(m.serialAt(0), QStringLiteral("B"));

    // An idle key pulled goes at once; plugged back it returns idle.
    m.removeToken(key(2, "B"));
    EXPECT_EQ(m.rowCount(), 0);
    m.addToken(key(3, "B"));
    EXPECT_EQ(toneAt(m, 0), Tone::Idle);
}
