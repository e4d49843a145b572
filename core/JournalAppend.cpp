// Journal: the appends. Every event is chained (EventChain) and written with the rows it changes in one
// transaction; batches, attempts and account changes are recorded through append().
#include "Journal.h"

#include "EventChain.h"
#include "JournalInternal.h"
#include "JournalReplay.h"
#include "Log.h"
#include "PinDerivation.h"
#include "SqlWorker.h"

#include <QCryptographicHash>
#include <QFile>
#include <QSqlQuery>
#include <QUuid>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace ks::core {

using namespace journal;

namespace {

using Code = CoreError::Code;

// The hash of the account `name` as the table holds it now; empty when there is no such row.
bool currentAccountRowHash(QSqlDatabase &db, const QString &name, QString &hash, QString &err)
{
    QSqlQuery q(db);
    if (!run(q,
             QStringLiteral(
                 "SELECT name, role, secret, disabled, failures, locked_until_ms, badge_sha256 FROM "
                 "ks_operators WHERE name = ?"),
             { name }, err))
        return false;
    hash = q.next()
        ? Journal::accountRowHash(q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
                                  q.value(3).toLongLong(), q.value(4).toLongLong(), q.value(5).toLongLong(),
                                  q.value(6).toString())
        : QString();
    return true;
}

} // namespace

QString Journal::accountRowHash(const QString &name, const QString &role, const QString &secret,
                                qint64 disabled, qint64 failures, qint64 lockedUntilMs,
                                const QString &badgeSha256)
{
    QByteArray out("ks-account-v1\n");
    for (const QByteArray &field :
         { name.toUtf8(), role.toUtf8(), secret.toUtf8(), QByteArray::number(disabled),
           QByteArray::number(failures), QByteArray::number(lockedUntilMs), badgeSha256.toUtf8() }) {
        out += QByteArray::number(field.size());
        out += ':';
        out += field;
        out += '\n';
    }
    return QString::fromLatin1(QCryptographicHash::hash(out, QCryptographicHash::Sha256).toHex());
}

Status Journal::baselineAccounts()
{
    auto names = read([&](QSqlDatabase &db) -> Result<QStringList> {
        QSqlQuery q(db);
        QString err;
        if (!run(q, QStringLiteral("SELECT name FROM ks_operators ORDER BY name"), {}, err))
            return queryError(tr("listing operators"), err);
        QStringList out;
        while (q.next())
            out << q.value(0).toString();
        return out;
    });
    if (!names)
        return names.error();
    const AccountChange none = [](QSqlDatabase &, QJsonObject &, QString &) -> Status { return {}; };
    for (const QString &name : std::as_const(*names))
        if (auto r = recordAccountChange({}, name, QStringLiteral("account.baseline"),
                                         QStringLiteral("success"), {}, none);
            !r)
            return r.error();
    return {};
}

Result<qint64> Journal::recordAccountChange(const QString &operatorName, const QString &account,
                                            const QString &action, const QString &outcome,
                                            const QJsonObject &detail, const AccountChange &change)
{
    EventRecord e;
    e.kind = QStringLiteral("operator");
    e.step = action;
    e.phase = outcome;
    e.operatorName = operatorName;
    PendingAccountChange pending { account, detail, &change };
    auto r = append(std::move(e), &pending);
    if (!r)
        return r.error();
    return r->seq;
}

Result<EventRecord> Journal::append(EventRecord e, PendingAccountChange *account, const Decide &decide,
                                    bool durable)
{
    const bool pg = isPostgres();
    // Runs inside a transaction shared with the appends queued at the same moment (SqlWorker group commit); a
    // failing body is rolled back to its own savepoint.
    std::optional<Result<EventRecord>> outcome;
    const std::function<bool(QSqlDatabase &)> body = [&](QSqlDatabase &db) -> bool {
        QString err;
        auto fail = [&](CoreError error) {
            outcome.emplace(std::move(error));
            return false;
        };
        QSqlQuery q(db);
        // The chain head row is the one lock every appender takes, on every station sharing the database.
        if (!run(q,
                 QStringLiteral("SELECT last_seq, last_hash FROM ks_chain_head WHERE id = 1")
                     + (pg ? QStringLiteral(" FOR UPDATE") : QString()),
                 {}, err)
            || !q.next())
            return fail(queryError(tr("locking the chain head"), err));
        const qint64 lastSeq = q.value(0).toLongLong();
        const QString lastHash = q.value(1).toString();

        // Fill the context the event carries from the row it belongs to.
        std::optional<BatchRecord> batch;
        std::optional<AttemptRecord> attempt;
        if (e.kind == QLatin1String("batch") && e.phase != QLatin1String("begin")) {
            if (!run(q, QStringLiteral("SELECT %1 FROM ks_batches WHERE id = ?").arg(kBatchColumns),
                     { e.batchId }, err))
                return fail(queryError(tr("reading a batch"), err));
            if (!q.next())
                return fail(
                    CoreError::make(Code::NotFound, tr("No batch %1 in the journal.").arg(e.batchId)));
            batch = readBatch(q);
            e.operatorName = batch->operatorName;
        } else if (e.kind == QLatin1String("attempt") && e.phase == QLatin1String("begin")) {
            if (!run(q, QStringLiteral("SELECT %1 FROM ks_batches WHERE id = ?").arg(kBatchColumns),
                     { e.batchId }, err))
                return fail(queryError(tr("reading a batch"), err));
            if (!q.next())
                return fail(
                    CoreError::make(Code::NotFound, tr("No batch %1 in the journal.").arg(e.batchId)));
            e.operatorName = readBatch(q).operatorName;
        } else if (e.kind == QLatin1String("attempt") || e.kind == QLatin1String("step")
                   || (e.kind == QLatin1String("lot") && !e.attemptId.isEmpty())) {
            if (!run(q, QStringLiteral("SELECT %1 FROM ks_attempts WHERE id = ?").arg(kAttemptColumns),
                     { e.attemptId }, err))
                return fail(queryError(tr("reading an attempt"), err));
            if (!q.next())
                return fail(
                    CoreError::make(Code::NotFound, tr("No attempt %1 in the journal.").arg(e.attemptId)));
            attempt = readAttempt(q);
            e.batchId = attempt->batchId;
            e.operatorName = attempt->operatorName;
            e.serial = attempt->serial;
        }

        if (account) {
            // The account row changes under the chain head lock, so the rows and their events keep one order
            // on every station; the event records the row as it stands afterwards.
            QJsonObject d = account->detail;
            if (account->change) {
                if (auto changed = (*account->change)(db, d, e.phase); !changed)
                    return fail(changed.error());
            }
            QString rowHash;
            if (!currentAccountRowHash(db, account->account, rowHash, err))
                return fail(queryError(tr("reading an operator"), err));
            d.insert(QStringLiteral("account"), account->account);
            d.insert(QStringLiteral("rowHash"), rowHash);
            e.detail = compactJson(d);
        }
        if (decide) {
            if (auto decided = decide(db, e); !decided)
                return fail(decided.error());
        }

        e.seq = lastSeq + 1;
        e.tsMs = m_clock().toMSecsSinceEpoch();
        e.station = m_config.station;
        e.prevHash = lastHash;
        e.hash = EventChain::computeHash(lastHash, e);
        if (e.hash.isEmpty())
            return fail(queryError(tr("hashing"), QStringLiteral("chain head hash is malformed")));

        if (!run(
                q,
                QStringLiteral("INSERT INTO ks_events (%1) VALUES (%2)").arg(kEventColumns, placeholders(13)),
                { e.seq, e.tsMs, e.station, e.operatorName, e.batchId, e.attemptId, e.serial, e.kind, e.step,
                  e.phase, e.detail, e.prevHash, e.hash },
                err))
            return fail(queryError(tr("writing an event"), err));

        // The row follows from its events exactly as verify() replays them.
        bool ok = true;
        if (e.kind == QLatin1String("batch")) {
            BatchRecord b = batch.value_or(BatchRecord {});
            JournalReplay::applyToBatch(b, e);
            ok = batch
                ? run(q,
                      QStringLiteral("UPDATE ks_batches SET %1 WHERE id = ?").arg(assignments(kBatchColumns)),
                      updateBinds(batchBinds(b)), err)
                : run(q,
                      QStringLiteral("INSERT INTO ks_batches (%1) VALUES (%2)")
                          .arg(kBatchColumns, placeholders(7)),
                      batchBinds(b), err);
        } else if (e.kind == QLatin1String("attempt") || e.kind == QLatin1String("step")) {
            AttemptRecord a = attempt.value_or(AttemptRecord {});
            JournalReplay::applyToAttempt(a, e);
            ok = attempt ? run(q,
                               QStringLiteral("UPDATE ks_attempts SET %1 WHERE id = ?")
                                   .arg(assignments(kAttemptColumns)),
                               updateBinds(attemptBinds(a)), err)
                         : run(q,
                               QStringLiteral("INSERT INTO ks_attempts (%1) VALUES (%2)")
                                   .arg(kAttemptColumns, placeholders(17)),
                               attemptBinds(a), err);
        }
        if (!ok)
            return fail(queryError(tr("updating a record"), err));
        if (!run(q, QStringLiteral("UPDATE ks_chain_head SET last_seq = ?, last_hash = ? WHERE id = 1"),
                 { e.seq, e.hash }, err))
            return fail(queryError(tr("moving the chain head"), err));
        outcome.emplace(e);
        return true;
    };
    QString commitError;
    if (!m_worker->write(body, commitError, durable)) {
        if (outcome && !*outcome)
            return *outcome; // this append's own failure (NotFound, a statement error)
        return queryError(tr("committing"), commitError);
    }
    return std::move(*outcome);
}

Result<QString> Journal::beginBatch(const QString &operatorName, const QString &profileName,
                                    const QJsonObject &detail)
{
    EventRecord e;
    e.kind = QStringLiteral("batch");
    e.step = QStringLiteral("batch");
    e.phase = QStringLiteral("begin");
    e.batchId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    e.operatorName = operatorName;
    QJsonObject d = detail;
    d.insert(QStringLiteral("profile"), profileName);
    e.detail = compactJson(d);
    auto r = append(std::move(e));
    if (!r)
        return r.error();
    return r->batchId;
}

Status Journal::endBatch(const QString &batchId, const QJsonObject &summary)
{
    EventRecord e;
    e.kind = QStringLiteral("batch");
    e.step = QStringLiteral("batch");
    e.phase = QStringLiteral("end");
    e.batchId = batchId;
    e.detail = compactJson(summary);
    auto r = append(std::move(e));
    if (!r)
        return r.error();
    appendAnchor(*r);
    return {};
}

void Journal::appendAnchor(const EventRecord &event)
{
    if (m_config.anchorFile.isEmpty())
        return;
    const QByteArray line = anchorLine({ event.seq, event.hash, event.tsMs, event.station }).toUtf8() + '\n';
    const QByteArray path = QFile::encodeName(m_config.anchorFile);
    const int fd = ::open(path.constData(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, S_IRUSR | S_IWUSR);
    const bool ok = fd >= 0 && ::write(fd, line.constData(), static_cast<size_t>(line.size())) == line.size()
        && ::fsync(fd) == 0;
    if (fd >= 0)
        ::close(fd);
    if (!ok)
        qCWarning(lcCore) << "could not append the chain anchor to" << m_config.anchorFile;
}

Result<QString> Journal::beginAttempt(const QString &batchId, const QString &serial, const QString &model,
                                      const QJsonObject &detail)
{
    const QString normalised = PinDerivation::normaliseSerial(serial);
    if (normalised.isEmpty())
        return CoreError::make(Code::InvalidArgument, tr("An attempt needs the key's hardware serial."));
    EventRecord e;
    e.kind = QStringLiteral("attempt");
    e.step = QStringLiteral("attempt");
    e.phase = QStringLiteral("begin");
    e.batchId = batchId;
    e.attemptId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    e.serial = normalised;
    QJsonObject d = detail;
    d.insert(QStringLiteral("model"), model);
    e.detail = compactJson(d);
    auto r = append(std::move(e));
    if (!r)
        return r.error();
    return r->attemptId;
}

Result<qint64> Journal::recordEvent(const QString &attemptId, JournalStep step, JournalPhase phase,
                                    const QJsonObject &detail)
{
    if (step == JournalStep::GenerateKeyPair && phase == JournalPhase::Before
        && detail.value(QStringLiteral("keyId")).toString().isEmpty())
        return CoreError::make(
            Code::InvalidArgument,
            tr("Journal the CKA_ID (detail.keyId) before generating a key pair, so a crash "
               "during generation leaves a key pair resume can find."));
    EventRecord e;
    e.kind = QStringLiteral("step");
    e.step = journalStepName(step);
    e.phase = journalPhaseName(phase);
    e.attemptId = attemptId;
    e.detail = compactJson(detail);
    auto r = append(std::move(e), nullptr, {}, m_config.syncEveryEvent || mustSync(step, phase));
    if (!r)
        return r.error();
    return r->seq;
}

bool Journal::mustSync(JournalStep step, JournalPhase phase)
{
    switch (phase) {
    case JournalPhase::Failed:
        return true;
    case JournalPhase::Before:
        switch (step) {
        case JournalStep::Login:
        case JournalStep::GenerateKeyPair:
        case JournalStep::Enrol:
        case JournalStep::WriteCertificate:
        case JournalStep::SetUserPin:
            return true;
        case JournalStep::FindKeyPair:
        case JournalStep::ReadIdentity:
        case JournalStep::CreateCsr:
        case JournalStep::VerifyCertificate:
        case JournalStep::ReadBack:
            return false;
        }
        return true;
    case JournalPhase::After:
        return step == JournalStep::Enrol;
    }
    return true;
}

Status Journal::finishAttempt(const QString &attemptId, const AttemptOutcome &outcome)
{
    if (outcome.state == AttemptState::Running)
        return CoreError::make(Code::InvalidArgument, tr("An attempt cannot finish as running."));
    EventRecord e;
    e.kind = QStringLiteral("attempt");
    e.step = QStringLiteral("attempt");
    e.phase = attemptStateName(outcome.state);
    e.attemptId = attemptId;
    QJsonObject d;
    if (!outcome.errorCode.isEmpty())
        d.insert(QStringLiteral("errorCode"), outcome.errorCode);
    if (!outcome.errorMessage.isEmpty())
        d.insert(QStringLiteral("errorMessage"), outcome.errorMessage);
    e.detail = compactJson(d);
    auto r = append(std::move(e));
    if (!r)
        return r.error();
    return {};
}

Result<qint64> Journal::recordOperatorEvent(const QString &operatorName, const QString &action,
                                            const QString &outcome, const QJsonObject &detail)
{
    EventRecord e;
    e.kind = QStringLiteral("operator");
    e.step = action;
    e.phase = outcome;
    e.operatorName = operatorName;
    e.detail = compactJson(detail);
    auto r = append(std::move(e));
    if (!r)
        return r.error();
    return r->seq;
}

} // namespace ks::core
