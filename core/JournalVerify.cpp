// Journal: verify() replays the chained events and compares them with the batch, attempt and account rows.
#include "Journal.h"

#include "EventChain.h"
#include "JournalInternal.h"
#include "JournalReplay.h"

#include <QJsonDocument>
#include <QSqlQuery>

#include <map>

namespace ks::core {

using namespace journal;

namespace {

using Code = CoreError::Code;

} // namespace

Result<VerifyResult> Journal::verify(const OperatorSession &reader, const QList<ChainAnchor> &anchors)
{
    if (!mayRead(reader, this, Permission::VerifyLog))
        return readDenied(Permission::VerifyLog);
    return verify(anchors);
}

Result<VerifyResult> Journal::verify(const QList<ChainAnchor> &anchors)
{
    return read([&](QSqlDatabase &db) -> Result<VerifyResult> {
        VerifyResult result;
        auto broken = [&](const QString &table, const QString &id, const QString &reason) {
            result.intact = false;
            result.table = table;
            result.recordId = id;
            result.reason = reason;
            return result;
        };
        QString err;
        // One read transaction: a consistent snapshot while other stations keep appending.
        QSqlQuery begin(db);
        if (!run(begin,
                 isPostgres() ? QStringLiteral("BEGIN ISOLATION LEVEL REPEATABLE READ")
                              : QStringLiteral("BEGIN"),
                 {}, err))
            return queryError(tr("starting verification"), err);
        struct Rollback
        {
            QSqlDatabase &db;
            ~Rollback() { rollback(db); }
        } endRead { db };

        QSqlQuery q(db);
        q.setForwardOnly(true);
        if (!run(q, QStringLiteral("SELECT %1 FROM ks_events ORDER BY seq").arg(kEventColumns), {}, err))
            return queryError(tr("reading events"), err);
        std::map<QString, BatchRecord> batches;
        std::map<QString, AttemptRecord> attempts;
        std::map<QString, QString> accountHashes; // account -> rowHash of its last change
        std::map<qint64, QString> anchored; // seq -> hash the anchor file names
        for (const ChainAnchor &a : anchors)
            if (auto [it, inserted] = anchored.emplace(a.seq, a.hash.toLower());
                !inserted && it->second != a.hash.toLower())
                return broken(QStringLiteral("anchor"), QString::number(a.seq),
                              tr("the anchor file names two different hashes for this record"));
        qint64 expectedSeq = 1;
        QString prevHash = EventChain::genesisHash();
        while (q.next()) {
            const EventRecord e = readEvent(q);
            const QString id = QString::number(e.seq);
            if (e.seq != expectedSeq)
                return broken(QStringLiteral("ks_events"), id,
                              tr("record(s) %1 to %2 before this one are missing (deleted)")
                                  .arg(expectedSeq)
                                  .arg(e.seq - 1));
            if (e.prevHash != prevHash)
                return broken(QStringLiteral("ks_events"), id,
                              tr("its previous-hash does not match the previous record's hash"));
            if (EventChain::computeHash(prevHash, e) != e.hash)
                return broken(QStringLiteral("ks_events"), id,
                              tr("its content does not match its hash (edited)"));
            if (e.kind == QLatin1String("batch"))
                JournalReplay::applyToBatch(batches[e.batchId], e);
            else if (e.kind == QLatin1String("attempt") || e.kind == QLatin1String("step"))
                JournalReplay::applyToAttempt(attempts[e.attemptId], e);
            else if (e.kind == QLatin1String("operator") && e.detail.contains(QLatin1String("\"rowHash\""))) {
                const QJsonObject d = QJsonDocument::fromJson(e.detail.toUtf8()).object();
                if (d.contains(QLatin1String("rowHash")))
                    accountHashes[d.value(QLatin1String("account")).toString()]
                        = d.value(QLatin1String("rowHash")).toString();
            }
            if (auto a = anchored.find(e.seq); a != anchored.end() && a->second != e.hash)
                return broken(QStringLiteral("ks_events"), id,
                              tr("its hash differs from the anchor kept outside the database (the chain was "
                                 "rewritten from here or earlier)"));
            prevHash = e.hash;
            ++expectedSeq;
            ++result.eventsChecked;
        }
        if (!run(q, QStringLiteral("SELECT last_seq, last_hash FROM ks_chain_head WHERE id = 1"), {}, err)
            || !q.next())
            return queryError(tr("reading the chain head"), err);
        if (q.value(0).toLongLong() != expectedSeq - 1 || q.value(1).toString() != prevHash)
            return broken(QStringLiteral("ks_chain_head"), q.value(0).toString(),
                          tr("the chain head names record %1 but the last record is %2 (records at the end "
                             "deleted)")
                              .arg(q.value(0).toLongLong())
                              .arg(expectedSeq - 1));
        if (!anchored.empty() && anchored.rbegin()->first > expectedSeq - 1)
            return broken(
                QStringLiteral("anchor"), QString::number(anchored.rbegin()->first),
                tr("the anchor kept outside the database names record %1 but the chain ends at record "
                   "%2 (records at the end removed and the chain head moved back)")
                    .arg(anchored.rbegin()->first)
                    .arg(expectedSeq - 1));

        if (!run(q, QStringLiteral("SELECT %1 FROM ks_batches ORDER BY id").arg(kBatchColumns), {}, err))
            return queryError(tr("reading batches"), err);
        qsizetype seen = 0;
        while (q.next()) {
            const BatchRecord b = readBatch(q);
            auto it = batches.find(b.id);
            if (it == batches.end())
                return broken(QStringLiteral("ks_batches"), b.id, tr("no journal record created this batch"));
            if (!(it->second == b))
                return broken(QStringLiteral("ks_batches"), b.id,
                              tr("the row differs from what its journal records say (edited)"));
            ++seen;
        }
        if (seen != static_cast<qsizetype>(batches.size()))
            for (const auto &[id, b] : batches)
                if (run(q, QStringLiteral("SELECT id FROM ks_batches WHERE id = ?"), { id }, err)
                    && !q.next())
                    return broken(QStringLiteral("ks_batches"), id, tr("the batch row is missing (deleted)"));

        if (!run(q, QStringLiteral("SELECT %1 FROM ks_attempts ORDER BY id").arg(kAttemptColumns), {}, err))
            return queryError(tr("reading attempts"), err);
        seen = 0;
        while (q.next()) {
            const AttemptRecord a = readAttempt(q);
            auto it = attempts.find(a.id);
            if (it == attempts.end())
                return broken(QStringLiteral("ks_attempts"), a.id,
                              tr("no journal record created this attempt"));
            if (!(it->second == a))
                return broken(QStringLiteral("ks_attempts"), a.id,
                              tr("the row differs from what its journal records say (edited)"));
            ++seen;
        }
        if (seen != static_cast<qsizetype>(attempts.size()))
            for (const auto &[id, a] : attempts)
                if (run(q, QStringLiteral("SELECT id FROM ks_attempts WHERE id = ?"), { id }, err)
                    && !q.next())
                    return broken(QStringLiteral("ks_attempts"), id,
                                  tr("the attempt row is missing (deleted)"));

        // Accounts: every row must be exactly as its last journaled change left it.
        if (!run(
                q,
                QStringLiteral("SELECT name, role, secret, disabled, failures, locked_until_ms, badge_sha256 "
                               "FROM ks_operators ORDER BY name"),
                {}, err))
            return queryError(tr("reading operators"), err);
        std::map<QString, bool> accountSeen;
        while (q.next()) {
            const QString name = q.value(0).toString();
            const QString hash
                = accountRowHash(name, q.value(1).toString(), q.value(2).toString(), q.value(3).toLongLong(),
                                 q.value(4).toLongLong(), q.value(5).toLongLong(), q.value(6).toString());
            accountSeen[name] = true;
            auto it = accountHashes.find(name);
            if (it == accountHashes.end() || it->second.isEmpty())
                return broken(QStringLiteral("ks_operators"), name,
                              tr("no journal record created this account (inserted outside KeyStation)"));
            if (it->second != hash)
                return broken(QStringLiteral("ks_operators"), name,
                              tr("the account differs from its last journal record (role, password, badge, "
                                 "disabled or lock-out edited)"));
        }
        for (const auto &[name, hash] : accountHashes)
            if (!hash.isEmpty() && !accountSeen.count(name))
                return broken(QStringLiteral("ks_operators"), name,
                              tr("the account row is missing (deleted)"));
        return result;
    });
}

} // namespace ks::core
