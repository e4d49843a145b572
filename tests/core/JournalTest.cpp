#include "JournalBackend.h"

#include "core/EventChain.h"
#include "core/Journal.h"
#include "core/OperatorStore.h"
#include "core/SqlWorker.h"

#include <gtest/gtest.h>

#include <QCoreApplication>
#include <QFile>
#include <QJsonObject>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <openssl/sha.h>

#include <atomic>
#include <csignal>
#include <future>
#include <mutex>
#include <sys/stat.h>
#include <thread>

using namespace ks::core;
using ks::test::Backend;
using ks::test::JournalBackend;

namespace {

// A clock the test moves by hand: time ranges and timestamps are asserted exactly.
struct ManualClock
{
    std::shared_ptr<std::atomic<qint64>> ms
        = std::make_shared<std::atomic<qint64>>(1767225600000); // 2026-01-01
    Clock clock() const
    {
        auto p = ms;
        return [p] { return QDateTime::fromMSecsSinceEpoch(p->load(), Qt::UTC); };
    }
    void advance(qint64 d) { *ms += d; }
};

class JournalTest : public ::testing::TestWithParam<Backend>
{
protected:
    void SetUp() override
    {
        m_backend = std::make_unique<JournalBackend>(GetParam());
        ASSERT_TRUE(m_backend->ok()) << "database setup failed";
        auto j = m_backend->open(m_clock.clock());
        ASSERT_TRUE(j) << j.error().toString().toStdString();
        m_journal = std::move(*j);
    }

    // One attempt through every step; returns its id.
    QString provisionOne(const QString &batch, const QString &serial, bool succeed = true)
    {
        auto a = m_journal->beginAttempt(batch, serial, QStringLiteral("SoftHSM"));
        EXPECT_TRUE(a);
        const QString id = *a;
        const QString keyId = QStringLiteral("a1b2") + PinSerial(serial);
        EXPECT_TRUE(m_journal->recordEvent(id, JournalStep::Login, JournalPhase::Before));
        EXPECT_TRUE(m_journal->recordEvent(id, JournalStep::Login, JournalPhase::After));
        EXPECT_TRUE(m_journal->recordEvent(id, JournalStep::GenerateKeyPair, JournalPhase::Before,
                                           { { QStringLiteral("keyId"), keyId } }));
        m_clock.advance(150);
        EXPECT_TRUE(m_journal->recordEvent(id, JournalStep::GenerateKeyPair, JournalPhase::After,
                                           { { QStringLiteral("keyId"), keyId } }));
        if (!succeed) {
            EXPECT_TRUE(m_journal->recordEvent(id, JournalStep::Enrol, JournalPhase::Before));
            EXPECT_TRUE(m_journal->recordEvent(id, JournalStep::Enrol, JournalPhase::Failed,
                                               { { QStringLiteral("error"), QStringLiteral("CA down") } }));
            EXPECT_TRUE(
                m_journal->finishAttempt(id,
                                         { AttemptState::Failed, QStringLiteral("CaUnreachable"),
                                           QStringLiteral("CA said \"no\", then, closed\nthe connection") }));
            return id;
        }
        EXPECT_TRUE(m_journal->recordEvent(id, JournalStep::Enrol, JournalPhase::Before));
        EXPECT_TRUE(m_journal->recordEvent(id, JournalStep::Enrol, JournalPhase::After, certDetail(serial)));
        EXPECT_TRUE(m_journal->recordEvent(id, JournalStep::WriteCertificate, JournalPhase::Before));
        EXPECT_TRUE(m_journal->recordEvent(id, JournalStep::WriteCertificate, JournalPhase::After));
        EXPECT_TRUE(m_journal->recordEvent(id, JournalStep::ReadBack, JournalPhase::After));
        m_clock.advance(50);
        EXPECT_TRUE(m_journal->finishAttempt(id, { AttemptState::Done, {}, {} }));
        return id;
    }

    static QString PinSerial(const QString &serial) { return QString::fromLatin1(serial.toLatin1().toHex()); }

    static QByteArray fakeDer(const QString &serial)
    {
        return QByteArray("\x30\x82"
                          "DER-of-")
            + serial.toUtf8();
    }

    static QJsonObject certDetail(const QString &serial)
    {
        return { { QStringLiteral("certDer"), QString::fromLatin1(fakeDer(serial).toBase64()) },
                 { QStringLiteral("certSerial"), QStringLiteral("0A0B") },
                 { QStringLiteral("certNotAfter"), qint64(1798761600000) } };
    }

    // A session for the log views, from this journal's own account table (created on first use, so the
    // records the tests count and tamper with come first).
    OperatorSession reader()
    {
        if (m_reader.journal() == m_journal.get())
            return m_reader;
        OperatorStore store(*m_journal, m_clock.clock());
        QByteArray pw("auditor-Secret-1");
        auto first = store.needsFirstAdministrator();
        auto s = first && *first ? store.createFirstAdministrator(QStringLiteral("auditor"), pw)
                                 : store.login(QStringLiteral("auditor"), pw);
        EXPECT_TRUE(s) << s.error().toString().toStdString();
        m_reader = s ? *s : OperatorSession();
        return m_reader;
    }

    ManualClock m_clock;
    std::unique_ptr<JournalBackend> m_backend;
    std::unique_ptr<Journal> m_journal;
    OperatorSession m_reader;
};

TEST_P(JournalTest, AppendsAndQueriesAttempts)
{
    auto batch = m_journal->beginBatch(QStringLiteral("alice"), QStringLiteral("factory-rsa"));
    ASSERT_TRUE(batch);
    const QString ok1 = provisionOne(*batch, QStringLiteral(" 9a3f 0001 "));
    m_clock.advance(60000);
    const QString bad = provisionOne(*batch, QStringLiteral("9A3F0002"), false);
    ASSERT_TRUE(
        m_journal->endBatch(*batch, { { QStringLiteral("done"), 1 }, { QStringLiteral("failed"), 1 } }));
    auto batch2 = m_journal->beginBatch(QStringLiteral("bob"), QStringLiteral("factory-ec"));
    ASSERT_TRUE(batch2);
    m_clock.advance(60000);
    provisionOne(*batch2, QStringLiteral("77770003"));

    auto all = m_journal->attempts(reader());
    ASSERT_TRUE(all);
    ASSERT_EQ(all->size(), 3);
    const AttemptRecord &first = all->at(0);
    EXPECT_EQ(first.id, ok1);
    EXPECT_EQ(first.serial, QStringLiteral("9A3F0001")); // normalised
    EXPECT_EQ(first.batchId, *batch);
    EXPECT_EQ(first.station, QStringLiteral("station-1"));
    EXPECT_EQ(first.operatorName, QStringLiteral("alice"));
    EXPECT_EQ(first.model, QStringLiteral("SoftHSM"));
    EXPECT_EQ(first.state, QStringLiteral("done"));
    EXPECT_EQ(first.keyIdHex, QStringLiteral("a1b2") + PinSerial(QStringLiteral(" 9a3f 0001 ")));
    EXPECT_EQ(first.certDer, fakeDer(QStringLiteral(" 9a3f 0001 ")));
    EXPECT_EQ(first.certSerialHex, QStringLiteral("0a0b"));
    EXPECT_EQ(first.certNotAfterMs, 1798761600000);
    EXPECT_EQ(first.endedMs - first.startedMs, 200);
    EXPECT_EQ(all->at(1).state, QStringLiteral("failed"));
    EXPECT_EQ(all->at(1).errorCode, QStringLiteral("CaUnreachable"));
    EXPECT_EQ(all->at(1).lastStep, QStringLiteral("enrol"));
    EXPECT_EQ(all->at(1).lastPhase, QStringLiteral("failed"));

    AttemptFilter f;
    f.batchId = *batch;
    EXPECT_EQ(m_journal->attempts(reader(), f)->size(), 2);
    f = {};
    f.operatorName = QStringLiteral("bob");
    EXPECT_EQ(m_journal->attempts(reader(), f)->size(), 1);
    f = {};
    f.state = QStringLiteral("failed");
    ASSERT_EQ(m_journal->attempts(reader(), f)->size(), 1);
    EXPECT_EQ(m_journal->attempts(reader(), f)->at(0).id, bad);
    f = {};
    f.serialContains = QStringLiteral("a3f0");
    EXPECT_EQ(m_journal->attempts(reader(), f)->size(), 2);
    f.serialContains = QStringLiteral("%");
    EXPECT_EQ(m_journal->attempts(reader(), f)->size(), 0); // LIKE wildcards are literal
    f = {};
    f.from = QDateTime::fromMSecsSinceEpoch(1767225600000 + 30000, Qt::UTC);
    f.to = QDateTime::fromMSecsSinceEpoch(1767225600000 + 90000, Qt::UTC);
    ASSERT_EQ(m_journal->attempts(reader(), f)->size(), 1);
    EXPECT_EQ(m_journal->attempts(reader(), f)->at(0).id, bad);

    auto batches = m_journal->batches(reader());
    ASSERT_TRUE(batches);
    ASSERT_EQ(batches->size(), 2);
    EXPECT_EQ(batches->at(0).profile, QStringLiteral("factory-rsa"));
    EXPECT_NE(batches->at(0).endedMs, 0);
    EXPECT_EQ(batches->at(1).endedMs, 0);

    auto events = m_journal->events(reader(), ok1);
    ASSERT_TRUE(events);
    ASSERT_EQ(events->size(), 11);
    EXPECT_EQ(events->at(0).kind, QStringLiteral("attempt"));
    EXPECT_EQ(events->at(3).step, QStringLiteral("generateKeyPair"));
    EXPECT_EQ(events->at(3).phase, QStringLiteral("before"));
    for (const EventRecord &e : *events) {
        EXPECT_EQ(e.operatorName, QStringLiteral("alice"));
        EXPECT_EQ(e.batchId, *batch);
        EXPECT_EQ(e.station, QStringLiteral("station-1"));
        EXPECT_EQ(e.hash.size(), 64);
    }
}

TEST_P(JournalTest, ExportsRfc4180Csv)
{
    auto batch = m_journal->beginBatch(QStringLiteral("alice"), QStringLiteral("p"));
    provisionOne(*batch, QStringLiteral("S1"));
    provisionOne(*batch, QStringLiteral("S2"), false);
    auto csv = m_journal->exportCsv(reader());
    ASSERT_TRUE(csv);
    const QList<QByteArray> lines = csv->split('\n');
    ASSERT_TRUE(csv->startsWith("attempt_id,batch_id,station,operator,serial,"));
    EXPECT_TRUE(lines.at(0).endsWith('\r'));
    EXPECT_TRUE(csv->contains(",\"CA said \"\"no\"\", then, closed\nthe connection\","));
    EXPECT_TRUE(csv->endsWith("\r\n"));
    EXPECT_TRUE(csv->contains(",S1,SoftHSM,done,"));
}

TEST_P(JournalTest, VerifiesAnIntactChain)
{
    auto batch = m_journal->beginBatch(QStringLiteral("alice"), QStringLiteral("p"));
    provisionOne(*batch, QStringLiteral("S1"));
    provisionOne(*batch, QStringLiteral("S2"), false);
    ASSERT_TRUE(m_journal->recordOperatorEvent(QStringLiteral("alice"), QStringLiteral("login"),
                                               QStringLiteral("success")));
    ASSERT_TRUE(m_journal->endBatch(*batch));
    auto v = m_journal->verify();
    ASSERT_TRUE(v);
    EXPECT_TRUE(v->intact) << v->toString().toStdString();
    EXPECT_EQ(v->eventsChecked, 1 + 11 + 8 + 1 + 1);
}

TEST_P(JournalTest, EditedEventIsNamed)
{
    auto batch = m_journal->beginBatch(QStringLiteral("alice"), QStringLiteral("p"));
    provisionOne(*batch, QStringLiteral("S1"));
    ASSERT_TRUE(m_backend->tamper(
        QStringLiteral("UPDATE ks_events SET detail = '{\"keyId\":\"ff\"}' WHERE seq = 5")));
    auto v = m_journal->verify();
    ASSERT_TRUE(v);
    EXPECT_FALSE(v->intact);
    EXPECT_EQ(v->table, QStringLiteral("ks_events"));
    EXPECT_EQ(v->recordId, QStringLiteral("5"));
    EXPECT_TRUE(v->reason.contains(QStringLiteral("edited"))) << v->reason.toStdString();
}

TEST_P(JournalTest, EditedTimestampIsNamed)
{
    auto batch = m_journal->beginBatch(QStringLiteral("alice"), QStringLiteral("p"));
    provisionOne(*batch, QStringLiteral("S1"));
    ASSERT_TRUE(m_backend->tamper(QStringLiteral("UPDATE ks_events SET ts_ms = ts_ms + 1 WHERE seq = 7")));
    auto v = m_journal->verify();
    ASSERT_TRUE(v);
    EXPECT_FALSE(v->intact);
    EXPECT_EQ(v->recordId, QStringLiteral("7"));
}

TEST_P(JournalTest, EditedAttemptRowIsNamed)
{
    auto batch = m_journal->beginBatch(QStringLiteral("alice"), QStringLiteral("p"));
    provisionOne(*batch, QStringLiteral("S1"));
    const QString bad = provisionOne(*batch, QStringLiteral("S2"), false);
    ASSERT_TRUE(m_backend->tamper(
        QStringLiteral("UPDATE ks_attempts SET state = 'done', error_code = '' WHERE id = '%1'").arg(bad)));
    auto v = m_journal->verify();
    ASSERT_TRUE(v);
    EXPECT_FALSE(v->intact);
    EXPECT_EQ(v->table, QStringLiteral("ks_attempts"));
    EXPECT_EQ(v->recordId, bad);
}

TEST_P(JournalTest, EditedBatchRowIsNamed)
{
    auto batch = m_journal->beginBatch(QStringLiteral("alice"), QStringLiteral("p"));
    provisionOne(*batch, QStringLiteral("S1"));
    ASSERT_TRUE(m_backend->tamper(QStringLiteral("UPDATE ks_batches SET operator = 'mallory'")));
    auto v = m_journal->verify();
    ASSERT_TRUE(v);
    EXPECT_FALSE(v->intact);
    EXPECT_EQ(v->table, QStringLiteral("ks_batches"));
    EXPECT_EQ(v->recordId, *batch);
}

TEST_P(JournalTest, DeletedEventNamesTheRecordAfterTheGap)
{
    auto batch = m_journal->beginBatch(QStringLiteral("alice"), QStringLiteral("p"));
    provisionOne(*batch, QStringLiteral("S1"));
    ASSERT_TRUE(m_backend->tamper(QStringLiteral("DELETE FROM ks_events WHERE seq = 4")));
    auto v = m_journal->verify();
    ASSERT_TRUE(v);
    EXPECT_FALSE(v->intact);
    EXPECT_EQ(v->table, QStringLiteral("ks_events"));
    EXPECT_EQ(v->recordId, QStringLiteral("5"));
    EXPECT_TRUE(v->reason.contains(QStringLiteral("missing"))) << v->reason.toStdString();
}

TEST_P(JournalTest, DeletedEventsRenumberedAreCaught)
{
    auto batch = m_journal->beginBatch(QStringLiteral("alice"), QStringLiteral("p"));
    provisionOne(*batch, QStringLiteral("S1"));
    // Delete record 4 and close the gap: the next record's previous-hash no longer matches.
    ASSERT_TRUE(m_backend->tamper(QStringLiteral("DELETE FROM ks_events WHERE seq = 4")));
    ASSERT_TRUE(m_backend->tamper(QStringLiteral("UPDATE ks_events SET seq = seq + 1000 WHERE seq > 4")));
    ASSERT_TRUE(m_backend->tamper(QStringLiteral("UPDATE ks_events SET seq = seq - 1001 WHERE seq > 1000")));
    auto v = m_journal->verify();
    ASSERT_TRUE(v);
    EXPECT_FALSE(v->intact);
    EXPECT_EQ(v->recordId, QStringLiteral("4"));
}

TEST_P(JournalTest, DeletedLastEventIsCaughtByTheChainHead)
{
    auto batch = m_journal->beginBatch(QStringLiteral("alice"), QStringLiteral("p"));
    provisionOne(*batch, QStringLiteral("S1"));
    ASSERT_TRUE(m_backend->tamper(QStringLiteral("DELETE FROM ks_events WHERE seq = 12")));
    auto v = m_journal->verify();
    ASSERT_TRUE(v);
    EXPECT_FALSE(v->intact);
    EXPECT_EQ(v->table, QStringLiteral("ks_chain_head"));
}

TEST_P(JournalTest, DeletedAttemptRowIsNamed)
{
    auto batch = m_journal->beginBatch(QStringLiteral("alice"), QStringLiteral("p"));
    const QString id = provisionOne(*batch, QStringLiteral("S1"));
    ASSERT_TRUE(m_backend->tamper(QStringLiteral("DELETE FROM ks_attempts WHERE id = '%1'").arg(id)));
    auto v = m_journal->verify();
    ASSERT_TRUE(v);
    EXPECT_FALSE(v->intact);
    EXPECT_EQ(v->table, QStringLiteral("ks_attempts"));
    EXPECT_EQ(v->recordId, id);
}

TEST_P(JournalTest, ConcurrentAppendsFromManyThreadsKeepOneChain)
{
    auto batch = m_journal->beginBatch(QStringLiteral("alice"), QStringLiteral("p"));
    ASSERT_TRUE(batch);
    constexpr int threads = 8, perThread = 6;
    std::atomic<int> failures { 0 };
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t)
        workers.emplace_back([&, t] {
            for (int i = 0; i < perThread; ++i) {
                auto a = m_journal->beginAttempt(*batch, QStringLiteral("T%1K%2").arg(t).arg(i));
                if (!a || !m_journal->recordEvent(*a, JournalStep::Login, JournalPhase::Before)
                    || !m_journal->recordEvent(*a, JournalStep::Login, JournalPhase::After)
                    || !m_journal->finishAttempt(*a, { AttemptState::Done, {}, {} }))
                    ++failures;
            }
        });
    for (auto &w : workers)
        w.join();
    EXPECT_EQ(failures, 0);
    auto v = m_journal->verify();
    ASSERT_TRUE(v);
    EXPECT_TRUE(v->intact) << v->toString().toStdString();
    EXPECT_EQ(v->eventsChecked, 1 + threads * perThread * 4);
}

TEST_P(JournalTest, FailingAppendsDoNotDisturbTheOnesCommittedWithThem)
{
    // Appends queued together share one transaction (group commit), each in its own savepoint.
    auto batch = m_journal->beginBatch(QStringLiteral("alice"), QStringLiteral("p"));
    ASSERT_TRUE(batch);
    std::atomic<int> good { 0 }, badAccepted { 0 };
    std::vector<std::thread> workers;
    for (int t = 0; t < 6; ++t)
        workers.emplace_back([&, t] {
            for (int i = 0; i < 10; ++i) {
                if (t % 2) {
                    if (m_journal->recordEvent(QStringLiteral("no-such-attempt"), JournalStep::Login,
                                               JournalPhase::Before))
                        ++badAccepted;
                } else if (auto a = m_journal->beginAttempt(*batch, QStringLiteral("G%1K%2").arg(t).arg(i))) {
                    ++good;
                }
            }
        });
    for (auto &w : workers)
        w.join();
    EXPECT_EQ(badAccepted, 0);
    EXPECT_EQ(good, 30);
    auto v = m_journal->verify();
    ASSERT_TRUE(v);
    EXPECT_TRUE(v->intact) << v->toString().toStdString();
    EXPECT_EQ(v->eventsChecked, 31);
    EXPECT_EQ(m_journal->attempts(reader())->size(), 30);
}

TEST_P(JournalTest, TwoConnectionsAppendingConcurrentlyKeepOneChain)
{
    // Two Journal objects are two database connections, as two stations (or processes) sharing one journal.
    auto second = m_backend->open(m_clock.clock(), QStringLiteral("station-2"));
    ASSERT_TRUE(second) << second.error().toString().toStdString();
    Journal *journals[2] = { m_journal.get(), second->get() };
    constexpr int perJournal = 3 * 8;
    std::atomic<int> failures { 0 };
    std::vector<std::thread> workers;
    for (int j = 0; j < 2; ++j)
        for (int t = 0; t < 3; ++t)
            workers.emplace_back([&, j, t] {
                auto batch = journals[j]->beginBatch(QStringLiteral("op%1").arg(j), QStringLiteral("p"));
                if (!batch) {
                    ++failures;
                    return;
                }
                for (int i = 0; i < perJournal / 3; ++i) {
                    auto a
                        = journals[j]->beginAttempt(*batch, QStringLiteral("J%1T%2K%3").arg(j).arg(t).arg(i));
                    if (!a || !journals[j]->recordEvent(*a, JournalStep::Login, JournalPhase::After)
                        || !journals[j]->finishAttempt(*a, { AttemptState::Done, {}, {} }))
                        ++failures;
                }
            });
    for (auto &w : workers)
        w.join();
    EXPECT_EQ(failures, 0);
    for (Journal *j : journals) {
        auto v = j->verify();
        ASSERT_TRUE(v);
        EXPECT_TRUE(v->intact) << v->toString().toStdString();
        EXPECT_EQ(v->eventsChecked, 6 + 2 * perJournal * 3);
    }
    AttemptFilter f;
    f.limit = 1000;
    auto rows = m_journal->attempts(reader(), f);
    ASSERT_TRUE(rows);
    int onSecond = 0;
    for (const auto &a : *rows)
        onSecond += a.station == QStringLiteral("station-2");
    EXPECT_EQ(onSecond, perJournal);
}

TEST_P(JournalTest, ResumeStateFollowsTheKeyAcrossAttempts)
{
    auto batch = m_journal->beginBatch(QStringLiteral("alice"), QStringLiteral("p"));
    const QString serial = QStringLiteral("k1");
    auto state = [&] {
        auto s = m_journal->resumeState(serial);
        EXPECT_TRUE(s);
        return *s;
    };
    using Stage = KeyResumeState::Stage;
    EXPECT_EQ(state().stage, Stage::Unknown);
    EXPECT_EQ(state().attempts, 0);

    auto a1 = m_journal->beginAttempt(*batch, serial);
    EXPECT_EQ(state().stage, Stage::Unknown);
    EXPECT_FALSE(state().lastAttemptFinished);
    // A generation without a journaled CKA_ID is refused: resume could not find the key pair.
    EXPECT_FALSE(m_journal->recordEvent(*a1, JournalStep::GenerateKeyPair, JournalPhase::Before));
    ASSERT_TRUE(m_journal->recordEvent(*a1, JournalStep::GenerateKeyPair, JournalPhase::Before,
                                       { { QStringLiteral("keyId"), QStringLiteral("AB01") } }));
    EXPECT_EQ(state().stage, Stage::KeyPairPending); // killed during generation
    EXPECT_EQ(state().keyIdHex, QStringLiteral("ab01"));
    ASSERT_TRUE(m_journal->recordEvent(*a1, JournalStep::GenerateKeyPair, JournalPhase::After,
                                       { { QStringLiteral("keyId"), QStringLiteral("ab01") } }));
    EXPECT_EQ(state().stage, Stage::KeyPairReady);
    ASSERT_TRUE(m_journal->recordEvent(*a1, JournalStep::Enrol, JournalPhase::Before));
    EXPECT_EQ(state().stage, Stage::KeyPairReady);
    EXPECT_TRUE(state().enrolStarted);
    ASSERT_TRUE(m_journal->recordEvent(*a1, JournalStep::Enrol, JournalPhase::Failed));
    ASSERT_TRUE(m_journal->finishAttempt(*a1, { AttemptState::Failed, QStringLiteral("CaDown"), {} }));

    // Second attempt (e.g. after the CA came back) crashes right after it began: the key pair is still known.
    auto a2 = m_journal->beginAttempt(*batch, serial);
    ASSERT_TRUE(a2);
    KeyResumeState s = state();
    EXPECT_EQ(s.stage, Stage::KeyPairReady);
    EXPECT_EQ(s.keyIdHex, QStringLiteral("ab01"));
    EXPECT_EQ(s.attempts, 2);
    EXPECT_EQ(s.lastAttemptId, *a2);
    EXPECT_FALSE(s.lastAttemptFinished);
    auto unfinished = m_journal->unfinishedKeys();
    ASSERT_TRUE(unfinished);
    ASSERT_EQ(unfinished->size(), 1);
    EXPECT_EQ(unfinished->at(0).serial, QStringLiteral("K1"));

    // Third attempt reuses the key pair (found), is issued a certificate and is killed while writing it.
    auto a3 = m_journal->beginAttempt(*batch, serial);
    ASSERT_TRUE(m_journal->recordEvent(*a3, JournalStep::FindKeyPair, JournalPhase::After,
                                       { { QStringLiteral("keyId"), QStringLiteral("ab01") } }));
    ASSERT_TRUE(m_journal->recordEvent(*a3, JournalStep::Enrol, JournalPhase::After, certDetail(serial)));
    s = state();
    EXPECT_EQ(s.stage, Stage::CertificateIssued);
    EXPECT_EQ(s.certDer, fakeDer(serial));
    EXPECT_EQ(s.certSerialHex, QStringLiteral("0a0b"));
    EXPECT_FALSE(s.writeStarted);
    ASSERT_TRUE(m_journal->recordEvent(*a3, JournalStep::WriteCertificate, JournalPhase::Before));
    s = state();
    EXPECT_EQ(s.stage, Stage::CertificateIssued);
    EXPECT_TRUE(s.writeStarted); // the certificate may be on the key already: look before writing

    // Fourth attempt finds the same key pair again: the issued certificate must survive that.
    auto a4 = m_journal->beginAttempt(*batch, serial);
    ASSERT_TRUE(m_journal->recordEvent(*a4, JournalStep::FindKeyPair, JournalPhase::After,
                                       { { QStringLiteral("keyId"), QStringLiteral("ab01") } }));
    EXPECT_EQ(state().stage, Stage::CertificateIssued);
    EXPECT_EQ(state().certDer, fakeDer(serial));
    ASSERT_TRUE(m_journal->recordEvent(*a4, JournalStep::WriteCertificate, JournalPhase::After));
    EXPECT_EQ(state().stage, Stage::CertificateWritten);
    ASSERT_TRUE(m_journal->finishAttempt(*a4, { AttemptState::Done, {}, {} }));
    s = state();
    EXPECT_EQ(s.stage, Stage::Done);
    EXPECT_TRUE(s.lastAttemptFinished);
    EXPECT_EQ(s.certDer, fakeDer(serial));
    EXPECT_TRUE(m_journal->unfinishedKeys()->isEmpty());

    // A forced re-provisioning with a new key pair starts over.
    auto a5 = m_journal->beginAttempt(*batch, serial);
    ASSERT_TRUE(m_journal->recordEvent(*a5, JournalStep::GenerateKeyPair, JournalPhase::After,
                                       { { QStringLiteral("keyId"), QStringLiteral("cd02") } }));
    s = state();
    EXPECT_EQ(s.stage, Stage::KeyPairReady);
    EXPECT_EQ(s.keyIdHex, QStringLiteral("cd02"));
    EXPECT_TRUE(s.certDer.isEmpty());
    auto v = m_journal->verify();
    EXPECT_TRUE(v && v->intact);
}

TEST_P(JournalTest, AKeyFoundAlreadyProvisionedIsDone)
{
    auto batch = m_journal->beginBatch(QStringLiteral("alice"), QStringLiteral("p"));
    auto a = m_journal->beginAttempt(*batch, QStringLiteral("k2"));
    ASSERT_TRUE(m_journal->recordEvent(*a, JournalStep::FindKeyPair, JournalPhase::After,
                                       { { QStringLiteral("keyId"), QStringLiteral("ee01") },
                                         { QStringLiteral("certificateOnKey"), true } }));
    ASSERT_TRUE(m_journal->finishAttempt(*a, { AttemptState::Done, {}, {} }));
    auto s = m_journal->resumeState(QStringLiteral("K2"));
    ASSERT_TRUE(s);
    EXPECT_EQ(s->stage, KeyResumeState::Stage::Done);
    EXPECT_EQ(s->keyIdHex, QStringLiteral("ee01"));
    EXPECT_TRUE(s->lastAttemptFinished);
}

TEST_P(JournalTest, SurvivesCloseAndReopen)
{
    auto batch = m_journal->beginBatch(QStringLiteral("alice"), QStringLiteral("p"));
    provisionOne(*batch, QStringLiteral("S1"));
    auto a = m_journal->beginAttempt(*batch, QStringLiteral("S2"));
    ASSERT_TRUE(m_journal->recordEvent(*a, JournalStep::Enrol, JournalPhase::After,
                                       certDetail(QStringLiteral("S2"))));
    m_journal.reset();

    auto reopened = m_backend->open(m_clock.clock());
    ASSERT_TRUE(reopened) << reopened.error().toString().toStdString();
    m_journal = std::move(*reopened);
    EXPECT_EQ(m_journal->attempts(reader())->size(), 2);
    EXPECT_EQ(m_journal->resumeState(QStringLiteral("S2"))->certDer, fakeDer(QStringLiteral("S2")));
    ASSERT_TRUE(m_journal->finishAttempt(*a, { AttemptState::Done, {}, {} }));
    auto v = m_journal->verify();
    ASSERT_TRUE(v);
    EXPECT_TRUE(v->intact) << v->toString().toStdString();
    EXPECT_EQ(v->eventsChecked, 1 + 11 + 2 + 1 + 1); // and the reader's first-administrator record
}

// The journal keeps its write statements prepared (SqlWorker::keptStatement); a reconnect (PostgreSQL after a
// server restart) closes the connection they belong to. Appends after it prepare them again on the new one.
TEST_P(JournalTest, AppendsAfterAReconnectUseTheNewConnection)
{
    auto batch = m_journal->beginBatch(QStringLiteral("alice"), QStringLiteral("p"));
    provisionOne(*batch, QStringLiteral("S1"));
    ASSERT_TRUE(m_journal->reconnect());
    provisionOne(*batch, QStringLiteral("S2"));
    ASSERT_TRUE(m_journal->reconnect());
    ASSERT_TRUE(m_journal->endBatch(*batch));
    EXPECT_EQ(m_journal->attempts(reader())->size(), 2);
    auto v = m_journal->verify();
    ASSERT_TRUE(v);
    EXPECT_TRUE(v->intact) << v->toString().toStdString();
    EXPECT_EQ(v->eventsChecked, 1 + 11 + 11 + 1 + 1); // and the reader's first-administrator record
}

TEST_P(JournalTest, RefusesANewerSchema)
{
    m_journal.reset();
    ASSERT_TRUE(
        m_backend->tamper(QStringLiteral("UPDATE ks_meta SET value = '99' WHERE key = 'schema_version'")));
    auto j = m_backend->open();
    ASSERT_FALSE(j);
    EXPECT_EQ(j.error().code, CoreError::Code::SchemaTooNew);
}

TEST_P(JournalTest, UnknownAttemptIsNotFound)
{
    auto r = m_journal->recordEvent(QStringLiteral("nope"), JournalStep::Login, JournalPhase::Before);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, CoreError::Code::NotFound);
    auto v = m_journal->verify();
    EXPECT_TRUE(v && v->intact && v->eventsChecked == 0); // nothing half-written
}

TEST_P(JournalTest, LogReadsNeedASessionOfThisJournalWhoseRoleMayRead)
{
    auto batch = m_journal->beginBatch(QStringLiteral("alice"), QStringLiteral("p"));
    const QString id = provisionOne(*batch, QStringLiteral("S1"));
    const OperatorSession admin = reader();
    OperatorStore store(*m_journal, m_clock.clock());
    QByteArray pw("op-Secret-1");
    ASSERT_TRUE(store.addOperator(admin, QStringLiteral("op"), Role::Operator, pw));
    pw = QByteArray("sup-Secret-1");
    ASSERT_TRUE(store.addOperator(admin, QStringLiteral("sup"), Role::Supervisor, pw));
    pw = QByteArray("op-Secret-1");
    const OperatorSession op = *store.login(QStringLiteral("op"), pw);
    pw = QByteArray("sup-Secret-1");
    const OperatorSession sup = *store.login(QStringLiteral("sup"), pw);

    // A session of another journal's account table (a database anyone can create) reads nothing here.
    JournalBackend elsewhere(GetParam());
    ASSERT_TRUE(elsewhere.ok());
    auto other = elsewhere.open(m_clock.clock());
    ASSERT_TRUE(other);
    OperatorStore otherStore(**other, m_clock.clock());
    pw = QByteArray("mallory-Secret-1");
    const OperatorSession foreign = *otherStore.createFirstAdministrator(QStringLiteral("mallory"), pw);

    for (const OperatorSession &s : { OperatorSession(), op, foreign }) {
        EXPECT_EQ(m_journal->attempts(s).error().code, CoreError::Code::PermissionDenied)
            << s.name().toStdString();
        EXPECT_EQ(m_journal->batches(s).error().code, CoreError::Code::PermissionDenied);
        EXPECT_EQ(m_journal->events(s, id).error().code, CoreError::Code::PermissionDenied);
        EXPECT_EQ(m_journal->exportCsv(s).error().code, CoreError::Code::PermissionDenied);
    }
    for (const OperatorSession &s : { sup, admin }) {
        EXPECT_EQ(m_journal->attempts(s)->size(), 1);
        EXPECT_EQ(m_journal->batches(s)->size(), 1);
        EXPECT_EQ(m_journal->events(s, id)->size(), 11);
        EXPECT_TRUE(m_journal->exportCsv(s));
    }
}

TEST_P(JournalTest, CsvExportNeutralisesFormulaCells)
{
    auto batch = m_journal->beginBatch(QStringLiteral("alice"), QStringLiteral("p"));
    for (const QString &model : { QStringLiteral("=HYPERLINK(\"http://x\",\"y\")"), QStringLiteral("+1+1"),
                                  QStringLiteral("-2+3"), QStringLiteral("@SUM(A1)") }) {
        auto a = m_journal->beginAttempt(*batch, QStringLiteral("S") + QString::number(model.size()), model);
        ASSERT_TRUE(a);
        ASSERT_TRUE(m_journal->finishAttempt(
            *a, { AttemptState::Failed, QStringLiteral("=cmd|'/c calc'!A0"), QStringLiteral("-1 then @x") }));
    }
    auto csv = m_journal->exportCsv(reader());
    ASSERT_TRUE(csv);
    const QList<QByteArray> lines = csv->split('\n');
    ASSERT_EQ(lines.size(), 6); // header, four rows, the empty rest after the last CRLF
    for (int i = 1; i <= 4; ++i)
        for (const QByteArray &cell : lines.at(i).trimmed().split(',')) {
            const QByteArray unquoted = cell.startsWith('"') ? cell.mid(1) : cell;
            EXPECT_FALSE(!unquoted.isEmpty() && QByteArray("=+-@").contains(unquoted.at(0)))
                << lines.at(i).toStdString();
        }
    EXPECT_TRUE(csv->contains(",\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\","));
    EXPECT_TRUE(csv->contains(",'+1+1,"));
    EXPECT_TRUE(csv->contains(",'-2+3,"));
    EXPECT_TRUE(csv->contains(",'@SUM(A1),"));
    EXPECT_TRUE(csv->contains(",'=cmd|'/c calc'!A0,'-1 then @x,"));
}

TEST_P(JournalTest, VerifyCoversTheAccountsTable)
{
    const OperatorSession admin = reader();
    OperatorStore store(*m_journal, m_clock.clock());
    QByteArray pw("op-Secret-1");
    ASSERT_TRUE(store.addOperator(admin, QStringLiteral("op"), Role::Operator, pw));
    ASSERT_TRUE(store.setBadgeFingerprint(admin, QStringLiteral("op"), QString(64, u'a')));
    pw = QByteArray("wrong-password");
    ASSERT_FALSE(store.login(QStringLiteral("op"), pw)); // failures = 1, journaled with the row
    auto v = m_journal->verify();
    ASSERT_TRUE(v);
    ASSERT_TRUE(v->intact) << v->toString().toStdString();

    QString secret;
    ASSERT_TRUE(
        m_backend->tamper(QStringLiteral("SELECT secret FROM ks_operators WHERE name = 'auditor'"), &secret));
    struct Case
    {
        QString tamper, undo, account;
    };
    const QList<Case> cases = {
        { QStringLiteral("UPDATE ks_operators SET role = 'administrator' WHERE name = 'op'"),
          QStringLiteral("UPDATE ks_operators SET role = 'operator' WHERE name = 'op'"),
          QStringLiteral("op") },
        { QStringLiteral("UPDATE ks_operators SET secret = '%1' WHERE name = 'op'").arg(secret.trimmed()),
          {},
          QStringLiteral("op") },
        { QStringLiteral("UPDATE ks_operators SET badge_sha256 = '%1' WHERE name = 'op'")
              .arg(QString(64, u'b')),
          QStringLiteral("UPDATE ks_operators SET badge_sha256 = '%1' WHERE name = 'op'")
              .arg(QString(64, u'a')),
          QStringLiteral("op") },
        { QStringLiteral("UPDATE ks_operators SET failures = 0 WHERE name = 'op'"),
          QStringLiteral("UPDATE ks_operators SET failures = 1 WHERE name = 'op'"), QStringLiteral("op") },
        { QStringLiteral("UPDATE ks_operators SET locked_until_ms = 99 WHERE name = 'op'"),
          QStringLiteral("UPDATE ks_operators SET locked_until_ms = 0 WHERE name = 'op'"),
          QStringLiteral("op") },
        { QStringLiteral("UPDATE ks_operators SET disabled = 1 WHERE name = 'auditor'"),
          QStringLiteral("UPDATE ks_operators SET disabled = 0 WHERE name = 'auditor'"),
          QStringLiteral("auditor") },
        { QStringLiteral(
              "INSERT INTO ks_operators SELECT 'eve', 'administrator', secret, 0, 0, 0, '', 0, 0 FROM "
              "ks_operators WHERE name = 'auditor'"),
          QStringLiteral("DELETE FROM ks_operators WHERE name = 'eve'"), QStringLiteral("eve") },
    };
    for (const Case &c : cases) {
        QString before;
        ASSERT_TRUE(
            m_backend->tamper(QStringLiteral("SELECT secret FROM ks_operators WHERE name = 'op'"), &before));
        ASSERT_TRUE(m_backend->tamper(c.tamper)) << c.tamper.toStdString();
        v = m_journal->verify();
        ASSERT_TRUE(v);
        EXPECT_FALSE(v->intact) << c.tamper.toStdString();
        EXPECT_EQ(v->table, QStringLiteral("ks_operators")) << c.tamper.toStdString();
        EXPECT_EQ(v->recordId, c.account) << c.tamper.toStdString();
        ASSERT_TRUE(m_backend->tamper(
            c.undo.isEmpty() ? QStringLiteral("UPDATE ks_operators SET secret = '%1' WHERE name = 'op'")
                                   .arg(before.trimmed())
                             : c.undo));
        v = m_journal->verify();
        ASSERT_TRUE(v && v->intact) << c.tamper.toStdString() << " undone: " << v->toString().toStdString();
    }
    ASSERT_TRUE(m_backend->tamper(QStringLiteral("DELETE FROM ks_operators WHERE name = 'op'")));
    v = m_journal->verify();
    ASSERT_TRUE(v);
    EXPECT_FALSE(v->intact);
    EXPECT_EQ(v->table, QStringLiteral("ks_operators"));
    EXPECT_EQ(v->recordId, QStringLiteral("op"));
    EXPECT_TRUE(v->reason.contains(QStringLiteral("deleted"))) << v->reason.toStdString();
}

TEST_P(JournalTest, AnchorCatchesRecordsRemovedFromTheEndWithTheHeadMovedBack)
{
    // The station appends its chain head to an anchor file at each batch end.
    QTemporaryDir dir;
    JournalConfig c = m_backend->config();
    c.pgPassword = QByteArray(c.pgPassword.constData(), c.pgPassword.size());
    c.anchorFile = dir.filePath(QStringLiteral("anchors.txt"));
    auto opened = Journal::open(c, m_clock.clock());
    ASSERT_TRUE(opened) << opened.error().toString().toStdString();
    Journal &station = **opened;
    auto batch = station.beginBatch(QStringLiteral("alice"), QStringLiteral("p"));
    ASSERT_TRUE(batch);
    auto a = station.beginAttempt(*batch, QStringLiteral("S1"));
    ASSERT_TRUE(station.finishAttempt(*a, { AttemptState::Done, {}, {} }));
    ASSERT_TRUE(station.recordOperatorEvent(QStringLiteral("mallory"), QStringLiteral("log.export"),
                                            QStringLiteral("success")));
    ASSERT_TRUE(station.endBatch(*batch, { { QStringLiteral("done"), 1 } })); // record 5
    auto anchors = Journal::readAnchorFile(c.anchorFile);
    ASSERT_TRUE(anchors) << anchors.error().toString().toStdString();
    ASSERT_EQ(anchors->size(), 1);
    EXPECT_EQ(anchors->at(0).seq, 5);
    auto head = station.head();
    ASSERT_TRUE(head);
    EXPECT_EQ(head->seq, 5);
    EXPECT_EQ(head->hash, anchors->at(0).hash);
    EXPECT_EQ(Journal::anchorLine(*head), Journal::anchorLine(anchors->at(0)));
    auto v = m_journal->verify(*anchors);
    ASSERT_TRUE(v && v->intact) << v->toString().toStdString();

    // Someone with the database removes the export record and the batch end, rewinds the batch row and
    // moves the chain head back: the chain alone looks whole.
    ASSERT_TRUE(m_backend->tamper(QStringLiteral("DELETE FROM ks_events WHERE seq >= 4")));
    ASSERT_TRUE(m_backend->tamper(QStringLiteral("UPDATE ks_batches SET ended_ms = 0, summary = ''")));
    ASSERT_TRUE(m_backend->tamper(QStringLiteral(
        "UPDATE ks_chain_head SET last_seq = 3, last_hash = (SELECT hash FROM ks_events WHERE seq = 3)")));
    v = m_journal->verify();
    ASSERT_TRUE(v);
    EXPECT_TRUE(v->intact) << "without an anchor the cut is invisible: " << v->toString().toStdString();
    v = m_journal->verify(*anchors);
    ASSERT_TRUE(v);
    EXPECT_FALSE(v->intact);
    EXPECT_EQ(v->table, QStringLiteral("anchor"));
    EXPECT_EQ(v->recordId, QStringLiteral("5"));

    // ... and writes other records in their place: the anchored record's hash no longer matches.
    ASSERT_TRUE(station.recordOperatorEvent(QStringLiteral("alice"), QStringLiteral("log.export"),
                                            QStringLiteral("success")));
    ASSERT_TRUE(station.recordOperatorEvent(QStringLiteral("alice"), QStringLiteral("login"),
                                            QStringLiteral("success")));
    v = m_journal->verify();
    ASSERT_TRUE(v && v->intact) << v->toString().toStdString();
    v = m_journal->verify(*anchors);
    ASSERT_TRUE(v);
    EXPECT_FALSE(v->intact);
    EXPECT_EQ(v->table, QStringLiteral("ks_events"));
    EXPECT_EQ(v->recordId, QStringLiteral("5"));
    EXPECT_TRUE(v->reason.contains(QStringLiteral("anchor"))) << v->reason.toStdString();
}

TEST_P(JournalTest, AnchorFileIsParsedStrictly)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("a.txt"));
    QFile f(path);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write("# kept by the supervisor\n\nks-anchor-v1 7 " + QByteArray(64, 'a')
            + " 2026-01-01T00:00:00.000Z st\n");
    f.close();
    auto read = Journal::readAnchorFile(path);
    ASSERT_TRUE(read);
    ASSERT_EQ(read->size(), 1);
    EXPECT_EQ(read->at(0).seq, 7);
    ASSERT_TRUE(f.open(QIODevice::Append));
    f.write("ks-anchor-v1 8 not-a-hash\n");
    f.close();
    EXPECT_EQ(Journal::readAnchorFile(path).error().code, CoreError::Code::InvalidArgument);
    // An anchor beyond the end of an empty chain is a cut.
    auto v = m_journal->verify(*read);
    ASSERT_TRUE(v);
    EXPECT_FALSE(v->intact);
    EXPECT_EQ(v->table, QStringLiteral("anchor"));
}

TEST_P(JournalTest, OpeningAVersionOneJournalBaselinesItsAccounts)
{
    const OperatorSession admin = reader();
    m_journal.reset();
    // A version-1 journal: accounts without row hashes in the chain.
    ASSERT_TRUE(
        m_backend->tamper(QStringLiteral("UPDATE ks_meta SET value = '1' WHERE key = 'schema_version'")));
    ASSERT_TRUE(
        m_backend->tamper(QStringLiteral("UPDATE ks_operators SET failures = 2 WHERE name = 'auditor'")));
    auto j = m_backend->open(m_clock.clock());
    ASSERT_TRUE(j) << j.error().toString().toStdString();
    m_journal = std::move(*j);
    auto v = m_journal->verify();
    ASSERT_TRUE(v);
    EXPECT_TRUE(v->intact) << v->toString().toStdString();
    auto events = m_journal->events(reader());
    ASSERT_TRUE(events);
    EXPECT_EQ(events->at(1).step, QStringLiteral("account.baseline"));
}

INSTANTIATE_TEST_SUITE_P(Backends, JournalTest, ::testing::Values(Backend::Sqlite, Backend::Postgres),
                         ks::test::backendName);

TEST(JournalSqlite, FileIsOwnerOnlyAndInWalMode)
{
    QTemporaryDir dir;
    const QString path = dir.path() + QStringLiteral("/sub/journal.sqlite");
    auto j = Journal::open(JournalConfig::sqlite(path));
    ASSERT_TRUE(j) << j.error().toString().toStdString();
    auto batch = (*j)->beginBatch(QStringLiteral("alice"), QStringLiteral("p"));
    ASSERT_TRUE(batch) << batch.error().toString().toStdString();
    struct stat st = {};
    ASSERT_EQ(::stat(QFile::encodeName(dir.path() + QStringLiteral("/sub")).constData(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0700u);
    ASSERT_EQ(::stat(QFile::encodeName(path).constData(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);
    ASSERT_EQ(::stat(QFile::encodeName(path + QStringLiteral("-wal")).constData(), &st), 0); // WAL in use
    EXPECT_EQ(st.st_mode & 0777, 0600u);
}

// When a step event reaches the disk (docs/journal.md): the "before" of a step that changes the key or asks
// the CA, the CA's answer and every failure are synced before the call returns; reads and the "after" of a
// step whose "before" was synced are committed and synced with the next synced event.
TEST(JournalSync, TheEventsBeforeAStepThatChangesTheKeyOrAsksTheCaAreSynced)
{
    using S = JournalStep;
    using P = JournalPhase;
    for (S step : { S::Login, S::GenerateKeyPair, S::Enrol, S::WriteCertificate, S::SetUserPin })
        EXPECT_TRUE(Journal::mustSync(step, P::Before)) << journalStepName(step).toStdString();
    for (S step : { S::FindKeyPair, S::ReadIdentity, S::CreateCsr, S::VerifyCertificate, S::ReadBack })
        EXPECT_FALSE(Journal::mustSync(step, P::Before)) << journalStepName(step).toStdString();
    EXPECT_TRUE(Journal::mustSync(S::Enrol, P::After)); // the certificate exists from here on
    for (S step : { S::Login, S::FindKeyPair, S::GenerateKeyPair, S::ReadIdentity, S::CreateCsr,
                    S::VerifyCertificate, S::WriteCertificate, S::ReadBack, S::SetUserPin }) {
        EXPECT_FALSE(Journal::mustSync(step, P::After)) << journalStepName(step).toStdString();
        EXPECT_TRUE(Journal::mustSync(step, P::Failed)) << journalStepName(step).toStdString();
    }
}

// The policy reaches SQLite: a synced event commits with synchronous=FULL (2), the others with NORMAL (1);
// with syncEveryEvent every one commits FULL. Every event is committed (readable) when the call returns.
TEST(JournalSync, SqliteCommitsSyncedEventsFullAndTheOthersNormal)
{
    for (const bool everyEvent : { false, true }) {
        QTemporaryDir dir;
        JournalConfig config = JournalConfig::sqlite(dir.path() + QStringLiteral("/journal.sqlite"));
        config.syncEveryEvent = everyEvent;
        auto j = Journal::open(config);
        ASSERT_TRUE(j) << j.error().toString().toStdString();
        Journal &journal = **j;
        const auto synchronous = [&] {
            return journal.read([](QSqlDatabase &db) {
                QSqlQuery q(db);
                return q.exec(QStringLiteral("PRAGMA synchronous")) && q.next() ? q.value(0).toInt() : -1;
            });
        };
        const auto events = [&] {
            return journal.read([](QSqlDatabase &db) {
                QSqlQuery q(db);
                return q.exec(QStringLiteral("SELECT count(*) FROM ks_events")) && q.next()
                    ? q.value(0).toInt()
                    : -1;
            });
        };
        auto batch = journal.beginBatch(QStringLiteral("alice"), QStringLiteral("p"));
        ASSERT_TRUE(batch);
        EXPECT_EQ(synchronous(), 2);
        auto attempt = journal.beginAttempt(*batch, QStringLiteral("SN-1"));
        ASSERT_TRUE(attempt);
        EXPECT_EQ(synchronous(), 2);
        ASSERT_TRUE(journal.recordEvent(*attempt, JournalStep::Login, JournalPhase::Before));
        EXPECT_EQ(synchronous(), 2);
        const int before = events();
        ASSERT_TRUE(journal.recordEvent(*attempt, JournalStep::Login, JournalPhase::After));
        EXPECT_EQ(synchronous(), everyEvent ? 2 : 1);
        EXPECT_EQ(events(), before + 1); // committed when the call returned
        ASSERT_TRUE(journal.recordEvent(*attempt, JournalStep::FindKeyPair, JournalPhase::Before));
        EXPECT_EQ(synchronous(), everyEvent ? 2 : 1);
        ASSERT_TRUE(journal.recordEvent(*attempt, JournalStep::Enrol, JournalPhase::Before));
        EXPECT_EQ(synchronous(), 2);
        ASSERT_TRUE(journal.recordEvent(*attempt, JournalStep::Enrol, JournalPhase::After));
        EXPECT_EQ(synchronous(), 2);
        ASSERT_TRUE(journal.finishAttempt(*attempt, AttemptOutcome { AttemptState::Done, {}, {} }));
        EXPECT_EQ(synchronous(), 2);
        EXPECT_EQ(events(), before + 5);
        auto v = journal.verify();
        ASSERT_TRUE(v);
        EXPECT_TRUE(v->intact) << v->toString().toStdString();
    }
}

// Writes queued together share one transaction; it is synced when any of them must be (else a write that
// needed the disk would return before it), and not when none must.
TEST(JournalSync, AGroupIsSyncedWhenAnyOfItsWritesMustBe)
{
    QTemporaryDir dir;
    SqlWorker worker(QStringLiteral("QSQLITE"), [&](QSqlDatabase &db) {
        db.setDatabaseName(dir.path() + QStringLiteral("/w.sqlite"));
        if (!db.open())
            return QStringLiteral("open");
        QSqlQuery q(db);
        return q.exec(QStringLiteral("CREATE TABLE t (v INTEGER)")) ? QString() : QStringLiteral("create");
    });
    ASSERT_TRUE(worker.openError().isEmpty()) << worker.openError().toStdString();
    std::mutex seenMutex;
    std::vector<bool> seen; // `durable` of each transaction begun
    SqlWorker::WriteHooks hooks;
    hooks.begin = [&](QSqlDatabase &db, bool durable, QString &) {
        std::lock_guard lock(seenMutex);
        seen.push_back(durable);
        return QSqlQuery(db).exec(QStringLiteral("BEGIN"));
    };
    hooks.commit = [](QSqlDatabase &db, QString &) { return QSqlQuery(db).exec(QStringLiteral("COMMIT")); };
    hooks.rollback = [](QSqlDatabase &db) { QSqlQuery(db).exec(QStringLiteral("ROLLBACK")); };
    worker.setWriteHooks(hooks);
    const std::function<bool(QSqlDatabase &)> insert
        = [](QSqlDatabase &db) { return QSqlQuery(db).exec(QStringLiteral("INSERT INTO t VALUES (1)")); };

    // Three writes queued while the worker is busy: one transaction, synced (one of them must be).
    for (const bool anyDurable : { true, false }) {
        seen.clear();
        std::promise<void> release;
        std::shared_future<void> released = release.get_future().share();
        std::thread busy([&] { worker.run([&](QSqlDatabase &) { released.wait(); }); });
        std::this_thread::sleep_for(std::chrono::milliseconds(100)); // the worker runs `busy`'s task
        std::vector<std::thread> writers;
        std::atomic<int> committed { 0 };
        for (int i = 0; i < 3; ++i)
            writers.emplace_back([&, i] {
                QString error;
                if (worker.write(insert, error, anyDurable && i == 1))
                    ++committed;
            });
        std::this_thread::sleep_for(std::chrono::milliseconds(200)); // all three queued behind the task
        release.set_value();
        for (auto &w : writers)
            w.join();
        busy.join();
        EXPECT_EQ(committed.load(), 3);
        ASSERT_EQ(seen.size(), 1u) << "the three writes did not share one transaction";
        EXPECT_EQ(seen.front(), anyDurable);
    }
}

TEST(JournalSqlite, UnwritableLocationIsATypedError)
{
    auto j = Journal::open(JournalConfig::sqlite(QStringLiteral("/proc/ks-no/journal.sqlite")));
    ASSERT_FALSE(j);
    EXPECT_EQ(j.error().code, CoreError::Code::DatabaseOpen);
}

TEST(EventChain, HashIsSha256OverPreviousHashAndCanonicalForm)
{
    EventRecord e;
    e.seq = 1;
    e.tsMs = 1767225600000;
    e.station = QStringLiteral("station-1");
    e.operatorName = QStringLiteral("alice");
    e.batchId = QStringLiteral("b");
    e.kind = QStringLiteral("batch");
    e.step = QStringLiteral("batch");
    e.phase = QStringLiteral("begin");
    e.detail = QStringLiteral("{\"profile\":\"p\"}");
    // Independent of EventChain: the documented byte string, typed out.
    const QByteArray canonical = "ks-journal-v1\n1:1\n13:1767225600000\n9:station-1\n5:alice\n1:b\n0:\n0:\n"
                                 "5:batch\n5:batch\n5:begin\n15:{\"profile\":\"p\"}\n";
    EXPECT_EQ(EventChain::canonical(e), canonical);
    QByteArray input(32, '\0');
    input += canonical;
    unsigned char digest[SHA256_DIGEST_LENGTH];
    SHA256(reinterpret_cast<const unsigned char *>(input.constData()), static_cast<size_t>(input.size()),
           digest);
    const QString expected
        = QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(digest), sizeof digest).toHex());
    EXPECT_EQ(EventChain::computeHash(EventChain::genesisHash(), e), expected);
    std::printf("test vector hash: %s\n", qPrintable(expected));
    EXPECT_TRUE(EventChain::computeHash(QStringLiteral("xyz"), e).isEmpty());
}

} // namespace

namespace {

TEST(JournalPostgres, ReconnectsAfterAServerRestart)
{
    JournalBackend backend(Backend::Postgres);
    ASSERT_TRUE(backend.ok());
    auto j = backend.open();
    ASSERT_TRUE(j) << j.error().toString().toStdString();
    OperatorStore operators(**j);
    QByteArray pw("auditor-Secret-1");
    auto reader = operators.createFirstAdministrator(QStringLiteral("auditor"), pw);
    ASSERT_TRUE(reader);
    auto batch = (*j)->beginBatch(QStringLiteral("alice"), QStringLiteral("p"));
    ASSERT_TRUE(batch);
    ASSERT_TRUE(ks::test::PostgresServer::shared()->restart());
    auto rows = (*j)->batches(*reader); // a read reconnects
    ASSERT_TRUE(rows) << rows.error().toString().toStdString();
    EXPECT_EQ(rows->size(), 1);
    ASSERT_TRUE(ks::test::PostgresServer::shared()->restart());
    auto a = (*j)->beginAttempt(*batch, QStringLiteral("S1")); // so does an append
    ASSERT_TRUE(a) << a.error().toString().toStdString();
    ASSERT_TRUE((*j)->finishAttempt(*a, { AttemptState::Done, {}, {} }));
    auto v = (*j)->verify();
    ASSERT_TRUE(v);
    EXPECT_TRUE(v->intact);
    EXPECT_EQ(v->eventsChecked, 4); // the administrator, the batch, the attempt's two
}

} // namespace

namespace {

// kill -9 of a process in the middle of appending: every event it reported committed is there, and the chain
// verifies. The writer is this test binary in writer mode (tests/main/TestMain.cpp, JOURNAL_WRITER).
TEST(JournalSqlite, KillNineAtRandomMomentsLosesNothingCommitted)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("journal.sqlite"));
    qint64 lastReported = 0;
    for (int round = 0; round < 5; ++round) {
        QProcess writer;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("KS_JOURNAL_WRITER"), path);
        writer.setProcessEnvironment(env);
        writer.start(QCoreApplication::applicationFilePath(), {});
        ASSERT_TRUE(writer.waitForStarted());
        // Kill after a varying number of commits, at whatever instant the writer is in then.
        const int wanted = 5 + round * 7;
        QByteArray output;
        while (output.count('\n') < wanted && writer.state() == QProcess::Running) {
            writer.waitForReadyRead(10000);
            output += writer.readAllStandardOutput();
        }
        ASSERT_EQ(writer.state(), QProcess::Running) << writer.readAllStandardError().toStdString();
        ::kill(static_cast<pid_t>(writer.processId()), SIGKILL);
        writer.waitForFinished();
        output += writer.readAllStandardOutput();
        const QList<QByteArray> lines = output.trimmed().split('\n');
        ASSERT_FALSE(lines.isEmpty());
        lastReported = lines.last().toLongLong();

        auto j = Journal::open(JournalConfig::sqlite(path));
        ASSERT_TRUE(j) << j.error().toString().toStdString();
        auto v = (*j)->verify();
        ASSERT_TRUE(v);
        EXPECT_TRUE(v->intact) << v->toString().toStdString();
        EXPECT_GE(v->eventsChecked, lastReported) << "round " << round;
        auto unfinished = (*j)->unfinishedKeys();
        ASSERT_TRUE(unfinished);
        EXPECT_GE(unfinished->size(), 1); // the attempt being written when killed
    }
}

} // namespace

namespace {

void writeConf(const QString &path, const QByteArray &text, QFileDevice::Permissions perms)
{
    QFile f(path);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(text);
    f.close();
    f.setPermissions(perms);
}

TEST(JournalConfig, PgConfFileIsParsedAndGuarded)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("pg.conf"));
    const auto ownerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
    writeConf(path,
              "# shared factory journal\nhost = db.example\nport = 6543\ndbname = ks\nuser = station\n"
              "password = p#ss word\nstation = line-3\n",
              ownerOnly);
    auto c = JournalConfig::fromPgConfFile(path);
    ASSERT_TRUE(c) << c.error().toString().toStdString();
    EXPECT_EQ(c->backend, JournalConfig::Backend::Postgres);
    EXPECT_EQ(c->pgHost, QStringLiteral("db.example"));
    EXPECT_EQ(c->pgPort, 6543);
    EXPECT_EQ(c->pgDatabase, QStringLiteral("ks"));
    EXPECT_EQ(c->pgUser, QStringLiteral("station"));
    EXPECT_EQ(c->pgPassword, QByteArray("p#ss word"));
    EXPECT_EQ(c->station, QStringLiteral("line-3"));

    writeConf(path, "dbname = ks\nuser = station\npassword = secret\n", ownerOnly | QFileDevice::ReadOther);
    EXPECT_EQ(JournalConfig::fromPgConfFile(path).error().code,
              CoreError::Code::Io); // world-readable password
    writeConf(path, "dbname = ks\nuser = station\nhots = typo\n", ownerOnly);
    EXPECT_EQ(JournalConfig::fromPgConfFile(path).error().code, CoreError::Code::InvalidArgument);
    writeConf(path, "user = station\n", ownerOnly);
    qunsetenv("KS_PG_DATABASE");
    EXPECT_EQ(JournalConfig::fromPgConfFile(path).error().code,
              CoreError::Code::InvalidArgument); // no dbname
    qputenv("KS_PG_DATABASE", "from_env");
    auto fromEnv = JournalConfig::fromPgConfFile(path);
    qunsetenv("KS_PG_DATABASE");
    ASSERT_TRUE(fromEnv);
    EXPECT_EQ(fromEnv->pgDatabase, QStringLiteral("from_env"));
    EXPECT_EQ(fromEnv->pgHost, QStringLiteral("127.0.0.1"));
    EXPECT_EQ(fromEnv->pgPort, 5432);
    EXPECT_EQ(JournalConfig::fromPgConfFile(dir.filePath(QStringLiteral("missing"))).error().code,
              CoreError::Code::Io);
}

TEST(JournalPostgres, OpensFromAConfFileAndRefusesAWrongPassword)
{
    JournalBackend backend(Backend::Postgres);
    ASSERT_TRUE(backend.ok());
    const JournalConfig c = backend.config();
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("pg.conf"));
    const auto ownerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
    writeConf(path,
              QStringLiteral("host = %1\nport = %2\ndbname = %3\nuser = %4\npassword = %5\n")
                  .arg(c.pgHost)
                  .arg(c.pgPort)
                  .arg(c.pgDatabase, c.pgUser, QString::fromUtf8(c.pgPassword))
                  .toUtf8(),
              ownerOnly);
    auto conf = JournalConfig::fromPgConfFile(path);
    ASSERT_TRUE(conf);
    auto j = Journal::open(*conf);
    ASSERT_TRUE(j) << j.error().toString().toStdString();
    EXPECT_TRUE((*j)->beginBatch(QStringLiteral("alice"), QStringLiteral("p")));
    EXPECT_FALSE((*j)->location().contains(QString::fromUtf8(c.pgPassword)));

    JournalConfig wrong = *conf;
    wrong.pgPassword = "not-the-password";
    auto refused = Journal::open(wrong);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, CoreError::Code::DatabaseOpen);
}

} // namespace
