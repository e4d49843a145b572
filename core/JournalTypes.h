#pragma once

// The journal's record types. Plain data exchanged with Journal; kept together because they are one
// vocabulary (docs/journal.md), not separate classes with behaviour.

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace ks::core {

// A provisioning step of one key, as the engine runs it (docs/flow.md steps 4-11).
enum class JournalStep
{
    Login, // log in to the key (transport or derived PIN)
    FindKeyPair, // look for a free key pair; After carries detail.keyId when one was found
    GenerateKeyPair, // Before MUST carry detail.keyId (the CKA_ID chosen up front), After confirms it
    ReadIdentity,
    CreateCsr,
    Enrol, // After carries detail.certDer (base64 DER), certSerial (hex), certNotAfter (ms UTC)
    VerifyCertificate,
    WriteCertificate,
    ReadBack,
    SetUserPin,
};

enum class JournalPhase
{
    Before,
    After,
    Failed
};

QString journalStepName(JournalStep step);
std::optional<JournalStep> journalStepFromName(const QString &name);
QString journalPhaseName(JournalPhase phase);

// Final state of an attempt.
enum class AttemptState
{
    Running,
    Done,
    Failed,
    Cancelled,
    // Left running by a process that died (kill, crash, power loss); set when the station starts again
    // (Journal::markInterrupted). Resume still continues such a key where it stopped.
    Interrupted
};
QString attemptStateName(AttemptState state);

struct BatchRecord
{
    QString id;
    QString station;
    QString operatorName;
    QString profile;
    qint64 startedMs = 0;
    qint64 endedMs = 0; // 0 while running
    QString summary; // JSON text given to endBatch

    bool operator==(const BatchRecord &) const = default;
};

struct AttemptRecord
{
    QString id;
    QString batchId;
    QString station;
    QString operatorName;
    QString serial; // normalised hardware serial
    QString model;
    QString state; // attemptStateName()
    QString lastStep; // journalStepName() of the last step event
    QString lastPhase;
    QString keyIdHex; // CKA_ID of the key pair, lower-case hex
    QString certSerialHex;
    qint64 certNotAfterMs = 0;
    QByteArray certDer;
    QString errorCode;
    QString errorMessage;
    qint64 startedMs = 0;
    qint64 endedMs = 0;

    bool operator==(const AttemptRecord &) const = default;
};

// One chained journal record. `kind` is "batch", "attempt", "step" or "operator".
struct EventRecord
{
    qint64 seq = 0;
    qint64 tsMs = 0;
    QString station;
    QString operatorName;
    QString batchId;
    QString attemptId;
    QString serial;
    QString kind;
    QString step;
    QString phase;
    QString detail; // JSON text, hashed exactly as stored
    QString prevHash; // hex
    QString hash; // hex
};

struct AttemptOutcome
{
    AttemptState state = AttemptState::Done;
    QString errorCode;
    QString errorMessage;
};

// Filters for the log views; empty members do not filter.
struct AttemptFilter
{
    QString batchId;
    QDateTime from; // started at or after
    QDateTime to; // started before
    QString operatorName;
    QString state; // "done", "failed", "cancelled", "interrupted", "running"
    QString serialContains;
    int limit = 100000;
};

// What the journal knows about one key (by hardware serial), across all its attempts, for resume.
struct KeyResumeState
{
    enum class Stage
    {
        Unknown, // never seen, or nothing useful happened
        KeyPairPending, // generation of keyIdHex started, not confirmed: look for that CKA_ID on the key
        KeyPairReady, // key pair keyIdHex exists and has no certificate yet: reuse it
        CertificateIssued, // certDer issued for keyIdHex, not confirmed written: verify and write it
        CertificateWritten, // written (and maybe read back) but the attempt did not finish: confirm, finish
        Done, // provisioned
    };

    QString serial;
    Stage stage = Stage::Unknown;
    QString keyIdHex;
    QByteArray certDer;
    QString certSerialHex;
    qint64 certNotAfterMs = 0;
    bool writeStarted = false; // CertificateIssued and a write began: the certificate may already be on it
    bool enrolStarted = false; // KeyPairReady and a request went to the CA without a recorded answer
    bool keyPairGeneratedHere = false; // keyIdHex came from a GenerateKeyPair step, not found on the key
    QString lastAttemptId;
    QString lastBatchId;
    QString lastStep;
    QString lastPhase;
    bool lastAttemptFinished = true;
    QString lastErrorCode; // the code of the last attempt's failed step, empty when it did not fail
    int attempts = 0;
};

QString resumeStageName(KeyResumeState::Stage stage);

// A record of the chain kept outside the database (docs/journal.md, "Anchors"): verify() proves the chain
// still holds record `seq` with this hash.
struct ChainAnchor
{
    qint64 seq = 0;
    QString hash; // lower-case hex
    qint64 tsMs = 0; // when it was taken (informative)
    QString station; // informative
};

// The outcome of Journal::verify(): intact, or the first broken record and why.
struct VerifyResult
{
    bool intact = true;
    qint64 eventsChecked = 0;
    QString table; // "ks_events", "ks_batches", "ks_attempts", "ks_operators", "ks_chain_head", "anchor"
    QString recordId; // event seq, batch id or attempt id
    QString reason; // translated

    QString toString() const;
};

} // namespace ks::core
