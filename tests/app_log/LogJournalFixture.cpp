#include "LogJournalFixture.h"

#include "core/JournalTypes.h"

#include <QCryptographicHash>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QThreadPool>
#include <QUuid>

namespace ks::test {

namespace {

using core::JournalPhase;
using core::JournalStep;

// The engine's order of steps for a key without a free key pair (docs/flow.md steps 4-11).
const JournalStep kSteps[] = {
    JournalStep::Login,
    JournalStep::FindKeyPair,
    JournalStep::GenerateKeyPair,
    JournalStep::ReadIdentity,
    JournalStep::CreateCsr,
    JournalStep::Enrol,
    JournalStep::VerifyCertificate,
    JournalStep::WriteCertificate,
    JournalStep::ReadBack,
};

// 2026-11-23 09:00:00 UTC: a fixed morning, so minutes and dates in the tests are known.
constexpr qint64 kMorningMs = 1795424400000;

} // namespace

void LogJournalFixture::SetUp()
{
    ASSERT_TRUE(m_dir.isValid());
    m_path = m_dir.filePath(QStringLiteral("journal.sqlite"));
    m_nowMs = kMorningMs;
    core::JournalConfig config = core::JournalConfig::sqlite(m_path);
    config.station = QStringLiteral("bench-3");
    auto journal
        = core::Journal::open(config, [this] { return QDateTime::fromMSecsSinceEpoch(m_nowMs, Qt::UTC); });
    ASSERT_TRUE(journal) << journal.error().toString().toStdString();
    m_journal = std::move(*journal);
}

void LogJournalFixture::TearDown()
{
    // Widgets do not wait for their journal queries; the journal's owner does (as core::StationThread does).
    QThreadPool::globalInstance()->waitForDone();
    m_operators.reset();
    m_journal.reset();
}

core::OperatorSession LogJournalFixture::session(core::Role role, const QString &name)
{
    if (!m_operators)
        m_operators = std::make_unique<core::OperatorStore>(
            *m_journal, [this] { return QDateTime::fromMSecsSinceEpoch(m_nowMs, Qt::UTC); });
    if (m_fixtureAdmin.name().isEmpty()) {
        QByteArray pw("fixture administrator password");
        auto admin = m_operators->createFirstAdministrator(QStringLiteral("fixture-admin"), pw);
        EXPECT_TRUE(admin) << admin.error().toString().toStdString();
        if (admin)
            m_fixtureAdmin = *admin;
    }
    if (auto it = m_sessions.constFind(name); it != m_sessions.constEnd() && it->role() == role)
        return *it;
    const QByteArray password = name.toUtf8() + "'s log fixture password";
    QByteArray pw(password.constData(), password.size()); // a copy of its own: the store wipes what it gets
    auto added = m_operators->addOperator(m_fixtureAdmin, name, role, pw);
    if (!added && added.error().code == core::CoreError::Code::AlreadyExists) {
        EXPECT_TRUE(m_operators->setRole(m_fixtureAdmin, name, role));
    }
    pw = QByteArray(password.constData(), password.size());
    auto s = m_operators->login(name, pw);
    EXPECT_TRUE(s) << s.error().toString().toStdString();
    if (!s)
        return {};
    m_sessions.insert(name, *s);
    return *s;
}

QString LogJournalFixture::beginBatch(const QString &operatorName)
{
    auto id = m_journal->beginBatch(operatorName, QStringLiteral("device-p256"));
    EXPECT_TRUE(id) << id.error().toString().toStdString();
    return id ? *id : QString();
}

QString LogJournalFixture::runKey(const QString &batchId, const Key &key)
{
    const qint64 start = m_nowMs;
    auto attempt = m_journal->beginAttempt(batchId, key.serial, key.model);
    EXPECT_TRUE(attempt) << attempt.error().toString().toStdString();
    if (!attempt)
        return {};
    const QString id = *attempt;
    const QString keyId = QString::fromLatin1(
        QCryptographicHash::hash(key.serial.toUtf8(), QCryptographicHash::Sha1).toHex().left(16));
    const QByteArray certDer = QCryptographicHash::hash(id.toUtf8(), QCryptographicHash::Sha256);
    const QString certSerial = QString::fromLatin1(certDer.toHex().left(20)).toUpper();
    const int events = int(std::size(kSteps)) * 2;
    int event = 0;
    // Spread the events over the attempt's duration: each step takes its share of tookMs.
    auto tick = [&] { m_nowMs = start + key.tookMs * ++event / (events + 1); };
    for (JournalStep step : kSteps) {
        const QString name = core::journalStepName(step);
        const bool failsHere = key.state != QLatin1String("done") && name == key.failStep;
        QJsonObject before, after;
        if (step == JournalStep::GenerateKeyPair)
            before.insert(QStringLiteral("keyId"), keyId);
        if (step == JournalStep::GenerateKeyPair)
            after.insert(QStringLiteral("keyId"), keyId);
        if (step == JournalStep::Enrol) {
            after.insert(QStringLiteral("certDer"), QString::fromLatin1(certDer.toBase64()));
            after.insert(QStringLiteral("certSerial"), certSerial);
            after.insert(QStringLiteral("certNotAfter"), start + 365LL * 24 * 3600 * 1000);
        }
        tick();
        EXPECT_TRUE(m_journal->recordEvent(id, step, JournalPhase::Before, before));
        if (failsHere && key.state == QLatin1String("running"))
            return id;
        tick();
        if (failsHere) {
            EXPECT_TRUE(m_journal->recordEvent(id, step, JournalPhase::Failed,
                                               { { QStringLiteral("code"), key.errorCode },
                                                 { QStringLiteral("message"), key.errorMessage } }));
            break;
        }
        EXPECT_TRUE(m_journal->recordEvent(id, step, JournalPhase::After, after));
        if (key.state == QLatin1String("done") && name == key.doneAfter)
            break;
    }
    m_nowMs = start + key.tookMs;
    core::AttemptOutcome outcome;
    outcome.state = key.state == QLatin1String("done") ? core::AttemptState::Done
        : key.state == QLatin1String("cancelled")      ? core::AttemptState::Cancelled
                                                       : core::AttemptState::Failed;
    outcome.errorCode = key.errorCode;
    outcome.errorMessage = key.errorMessage;
    EXPECT_TRUE(m_journal->finishAttempt(id, outcome));
    return id;
}

void LogJournalFixture::seedRealisticLog()
{
    // Batch A, alice, 09:00: a key every 15 s (14 s of work, 1 s to swap), so keys end at 0:15, 0:30, …
    // 2:30 and the done keys per minute are [3, 3, 2] (keys 4 and 8 fail).
    m_batchA = beginBatch(QStringLiteral("alice"));
    for (int k = 0; k < 10; ++k) {
        const qint64 slotStart = kMorningMs + 1000 + 15000LL * k;
        m_nowMs = slotStart;
        Key key;
        key.serial = QStringLiteral("0a1b2c3d4e5f%1").arg(k, 4, 16, QLatin1Char('0'));
        key.model = QStringLiteral("ePass2003");
        key.tookMs = 14000;
        if (k == 4) {
            key.state = QStringLiteral("failed");
            key.tookMs = 900;
            key.failStep = QStringLiteral("login");
            key.errorCode = QStringLiteral("PinIncorrect");
            key.errorMessage
                = QStringLiteral("PKCS#11 function 'C_Login' failed: CKR_PIN_INCORRECT (wrong PIN)");
        } else if (k == 8) {
            key.state = QStringLiteral("failed");
            key.tookMs = 9000;
            key.failStep = QStringLiteral("enrol");
            key.errorCode = QStringLiteral("CaNetwork");
            // A comma, quotes and a line break: the CSV must quote them (RFC 4180 section 2).
            key.errorMessage
                = QStringLiteral("Connection refused by \"ca.example.test\", port 8888\nretry later");
        }
        const QString id = runKey(m_batchA, key);
        if (k == 4)
            m_wrongPinAttempt = id;
    }
    m_nowMs = kMorningMs + 160000;
    EXPECT_TRUE(
        m_journal->endBatch(m_batchA, { { QStringLiteral("done"), 8 }, { QStringLiteral("failed"), 2 } }));

    // Batch B, bob, 10:00: [2, 1] done per minute; a wrong PIN, a cancel and a key still running.
    m_nowMs = kMorningMs + 3600000;
    m_batchB = beginBatch(QStringLiteral("bob"));
    const QString states[]
        = { QStringLiteral("done"), QStringLiteral("done"),      QStringLiteral("failed"),
            QStringLiteral("done"), QStringLiteral("cancelled"), QStringLiteral("running") };
    for (int k = 0; k < 6; ++k) {
        m_nowMs = kMorningMs + 3600000 + 1000 + 15000LL * k;
        Key key;
        key.serial = QStringLiteral("7f00aa00000000%1").arg(k, 2, 10, QLatin1Char('0'));
        key.model = QStringLiteral("YubiKey 5 NFC");
        key.tookMs = 14000;
        key.state = states[k];
        if (k == 2) {
            key.failStep = QStringLiteral("login");
            key.errorCode = QStringLiteral("PinIncorrect");
            key.errorMessage
                = QStringLiteral("Wrong transport PIN (2 tries left); the key was left as it is.");
        } else if (k == 4) {
            key.failStep = QStringLiteral("generateKeyPair");
            key.errorCode = QStringLiteral("Cancelled");
            key.errorMessage = QStringLiteral("Cancelled by the operator.");
        } else if (k == 5) {
            key.failStep = QStringLiteral("enrol");
        }
        runKey(m_batchB, key);
    }
}

bool LogJournalFixture::tamper(const QString &sql)
{
    const QString name = QUuid::createUuid().toString();
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(m_path);
        if (db.open()) {
            QSqlQuery q(db);
            ok = q.exec(sql) && q.numRowsAffected() > 0;
            if (!ok)
                ADD_FAILURE() << sql.toStdString() << ": " << q.lastError().text().toStdString();
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

} // namespace ks::test
