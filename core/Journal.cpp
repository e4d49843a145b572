#include "Journal.h"

#include "EventChain.h"
#include "JournalReplay.h"
#include "Log.h"
#include "PinDerivation.h"
#include "SecureBytes.h"
#include "SqlWorker.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QSysInfo>
#include <QUuid>
#include <QVariant>

#include <fcntl.h>
#include <map>
#include <sys/stat.h>
#include <unistd.h>

namespace ks::core {

namespace {

using Code = CoreError::Code;

const QString kEventColumns = QStringLiteral("seq, ts_ms, station, operator, batch_id, attempt_id, serial, "
                                             "kind, step, phase, detail, prev_hash, hash");
const QString kBatchColumns = QStringLiteral("id, station, operator, profile, started_ms, ended_ms, summary");
const QString kAttemptColumns = QStringLiteral(
    "id, batch_id, station, operator, serial, model, state, last_step, last_phase, key_id, cert_serial, "
    "cert_not_after_ms, cert_der, error_code, error_message, started_ms, ended_ms");

// Schema migrations: kMigrations[i] takes a database from version i to i + 1. Portable SQL (SQLite 3.40 and
// PostgreSQL 15); text columns are NOT NULL with '' for "none" so rows compare exactly on replay.
const QList<QStringList> kMigrations = {
    {
        QStringLiteral(
            "CREATE TABLE IF NOT EXISTS ks_chain_head (id INTEGER PRIMARY KEY, last_seq BIGINT NOT "
            "NULL, last_hash TEXT NOT NULL)"),
        QStringLiteral(
            "INSERT INTO ks_chain_head (id, last_seq, last_hash) VALUES (1, 0, '%1') ON CONFLICT (id) "
            "DO NOTHING")
            .arg(EventChain::genesisHash()),
        QStringLiteral(
            "CREATE TABLE IF NOT EXISTS ks_events (seq BIGINT PRIMARY KEY, ts_ms BIGINT NOT NULL, "
            "station TEXT NOT NULL, operator TEXT NOT NULL, batch_id TEXT NOT NULL, attempt_id TEXT NOT "
            "NULL, serial TEXT NOT NULL, kind TEXT NOT NULL, step TEXT NOT NULL, phase TEXT NOT NULL, "
            "detail TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL)"),
        QStringLiteral("CREATE INDEX IF NOT EXISTS ks_events_attempt ON ks_events (attempt_id)"),
        QStringLiteral("CREATE INDEX IF NOT EXISTS ks_events_serial ON ks_events (serial)"),
        QStringLiteral(
            "CREATE TABLE IF NOT EXISTS ks_batches (id TEXT PRIMARY KEY, station TEXT NOT NULL, "
            "operator TEXT NOT NULL, profile TEXT NOT NULL, started_ms BIGINT NOT NULL, ended_ms BIGINT "
            "NOT NULL, summary TEXT NOT NULL)"),
        QStringLiteral(
            "CREATE TABLE IF NOT EXISTS ks_attempts (id TEXT PRIMARY KEY, batch_id TEXT NOT NULL, "
            "station TEXT NOT NULL, operator TEXT NOT NULL, serial TEXT NOT NULL, model TEXT NOT NULL, "
            "state TEXT NOT NULL, last_step TEXT NOT NULL, last_phase TEXT NOT NULL, key_id TEXT NOT "
            "NULL, cert_serial TEXT NOT NULL, cert_not_after_ms BIGINT NOT NULL, cert_der TEXT NOT "
            "NULL, error_code TEXT NOT NULL, error_message TEXT NOT NULL, started_ms BIGINT NOT NULL, "
            "ended_ms BIGINT NOT NULL)"),
        QStringLiteral("CREATE INDEX IF NOT EXISTS ks_attempts_serial ON ks_attempts (serial)"),
        QStringLiteral("CREATE INDEX IF NOT EXISTS ks_attempts_batch ON ks_attempts (batch_id)"),
        QStringLiteral(
            "CREATE TABLE IF NOT EXISTS ks_operators (name TEXT PRIMARY KEY, role TEXT NOT NULL, "
            "secret TEXT NOT NULL, disabled INTEGER NOT NULL, failures INTEGER NOT NULL, locked_until_ms "
            "BIGINT NOT NULL, badge_sha256 TEXT NOT NULL, created_ms BIGINT NOT NULL, updated_ms BIGINT "
            "NOT NULL)"),
    },
    // 2: no new columns; account events carry detail.rowHash from now on (Journal::open baselines the
    // accounts a version-1 journal holds).
    {},
    // 3: lots live in chained events of kind "lot" whose step is the lot id (JournalLots.cpp); no new table.
    {
        QStringLiteral("CREATE INDEX IF NOT EXISTS ks_events_kind_step ON ks_events (kind, step)"),
    },
};

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
    bool ok;
    if (binds.isEmpty()) {
        ok = q.exec(sql);
    } else {
        ok = q.prepare(sql);
        if (ok) {
            for (const QVariant &v : binds) {
                // A null QString binds as SQL NULL; the schema stores "none" as ''.
                if (v.typeId() == QMetaType::QString && v.toString().isNull())
                    q.addBindValue(QStringLiteral(""));
                else
                    q.addBindValue(v);
            }
            ok = q.exec();
        }
    }
    if (!ok)
        err = lastError(q);
    return ok;
}

bool beginWrite(QSqlDatabase &db, bool pg, QString &err)
{
    QSqlQuery q(db);
    // SQLite: IMMEDIATE takes the write lock now, so two writers never deadlock upgrading a read lock.
    return run(q, pg ? QStringLiteral("BEGIN") : QStringLiteral("BEGIN IMMEDIATE"), {}, err);
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

QString openSqlite(QSqlDatabase &db, const QString &path)
{
    const QFileInfo info(path);
    if (!QDir(info.absolutePath()).exists()) {
        QDir().mkpath(info.absolutePath());
        // The journal names operators and keys: its directory, like the file, is the owner's alone.
        QFile::setPermissions(info.absolutePath(),
                              QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    }
    if (!info.exists()) {
        // Created owner-only before SQLite opens it; SQLite gives the -wal and -shm files the same mode.
        const QByteArray native = QFile::encodeName(path);
        const int fd = ::open(native.constData(), O_CREAT | O_RDWR | O_CLOEXEC, S_IRUSR | S_IWUSR);
        if (fd < 0)
            return Journal::tr("Cannot create the journal file %1.").arg(path);
        ::close(fd);
    }
    db.setDatabaseName(path);
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=30000"));
    if (!db.open())
        return db.lastError().text();
    QSqlQuery q(db);
    QString err;
    if (!run(q, QStringLiteral("PRAGMA journal_mode=WAL"), {}, err) || !q.next()
        || q.value(0).toString().compare(QLatin1String("wal"), Qt::CaseInsensitive) != 0)
        return Journal::tr("Cannot switch the journal to WAL mode: %1").arg(err);
    if (!run(q, QStringLiteral("PRAGMA synchronous=FULL"), {}, err))
        return err;
    return {};
}

QString openPostgres(QSqlDatabase &db, JournalConfig &c)
{
    db.setHostName(c.pgHost);
    db.setPort(c.pgPort);
    db.setDatabaseName(c.pgDatabase);
    db.setUserName(c.pgUser);
    // QSqlDatabase keeps its own copy of the password for reconnects; ours is wiped right away.
    db.setPassword(QString::fromUtf8(c.pgPassword));
    wipe(c.pgPassword);
    db.setConnectOptions(QStringLiteral("connect_timeout=10"));
    if (!db.open())
        return db.lastError().text();
    return {};
}

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

QString migrate(QSqlDatabase &db, bool pg, int *fromVersion)
{
    QString err;
    if (!beginWrite(db, pg, err))
        return err;
    QSqlQuery q(db);
    auto fail = [&](const QString &e) {
        rollback(db);
        return e;
    };
    // Stations starting together must not race creating the schema.
    if (pg && !run(q, QStringLiteral("SELECT pg_advisory_xact_lock(7305431)"), {}, err))
        return fail(err);
    // Probe first: PostgreSQL answers CREATE TABLE IF NOT EXISTS on an existing table with a NOTICE on
    // stderr.
    if (!run(q,
             pg ? QStringLiteral("SELECT to_regclass('ks_meta') IS NOT NULL")
                : QStringLiteral("SELECT count(*) > 0 FROM sqlite_master WHERE name = 'ks_meta'"),
             {}, err)
        || !q.next())
        return fail(err);
    if (!q.value(0).toBool()
        && !run(q, QStringLiteral("CREATE TABLE ks_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"), {},
                err))
        return fail(err);
    int version = 0;
    if (!run(q, QStringLiteral("SELECT value FROM ks_meta WHERE key = ?"),
             { QStringLiteral("schema_version") }, err))
        return fail(err);
    if (q.next())
        version = q.value(0).toString().toInt();
    if (version > Journal::schemaVersion)
        return fail(QStringLiteral("schema-too-new:%1").arg(version));
    *fromVersion = version;
    for (int v = version; v < Journal::schemaVersion; ++v)
        for (const QString &stmt : kMigrations.at(v))
            if (!run(q, stmt, {}, err))
                return fail(err);
    if (version != Journal::schemaVersion
        && !run(
            q,
            QStringLiteral("INSERT INTO ks_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET "
                           "value = excluded.value"),
            { QStringLiteral("schema_version"), QString::number(Journal::schemaVersion) }, err))
        return fail(err);
    if (!commit(db, err))
        return fail(err);
    return {};
}

} // namespace

Journal::Journal(JournalConfig config, Clock clock)
    : m_config(std::move(config))
    , m_clock(std::move(clock))
{ }

Journal::~Journal() = default;

Result<std::unique_ptr<Journal>> Journal::open(JournalConfig config, Clock clock)
{
    if (config.station.isEmpty())
        config.station = QSysInfo::machineHostName();
    if (config.backend == JournalConfig::Backend::Sqlite && config.sqlitePath.isEmpty())
        config.sqlitePath = JournalConfig::defaultSqlitePath();
    const bool pg = config.backend == JournalConfig::Backend::Postgres;
    // Only the connection needs the password: the journal keeps none, and openPostgres wipes it where it is
    // stored, so the caller's JournalConfig (sharing it) reads zeros afterwards (core/SecureBytes.h).
    JournalConfig connectConfig = config;
    config.pgPassword.clear(); // drops this reference only; the wipe comes through connectConfig
    int fromVersion = schemaVersion;
    std::unique_ptr<Journal> journal(new Journal(std::move(config), std::move(clock)));
    const QString path = journal->m_config.sqlitePath;
    journal->m_worker = std::make_unique<SqlWorker>(
        pg ? QStringLiteral("QPSQL") : QStringLiteral("QSQLITE"), [&](QSqlDatabase &db) -> QString {
            const QString err = pg ? openPostgres(db, connectConfig) : openSqlite(db, path);
            if (!err.isEmpty())
                return err;
            return migrate(db, pg, &fromVersion);
        });
    wipe(connectConfig.pgPassword);
    SqlWorker::WriteHooks hooks;
    hooks.begin = [pg, location = journal->location()](QSqlDatabase &db, QString &err) {
        if (beginWrite(db, pg, err))
            return true;
        // A restarted PostgreSQL server leaves a dead connection: reconnect once, before anything was written
        // (retrying after a failed COMMIT could append an event twice).
        if (!pg || (db.close(), !db.open()) || !beginWrite(db, pg, err))
            return false;
        qCInfo(lcCore) << "journal reconnected to" << location;
        return true;
    };
    hooks.commit = [](QSqlDatabase &db, QString &err) { return commit(db, err); };
    hooks.rollback = [](QSqlDatabase &db) { rollback(db); };
    journal->m_worker->setWriteHooks(std::move(hooks));
    const QString err = journal->m_worker->openError();
    if (err.startsWith(QLatin1String("schema-too-new:")))
        return CoreError::make(Code::SchemaTooNew,
                               tr("The journal %1 was written by a newer KeyStation (schema %2).")
                                   .arg(journal->location(), err.mid(15)));
    if (!err.isEmpty())
        return CoreError::make(Code::DatabaseOpen, tr("Cannot open the journal %1.").arg(journal->location()),
                               {}, err);
    if (fromVersion >= 1 && fromVersion < 2) {
        if (auto b = journal->baselineAccounts(); !b)
            return b.error();
    }
    qCInfo(lcCore) << "journal open:" << journal->location();
    return journal;
}

bool Journal::reconnect()
{
    const bool ok = m_worker->call([](QSqlDatabase &db) {
        db.close();
        return db.open();
    });
    qCInfo(lcCore) << "journal reconnect to" << location() << (ok ? "succeeded" : "failed");
    return ok;
}

QString Journal::location() const
{
    if (isPostgres())
        return QStringLiteral("postgresql://%1@%2:%3/%4")
            .arg(m_config.pgUser, m_config.pgHost)
            .arg(m_config.pgPort)
            .arg(m_config.pgDatabase);
    return m_config.sqlitePath;
}

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

Result<EventRecord> Journal::append(EventRecord e, PendingAccountChange *account, const Decide &decide)
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
    if (!m_worker->write(body, commitError)) {
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
    auto r = append(std::move(e));
    if (!r)
        return r.error();
    return r->seq;
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
