// core/Doctor's journal checks on both back ends (a real SQLite file, the shared PostgreSQL test server): the
// write probe changes nothing, a tampered chain fails; and the OpenSC limits it reads from opensc.conf.
#include "core/Doctor.h"
#include "JournalBackend.h"

#include <QFile>
#include <QTemporaryDir>

#include <gtest/gtest.h>

namespace {

using ks::core::Doctor;
using ks::core::DoctorCheck;
using ks::test::Backend;

DoctorCheck checkOf(const QList<DoctorCheck> &checks, const QString &id)
{
    for (const auto &c : checks)
        if (c.id == id)
            return c;
    return {};
}

class DoctorJournal : public ::testing::TestWithParam<Backend>
{
protected:
    void SetUp() override
    {
        m_backend = std::make_unique<ks::test::JournalBackend>(GetParam());
        ASSERT_TRUE(m_backend->ok()) << "database setup failed";
        auto journal = m_backend->open();
        ASSERT_TRUE(journal) << journal.error().message.toStdString();
        for (int i = 0; i < 3; ++i)
            ASSERT_TRUE((*journal)->recordOperatorEvent(QStringLiteral("alice"), QStringLiteral("login"),
                                                        QStringLiteral("success")));
    }

    // Only the journal matters here: no profile, no module (their checks fail, the rest still runs).
    QList<DoctorCheck> runDoctor() const
    {
        ks::core::DoctorConfig config;
        config.profilePath = m_dir.filePath(QStringLiteral("none.json"));
        config.modulePath = m_dir.filePath(QStringLiteral("none.so"));
        config.journal = m_backend->config();
        // Its own copy of the password: Journal::open wipes the one it is given.
        config.journal.pgPassword
            = QByteArray(config.journal.pgPassword.constData(), config.journal.pgPassword.size());
        return Doctor::run(config);
    }

    QTemporaryDir m_dir;
    std::unique_ptr<ks::test::JournalBackend> m_backend;
};

TEST_P(DoctorJournal, AnIntactJournalIsWritableAndTheProbeLeavesNoTrace)
{
    const auto checks = runDoctor();
    const DoctorCheck journal = checkOf(checks, QStringLiteral("journal"));
    EXPECT_EQ(journal.outcome, DoctorCheck::Outcome::Ok) << journal.detail.toStdString();
    EXPECT_TRUE(journal.detail.contains(QStringLiteral("chain intact (records: 3)")))
        << journal.detail.toStdString();
    // Again: the same count, and the journal's own check agrees.
    const DoctorCheck again = checkOf(runDoctor(), QStringLiteral("journal"));
    EXPECT_EQ(again.detail, journal.detail);
    auto reopened = m_backend->open();
    ASSERT_TRUE(reopened);
    auto verified = (*reopened)->verify();
    ASSERT_TRUE(verified);
    EXPECT_TRUE(verified->intact);
    EXPECT_EQ(verified->eventsChecked, 3);

    const DoctorCheck disk = checkOf(checks, QStringLiteral("disk"));
    if (GetParam() == Backend::Postgres)
        EXPECT_EQ(disk.outcome, DoctorCheck::Outcome::Skipped);
    else
        EXPECT_NE(disk.outcome, DoctorCheck::Outcome::Skipped) << disk.detail.toStdString();
    EXPECT_TRUE(Doctor::anyFailed(checks)); // no profile, no module
    EXPECT_EQ(checkOf(checks, QStringLiteral("sound")).outcome, DoctorCheck::Outcome::Skipped);
}

TEST_P(DoctorJournal, ATamperedChainFailsTheJournalCheck)
{
    ASSERT_TRUE(m_backend->tamper(QStringLiteral("UPDATE ks_events SET ts_ms = ts_ms + 1 WHERE seq = 2")));
    const DoctorCheck journal = checkOf(runDoctor(), QStringLiteral("journal"));
    EXPECT_EQ(journal.outcome, DoctorCheck::Outcome::Fail);
    EXPECT_TRUE(journal.detail.contains(QStringLiteral("chain is broken"))) << journal.detail.toStdString();
    EXPECT_TRUE(journal.nextStep.contains(QStringLiteral("supervisor"))) << journal.nextStep.toStdString();
}

// A PostgreSQL account that may read the journal but not write it: the probe's lock needs INSERT/UPDATE.
TEST(DoctorPostgres, AnAccountThatCannotWriteFailsTheJournalCheck)
{
    ks::test::JournalBackend backend(Backend::Postgres);
    ASSERT_TRUE(backend.ok());
    {
        auto journal = backend.open();
        ASSERT_TRUE(journal) << journal.error().message.toStdString();
    }
    ks::test::PostgresServer *pg = ks::test::PostgresServer::shared();
    const ks::core::JournalConfig writer = backend.config();
    ASSERT_TRUE(pg->psql(QStringLiteral("CREATE USER ks_doctor_reader PASSWORD 'reader-Secret-1'")));
    ASSERT_TRUE(pg->psql(QStringLiteral("GRANT SELECT ON ALL TABLES IN SCHEMA public TO ks_doctor_reader"),
                         nullptr, writer.pgDatabase));

    QTemporaryDir dir;
    ks::core::DoctorConfig config;
    config.profilePath = dir.filePath(QStringLiteral("none.json"));
    config.modulePath = dir.filePath(QStringLiteral("none.so"));
    config.journal = writer;
    config.journal.pgUser = QStringLiteral("ks_doctor_reader");
    config.journal.pgPassword = QByteArrayLiteral("reader-Secret-1");
    const DoctorCheck journal = checkOf(Doctor::run(config), QStringLiteral("journal"));
    EXPECT_EQ(journal.outcome, DoctorCheck::Outcome::Fail) << journal.detail.toStdString();
    EXPECT_TRUE(journal.detail.contains(QStringLiteral("permission denied"))) << journal.detail.toStdString();
}

INSTANTIATE_TEST_SUITE_P(Backends, DoctorJournal, ::testing::Values(Backend::Sqlite, Backend::Postgres),
                         ks::test::backendName);

TEST(DoctorOpenSc, LimitsComeFromTheConfigurationOrOpenScsDefaults)
{
    QTemporaryDir dir;
    const Doctor::OpenScLimits none = Doctor::openScLimits(dir.filePath(QStringLiteral("missing.conf")));
    EXPECT_EQ(none.maxVirtualSlots, 16);
    EXPECT_EQ(none.slotsPerCard, 4);
    EXPECT_EQ(none.readers(), 4); // docs/hardware.md, fact (d)
    EXPECT_TRUE(none.source.isEmpty());

    const QString path = dir.filePath(QStringLiteral("opensc.conf"));
    QFile conf(path);
    ASSERT_TRUE(conf.open(QIODevice::WriteOnly));
    conf.write("app default {\n"
               "  # max_virtual_slots = 8;\n"
               "  reader_driver pcsc { }\n"
               "  framework pkcs15 { }\n"
               "  max_virtual_slots = 64;\n"
               "}\n");
    conf.close();
    const Doctor::OpenScLimits raised = Doctor::openScLimits(path);
    EXPECT_EQ(raised.maxVirtualSlots, 64);
    EXPECT_EQ(raised.slotsPerCard, 4);
    EXPECT_EQ(raised.readers(), 16);
    EXPECT_EQ(raised.source, path);
}

} // namespace
