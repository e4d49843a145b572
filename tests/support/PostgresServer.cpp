#include "PostgresServer.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QTcpServer>
#include <QThread>

#include <mutex>

#include <grp.h>
#include <pwd.h>
#include <unistd.h>

namespace ks::test {

namespace {
const QString kBin = QStringLiteral("/usr/lib/postgresql/15/bin/");
std::unique_ptr<PostgresServer> g_shared;
} // namespace

PostgresServer::PostgresServer() = default;

PostgresServer::~PostgresServer()
{
    stop();
}

QString PostgresServer::socketDir() const
{
    return m_dir ? m_dir->path() + QStringLiteral("/sock") : QString();
}

int PostgresServer::freePort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    return probe.serverPort();
}

bool PostgresServer::runAsServerUser(const QStringList &command, QString *output, int timeoutMs)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    QStringList args = command;
    QString program = args.takeFirst();
    if (m_asRoot) {
        args.prepend(program);
        args.prepend(QStringLiteral("--"));
        args.prepend(QStringLiteral("postgres"));
        args.prepend(QStringLiteral("-u"));
        program = QStringLiteral("runuser");
    }
    p.setWorkingDirectory(m_dir->path());
    p.start(program, args);
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        m_error = QStringLiteral("%1 timed out").arg(command.join(u' '));
        return false;
    }
    const QString out = QString::fromLocal8Bit(p.readAll());
    if (output)
        *output = out;
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        m_error = QStringLiteral("%1 failed: %2").arg(command.join(u' '), out);
        return false;
    }
    return true;
}

bool PostgresServer::start()
{
    if (m_running)
        return true;
    m_asRoot = ::geteuid() == 0;
    m_dir = std::make_unique<QTemporaryDir>(QDir::tempPath() + QStringLiteral("/ks-pg-XXXXXX"));
    if (!m_dir->isValid()) {
        m_error = QStringLiteral("cannot create a temp dir");
        return false;
    }
    QDir(m_dir->path()).mkpath(QStringLiteral("sock"));
    m_password = QString::number(QRandomGenerator::system()->generate64(), 36) + QStringLiteral("Aa1");
    {
        QFile pw(m_dir->path() + QStringLiteral("/pwfile"));
        if (!pw.open(QIODevice::WriteOnly))
            return false;
        pw.write("superpw\n");
    }
    if (m_asRoot) {
        const passwd *pg = ::getpwnam("postgres");
        if (!pg) {
            m_error = QStringLiteral("no postgres system user");
            return false;
        }
        for (const QString &path : { m_dir->path(), m_dir->path() + QStringLiteral("/sock"),
                                     m_dir->path() + QStringLiteral("/pwfile") })
            if (::chown(QFile::encodeName(path).constData(), pg->pw_uid, pg->pw_gid) != 0) {
                m_error = QStringLiteral("chown %1 failed").arg(path);
                return false;
            }
    }
    const QString data = m_dir->path() + QStringLiteral("/data");
    if (!runAsServerUser({ kBin + QStringLiteral("initdb"), QStringLiteral("-D"), data, QStringLiteral("-U"),
                           QStringLiteral("postgres"),
                           QStringLiteral("--pwfile=") + m_dir->path() + QStringLiteral("/pwfile"),
                           QStringLiteral("-A"), QStringLiteral("scram-sha-256"),
                           QStringLiteral("--auth-local=trust"), QStringLiteral("-E"), QStringLiteral("UTF8"),
                           QStringLiteral("--no-sync"), QStringLiteral("--no-instructions") }))
        return false;
    for (int tries = 0; tries < 5 && !m_running; ++tries) {
        m_port = freePort();
        // fsync off: a test server's durability is not under test; it makes initdb and commits fast.
        const QString options
            = QStringLiteral("-c listen_addresses=127.0.0.1 -c port=%1 -c unix_socket_directories=%2 "
                             "-c fsync=off -c max_connections=50")
                  .arg(m_port)
                  .arg(socketDir());
        if (runAsServerUser({ kBin + QStringLiteral("pg_ctl"), QStringLiteral("-D"), data,
                              QStringLiteral("-o"), options, QStringLiteral("-l"),
                              m_dir->path() + QStringLiteral("/server.log"), QStringLiteral("-w"),
                              QStringLiteral("-t"), QStringLiteral("30"), QStringLiteral("start") }))
            m_running = true;
    }
    if (!m_running)
        return false;
    QString quotedPw = m_password;
    if (!psql(QStringLiteral("CREATE USER %1 PASSWORD '%2'").arg(user(), quotedPw), nullptr,
              QStringLiteral("postgres"))
        || !createDatabase(database())) {
        stop();
        return false;
    }
    return true;
}

bool PostgresServer::createDatabase(const QString &name)
{
    return psql(QStringLiteral("CREATE DATABASE %1 OWNER %2").arg(name, user()), nullptr,
                QStringLiteral("postgres"));
}

bool PostgresServer::psql(const QString &sql, QString *output, const QString &db)
{
    return runAsServerUser({ QStringLiteral("psql"), QStringLiteral("-X"), QStringLiteral("-q"),
                             QStringLiteral("-A"), QStringLiteral("-t"), QStringLiteral("-v"),
                             QStringLiteral("ON_ERROR_STOP=1"), QStringLiteral("-h"), socketDir(),
                             QStringLiteral("-p"), QString::number(m_port), QStringLiteral("-U"),
                             QStringLiteral("postgres"), QStringLiteral("-d"), db.isEmpty() ? database() : db,
                             QStringLiteral("-c"), sql },
                           output);
}

void PostgresServer::stop()
{
    if (m_running) {
        runAsServerUser({ kBin + QStringLiteral("pg_ctl"), QStringLiteral("-D"),
                          m_dir->path() + QStringLiteral("/data"), QStringLiteral("-m"),
                          QStringLiteral("immediate"), QStringLiteral("-w"), QStringLiteral("stop") });
        m_running = false;
    }
    m_dir.reset(); // removes the data directory (root may remove postgres-owned files)
}

PostgresServer *PostgresServer::shared()
{
    static std::mutex mutex;
    std::lock_guard lock(mutex);
    if (!g_shared) {
        g_shared = std::make_unique<PostgresServer>();
        if (!g_shared->start())
            ADD_FAILURE() << "PostgreSQL test server did not start: " << g_shared->error().toStdString();
    }
    return g_shared.get();
}

bool PostgresServer::restart()
{
    if (!m_running)
        return false;
    return runAsServerUser({ kBin + QStringLiteral("pg_ctl"), QStringLiteral("-D"),
                             m_dir->path() + QStringLiteral("/data"), QStringLiteral("-l"),
                             m_dir->path() + QStringLiteral("/server.log"), QStringLiteral("-m"),
                             QStringLiteral("fast"), QStringLiteral("-w"), QStringLiteral("-t"),
                             QStringLiteral("30"), QStringLiteral("restart") });
}

void PostgresServer::Environment::SetUp() { }

void PostgresServer::Environment::TearDown()
{
    g_shared.reset();
}

} // namespace ks::test
