#pragma once

#include "Clock.h"
#include "CoreError.h"
#include "JournalConfig.h"
#include "JournalTypes.h"
#include "Lot.h"
#include "OperatorSession.h"
#include "SqlWorker.h"

#include <QJsonObject>
#include <QList>

#include <functional>
#include <memory>

namespace ks::core {

class SqlWorker;

// The tamper-evident, crash-safe provisioning journal (docs/journal.md).
//
// Every append is one transaction that takes the chain head, writes one chained event and the batch/attempt
// row it changes, and commits before the call returns (SQLite in WAL mode); the events mustSync names are
// also synced to the disk first, the others with the next synced one. Calls are
// thread-safe: they are serialised through one connection owned by an internal thread. Several Journal
// objects (stations, processes) may share one PostgreSQL database: appends serialise on the chain-head row
// (SELECT … FOR UPDATE).
class Journal
{
    Q_DECLARE_TR_FUNCTIONS(ks::core::Journal)

public:
    // 2: account changes carry the account row's hash (detail.rowHash); opening a version-1 journal records
    // an "account.baseline" event for each existing account.
    // 3: lots (docs/lots.md): chained "lot" events (step = the lot id) and an index to find them; attempts
    // may end "interrupted".
    static constexpr int schemaVersion = 3;

    static Result<std::unique_ptr<Journal>> open(JournalConfig config, Clock clock = systemClock());
    ~Journal();
    Journal(const Journal &) = delete;
    Journal &operator=(const Journal &) = delete;

    JournalConfig::Backend backend() const { return m_config.backend; }
    QString station() const { return m_config.station; }
    // The SQLite path or "postgresql://user@host:port/db" (never the password).
    QString location() const;

    // --- appends (each returns after its commit) ---
    // Returns the new batch id (a UUID).
    Result<QString> beginBatch(const QString &operatorName, const QString &profileName,
                               const QJsonObject &detail = {});
    Status endBatch(const QString &batchId, const QJsonObject &summary = {});
    // Returns the new attempt id (a UUID). The serial is normalised (PinDerivation::normaliseSerial).
    Result<QString> beginAttempt(const QString &batchId, const QString &serial, const QString &model = {},
                                 const QJsonObject &detail = {});
    // One transition of one step. Detail keys with meaning to the journal (see JournalStep):
    // keyId (hex CKA_ID), certDer (base64), certSerial (hex), certNotAfter (ms since epoch, UTC).
    // Never put a PIN or other secret in detail. Returns the event's sequence number.
    // A step event is synced before the call returns when mustSync(step, phase) or config.syncEveryEvent;
    // the others are committed and reach the disk with the next synced event.
    Result<qint64> recordEvent(const QString &attemptId, JournalStep step, JournalPhase phase,
                               const QJsonObject &detail = {});
    // The step events that must be on the disk before the engine goes on: the "before" of a step that
    // changes the key (log-in, which counts PIN tries; key generation, whose CKA_ID resume looks for;
    // writing the certificate; setting the user PIN) or asks the CA for a certificate, the CA's answer
    // (Enrol "after": the certificate exists from then on, wherever the process dies), and every failure.
    // A power cut can lose only the events after the last synced one: the "after" of a step whose "before" is
    // on the disk, or a read; resume then treats that step as interrupted, as after a crash during it.
    static bool mustSync(JournalStep step, JournalPhase phase);
    Status finishAttempt(const QString &attemptId, const AttemptOutcome &outcome);
    // Operator account events (login success/failure, account changes). `action` e.g. "login",
    // `outcome` e.g. "success"/"failed"/"locked". Never a secret.
    Result<qint64> recordOperatorEvent(const QString &operatorName, const QString &action,
                                       const QString &outcome, const QJsonObject &detail = {});
    // Changes the ks_operators row of `account` and journals the change in one transaction, after the chain
    // head is locked: `change` runs the INSERT/UPDATE statements (and may add to the detail); the event's
    // detail then also carries "account" and "rowHash" (accountRowHash() of the row as it stands after the
    // change), which verify() compares with the table; `change` may also set the outcome it found. An error
    // from `change` rolls back both.
    using AccountChange = std::function<Status(QSqlDatabase &db, QJsonObject &detail, QString &outcome)>;
    Result<qint64> recordAccountChange(const QString &operatorName, const QString &account,
                                       const QString &action, const QString &outcome,
                                       const QJsonObject &detail, const AccountChange &change);
    // SHA-256 (lower-case hex) of an account row's name, role, secret record, disabled flag, failure count,
    // lock-out end and badge fingerprint, length-prefixed like EventChain::canonical(); the columns as
    // stored.
    static QString accountRowHash(const QString &name, const QString &role, const QString &secret,
                                  qint64 disabled, qint64 failures, qint64 lockedUntilMs,
                                  const QString &badgeSha256);

    // --- lots (docs/lots.md; implemented in JournalLots.cpp) ---
    // Stores the manifest the first time (a chained "lot" event); loading the same manifest again is a no-op;
    // a different manifest under an id already stored is AlreadyExists.
    Status registerLot(const LotManifest &lot, const QString &operatorName);
    // NotFound when no lot has that id.
    Result<LotManifest> lot(const QString &lotId);
    Result<QList<LotManifest>> lots();
    // The batch's lot (beginBatch with detail "lot": id), empty when it has none.
    Result<QString> lotOfBatch(const QString &batchId);
    // Decides, atomically with every other station sharing the journal, whether the key of this (running)
    // attempt may be enrolled in the attempt's batch's lot, and journals the verdict on the attempt. Keys
    // admitted and still running count towards the cap, so parallel jobs cannot exceed it.
    Result<LotVerdict> admitToLot(const QString &attemptId, const LotManifest &lot);
    Result<LotCounts> lotCounts(const QString &lotId);
    Result<QList<LotKey>> lotKeys(const QString &lotId);
    // Attempts of this station still "running" when a station starts were left by a process that died:
    // marks them interrupted (a chained event each) and ends their open batches. Returns how many.
    Result<int> markInterrupted();

    // --- resume ---
    // Everything the journal knows about one key, across all its attempts and stations.
    Result<KeyResumeState> resumeState(const QString &serial);
    // Keys whose last attempt on this station never finished (crash, kill, power loss).
    Result<QList<KeyResumeState>> unfinishedKeys();

    // --- log views ---
    // Each takes the reading operator's session and answers PermissionDenied unless its role allows reading
    // (ReadLog) or exporting (ExportLog) the log.
    Result<QList<BatchRecord>> batches(const OperatorSession &reader, const QDateTime &from = {},
                                       const QDateTime &to = {});
    Result<QList<AttemptRecord>> attempts(const OperatorSession &reader, const AttemptFilter &filter = {});
    Result<QList<EventRecord>> events(const OperatorSession &reader, const QString &attemptId = {},
                                      const QString &batchId = {}, int limit = 100000);
    // RFC 4180 CSV (CRLF line ends, quoted where needed) of the attempts matching filter, header first. A
    // cell starting with '=', '+', '-' or '@' gets a leading apostrophe, so a spreadsheet shows it as text
    // instead of running it as a formula.
    Result<QByteArray> exportCsv(const OperatorSession &reader, const AttemptFilter &filter = {});
    // Recomputes the whole chain and replays it against the batch, attempt and operator rows; with anchors,
    // also checks that each anchored record is still in the chain with the anchored hash (so records removed
    // from the end, with the chain head moved back, are found).
    // For a person: the reader's role must allow VerifyLog (the one check; front ends only hide what a role
    // cannot use). Without a session: the station's own checks (start-up doctor, the engine, tests), which
    // reveal no record's content.
    Result<VerifyResult> verify(const OperatorSession &reader, const QList<ChainAnchor> &anchors = {});
    Result<VerifyResult> verify(const QList<ChainAnchor> &anchors = {});
    // The chain head as an anchor (last record and its hash), to keep outside the database; for a person,
    // with VerifyLog, as verify.
    Result<ChainAnchor> head(const OperatorSession &reader);
    Result<ChainAnchor> head();
    // Anchor lines ("ks-anchor-v1 SEQ HASH TIME STATION") from a file; '#' lines and blank lines are skipped.
    static Result<QList<ChainAnchor>> readAnchorFile(const QString &path);
    static QString anchorLine(const ChainAnchor &anchor);

    // The journal's connection, for stores that live in the same database (OperatorStore).
    SqlWorker &worker() { return *m_worker; }

    // Runs a read-only task on the journal's connection. On PostgreSQL a failed task is retried once on a
    // fresh connection: a restarted server leaves the old one dead. Only for tasks that are safe to run
    // twice.
    template<class F> auto read(F &&f) -> decltype(f(std::declval<QSqlDatabase &>()))
    {
        auto r = m_worker->call(f);
        if (r || !isPostgres() || !reconnect())
            return r;
        return m_worker->call(f);
    }
    // Closes and reopens the connection (PostgreSQL after a server restart). False when it cannot reconnect.
    bool reconnect();
    Clock clock() const { return m_clock; }
    bool isPostgres() const { return m_config.backend == JournalConfig::Backend::Postgres; }

private:
    struct PendingAccountChange
    {
        QString account;
        QJsonObject detail;
        const AccountChange *change = nullptr;
    };

    // Runs inside an append's transaction after the chain head is locked and the event's context is filled,
    // before the event is hashed: may read the database and set the event's phase and detail (lots decide
    // their verdicts here, atomically with every station sharing the journal). An error rolls back.
    using Decide = std::function<Status(QSqlDatabase &db, EventRecord &event)>;

    Journal(JournalConfig config, Clock clock);
    // durable = false: committed before it returns, synced with the next durable append (SqlWorker::write).
    Result<EventRecord> append(EventRecord event, PendingAccountChange *account = nullptr,
                               const Decide &decide = {}, bool durable = true);
    Status baselineAccounts();
    void appendAnchor(const EventRecord &event);

    JournalConfig m_config;
    Clock m_clock;
    std::unique_ptr<SqlWorker> m_worker;
};

} // namespace ks::core
