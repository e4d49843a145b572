#pragma once

#include "HttpRequest.h"
#include "HttpResponse.h"

#include <QObject>

class QSslSocket;

namespace ks::test {

// One kept-alive HTTP/1.1 connection: parses requests (Content-Length bodies only), hands them out one at a
// time and writes the answers in order. Pipelined requests wait until the previous one is answered.
class HttpConnection : public QObject
{
    Q_OBJECT
public:
    // Takes ownership of socket (an encrypted server-side socket).
    HttpConnection(QSslSocket *socket, QObject *parent = nullptr);

    QSslSocket *socket() const { return m_socket; }
    // Answers the request last handed out by requestReceived().
    void respond(const HttpResponse &response);

signals:
    void requestReceived(ks::test::HttpConnection *connection, const ks::test::HttpRequest &request);

private:
    enum class Parse
    {
        NeedMore,
        Done,
        Failed,
    };
    void processBuffer();
    Parse parseHead();
    void fail(int status, const QByteArray &message);
    void write(const HttpResponse &response, bool keepAlive);

    QSslSocket *m_socket;
    QByteArray m_buffer;
    HttpRequest m_request;
    qsizetype m_bodyLength = -1; // -1: still reading the head
    bool m_busy = false; // a request is out, waiting for respond()
    bool m_closing = false;
    bool m_keepAlive = true;
    bool m_sentContinue = false;
};

} // namespace ks::test
