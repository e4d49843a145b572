// The station ends its TLS connections to the CA with a close_notify (RFC 8446 6.1), as strict servers
// (Cisco libest's estserver) expect: observed at the server side with plain OpenSSL, which tells a
// close_notify (SSL_ERROR_ZERO_RETURN) from a connection that just stops. (Through QNetworkAccessManager it
// did not: with Qt 6.4 its connections end in QSslSocket::close(), which drops TCP before any close_notify;
// HttpTransport now owns its sockets and ends each with QSslSocket::disconnectFromHost().)
#include "ca_client/EnrollmentClient.h"

#include "ClientHarness.h"
#include "TestPki.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QThread>

#include <gtest/gtest.h>

#include <openssl/err.h>
#include <openssl/ssl.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <thread>

using namespace ks;
using ca::CaSettings;
using test::ClientHarness;
using test::TestPki;

namespace {

// TLS connections on 127.0.0.1, one after the other: answers every HTTP request with `answer` and records how
// each connection ended.
class ShutdownProbe
{
public:
    enum class End
    {
        None, // not yet
        CloseNotify, // the client sent close_notify
        Abrupt, // the connection ended without one
    };

    ShutdownProbe(const TestPki &pki, QByteArray answer)
        : m_answer(std::move(answer))
    {
        m_ctx = SSL_CTX_new(TLS_server_method());
        SSL_CTX_use_certificate_chain_file(m_ctx, pki.serverCertPath().toLocal8Bit().constData());
        SSL_CTX_use_PrivateKey_file(m_ctx, pki.serverKeyPath().toLocal8Bit().constData(), SSL_FILETYPE_PEM);
        m_listen = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in addr {};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        ::bind(m_listen, reinterpret_cast<sockaddr *>(&addr), sizeof addr);
        ::listen(m_listen, 4);
        socklen_t len = sizeof addr;
        ::getsockname(m_listen, reinterpret_cast<sockaddr *>(&addr), &len);
        m_port = ntohs(addr.sin_port);
        m_thread = std::thread([this] { serve(); });
    }

    ~ShutdownProbe()
    {
        ::shutdown(m_listen, SHUT_RDWR);
        ::close(m_listen);
        m_thread.join();
        SSL_CTX_free(m_ctx);
    }

    quint16 port() const { return m_port; }
    int requests() const { return m_requests.load(); }
    int connections(End how) const
    {
        return how == End::CloseNotify ? m_closeNotify.load() : m_abrupt.load();
    }

private:
    void serve()
    {
        for (;;) {
            const int fd = ::accept(m_listen, nullptr, nullptr);
            if (fd < 0)
                return;
            serveOne(fd);
        }
    }

    void serveOne(int fd)
    {
        SSL *ssl = SSL_new(m_ctx);
        SSL_set_fd(ssl, fd);
        if (SSL_accept(ssl) == 1) {
            QByteArray buffer;
            char chunk[4096];
            for (;;) {
                const int n = SSL_read(ssl, chunk, sizeof chunk);
                if (n <= 0) {
                    const int error = SSL_get_error(ssl, n);
                    ++(error == SSL_ERROR_ZERO_RETURN ? m_closeNotify : m_abrupt);
                    if (error == SSL_ERROR_ZERO_RETURN)
                        SSL_shutdown(ssl); // answer it
                    break;
                }
                buffer.append(chunk, n);
                qsizetype end;
                while ((end = buffer.indexOf("\r\n\r\n")) >= 0) { // requests without a body (GET)
                    buffer.remove(0, end + 4);
                    ++m_requests;
                    SSL_write(ssl, m_answer.constData(), int(m_answer.size()));
                }
            }
        } else {
            ++m_abrupt;
        }
        SSL_free(ssl);
        ::close(fd);
        ERR_clear_error();
    }

    QByteArray m_answer;
    SSL_CTX *m_ctx = nullptr;
    int m_listen = -1;
    quint16 m_port = 0;
    std::thread m_thread;
    std::atomic<int> m_closeNotify { 0 };
    std::atomic<int> m_abrupt { 0 };
    std::atomic<int> m_requests { 0 };
};

QByteArray cacertsAnswer(const TestPki &pki)
{
    const QByteArray body = TestPki::certsOnlyPkcs7({ pki.caCertDer() }).toBase64();
    return "HTTP/1.1 200 OK\r\nContent-Type: application/pkcs7-mime\r\nContent-Transfer-Encoding: base64\r\n"
           "Content-Length: "
        + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

bool waitFor(const std::function<bool()> &condition, int ms = 10000)
{
    QElapsedTimer t;
    t.start();
    while (!condition()) {
        if (t.elapsed() > ms)
            return false;
        QThread::msleep(5);
    }
    return true;
}

TEST(TlsShutdownTest, EveryConnectionEndsWithCloseNotify)
{
    QTemporaryDir dir;
    const TestPki pki = TestPki::create(dir.path());
    ShutdownProbe probe(pki, cacertsAnswer(pki));
    CaSettings s;
    s.protocol = CaSettings::Protocol::Est;
    s.baseUrl = QUrl(QStringLiteral("https://127.0.0.1:%1/.well-known/est").arg(probe.port()));
    s.trustAnchorFile = pki.caCertPath();
    s.requestTimeout = std::chrono::seconds(10);
    ClientHarness h(s);
    ASSERT_TRUE(h.client());
    for (int i = 0; i < 2; ++i) {
        const auto certs = ClientHarness::wait(h.client()->fetchCaCertificates());
        ASSERT_TRUE(certs && *certs) << (certs ? certs->error().toString().toStdString() : "no result");
    }
    EXPECT_EQ(probe.requests(), 2);
    // The client's event loop runs in the harness's thread: the close_notify follows each answer.
    ASSERT_TRUE(waitFor([&] { return probe.connections(ShutdownProbe::End::CloseNotify) == 2; }))
        << "close_notify " << probe.connections(ShutdownProbe::End::CloseNotify) << ", abrupt "
        << probe.connections(ShutdownProbe::End::Abrupt);
    EXPECT_EQ(probe.connections(ShutdownProbe::End::Abrupt), 0);
}

} // namespace
