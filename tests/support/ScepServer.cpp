#include "ScepServer.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QFile>
#include <QSslCertificate>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>

namespace ks::test {

namespace {

quint16 freePort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    return probe.serverPort();
}

// One blocking plain-HTTP GET; the whole answer (status line, headers, body), empty when nothing answered.
QByteArray httpGet(quint16 port, const QByteArray &pathAndQuery)
{
    QTcpSocket s;
    s.connectToHost(QHostAddress::LocalHost, port);
    if (!s.waitForConnected(500))
        return 0;
    s.write("GET " + pathAndQuery + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    QByteArray answer;
    while (s.waitForReadyRead(1000))
        answer += s.readAll();
    answer += s.readAll();
    return answer.startsWith("HTTP/1.") ? answer : QByteArray();
}

} // namespace

ScepServer::ScepServer() = default;

ScepServer::~ScepServer()
{
    stop();
}

QUrl ScepServer::url() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1/scep").arg(m_port));
}

QString ScepServer::depotPath() const
{
    return m_dir.filePath(QStringLiteral("depot"));
}

QString ScepServer::caCertificatePath() const
{
    return depotPath() + QStringLiteral("/ca.pem");
}

QByteArray ScepServer::caCertificateDer() const
{
    QFile f(caCertificatePath());
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const auto certs = QSslCertificate::fromData(f.readAll(), QSsl::Pem);
    return certs.isEmpty() ? QByteArray() : certs.first().toDer();
}

QByteArray ScepServer::caCertificateSha256() const
{
    return QCryptographicHash::hash(caCertificateDer(), QCryptographicHash::Sha256);
}

QString ScepServer::log() const
{
    QFile f(m_dir.filePath(QStringLiteral("server.log")));
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

int ScepServer::pkiOperationCount() const
{
    // scepserver logs one "op=PKIOperation" line per handled message (endpoint.go).
    return int(log().count(QStringLiteral("op=PKIOperation")));
}

int ScepServer::issuedCount() const
{
    QFile f(depotPath() + QStringLiteral("/index.txt"));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    int lines = 0;
    for (const QByteArray &line : f.readAll().split('\n'))
        lines += line.trimmed().isEmpty() ? 0 : 1;
    return lines;
}

bool ScepServer::start(const QString &challenge)
{
    if (!m_dir.isValid()) {
        m_error = QStringLiteral("no temp dir");
        return false;
    }
    if (!QFile::exists(caCertificatePath())) {
        QProcess init;
        init.setWorkingDirectory(m_dir.path());
        init.setProcessChannelMode(QProcess::MergedChannels);
        init.start(QStringLiteral("scepserver"),
                   { QStringLiteral("ca"), QStringLiteral("-init"), QStringLiteral("-depot"), depotPath(),
                     QStringLiteral("-keySize"), QStringLiteral("2048") });
        if (!init.waitForFinished(20000) || init.exitCode() != 0 || !QFile::exists(caCertificatePath())) {
            m_error = QStringLiteral("scepserver ca -init failed: %1")
                          .arg(QString::fromUtf8(init.readAll()) + init.errorString());
            return false;
        }
    }
    for (int attempt = 0; attempt < 3; ++attempt) {
        stop();
        m_port = freePort();
        QStringList args { QStringLiteral("-depot"), depotPath(), QStringLiteral("-port"),
                           QString::number(m_port), QStringLiteral("-debug") };
        if (!challenge.isEmpty())
            args << QStringLiteral("-challenge") << challenge;
        m_process = std::make_unique<QProcess>();
        m_process->setWorkingDirectory(m_dir.path());
        m_process->setProcessChannelMode(QProcess::MergedChannels);
        m_process->setStandardOutputFile(m_dir.filePath(QStringLiteral("server.log")), QIODevice::Append);
        m_process->start(QStringLiteral("scepserver"), args);
        if (!m_process->waitForStarted(5000)) {
            m_error = QStringLiteral("scepserver did not start: %1").arg(m_process->errorString());
            m_process.reset();
            return false;
        }
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < 10000 && m_process->state() == QProcess::Running) {
            // Ready when the server on the port hands out this depot's CA certificate: a free port can be
            // taken by another test's scepserver between freePort() and our bind, and that one answers too.
            const QByteArray answer = httpGet(m_port, "/scep?operation=GetCACert");
            if (answer.startsWith("HTTP/1.1 200") && answer.contains(caCertificateDer())
                && m_process->state() == QProcess::Running)
                return true;
            QThread::msleep(50);
        }
        m_error = QStringLiteral("scepserver did not answer on port %1: %2").arg(m_port).arg(log());
    }
    stop();
    return false;
}

void ScepServer::stop()
{
    if (!m_process)
        return;
    m_process->terminate();
    if (!m_process->waitForFinished(5000)) {
        m_process->kill();
        m_process->waitForFinished(5000);
    }
    m_process.reset();
}

} // namespace ks::test
