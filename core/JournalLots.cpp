// Journal: lots (docs/lots.md). A lot lives only in chained events of kind "lot" whose step is the lot id:
//   phase "register": detail {"manifest": <canonical manifest>, "sha256": <its hash>} (once per lot);
//   phase "admitted" / "notInLot" / "alreadyInLot" / "lotComplete": the verdict on one attempt (attempt id,
//   batch, serial and operator copied from the attempt row), decided and journaled in one append transaction.
// Counts and hand-over lists are derived from those events and the attempt rows (themselves replayed from the
// chain by verify()), so editing either is found by verify() and the counts survive restarts and crashes.
#include "Journal.h"

#include "Log.h"
#include "PinDerivation.h"
#include "SqlWorker.h"

#include "base/CertificateFacts.h"

#include <QJsonDocument>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

#include <openssl/x509.h>

#include <map>

namespace ks::core {

namespace {

using Code = CoreError::Code;

const QString kLot = QStringLiteral("lot");
const QString kRegister = QStringLiteral("register");

bool run(QSqlQuery &q, const QString &sql, const QVariantList &binds, QString &err)
{
    bool ok = q.prepare(sql);
    if (ok) {
        for (const QVariant &v : binds)
            q.addBindValue(
                v.typeId() == QMetaType::QString && v.toString().isNull() ? QVariant(QStringLiteral("")) : v);
        ok = q.exec();
    }
    if (!ok)
        err = q.lastError().text();
    return ok;
}

CoreError queryError(const QString &what, const QString &detail)
{
    return CoreError::make(Code::DatabaseQuery, Journal::tr("Journal database error while %1.").arg(what), {},
                           detail);
}

QString compactJson(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

// The registration event's detail of `lotId`, empty when the lot is not registered.
bool registeredDetail(QSqlDatabase &db, const QString &lotId, QJsonObject &detail, QString &err)
{
    QSqlQuery q(db);
    if (!run(q,
             QStringLiteral("SELECT detail FROM ks_events WHERE kind = ? AND step = ? AND phase = ? ORDER BY "
                            "seq LIMIT 1"),
             { kLot, lotId, kRegister }, err))
        return false;
    detail = q.next() ? QJsonDocument::fromJson(q.value(0).toString().toUtf8()).object() : QJsonObject();
    return true;
}

Result<LotManifest> manifestOf(const QJsonObject &detail, const QString &lotId)
{
    auto m = LotManifest::parse(QJsonDocument(detail.value(QStringLiteral("manifest")).toObject()).toJson(),
                                Journal::tr("the journal's lot %1").arg(lotId));
    if (!m)
        return CoreError::make(Code::DatabaseQuery,
                               Journal::tr("The journal's record of lot %1 is unreadable.").arg(lotId), {},
                               m.error().toString());
    return m;
}

struct CertInfo
{
    QString serialHex;
    QString sha256;
    qint64 notBeforeMs = 0;
    qint64 notAfterMs = 0;
};

qint64 asn1Ms(const ASN1_TIME *t)
{
    const QDateTime time = asn1TimeToUtc(t);
    return time.isValid() ? time.toMSecsSinceEpoch() : 0;
}

CertInfo certInfo(const QByteArray &der)
{
    CertInfo info;
    if (der.isEmpty())
        return info;
    info.sha256 = sha256Hex(der);
    const X509Ptr cert = parseCertificateDerPrefix(der);
    if (!cert)
        return info;
    info.serialHex = ks::serialHex(cert.get()).toLower();
    info.notBeforeMs = asn1Ms(X509_get0_notBefore(cert.get()));
    info.notAfterMs = asn1Ms(X509_get0_notAfter(cert.get()));
    return info;
}

} // namespace

Status Journal::registerLot(const LotManifest &lot, const QString &operatorName)
{
    if (lot.id.isEmpty() || lot.profile.isEmpty() || lot.quantity < 1)
        return CoreError::make(Code::LotInvalid, tr("A lot needs an id, a profile and a quantity above 0."));
    const QString sha = lot.sha256();
    bool same = false;
    EventRecord e;
    e.kind = kLot;
    e.step = lot.id;
    e.phase = kRegister;
    e.operatorName = operatorName;
    e.detail
        = compactJson({ { QStringLiteral("manifest"), lot.toJson() }, { QStringLiteral("sha256"), sha } });
    auto r = append(std::move(e), nullptr, [&](QSqlDatabase &db, EventRecord &) -> Status {
        QJsonObject existing;
        QString err;
        if (!registeredDetail(db, lot.id, existing, err))
            return queryError(tr("reading a lot"), err);
        if (existing.isEmpty())
            return {};
        same = existing.value(QStringLiteral("sha256")).toString() == sha;
        return CoreError::make(Code::AlreadyExists,
                               tr("The journal already holds a different lot %1 (manifest SHA-256 %2); give "
                                  "a changed work order a new id.")
                                   .arg(lot.id, existing.value(QStringLiteral("sha256")).toString()),
                               QStringLiteral("id"));
    });
    if (!r) {
        if (same)
            return {};
        return r.error();
    }
    qCInfo(lcCore) << "lot registered:" << lot.id << "quantity" << lot.quantity;
    return {};
}

Result<LotManifest> Journal::lot(const QString &lotId)
{
    auto detail = read([&](QSqlDatabase &db) -> Result<QJsonObject> {
        QJsonObject d;
        QString err;
        if (!registeredDetail(db, lotId, d, err))
            return queryError(tr("reading a lot"), err);
        return d;
    });
    if (!detail)
        return detail.error();
    if (detail->isEmpty())
        return CoreError::make(Code::NotFound, tr("No lot %1 in the journal.").arg(lotId));
    return manifestOf(*detail, lotId);
}

Result<QList<LotManifest>> Journal::lots()
{
    auto details = read([&](QSqlDatabase &db) -> Result<QList<QPair<QString, QJsonObject>>> {
        QSqlQuery q(db);
        QString err;
        if (!run(q,
                 QStringLiteral(
                     "SELECT step, detail FROM ks_events WHERE kind = ? AND phase = ? ORDER BY seq"),
                 { kLot, kRegister }, err))
            return queryError(tr("listing lots"), err);
        QList<QPair<QString, QJsonObject>> out;
        while (q.next())
            out.append(
                { q.value(0).toString(), QJsonDocument::fromJson(q.value(1).toString().toUtf8()).object() });
        return out;
    });
    if (!details)
        return details.error();
    QList<LotManifest> out;
    for (const auto &[id, detail] : std::as_const(*details)) {
        auto m = manifestOf(detail, id);
        if (!m)
            return m.error();
        out << *m;
    }
    return out;
}

Result<QString> Journal::lotOfBatch(const QString &batchId)
{
    return read([&](QSqlDatabase &db) -> Result<QString> {
        QSqlQuery q(db);
        QString err;
        if (!run(q,
                 QStringLiteral(
                     "SELECT detail FROM ks_events WHERE kind = 'batch' AND step = 'batch' AND phase "
                     "= 'begin' AND batch_id = ?"),
                 { batchId }, err))
            return queryError(tr("reading a batch"), err);
        if (!q.next())
            return CoreError::make(Code::NotFound, tr("No batch %1 in the journal.").arg(batchId));
        return QJsonDocument::fromJson(q.value(0).toString().toUtf8())
            .object()
            .value(QStringLiteral("lot"))
            .toString();
    });
}

Result<LotVerdict> Journal::admitToLot(const QString &attemptId, const LotManifest &lot)
{
    const QString sha = lot.sha256();
    LotVerdict verdict = LotVerdict::Admitted;
    EventRecord e;
    e.kind = kLot;
    e.step = lot.id;
    e.phase = lotVerdictName(LotVerdict::Admitted);
    e.attemptId = attemptId;
    // Under the chain-head lock: no other station appends between this count and the verdict's event.
    auto r = append(std::move(e), nullptr, [&](QSqlDatabase &db, EventRecord &ev) -> Status {
        QJsonObject registered;
        QString err;
        if (!registeredDetail(db, lot.id, registered, err))
            return queryError(tr("reading a lot"), err);
        if (registered.isEmpty())
            return CoreError::make(Code::NotFound, tr("No lot %1 in the journal.").arg(lot.id));
        if (registered.value(QStringLiteral("sha256")).toString() != sha)
            return CoreError::make(Code::LotInvalid,
                                   tr("The lot %1 differs from the one the journal holds.").arg(lot.id));
        QSet<QString> done;
        QSet<QString> taken; // done, or admitted and still running
        if (lot.contains(ev.serial)) {
            QSqlQuery q(db);
            if (!run(q,
                     QStringLiteral(
                         "SELECT e.serial, a.state, a.id FROM ks_events e JOIN ks_attempts a ON a.id = "
                         "e.attempt_id WHERE e.kind = ? AND e.step = ? AND e.phase = ?"),
                     { kLot, lot.id, lotVerdictName(LotVerdict::Admitted) }, err))
                return queryError(tr("counting a lot"), err);
            while (q.next()) {
                const QString serial = q.value(0).toString();
                const QString state = q.value(1).toString();
                if (state == attemptStateName(AttemptState::Done)) {
                    done.insert(serial);
                    taken.insert(serial);
                } else if (state == attemptStateName(AttemptState::Running)
                           && q.value(2).toString() != attemptId) {
                    taken.insert(serial);
                }
            }
            taken.remove(ev.serial);
            if (done.contains(ev.serial))
                verdict = LotVerdict::AlreadyInLot;
            else if (taken.size() >= lot.quantity)
                verdict = LotVerdict::LotComplete;
        } else {
            verdict = LotVerdict::NotInLot;
        }
        ev.phase = lotVerdictName(verdict);
        ev.detail = compactJson({ { QStringLiteral("quantity"), lot.quantity },
                                  { QStringLiteral("done"), static_cast<int>(done.size()) },
                                  { QStringLiteral("taken"), static_cast<int>(taken.size()) } });
        return {};
    });
    if (!r)
        return r.error();
    if (verdict != LotVerdict::Admitted)
        qCInfo(lcCore) << "lot" << lot.id << "refused" << r->serial << lotVerdictName(verdict);
    return verdict;
}

Result<LotCounts> Journal::lotCounts(const QString &lotId)
{
    auto manifest = lot(lotId);
    if (!manifest)
        return manifest.error();
    struct Row
    {
        QString phase, serial, attemptId, state, station, operatorName;
        qint64 startedMs = 0, endedMs = 0;
    };
    auto rows = read([&](QSqlDatabase &db) -> Result<QList<Row>> {
        QSqlQuery q(db);
        q.setForwardOnly(true);
        QString err;
        if (!run(
                q,
                QStringLiteral(
                    "SELECT e.phase, e.serial, e.attempt_id, COALESCE(a.state, ''), COALESCE(a.station, ''), "
                    "COALESCE(a.operator, ''), COALESCE(a.started_ms, 0), COALESCE(a.ended_ms, 0) FROM "
                    "ks_events "
                    "e LEFT JOIN ks_attempts a ON a.id = e.attempt_id WHERE e.kind = ? AND e.step = ? AND "
                    "e.phase <> ? ORDER BY e.seq"),
                { kLot, lotId, kRegister }, err))
            return queryError(tr("counting a lot"), err);
        QList<Row> out;
        while (q.next())
            out << Row { q.value(0).toString(),   q.value(1).toString(),  q.value(2).toString(),
                         q.value(3).toString(),   q.value(4).toString(),  q.value(5).toString(),
                         q.value(6).toLongLong(), q.value(7).toLongLong() };
        return out;
    });
    if (!rows)
        return rows.error();

    LotCounts c;
    c.lotId = lotId;
    c.quantity = manifest->quantity;
    struct Key
    {
        QList<const Row *> attempts; // admitted, in order
    };
    std::map<QString, Key> keys;
    const QString admitted = lotVerdictName(LotVerdict::Admitted);
    for (const Row &row : std::as_const(*rows)) {
        if (row.startedMs && (!c.firstAttemptMs || row.startedMs < c.firstAttemptMs))
            c.firstAttemptMs = row.startedMs;
        if (row.endedMs > c.lastFinishedMs)
            c.lastFinishedMs = row.endedMs;
        if (row.phase == admitted)
            keys[row.serial].attempts << &row;
        else
            ++c.refused;
    }
    int firstPass = 0;
    for (const auto &[serial, key] : keys) {
        const Row *doneRow = nullptr;
        for (const Row *a : key.attempts)
            if (a->state == attemptStateName(AttemptState::Done))
                doneRow = a;
        if (doneRow) {
            ++c.done;
            ++c.doneByStation[doneRow->station];
            ++c.doneByOperator[doneRow->operatorName];
            if (key.attempts.first() == doneRow)
                ++firstPass;
            continue;
        }
        const QString last = key.attempts.last()->state;
        if (last == attemptStateName(AttemptState::Running))
            ++c.running;
        else if (last == attemptStateName(AttemptState::Interrupted))
            ++c.interrupted;
        else
            ++c.failed;
    }
    c.remaining = qMax(0, c.quantity - c.done);
    if (!keys.empty()) {
        c.firstPassYield = double(firstPass) / double(keys.size());
        c.finalYield = double(c.done) / double(keys.size());
    }
    if (c.done > 0 && c.lastFinishedMs > c.firstAttemptMs)
        c.keysPerHour = c.done * 3600000.0 / double(c.lastFinishedMs - c.firstAttemptMs);
    return c;
}

Result<QList<LotKey>> Journal::lotKeys(const QString &lotId)
{
    auto rows = read([&](QSqlDatabase &db) -> Result<QList<LotKey>> {
        QSqlQuery q(db);
        q.setForwardOnly(true);
        QString err;
        if (!run(q,
                 QStringLiteral(
                     "SELECT a.id, a.serial, a.station, a.operator, a.cert_der, a.cert_serial, "
                     "a.ended_ms FROM ks_events e JOIN ks_attempts a ON a.id = e.attempt_id WHERE "
                     "e.kind = ? AND e.step = ? AND e.phase = ? AND a.state = ? ORDER BY a.ended_ms, "
                     "a.id"),
                 { kLot, lotId, lotVerdictName(LotVerdict::Admitted), attemptStateName(AttemptState::Done) },
                 err))
            return queryError(tr("listing a lot's keys"), err);
        QList<LotKey> out;
        while (q.next()) {
            LotKey k;
            k.attemptId = q.value(0).toString();
            k.serial = q.value(1).toString();
            k.station = q.value(2).toString();
            k.operatorName = q.value(3).toString();
            k.certDer = QByteArray::fromBase64(q.value(4).toString().toLatin1());
            k.certSerialHex = q.value(5).toString();
            k.doneMs = q.value(6).toLongLong();
            out << k;
        }
        return out;
    });
    if (!rows)
        return rows.error();
    // A key once, by its last done attempt (a forced run cannot happen in a lot, but an old journal may hold
    // one).
    QList<LotKey> out;
    QHash<QString, qsizetype> index;
    for (LotKey k : std::as_const(*rows)) {
        const CertInfo info = certInfo(k.certDer);
        if (!info.serialHex.isEmpty())
            k.certSerialHex = info.serialHex;
        k.sha256Fingerprint = info.sha256;
        k.notBeforeMs = info.notBeforeMs;
        k.notAfterMs = info.notAfterMs;
        if (auto it = index.find(k.serial); it != index.end()) {
            out[*it] = k;
        } else {
            index.insert(k.serial, out.size());
            out << k;
        }
    }
    return out;
}

Result<int> Journal::markInterrupted()
{
    auto open = read([&](QSqlDatabase &db) -> Result<QPair<QStringList, QStringList>> {
        QSqlQuery q(db);
        QString err;
        QPair<QStringList, QStringList> out;
        if (!run(q,
                 QStringLiteral(
                     "SELECT id FROM ks_attempts WHERE state = ? AND station = ? ORDER BY started_ms"),
                 { attemptStateName(AttemptState::Running), m_config.station }, err))
            return queryError(tr("listing unfinished attempts"), err);
        while (q.next())
            out.first << q.value(0).toString();
        if (!run(q,
                 QStringLiteral(
                     "SELECT id FROM ks_batches WHERE ended_ms = 0 AND station = ? ORDER BY started_ms"),
                 { m_config.station }, err))
            return queryError(tr("listing unfinished batches"), err);
        while (q.next())
            out.second << q.value(0).toString();
        return out;
    });
    if (!open)
        return open.error();
    int marked = 0;
    const QString message
        = tr("Interrupted: the KeyStation process running this key ended without finishing "
             "it (killed, crashed or powered off). The key resumes where it stopped when it "
             "is provisioned again.");
    for (const QString &attemptId : std::as_const(open->first)) {
        bool stillRunning = true;
        EventRecord e;
        e.kind = QStringLiteral("attempt");
        e.step = QStringLiteral("attempt");
        e.phase = attemptStateName(AttemptState::Interrupted);
        e.attemptId = attemptId;
        e.detail = compactJson({ { QStringLiteral("errorCode"), QStringLiteral("Interrupted") },
                                 { QStringLiteral("errorMessage"), message } });
        // Re-checked under the lock: the attempt may have finished since the read.
        auto r = append(std::move(e), nullptr, [&](QSqlDatabase &db, EventRecord &) -> Status {
            QSqlQuery q(db);
            QString err;
            if (!run(q, QStringLiteral("SELECT state FROM ks_attempts WHERE id = ?"), { attemptId }, err))
                return queryError(tr("reading an attempt"), err);
            stillRunning = q.next() && q.value(0).toString() == attemptStateName(AttemptState::Running);
            if (!stillRunning)
                return CoreError::make(Code::AlreadyExists,
                                       tr("The attempt %1 has finished.").arg(attemptId));
            return {};
        });
        if (!r && stillRunning)
            return r.error();
        if (r)
            ++marked;
    }
    for (const QString &batchId : std::as_const(open->second))
        if (auto s = endBatch(batchId, { { QStringLiteral("interrupted"), true } }); !s)
            return s.error();
    if (marked || !open->second.isEmpty())
        qCInfo(lcCore) << "journal: marked" << marked << "attempt(s) interrupted, ended"
                       << open->second.size() << "batch(es) left open";
    return marked;
}

} // namespace ks::core
