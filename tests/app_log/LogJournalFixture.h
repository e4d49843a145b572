#pragma once

#include "core/Journal.h"
#include "core/OperatorStore.h"

#include <QHash>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <memory>

namespace ks::test {

// A real SQLite journal in a private temp dir, filled through Journal's public API (the engine's code
// path) with a scripted clock: two batches by two operators, keys done minute after minute, failures with
// the engine's codes and messages, a cancelled and a running key.
class LogJournalFixture : public ::testing::Test
{
protected:
    void SetUp() override;
    void TearDown() override;

    struct Key
    {
        QString serial;
        QString model;
        QString state = QStringLiteral("done"); // done, failed, cancelled, running
        qint64 tookMs = 4000; // from begin to finish
        QString failStep; // journal step name where it failed
        QString errorCode;
        QString errorMessage;
        // A done key: the last step it runs (empty: all). An already provisioned key ends at "findKeyPair",
        // as the engine ends one that holds the profile's certificate.
        QString doneAfter;
    };

    // Starts a batch at the clock's time; returns its id.
    QString beginBatch(const QString &operatorName);
    // Runs one key's steps from the clock's current time, advancing it by tookMs. Returns the attempt id.
    QString runKey(const QString &batchId, const Key &key);
    void seedRealisticLog();
    // Edits one row behind the journal's back, as an attacker with the database file would.
    bool tamper(const QString &sql);

    void advance(qint64 ms) { m_nowMs += ms; }

    // A logged-in session with `role`, through the journal's own account table (the only way to get one):
    // the account is added by a fixture administrator on first use, then logged in.
    core::OperatorSession session(core::Role role, const QString &name = QStringLiteral("sam"));

    QTemporaryDir m_dir;
    QString m_path;
    qint64 m_nowMs = 0;
    std::unique_ptr<core::Journal> m_journal;
    QString m_batchA; // alice: 8 done over 3 minutes, 2 failed
    QString m_batchB; // bob: 3 done, 1 failed, 1 cancelled, 1 running
    QString m_wrongPinAttempt; // failed at login in batch A
    std::unique_ptr<core::OperatorStore> m_operators;
    core::OperatorSession m_fixtureAdmin;
    QHash<QString, core::OperatorSession> m_sessions; // by name
};

} // namespace ks::test
