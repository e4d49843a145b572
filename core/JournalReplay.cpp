#include "JournalReplay.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace ks::core {

static QJsonObject detailObject(const EventRecord &e)
{
    return QJsonDocument::fromJson(e.detail.toUtf8()).object();
}

void JournalReplay::applyToBatch(BatchRecord &b, const EventRecord &e)
{
    if (e.kind != QLatin1String("batch"))
        return;
    if (e.phase == QLatin1String("begin")) {
        b = BatchRecord {};
        b.id = e.batchId;
        b.station = e.station;
        b.operatorName = e.operatorName;
        b.profile = detailObject(e).value(QStringLiteral("profile")).toString();
        b.startedMs = e.tsMs;
    } else if (e.phase == QLatin1String("end")) {
        b.endedMs = e.tsMs;
        b.summary = e.detail;
    }
}

void JournalReplay::applyToAttempt(AttemptRecord &a, const EventRecord &e)
{
    const QJsonObject d = detailObject(e);
    if (e.kind == QLatin1String("attempt") && e.phase == QLatin1String("begin")) {
        a = AttemptRecord {};
        a.id = e.attemptId;
        a.batchId = e.batchId;
        a.station = e.station;
        a.operatorName = e.operatorName;
        a.serial = e.serial;
        a.model = d.value(QStringLiteral("model")).toString();
        a.state = attemptStateName(AttemptState::Running);
        a.startedMs = e.tsMs;
        return;
    }
    if (e.kind == QLatin1String("attempt")) { // finished: phase is the final state
        a.state = e.phase;
        a.errorCode = d.value(QStringLiteral("errorCode")).toString();
        a.errorMessage = d.value(QStringLiteral("errorMessage")).toString();
        a.endedMs = e.tsMs;
        return;
    }
    if (e.kind != QLatin1String("step"))
        return;
    a.lastStep = e.step;
    a.lastPhase = e.phase;
    if (e.phase == QLatin1String("failed"))
        return;
    // A key id announced before generation becomes the attempt's key only once generation is confirmed.
    if (d.contains(QStringLiteral("keyId")) && e.phase == QLatin1String("after")) {
        const QString keyId = d.value(QStringLiteral("keyId")).toString().toLower();
        if (keyId != a.keyIdHex) {
            a.certDer.clear();
            a.certSerialHex.clear();
            a.certNotAfterMs = 0;
        }
        a.keyIdHex = keyId;
    }
    if (d.contains(QStringLiteral("certDer")) && e.phase == QLatin1String("after")) {
        a.certDer = QByteArray::fromBase64(d.value(QStringLiteral("certDer")).toString().toLatin1());
        a.certSerialHex = d.value(QStringLiteral("certSerial")).toString().toLower();
        a.certNotAfterMs = d.value(QStringLiteral("certNotAfter")).toInteger();
    }
}

void JournalReplay::applyToResume(KeyResumeState &s, const EventRecord &e)
{
    using Stage = KeyResumeState::Stage;
    const QJsonObject d = detailObject(e);
    if (e.kind == QLatin1String("attempt")) {
        if (e.phase == QLatin1String("begin")) {
            ++s.attempts;
            s.lastAttemptId = e.attemptId;
            s.lastBatchId = e.batchId;
            s.lastAttemptFinished = false;
            s.lastStep.clear();
            s.lastPhase.clear();
            s.lastErrorCode.clear();
        } else {
            s.lastAttemptFinished = true;
            // An attempt finished "done" means the key is provisioned, whether this attempt wrote the
            // certificate or found it already on the key.
            if (e.phase == attemptStateName(AttemptState::Done))
                s.stage = Stage::Done;
        }
        return;
    }
    if (e.kind != QLatin1String("step"))
        return;
    s.lastStep = e.step;
    s.lastPhase = e.phase;
    if (e.phase == QLatin1String("failed"))
        s.lastErrorCode = d.value(QStringLiteral("code")).toString();
    const auto step = journalStepFromName(e.step);
    if (!step)
        return;
    const bool after = e.phase == QLatin1String("after");
    const bool before = e.phase == QLatin1String("before");
    const QString keyId = d.value(QStringLiteral("keyId")).toString().toLower();

    auto newKeyPair = [&](Stage stage) {
        if (keyId != s.keyIdHex || s.stage == Stage::Unknown || s.stage == Stage::KeyPairPending
            || s.stage == Stage::Done) {
            s.certDer.clear();
            s.certSerialHex.clear();
            s.certNotAfterMs = 0;
            s.writeStarted = false;
            s.enrolStarted = false;
        }
        s.keyIdHex = keyId;
        s.stage = stage;
    };

    switch (*step) {
    case JournalStep::GenerateKeyPair:
        if (before && !keyId.isEmpty()) {
            newKeyPair(Stage::KeyPairPending);
            s.keyPairGeneratedHere = true;
        } else if (after && !keyId.isEmpty()) {
            newKeyPair(Stage::KeyPairReady); // the id the key chose may differ from the one asked for
            s.keyPairGeneratedHere = true;
        }
        break;
    case JournalStep::FindKeyPair:
        if (after && !keyId.isEmpty() && !(keyId == s.keyIdHex && s.stage > Stage::KeyPairReady)) {
            // A pair found on the key is this station's only if it is the one the journal already knew.
            const bool ours = keyId == s.keyIdHex && s.keyPairGeneratedHere;
            newKeyPair(Stage::KeyPairReady);
            s.keyPairGeneratedHere = ours;
        }
        break;
    case JournalStep::Enrol:
        if (before && s.stage == Stage::KeyPairReady)
            s.enrolStarted = true;
        if (after && d.contains(QStringLiteral("certDer"))) {
            s.certDer = QByteArray::fromBase64(d.value(QStringLiteral("certDer")).toString().toLatin1());
            s.certSerialHex = d.value(QStringLiteral("certSerial")).toString().toLower();
            s.certNotAfterMs = d.value(QStringLiteral("certNotAfter")).toInteger();
            s.stage = Stage::CertificateIssued;
            s.enrolStarted = false;
            s.writeStarted = false;
        }
        break;
    case JournalStep::WriteCertificate:
        if (before && s.stage == Stage::CertificateIssued)
            s.writeStarted = true;
        if (after && s.stage == Stage::CertificateIssued)
            s.stage = Stage::CertificateWritten;
        break;
    default:
        break;
    }
}

} // namespace ks::core
