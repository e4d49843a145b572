// Journal: reads (resume state, batches, attempts, events), the chain head and anchors, and the CSV export.
// Reads of the log need a session whose role allows them.
#include "Journal.h"

#include "JournalInternal.h"
#include "JournalReplay.h"
#include "PinDerivation.h"

#include <QDateTime>
#include <QFile>
#include <QSqlQuery>
#include <QVariant>

namespace ks::core {

using namespace journal;

namespace {

using Code = CoreError::Code;

QString csvField(const QString &value)
{
    // Formula injection: a spreadsheet runs a cell starting with '=', '+', '-' or '@' as a formula (an error
    // message or a model name comes from a key or a CA). A leading apostrophe makes it text.
    QString v = value;
    if (!v.isEmpty() && (v[0] == u'=' || v[0] == u'+' || v[0] == u'-' || v[0] == u'@'))
        v.prepend(u'\'');
    // RFC 4180 section 2: fields holding a comma, a double quote or a line break are quoted, quotes doubled.
    if (!v.contains(u',') && !v.contains(u'"') && !v.contains(u'\n') && !v.contains(u'\r'))
        return v;
    QString out = v;
    out.replace(QStringLiteral("\""), QStringLiteral("\"\""));
    return u'"' + out + u'"';
}

QString isoMs(qint64 ms)
{
    if (ms == 0)
        return {};
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

} // namespace

QString Journal::anchorLine(const ChainAnchor &a)
{
    return QStringLiteral("ks-anchor-v1 %1 %2 %3 %4")
        .arg(a.seq)
        .arg(a.hash, QDateTime::fromMSecsSinceEpoch(a.tsMs, Qt::UTC).toString(Qt::ISODateWithMs),
             a.station.isEmpty() ? QStringLiteral("-") : a.station);
}

Result<QList<ChainAnchor>> Journal::readAnchorFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return CoreError::make(Code::Io, tr("Cannot read the anchor file %1.").arg(path), {},
                               f.errorString());
    QList<ChainAnchor> out;
    int lineNo = 0;
    while (!f.atEnd()) {
        const QString line = QString::fromUtf8(f.readLine(4096)).trimmed();
        ++lineNo;
        if (line.isEmpty() || line.startsWith(u'#'))
            continue;
        const QStringList parts = line.split(u' ', Qt::SkipEmptyParts);
        ChainAnchor a;
        bool ok = parts.size() >= 3 && parts[0] == QLatin1String("ks-anchor-v1");
        if (ok)
            a.seq = parts[1].toLongLong(&ok);
        a.hash = parts.value(2).toLower();
        if (!ok || a.seq < 1 || a.hash.size() != 64
            || QByteArray::fromHex(a.hash.toLatin1()).toHex() != a.hash.toLatin1())
            return CoreError::make(
                Code::InvalidArgument,
                tr("Line %1 of the anchor file %2 is not an anchor.").arg(lineNo).arg(path));
        if (parts.size() >= 4)
            a.tsMs = QDateTime::fromString(parts[3], Qt::ISODateWithMs).toMSecsSinceEpoch();
        a.station = parts.value(4);
        out << a;
    }
    if (out.isEmpty())
        return CoreError::make(Code::InvalidArgument, tr("The anchor file %1 holds no anchor.").arg(path));
    return out;
}

Result<ChainAnchor> Journal::head(const OperatorSession &reader)
{
    if (!mayRead(reader, this, Permission::VerifyLog))
        return readDenied(Permission::VerifyLog);
    return head();
}

Result<ChainAnchor> Journal::head()
{
    return read([&](QSqlDatabase &db) -> Result<ChainAnchor> {
        QSqlQuery q(db);
        QString err;
        if (!run(q,
                 QStringLiteral(
                     "SELECT h.last_seq, h.last_hash, COALESCE(e.ts_ms, 0), COALESCE(e.station, '') "
                     "FROM ks_chain_head h LEFT JOIN ks_events e ON e.seq = h.last_seq WHERE h.id = 1"),
                 {}, err)
            || !q.next())
            return queryError(tr("reading the chain head"), err);
        return ChainAnchor { q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toLongLong(),
                             q.value(3).toString() };
    });
}

Result<KeyResumeState> Journal::resumeState(const QString &serial)
{
    const QString normalised = PinDerivation::normaliseSerial(serial);
    return read([&](QSqlDatabase &db) -> Result<KeyResumeState> {
        QSqlQuery q(db);
        q.setForwardOnly(true);
        QString err;
        if (!run(q,
                 QStringLiteral(
                     "SELECT %1 FROM ks_events WHERE serial = ? AND kind IN ('attempt', 'step') ORDER "
                     "BY seq")
                     .arg(kEventColumns),
                 { normalised }, err))
            return queryError(tr("reading a key's history"), err);
        KeyResumeState s;
        s.serial = normalised;
        while (q.next())
            JournalReplay::applyToResume(s, readEvent(q));
        return s;
    });
}

Result<QList<KeyResumeState>> Journal::unfinishedKeys()
{
    auto serials = read([&](QSqlDatabase &db) -> Result<QStringList> {
        QSqlQuery q(db);
        QString err;
        if (!run(q,
                 QStringLiteral(
                     "SELECT DISTINCT serial FROM ks_attempts WHERE state = ? AND station = ? ORDER BY "
                     "serial"),
                 { attemptStateName(AttemptState::Running), m_config.station }, err))
            return queryError(tr("listing unfinished attempts"), err);
        QStringList out;
        while (q.next())
            out << q.value(0).toString();
        return out;
    });
    if (!serials)
        return serials.error();
    QList<KeyResumeState> out;
    for (const QString &serial : *serials) {
        auto s = resumeState(serial);
        if (!s)
            return s.error();
        // A serial whose latest attempt finished (elsewhere or later) is not unfinished.
        if (!s->lastAttemptFinished)
            out << *s;
    }
    return out;
}

Result<QList<BatchRecord>> Journal::batches(const OperatorSession &reader, const QDateTime &from,
                                            const QDateTime &to)
{
    if (!mayRead(reader, this, Permission::ReadLog))
        return readDenied(Permission::ReadLog);
    return read([&](QSqlDatabase &db) -> Result<QList<BatchRecord>> {
        QString sql = QStringLiteral("SELECT %1 FROM ks_batches WHERE 1 = 1").arg(kBatchColumns);
        QVariantList binds;
        if (from.isValid()) {
            sql += QStringLiteral(" AND started_ms >= ?");
            binds << from.toMSecsSinceEpoch();
        }
        if (to.isValid()) {
            sql += QStringLiteral(" AND started_ms < ?");
            binds << to.toMSecsSinceEpoch();
        }
        sql += QStringLiteral(" ORDER BY started_ms, id");
        QSqlQuery q(db);
        QString err;
        if (!run(q, sql, binds, err))
            return queryError(tr("listing batches"), err);
        QList<BatchRecord> out;
        while (q.next())
            out << readBatch(q);
        return out;
    });
}

Result<QList<AttemptRecord>> Journal::attempts(const OperatorSession &reader, const AttemptFilter &f)
{
    if (!mayRead(reader, this, Permission::ReadLog))
        return readDenied(Permission::ReadLog);
    return read([&](QSqlDatabase &db) -> Result<QList<AttemptRecord>> {
        QString sql = QStringLiteral("SELECT %1 FROM ks_attempts WHERE 1 = 1").arg(kAttemptColumns);
        QVariantList binds;
        auto add = [&](const QString &cond, const QVariant &v) {
            sql += QStringLiteral(" AND ") + cond;
            binds << v;
        };
        if (!f.batchId.isEmpty())
            add(QStringLiteral("batch_id = ?"), f.batchId);
        if (f.from.isValid())
            add(QStringLiteral("started_ms >= ?"), f.from.toMSecsSinceEpoch());
        if (f.to.isValid())
            add(QStringLiteral("started_ms < ?"), f.to.toMSecsSinceEpoch());
        if (!f.operatorName.isEmpty())
            add(QStringLiteral("operator = ?"), f.operatorName);
        if (!f.state.isEmpty())
            add(QStringLiteral("state = ?"), f.state);
        if (!f.serialContains.isEmpty()) {
            QString pattern = PinDerivation::normaliseSerial(f.serialContains);
            pattern.replace(QStringLiteral("\\"), QStringLiteral("\\\\"));
            pattern.replace(QStringLiteral("%"), QStringLiteral("\\%"));
            pattern.replace(QStringLiteral("_"), QStringLiteral("\\_"));
            add(QStringLiteral("serial LIKE ? ESCAPE '\\'"),
                QStringLiteral("%") + pattern + QStringLiteral("%"));
        }
        sql += QStringLiteral(" ORDER BY started_ms, id LIMIT %1").arg(qMax(0, f.limit));
        QSqlQuery q(db);
        QString err;
        if (!run(q, sql, binds, err))
            return queryError(tr("listing attempts"), err);
        QList<AttemptRecord> out;
        while (q.next())
            out << readAttempt(q);
        return out;
    });
}

Result<QList<EventRecord>> Journal::events(const OperatorSession &reader, const QString &attemptId,
                                           const QString &batchId, int limit)
{
    if (!mayRead(reader, this, Permission::ReadLog))
        return readDenied(Permission::ReadLog);
    return read([&](QSqlDatabase &db) -> Result<QList<EventRecord>> {
        QString sql = QStringLiteral("SELECT %1 FROM ks_events WHERE 1 = 1").arg(kEventColumns);
        QVariantList binds;
        if (!attemptId.isEmpty()) {
            sql += QStringLiteral(" AND attempt_id = ?");
            binds << attemptId;
        }
        if (!batchId.isEmpty()) {
            sql += QStringLiteral(" AND batch_id = ?");
            binds << batchId;
        }
        sql += QStringLiteral(" ORDER BY seq LIMIT %1").arg(qMax(0, limit));
        QSqlQuery q(db);
        QString err;
        if (!run(q, sql, binds, err))
            return queryError(tr("listing events"), err);
        QList<EventRecord> out;
        while (q.next())
            out << readEvent(q);
        return out;
    });
}

Result<QByteArray> Journal::exportCsv(const OperatorSession &reader, const AttemptFilter &filter)
{
    if (!mayRead(reader, this, Permission::ExportLog))
        return readDenied(Permission::ExportLog);
    auto rows = attempts(reader, filter);
    if (!rows)
        return rows.error();
    QByteArray out
        = "attempt_id,batch_id,station,operator,serial,model,state,last_step,last_phase,key_id,"
          "cert_serial,cert_not_after_utc,error_code,error_message,started_utc,ended_utc,duration_ms\r\n";
    for (const AttemptRecord &a : std::as_const(*rows)) {
        const QStringList fields { a.id,
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
                                   isoMs(a.certNotAfterMs),
                                   a.errorCode,
                                   a.errorMessage,
                                   isoMs(a.startedMs),
                                   isoMs(a.endedMs),
                                   a.endedMs ? QString::number(a.endedMs - a.startedMs) : QString() };
        QStringList quoted;
        for (const QString &f : fields)
            quoted << csvField(f);
        out += quoted.join(u',').toUtf8() + "\r\n";
    }
    return out;
}

} // namespace ks::core
