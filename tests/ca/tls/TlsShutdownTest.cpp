// The station should end its TLS connections to the CA with a close_notify (RFC 8446 6.1), as strict servers
// (Cisco libest's estserver) expect: observed at the server side with plain OpenSSL, which tells a
// close_notify (SSL_ERROR_ZERO_RETURN) from a connection that just stops.
//
// OPEN (issue 10): today it does not. HttpTransport sends through QNetworkAccessManager, whose connections
// end in QSslSocket::close(), and with Qt 6.4 that closes the TCP socket before any close_notify is written;
// this probe sees "Abrupt". Fixing it needs a transport that owns its sockets and ends them with
// QSslSocket::disconnectFromHost(). The test is disabled until then; run it with
// --gtest_also_run_disabled_tests to see the current behaviour.
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

// One TLS connection at a time on 127.0.0.1: answers every HTTP request with `answer` (keep-alive) until the
// client goes, then records how it went.
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
    End end() const { return m_end.load(); }
    int requests() const { return m_requests.load(); }

private:
    void serve()
    {
        const int fd = ::accept(m_listen, nullptr, nullptr);
        if (fd < 0)
            return;
        SSL *ssl = SSL_new(m_ctx);
        SSL_set_fd(ssl, fd);
        if (SSL_accept(ssl) == 1) {
            QByteArray buffer;
            char chunk[4096];
            for (;;) {
                const int n = SSL_read(ssl, chunk, sizeof chunk);
                if (n <= 0) {
                    const int error = SSL_get_error(ssl, n);
                    m_end = error == SSL_ERROR_ZERO_RETURN ? End::CloseNotify : End::Abrupt;
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
            m_end = End::Abrupt;
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
    std::atomic<End> m_end { End::None };
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

TEST(TlsShutdownTest, DISABLED_ClosingTheClientSendsCloseNotify)
{
    QTemporaryDir dir;
    const TestPki pki = TestPki::create(dir.path());
    ShutdownProbe probe(pki, cacertsAnswer(pki));
    CaSettings s;
    s.protocol = CaSettings::Protocol::Est;
    s.baseUrl = QUrl(QStringLiteral("https://127.0.0.1:%1/.well-known/est").arg(probe.port()));
    s.trustAnchorFile = pki.caCertPath();
    s.requestTimeout = std::chrono::seconds(10);
    {
        ClientHarness h(s);
        ASSERT_TRUE(h.client());
        for (int i = 0; i < 2; ++i) { // the second request reuses the kept-alive connection
            const auto certs = ClientHarness::wait(h.client()->fetchCaCertificates());
            ASSERT_TRUE(certs && *certs) << (certs ? certs->error().toString().toStdString() : "no result");
        }
        EXPECT_EQ(probe.requests(), 2);
        EXPECT_EQ(probe.end(), ShutdownProbe::End::None); // kept alive while the client lives
    } // the client (and its connections) go here
    ASSERT_TRUE(waitFor([&] { return probe.end() != ShutdownProbe::End::None; }));
    EXPECT_EQ(probe.end(), ShutdownProbe::End::CloseNotify);
}

} // namespace
