// Journal rows read back from the database itself: a fresh SQLite journal gets fuzzed rows in ks_events,
// ks_attempts, ks_batches and ks_chain_head (written around the journal, as a tamperer or a broken disk
// would), then Journal::open, verify(), the log queries, resumeState() and exportCsv() read them.
// Records are separated by 0x1E; the first byte says the table ('e', 'a', 'b', 'h'), fields follow separated
// by 0x1F in the table's column order. An event without prev_hash and hash gets the correct chain values, so
// mutations also reach the replay checks behind the chain.
#include "FuzzInput.h"
#include "core/EventChain.h"
#include "core/Journal.h"
#include "core/OperatorStore.h"

#include <QCoreApplication>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <cstddef>
#include <cstdint>

using namespace ks::core;

namespace {

struct Table
{
    char tag;
    const char *insert;
    int columns;
    QList<int> integerColumns;
};

const Table tables[] = {
    { 'e',
      "INSERT OR REPLACE INTO ks_events (seq, ts_ms, station, operator, batch_id, attempt_id, serial, kind, "
      "step, phase, detail, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
      13,
      { 0, 1 } },
    { 'a',
      "INSERT OR REPLACE INTO ks_attempts (id, batch_id, station, operator, serial, model, state, last_step, "
      "last_phase, key_id, cert_serial, cert_not_after_ms, cert_der, error_code, error_message, started_ms, "
      "ended_ms) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
      17,
      { 11, 15, 16 } },
    { 'b',
      "INSERT OR REPLACE INTO ks_batches (id, station, operator, profile, started_ms, ended_ms, summary) "
      "VALUES (?,?,?,?,?,?,?)",
      7,
      { 4, 5 } },
    { 'h', "INSERT OR REPLACE INTO ks_chain_head (id, last_seq, last_hash) VALUES (1,?,?)", 2, { 0 } },
};

QCoreApplication &application()
{
    static int argc = 1;
    static char name[] = "fuzz_journal_db";
    static char *argv[] = { name, nullptr };
    static QCoreApplication *app
        = QCoreApplication::instance() ? nullptr : new QCoreApplication(argc, argv); // lives to the end
    return app ? *app : *QCoreApplication::instance();
}

EventRecord eventFrom(const QList<QByteArray> &f)
{
    EventRecord e;
    e.seq = f.at(0).toLongLong();
    e.tsMs = f.at(1).toLongLong();
    e.station = QString::fromUtf8(f.at(2));
    e.operatorName = QString::fromUtf8(f.at(3));
    e.batchId = QString::fromUtf8(f.at(4));
    e.attemptId = QString::fromUtf8(f.at(5));
    e.serial = QString::fromUtf8(f.at(6));
    e.kind = QString::fromUtf8(f.at(7));
    e.step = QString::fromUtf8(f.at(8));
    e.phase = QString::fromUtf8(f.at(9));
    e.detail = QString::fromUtf8(f.at(10));
    return e;
}

// Writes the rows directly, outside Journal. Returns the serials seen, for resumeState().
QStringList writeRows(const QString &path, const QByteArray &input)
{
    QStringList serials;
    const QString connection = QStringLiteral("fuzz-raw");
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        db.setDatabaseName(path);
        if (!db.open())
            return serials;
        db.transaction();
        QString prev = EventChain::genesisHash();
        const ks::fuzz::FuzzInput in(reinterpret_cast<const std::uint8_t *>(input.constData()),
                                     static_cast<std::size_t>(input.size()));
        for (const QByteArray &record : in.fields('\x1e', 128)) {
            if (record.isEmpty())
                continue;
            for (const Table &t : tables) {
                if (record.at(0) != t.tag)
                    continue;
                QList<QByteArray> f = record.mid(1).split('\x1f');
                while (f.size() < t.columns)
                    f << QByteArray();
                if (t.tag == 'e' && f.at(11).isEmpty() && f.at(12).isEmpty()) {
                    f[11] = prev.toLatin1();
                    f[12] = EventChain::computeHash(prev, eventFrom(f)).toLatin1();
                }
                if (t.tag == 'e') {
                    prev = QString::fromLatin1(f.at(12));
                    if (serials.size() < 4 && !f.at(6).isEmpty())
                        serials << QString::fromUtf8(f.at(6));
                }
                QSqlQuery q(db);
                q.prepare(QString::fromLatin1(t.insert));
                for (int i = 0; i < t.columns; ++i)
                    q.addBindValue(t.integerColumns.contains(i) ? QVariant(f.at(i).toLongLong())
                                                                : QVariant(QString::fromUtf8(f.at(i))));
                q.exec();
            }
        }
        db.commit();
        db.close();
    }
    QSqlDatabase::removeDatabase(connection);
    return serials;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    (void)application();
    // In memory when /dev/shm is there: the journal fsyncs every commit.
    static QTemporaryDir shm(QStringLiteral("/dev/shm/ks-fuzz-journal-XXXXXX"));
    static QTemporaryDir tmp;
    const QString path = (shm.isValid() ? shm : tmp).filePath(QStringLiteral("journal.sqlite"));
    static QByteArray fresh; // an empty journal with its schema, made once by Journal itself
    if (fresh.isEmpty()) {
        {
            auto j = Journal::open(JournalConfig::sqlite(path));
            if (!j)
                __builtin_trap();
        }
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            __builtin_trap();
        fresh = f.readAll();
    }
    for (const char *suffix : { "", "-wal", "-shm" })
        QFile::remove(path + QLatin1String(suffix));
    {
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            return 0;
        f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        f.write(fresh);
    }
    const QStringList serials
        = writeRows(path, QByteArray(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size)));

    auto journal = Journal::open(JournalConfig::sqlite(path));
    if (!journal)
        return 0;
    Journal &j = **journal;
    if (auto v = j.verify())
        (void)v->toString();
    // The log views need a session of this journal's accounts (the rows above hold none): the first
    // administrator's, when the chain head takes the account's record. Minting one costs a PBKDF2 derivation
    // (200,000 iterations, most of this target's time: under ASan each of its HMAC copies goes through the
    // sanitizer's allocator), so every sixteenth input reads with it and the others with the empty session
    // (which the views refuse).
    static int inputs = 0;
    OperatorSession reader;
    if (inputs++ % 16 == 0) {
        OperatorStore operators(j);
        QByteArray password("fuzz administrator password");
        if (auto created = operators.createFirstAdministrator(QStringLiteral("fuzz"), password))
            reader = *created;
    }
    (void)j.batches(reader);
    (void)j.attempts(reader);
    (void)j.events(reader);
    (void)j.unfinishedKeys();
    (void)j.exportCsv(reader);
    for (const QString &serial : serials)
        (void)j.resumeState(serial);
    return 0;
}
