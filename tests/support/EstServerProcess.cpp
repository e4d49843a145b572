#include "EstServerProcess.h"

#include <QDeadlineTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSslSocket>

#ifndef KS_EST_TESTSERVER_PATH
#error "KS_EST_TESTSERVER_PATH must be defined (tests/estserver/CMakeLists.txt sets it on ks_test_support)"
#endif

namespace ks::test {

EstServerProcess::EstServerProcess(const TestPki &pki)
    : m_pki(pki)
{ }

EstServerProcess::~EstServerProcess()
{
    stop();
}

QString EstServerProcess::executablePath()
{
    return QStringLiteral(KS_EST_TESTSERVER_PATH);
}

bool EstServerProcess::start(const QStringList &extraArgs)
{
    stop();
    m_error.clear();
    QStringList args { QStringLiteral("--port"),
                       QStringLiteral("0"),
                       QStringLiteral("--ca-cert"),
                       m_pki.issuingCaCertPath(),
                       QStringLiteral("--ca-key"),
                       m_pki.issuingCaKeyPath(),
                       QStringLiteral("--tls-cert"),
                       m_pki.serverCertPath(),
                       QStringLiteral("--tls-key"),
                       m_pki.serverKeyPath(),
                       QStringLiteral("--untrusted-ca-cert"),
                       m_pki.untrustedCaCertPath(),
                       QStringLiteral("--untrusted-ca-key"),
                       m_pki.untrustedCaKeyPath() };
    if (m_pki.hasIntermediate())
        args << QStringLiteral("--chain") << m_pki.caCertPath();
    args << extraArgs;
    const qsizetype labelAt = extraArgs.indexOf(QStringLiteral("--label"));
    m_label = labelAt >= 0 && labelAt + 1 < extraArgs.size() ? extraArgs[labelAt + 1] : QString();

    m_process = std::make_unique<QProcess>();
    m_process->setProcessChannelMode(QProcess::ForwardedErrorChannel); // server errors show in the test log
    m_process->start(executablePath(), args);
    if (!m_process->waitForStarted(10000)) {
        m_error = u"cannot start "_qs + executablePath() + u": "_qs + m_process->errorString();
        m_process.reset();
        return false;
    }
    const QDeadlineTimer deadline(10000);
    QByteArray out;
    while (!out.contains('\n')) {
        if (deadline.hasExpired()
            || !m_process->waitForReadyRead(static_cast<int>(deadline.remainingTime()))) {
            m_error = u"ks-est-testserver did not report LISTENING (exit code "_qs
                + QString::number(m_process->exitCode()) + u"): "_qs + QString::fromUtf8(out);
            stop();
            return false;
        }
        out += m_process->readAllStandardOutput();
    }
    const QByteArray line = out.left(out.indexOf('\n')).trimmed();
    bool ok = false;
    m_port = line.startsWith("LISTENING ") ? static_cast<quint16>(line.mid(10).toUInt(&ok)) : 0;
    if (!ok || m_port == 0) {
        m_error = u"unexpected first line from ks-est-testserver: "_qs + QString::fromUtf8(line);
        stop();
        return false;
    }
    return true;
}

bool EstServerProcess::stop()
{
    if (!m_process)
        return true;
    bool clean = true;
    if (m_process->state() != QProcess::NotRunning) {
        m_process->terminate();
        clean = m_process->waitForFinished(5000);
        if (!clean) {
            m_process->kill();
            m_process->waitForFinished(5000);
        }
    }
    clean = clean && m_process->exitStatus() == QProcess::NormalExit && m_process->exitCode() == 0;
    if (!clean)
        m_error = u"ks-est-testserver did not exit cleanly (exit code "_qs
            + QString::number(m_process->exitCode()) + u')';
    m_process.reset();
    m_port = 0;
    return clean;
}

bool EstServerProcess::isRunning() const
{
    return m_process && m_process->state() == QProcess::Running;
}

QUrl EstServerProcess::baseUrl() const
{
    QString url = QStringLiteral("https://127.0.0.1:%1/.well-known/est").arg(m_port);
    if (!m_label.isEmpty())
        url += u'/' + m_label;
    return QUrl(url);
}

QSslConfiguration EstServerProcess::sslConfiguration() const
{
    QSslConfiguration c = QSslConfiguration::defaultConfiguration();
    c.setCaCertificates(QSslCertificate::fromPath(m_pki.caCertPath()));
    c.setProtocol(QSsl::TlsV1_2OrLater);
    c.setPeerVerifyMode(QSslSocket::VerifyPeer);
    return c;
}

QByteArray EstServerProcess::Reply::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

EstServerProcess::Reply EstServerProcess::request(const QByteArray &method, const QByteArray &path,
                                                  const QByteArray &body,
                                                  const QList<QPair<QByteArray, QByteArray>> &headers,
                                                  int timeoutMs) const
{
    Reply reply;
    QSslSocket socket;
    socket.setSslConfiguration(sslConfiguration());
    socket.connectToHostEncrypted(QStringLiteral("127.0.0.1"), m_port);
    const QDeadlineTimer deadline(timeoutMs);
    if (!socket.waitForEncrypted(timeoutMs)) {
        reply.error = u"TLS connection failed: "_qs + socket.errorString();
        return reply;
    }
    QByteArray out = method + ' ' + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
    for (const auto &[name, value] : headers)
        out += name + ": " + value + "\r\n";
    out += "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
    socket.write(out);
    QByteArray in;
    while (socket.state() == QAbstractSocket::ConnectedState && !deadline.hasExpired()) {
        if (socket.waitForReadyRead(static_cast<int>(qMax<qint64>(1, deadline.remainingTime()))))
            in += socket.readAll();
    }
    in += socket.readAll();
    const qsizetype headEnd = in.indexOf("\r\n\r\n");
    if (headEnd < 0) {
        reply.error = u"no HTTP answer: "_qs + socket.errorString();
        return reply;
    }
    const QList<QByteArray> lines = in.left(headEnd).split('\n');
    const QList<QByteArray> status = lines.first().trimmed().split(' ');
    reply.status = status.size() >= 2 ? status[1].toInt() : 0;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines[i].indexOf(':');
        if (colon > 0)
            reply.headers.append({ lines[i].left(colon).trimmed(), lines[i].mid(colon + 1).trimmed() });
    }
    reply.body = in.mid(headEnd + 4);
    return reply;
}

bool EstServerProcess::setMode(const QString &mode)
{
    const Reply r = request("POST", "/control/mode", mode.toUtf8());
    if (r.status != 200)
        m_error
            = u"setMode failed: "_qs + QString::number(r.status) + u' ' + r.error + QString::fromUtf8(r.body);
    return r.status == 200;
}

bool EstServerProcess::reset()
{
    return request("POST", "/control/reset").status == 200;
}

int EstServerProcess::stat(const QString &key)
{
    const Reply r = request("GET", "/control/stats");
    const QJsonObject o = QJsonDocument::fromJson(r.body).object();
    if (r.status != 200 || !o.contains(key)) {
        m_error = u"stats failed: "_qs + QString::number(r.status) + u' ' + r.error;
        return -1;
    }
    return o.value(key).toInt();
}

int EstServerProcess::issuedCount()
{
    return stat(QStringLiteral("issued"));
}

int EstServerProcess::requestCount()
{
    return stat(QStringLiteral("requests"));
}

} // namespace ks::test
