// Wipes reach the storage itself (not a detached copy), and secret files are read only when owner-only
// (core/secrets/SecureBytes.h, core/secrets/SecretFile.h; docs/security.md).
#include "core/secrets/SecureBytes.h"
#include "JournalBackend.h"
#include "core/Journal.h"
#include "core/secrets/SecretFile.h"

#include <QFile>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace ks;
using namespace ks::core;
using ks::test::Backend;
using ks::test::JournalBackend;

namespace {

bool allZero(const char *p, qsizetype n)
{
    for (qsizetype i = 0; i < n; ++i)
        if (p[i] != '\0')
            return false;
    return n > 0;
}

// QByteArray is implicitly shared: `copy = secret; wipe(secret)` used to detach `secret` and wipe a fresh
// copy, leaving the bytes where they were. The storage other arrays still point at must read zeros.
TEST(Wipe, ReachesTheStorageEveryCopyShares)
{
    QByteArray secret("correct horse battery staple");
    const QByteArray copy = secret; // shares the storage
    const char *storage = copy.constData();
    const qsizetype n = copy.size();
    ASSERT_EQ(secret.constData(), storage);
    wipe(secret);
    EXPECT_TRUE(secret.isEmpty());
    ASSERT_EQ(copy.constData(), storage); // nothing was reallocated
    EXPECT_TRUE(allZero(storage, n)) << std::string(storage, static_cast<size_t>(n));
}

TEST(Wipe, ReachesBytesLeftPastTheEndAndQStrings)
{
    QByteArray secret("0123456789-secret-tail");
    const char *storage = secret.constData();
    const qsizetype n = secret.size();
    secret.chop(12); // "-secret-tail" stays in the allocation, past the end
    const QByteArray keep = secret;
    wipe(secret);
    ASSERT_EQ(keep.constData(), storage);
    EXPECT_TRUE(allZero(storage, n));

    QString password = QString::fromLatin1("Wombat-Adm1n-Secret"); // on the heap (a literal is not)
    const QString shared = password;
    const QChar *chars = shared.constData();
    const qsizetype length = shared.size();
    wipe(password);
    EXPECT_TRUE(password.isEmpty());
    ASSERT_EQ(shared.constData(), chars);
    EXPECT_TRUE(allZero(reinterpret_cast<const char *>(chars), length * qsizetype(sizeof(QChar))));
}

TEST(Wipe, LeavesStorageItDoesNotOwnAlone)
{
    static const char raw[] = "read-only bytes"; // in read-only memory: writing would crash
    QByteArray view = QByteArray::fromRawData(raw, sizeof raw - 1);
    wipe(view);
    EXPECT_TRUE(view.isEmpty());
    EXPECT_STREQ(raw, "read-only bytes");
    QByteArray empty;
    wipe(empty);
    EXPECT_TRUE(empty.isEmpty());
}

// Journal::open wipes the PostgreSQL password it was handed where it is stored: the caller's JournalConfig
// (sharing it) reads zeros, so no readable copy outlives the connection.
TEST(Wipe, JournalOpenWipesThePostgresPasswordItWasGiven)
{
    JournalBackend backend(Backend::Postgres);
    ASSERT_TRUE(backend.ok());
    JournalConfig config = backend.config();
    config.pgPassword = QByteArray(config.pgPassword.constData(), config.pgPassword.size()); // our own
    const QByteArray callers = config.pgPassword;
    const char *storage = callers.constData();
    const qsizetype n = callers.size();
    auto journal = Journal::open(config);
    ASSERT_TRUE(journal) << journal.error().toString().toStdString();
    EXPECT_TRUE((*journal)->beginBatch(QStringLiteral("alice"), QStringLiteral("p"))); // really connected
    ASSERT_EQ(callers.constData(), storage);
    EXPECT_TRUE(allZero(storage, n));
}

class SecretFileTest : public ::testing::Test
{
protected:
    QString write(const QByteArray &content, QFileDevice::Permissions permissions)
    {
        const QString path = m_dir.filePath(QStringLiteral("secret"));
        QFile f(path);
        EXPECT_TRUE(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(content);
        f.close();
        EXPECT_TRUE(QFile::setPermissions(path, permissions));
        return path;
    }

    QTemporaryDir m_dir;
    const QFileDevice::Permissions m_owner = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
};

TEST_F(SecretFileTest, AnyGroupOrOtherAccessIsRefusedNamingFileModeAndChmod)
{
    const struct
    {
        QFileDevice::Permissions extra;
        const char *mode;
    } cases[] = {
        { QFileDevice::ReadGroup, "0640" },  { QFileDevice::ReadOther, "0604" },
        { QFileDevice::WriteGroup, "0620" }, { QFileDevice::ExeOther, "0601" },
        { QFileDevice::ExeGroup, "0610" },   { QFileDevice::ReadGroup | QFileDevice::ReadOther, "0644" },
    };
    for (const auto &c : cases) {
        const QString path = write("s3cret-pin-4711\n", m_owner | c.extra);
        QByteArray out("stale");
        QString error;
        EXPECT_FALSE(SecretFile::read(path, out, error)) << c.mode;
        EXPECT_TRUE(out.isEmpty());
        EXPECT_TRUE(error.contains(path)) << error.toStdString();
        EXPECT_TRUE(error.contains(QStringLiteral("(mode %1)").arg(QLatin1String(c.mode))))
            << error.toStdString();
        EXPECT_TRUE(error.contains(QStringLiteral("chmod 600"))) << error.toStdString();
        EXPECT_FALSE(error.contains(QStringLiteral("s3cret"))) << error.toStdString();
        EXPECT_FALSE(SecretFile::readLine(path, out, error)) << c.mode;
    }
    const QString path = write("s3cret-pin-4711\n", m_owner);
    QByteArray out;
    QString error;
    EXPECT_TRUE(SecretFile::read(path, out, error)) << error.toStdString();
    EXPECT_EQ(out, QByteArray("s3cret-pin-4711\n"));
}

TEST_F(SecretFileTest, LinesMissingFilesAndLimits)
{
    QByteArray out;
    QString error;
    QString path = write("  pass word \r\nsecond line\n", m_owner);
    ASSERT_TRUE(SecretFile::readLine(path, out, error));
    EXPECT_EQ(out, QByteArray("  pass word "));
    ASSERT_TRUE(SecretFile::readLine(path, out, error, SecretFile::Line::Trimmed));
    EXPECT_EQ(out, QByteArray("pass word"));
    path = write("no line end", m_owner);
    ASSERT_TRUE(SecretFile::readLine(path, out, error));
    EXPECT_EQ(out, QByteArray("no line end"));
    path = write(QByteArray(100, 'x'), m_owner);
    EXPECT_FALSE(SecretFile::read(path, out, error, 99));
    EXPECT_TRUE(out.isEmpty());
    EXPECT_TRUE(SecretFile::read(path, out, error, 100));
    EXPECT_EQ(out.size(), 100);
    EXPECT_FALSE(SecretFile::read(m_dir.filePath(QStringLiteral("missing")), out, error));
    EXPECT_TRUE(error.contains(QStringLiteral("missing"))) << error.toStdString();
    EXPECT_FALSE(SecretFile::read(QString(), out, error));
}

} // namespace
