// Journal: mapping rows to records and back, and the SQL plumbing every part of the journal uses.
#include "Journal.h"

#include "JournalInternal.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace ks::core::journal {

using Code = CoreError::Code;

const QString kEventColumns = QStringLiteral("seq, ts_ms, station, operator, batch_id, attempt_id, serial, "
                                             "kind, step, phase, detail, prev_hash, hash");
const QString kBatchColumns = QStringLiteral("id, station, operator, profile, started_ms, ended_ms, summary");
const QString kAttemptColumns = QStringLiteral(
    "id, batch_id, station, operator, serial, model, state, last_step, last_phase, key_id, cert_serial, "
    "cert_not_after_ms, cert_der, error_code, error_message, started_ms, ended_ms");

QString lastError(const QSqlQuery &q)
{
    return q.lastError().text();
}

CoreError queryError(const QString &what, const QString &detail)
{
    return CoreError::make(Code::DatabaseQuery, Journal::tr("Journal database error while %1.").arg(what), {},
                           detail);
}

// Prepares, binds and runs; on failure fills `err`.
bool run(QSqlQuery &q, const QString &sql, const QVariantList &binds, QString &err)
{
    const auto bind = [&binds](QSqlQuery &query) {
        for (const QVariant &v : binds) {
            // A null QString binds as SQL NULL; the schema stores "none" as ''.
            if (v.typeId() == QMetaType::QString && v.toString().isNull())
                query.addBindValue(QStringLiteral(""));
            else
                query.addBindValue(v);
        }
    };
    const bool write = sql.startsWith(u"INSERT", Qt::CaseInsensitive)
        || sql.startsWith(u"UPDATE", Qt::CaseInsensitive) || sql.startsWith(u"DELETE", Qt::CaseInsensitive);
    if (write && !binds.isEmpty()) {
        // A write runs to its end in exec() and nothing is read from it after: its prepared statement is
        // kept for the next event (the SQL parser was a quarter of the journal thread's time). `q` is unused.
        QSqlQuery *kept = SqlWorker::keptStatement(q.driver(), sql, err);
        if (!kept)
            return false;
        bind(*kept);
        const bool ok = kept->exec();
        if (!ok)
            err = lastError(*kept);
        kept->finish();
        return ok;
    }
    bool ok;
    if (binds.isEmpty()) {
        ok = q.exec(sql);
    } else {
        ok = q.prepare(sql);
        if (ok) {
            bind(q);
            ok = q.exec();
        }
    }
    if (!ok)
        err = lastError(q);
    return ok;
}

bool beginWrite(QSqlDatabase &db, bool pg, QString &err, bool durable)
{
    QSqlQuery q(db);
    if (pg) {
        // A commit with synchronous_commit off returns before its WAL is flushed; a later flushed commit
        // flushes it as well (the WAL is written in order).
        return run(q, QStringLiteral("BEGIN"), {}, err)
            && (durable || run(q, QStringLiteral("SET LOCAL synchronous_commit TO OFF"), {}, err));
    }
    // WAL mode: FULL syncs the WAL file at this commit (and with it every commit before), NORMAL leaves the
    // sync to the next FULL commit or checkpoint. Set outside the transaction, for this commit.
    if (!run(q,
             durable ? QStringLiteral("PRAGMA synchronous=FULL")
                     : QStringLiteral("PRAGMA synchronous=NORMAL"),
             {}, err))
        return false;
    // IMMEDIATE takes the write lock now, so two writers never deadlock upgrading a read lock.
    return run(q, QStringLiteral("BEGIN IMMEDIATE"), {}, err);
}

bool commit(QSqlDatabase &db, QString &err)
{
    QSqlQuery q(db);
    return run(q, QStringLiteral("COMMIT"), {}, err);
}

void rollback(QSqlDatabase &db)
{
    QSqlQuery q(db);
    QString ignored;
    run(q, QStringLiteral("ROLLBACK"), {}, ignored);
}

EventRecord readEvent(const QSqlQuery &q)
{
    EventRecord e;
    e.seq = q.value(0).toLongLong();
    e.tsMs = q.value(1).toLongLong();
    e.station = q.value(2).toString();
    e.operatorName = q.value(3).toString();
    e.batchId = q.value(4).toString();
    e.attemptId = q.value(5).toString();
    e.serial = q.value(6).toString();
    e.kind = q.value(7).toString();
    e.step = q.value(8).toString();
    e.phase = q.value(9).toString();
    e.detail = q.value(10).toString();
    e.prevHash = q.value(11).toString();
    e.hash = q.value(12).toString();
    return e;
}

BatchRecord readBatch(const QSqlQuery &q)
{
    BatchRecord b;
    b.id = q.value(0).toString();
    b.station = q.value(1).toString();
    b.operatorName = q.value(2).toString();
    b.profile = q.value(3).toString();
    b.startedMs = q.value(4).toLongLong();
    b.endedMs = q.value(5).toLongLong();
    b.summary = q.value(6).toString();
    return b;
}

QVariantList batchBinds(const BatchRecord &b)
{
    return { b.id, b.station, b.operatorName, b.profile, b.startedMs, b.endedMs, b.summary };
}

AttemptRecord readAttempt(const QSqlQuery &q)
{
    AttemptRecord a;
    a.id = q.value(0).toString();
    a.batchId = q.value(1).toString();
    a.station = q.value(2).toString();
    a.operatorName = q.value(3).toString();
    a.serial = q.value(4).toString();
    a.model = q.value(5).toString();
    a.state = q.value(6).toString();
    a.lastStep = q.value(7).toString();
    a.lastPhase = q.value(8).toString();
    a.keyIdHex = q.value(9).toString();
    a.certSerialHex = q.value(10).toString();
    a.certNotAfterMs = q.value(11).toLongLong();
    a.certDer = QByteArray::fromBase64(q.value(12).toString().toLatin1());
    a.errorCode = q.value(13).toString();
    a.errorMessage = q.value(14).toString();
    a.startedMs = q.value(15).toLongLong();
    a.endedMs = q.value(16).toLongLong();
    return a;
}

QVariantList attemptBinds(const AttemptRecord &a)
{
    return { a.id,
             a.batchId,
             a.station,
             a.operatorName,
             a.serial,
             a.model,
             a.state,
             a.lastStep,
             a.lastPhase,
             a.keyIdHex,
             a.certSerialHex,
             a.certNotAfterMs,
             QString::fromLatin1(a.certDer.toBase64()),
             a.errorCode,
             a.errorMessage,
             a.startedMs,
             a.endedMs };
}

QString placeholders(int n)
{
    QStringList l;
    for (int i = 0; i < n; ++i)
        l << QStringLiteral("?");
    return l.join(QStringLiteral(", "));
}

QString assignments(const QString &columns)
{
    QStringList l;
    for (const QString &c : columns.split(QStringLiteral(", ")))
        if (c != QLatin1String("id"))
            l << c + QStringLiteral(" = ?");
    return l.join(QStringLiteral(", "));
}

// UPDATE binds: every column but id, then id for the WHERE.
QVariantList updateBinds(QVariantList binds)
{
    const QVariant id = binds.takeFirst();
    binds << id;
    return binds;
}

QString compactJson(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

// A read needs a session of this journal's own account table whose role allows `p`.
bool mayRead(const OperatorSession &reader, const Journal *journal, Permission p)
{
    return reader.allows(p) && reader.journal() == journal;
}

CoreError readDenied(Permission p)
{
    return CoreError::make(Code::PermissionDenied,
                           Journal::tr("Your role does not allow this (%1).").arg(permissionName(p)));
}

} // namespace ks::core::journal
