#pragma once

#include "Clock.h"
#include "CoreError.h"
#include "JournalConfig.h"
#include "JournalTypes.h"
#include "SqlWorker.h"

#include <QJsonObject>
#include <QList>

#include <memory>

namespace ks::core {

class SqlWorker;

// The tamper-evident, crash-safe provisioning journal (docs/journal.md).
//
// Every append is one transaction that takes the chain head, writes one chained event and the batch/attempt
// row it changes, and commits before the call returns (SQLite: WAL + synchronous=FULL). Calls are
// thread-safe: they are serialised through one connection owned by an internal thread. Several Journal
// objects (stations, processes) may share one PostgreSQL database: appends serialise on the chain-head row
// (SELECT … FOR UPDATE).
class Journal
{
    Q_DECLARE_TR_FUNCTIONS(ks::core::Journal)

public:
    static constexpr int schemaVersion = 1;

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
    Result<qint64> recordEvent(const QString &attemptId, JournalStep step, JournalPhase phase,
                               const QJsonObject &detail = {});
    Status finishAttempt(const QString &attemptId, const AttemptOutcome &outcome);
    // Operator account events (login success/failure, account changes). `action` e.g. "login",
    // `outcome` e.g. "success"/"failed"/"locked". Never a secret.
    Result<qint64> recordOperatorEvent(const QString &operatorName, const QString &action,
                                       const QString &outcome, const QJsonObject &detail = {});

    // --- resume ---
    // Everything the journal knows about one key, across all its attempts and stations.
    Result<KeyResumeState> resumeState(const QString &serial);
    // Keys whose last attempt on this station never finished (crash, kill, power loss).
    Result<QList<KeyResumeState>> unfinishedKeys();

    // --- log views ---
    Result<QList<BatchRecord>> batches(const QDateTime &from = {}, const QDateTime &to = {});
    Result<QList<AttemptRecord>> attempts(const AttemptFilter &filter = {});
    Result<QList<EventRecord>> events(const QString &attemptId = {}, const QString &batchId = {},
                                      int limit = 100000);
    // RFC 4180 CSV (CRLF line ends, quoted where needed) of the attempts matching filter, header first.
    Result<QByteArray> exportCsv(const AttemptFilter &filter = {});
    // Recomputes the whole chain and replays it against the batch and attempt rows.
    Result<VerifyResult> verify();

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
    Journal(JournalConfig config, Clock clock);
    Result<EventRecord> append(EventRecord event);

    JournalConfig m_config;
    Clock m_clock;
    std::unique_ptr<SqlWorker> m_worker;
};

} // namespace ks::core
