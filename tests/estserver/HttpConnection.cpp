#include "HttpConnection.h"

#include <QSslSocket>
#include <QTimer>

namespace ks::test {

namespace {

constexpr qsizetype kMaxHead = 64 * 1024;
constexpr qsizetype kMaxBody = 1024 * 1024;

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 100:
        return "Continue";
    case 200:
        return "OK";
    case 202:
        return "Accepted";
    case 204:
        return "No Content";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 413:
        return "Content Too Large";
    case 415:
        return "Unsupported Media Type";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 501:
        return "Not Implemented";
    default:
        return "Status";
    }
}

bool isToken(const QByteArray &s)
{
    if (s.isEmpty())
        return false;
    for (char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= 32 || u >= 127 || QByteArrayView("()<>@,;:\\\"/[]?={}").contains(c))
            return false;
    }
    return true;
}

} // namespace

HttpConnection::HttpConnection(QSslSocket *socket, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
{
    m_socket->setParent(this);
    connect(m_socket, &QIODevice::readyRead, this, &HttpConnection::processBuffer);
    connect(m_socket, &QAbstractSocket::disconnected, this, &QObject::deleteLater);
    // A peer that vanished before "disconnected" could be emitted (e.g. reset during the handshake).
    connect(m_socket, &QAbstractSocket::errorOccurred, this, [this](QAbstractSocket::SocketError) {
        if (m_socket->state() == QAbstractSocket::UnconnectedState)
            deleteLater();
    });
    QTimer::singleShot(0, this, &HttpConnection::processBuffer); // bytes may already be buffered
}

void HttpConnection::processBuffer()
{
    if (m_closing)
        return;
    m_buffer += m_socket->readAll();
    if (m_busy)
        return;
    if (m_bodyLength < 0) {
        switch (parseHead()) {
        case Parse::NeedMore:
            return;
        case Parse::Failed:
            return;
        case Parse::Done:
            break;
        }
    }
    if (m_buffer.size() < m_bodyLength) {
        // RFC 9110 section 10.1.1: curl waits for this before sending a body larger than 1 KiB.
        if (!m_sentContinue && m_request.header("Expect").compare("100-continue", Qt::CaseInsensitive) == 0) {
            m_sentContinue = true;
            m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
        }
        return;
    }
    m_request.body = m_buffer.left(m_bodyLength);
    m_buffer.remove(0, m_bodyLength);
    m_bodyLength = -1;
    m_sentContinue = false;
    m_busy = true;
    const HttpRequest request = std::exchange(m_request, HttpRequest {});
    emit requestReceived(this, request);
}

HttpConnection::Parse HttpConnection::parseHead()
{
    // RFC 9112 section 2.2: ignore empty lines before the request line.
    while (m_buffer.startsWith("\r\n"))
        m_buffer.remove(0, 2);
    const qsizetype end = m_buffer.indexOf("\r\n\r\n");
    if (end < 0) {
        if (m_buffer.size() > kMaxHead) {
            fail(431, "request head too large");
            return Parse::Failed;
        }
        return Parse::NeedMore;
    }
    // Keep the CRLF of the last header line so that every line ends in '\r'.
    QList<QByteArray> lines = m_buffer.left(end + 2).split('\n');
    lines.removeLast();
    m_buffer.remove(0, end + 4);
    for (QByteArray &line : lines) {
        if (!line.endsWith('\r')) {
            fail(400, "line not terminated by CRLF");
            return Parse::Failed;
        }
        line.chop(1);
    }

    const QList<QByteArray> requestLine = lines.first().split(' ');
    if (requestLine.size() != 3 || !isToken(requestLine[0]) || !requestLine[1].startsWith('/')
        || (requestLine[2] != "HTTP/1.1" && requestLine[2] != "HTTP/1.0")) {
        fail(400, "malformed request line");
        return Parse::Failed;
    }
    HttpRequest request;
    request.method = requestLine[0];
    request.target = requestLine[1];
    request.path = request.target.split('?').first();
    request.version = requestLine[2];
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray &line = lines[i];
        const qsizetype colon = line.indexOf(':');
        const QByteArray name = colon > 0 ? line.left(colon) : QByteArray();
        if (!isToken(name)) {
            fail(400, "malformed header line");
            return Parse::Failed;
        }
        request.headers.append({ name, line.mid(colon + 1).trimmed() });
    }

    if (request.hasHeader("Transfer-Encoding")) {
        fail(501, "Transfer-Encoding in requests is not supported; send Content-Length");
        return Parse::Failed;
    }
    qsizetype length = 0;
    bool lengthSeen = false;
    for (const auto &[name, value] : request.headers) {
        if (name.compare("Content-Length", Qt::CaseInsensitive) != 0)
            continue;
        bool ok = !value.isEmpty();
        for (char c : value)
            ok = ok && c >= '0' && c <= '9';
        const qsizetype v = ok && value.size() <= 9 ? value.toLongLong() : -1;
        if (v < 0 || (lengthSeen && v != length)) {
            fail(400, "bad Content-Length");
            return Parse::Failed;
        }
        length = v;
        lengthSeen = true;
    }
    if (length > kMaxBody) {
        fail(413, "request body too large");
        return Parse::Failed;
    }
    const QByteArray connection = request.header("Connection").toLower();
    m_keepAlive
        = request.version == "HTTP/1.1" ? !connection.contains("close") : connection.contains("keep-alive");
    m_request = request;
    m_bodyLength = length;
    return Parse::Done;
}

void HttpConnection::fail(int status, const QByteArray &message)
{
    write(HttpResponse::text(status, message), false);
}

void HttpConnection::respond(const HttpResponse &response)
{
    if (!m_busy || m_closing)
        return;
    m_busy = false;
    write(response, m_keepAlive && !response.closeAfter && !response.truncate);
    if (!m_closing)
        QTimer::singleShot(0, this, &HttpConnection::processBuffer); // next pipelined request, if any
}

void HttpConnection::write(const HttpResponse &response, bool keepAlive)
{
    QByteArray out
        = "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + reasonPhrase(response.status) + "\r\n";
    for (const auto &[name, value] : response.headers)
        out += name + ": " + value + "\r\n";
    out += "Server: ks-est-testserver\r\n";
    out += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n";
    out += keepAlive ? "Connection: keep-alive\r\n" : "Connection: close\r\n";
    out += "\r\n";
    out += response.truncate ? response.body.left(response.body.size() / 2) : response.body;
    m_socket->write(out);
    if (!keepAlive) {
        m_closing = true;
        m_socket->disconnectFromHost(); // flushes what was written, then closes
    }
}

} // namespace ks::test
