// Journal: opening a journal (SQLite file or PostgreSQL) and its schema migrations. The other jobs live in
// JournalRows.cpp (row mapping, SQL plumbing), JournalAppend.cpp (the chained appends), JournalQueries.cpp
// (reads, anchors, CSV export), JournalVerify.cpp (verify()) and JournalLots.cpp (lots).
#include "Journal.h"

#include "EventChain.h"
#include "JournalInternal.h"
#include "JournalReplay.h"
#include "Log.h"
#include "SecureBytes.h"
#include "SqlWorker.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QSysInfo>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace ks::core {

using namespace journal;

namespace {

using Code = CoreError::Code;

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
    hooks.begin = [pg, location = journal->location()](QSqlDatabase &db, bool durable, QString &err) {
        if (beginWrite(db, pg, err, durable))
            return true;
        // A restarted PostgreSQL server leaves a dead connection: reconnect once, before anything was written
        // (retrying after a failed COMMIT could append an event twice).
        if (!pg || (SqlWorker::forgetKept(db), db.close(), !db.open()) || !beginWrite(db, pg, err, durable))
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
        SqlWorker::forgetKept(db);
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

} // namespace ks::core
