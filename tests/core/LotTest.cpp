// Lots (docs/lots.md): the manifest parser, and the journal's lot records on SQLite and PostgreSQL — the
// verdicts, the cap across two stations sharing one database, the counts, interrupted attempts, tamper
// evidence.
#include "JournalBackend.h"

#include "core/Journal.h"
#include "core/Lot.h"

#include <gtest/gtest.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

using namespace ks::core;
using ks::test::Backend;
using ks::test::JournalBackend;
using Code = CoreError::Code;

namespace {

QJsonObject minimalLot()
{
    return QJsonObject { { QStringLiteral("id"), QStringLiteral("WO-1") },
                         { QStringLiteral("profile"), QStringLiteral("factory") },
                         { QStringLiteral("quantity"), 3 },
                         { QStringLiteral("serials"),
                           QJsonArray { QStringLiteral("a1"), QStringLiteral("A2"),
                                        QStringLiteral(" A3 ") } } };
}

Result<LotManifest> parse(const QJsonObject &o)
{
    return LotManifest::parse(QJsonDocument(o).toJson(), QStringLiteral("lot.json"));
}

QJsonObject with(QJsonObject o, const QString &key, const QJsonValue &value)
{
    if (value.isUndefined())
        o.remove(key);
    else
        o.insert(key, value);
    return o;
}

void expectInvalid(const QJsonObject &o, const QString &field, const char *what)
{
    auto lot = parse(o);
    ASSERT_FALSE(lot) << what;
    EXPECT_EQ(lot.error().code, Code::LotInvalid) << what;
    EXPECT_EQ(lot.error().field, field) << what << ": " << lot.error().toString().toStdString();
    EXPECT_TRUE(lot.error().message.contains(QStringLiteral("lot.json"))) << what;
}

} // namespace

TEST(LotManifest, ParsesAndNormalisesSerials)
{
    auto lot = parse(with(minimalLot(), QStringLiteral("customer"), QStringLiteral("ACME")));
    ASSERT_TRUE(lot) << lot.error().toString().toStdString();
    EXPECT_EQ(lot->id, QStringLiteral("WO-1"));
    EXPECT_EQ(lot->profile, QStringLiteral("factory"));
    EXPECT_EQ(lot->quantity, 3);
    EXPECT_EQ(lot->serials,
              (QStringList { QStringLiteral("A1"), QStringLiteral("A2"), QStringLiteral("A3") }));
    EXPECT_EQ(lot->customer, QStringLiteral("ACME"));
    EXPECT_TRUE(lot->contains(QStringLiteral("A2")));
    EXPECT_FALSE(lot->contains(QStringLiteral("A4")));
    EXPECT_FALSE(lot->contains(QString()));
}

TEST(LotManifest, UnknownFieldsAreErrorsThatNameTheField)
{
    expectInvalid(with(minimalLot(), QStringLiteral("quantitiy"), 4), QStringLiteral("quantitiy"),
                  "top level");
    auto ranges = with(minimalLot(), QStringLiteral("serialRanges"),
                       QJsonArray { QJsonObject { { QStringLiteral("from"), QStringLiteral("B01") },
                                                  { QStringLiteral("to"), QStringLiteral("B09") },
                                                  { QStringLiteral("step"), 1 } } });
    expectInvalid(ranges, QStringLiteral("serialRanges[0].step"), "inside a range");
    auto lot = parse(with(minimalLot(), QStringLiteral("quantitiy"), 4));
    ASSERT_FALSE(lot);
    EXPECT_TRUE(lot.error().message.contains(QStringLiteral("\"quantitiy\"")))
        << lot.error().message.toStdString();
}

TEST(LotManifest, MissingAndWrongTypedFieldsAreErrors)
{
    expectInvalid(with(minimalLot(), QStringLiteral("id"), QJsonValue::Undefined), QStringLiteral("id"),
                  "no id");
    expectInvalid(with(minimalLot(), QStringLiteral("id"), QStringLiteral("  ")), QStringLiteral("id"),
                  "blank id");
    expectInvalid(with(minimalLot(), QStringLiteral("profile"), QJsonValue::Undefined),
                  QStringLiteral("profile"), "no profile");
    expectInvalid(with(minimalLot(), QStringLiteral("quantity"), QJsonValue::Undefined),
                  QStringLiteral("quantity"), "no quantity");
    expectInvalid(with(minimalLot(), QStringLiteral("quantity"), QStringLiteral("3")),
                  QStringLiteral("quantity"), "quantity as text");
    expectInvalid(with(minimalLot(), QStringLiteral("quantity"), 0), QStringLiteral("quantity"),
                  "quantity 0");
    expectInvalid(with(minimalLot(), QStringLiteral("quantity"), 2.5), QStringLiteral("quantity"),
                  "quantity 2.5");
    expectInvalid(with(minimalLot(), QStringLiteral("customer"), 7), QStringLiteral("customer"),
                  "customer 7");
    expectInvalid(with(minimalLot(), QStringLiteral("serials"), QStringLiteral("A1")),
                  QStringLiteral("serials"), "serials not a list");
    expectInvalid(with(minimalLot(), QStringLiteral("serials"), QJsonArray { QStringLiteral("A1"), 2 }),
                  QStringLiteral("serials[1]"), "a number in serials");
    expectInvalid(with(minimalLot(), QStringLiteral("serials"), QJsonArray {}), QStringLiteral("serials"),
                  "no serial at all");
    EXPECT_FALSE(LotManifest::parse("{\"id\": ", QStringLiteral("lot.json")));
    EXPECT_FALSE(LotManifest::parse("[1, 2]", QStringLiteral("lot.json")));
}

TEST(LotManifest, DuplicateSerialsAreRejectedAfterNormalisation)
{
    expectInvalid(with(minimalLot(), QStringLiteral("serials"),
                       QJsonArray { QStringLiteral("a1"), QStringLiteral("A1") }),
                  QStringLiteral("serials[1]"), "a1 and A1");
}

TEST(LotManifest, RangesNeedTheSameLengthAndFromNotAfterTo)
{
    auto range = [](const QString &from, const QString &to) {
        return with(
            minimalLot(), QStringLiteral("serialRanges"),
            QJsonArray { QJsonObject { { QStringLiteral("from"), from }, { QStringLiteral("to"), to } } });
    };
    expectInvalid(range(QStringLiteral("B1"), QStringLiteral("B100")), QStringLiteral("serialRanges[0]"),
                  "lengths differ");
    expectInvalid(range(QStringLiteral("B9"), QStringLiteral("B1")), QStringLiteral("serialRanges[0]"),
                  "from after to");
    expectInvalid(with(range(QStringLiteral("B1"), QStringLiteral("B9")), QStringLiteral("serialRanges"),
                       QJsonArray { QJsonObject { { QStringLiteral("from"), QStringLiteral("B1") } } }),
                  QStringLiteral("serialRanges[0].to"), "no to");

    auto lot = parse(with(range(QStringLiteral("ks0100"), QStringLiteral("KS0199")),
                          QStringLiteral("serials"), QJsonValue::Undefined));
    ASSERT_TRUE(lot) << lot.error().toString().toStdString();
    EXPECT_EQ(lot->serialRanges.front().from, QStringLiteral("KS0100"));
    EXPECT_TRUE(lot->contains(QStringLiteral("KS0100")));
    EXPECT_TRUE(lot->contains(QStringLiteral("KS0150")));
    EXPECT_TRUE(lot->contains(QStringLiteral("KS0199")));
    EXPECT_FALSE(lot->contains(QStringLiteral("KS0200")));
    EXPECT_FALSE(lot->contains(QStringLiteral("KS0099")));
    EXPECT_FALSE(lot->contains(QStringLiteral("KS01500"))); // longer: not in the range
    EXPECT_FALSE(lot->contains(QStringLiteral("KS015")));
}

TEST(LotManifest, CanonicalJsonAndHashIgnoreSpellingOfTheFile)
{
    auto a = parse(minimalLot());
    QJsonObject respelt = minimalLot();
    respelt.insert(QStringLiteral("serials"),
                   QJsonArray { QStringLiteral("A1"), QStringLiteral("a2"), QStringLiteral("a3") });
    auto b = LotManifest::parse("  " + QJsonDocument(respelt).toJson(QJsonDocument::Indented),
                                QStringLiteral("other.json"));
    ASSERT_TRUE(a && b);
    EXPECT_EQ(a->sha256(), b->sha256());
    EXPECT_EQ(a->sha256().size(), 64);
    auto round = LotManifest::parse(QJsonDocument(a->toJson()).toJson(), QStringLiteral("round"));
    ASSERT_TRUE(round);
    EXPECT_EQ(*round, *a);
    auto changed = parse(with(minimalLot(), QStringLiteral("quantity"), 4));
    ASSERT_TRUE(changed);
    EXPECT_NE(changed->sha256(), a->sha256());
}

TEST(LotManifest, LoadNamesTheFile)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("wo.json"));
    auto missing = LotManifest::load(path);
    ASSERT_FALSE(missing);
    EXPECT_TRUE(missing.error().message.contains(path));
    QFile f(path);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write(QJsonDocument(with(minimalLot(), QStringLiteral("colour"), 1)).toJson());
    f.close();
    auto bad = LotManifest::load(path);
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().field, QStringLiteral("colour"));
    EXPECT_TRUE(bad.error().message.contains(path)) << bad.error().message.toStdString();
}

TEST(LotManifest, TheInstalledExampleLoads)
{
    auto lot = LotManifest::load(QStringLiteral(KS_SOURCE_DIR "/resources/examples/lot-example.json"));
    ASSERT_TRUE(lot) << lot.error().toString().toStdString();
    EXPECT_GT(lot->quantity, 0);
}

// --- the journal's lot records ---

class LotJournal : public ::testing::TestWithParam<Backend>
{
protected:
    void SetUp() override
    {
        m_backend = std::make_unique<JournalBackend>(GetParam());
        ASSERT_TRUE(m_backend->ok()) << "database setup failed";
        auto j = m_backend->open();
        ASSERT_TRUE(j) << j.error().toString().toStdString();
        m_journal = std::move(*j);
        auto lot = parse(minimalLot());
        ASSERT_TRUE(lot);
        m_lot = *lot;
        ASSERT_TRUE(m_journal->registerLot(m_lot, QStringLiteral("alice")));
    }

    QString lotBatch(Journal &j)
    {
        auto b = j.beginBatch(QStringLiteral("alice"), QStringLiteral("factory"),
                              { { QStringLiteral("lot"), m_lot.id } });
        EXPECT_TRUE(b);
        return b ? *b : QString();
    }

    // An attempt of `serial` in `batch`, admitted or not; finished `done` when admitted and asked to.
    LotVerdict attempt(Journal &j, const QString &batch, const QString &serial,
                       std::optional<AttemptState> end, QString *attemptId = nullptr)
    {
        auto a = j.beginAttempt(batch, serial);
        EXPECT_TRUE(a);
        if (!a)
            return LotVerdict::NotInLot;
        auto v = j.admitToLot(*a, m_lot);
        EXPECT_TRUE(v) << v.error().toString().toStdString();
        if (attemptId)
            *attemptId = *a;
        if (end) {
            EXPECT_TRUE(j.finishAttempt(*a, { *end, {}, {} }));
        }
        return v ? *v : LotVerdict::NotInLot;
    }

    // The first value a query answers (psql ends it with a line break).
    QString sqlValue(const QString &sql)
    {
        QString v;
        EXPECT_TRUE(m_backend->tamper(sql, &v)) << sql.toStdString();
        return v.trimmed();
    }

    std::unique_ptr<JournalBackend> m_backend;
    std::unique_ptr<Journal> m_journal;
    LotManifest m_lot;
};

TEST_P(LotJournal, RegisteringIsOnceAndADifferentManifestUnderTheSameIdIsRefused)
{
    EXPECT_TRUE(m_journal->registerLot(m_lot, QStringLiteral("bob"))); // the same again: no-op
    auto all = m_journal->lots();
    ASSERT_TRUE(all);
    ASSERT_EQ(all->size(), 1);
    EXPECT_EQ(all->front(), m_lot);
    auto stored = m_journal->lot(m_lot.id);
    ASSERT_TRUE(stored);
    EXPECT_EQ(*stored, m_lot);
    LotManifest other = m_lot;
    other.quantity = 99;
    auto refused = m_journal->registerLot(other, QStringLiteral("bob"));
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, Code::AlreadyExists);
    EXPECT_EQ(m_journal->lot(QStringLiteral("nope")).error().code, Code::NotFound);
    const QString batch = lotBatch(*m_journal);
    auto lotId = m_journal->lotOfBatch(batch);
    ASSERT_TRUE(lotId);
    EXPECT_EQ(*lotId, m_lot.id);
    auto plain = m_journal->beginBatch(QStringLiteral("alice"), QStringLiteral("factory"));
    ASSERT_TRUE(plain);
    EXPECT_EQ(*m_journal->lotOfBatch(*plain), QString());
}

TEST_P(LotJournal, VerdictsCountsAndTheCap)
{
    const QString batch = lotBatch(*m_journal);
    EXPECT_EQ(attempt(*m_journal, batch, QStringLiteral("ZZ9"), AttemptState::Failed), LotVerdict::NotInLot);
    EXPECT_EQ(attempt(*m_journal, batch, QStringLiteral("a1"), AttemptState::Done), LotVerdict::Admitted);
    EXPECT_EQ(attempt(*m_journal, batch, QStringLiteral("A1"), AttemptState::Failed),
              LotVerdict::AlreadyInLot);
    EXPECT_EQ(attempt(*m_journal, batch, QStringLiteral("A2"), AttemptState::Failed), LotVerdict::Admitted);
    EXPECT_EQ(attempt(*m_journal, batch, QStringLiteral("A2"), AttemptState::Done), LotVerdict::Admitted);
    // Quantity 3 for 3 serials: A3 running takes the last place; nothing else is in the lot anyway.
    QString running;
    EXPECT_EQ(attempt(*m_journal, batch, QStringLiteral("A3"), std::nullopt, &running), LotVerdict::Admitted);

    auto c = m_journal->lotCounts(m_lot.id);
    ASSERT_TRUE(c) << c.error().toString().toStdString();
    EXPECT_EQ(c->quantity, 3);
    EXPECT_EQ(c->done, 2);
    EXPECT_EQ(c->failed, 0); // A2 failed once, then done: it counts by its last attempt
    EXPECT_EQ(c->running, 1);
    EXPECT_EQ(c->refused, 2);
    EXPECT_EQ(c->remaining, 1);
    EXPECT_DOUBLE_EQ(c->firstPassYield, 1.0 / 3.0); // A1 first time; A2 second; A3 not yet
    EXPECT_DOUBLE_EQ(c->finalYield, 2.0 / 3.0);
    EXPECT_EQ(c->doneByStation.value(QStringLiteral("station-1")), 2);
    EXPECT_EQ(c->doneByOperator.value(QStringLiteral("alice")), 2);
    EXPECT_GT(c->firstAttemptMs, 0);

    auto v = m_journal->verify();
    ASSERT_TRUE(v);
    EXPECT_TRUE(v->intact) << v->toString().toStdString();
}

TEST_P(LotJournal, RunningKeysOfAnotherStationCountTowardsTheCap)
{
    LotManifest two = m_lot;
    two.id = QStringLiteral("WO-2");
    two.quantity = 2;
    ASSERT_TRUE(m_journal->registerLot(two, QStringLiteral("alice")));
    m_lot = two;
    auto other = m_backend->open(systemClock(), QStringLiteral("station-2"));
    ASSERT_TRUE(other) << other.error().toString().toStdString();
    const QString batch1 = lotBatch(*m_journal);
    const QString batch2 = lotBatch(**other);
    // Station 1 has A1 running, station 2 finishes A2: the lot is full, A3 is refused on either station.
    EXPECT_EQ(attempt(*m_journal, batch1, QStringLiteral("A1"), std::nullopt), LotVerdict::Admitted);
    EXPECT_EQ(attempt(**other, batch2, QStringLiteral("A2"), AttemptState::Done), LotVerdict::Admitted);
    EXPECT_EQ(attempt(**other, batch2, QStringLiteral("A3"), AttemptState::Failed), LotVerdict::LotComplete);
    EXPECT_EQ(attempt(*m_journal, batch1, QStringLiteral("A3"), AttemptState::Failed),
              LotVerdict::LotComplete);
    // Done on station 2 is done everywhere.
    EXPECT_EQ(attempt(*m_journal, batch1, QStringLiteral("A2"), AttemptState::Failed),
              LotVerdict::AlreadyInLot);
    auto c = m_journal->lotCounts(two.id);
    ASSERT_TRUE(c);
    EXPECT_EQ(c->done, 1);
    EXPECT_EQ(c->running, 1);
    EXPECT_EQ(c->refused, 3);
    EXPECT_EQ(c->doneByStation.value(QStringLiteral("station-2")), 1);
}

TEST_P(LotJournal, AttemptsLeftRunningBecomeInterruptedAndTheirBatchesEnd)
{
    const QString batch = lotBatch(*m_journal);
    QString a1;
    EXPECT_EQ(attempt(*m_journal, batch, QStringLiteral("A1"), std::nullopt, &a1), LotVerdict::Admitted);
    ASSERT_TRUE(m_journal->recordEvent(a1, JournalStep::GenerateKeyPair, JournalPhase::Before,
                                       { { QStringLiteral("keyId"), QStringLiteral("0a0b") } }));
    EXPECT_EQ(attempt(*m_journal, batch, QStringLiteral("A2"), AttemptState::Done), LotVerdict::Admitted);
    // Another station's running attempt is not this station's to close.
    auto other = m_backend->open(systemClock(), QStringLiteral("station-2"));
    ASSERT_TRUE(other);
    const QString batch2 = lotBatch(**other);
    EXPECT_EQ(attempt(**other, batch2, QStringLiteral("A3"), std::nullopt), LotVerdict::Admitted);
    m_journal.reset(); // the process dies

    auto j = m_backend->open();
    ASSERT_TRUE(j);
    m_journal = std::move(*j);
    auto marked = m_journal->markInterrupted();
    ASSERT_TRUE(marked) << marked.error().toString().toStdString();
    EXPECT_EQ(*marked, 1);
    EXPECT_EQ(*m_journal->markInterrupted(), 0); // once

    auto c = m_journal->lotCounts(m_lot.id);
    ASSERT_TRUE(c);
    EXPECT_EQ(c->done, 1);
    EXPECT_EQ(c->interrupted, 1);
    EXPECT_EQ(c->running, 1); // station-2's
    // Resume still knows where A1 stopped.
    auto resume = m_journal->resumeState(QStringLiteral("A1"));
    ASSERT_TRUE(resume);
    EXPECT_EQ(resume->stage, KeyResumeState::Stage::KeyPairPending);
    EXPECT_EQ(resume->keyIdHex, QStringLiteral("0a0b"));
    // The batch ended; station-2's did not.
    auto v = m_journal->verify();
    ASSERT_TRUE(v);
    EXPECT_TRUE(v->intact) << v->toString().toStdString();
    EXPECT_NE(sqlValue(QStringLiteral("SELECT ended_ms FROM ks_batches WHERE id = '%1'").arg(batch)),
              QStringLiteral("0"));
    EXPECT_EQ(sqlValue(QStringLiteral("SELECT ended_ms FROM ks_batches WHERE id = '%1'").arg(batch2)),
              QStringLiteral("0"));
    EXPECT_EQ(sqlValue(QStringLiteral("SELECT state FROM ks_attempts WHERE id = '%1'").arg(a1)),
              QStringLiteral("interrupted"));
}

TEST_P(LotJournal, EditingTheLotOrAVerdictIsFoundByVerify)
{
    const QString batch = lotBatch(*m_journal);
    EXPECT_EQ(attempt(*m_journal, batch, QStringLiteral("ZZ9"), AttemptState::Failed), LotVerdict::NotInLot);
    auto v = m_journal->verify();
    ASSERT_TRUE(v);
    ASSERT_TRUE(v->intact) << v->toString().toStdString();
    // Someone raises the quantity in the stored manifest.
    ASSERT_TRUE(
        m_backend->tamper(QStringLiteral("UPDATE ks_events SET detail = REPLACE(detail, '\"quantity\":3', "
                                         "'\"quantity\":30') WHERE kind = 'lot' AND phase = 'register'")));
    v = m_journal->verify();
    ASSERT_TRUE(v);
    EXPECT_FALSE(v->intact);
    EXPECT_EQ(v->table, QStringLiteral("ks_events"));
}

TEST_P(LotJournal, TurningARefusalIntoAnAdmissionIsFoundByVerify)
{
    const QString batch = lotBatch(*m_journal);
    EXPECT_EQ(attempt(*m_journal, batch, QStringLiteral("ZZ9"), AttemptState::Failed), LotVerdict::NotInLot);
    ASSERT_TRUE(m_backend->tamper(
        QStringLiteral("UPDATE ks_events SET phase = 'admitted' WHERE kind = 'lot' AND phase = 'notInLot'")));
    auto v = m_journal->verify();
    ASSERT_TRUE(v);
    EXPECT_FALSE(v->intact);
}

TEST_P(LotJournal, AVersionTwoJournalMigrates)
{
    m_journal.reset();
    ASSERT_TRUE(
        m_backend->tamper(QStringLiteral("UPDATE ks_meta SET value = '2' WHERE key = 'schema_version'")));
    ASSERT_TRUE(m_backend->tamper(QStringLiteral("DROP INDEX ks_events_kind_step")));
    auto j = m_backend->open();
    ASSERT_TRUE(j) << j.error().toString().toStdString();
    m_journal = std::move(*j);
    EXPECT_EQ(sqlValue(QStringLiteral("SELECT value FROM ks_meta WHERE key = 'schema_version'")),
              QString::number(Journal::schemaVersion));
    auto lot = m_journal->lot(m_lot.id);
    ASSERT_TRUE(lot);
    auto v = m_journal->verify();
    ASSERT_TRUE(v);
    EXPECT_TRUE(v->intact) << v->toString().toStdString();
}

INSTANTIATE_TEST_SUITE_P(Backends, LotJournal, ::testing::Values(Backend::Sqlite, Backend::Postgres),
                         ks::test::backendName);
