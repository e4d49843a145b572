#include "ScriptedTlsServer.h"

#include <QFile>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>

namespace ks::test {

ScriptedTlsServer::ScriptedTlsServer(const QString &certPath, const QString &keyPath)
{
    m_thread.start();
    m_context = new QObject;
    m_context->moveToThread(&m_thread);
    QMetaObject::invokeMethod(
        m_context,
        [this, certPath, keyPath] {
            QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
            tls.setLocalCertificateChain(QSslCertificate::fromPath(certPath));
            QFile keyFile(keyPath);
            keyFile.open(QIODevice::ReadOnly);
            const QByteArray keyPem = keyFile.readAll();
            QSslKey key(keyPem, QSsl::Ec);
            if (key.isNull())
                key = QSslKey(keyPem, QSsl::Rsa);
            tls.setPrivateKey(key);
            tls.setPeerVerifyMode(QSslSocket::VerifyNone);
            m_server = new QSslServer(m_context);
            m_server->setSslConfiguration(tls);
            QObject::connect(m_server, &QTcpServer::pendingConnectionAvailable, m_server, [this] {
                while (auto *socket = qobject_cast<QSslSocket *>(m_server->nextPendingConnection())) {
                    auto buffer = std::make_shared<QByteArray>();
                    QObject::connect(socket, &QIODevice::readyRead, socket, [this, socket, buffer] {
                        *buffer += socket->readAll();
                        const qsizetype end = buffer->indexOf("\r\n\r\n");
                        if (end < 0)
                            return;
                        qsizetype length = 0;
                        for (const QByteArray &line : buffer->left(end).split('\n')) {
                            if (line.toLower().startsWith("content-length:"))
                                length = line.mid(15).trimmed().toLongLong();
                        }
                        if (buffer->size() < end + 4 + length)
                            return;
                        ++m_requests;
                        const QByteArray answer = currentResponse();
                        if (!answer.isEmpty())
                            socket->write(answer);
                        socket->disconnectFromHost();
                    });
                    QObject::connect(socket, &QAbstractSocket::disconnected, socket, &QObject::deleteLater);
                }
            });
            m_server->listen(QHostAddress::LocalHost, 0);
            m_port = m_server->serverPort();
        },
        Qt::BlockingQueuedConnection);
}

ScriptedTlsServer::~ScriptedTlsServer()
{
    QMetaObject::invokeMethod(
        m_context, [this] { delete m_context; }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

void ScriptedTlsServer::setResponse(const QByteArray &raw)
{
    QMutexLocker lock(&m_mutex);
    m_response = raw;
}

QByteArray ScriptedTlsServer::currentResponse()
{
    QMutexLocker lock(&m_mutex);
    return m_response;
}

QByteArray ScriptedTlsServer::response(int status, const QByteArray &contentType, const QByteArray &body)
{
    return "HTTP/1.1 " + QByteArray::number(status) + " X\r\nContent-Type: " + contentType
        + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
}

} // namespace ks::test
