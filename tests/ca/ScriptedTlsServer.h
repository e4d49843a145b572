#pragma once

#include <QByteArray>
#include <QMutex>
#include <QString>
#include <QThread>

#include <atomic>
#include <memory>

class QSslServer;

namespace ks::test {

// A seam for answers no real CA gives on purpose: a TLS server on 127.0.0.1 (own thread) that reads one
// HTTP request per connection and sends back exactly the configured bytes, or closes without a word.
// Used only for malformed CFSSL answers and dropped connections; everything else runs against real servers.
class ScriptedTlsServer
{
public:
    ScriptedTlsServer(const QString &certPath, const QString &keyPath);
    ~ScriptedTlsServer();

    quint16 port() const { return m_port; }
    // Complete requests received (each answered as configured).
    int requestCount() const { return m_requests.load(); }
    // Raw HTTP response (status line, headers, body); empty = close the connection after the request.
    void setResponse(const QByteArray &raw);
    static QByteArray response(int status, const QByteArray &contentType, const QByteArray &body);

private:
    QByteArray currentResponse();

    QThread m_thread;
    QObject *m_context = nullptr; // lives in m_thread
    QSslServer *m_server = nullptr;
    quint16 m_port = 0;
    QMutex m_mutex;
    QByteArray m_response;
    std::atomic<int> m_requests { 0 };
};

} // namespace ks::test
