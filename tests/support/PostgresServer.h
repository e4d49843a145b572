#pragma once

#include <gtest/gtest.h>

#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace ks::test {

// A private PostgreSQL 15 server for one test binary: initdb in a temp dir, listening on 127.0.0.1 and a free
// port (unix socket in the temp dir), with one database and one password user. PostgreSQL refuses to run as
// root, so under root (CI) the data directory is given to the `postgres` system user and every server command
// runs through `runuser -u postgres`. Stopped and removed by the destructor.
class PostgresServer
{
public:
    PostgresServer();
    ~PostgresServer();
    PostgresServer(const PostgresServer &) = delete;
    PostgresServer &operator=(const PostgresServer &) = delete;

    // Starts it; false (and error()) when initdb or the server fail. Takes 1-3 s.
    bool start();
    void stop();
    // Restarts the server (same port and data), as a crash or an administrator would; connections die.
    bool restart();
    bool isRunning() const { return m_running; }
    QString error() const { return m_error; }

    QString host() const { return QStringLiteral("127.0.0.1"); }
    int port() const { return m_port; }
    QString database() const { return QStringLiteral("keystation"); }
    QString user() const { return QStringLiteral("ks_station"); }
    QString password() const { return m_password; }
    QString socketDir() const;

    // Runs SQL through psql as the superuser (for tests that tamper with rows); returns psql's stdout.
    bool psql(const QString &sql, QString *output = nullptr, const QString &db = {});
    // A fresh empty database owned by user(), for a test that needs a journal of its own.
    bool createDatabase(const QString &name);

    // One server shared by every test of the process, started on first use: ctest runs each test case in a
    // process of its own, so test cases that never touch PostgreSQL never pay for starting it.
    static PostgresServer *shared();

    // Register in main(): ::testing::AddGlobalTestEnvironment(new ks::test::PostgresServer::Environment);
    // stops and removes the shared server after the last test.
    class Environment : public ::testing::Environment
    {
    public:
        void SetUp() override;
        void TearDown() override;
    };

private:
    bool runAsServerUser(const QStringList &command, QString *output = nullptr, int timeoutMs = 60000);
    static int freePort();

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_password;
    int m_port = 0;
    bool m_running = false;
    bool m_asRoot = false;
    QString m_error;
};

} // namespace ks::test
