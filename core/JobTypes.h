#pragma once

#include "core/JobError.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>

namespace ks::core {

// Where a key's provisioning stands (docs/flow.md steps 4-11), as the engine runs it.
enum class JobStage
{
    Queued,
    Login,
    FindKeyPair,
    GenerateKeyPair,
    ReadIdentity,
    CreateCsr,
    Enrol,
    VerifyCertificate,
    WriteCertificate,
    ReadBack,
    SetUserPin,
    Done,
    Failed,
    Cancelled,
};

QString jobStageName(JobStage stage); // stable, for logs and JSON: "enrol"
QString jobStageTitle(JobStage stage); // translated, for people: "Enrolling with the CA"
bool isFinal(JobStage stage);

struct StepTiming
{
    JobStage stage = JobStage::Queued;
    qint64 startedMs = 0; // UTC ms
    qint64 elapsedMs = 0;
    bool ok = true;
};

struct JobResult
{
    QString serial;
    QString model;
    QString attemptId;
    JobStage outcome = JobStage::Failed; // Done, Failed or Cancelled
    JobStage failedAt = JobStage::Queued;
    JobError error; // why it is not Done (core/JobError.h): the kind, its cause, title and next step
    QString errorMessage; // translated, operator-readable: what happened to this key
    bool alreadyProvisioned = false; // a valid certificate of this profile was on the key: nothing done
    bool resumed = false; // continued from an earlier attempt's state (key pair or issued certificate)
    bool enrolled = false; // this attempt asked the CA for a certificate
    bool generatedKey = false;
    QString keyIdHex;
    QByteArray certDer;
    QString certSerialHex;
    QDateTime certNotAfter;
    qint64 elapsedMs = 0;
    QList<StepTiming> steps;

    bool ok() const { return outcome == JobStage::Done; }
    // The error's stable name, as the journal stores it and `--json` prints it ("PinIncorrect", "CaNetwork").
    QString errorCode() const { return error.name(); }
};

struct BatchSummary
{
    QString batchId;
    int done = 0;
    int failed = 0;
    int cancelled = 0;
    int alreadyProvisioned = 0;
    int refused = 0; // of the failed: keys the batch's lot refused (NotInLot, AlreadyInLot, LotComplete)
    qint64 elapsedMs = 0;
    double keysPerMinute() const { return elapsedMs > 0 ? done * 60000.0 / elapsedMs : 0.0; }
};

} // namespace ks::core

Q_DECLARE_METATYPE(ks::core::JobResult)
Q_DECLARE_METATYPE(ks::core::BatchSummary)
Q_DECLARE_METATYPE(ks::core::JobStage)
