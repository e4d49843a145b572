#include "CfsslServer.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTcpServer>
#include <QThread>

namespace ks::test {

namespace {

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(data) == data.size();
}

// cfssl's certdb schema for SQLite (certdb/sqlite/migrations/001_CreateCertificates.sql in cfssl 1.2).
const char *const kCertDbSchema
    = "CREATE TABLE certificates (serial_number blob NOT NULL, authority_key_identifier blob NOT NULL,"
      " ca_label blob, status blob NOT NULL, reason int, expiry timestamp, revoked_at timestamp, pem blob "
      "NOT NULL,"
      " PRIMARY KEY(serial_number, authority_key_identifier));"
      "CREATE TABLE ocsp_responses (serial_number blob NOT NULL, authority_key_identifier blob NOT NULL,"
      " body blob NOT NULL, expiry timestamp, PRIMARY KEY(serial_number, authority_key_identifier));";

int runQuiet(const QString &program, const QStringList &args, QByteArray *out = nullptr)
{
    QProcess p;
    p.start(program, args);
    if (!p.waitForFinished(10000))
        return -1;
    if (out)
        *out = p.readAllStandardOutput();
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
}

} // namespace

CfsslServer::CfsslServer() = default;

CfsslServer::~CfsslServer()
{
    stop();
}

QString CfsslServer::configJson(bool everyProfileAuthenticated)
{
    const QString auth = QStringLiteral(R"(, "auth_key": "primary")");
    const QString defaultAuth = everyProfileAuthenticated ? auth : QString();
    return QStringLiteral(R"({
  "signing": {
    "default": {"expiry": "24h", "usages": ["digital signature"]%1},
    "profiles": {
      "station": {"expiry": "8760h", "usages": ["digital signature", "client auth"]%1},
      "station-auth": {"expiry": "8760h", "usages": ["digital signature", "client auth"]%2},
      "station-rsa": {"expiry": "8760h", "usages": ["digital signature", "key encipherment", "client auth"]%1}
    }
  },
  "auth_keys": {"primary": {"type": "standard", "key": "%3"}}
})")
        .arg(defaultAuth, auth, QString::fromLatin1(authKeyHex()));
}

quint16 CfsslServer::freePort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    return probe.serverPort();
}

QUrl CfsslServer::baseUrl() const
{
    return QUrl(QStringLiteral("https://127.0.0.1:%1").arg(m_port));
}

QString CfsslServer::log() const
{
    QFile f(m_dir.filePath(QStringLiteral("server.log")));
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

bool CfsslServer::start(const Options &o)
{
    if (!m_dir.isValid()) {
        m_error = QStringLiteral("no temp dir");
        return false;
    }
    const QString config = m_dir.filePath(QStringLiteral("config.json"));
    const QString dbConfig = m_dir.filePath(QStringLiteral("db.json"));
    m_dbPath = m_dir.filePath(QStringLiteral("certs.db"));
    QFile::remove(m_dbPath);
    if (!writeFile(config, configJson(false).toUtf8())
        || !writeFile(dbConfig,
                      QStringLiteral(R"({"driver":"sqlite3","data_source":"%1"})").arg(m_dbPath).toUtf8())
        || runQuiet(QStringLiteral("sqlite3"), { m_dbPath, QString::fromLatin1(kCertDbSchema) }) != 0) {
        m_error = QStringLiteral("cannot write the cfssl config or certdb in %1").arg(m_dir.path());
        return false;
    }
    for (int attempt = 0; attempt < 3; ++attempt) {
        m_port = o.port ? o.port : freePort();
        QStringList args { QStringLiteral("serve"),
                           QStringLiteral("-address"),
                           QStringLiteral("127.0.0.1"),
                           QStringLiteral("-port"),
                           QString::number(m_port),
                           QStringLiteral("-ca"),
                           o.caCertPath,
                           QStringLiteral("-ca-key"),
                           o.caKeyPath,
                           QStringLiteral("-config"),
                           config,
                           QStringLiteral("-tls-cert"),
                           o.tlsCertPath,
                           QStringLiteral("-tls-key"),
                           o.tlsKeyPath,
                           QStringLiteral("-db-config"),
                           dbConfig };
        if (!o.mutualTlsCaPath.isEmpty())
            args << QStringLiteral("-mutual-tls-ca") << o.mutualTlsCaPath << QStringLiteral("-mutual-tls-cn")
                 << o.mutualTlsCnRegex;
        const QString trust = o.probeTrustPath.isEmpty() ? o.caCertPath : o.probeTrustPath;
        if (launch(QStringLiteral("cfssl"), args, trust, o.probeClientCertPath, o.probeClientKeyPath))
            return true;
    }
    return false;
}

bool CfsslServer::startMultiroot(const QList<Root> &roots, const QString &tlsCertPath,
                                 const QString &tlsKeyPath, const QString &trustPath,
                                 const QString &defaultLabel)
{
    const QString config = m_dir.filePath(QStringLiteral("multiroot-config.json"));
    const QString rootsFile = m_dir.filePath(QStringLiteral("roots.conf"));
    m_dbPath.clear();
    QByteArray ini;
    for (const Root &r : roots) {
        // multirootca's roots file: one [label] section per root (cfssl/multiroot/config).
        ini += "[" + r.label.toUtf8() + "]\n";
        ini += "private = file://" + r.caKeyPath.toUtf8() + "\n";
        ini += "certificate = " + r.caCertPath.toUtf8() + "\n";
        ini += "config = " + config.toUtf8() + "\n\n";
    }
    if (!writeFile(config, configJson(true).toUtf8()) || !writeFile(rootsFile, ini)) {
        m_error = QStringLiteral("cannot write the multirootca config");
        return false;
    }
    for (int attempt = 0; attempt < 3; ++attempt) {
        m_port = freePort();
        QStringList args { QStringLiteral("-a"),        QStringLiteral("127.0.0.1:%1").arg(m_port),
                           QStringLiteral("-roots"),    rootsFile,
                           QStringLiteral("-tls-cert"), tlsCertPath,
                           QStringLiteral("-tls-key"),  tlsKeyPath };
        if (!defaultLabel.isEmpty())
            args << QStringLiteral("-l") << defaultLabel;
        if (launch(QStringLiteral("multirootca"), args, trustPath, {}, {}))
            return true;
    }
    return false;
}

bool CfsslServer::launch(const QString &program, const QStringList &args, const QString &trustPath,
                         const QString &clientCert, const QString &clientKey)
{
    stop();
    m_process = std::make_unique<QProcess>();
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    m_process->setStandardOutputFile(m_dir.filePath(QStringLiteral("server.log")), QIODevice::Append);
    m_process->start(program, args);
    if (!m_process->waitForStarted(5000)) {
        m_error = QStringLiteral("%1 did not start: %2").arg(program, m_process->errorString());
        m_process.reset();
        return false;
    }
    // Ready means: info answers 200 over TLS (multirootca's info needs a label or default label, any
    // HTTP answer proves it is listening).
    QStringList probe { QStringLiteral("-s"),
                        QStringLiteral("-o"),
                        QStringLiteral("/dev/null"),
                        QStringLiteral("-w"),
                        QStringLiteral("%{http_code}"),
                        QStringLiteral("--max-time"),
                        QStringLiteral("2"),
                        QStringLiteral("--cacert"),
                        trustPath,
                        QStringLiteral("-d"),
                        QStringLiteral("{}"),
                        baseUrl().toString() + QStringLiteral("/api/v1/cfssl/info") };
    if (!clientCert.isEmpty())
        probe << QStringLiteral("--cert") << clientCert << QStringLiteral("--key") << clientKey;
    const bool multiroot = program == u"multirootca";
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < 10000) {
        if (m_process->state() != QProcess::Running) {
            m_error = QStringLiteral("%1 exited: %2").arg(program, log());
            m_process.reset();
            return false;
        }
        QByteArray code;
        runQuiet(QStringLiteral("curl"), probe, &code);
        if (code == "200" || (multiroot && code != "000" && !code.isEmpty()))
            return true;
        QThread::msleep(50);
    }
    m_error = QStringLiteral("%1 did not answer on port %2: %3").arg(program).arg(m_port).arg(log());
    stop();
    return false;
}

void CfsslServer::stop()
{
    if (!m_process)
        return;
    if (m_process->state() != QProcess::NotRunning) {
        m_process->terminate();
        if (!m_process->waitForFinished(3000)) {
            m_process->kill();
            m_process->waitForFinished(3000);
        }
    }
    m_process.reset();
}

int CfsslServer::issuedCount() const
{
    if (m_dbPath.isEmpty())
        return -1;
    QByteArray out;
    if (runQuiet(QStringLiteral("sqlite3"),
                 { m_dbPath, QStringLiteral("SELECT count(*) FROM certificates;") }, &out)
        != 0)
        return -1;
    bool ok = false;
    const int n = out.trimmed().toInt(&ok);
    return ok ? n : -1;
}

} // namespace ks::test
