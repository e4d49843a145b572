// The tile model alone: one socket per hub port in natural order, fixed once a batch starts or as configured;
// empty sockets; a key pulled mid-step keeps its tile until the next batch; tones, words and next steps.
#include "TokenTileModel.h"

#include <QSignalSpy>

#include <gtest/gtest.h>

using namespace ks;
using app::TokenTileModel;
using Tone = TokenTileModel::Tone;

namespace {

core::KeyInfo key(unsigned long slot, const char *serial)
{
    core::KeyInfo t;
    t.slot = slot;
    t.port = QStringLiteral("slot %1").arg(slot); // a module that describes no slot
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

TEST(TokenTileModel, SocketsFollowPortOrderWhateverThePlugOrder)
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
    EXPECT_EQ(m.rowCount(), 3); // the port keeps its socket, empty now
    EXPECT_EQ(m.keyCount(), 2);
    EXPECT_EQ(m.rowOf(QStringLiteral("B")), -1);
    EXPECT_EQ(toneAt(m, 1), Tone::Empty);
    EXPECT_EQ(m.keyNumber(QStringLiteral("C")), 3);
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
    failed.error = core::JobError::Kind::ReadBackMismatch;
    failed.errorMessage = QStringLiteral("Read back another certificate.");
    m.setFinished(failed);
    EXPECT_EQ(toneAt(m, 0), Tone::Failed);
    EXPECT_EQ(m.data(m.index(0), TokenTileModel::ErrorTextRole).toString(),
              QStringLiteral("Read back another certificate."));
    EXPECT_EQ(m.data(m.index(0), TokenTileModel::WordRole).toString(), QStringLiteral("FAILED"));
    EXPECT_EQ(m.data(m.index(0), TokenTileModel::NextStepRole).toString(), failed.error.nextStep());

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
    EXPECT_EQ(toneAt(m, 0), Tone::Attention); // pulled mid-step: a person re-plugs it
    EXPECT_EQ(m.data(m.index(0), TokenTileModel::NextStepRole).toString(), removed.error.nextStep());
    m.clearResults();
    ASSERT_EQ(m.rowCount(), 2);
    EXPECT_EQ(toneAt(m, 0), Tone::Empty);
    EXPECT_EQ(m.serialAt(1), QStringLiteral("B"));

    // An idle key pulled leaves its socket empty at once; in another port (new since the batch: at the end)
    // it is idle there.
    m.removeToken(key(2, "B"));
    EXPECT_EQ(m.keyCount(), 0);
    m.addToken(key(3, "B"));
    ASSERT_EQ(m.rowCount(), 3);
    EXPECT_EQ(m.rowOf(QStringLiteral("B")), 2);
    EXPECT_EQ(toneAt(m, 2), Tone::Idle);
}

namespace {

core::KeyInfo atPort(const char *port, const char *serial)
{
    auto t = key(1, serial);
    t.port = QString::fromLatin1(port);
    return t;
}

QString wordAt(const TokenTileModel &m, int row)
{
    return m.data(m.index(row), TokenTileModel::WordRole).toString();
}

} // namespace

TEST(TokenTileModel, PortsGoInNaturalOrderAndKeepTheirSocketsOnceABatchStarted)
{
    EXPECT_TRUE(TokenTileModel::naturalLess(QStringLiteral("hub port 2"), QStringLiteral("hub port 10")));
    EXPECT_FALSE(TokenTileModel::naturalLess(QStringLiteral("hub port 10"), QStringLiteral("hub port 9")));
    EXPECT_TRUE(TokenTileModel::naturalLess(QStringLiteral("Reader 01 00"), QStringLiteral("Reader 2 00")));

    TokenTileModel m;
    m.addToken(atPort("KeyStation simulated hub port 10", "J"));
    m.addToken(atPort("KeyStation simulated hub port 2", "B"));
    m.addToken(atPort("KeyStation simulated hub port 1", "A"));
    ASSERT_EQ(m.rowCount(), 3);
    EXPECT_EQ(m.serialAt(0), QStringLiteral("A"));
    EXPECT_EQ(m.serialAt(1), QStringLiteral("B"));
    EXPECT_EQ(m.serialAt(2), QStringLiteral("J"));
    EXPECT_EQ(m.data(m.index(2), Qt::DisplayRole).toString(), QStringLiteral("Port 3"));
    EXPECT_EQ(m.data(m.index(2), TokenTileModel::PortRole).toString(),
              QStringLiteral("KeyStation simulated hub port 10"));

    // A batch started: a port seen for the first time goes at the end, no number changes.
    m.setQueued(QStringLiteral("A"));
    m.addToken(atPort("KeyStation simulated hub port 3", "C"));
    ASSERT_EQ(m.rowCount(), 4);
    EXPECT_EQ(m.keyNumber(QStringLiteral("J")), 3);
    EXPECT_EQ(m.keyNumber(QStringLiteral("C")), 4);
}

TEST(TokenTileModel, AConfiguredLayoutPlacesEachPortAndShowsEmptySockets)
{
    TokenTileModel m;
    m.setLayout({ QStringLiteral("Reader B"), QString(), QStringLiteral("Reader A") });
    ASSERT_EQ(m.rowCount(), 3); // the sockets are there before any key
    EXPECT_EQ(m.keyCount(), 0);
    EXPECT_EQ(m.count(Tone::Empty), 2); // the unused position is no socket
    EXPECT_EQ(wordAt(m, 0), QStringLiteral("EMPTY"));
    EXPECT_EQ(m.data(m.index(0), TokenTileModel::NextStepRole).toString(), QStringLiteral("Plug in a key"));
    EXPECT_FALSE(m.data(m.index(0), TokenTileModel::PresentRole).toBool());

    m.addToken(atPort("Reader A", "A"));
    m.addToken(atPort("Reader Z", "Z")); // not in the layout: after it
    EXPECT_EQ(m.keyNumber(QStringLiteral("A")), 3);
    EXPECT_EQ(m.keyNumber(QStringLiteral("Z")), 4);
    EXPECT_EQ(wordAt(m, 2), QStringLiteral("READY"));

    // Pulled and plugged back: the same socket, the others untouched.
    m.removeToken(atPort("Reader A", "A"));
    EXPECT_EQ(toneAt(m, 2), Tone::Empty);
    EXPECT_EQ(m.keyNumber(QStringLiteral("Z")), 4);
    m.addToken(atPort("Reader A", "A"));
    EXPECT_EQ(m.keyNumber(QStringLiteral("A")), 3);
}

TEST(TokenTileModel, EachStateHasOneWordAndANextStep)
{
    TokenTileModel m;
    auto low = atPort("p1", "L");
    low.pinCountLow = true;
    m.addToken(low);
    m.addToken(atPort("p2", "S"));
    m.addToken(atPort("p3", "D"));
    EXPECT_EQ(toneAt(m, 0), Tone::Attention);
    EXPECT_EQ(wordAt(m, 0), QStringLiteral("CHECK"));
    EXPECT_EQ(m.data(m.index(0), TokenTileModel::NextStepRole).toString(),
              QStringLiteral("Give this key to the supervisor: PIN nearly locked"));

    m.setQueued(QStringLiteral("S"));
    EXPECT_EQ(wordAt(m, 1), QStringLiteral("WAITING"));
    m.setProgress(QStringLiteral("S"), core::JobStage::GenerateKeyPair);
    EXPECT_EQ(wordAt(m, 1), QStringLiteral("WORKING"));
    EXPECT_GE(m.data(m.index(1), TokenTileModel::StepSecondsRole).toInt(), 0); // the step's clock runs
    m.setSkipping(QStringLiteral("S"));
    EXPECT_EQ(wordAt(m, 1), QStringLiteral("SKIPPING…"));
    core::JobResult skipped;
    skipped.serial = QStringLiteral("S");
    skipped.outcome = core::JobStage::Cancelled;
    skipped.error = core::JobError::Kind::Cancelled;
    m.setFinished(skipped);
    EXPECT_EQ(wordAt(m, 1), QStringLiteral("SKIPPED"));
    EXPECT_EQ(m.data(m.index(1), TokenTileModel::StepSecondsRole).toInt(), -1);

    m.setQueued(QStringLiteral("D"));
    core::JobResult already;
    already.serial = QStringLiteral("D");
    already.outcome = core::JobStage::Done;
    already.alreadyProvisioned = true;
    m.setFinished(already);
    EXPECT_EQ(toneAt(m, 2), Tone::Already); // its own state, not done
    EXPECT_EQ(wordAt(m, 2), QStringLiteral("ALREADY DONE"));
    EXPECT_EQ(m.count(Tone::Done), 0);
    EXPECT_EQ(m.count(Tone::Already), 1);
}

TEST(TokenTileModel, TheStepClockTicksForTheWorkingTilesOnly)
{
    TokenTileModel m;
    m.addToken(atPort("p1", "A"));
    m.addToken(atPort("p2", "B"));
    m.addToken(atPort("p3", "C"));
    QSignalSpy ticks(&m, &TokenTileModel::stepClocksTicked);
    QSignalSpy changed(&m, &TokenTileModel::dataChanged);
    m.setQueued(QStringLiteral("A")); // waiting: no clock
    m.setQueued(QStringLiteral("B"));
    m.setProgress(QStringLiteral("B"), core::JobStage::Enrol);
    changed.clear();
    ASSERT_TRUE(ticks.wait(5000));
    EXPECT_EQ(ticks.front().at(0).toInt(), 1);
    EXPECT_EQ(ticks.front().at(1).toInt(), 1);
    EXPECT_TRUE(changed.isEmpty()); // no dataChanged per second: the bench recomputes nothing
    EXPECT_EQ(m.data(m.index(0), TokenTileModel::StepSecondsRole).toInt(), -1);
    EXPECT_GE(m.data(m.index(1), TokenTileModel::StepSecondsRole).toInt(), 0);
}

TEST(TokenTileModel, KeysReportingTheSamePortGetASocketEach)
{
    // A module that describes every slot alike: no key may hide another.
    TokenTileModel m;
    auto a = atPort("Vendor reader", "A");
    a.slot = 1;
    auto b = atPort("Vendor reader", "B");
    b.slot = 2;
    m.addToken(a);
    m.addToken(b);
    ASSERT_EQ(m.keyCount(), 2);
    EXPECT_NE(m.rowOf(QStringLiteral("A")), m.rowOf(QStringLiteral("B")));
    auto low = b;
    low.pinCountLow = true;
    m.changeToken(low); // a change keeps the key where it is
    EXPECT_EQ(m.keyCount(), 2);
    EXPECT_EQ(toneAt(m, m.rowOf(QStringLiteral("B"))), Tone::Attention);
    EXPECT_EQ(toneAt(m, m.rowOf(QStringLiteral("A"))), Tone::Idle);
}
